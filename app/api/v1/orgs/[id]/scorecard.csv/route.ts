import { apiRoute } from "@/app/api/_lib/api-route";
import { apiScope, notFound } from "@/app/api/v1/_lib/v1";
import { FACTORS } from "@/lib/factors";
import { findVisibleOrg, queryReposOfOrg, type ScorecardRepo } from "@/lib/db/scorecard";
import { toCsv, type CsvCell } from "@/lib/ui/csv";
import { FACTOR_STATUS_LABEL } from "@/lib/ui/format";
import { parseRepoQuery } from "@/lib/ui/repo-query";

export const dynamic = "force-dynamic";

const HEADER = [
  "repository",
  "full_name",
  "language",
  "kind",
  "archived",
  "topics",
  "grade",
  "score",
  ...FACTORS.flatMap((f) => [`${f.roman} ${f.name} score`, `${f.roman} ${f.name} status`]),
  "scan_status",
  "results_from",
  "scan_id",
];

function row(r: ScorecardRepo): CsvCell[] {
  const res = r.result;
  return [
    r.name,
    r.fullName,
    r.language,
    res?.kind,
    r.archived,
    r.topics.join(" "),
    res?.grade,
    res?.score === null || res?.score === undefined ? null : Math.round(res.score * 10) / 10,
    ...FACTORS.flatMap((_, i) => {
      const cell = res?.factors[i];
      return [cell?.score ?? null, cell ? FACTOR_STATUS_LABEL[cell.status] : null];
    }),
    r.latestScan?.status.toLowerCase() ?? "never",
    res?.finishedAt,
    res?.scanId,
  ];
}

/** GET /api/v1/orgs/:id/scorecard.csv: the whole scorecard (every page) with the page's filters and sort. */
export const GET = apiRoute<{ id: string }>(async (req, { id }, ctx) => {
  const { scope, error } = await apiScope(req, ctx);
  if (error) return error;
  const org = await findVisibleOrg(scope, id);
  if (!org) return notFound("organization");
  const query = parseRepoQuery(new URL(req.url).searchParams);
  const rows: CsvCell[][] = [];
  for (let page = 1; ; page++) {
    const result = await queryReposOfOrg(id, { ...query, page, pageSize: 200 });
    rows.push(...result.repos.map(row));
    if (page >= result.pageCount) break;
  }
  const filename = `${org.login.replace(/[^A-Za-z0-9._-]/g, "_")}-scorecard.csv`;
  return new Response(toCsv(HEADER, rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-cache",
    },
  });
});
