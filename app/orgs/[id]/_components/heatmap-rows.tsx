"use client";
// Heatmap body rendered from compact rows. The server page passes plain data (a few hundred bytes per
// repository) instead of a server-rendered element tree, so the React Server Components payload that
// accompanies every page stays small; the HTML is still rendered on the server (SSR), and works
// without JavaScript. Times are formatted against the server's `now`, so hydration matches.
import Link from "next/link";
import { FACTOR_STATUS_LABEL, formatDateTime, formatRelativeTime, formatScore, pluralize, type FactorStatusName, type ScanStatusName } from "@/lib/ui/format";
import { GradeBadge } from "@/app/_components/grade-badge";
import { ScanStatusBadge } from "@/app/_components/scan-status-badge";

/** [status, score, findings, confidence, top finding "message (severity)"] */
export type CompactCell = [FactorStatusName, number | null, number, string, string | null] | null;

export type CompactRow = {
  id: string;
  name: string;
  /** "service · Ruby · archived" */
  meta: string;
  grade: string | null;
  score: number | null;
  /** Index 0..11 = factor I..XII; null when no result. */
  cells: CompactCell[];
  scan: { status: ScanStatusName; progress: number; error: string | null; finishedAt: string | null } | null;
};

/** A sortable column header: its link (built on the server) and whether the table is sorted by it. */
export type SortLink = { href: string; active: boolean; ariaSort: "ascending" | "descending" | undefined };

export type HeatmapSort = { name: SortLink; score: SortLink; factors: SortLink[]; status: SortLink };

const TH = "border-b border-slate-200 py-2 font-medium dark:border-slate-800";

function SortHeader({ link, className, children }: { link: SortLink; className: string; children: React.ReactNode }) {
  return (
    <th scope="col" className={className} aria-sort={link.ariaSort}>
      <Link prefetch={false} href={link.href} className={`no-underline hover:underline ${link.active ? "font-bold text-slate-900 dark:text-white" : ""}`}>
        {children}
      </Link>
    </th>
  );
}

/** Header row (sort links) and body of the scorecard table. `factors`: index 0..11 = factor I..XII. */
export function HeatmapRows({ rows, factors, sort, now }: { rows: CompactRow[]; factors: { roman: string; name: string }[]; sort: HeatmapSort; now: number }) {
  const factorNames = factors.map((f) => `${f.roman}. ${f.name}`);
  return (
    <>
    <thead>
      <tr className="text-left text-xs text-slate-600 dark:text-slate-400">
        <SortHeader link={sort.name} className={`sticky left-0 z-10 bg-white px-3 dark:bg-slate-900 ${TH}`}>
          Repository
        </SortHeader>
        <th scope="col" className={`px-2 text-center ${TH}`}>
          Grade
        </th>
        <SortHeader link={sort.score} className={`px-2 text-right ${TH}`}>
          Score
        </SortHeader>
        {factors.map((f, i) => (
          <SortHeader key={f.roman} link={sort.factors[i]} className={`px-0.5 text-center ${TH}`}>
            <abbr title={`${f.roman}. ${f.name} (sort worst first)`} className="no-underline">
              {f.roman}
            </abbr>
            <span className="sr-only"> {f.name}</span>
          </SortHeader>
        ))}
        <SortHeader link={sort.status} className={`px-3 ${TH}`}>
          Scan status
        </SortHeader>
      </tr>
    </thead>
    <tbody>
      {rows.map((repo) => (
        <tr key={repo.id} data-repo={repo.name} className="group">
          <th scope="row" className="hm-row">
            <Link href={`/repos/${repo.id}`} prefetch={false} className="block truncate underline decoration-slate-300 hover:decoration-current dark:decoration-slate-600">
              {repo.name}
            </Link>
            {repo.meta && <span className="block truncate text-xs font-normal text-slate-600 dark:text-slate-400">{repo.meta}</span>}
          </th>
          <td className="hm-plain text-center">
            <GradeBadge grade={repo.grade} score={repo.score} size="sm" />
          </td>
          <td className="hm-plain text-right font-semibold tabular-nums" data-testid="repo-score">
            {formatScore(repo.score)}
          </td>
          {repo.cells.map((cell, i) => (
            <HeatCell key={i} repoId={repo.id} factor={i + 1} factorName={factorNames[i]} cell={cell} />
          ))}
          <td className="hm-plain">
            <RepoScanStatus scan={repo.scan} now={now} />
          </td>
        </tr>
      ))}
    </tbody>
    </>
  );
}

function HeatCell({ repoId, factor, factorName, cell }: { repoId: string; factor: number; factorName: string; cell: CompactCell }) {
  // One title per cell: the hover tooltip and (for the link, which has no other text) its accessible name.
  if (!cell) {
    const label = `${factorName}: no result`;
    return (
      <td className="hm-td" data-factor-status="NONE">
        <span className="hm-cell hm-NONE" title={label}>
          <span aria-hidden="true">·</span>
          <span className="sr-only">{label}</span>
        </span>
      </td>
    );
  }
  const [status, score, findings, confidence, top] = cell;
  const label = `${factorName}: ${FACTOR_STATUS_LABEL[status]}${status === "NA" ? "" : `, score ${formatScore(score)}`}${
    findings ? `, ${pluralize(findings, "finding")}` : ""
  } (${confidence.toLowerCase()} confidence)${top ? `. Top finding: ${top}` : ""}`;
  return (
    <td className="hm-td" data-factor-status={status}>
      <a href={`/repos/${repoId}#factor-${factor}`} className={`hm-cell hm-${status}`} title={label}>
        {/* The status symbol (✓ ◐ ✕) is CSS generated content of this hidden span (.hm-PASS > span::before, …): one element per cell less. */}
        <span aria-hidden="true">{status === "NA" ? "n/a" : formatScore(score)}</span>
      </a>
    </td>
  );
}

function RepoScanStatus({ scan, now }: { scan: CompactRow["scan"]; now: number }) {
  const active = scan && (scan.status === "QUEUED" || scan.status === "CLONING" || scan.status === "SCANNING");
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
      {scan && !active && scan.finishedAt && (
        <span className="text-xs text-slate-600 dark:text-slate-400">
          <time dateTime={scan.finishedAt} title={formatDateTime(new Date(scan.finishedAt))}>
            {formatRelativeTime(new Date(scan.finishedAt), new Date(now))}
          </time>
        </span>
      )}
    </div>
  );
}
