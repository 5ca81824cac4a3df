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

const SYMBOL: Record<FactorStatusName, string> = { PASS: "✓", PARTIAL: "◐", FAIL: "✕", NA: "–" };

export function HeatmapRows({ rows, factorNames, now }: { rows: CompactRow[]; factorNames: string[]; now: number }) {
  return (
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
        {status !== "NA" && (
          <span aria-hidden="true" className="hm-sym">
            {SYMBOL[status]}
          </span>
        )}
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
