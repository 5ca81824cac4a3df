import { apiRoute } from "@/app/api/_lib/api-route";
import { db } from "@/lib/db/client";
import { loadEnv } from "@/lib/env";
import { loadGitHubConfig } from "@/lib/github/config";
import { producerBoss } from "@/lib/github/producer";
import { receiveWebhook } from "@/lib/github/webhook-receiver";

export const dynamic = "force-dynamic";

/** GitHub App webhook deliveries: verified, de-duplicated, queued; 202 without waiting for the work. */
export const POST = apiRoute(async (req, _params, ctx) => {
  const config = await loadGitHubConfig(db(), loadEnv());
  const outcome = await receiveWebhook(req, { db: db(), boss: producerBoss, webhookSecret: config?.webhookSecret ?? null });
  Object.assign(ctx.logFields, outcome.log);
  return Response.json(outcome.body, { status: outcome.status });
});
