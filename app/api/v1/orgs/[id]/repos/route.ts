import { apiRoute } from "@/app/api/_lib/api-route";
import { apiScope, jsonWithEtag, notFound, pagination } from "@/app/api/v1/_lib/v1";
import { repoRowJson } from "@/app/api/v1/_lib/serialize";
import { queryOrgRepos } from "@/lib/db/scorecard";
import { parseRepoQuery } from "@/lib/ui/repo-query";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/orgs/:id/repos: the scorecard rows, paged, with the page's filters and sorts
 * (?q=&language=&kind=&topic=&archived=&factor=&status=&scan=&sort=&page=&per_page=).
 */
export const GET = apiRoute<{ id: string }>(async (req, { id }, ctx) => {
  const { scope, error } = await apiScope(req, ctx);
  if (error) return error;
  const url = new URL(req.url);
  const query = parseRepoQuery(url.searchParams);
  const page = await queryOrgRepos(scope, id, query);
  if (!page) return notFound("organization");
  return jsonWithEtag(req, () => ({ repos: page.repos.map(repoRowJson), pagination: pagination(url, page) }), { key: page, variant: url.search });
});
