import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { canSeeOrg } from "@/lib/auth/viewer";
import { currentViewer, requireOrgPage } from "@/app/_lib/viewer";
import { z } from "zod";
import { getOrgScorecard, isActiveScanStatus, type FactorCell, type RepoRow, type RepoSort } from "@/lib/db/dashboard";
import { FACTORS, gradeForScore } from "@/lib/factors";
import { FACTOR_STATUS_LABEL, formatScore, pluralize } from "@/lib/ui/format";
import { AutoRefresh } from "@/app/_components/auto-refresh";
import { Code, EmptyState } from "@/app/_components/empty-state";
import { FACTOR_STATUS_CLASSES, FactorStatusLegend, NO_RESULT_CLASSES } from "@/app/_components/factor-status";
import { GradeBadge } from "@/app/_components/grade-badge";
import { ScanStatusBadge } from "@/app/_components/scan-status-badge";
import { TimeAgo } from "@/app/_components/time-ago";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const SORTS: { value: RepoSort; label: string }[] = [
  { value: "name", label: "Name (A–Z)" },
  { value: "score-desc", label: "Score (highest first)" },
  { value: "score-asc", label: "Score (lowest first)" },
  { value: "status", label: "Scan status (failed first)" },
];

const querySchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  sort: z.enum(["name", "score-desc", "score-asc", "status"]).optional().catch(undefined),
});

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readQuery(searchParams: Props["searchParams"]): Promise<{ search?: string; sort: RepoSort }> {
  const raw = await searchParams;
  const query = querySchema.parse({ q: first(raw.q), sort: first(raw.sort) });
  return { search: query.q?.trim() || undefined, sort: query.sort ?? "name" };
}

/** One query per request even though both the metadata and the page need the scorecard. */
// Scoped to the viewer: an org they may not see loads as missing (title included).
const loadScorecard = cache(async (id: string, search: string | undefined, sort: RepoSort) =>
  canSeeOrg(await currentViewer(), id) ? getOrgScorecard(id, { search, sort }) : null,
);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ id }, { search, sort }] = await Promise.all([params, readQuery(searchParams)]);
  const card = await loadScorecard(id, search, sort);
  return { title: card ? card.org.name : "Organization not found" };
}

export default async function OrgPage({ params, searchParams }: Props) {
  const [{ id }, { search, sort }] = await Promise.all([params, readQuery(searchParams)]);
  await requireOrgPage(id);
  const card = await loadScorecard(id, search, sort);
  if (!card) notFound();
  const { org, repos, totalRepoCount } = card;

  const scores = repos.map((r) => r.result?.score).filter((s): s is number => typeof s === "number");
  const orgScore = search || scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length;
  const active = repos.filter((r) => r.latestScan && isActiveScanStatus(r.latestScan.status)).length;
  const failed = repos.filter((r) => r.latestScan?.status === "FAILED").length;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        <Link href="/" className="underline">Organizations</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">{org.name}</span>
      </nav>
      <div className="mb-6 flex flex-wrap items-start gap-4">
        {!search && <GradeBadge grade={orgScore === null ? null : gradeForScore(orgScore)} score={orgScore} size="lg" />}
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
          <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <span>{pluralize(totalRepoCount, "repository", "repositories")}</span>
            {!search && (
              <span>
                Average score <strong className="tabular-nums">{formatScore(orgScore)}</strong>
              </span>
            )}
            {failed > 0 && <span className="font-medium text-red-800 dark:text-red-300">{pluralize(failed, "scan")} failed</span>}
          </p>
        </div>
        {active > 0 && (
          <div className="w-full sm:w-auto">
            <AutoRefresh label={`${pluralize(active, "scan")} in progress; the table refreshes itself.`} />
          </div>
        )}
      </div>

      {totalRepoCount === 0 ? (
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
          <form
            method="get"
            role="search"
            aria-label="Repositories"
            className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
          >
            <div className="flex min-w-48 flex-1 flex-col gap-1">
              <label htmlFor="q" className="text-xs font-medium text-slate-700 dark:text-slate-300">
                Search repositories
              </label>
              <input
                id="q"
                name="q"
                type="search"
                defaultValue={search ?? ""}
                placeholder="Repository name"
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-950"
              />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor="sort" className="text-xs font-medium text-slate-700 dark:text-slate-300">
                Sort by
              </label>
              <select
                id="sort"
                name="sort"
                defaultValue={sort}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-950"
              >
                {SORTS.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="submit"
              className="rounded-md bg-sky-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
            >
              Apply
            </button>
            {(search || sort !== "name") && (
              <Link href={`/orgs/${org.id}`} className="py-1.5 text-sm underline">
                Reset
              </Link>
            )}
          </form>

          {repos.length === 0 ? (
            <EmptyState title="No matching repositories">
              <p>
                No repository name contains “{search}”. <Link href={`/orgs/${org.id}`} className="underline">Clear the search</Link>{" "}
                to see all {totalRepoCount}.
              </p>
            </EmptyState>
          ) : (
            <>
              <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
                  {search
                    ? `${repos.length} of ${pluralize(totalRepoCount, "repository", "repositories")} match “${search}”`
                    : pluralize(repos.length, "repository", "repositories")}
                </p>
                <FactorStatusLegend />
              </div>
              <Heatmap repos={repos} />
            </>
          )}
        </>
      )}
    </>
  );
}

