import { apiRoute } from "@/app/api/_lib/api-route";
import { apiScope, jsonWithEtag, notFound } from "@/app/api/v1/_lib/v1";
import { factorsJson } from "@/app/api/v1/_lib/serialize";
import { getVisibleScan } from "@/lib/db/scorecard";

export const dynamic = "force-dynamic";

/** GET /api/v1/scans/:id: one scan (any status) with its factor results. */
export const GET = apiRoute<{ id: string }>(async (req, { id }, ctx) => {
  const { scope, error } = await apiScope(req, ctx);
  if (error) return error;
  const scan = await getVisibleScan(scope, id);
  if (!scan) return notFound("scan");
  return jsonWithEtag(req, {
    ...scan,
    factors: scan.status === "DONE" ? factorsJson(scan.factors) : [],
    links: { self: `/api/v1/scans/${scan.id}`, repo: `/api/v1/repos/${scan.repositoryId}`, findings: `/api/v1/scans/${scan.id}/findings` },
  });
});
