// sync-source: bring one organization's repositories up to date with its source, then queue a
// scan for every repository whose HEAD has no finished scan by the current scanner (new
// repositories, changed HEADs, a new scanner or rule-set version). Repositories gone from the
// source are marked removed (their scans are kept). Idempotent: a second run finds nothing to do.
import { markInstallationDeleted, setInstallationSuspended } from "../db/github.ts";
import { findOrgForSync, markOrgSynced, upsertLocalOrg } from "../db/orgs.ts";
import { listRepositoriesNeedingScan, markRemovedRepositories, upsertRepositories } from "../db/repositories.ts";
import { AppError } from "../errors.ts";
import { implementJob, type JobContext } from "../queue/define-job.ts";
import { isInstallationGone, isInstallationSuspended } from "../sources/github-source.ts";
import { enqueueScan } from "./enqueue-scan.ts";
import { SCANNER } from "./scan-repo.ts";
import { syncSourceSpec, type SyncSourcePayload } from "./specs/sync-source.ts";

export { syncSourcePayloadSchema, type SyncSourcePayload } from "./specs/sync-source.ts";

export const syncSource = implementJob(syncSourceSpec, handleSyncSource);

async function handleSyncSource(payload: SyncSourcePayload, ctx: JobContext) {
  const { db } = ctx;
  const org =
    "local" in payload
      ? await upsertLocalOrg(db, { login: payload.local.name, localPath: payload.local.path })
      : await findOrgForSync(db, payload.orgId);
  if (!org) throw new AppError("NOT_FOUND", `organization ${"orgId" in payload ? payload.orgId : ""} does not exist`);
  const log = ctx.log.child({ orgId: org.id, org: org.login });
  if (org.deletedAt || org.suspendedAt) {
    log.info("organization deleted or suspended: not synced");
    return { orgId: org.id, skipped: true };
  }

  const source = ctx.sourceFor(org);
  let listed;
  try {
    listed = await source.listRepositories(ctx.signal);
  } catch (err) {
    // GitHub says the installation is gone or suspended: record it, so periodic syncs skip the org
    // until an installation webhook (or the setup page) brings it back.
    if (org.githubInstallationId !== null && isInstallationGone(err)) {
      await markInstallationDeleted(db, org.githubInstallationId);
      log.warn({ installationId: String(org.githubInstallationId) }, "GitHub installation gone: organization marked deleted");
      return { orgId: org.id, skipped: true, reason: "installation gone" };
    }
    if (org.githubInstallationId !== null && isInstallationSuspended(err)) {
      await setInstallationSuspended(db, org.githubInstallationId, true);
      log.warn({ installationId: String(org.githubInstallationId) }, "GitHub installation suspended: organization marked suspended");
      return { orgId: org.id, skipped: true, reason: "installation suspended" };
    }
    throw err;
  }
  const upserted = await upsertRepositories(db, org.id, listed);
  const removed = await markRemovedRepositories(db, org.id, listed.map((r) => r.externalId));

  const needing = await listRepositoriesNeedingScan(db, org.id, SCANNER);
  let queued = 0;
  for (const repo of needing) {
    if (ctx.signal.aborted) throw new AppError("ABORTED", "sync aborted");
    if (await enqueueScan(db, ctx.boss, { repositoryId: repo.id, trigger: "SYNC" })) queued++;
  }
  await markOrgSynced(db, org.id);
  log.info({ repositories: upserted.length, removed, scansQueued: queued }, "source synced");
  return { orgId: org.id, repositories: upserted.length, removed, scansQueued: queued };
}
