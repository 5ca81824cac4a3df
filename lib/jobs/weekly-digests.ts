// weekly-digests: the REPORT_CRON fan-out. Fixes the week and the moment the digests describe, then
// queues one org-digest per active org. Without SMTP_URL it does nothing (email is optional); with
// SMTP_URL but no SESSION_SECRET it refuses (unsubscribe links could not be signed).
import { listSyncableOrgs } from "../db/orgs.ts";
import { requireSessionSecret } from "../email/compose-digest.ts";
import { isoWeek } from "../email/week.ts";
import { implementJob, type JobContext } from "../queue/define-job.ts";
import { enqueue } from "../queue/enqueue.ts";
import { orgDigestSpec } from "./specs/org-digest.ts";
import { weeklyDigestsSpec } from "./specs/weekly-digests.ts";

export const weeklyDigests = implementJob(weeklyDigestsSpec, handleWeeklyDigests);

async function handleWeeklyDigests(payload: { asOf?: string }, ctx: JobContext) {
  if (!ctx.env.SMTP_URL) {
    ctx.log.info("weekly digests skipped: SMTP_URL is not set");
    return { skipped: "SMTP_URL is not set" };
  }
  requireSessionSecret(ctx.env);
  const asOf = payload.asOf ? new Date(payload.asOf) : new Date();
  const week = isoWeek(asOf);
  const orgs = await listSyncableOrgs(ctx.db);
  let queued = 0;
  for (const org of orgs) {
    if (await enqueue(ctx.boss, orgDigestSpec, { orgId: org.id, week, asOf: asOf.toISOString() })) queued++;
  }
  ctx.log.info({ week, orgs: orgs.length, queued }, "weekly digests fanned out");
  return { week, orgs: orgs.length, queued };
}
