import { apiRoute, noStoreJson } from "@/app/api/_lib/api-route";
import { guardRead } from "@/app/api/_lib/guard";
import { db } from "@/lib/db/client";
import { getRepoScanState } from "@/lib/db/repo-report";

export const dynamic = "force-dynamic";

/** Latest scan status and progress of one repository (polled by the repo page while a scan runs). */
export const GET = apiRoute<{ id: string }>(async (req, { id }, ctx) => {
  const guard = await guardRead(req, ctx);
  if ("refuse" in guard) return guard.refuse;
  const status = await getRepoScanState(db(), id, guard.scope);
  if (!status) return noStoreJson({ error: "repository not found" }, 404);
  return noStoreJson(status);
});
