import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePageViewer } from "@/app/_lib/viewer";
import { visibleOrgIds } from "@/lib/auth/viewer";
import { getFactorRules, getOrgOverview, queryReposOfOrg } from "@/lib/db/scorecard";
import { FACTORS } from "@/lib/factors";
import { FACTOR_STATUS_LABEL, formatScore, pluralize } from "@/lib/ui/format";
import { repoQueryString, parseRepoQuery } from "@/lib/ui/repo-query";
import { ruleDoc, rulesOfFactor, type RuleDoc } from "@/lib/ui/rule-catalog";
import { DistributionBar, describeCounts } from "@/app/_components/distribution-bar";
import { EmptyState } from "@/app/_components/empty-state";
import { FactorStatusPill } from "@/app/_components/factor-status";
import { GradeBadge } from "@/app/_components/grade-badge";
import { Pagination } from "@/app/_components/pagination";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string; factor: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function factorNumber(raw: string): number | null {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 12 ? n : null;
}

const loadOverview = cache(async (id: string) => getOrgOverview(visibleOrgIds(await requirePageViewer()), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, factor } = await params;
  const n = factorNumber(factor);
  const overview = n ? await loadOverview(id) : null;
  if (!overview || !n) return { title: "Not found" };
  return { title: `${FACTORS[n - 1].roman}. ${FACTORS[n - 1].name} · ${overview.org.name}` };
}

const PAGE_SIZE = 25;

