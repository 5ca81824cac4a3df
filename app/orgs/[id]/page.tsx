import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePageViewer } from "@/app/_lib/viewer";
import { visibleOrgIds } from "@/lib/auth/viewer";
import { getOrgOverview, queryReposOfOrg, type RepoPage, type ScorecardRepo } from "@/lib/db/scorecard";
import { FACTORS, gradeForScore } from "@/lib/factors";
import { formatScore, pluralize } from "@/lib/ui/format";
import { hasRepoFilters, parseRepoQuery, repoQueryString, type ParsedRepoQuery } from "@/lib/ui/repo-query";
import { AutoRefresh } from "@/app/_components/auto-refresh";
import { BadgeSection } from "@/app/_components/badge-section";
import { Code, EmptyState } from "@/app/_components/empty-state";
import { FactorStatusLegend } from "@/app/_components/factor-status";
import { GradeBadge } from "@/app/_components/grade-badge";
import { Pagination } from "@/app/_components/pagination";
import { Sparkline } from "@/app/_components/sparkline";
import { TimeAgo } from "@/app/_components/time-ago";
import { HeatmapRows, type CompactRow, type SortLink } from "./_components/heatmap-rows";
import { RepoFilters } from "./_components/repo-filters";
import { OrgFactorsSection } from "./_components/factors-section";

