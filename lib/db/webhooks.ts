// Webhook deliveries (X-GitHub-Delivery): recorded before anything is enqueued, so a replayed or
// redelivered id is recognised. The payload itself is never stored.
import { Prisma, type PrismaClient } from "./generated/prisma/client.ts";
import type { DeliveryStatus } from "./generated/prisma/enums.ts";

type Client = PrismaClient | Prisma.TransactionClient;

/** Records a delivery; returns false when this delivery id was already recorded (a replay). */
export async function recordWebhookDelivery(
  client: Client,
  input: { deliveryId: string; event: string; action: string | null; installationId: bigint | null; status: DeliveryStatus; error?: string | null },
): Promise<boolean> {
  try {
    await client.webhookDelivery.create({ data: { ...input, error: input.error ?? null }, select: { id: true } });
    return true;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return false;
    throw err;
  }
}

export async function markWebhookDelivery(client: Client, deliveryId: string, data: { status: DeliveryStatus; jobId?: string | null; error?: string | null }): Promise<void> {
  await client.webhookDelivery.update({ where: { deliveryId }, data, select: { id: true } });
}

export async function findWebhookDelivery(client: Client, deliveryId: string) {
  return client.webhookDelivery.findUnique({
    where: { deliveryId },
    select: { deliveryId: true, event: true, action: true, installationId: true, status: true, jobId: true, error: true, receivedAt: true },
  });
}
