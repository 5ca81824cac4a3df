import { apiRoute } from "@/app/api/_lib/api-route";
import { apiScope, jsonWithEtag, notFound, pageParams, pagination } from "@/app/api/v1/_lib/v1";
import { listRepoScans } from "@/lib/db/scorecard";

export const dynamic = "force-dynamic";

/** GET /api/v1/repos/:id/scans: every scan of a repository, newest first, paged. */
export const GET = apiRoute<{ id: string }>(async (req, { id }, ctx) => {
  const { scope, error } = await apiScope(req, ctx);
  if (error) return error;
  const url = new URL(req.url);
  const page = await listRepoScans(scope, id, pageParams(url));
  if (!page) return notFound("repository");
  return jsonWithEtag(req, {
    scans: page.items.map((s) => ({ ...s, links: { self: `/api/v1/scans/${s.id}`, findings: `/api/v1/scans/${s.id}/findings` } })),
    pagination: pagination(url, page),
  });
});
