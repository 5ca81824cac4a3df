import { apiRoute } from "@/app/api/_lib/api-route";
import { apiScope, jsonWithEtag, notFound } from "@/app/api/v1/_lib/v1";
import { factorsJson } from "@/app/api/v1/_lib/serialize";
import { getVisibleRepo } from "@/lib/db/scorecard";

export const dynamic = "force-dynamic";

/** GET /api/v1/repos/:id: one repository with its latest scan state and latest results per factor. */
export const GET = apiRoute<{ id: string }>(async (req, { id }, ctx) => {
  const { scope, error } = await apiScope(req, ctx);
  if (error) return error;
  const repo = await getVisibleRepo(scope, id);
  if (!repo) return notFound("repository");
  return jsonWithEtag(req, {
    ...repo,
    result: repo.result ? { ...repo.result, factors: factorsJson(repo.result.factors) } : null,
    links: {
      self: `/api/v1/repos/${repo.id}`,
      org: `/api/v1/orgs/${repo.orgId}`,
      scans: `/api/v1/repos/${repo.id}/scans`,
      html: `/repos/${repo.id}`,
      badge: `/api/badges/repos/${repo.id}.svg`,
    },
  });
});