export default async function FactorPage({ params, searchParams }: Props) {
  const [{ id, factor: rawFactor }, raw] = await Promise.all([params, searchParams]);
  const n = factorNumber(rawFactor);
  if (!n) notFound();
  const overview = await loadOverview(id);
  if (!overview) notFound();
  const f = FACTORS[n - 1];
  const d = overview.distribution[n - 1];
  const page = Math.max(1, Number.parseInt(String(raw.page ?? "1"), 10) || 1);
  const [rules, failing] = await Promise.all([
    getFactorRules(id, n),
    queryReposOfOrg(id, { factor: n, sort: `factor-${n}`, page, pageSize: PAGE_SIZE }),
  ]);
  const docs = rulesOfFactor(n);
  const seen = new Set(rules.map((r) => r.ruleId));
  const examples = [...rules.map((r) => ruleDoc(r.ruleId)).filter((r): r is RuleDoc => Boolean(r)), ...docs.filter((r) => !seen.has(r.id))].filter(
    (r) => r.docs.good.length > 0 || r.docs.bad.length > 0,
  );
  const scorecardLink = `/orgs/${id}${repoQueryString(parseRepoQuery({}), { factor: n, sort: `factor-${n}` })}#repositories`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        <Link href="/" className="underline">Organizations</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={`/orgs/${id}`} className="underline">{overview.org.name}</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">
          {f.roman}. {f.name}
        </span>
      </nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 max-w-3xl">
          <p className="text-sm font-semibold text-sky-800 dark:text-sky-300">Factor {f.roman}</p>
          <h1 className="text-2xl font-bold tracking-tight">{f.name}</h1>
          <p className="mt-1 italic">{f.summary}</p>
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{f.explanation}</p>
          <p className="mt-2 text-sm">
            <a className="underline" href={`https://12factor.net/${["codebase", "dependencies", "config", "backing-services", "build-release-run", "processes", "port-binding", "concurrency", "disposability", "dev-prod-parity", "logs", "admin-processes"][n - 1]}`}>
              Read factor {f.roman} on 12factor.net
            </a>
          </p>
        </div>
        <div className="w-full rounded-xl border border-slate-200 bg-white p-4 sm:w-80 dark:border-slate-800 dark:bg-slate-900" data-testid="factor-summary">
          <p className="text-sm text-slate-600 dark:text-slate-400">Average score across the org</p>
          <p className="text-3xl font-bold tabular-nums">{formatScore(d.averageScore)}</p>
          <div className="mt-3">
            <DistributionBar counts={d} label={`${f.roman}. ${f.name}`} />
          </div>
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{describeCounts(d) || "No results yet"}</p>
        </div>
      </div>

      <section aria-labelledby="failing-heading" className="mb-8">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="failing-heading" className="text-lg font-semibold">
            Repositories not passing {f.roman}
          </h2>
          <Link href={scorecardLink} className="text-sm underline">
            Show in the scorecard
          </Link>
        </div>
        {failing.total === 0 ? (
          <EmptyState title={`Every scored repository passes ${f.roman}`} headingLevel={3}>
            <p>Nothing to fix here. New findings show up after the next scan of each repository.</p>
          </EmptyState>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="failing-count">
              {pluralize(failing.total, "repository", "repositories")} fail or partly pass, worst first.
            </p>
            <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" role="region" aria-label="Repositories not passing" tabIndex={0}>
              <table className="w-full text-sm" data-testid="failing-repos">
                <thead>
                  <tr className="text-left text-xs text-slate-600 dark:text-slate-400">
                    <th scope="col" className="px-3 py-2 font-medium">Repository</th>
                    <th scope="col" className="px-3 py-2 font-medium">Status</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">{f.roman} score</th>
                    <th scope="col" className="px-3 py-2 font-medium">Why (most severe finding)</th>
                    <th scope="col" className="px-3 py-2 text-center font-medium">Overall</th>
                  </tr>
                </thead>
                <tbody>
                  {failing.repos.map((r) => {
                    const cell = r.result?.factors[n - 1] ?? null;
                    const top = r.result?.topFindings[n - 1] ?? null;
                    return (
                      <tr key={r.id} data-repo={r.name} className="border-t border-slate-100 dark:border-slate-800">
                        <th scope="row" className="px-3 py-2 text-left font-medium">
                          <Link href={`/repos/${r.id}#factor-${n}`} className="underline decoration-slate-300 dark:decoration-slate-600">
                            {r.name}
                          </Link>
                        </th>
                        <td className="px-3 py-2">{cell && <FactorStatusPill status={cell.status} />}</td>
                        <td className="px-3 py-2 text-right font-semibold tabular-nums">{formatScore(cell?.score)}</td>
                        <td className="min-w-60 px-3 py-2">
                          {top ? (
                            <>
                              {top.message}
                              <span className="block text-xs text-slate-600 dark:text-slate-400">
                                <span className="font-mono">{top.ruleId}</span> · {top.severity.toLowerCase()}
                                {cell && cell.findings > 1 ? ` · ${cell.findings - 1} more` : ""}
                              </span>
                            </>
                          ) : (
                            <span className="text-slate-600 dark:text-slate-400">
                              {cell ? `${FACTOR_STATUS_LABEL[cell.status]}: missing good practice (no single finding)` : "–"}
                            </span>
                          )}
                        </td>
                        <td className="px-3 py-2 text-center">
                          <GradeBadge grade={r.result?.grade ?? null} score={r.result?.score} size="sm" />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pagination page={failing.page} pageCount={failing.pageCount} href={(p) => `/orgs/${id}/factors/${n}?page=${p}#failing-heading`} label="Failing repository pages" />
          </>
        )}
      </section>

      <section aria-labelledby="rules-heading" className="mb-8">
        <h2 id="rules-heading" className="mb-3 text-lg font-semibold">
          Rule by rule
        </h2>
        {rules.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No rule of this factor has findings in the latest results.</p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" role="region" aria-label="Rules" tabIndex={0}>
            <table className="w-full text-sm" data-testid="factor-rules">
              <thead>
                <tr className="text-left text-xs text-slate-600 dark:text-slate-400">
                  <th scope="col" className="px-3 py-2 font-medium">Rule</th>
                  <th scope="col" className="px-3 py-2 font-medium">Severity</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Repositories</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Findings</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Waived</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => (
                  <tr key={r.ruleId} id={`rule-${r.ruleId}`} data-rule={r.ruleId} className="border-t border-slate-100 target:bg-sky-50 dark:border-slate-800 dark:target:bg-sky-950">
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {ruleDoc(r.ruleId)?.title ?? r.message}
                      <span className="block font-mono text-xs font-normal text-slate-600 dark:text-slate-400">{r.ruleId}</span>
                    </th>
                    <td className="px-3 py-2">
                      {r.severity.toLowerCase()}
                      {ruleDoc(r.ruleId)?.advisory && (
                        <span className="ml-1.5 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300" title="Advisory: its findings lower the score but do not change the factor's verdict on their own">
                          advisory
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.repoCount}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.count}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.waived}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="examples-heading">
        <h2 id="examples-heading" className="mb-1 text-lg font-semibold">
          What good and bad look like
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          The checks behind {f.roman}, most frequent in this organization first, with the fix for each.
        </p>
        <div className="space-y-3">
          {examples.slice(0, 8).map((r, i) => (
            <details key={r.id} open={i < 2} className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <summary className="cursor-pointer font-medium">
                {r.title} <span className="font-mono text-xs font-normal text-slate-600 dark:text-slate-400">{r.id}</span>
              </summary>
              <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{r.rationale}</p>
              <p className="mt-2 text-sm">
                <strong>Fix:</strong> {r.remediation}
              </p>
              <div className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-2">
                <Examples tone="bad" examples={r.docs.bad} />
                <Examples tone="good" examples={r.docs.good} />
              </div>
            </details>
          ))}
        </div>
      </section>
    </>
  );
}

function Examples({ tone, examples }: { tone: "good" | "bad"; examples: RuleDoc["docs"]["bad"] }) {
  if (examples.length === 0) return null;
  return (
    <div className="min-w-0" data-testid={`example-${tone}`}>
      <p className={`mb-1 text-xs font-semibold ${tone === "bad" ? "text-red-800 dark:text-red-300" : "text-emerald-800 dark:text-emerald-300"}`}>
        <span aria-hidden="true">{tone === "bad" ? "✕ " : "✓ "}</span>
        {tone === "bad" ? "Bad" : "Good"}
      </p>
      {examples.slice(0, 2).map((e, i) => (
        <figure key={i} className="mb-2">
          {e.file && <figcaption className="font-mono text-xs text-slate-600 dark:text-slate-400">{e.file}</figcaption>}
          <pre
            className={`overflow-x-auto rounded-md border-l-4 bg-slate-50 p-2 text-xs dark:bg-slate-950 ${
              tone === "bad" ? "border-red-700" : "border-emerald-700"
            }`}
            tabIndex={0}
          >
            <code>{e.code}</code>
          </pre>
          {e.note && <p className="text-xs text-slate-600 dark:text-slate-400">{e.note}</p>}
        </figure>
      ))}
    </div>
  );
}
