"use client";
// The "Factors across the organization" panel (distribution, worst factors, most common findings).
// A client component fed compact data, like the heatmap rows: the HTML is still rendered on the
// server, but the React Server Components payload carries ~2 KB of numbers instead of the whole
// element tree (about 20 KB per request, serialised, embedded in the page and parsed again for SSR).
import Link from "next/link";
import type { CommonFinding, FactorDistribution } from "@/lib/db/scorecard";
import { formatScore, pluralize } from "@/lib/ui/format";
import { DistributionBar } from "@/app/_components/distribution-bar";

type FactorsSectionProps = {
  orgId: string;
  /** Index 0..11 = factor I..XII. */
  factors: { roman: string; name: string }[];
  distribution: FactorDistribution[];
  /** The three worst factors. */
  worst: FactorDistribution[];
  /** The most common findings (at most six). */
  commonFindings: CommonFinding[];
};

export function OrgFactorsSection({ orgId, factors, distribution, worst, commonFindings }: FactorsSectionProps) {
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
            {distribution.map((d) => {
              const f = factors[d.factor - 1];
              return (
                <tr key={d.factor} data-factor={d.factor}>
                  <th scope="row" className="py-1 pr-2 text-left font-medium whitespace-nowrap">
                    <Link href={`/orgs/${orgId}/factors/${d.factor}`} className="underline decoration-slate-300 hover:decoration-current dark:decoration-slate-600">
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
                const f = factors[d.factor - 1];
                return (
                  <li key={d.factor} className="flex items-baseline justify-between gap-3 text-sm">
                    <Link href={`/orgs/${orgId}/factors/${d.factor}`} className="font-medium underline decoration-slate-300 dark:decoration-slate-600">
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
          {commonFindings.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">No findings in the latest results.</p>
          ) : (
            <ol className="mt-2 space-y-2 text-sm" data-testid="common-findings">
              {commonFindings.map((f) => (
                <li key={f.ruleId}>
                  <Link
                    href={`/orgs/${orgId}/factors/${f.factor}#rule-${f.ruleId}`}
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
