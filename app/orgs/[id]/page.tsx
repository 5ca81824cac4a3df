import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePageViewer } from "@/app/_lib/viewer";
import { visibleOrgIds } from "@/lib/auth/viewer";
import { getOrgOverview, queryReposOfOrg, type OrgOverview, type ScorecardRepo } from "@/lib/db/scorecard";
import { FACTORS, gradeForScore } from "@/lib/factors";
import { formatScore, pluralize } from "@/lib/ui/format";
import { hasRepoFilters, parseRepoQuery, repoQueryString, type ParsedRepoQuery } from "@/lib/ui/repo-query";
import { AutoRefresh } from "@/app/_components/auto-refresh";
import { DistributionBar } from "@/app/_components/distribution-bar";
import { Code, EmptyState } from "@/app/_components/empty-state";
import { FactorStatusLegend } from "@/app/_components/factor-status";
import { GradeBadge } from "@/app/_components/grade-badge";
import { Pagination } from "@/app/_components/pagination";
import { Sparkline } from "@/app/_components/sparkline";
import { TimeAgo } from "@/app/_components/time-ago";
import { HeatmapRows, type CompactRow } from "./_components/heatmap-rows";
import { RepoFilters } from "./_components/repo-filters";

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
        </EmptyState>
      ) : (
        <>
          <OrgFactorsSection overview={overview} />

          <h2 className="mt-8 mb-3 text-lg font-semibold" id="repositories">
            Repositories
          </h2>
          <RepoFilters
            orgId={org.id}
            query={query}
            factors={FACTORS.map((f) => ({ id: f.id, label: `${f.roman}. ${f.name}` }))}
            facets={overview.facets}
            pageSizes={[PAGE_SIZE, 50, 100]}
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
              <Heatmap repos={page.repos} orgId={org.id} query={query} />
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
    </>
  );
}

