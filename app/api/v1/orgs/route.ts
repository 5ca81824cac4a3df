import { apiRoute } from "@/app/api/_lib/api-route";
import { apiScope, jsonWithEtag } from "@/app/api/v1/_lib/v1";
import { orgSummaryJson } from "@/app/api/v1/_lib/serialize";
import { listOrgSummaries } from "@/lib/db/scorecard";

export const dynamic = "force-dynamic";

/** GET /api/v1/orgs: the organizations the viewer may see, with score, grade, trend and scan state. */
export const GET = apiRoute<Record<string, never>>(async (req, _params, ctx) => {
  const { scope, error } = await apiScope(req, ctx);
  if (error) return error;
  const orgs = await listOrgSummaries(scope);
  return jsonWithEtag(req, { orgs: orgs.map(orgSummaryJson) });
});
