import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { canSeeRepository, currentViewer, requireRepositoryPage } from "@/app/_lib/viewer";
import { getRepoReport, type FactorCell, type FindingView, type RepoReport } from "@/lib/db/dashboard";
import { FACTORS, type FactorInfo } from "@/lib/factors";
import { formatDateTime, formatLocation, formatScore, pluralize, shortSha } from "@/lib/ui/format";
import { EmptyState } from "@/app/_components/empty-state";
import { FactorStatusLegend, FactorStatusPill } from "@/app/_components/factor-status";
import { GradeBadge } from "@/app/_components/grade-badge";
import { TimeAgo } from "@/app/_components/time-ago";
import { ScanDetails } from "./_components/scan-details";
import { ScanProgress, type ScanSnapshot } from "./_components/scan-progress";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

// Scoped to the viewer: a repository of an org they may not see loads as missing (title included).
const loadReport = cache(async (id: string) => ((await canSeeRepository(await currentViewer(), id)) ? getRepoReport(id) : null));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const report = await loadReport((await params).id);
  return { title: report ? report.repo.fullName : "Repository not found" };
}

export default async function RepoPage({ params }: Props) {
  const { id } = await params;
  await requireRepositoryPage(id);
  const report = await loadReport(id);
  if (!report) notFound();
  const { repo, latestScan, result } = report;

  const snapshot: ScanSnapshot | null = latestScan && {
    id: latestScan.id,
    status: latestScan.status,
    progress: latestScan.progress,
    error: latestScan.error,
    queuedAt: latestScan.queuedAt.toISOString(),
    startedAt: latestScan.startedAt?.toISOString() ?? null,
    finishedAt: latestScan.finishedAt?.toISOString() ?? null,
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        <Link href="/" className="underline">Organizations</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={`/orgs/${repo.org.id}`} className="underline">{repo.org.name}</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">{repo.name}</span>
      </nav>

      <div className="mb-6 flex flex-wrap items-start gap-4">
        <GradeBadge grade={result?.grade ?? null} score={result?.score} size="lg" />
        <div className="min-w-0 flex-1 basis-56">
          <h1 className="text-2xl font-bold tracking-tight break-words">{repo.name}</h1>
          {repo.description && <p className="mt-1 text-slate-700 dark:text-slate-300">{repo.description}</p>}
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
            <li className="break-all">{repo.fullName}</li>
            {repo.language && <li>{repo.language}</li>}
            <li>branch {repo.defaultBranch}</li>
            {repo.archived && <li className="font-medium text-amber-800 dark:text-amber-300">archived</li>}
            {repo.htmlUrl && (
              <li>
                <a href={repo.htmlUrl} className="underline">View source</a>
              </li>
            )}
          </ul>
        </div>
      </div>

      {result && <ResultSummary result={result} />}

      <div className="my-6">
        <ScanProgress repositoryId={repo.id} initial={snapshot} />
      </div>

      {result ? (
        <>
          <FactorCards factors={result.factors} findings={result.findings} />
          <Findings findings={result.findings.filter((f) => !f.waived)} />
          <WaivedFindings findings={result.findings.filter((f) => f.waived)} />
          <ScanDetails units={result.units} skipped={result.skipped} cloneMs={result.cloneMs} scanMs={result.scanMs} />
        </>
      ) : (
        <EmptyState title="No results yet">
          <p>
            This repository has no completed scan yet. Results appear here as soon as the scan above finishes
            {latestScan?.status === "FAILED" ? "; it failed, so check the reason above" : ""}.
          </p>
        </EmptyState>
      )}
    </>
  );
}

type Result = NonNullable<RepoReport["result"]>;

function ResultSummary({ result }: { result: Result }) {
  const items: [string, React.ReactNode][] = [
    ["Score", <span key="s" className="tabular-nums" data-testid="repo-score">{formatScore(result.score)} / 100</span>],
    ["Grade", <span key="g" data-testid="repo-grade">{result.grade ?? "–"}</span>],
    ["Kind", <span key="k" data-testid="repo-kind">{result.kind ?? "unknown"}</span>],
    ["Confidence", result.confidence ? result.confidence.toLowerCase() : "–"],
    ["Commit", result.commitSha ? <code key="c" title={result.commitSha}>{shortSha(result.commitSha)}</code> : "–"],
    ["Scanned", result.finishedAt ? <TimeAgo key="t" date={result.finishedAt} /> : "–"],
  ];
  if (result.rawScore !== null && result.score !== null && Math.round(result.rawScore) !== Math.round(result.score)) {
    items.splice(1, 0, ["Without waivers", <span key="r" className="tabular-nums">{formatScore(result.rawScore)}</span>]);
  }
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {items.map(([term, value]) => (
          <div key={term}>
            <dt className="text-xs text-slate-600 dark:text-slate-400">{term}</dt>
            <dd className="mt-0.5 font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      {result.scannerVersion && (
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
          Scanner {result.scannerVersion}
          {result.finishedAt && <> · {formatDateTime(result.finishedAt)}</>}
        </p>
      )}
    </div>
  );
}

function FactorCards({ factors, findings }: { factors: FactorCell[]; findings: FindingView[] }) {
  const byFactor = new Map(factors.map((f) => [f.factor, f]));
  const openCount = (factor: number) => findings.filter((f) => f.factor === factor && !f.waived).length;
  return (
    <section aria-labelledby="factors-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="factors-heading" className="text-xl font-semibold">Factors</h2>
        <FactorStatusLegend />
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
        {FACTORS.map((info) => (
          <FactorCard key={info.id} info={info} cell={byFactor.get(info.id) ?? null} open={openCount(info.id)} />
        ))}
      </ul>
    </section>
  );
}

