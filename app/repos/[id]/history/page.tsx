import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePageViewer } from "@/app/_lib/viewer";
import { EmptyState } from "@/app/_components/empty-state";
import { ScanStatusBadge } from "@/app/_components/scan-status-badge";
import { TrendChart } from "@/app/_components/trend-chart";
import { visibleOrgIds } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { getRepoHistory, type HistoryScan } from "@/lib/db/history";
import { formatDateTime, formatScore, shortSha } from "@/lib/ui/format";
import { Delta } from "../_components/delta";
import { RepoNav } from "../_components/repo-header";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const load = cache(async (id: string) => getRepoHistory(db(), id, visibleOrgIds(await requirePageViewer())));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const history = await load((await params).id);
  return { title: history ? `History · ${history.repo.fullName}` : "Repository not found" };
}

export default async function RepoHistoryPage({ params }: Props) {
  const history = await load((await params).id);
  if (!history) notFound();
  const { repo, scans, trend } = history;
  const first = trend[0];
  const last = trend.at(-1);
  const summary =
    first && last
      ? `${trend.length} completed scans from ${formatDateTime(first.at)} to ${formatDateTime(last.at)}; score went from ${formatScore(first.score)} to ${formatScore(last.score)}.`
      : "No completed scan with a score yet.";

  return (
    <>
      <RepoNav repo={repo} current="history" />
      <h1 className="mb-4 text-2xl font-bold tracking-tight">
        Scan history <span className="font-normal text-slate-600 dark:text-slate-400">· {repo.name}</span>
      </h1>
      {scans.length === 0 ? (
        <EmptyState title="No scans yet">
          <p>
            This repository was never scanned. Open <Link href={`/repos/${repo.id}`} className="underline">its report</Link> and press Rescan, or wait for the next sync of the organization.
          </p>
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="trend-heading" className="mb-8">
            <h2 id="trend-heading" className="mb-2 text-lg font-semibold">Score over time</h2>
            <TrendChart
              title={`Score of ${repo.name} over time`}
              summary={summary}
              data={trend.map((p) => ({ at: p.at, score: p.score, label: `${formatDateTime(p.at)}${p.scannerVersion ? `, scanner ${p.scannerVersion}` : ""}` }))}
            />
            <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{summary}</p>
          </section>
          <section aria-labelledby="scans-heading">
            <h2 id="scans-heading" className="mb-2 text-lg font-semibold">
              All scans <span className="text-base font-normal text-slate-600 dark:text-slate-400">({scans.length}{history.truncated ? "+, newest shown" : ""})</span>
            </h2>
            <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" tabIndex={0} role="region" aria-label="All scans">
              <table className="w-full text-left text-sm" data-testid="scan-history">
                <thead className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">Scan</th>
                    <th scope="col" className="px-3 py-2 font-medium">Status</th>
                    <th scope="col" className="px-3 py-2 font-medium">Commit</th>
                    <th scope="col" className="px-3 py-2 font-medium">Scanner</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Score</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Change</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Open findings</th>
                    <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Compare</span></th>
                  </tr>
                </thead>
                <tbody>
                  {scans.map((s) => (
                    <ScanRow key={s.id} scan={s} repoId={repo.id} />
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}

function ScanRow({ scan, repoId }: { scan: HistoryScan; repoId: string }) {
  const at = scan.finishedAt ?? scan.queuedAt;
  return (
    <tr className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800" data-scan-id={scan.id}>
      <td className="px-3 py-2 whitespace-nowrap">
        <time dateTime={at.toISOString()}>{formatDateTime(at)}</time>
        <div className="text-xs text-slate-600 dark:text-slate-400">{scan.trigger.toLowerCase()}</div>
      </td>
      <td className="px-3 py-2">
        <ScanStatusBadge status={scan.status} />
        {scan.error && <div className="mt-1 max-w-xs text-xs break-words text-slate-700 dark:text-slate-300">{scan.error}</div>}
      </td>
      <td className="px-3 py-2 font-mono text-xs">{shortSha(scan.commitSha) ?? "–"}</td>
      <td className="px-3 py-2 text-xs">
        {scan.scannerVersion ?? "–"}
        {scan.scannerChanged && (
          <span className="ml-1 rounded bg-amber-100 px-1 py-0.5 font-semibold text-amber-950 dark:bg-amber-900 dark:text-amber-100" data-testid="scanner-changed">
            changed
          </span>
        )}
      </td>
      <td className="px-3 py-2 text-right tabular-nums">{scan.status === "DONE" ? `${formatScore(scan.score)}${scan.grade ? ` (${scan.grade})` : ""}` : "–"}</td>
      <td className="px-3 py-2 text-right tabular-nums" data-testid="score-delta">
        <Delta value={scan.delta} />
      </td>
      <td className="px-3 py-2 text-right tabular-nums">{scan.openFindings ?? "–"}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        {scan.previousDoneId && (
          <Link href={`/repos/${repoId}/compare?from=${scan.previousDoneId}&to=${scan.id}`} className="text-sky-800 underline dark:text-sky-300">
            What changed
          </Link>
        )}
      </td>
    </tr>
  );
}
