import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePageViewer } from "@/app/_lib/viewer";
import { OrgRescan } from "@/app/_components/org-rescan";
import { TrendChart } from "@/app/_components/trend-chart";
import { visibleOrgIds } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { getOrgTrend } from "@/lib/db/history";
import { getOrgScanProgress } from "@/lib/db/rescan";
import { formatScore } from "@/lib/ui/format";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const WEEKS = 26;
const MIN_WEEKS = 8;
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

const load = cache(async (id: string) => {
  const scope = visibleOrgIds(await requirePageViewer());
  const [trend, progress] = await Promise.all([getOrgTrend(db(), id, scope, { weeks: WEEKS }), getOrgScanProgress(db(), id, scope)]);
  return trend && progress ? { trend, progress } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load((await params).id);
  return { title: data ? `History · ${data.trend.org.name}` : "Organization not found" };
}

export default async function OrgHistoryPage({ params }: Props) {
  const data = await load((await params).id);
  if (!data) notFound();
  const { trend, progress } = data;
  // Leading weeks before the first score say nothing: show from the first scored week (at least MIN_WEEKS).
  const firstScored = trend.weeks.findIndex((w) => w.score !== null);
  const weeks = trend.weeks.slice(Math.min(firstScored < 0 ? trend.weeks.length : firstScored, trend.weeks.length - MIN_WEEKS));
  const scored = weeks.filter((w) => w.score !== null);
  const first = scored[0];
  const last = scored.at(-1);
  const summary =
    first && last
      ? first === last
        ? `Average score of the organization's repositories: ${formatScore(last.score)} in the week of ${day.format(last.weekStart)}, the first week with a completed scan.`
        : `Average score of the organization's repositories per week: ${formatScore(first.score)} in the week of ${day.format(first.weekStart)}, ${formatScore(last.score)} in the week of ${day.format(last.weekStart)}.`
      : `No repository of this organization has a completed scan in the last ${WEEKS} weeks.`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        <Link href="/" className="underline">Organizations</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={`/orgs/${trend.org.id}`} className="underline">{trend.org.name}</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">History</span>
      </nav>
      <h1 className="mb-4 text-2xl font-bold tracking-tight">
        Score history <span className="font-normal text-slate-600 dark:text-slate-400">· {trend.org.name}</span>
      </h1>

      <div className="mb-6">
        <OrgRescan orgId={trend.org.id} initial={progress} />
      </div>

      <section aria-labelledby="org-trend-heading" className="mb-8">
        <h2 id="org-trend-heading" className="mb-2 text-lg font-semibold">Average score per week</h2>
        <TrendChart
          title={`Average score of ${trend.org.name} per week`}
          summary={summary}
          data={weeks.map((w) => ({ at: w.weekStart, score: w.score, label: `Week of ${day.format(w.weekStart)}` }))}
        />
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{summary}</p>
      </section>

      <section aria-labelledby="weeks-heading">
        <h2 id="weeks-heading" className="mb-2 text-lg font-semibold">Weeks</h2>
        <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" tabIndex={0} role="region" aria-label="Average score per week">
          <table className="w-full text-left text-sm" data-testid="org-weeks">
            <thead className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Week of</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Average score</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Repositories scored</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Scans that week</th>
              </tr>
            </thead>
            <tbody>
              {[...weeks].reverse().map((w) => (
                <tr key={w.weekStart.toISOString()} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                  <th scope="row" className="px-3 py-1.5 font-normal whitespace-nowrap">{day.format(w.weekStart)}</th>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatScore(w.score)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{w.scoredRepos} of {trend.activeRepoCount}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{w.scans}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
