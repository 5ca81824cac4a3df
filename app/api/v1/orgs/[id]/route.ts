import { apiRoute } from "@/app/api/_lib/api-route";
import { apiScope, jsonWithEtag, notFound } from "@/app/api/v1/_lib/v1";
import { orgOverviewJson } from "@/app/api/v1/_lib/serialize";
import { getOrgOverview } from "@/lib/db/scorecard";

export const dynamic = "force-dynamic";

/** GET /api/v1/orgs/:id: one org with per-factor distribution and the most common findings. */
export const GET = apiRoute<{ id: string }>(async (req, { id }, ctx) => {
  const { scope, error } = await apiScope(req, ctx);
  if (error) return error;
  const overview = await getOrgOverview(scope, id);
  if (!overview) return notFound("organization");
  // The overview object is shared while its cached aggregates are (a few seconds): serialise it once.
  return jsonWithEtag(req, () => orgOverviewJson(overview), { key: overview, variant: "" });
});
