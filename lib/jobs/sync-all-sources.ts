// sync-all-sources: the periodic fan-out (SYNC_CRON). Queues one sync-source per organization and
// closes out scans that no job will ever finish (their job ended or vanished while the Scan row
// still says QUEUED/CLONING/SCANNING), so the dashboard stops showing them as running. Also deletes
// expired sign-in sessions (a browser that never comes back leaves its row behind otherwise).
import { listSyncableOrgs } from "../db/orgs.ts";
import { finishScanWithoutResults, listStaleActiveScans } from "../db/scans.ts";
import { deleteExpiredSessions } from "../db/sessions.ts";
import { implementJob, type JobContext } from "../queue/define-job.ts";
import { enqueue } from "../queue/enqueue.ts";
import { scanRepoSpec } from "./specs/scan-repo.ts";
import { syncAllSourcesSpec } from "./specs/sync-all-sources.ts";
import { syncSourceSpec } from "./specs/sync-source.ts";

/** An active scan older than this is checked against its job. */
const STALE_AFTER_MS = 60 * 60 * 1000;

export const syncAllSources = implementJob(syncAllSourcesSpec, handleSyncAllSources);

async function handleSyncAllSources(_payload: object, ctx: JobContext) {
  const orgs = await listSyncableOrgs(ctx.db);
  let queued = 0;
  for (const org of orgs) {
    if (await enqueue(ctx.boss, syncSourceSpec, { orgId: org.id })) queued++;
  }
  const abandoned = await closeAbandonedScans(ctx);
  const expiredSessions = await deleteExpiredSessions(ctx.db);
  ctx.log.info({ orgs: orgs.length, syncsQueued: queued, abandonedScans: abandoned, expiredSessions }, "sync fan-out done");
  return { orgs: orgs.length, syncsQueued: queued, abandonedScans: abandoned, expiredSessions };
}

async function closeAbandonedScans(ctx: JobContext): Promise<number> {
  const stale = await listStaleActiveScans(ctx.db, new Date(Date.now() - STALE_AFTER_MS));
  let closed = 0;
  for (const scan of stale) {
    const [job] = scan.jobId ? await ctx.boss.findJobs(scanRepoSpec.name, { id: scan.jobId }) : [];
    if (job && (job.state === "created" || job.state === "retry" || job.state === "active")) continue;
    const reason = job ? `abandoned: its job ended ${job.state} without finishing the scan` : "abandoned: its job no longer exists";
    if (await finishScanWithoutResults(ctx.db, scan.id, { status: "FAILED", reason })) closed++;
  }
  return closed;
}