function FactorCard({ info, cell, open }: { info: FactorInfo; cell: FactorCell | null; open: number }) {
  return (
    <li
      className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      data-testid={`factor-card-${info.id}`}
      data-factor-status={cell?.status ?? "NONE"}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 className="font-semibold">
          <span className="text-slate-600 dark:text-slate-400">{info.roman}.</span> {info.name}
        </h3>
        {cell ? (
          <FactorStatusPill status={cell.status} />
        ) : (
          <span className="text-xs text-slate-600 dark:text-slate-400">no result</span>
        )}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">{info.summary}</p>
      {cell && (
        <dl className="mt-auto grid grid-cols-3 gap-2 text-sm">
          <div>
            <dt className="text-xs text-slate-600 dark:text-slate-400">Score</dt>
            <dd className="font-semibold tabular-nums">{cell.status === "NA" ? "n/a" : formatScore(cell.score)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600 dark:text-slate-400">Confidence</dt>
            <dd className="font-medium">{cell.confidence.toLowerCase()}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600 dark:text-slate-400">Findings</dt>
            <dd className="font-medium tabular-nums">
              {open > 0 ? (
                <a href={`#factor-${info.id}-findings`} className="underline">
                  {open}
                </a>
              ) : (
                open
              )}
            </dd>
          </div>
        </dl>
      )}
    </li>
  );
}

const SEVERITY_CLASSES: Record<FindingView["severity"], string> = {
  CRITICAL: "bg-red-700 text-white",
  HIGH: "bg-orange-700 text-white",
  MEDIUM: "bg-amber-300 text-amber-950",
  LOW: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  INFO: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

function Findings({ findings }: { findings: FindingView[] }) {
  const groups = groupByFactor(findings);
  return (
    <section aria-labelledby="findings-heading" className="mt-10">
      <h2 id="findings-heading" className="mb-3 text-xl font-semibold">
        Findings <span className="text-base font-normal text-slate-600 dark:text-slate-400">({findings.length})</span>
      </h2>
      {findings.length === 0 ? (
        <EmptyState title="No open findings" headingLevel={3}>
          <p>The scanner found nothing to fix in this commit. Factors without a passing score lack evidence rather than having a problem; their cards say so.</p>
        </EmptyState>
      ) : (
        <div className="space-y-8">
          {groups.map(([info, items]) => (
            <section key={info.id} aria-labelledby={`factor-${info.id}-findings`} data-testid={`findings-factor-${info.id}`}>
              <h3 id={`factor-${info.id}-findings`} className="mb-2 scroll-mt-4 text-lg font-semibold">
                {info.roman}. {info.name}{" "}
                <span className="text-sm font-normal text-slate-600 dark:text-slate-400">({pluralize(items.length, "finding")})</span>
              </h3>
              <ul className="space-y-3">
                {items.map((f) => (
                  <FindingItem key={f.id} finding={f} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

function WaivedFindings({ findings }: { findings: FindingView[] }) {
  if (findings.length === 0) return null;
  return (
    <section aria-labelledby="waived-heading" className="mt-10" data-testid="waived-findings">
      <h2 id="waived-heading" className="mb-1 text-xl font-semibold">
        Waived findings <span className="text-base font-normal text-slate-600 dark:text-slate-400">({findings.length})</span>
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Accepted by the repository&apos;s <code>.twelve-factor.yml</code>; they do not lower the score until the waiver expires.
      </p>
      <ul className="space-y-3">
        {findings.map((f) => (
          <FindingItem key={f.id} finding={f} />
        ))}
      </ul>
    </section>
  );
}

function FindingItem({ finding }: { finding: FindingView }) {
  const location = formatLocation(finding.path, finding.line);
  return (
    <li
      className={`rounded-xl border bg-white p-4 dark:bg-slate-900 ${
        finding.waived ? "border-dashed border-slate-300 dark:border-slate-700" : "border-slate-200 dark:border-slate-800"
      }`}
      data-testid="finding"
      data-rule-id={finding.ruleId}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${SEVERITY_CLASSES[finding.severity]}`}>
          {finding.severity.toLowerCase()}
        </span>
        <p className="font-medium">{finding.message}</p>
      </div>
      <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600 dark:text-slate-400">
        <code>{finding.ruleId}</code>
        <span>{finding.confidence.toLowerCase()} confidence</span>
        {finding.unit && finding.unit !== "." && <span>unit {finding.unit}</span>}
      </p>
      {location && (
        <p className="mt-2 font-mono text-sm break-all" data-testid="finding-location">
          {location}
        </p>
      )}
      {finding.snippet && (
        <pre className="mt-2 overflow-x-auto rounded-md bg-slate-100 p-3 font-mono text-xs leading-relaxed text-slate-800 dark:bg-slate-950 dark:text-slate-200" tabIndex={0}>
          <code>{finding.snippet}</code>
        </pre>
      )}
      {finding.remediation && (
        <p className="mt-2 text-sm">
          <span className="font-semibold">How to fix: </span>
          {finding.remediation}
        </p>
      )}
      {finding.waived && (
        <p className="mt-2 rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800" data-testid="waiver">
          <span className="font-semibold">Waived: </span>
          {finding.waiverReason ?? "no reason given"}
          {finding.waiverExpires && (
            <>
              {" "}· expires <time dateTime={finding.waiverExpires.toISOString()}>{formatDateTime(finding.waiverExpires)}</time>
            </>
          )}
        </p>
      )}
    </li>
  );
}

function groupByFactor(findings: FindingView[]): [FactorInfo, FindingView[]][] {
  return FACTORS.map((info) => [info, findings.filter((f) => f.factor === info.id)] as [FactorInfo, FindingView[]]).filter(
    ([, items]) => items.length > 0,
  );
}