const FACTOR_LABELS = FACTORS.map((f) => ({ roman: f.roman, name: f.name }));

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One lookup per request even though both the metadata and the page need the org. */
const loadOverview = cache(async (id: string) => {
  const viewer = await requirePageViewer();
  return getOrgOverview(visibleOrgIds(viewer), id);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const overview = await loadOverview(id);
  return { title: overview ? overview.org.name : "Organization not found" };
}

/** Rows per page by default (?per_page= 25, 50 or 100 in the filter bar; the API defaults to 50). */
const PAGE_SIZE = 25;


export default async function OrgPage({ params, searchParams }: Props) {
  const [{ id }, raw] = await Promise.all([params, searchParams]);
  const overview = await loadOverview(id);
  if (!overview) notFound();
  const query = parseRepoQuery(raw, { pageSize: PAGE_SIZE });
  const page = overview.repoCount === 0 ? null : await queryReposOfOrg(id, query);
  const { org } = overview;
  const orgGrade = overview.score === null ? null : gradeForScore(overview.score);
  const filtered = hasRepoFilters(query);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        <Link href="/" className="underline">Organizations</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">{org.name}</span>
      </nav>
      <div className="mb-6 flex flex-wrap items-start gap-4">
        <GradeBadge grade={orgGrade} score={overview.score} size="lg" />
        <div className="min-w-0 flex-1 basis-56">
          <h1 className="text-2xl font-bold tracking-tight break-words">{org.name}</h1>
          <p className="mt-1 text-sm break-words text-slate-600 dark:text-slate-400">
            {org.sourceKind === "LOCAL" ? <>Local source · {org.localPath ?? org.login}</> : <>GitHub · {org.login}</>}
            {org.lastSyncedAt && (
              <>
                {" "}· synced <TimeAgo date={org.lastSyncedAt} />
              </>
            )}
          </p>
          <p className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <span>{pluralize(overview.repoCount, "repository", "repositories")}</span>
            <span>
              Average score <strong className="tabular-nums" data-testid="org-score">{formatScore(overview.score)}</strong>
            </span>
            {overview.failedScanCount > 0 && (
              <span className="font-medium text-red-800 dark:text-red-300">{pluralize(overview.failedScanCount, "scan")} failed</span>
            )}
            {overview.trend.length > 0 && <Sparkline points={overview.trend} width={140} height={28} />}
          </p>
        </div>
        <div className="flex w-full flex-col items-start gap-2 sm:w-auto sm:items-end">
          {overview.repoCount > 0 && (
            <div className="flex flex-wrap gap-2 text-sm">
              <Link
                href={`/orgs/${org.id}/history`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium no-underline hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
              >
                History &amp; rescan
              </Link>
              <Link
                href={`/orgs/${org.id}/email-preview`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium no-underline hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
              >
                Weekly email
              </Link>
              <a
                href={`/api/v1/orgs/${org.id}/scorecard.csv${repoQueryString({ ...query, page: 1, pageSize: PAGE_SIZE }, {}, { pageSize: PAGE_SIZE })}`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium no-underline hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
                download
              >
                Download CSV
              </a>
              <a
                href="#repositories"
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium no-underline hover:bg-slate-50 sm:hidden dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
              >
                Repositories ↓
              </a>
              <a
                href={`/api/v1/orgs/${org.id}`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium no-underline hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
              >
                JSON
              </a>
            </div>
          )}
          {overview.activeScanCount > 0 && (
            <AutoRefresh label={`${pluralize(overview.activeScanCount, "scan")} in progress; the table refreshes itself.`} />
          )}
        </div>
      </div>

      {overview.repoCount === 0 || !page ? (
        <EmptyState title="No repositories yet">
          <p>
            This organization has no repositories yet. They appear after the next sync of its source
            {org.sourceKind === "LOCAL" ? (
              <>
                {" "}(every git repository directly inside <Code>{org.localPath ?? org.login}</Code>)
              </>
            ) : null}
            ; make sure a worker and the scheduler are running.
          </p>
          {/* the first sync is typically seconds away (a new installation, `npm run demo`): show it when it lands */}
          <AutoRefresh label="Waiting for the first sync; this page refreshes itself." intervalMs={5000} />
        </EmptyState>
      ) : (
        <>
          <OrgFactorsSection
            orgId={org.id}
            factors={FACTOR_LABELS}
            distribution={overview.distribution}
            worst={overview.worstFactors.slice(0, 3)}
            commonFindings={overview.commonFindings.slice(0, 6)}
          />

          <h2 className="mt-8 mb-3 text-lg font-semibold" id="repositories">
            Repositories
          </h2>
          <RepoFilters
            orgId={org.id}
            query={query}
            factors={FACTORS.map((f) => ({ id: f.id, label: `${f.roman}. ${f.name}` }))}
            facets={overview.facets}
            pageSizes={[PAGE_SIZE, 50, 100]}
            showReset={filtered || query.sort !== "name"}
          />

          {page.total === 0 ? (
            <EmptyState title="No matching repositories">
              <p>
                No repository matches these filters{query.search ? <> (name containing “{query.search}”)</> : null}.{" "}
                <Link href={`/orgs/${org.id}`} className="underline">Clear the filters</Link> to see all {overview.repoCount}.
              </p>
            </EmptyState>
          ) : (
            <>
              <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite" data-testid="repo-count">
                  {filtered
                    ? `${page.total} of ${pluralize(overview.repoCount, "repository", "repositories")} match`
                    : pluralize(page.total, "repository", "repositories")}
                  {page.pageCount > 1 &&
                    ` · showing ${(page.page - 1) * page.pageSize + 1}–${Math.min(page.total, page.page * page.pageSize)}`}
                </p>
                <FactorStatusLegend />
              </div>
              <Heatmap page={page} orgId={org.id} query={query} />
              <Pagination
                page={page.page}
                pageCount={page.pageCount}
                href={(p) => `/orgs/${org.id}${repoQueryString(query, { page: p }, { pageSize: PAGE_SIZE })}#repositories`}
                label="Repository pages"
              />
            </>
          )}
        </>
      )}

      <BadgeSection kind="org" id={org.id} />
    </>
  );
}

/** Link and aria-sort of one sortable column header (the header row itself is rendered by HeatmapRows). */
function sortHeader(orgId: string, query: ParsedRepoQuery, sort: ParsedRepoQuery["sort"]): SortLink {
  const active = query.sort === sort;
  return {
    href: `/orgs/${orgId}${repoQueryString(query, { sort, page: 1 }, { pageSize: PAGE_SIZE })}#repositories`,
    active,
    ariaSort: active ? (sort === "score-desc" ? "descending" : "ascending") : undefined,
  };
}

function Heatmap({ page, orgId, query }: { page: RepoPage; orgId: string; query: ParsedRepoQuery }) {
  return (
    <div
      className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      role="region"
      aria-label="Scorecard: repositories by factor"
      tabIndex={0}
    >
      <table className="w-full border-separate border-spacing-0 text-sm" data-testid="heatmap">
        <caption className="sr-only">
          Each row is a repository; columns I to XII are the twelve factors with their status and score. Column headers sort the table.
        </caption>
        <HeatmapRows
          rows={compactRows(page)}
          factors={FACTOR_LABELS}
          sort={{
            name: sortHeader(orgId, query, "name"),
            score: sortHeader(orgId, query, query.sort === "score-asc" ? "score-desc" : "score-asc"),
            factors: FACTORS.map((f) => sortHeader(orgId, query, `factor-${f.id}`)),
            status: sortHeader(orgId, query, "status"),
          }}
          now={Date.now()}
        />
      </table>
    </div>
  );
}

/** Compact rows of a (shared, cached for a few seconds) page result: mapped once per result, not per request. */
const compactRowsOf = new WeakMap<RepoPage, CompactRow[]>();
function compactRows(page: RepoPage): CompactRow[] {
  let rows = compactRowsOf.get(page);
  if (!rows) compactRowsOf.set(page, (rows = page.repos.map(compactRow)));
  return rows;
}

function compactRow(repo: ScorecardRepo): CompactRow {
  const r = repo.result;
  return {
    id: repo.id,
    name: repo.name,
    meta: [r?.kind, repo.language, repo.archived ? "archived" : null].filter(Boolean).join(" · "),
    grade: r?.grade ?? null,
    score: r?.score ?? null,
    cells: FACTORS.map((_, i) => {
      const c = r?.factors[i];
      if (!c) return null;
      const top = r.topFindings[i];
      return [c.status, c.score, c.findings, c.confidence, top ? `${top.message} (${top.severity.toLowerCase()})` : null];
    }),
    scan: repo.latestScan
      ? {
          status: repo.latestScan.status,
          progress: repo.latestScan.progress,
          error: repo.latestScan.error,
          finishedAt: repo.latestScan.finishedAt?.toISOString() ?? null,
        }
      : null,
  };
}
