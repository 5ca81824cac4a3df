import { apiRoute, noStoreJson } from "@/app/api/_lib/api-route";
import { getRepoScanStatus } from "@/lib/db/dashboard";

export const dynamic = "force-dynamic";

/** Latest scan status and progress of one repository (polled by the repo page while a scan runs). */
export const GET = apiRoute<{ id: string }>(async (_req, { id }) => {
  const status = await getRepoScanStatus(id);
  if (!status) return noStoreJson({ error: "repository not found" }, 404);
  return noStoreJson(status);
});
