import { apiRoute, noStoreJson } from "@/app/api/_lib/api-route";
import { guardWrite } from "@/app/api/_lib/guard";
import { db } from "@/lib/db/client";
import { findLatestScan, findRescannableRepo } from "@/lib/db/rescan";
import { enqueueScan } from "@/lib/jobs/enqueue-scan";
import { producerBoss } from "@/lib/queue/producer";

export const dynamic = "force-dynamic";

/**
 * Queues a scan of one repository (the Rescan button). 202 with the new scan (QUEUED, or already CLONING/SCANNING
 * when a worker picked the job up before this response read it); 200 with the
 * existing one when a scan of this repository is already queued (no duplicate); 401 anonymous; 404
 * unknown or not visible; 409 when the repository was removed from its source.
 */
export const POST = apiRoute<{ id: string }>(async (req, { id }, ctx) => {
  const guard = await guardWrite(req, ctx);
  if ("refuse" in guard) return guard.refuse;
  const repo = await findRescannableRepo(db(), id, guard.scope);
  if (!repo) return noStoreJson({ error: "repository not found" }, 404);
  if (repo.removedAt) return noStoreJson({ error: "this repository was removed from its source; it cannot be scanned" }, 409);
  if (repo.org.suspendedAt) return noStoreJson({ error: "the organization's installation is suspended; scans resume when it is unsuspended" }, 409);
  const queued = await enqueueScan(db(), await producerBoss(), { repositoryId: repo.id, trigger: "MANUAL" });
  const scan = await findLatestScan(db(), repo.id);
  ctx.logFields.repositoryId = repo.id;
  ctx.logFields.queued = queued !== null;
  return noStoreJson({ queued: queued !== null, scan }, queued ? 202 : 200);
});
