import { orgNotVisible, viewerRoute } from "@/app/api/_lib/with-viewer";
import { noStoreJson } from "@/app/api/_lib/api-route";
import { canSeeOrg } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { getRepoScanStatus } from "@/lib/db/dashboard";
import { findRepositoryOrgId } from "@/lib/db/memberships";

export const dynamic = "force-dynamic";

/** Latest scan status and progress of one repository (polled by the repo page while a scan runs). */
export const GET = viewerRoute<{ id: string }>(async (_req, { id }, { viewer }) => {
  const orgId = await findRepositoryOrgId(db(), id);
  if (!orgId || !canSeeOrg(viewer, orgId)) return orgNotVisible("repository not found");
  const status = await getRepoScanStatus(id);
  if (!status) return noStoreJson({ error: "repository not found" }, 404);
  return noStoreJson(status);
});