function Heatmap({ repos }: { repos: RepoRow[] }) {
  return (
    <div
      className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      role="region"
      aria-label="Scorecard: repositories by factor"
      tabIndex={0}
    >
      <table className="w-full border-separate border-spacing-0 text-sm" data-testid="heatmap">
        <caption className="sr-only">
          Each row is a repository; columns I to XII are the twelve factors with their status and score.
        </caption>
        <thead>
          <tr className="text-left text-xs text-slate-600 dark:text-slate-400">
            <th scope="col" className="sticky left-0 z-10 border-b border-slate-200 bg-white px-3 py-2 font-medium dark:border-slate-800 dark:bg-slate-900">
              Repository
            </th>
            <th scope="col" className="border-b border-slate-200 px-2 py-2 text-center font-medium dark:border-slate-800">
              Grade
            </th>
            <th scope="col" className="border-b border-slate-200 px-2 py-2 text-right font-medium dark:border-slate-800">
              Score
            </th>
            {FACTORS.map((f) => (
              <th key={f.id} scope="col" className="border-b border-slate-200 px-0.5 py-2 text-center font-medium dark:border-slate-800">
                <abbr title={`${f.roman}. ${f.name}`} className="no-underline">
                  {f.roman}
                </abbr>
                <span className="sr-only"> {f.name}</span>
              </th>
            ))}
            <th scope="col" className="border-b border-slate-200 px-3 py-2 font-medium dark:border-slate-800">
              Scan status
            </th>
          </tr>
        </thead>
        <tbody>
          {repos.map((repo) => (
            <tr key={repo.id} data-repo={repo.name} className="group">
              <th
                scope="row"
                className="sticky left-0 z-10 max-w-56 border-b border-slate-100 bg-white px-3 py-1.5 text-left font-medium group-hover:bg-slate-50 dark:border-slate-800 dark:bg-slate-900 dark:group-hover:bg-slate-800"
              >
                <Link href={`/repos/${repo.id}`} className="block truncate underline decoration-slate-300 hover:decoration-current dark:decoration-slate-600">
                  {repo.name}
                </Link>
                {(repo.archived || repo.result?.kind) && (
                  <span className="block truncate text-xs font-normal text-slate-600 dark:text-slate-400">
                    {[repo.result?.kind, repo.archived ? "archived" : null].filter(Boolean).join(" · ")}
                  </span>
                )}
              </th>
              <td className="border-b border-slate-100 px-2 py-1.5 text-center dark:border-slate-800">
                <GradeBadge grade={repo.result?.grade ?? null} score={repo.result?.score} size="sm" />
              </td>
              <td className="border-b border-slate-100 px-2 py-1.5 text-right font-semibold tabular-nums dark:border-slate-800" data-testid="repo-score">
                {formatScore(repo.result?.score)}
              </td>
              {FACTORS.map((f, i) => (
                <HeatCell key={f.id} factorName={`${f.roman}. ${f.name}`} cell={repo.result ? repo.result.factors[i] ?? null : null} />
              ))}
              <td className="border-b border-slate-100 px-3 py-1.5 dark:border-slate-800">
                <RepoScanStatus repo={repo} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeatCell({ factorName, cell }: { factorName: string; cell: FactorCell | null }) {
  const label = cell
    ? `${factorName}: ${FACTOR_STATUS_LABEL[cell.status]}${cell.status === "NA" ? "" : `, score ${formatScore(cell.score)}`}${
        cell.findings ? `, ${pluralize(cell.findings, "finding")}` : ""
      } (${cell.confidence.toLowerCase()} confidence)`
    : `${factorName}: no result`;
  return (
    <td className="border-b border-slate-100 p-0.5 dark:border-slate-800" data-factor-status={cell?.status ?? "NONE"} title={label}>
      <span
        className={`flex h-8 min-w-10 items-center justify-center rounded text-xs font-semibold tabular-nums ${
          cell ? FACTOR_STATUS_CLASSES[cell.status] : NO_RESULT_CLASSES
        }`}
      >
        <span aria-hidden="true">{cell ? (cell.status === "NA" ? "n/a" : formatScore(cell.score)) : "·"}</span>
        <span className="sr-only">{label}</span>
      </span>
    </td>
  );
}

function RepoScanStatus({ repo }: { repo: RepoRow }) {
  const scan = repo.latestScan;
  return (
    <div className="flex min-w-32 flex-col items-start gap-0.5">
      <ScanStatusBadge status={scan?.status ?? null} progress={scan?.progress} />
      {scan?.status === "FAILED" && scan.error && (
        <span className="line-clamp-2 max-w-64 text-xs text-red-800 dark:text-red-300" title={scan.error}>
          {scan.error}
        </span>
      )}
      {scan?.status === "SKIPPED" && scan.error && (
        <span className="line-clamp-2 max-w-64 text-xs text-slate-600 dark:text-slate-400" title={scan.error}>
          {scan.error}
        </span>
      )}
      {scan && !isActiveScanStatus(scan.status) && scan.finishedAt && (
        <span className="text-xs text-slate-600 dark:text-slate-400">
          <TimeAgo date={scan.finishedAt} />
        </span>
      )}
    </div>
  );
}
