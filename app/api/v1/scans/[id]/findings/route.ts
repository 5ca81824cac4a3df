import { apiRoute } from "@/app/api/_lib/api-route";
import { apiScope, jsonWithEtag, notFound, pageParams, pagination } from "@/app/api/v1/_lib/v1";
import { listScanFindings } from "@/lib/db/scorecard";

export const dynamic = "force-dynamic";

/** GET /api/v1/scans/:id/findings: the scan's findings, most severe first, paged (?factor=1..12 to narrow). */
export const GET = apiRoute<{ id: string }>(async (req, { id }, ctx) => {
  const { scope, error } = await apiScope(req, ctx);
  if (error) return error;
  const url = new URL(req.url);
  const factor = Number.parseInt(url.searchParams.get("factor") ?? "", 10);
  const page = await listScanFindings(scope, id, { ...pageParams(url), factor: factor >= 1 && factor <= 12 ? factor : undefined });
  if (!page) return notFound("scan");
  return jsonWithEtag(req, { findings: page.items, pagination: pagination(url, page) });
});
