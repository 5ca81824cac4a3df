// Seeds an org with two weeks of scan history and members for the email preview spec (its own rows
// only: ids start with "e2e-email-").
import type { PrismaClient } from "../../lib/db/generated/prisma/client.ts";
import { digestFixture, seedDigestFixture } from "../../lib/email/testing/digest-fixture.ts";

export const EMAIL_FIXTURE = digestFixture("e2e-email", new Date());

export async function seedEmailPreview(client: PrismaClient): Promise<void> {
  await seedDigestFixture(client, EMAIL_FIXTURE);
}