function OrgFactorsSection({ overview }: { overview: OrgOverview }) {
  const { org } = overview;
  const worst = overview.worstFactors.slice(0, 3);
  return (
    <section aria-labelledby="factors-heading" className="grid gap-4 lg:grid-cols-5">
      <div className="rounded-xl border border-slate-200 bg-white p-4 lg:col-span-3 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="factors-heading" className="text-lg font-semibold">
          Factors across the organization
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">How many repositories pass, partly pass or fail each factor (latest results).</p>
        <table className="w-full text-sm" data-testid="factor-distribution">
          <caption className="sr-only">Repositories per factor status</caption>
          <thead>
            <tr className="text-left text-xs text-slate-600 dark:text-slate-400">
              <th scope="col" className="py-1 pr-2 font-medium">Factor</th>
              <th scope="col" className="w-full py-1 pr-2 font-medium">
                <span className="sr-only">Distribution</span>
              </th>
              <th scope="col" className="py-1 pr-1 text-right font-medium" title="pass">
                <span aria-hidden="true">✓</span>
                <span className="sr-only">Pass</span>
              </th>
              <th scope="col" className="py-1 pr-1 text-right font-medium" title="partial">
                <span aria-hidden="true">◐</span>
                <span className="sr-only">Partial</span>
              </th>
              <th scope="col" className="py-1 pr-1 text-right font-medium" title="fail">
                <span aria-hidden="true">✕</span>
                <span className="sr-only">Fail</span>
              </th>
              <th scope="col" className="py-1 text-right font-medium" title="not applicable">
                n/a
                <span className="sr-only">Not applicable</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.distribution.map((d) => {
              const f = FACTORS[d.factor - 1];
              return (
                <tr key={d.factor} data-factor={d.factor}>
                  <th scope="row" className="py-1 pr-2 text-left font-medium whitespace-nowrap">
                    <Link href={`/orgs/${org.id}/factors/${d.factor}`} className="underline decoration-slate-300 hover:decoration-current dark:decoration-slate-600">
                      <span className="inline-block w-9 text-slate-600 dark:text-slate-400">{f.roman}</span>
                      {f.name}
                    </Link>
                  </th>
                  <td className="py-1 pr-2 align-middle">
                    <DistributionBar counts={d} label={`${f.roman}. ${f.name}`} />
                  </td>
                  <td className="py-1 pr-1 text-right tabular-nums">{d.pass}</td>
                  <td className="py-1 pr-1 text-right tabular-nums">{d.partial}</td>
                  <td className="py-1 pr-1 text-right font-semibold tabular-nums text-red-800 dark:text-red-300">{d.fail}</td>
                  <td className="py-1 text-right tabular-nums text-slate-600 dark:text-slate-400">{d.na}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="flex flex-col gap-4 lg:col-span-2">
        <div className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="text-lg font-semibold">Worst factors</h2>
          {worst.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">No scored results yet.</p>
          ) : (
            <ol className="mt-2 space-y-2" data-testid="worst-factors">
              {worst.map((d) => {
                const f = FACTORS[d.factor - 1];
                return (
                  <li key={d.factor} className="flex items-baseline justify-between gap-3 text-sm">
                    <Link href={`/orgs/${org.id}/factors/${d.factor}`} className="font-medium underline decoration-slate-300 dark:decoration-slate-600">
                      {f.roman}. {f.name}
                    </Link>
                    <span className="whitespace-nowrap text-slate-700 dark:text-slate-300">
                      average <strong className="tabular-nums">{formatScore(d.averageScore)}</strong> · {d.fail} failing
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="text-lg font-semibold">Most common findings</h2>
          {overview.commonFindings.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">No findings in the latest results.</p>
          ) : (
            <ol className="mt-2 space-y-2 text-sm" data-testid="common-findings">
              {overview.commonFindings.slice(0, 6).map((f) => (
                <li key={f.ruleId}>
                  <Link
                    href={`/orgs/${org.id}/factors/${f.factor}#rule-${f.ruleId}`}
                    className="font-medium underline decoration-slate-300 dark:decoration-slate-600"
                  >
                    {f.message}
                  </Link>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    <span className="font-mono">{f.ruleId}</span> · {f.severity.toLowerCase()} · in {pluralize(f.repoCount, "repository", "repositories")}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}

function SortHeader({ orgId, query, sort, children, className }: { orgId: string; query: ParsedRepoQuery; sort: ParsedRepoQuery["sort"]; children: React.ReactNode; className: string }) {
  const active = query.sort === sort;
  return (
    <th scope="col" className={className} aria-sort={active ? (sort === "score-desc" ? "descending" : "ascending") : undefined}>
      <Link
        prefetch={false}
        href={`/orgs/${orgId}${repoQueryString(query, { sort, page: 1 }, { pageSize: PAGE_SIZE })}#repositories`}
        className={`no-underline hover:underline ${active ? "font-bold text-slate-900 dark:text-white" : ""}`}
      >
        {children}
      </Link>
    </th>
  );
}

function Heatmap({ repos, orgId, query }: { repos: ScorecardRepo[]; orgId: string; query: ParsedRepoQuery }) {
  const th = "border-b border-slate-200 py-2 font-medium dark:border-slate-800";
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
        <thead>
          <tr className="text-left text-xs text-slate-600 dark:text-slate-400">
            <SortHeader orgId={orgId} query={query} sort="name" className={`sticky left-0 z-10 bg-white px-3 dark:bg-slate-900 ${th}`}>
              Repository
            </SortHeader>
            <th scope="col" className={`px-2 text-center ${th}`}>
              Grade
            </th>
            <SortHeader orgId={orgId} query={query} sort={query.sort === "score-asc" ? "score-desc" : "score-asc"} className={`px-2 text-right ${th}`}>
              Score
            </SortHeader>
            {FACTORS.map((f) => (
              <SortHeader key={f.id} orgId={orgId} query={query} sort={`factor-${f.id}`} className={`px-0.5 text-center ${th}`}>
                <abbr title={`${f.roman}. ${f.name} (sort worst first)`} className="no-underline">
                  {f.roman}
                </abbr>
                <span className="sr-only"> {f.name}</span>
              </SortHeader>
            ))}
            <SortHeader orgId={orgId} query={query} sort="status" className={`px-3 ${th}`}>
              Scan status
            </SortHeader>
          </tr>
        </thead>
        <HeatmapRows rows={repos.map(compactRow)} factorNames={FACTORS.map((f) => `${f.roman}. ${f.name}`)} now={Date.now()} />
      </table>
    </div>
  );
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
