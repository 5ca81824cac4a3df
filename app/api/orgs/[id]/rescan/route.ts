import { apiRoute, noStoreJson } from "@/app/api/_lib/api-route";
import { guardRead, guardWrite } from "@/app/api/_lib/guard";
import { db } from "@/lib/db/client";
import { findRescannableOrg, getOrgScanProgress } from "@/lib/db/rescan";
import { enqueueScan } from "@/lib/jobs/enqueue-scan";
import { producerBoss } from "@/lib/queue/producer";

export const dynamic = "force-dynamic";

/** Scan progress of every active repository of the org (polled by the org rescan panel). */
export const GET = apiRoute<{ id: string }>(async (req, { id }, ctx) => {
  const guard = await guardRead(req, ctx);
  if ("refuse" in guard) return guard.refuse;
  const progress = await getOrgScanProgress(db(), id, guard.scope);
  if (!progress) return noStoreJson({ error: "organization not found" }, 404);
  return noStoreJson({ progress });
});

/**
 * Queues a scan of every active repository of the org. 202 with counts: `queued` new scans and
 * `alreadyQueued` repositories that had one waiting (not duplicated).
 */
export const POST = apiRoute<{ id: string }>(async (req, { id }, ctx) => {
  const guard = await guardWrite(req, ctx);
  if ("refuse" in guard) return guard.refuse;
  const org = await findRescannableOrg(db(), id, guard.scope);
  if (!org) return noStoreJson({ error: "organization not found" }, 404);
  if (org.suspendedAt) return noStoreJson({ error: "the organization's installation is suspended; scans resume when it is unsuspended" }, 409);
  const boss = await producerBoss();
  let queued = 0;
  for (const repositoryId of org.repositoryIds) {
    if (await enqueueScan(db(), boss, { repositoryId, trigger: "MANUAL" })) queued++;
  }
  const progress = await getOrgScanProgress(db(), id, guard.scope);
  ctx.logFields.orgId = id;
  ctx.logFields.queued = queued;
  return noStoreJson({ repos: org.repositoryIds.length, queued, alreadyQueued: org.repositoryIds.length - queued, progress }, 202);
});
