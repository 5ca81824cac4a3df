import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePageViewer } from "@/app/_lib/viewer";
import { BadgeSection } from "@/app/_components/badge-section";
import { EmptyState } from "@/app/_components/empty-state";
import { FactorStatusLegend, FactorStatusPill } from "@/app/_components/factor-status";
import { GradeBadge } from "@/app/_components/grade-badge";
import { TimeAgo } from "@/app/_components/time-ago";
import { visibleOrgIds } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { getRepoPage, type FactorInsight, type FindingRow, type RepoPageResult } from "@/lib/db/repo-report";
import { FACTORS, type FactorInfo } from "@/lib/factors";
import { formatDateTime, formatScore, pluralize, shortSha } from "@/lib/ui/format";
import type { EvidenceContext } from "./_components/evidence";
import { ruleLabel, splitRaised } from "@/lib/ui/drivers";
import { FindingItem } from "./_components/finding-item";
import { RepoNav } from "./_components/repo-header";
import { ScanDetails } from "./_components/scan-details";
import { ScanProgress, type ScanSnapshot } from "./_components/scan-progress";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const loadPage = cache(async (id: string) => {
  const viewer = await requirePageViewer();
  return getRepoPage(db(), id, visibleOrgIds(viewer));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await loadPage((await params).id);
  return { title: page ? page.repo.fullName : "Repository not found" };
}

export default async function RepoPage({ params }: Props) {
  const page = await loadPage((await params).id);
  if (!page) notFound();
  const { repo, latestScan, result } = page;
  const now = new Date();

  const snapshot: ScanSnapshot | null = latestScan && {
    id: latestScan.id,
    status: latestScan.status,
    progress: latestScan.progress,
    error: latestScan.error,
    queuedAt: latestScan.queuedAt.toISOString(),
    startedAt: latestScan.startedAt?.toISOString() ?? null,
    finishedAt: latestScan.finishedAt?.toISOString() ?? null,
  };
  const evidence: EvidenceContext | null = result && {
    repositoryId: repo.id,
    sourceKind: repo.org.sourceKind,
    htmlUrl: repo.htmlUrl,
    scanId: result.id,
    commitSha: result.commitSha,
  };

  return (
    <>
      <RepoNav repo={repo} current="report" />

      <div className="mb-6 flex flex-wrap items-start gap-4">
        <GradeBadge grade={result?.grade ?? null} score={result?.score} size="lg" />
        <div className="min-w-0 flex-1 basis-56">
          <h1 className="text-2xl font-bold tracking-tight break-words">{repo.name}</h1>
          {repo.description && <p className="mt-1 text-slate-700 dark:text-slate-300">{repo.description}</p>}
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
            <li className="break-all">{repo.fullName}</li>
            {repo.language && <li>{repo.language}</li>}
            <li>branch {repo.defaultBranch}</li>
            <li>{repo.org.sourceKind === "LOCAL" ? "local source" : "GitHub"}</li>
            {repo.archived && <li className="font-medium text-amber-800 dark:text-amber-300">archived</li>}
            {repo.removedAt && <li className="font-medium text-amber-800 dark:text-amber-300">removed from its source</li>}
            {repo.htmlUrl && (
              <li>
                <a href={repo.htmlUrl} className="underline">View source</a>
              </li>
            )}
          </ul>
        </div>
      </div>

      {result && <ResultSummary result={result} repo={{ htmlUrl: repo.htmlUrl, sourceKind: repo.org.sourceKind }} doneScanCount={page.doneScanCount} repoId={repo.id} />}

      <div className="my-6">
        <ScanProgress
          repositoryId={repo.id}
          initial={snapshot}
          rescanDisabledReason={repo.removedAt ? "This repository was removed from its source" : null}
        />
      </div>

      {result && evidence ? (
        <>
          <FactorCards result={result} />
          <Findings findings={result.findings.filter((f) => !f.waived)} evidence={evidence} now={now} />
          <WaivedFindings findings={result.findings.filter((f) => f.waived)} evidence={evidence} now={now} />
          <Notices notices={result.notices} />
          <ScanDetails units={result.units} skipped={result.skipped} cloneMs={result.cloneMs} scanMs={result.scanMs} />
        </>
      ) : (
        <EmptyState title="No results yet">
          <p>
            This repository has no completed scan yet. Results appear here as soon as the scan above finishes
            {latestScan?.status === "FAILED" ? "; it failed, so fix the reason shown above and press Rescan" : ""}.
          </p>
        </EmptyState>
      )}

      {!repo.removedAt && <BadgeSection kind="repo" id={repo.id} />}
    </>
  );
}

function ResultSummary({
  result,
  repo,
  repoId,
  doneScanCount,
}: {
  result: RepoPageResult;
  repo: { htmlUrl: string | null; sourceKind: "LOCAL" | "GITHUB" };
  repoId: string;
  doneScanCount: number;
}) {
  const waiversChangeScore = result.rawScore !== null && result.score !== null && Math.round(result.rawScore) !== Math.round(result.score);
  const commit = result.commitSha ? (
    repo.sourceKind === "GITHUB" && repo.htmlUrl ? (
      <a key="c" href={`${repo.htmlUrl}/commit/${result.commitSha}`} className="font-mono underline" title={result.commitSha} data-testid="repo-commit">
        {shortSha(result.commitSha)}
      </a>
    ) : (
      <code key="c" title={result.commitSha} data-testid="repo-commit">
        {shortSha(result.commitSha)}
      </code>
    )
  ) : (
    "–"
  );
  const items: [string, React.ReactNode][] = [
    ["Score", <span key="s" className="tabular-nums" data-testid="repo-score">{formatScore(result.score)} / 100</span>],
    [
      "Without waivers",
      <span key="r" className="tabular-nums" data-testid="repo-raw-score">
        {formatScore(result.rawScore)}
        {waiversChangeScore && result.rawScore !== null && result.score !== null && (
          <span className="ml-1 text-xs font-normal text-slate-600 dark:text-slate-400">
            (waivers add {formatScore(result.score - result.rawScore)})
          </span>
        )}
      </span>,
    ],
    ["Grade", <span key="g" data-testid="repo-grade">{result.grade ?? "–"}</span>],
    ["Kind", <span key="k" data-testid="repo-kind">{result.kind ?? "unknown"}</span>],
    ["Confidence", result.confidence ? result.confidence.toLowerCase() : "–"],
    ["Commit", commit],
    ["Scanned", result.finishedAt ? <TimeAgo key="t" date={result.finishedAt} /> : "–"],
  ];
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {items.map(([term, value]) => (
          <div key={term}>
            <dt className="text-xs text-slate-600 dark:text-slate-400">{term}</dt>
            <dd className="mt-0.5 font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400" data-testid="scanner-version">
        {result.scannerVersion && (
          <span>
            Scanner {result.scannerVersion}
            {result.rulesVersion && <> · rules {result.rulesVersion}</>}
          </span>
        )}
        {result.finishedAt && <span>{formatDateTime(result.finishedAt)}</span>}
        {result.gradeLabel && result.gradeLabel !== result.grade && <span>grade {result.gradeLabel}</span>}
        {result.gatesApplied.length > 0 && <span>gates: {result.gatesApplied.join(", ")}</span>}
        <Link href={`/repos/${repoId}/history`} className="underline">
          {pluralize(doneScanCount, "completed scan")}
        </Link>
        {doneScanCount > 1 && (
          <Link href={`/repos/${repoId}/compare`} className="underline">
            What changed since the previous scan
          </Link>
        )}
      </p>
    </div>
  );
}

function FactorCards({ result }: { result: RepoPageResult }) {
  const byFactor = new Map(result.factors.map((f) => [f.factor, f]));
  const insights = new Map(result.insights.map((i) => [i.factor, i]));
  const open = (factor: number) => result.findings.filter((f) => f.factor === factor && !f.waived);
  return (
    <section aria-labelledby="factors-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="factors-heading" className="text-xl font-semibold">Factors</h2>
        <FactorStatusLegend />
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
        {FACTORS.map((info) => (
          <FactorCard key={info.id} info={info} cell={byFactor.get(info.id) ?? null} insight={insights.get(info.id) ?? null} open={open(info.id)} />
        ))}
      </ul>
    </section>
  );
}

function FactorCard({
  info,
  cell,
  insight,
  open,
}: {
  info: FactorInfo;
  cell: RepoPageResult["factors"][number] | null;
  insight: FactorInsight | null;
  open: FindingRow[];
}) {
  const rawDiffers = cell && cell.rawScore !== null && cell.score !== null && Math.round(cell.rawScore) !== Math.round(cell.score);
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
        {cell ? <FactorStatusPill status={cell.status} /> : <span className="text-xs text-slate-600 dark:text-slate-400">no result</span>}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">{info.summary}</p>
      {insight && <Drivers insight={insight} open={open} />}
      {cell && (
        <dl className="mt-auto grid grid-cols-3 gap-2 border-t border-slate-100 pt-2 text-sm dark:border-slate-800">
          <div>
            <dt className="text-xs text-slate-600 dark:text-slate-400">Score</dt>
            <dd className="font-semibold tabular-nums">
              {cell.status === "NA" ? "n/a" : formatScore(cell.score)}
              {rawDiffers && <span className="sr-only"> ({formatScore(cell.rawScore)} without waivers)</span>}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600 dark:text-slate-400">Confidence</dt>
            <dd className="font-medium">{cell.confidence.toLowerCase()}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600 dark:text-slate-400">Findings</dt>
            <dd className="font-medium tabular-nums">
              {open.length > 0 ? (
                <a href={`#factor-${info.id}-findings`} className="underline" aria-label={`${open.length} open ${open.length === 1 ? "finding" : "findings"} for ${info.name}`}>
                  {open.length}
                </a>
              ) : (
                open.length
              )}
            </dd>
          </div>
        </dl>
      )}
    </li>
  );
}

/** What raised and lowered the factor's score: passing rules, failing rules, the cap, thin evidence. */
function Drivers({ insight, open }: { insight: FactorInsight; open: FindingRow[] }) {
  const worst = open[0];
  const raised = splitRaised(insight.raised);
  return (
    <div className="space-y-1.5 text-xs" data-testid="factor-drivers">
      {insight.lowered.length > 0 && (
        <div>
          <p className="font-semibold text-red-800 dark:text-red-300">
            <span aria-hidden="true">▼ </span>Lowered by
          </p>
          <ul className="ml-3 list-disc space-y-0.5 pl-2">
            {insight.lowered.slice(0, 2).map((d) => (
              <li key={d.rule} title={d.rule}>
                {ruleLabel(d.rule)}
                {d.findings > 0 ? ` (${pluralize(d.findings, "finding")})` : d.note ? `: ${d.note}` : ""}
              </li>
            ))}
          </ul>
        </div>
      )}
      {raised.practices.length > 0 && (
        <div>
          <p className="font-semibold text-emerald-800 dark:text-emerald-300">
            <span aria-hidden="true">▲ </span>Raised by
          </p>
          <ul className="ml-3 list-disc space-y-0.5 pl-2">
            {raised.practices.slice(0, 2).map((d) => (
              <li key={d.rule} title={d.rule}>
                {d.title}
              </li>
            ))}
          </ul>
        </div>
      )}
      {raised.clear.length > 0 && (
        <div data-testid="factor-checked-clear">
          <p className="font-semibold text-emerald-800 dark:text-emerald-300">
            <span aria-hidden="true">✓ </span>Checked, not found
          </p>
          <ul className="ml-3 list-disc space-y-0.5 pl-2">
            {raised.clear.slice(0, 2).map((d) => (
              <li key={d.rule} title={d.rule}>
                {d.title}
              </li>
            ))}
          </ul>
          {raised.clear.length > 2 && <p className="ml-3 pl-2 text-slate-600 dark:text-slate-400">and {raised.clear.length - 2} more</p>}
        </div>
      )}
      {insight.cap !== null && <p className="text-amber-900 dark:text-amber-200">Capped at {insight.cap} by a serious finding.</p>}
      {insight.insufficient && <p className="text-slate-700 dark:text-slate-300">Too little evidence to count in the overall score{insight.reason ? `: ${insight.reason}` : "."}</p>}
      {!insight.insufficient && insight.reason && insight.lowered.length === 0 && insight.raised.length === 0 && (
        <p className="text-slate-700 dark:text-slate-300">{insight.reason}</p>
      )}
      {worst && insight.lowered.length === 0 && <p>Top finding: {worst.message}</p>}
    </div>
  );
}

function Findings({ findings, evidence, now }: { findings: FindingRow[]; evidence: EvidenceContext; now: Date }) {
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
                  <FindingItem key={f.id} finding={f} evidence={evidence} now={now} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

function WaivedFindings({ findings, evidence, now }: { findings: FindingRow[]; evidence: EvidenceContext; now: Date }) {
  if (findings.length === 0) return null;
  const expired = findings.filter((f) => f.waiverExpires !== null && f.waiverExpires < now).length;
  return (
    <section aria-labelledby="waived-heading" className="mt-10" data-testid="waived-findings">
      <h2 id="waived-heading" className="mb-1 text-xl font-semibold">
        Waived findings <span className="text-base font-normal text-slate-600 dark:text-slate-400">({findings.length})</span>
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Accepted by the repository&apos;s <code>.twelve-factor.yml</code> or an inline pragma; they do not lower the score until the waiver expires.
        {expired > 0 && <strong className="text-amber-900 dark:text-amber-200"> {pluralize(expired, "waiver")} expired since this scan.</strong>}
      </p>
      <ul className="space-y-3">
        {findings.map((f) => (
          <FindingItem key={f.id} finding={f} evidence={evidence} now={now} />
        ))}
      </ul>
    </section>
  );
}

function Notices({ notices }: { notices: RepoPageResult["notices"] }) {
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby="notices-heading" className="mt-10" data-testid="notices">
      <h2 id="notices-heading" className="mb-3 text-xl font-semibold">Configuration notices</h2>
      <ul className="list-disc space-y-1 rounded-xl border border-slate-200 bg-white p-4 pl-8 text-sm dark:border-slate-800 dark:bg-slate-900">
        {notices.slice(0, 50).map((n, i) => (
          <li key={i}>
            <code className="text-xs">{n.code}</code> {n.message}
            {n.path && <span className="font-mono text-xs text-slate-600 dark:text-slate-400"> ({n.path}{n.line ? `:${n.line}` : ""})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function groupByFactor(findings: FindingRow[]): [FactorInfo, FindingRow[]][] {
  return FACTORS.map((info) => [info, findings.filter((f) => f.factor === info.id)] as [FactorInfo, FindingRow[]]).filter(([, items]) => items.length > 0);
}
