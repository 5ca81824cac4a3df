import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePageViewer } from "@/app/_lib/viewer";
import { EmptyState } from "@/app/_components/empty-state";
import { FactorStatusPill } from "@/app/_components/factor-status";
import { GradeBadge } from "@/app/_components/grade-badge";
import { visibleOrgIds } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { compareScans, type ScanComparison } from "@/lib/db/history";
import type { FindingRow } from "@/lib/db/repo-report";
import { FACTORS } from "@/lib/factors";
import { formatDateTime, formatScore, pluralize, shortSha, type FactorStatusName } from "@/lib/ui/format";
import { Delta } from "../_components/delta";
import type { EvidenceContext } from "../_components/evidence";
import { FindingItem } from "../_components/finding-item";
import { RepoNav } from "../_components/repo-header";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (typeof v === "string" && v.length > 0 && v.length <= 64 ? v : undefined);

const load = cache(async (id: string, from?: string, to?: string) =>
  compareScans(db(), id, visibleOrgIds(await requirePageViewer()), { from, to }),
);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const q = await searchParams;
  const out = await load((await params).id, one(q.from), one(q.to));
  return { title: out.kind === "not-found" ? "Repository not found" : `What changed · ${out.kind === "ok" ? out.comparison.repo.fullName : out.repo.fullName}` };
}

export default async function ComparePage({ params, searchParams }: Props) {
  const q = await searchParams;
  const out = await load((await params).id, one(q.from), one(q.to));
  if (out.kind === "not-found") notFound();
  if (out.kind !== "ok") {
    return (
      <>
        <RepoNav repo={out.repo} current="compare" />
        <h1 className="mb-4 text-2xl font-bold tracking-tight">What changed</h1>
        {out.kind === "too-few-scans" ? (
          <EmptyState title="Nothing to compare yet">
            <p>
              Comparing needs two completed scans; this repository has {pluralize(out.doneScans, "completed scan")}. Press Rescan on{" "}
              <Link href={`/repos/${out.repo.id}`} className="underline">the report</Link> after your next change.
            </p>
          </EmptyState>
        ) : (
          <EmptyState title="These scans cannot be compared" tone="error">
            <p>
              Scan <code>{out.scanId}</code> is not a completed scan of this repository (or both sides are the same scan). Pick two scans from{" "}
              <Link href={`/repos/${out.repo.id}/history`} className="underline">the history</Link>.
            </p>
          </EmptyState>
        )}
      </>
    );
  }
  const c = out.comparison;
  const now = new Date();
  const evidence: EvidenceContext = { repositoryId: c.repo.id, sourceKind: c.repo.org.sourceKind, htmlUrl: c.repo.htmlUrl, scanId: c.to.id, commitSha: c.to.commitSha };
  const fixedEvidence: EvidenceContext = { ...evidence, scanId: c.from.id, commitSha: c.from.commitSha };
  const compareUrl =
    c.repo.org.sourceKind === "GITHUB" && c.repo.htmlUrl && c.from.commitSha && c.to.commitSha && c.from.commitSha !== c.to.commitSha
      ? `${c.repo.htmlUrl}/compare/${c.from.commitSha}...${c.to.commitSha}`
      : null;

  return (
    <>
      <RepoNav repo={c.repo} current="compare" />
      <h1 className="mb-2 text-2xl font-bold tracking-tight">
        What changed <span className="font-normal text-slate-600 dark:text-slate-400">· {c.repo.name}</span>
      </h1>
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300" data-testid="commits-compared">
        Commit <code title={c.from.commitSha ?? undefined}>{shortSha(c.from.commitSha) ?? "?"}</code> ({c.from.finishedAt ? formatDateTime(c.from.finishedAt) : "?"}) →{" "}
        <code title={c.to.commitSha ?? undefined}>{shortSha(c.to.commitSha) ?? "?"}</code> ({c.to.finishedAt ? formatDateTime(c.to.finishedAt) : "?"})
        {c.from.commitSha === c.to.commitSha && " · same commit"}
        {compareUrl && (
          <>
            {" "}·{" "}
            <a href={compareUrl} className="underline">
              code changes on GitHub
            </a>
          </>
        )}
      </p>

      <ScanPicker c={c} />

      {(c.scannerChanged || c.rulesChanged) && (
        <div role="note" className="my-4 rounded-xl border-2 border-amber-500 bg-amber-50 p-4 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50" data-testid="scanner-change-note">
          <p className="font-semibold">Part of this change comes from the scanner, not your code.</p>
          <p className="mt-1 text-sm">
            {c.scannerChanged && (
              <>
                Scanner {c.from.scannerVersion ?? "?"} → {c.to.scannerVersion ?? "?"}.{" "}
              </>
            )}
            {c.rulesChanged && (
              <>
                Rule set {c.from.rulesVersion ?? "?"} → {c.to.rulesVersion ?? "?"}.{" "}
              </>
            )}
            New or changed rules can add, remove or rescore findings even where the code is the same.
          </p>
        </div>
      )}

      <section aria-labelledby="score-heading" className="my-6 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="score-heading" className="sr-only">Score</h2>
        <div className="flex flex-wrap items-center gap-4" data-testid="score-change">
          <GradeBadge grade={c.from.grade} score={c.from.score} />
          <span aria-hidden="true" className="text-2xl text-slate-500">→</span>
          <GradeBadge grade={c.to.grade} score={c.to.score} />
          <p className="text-sm">
            Score {formatScore(c.from.score)} → <strong>{formatScore(c.to.score)}</strong> (<Delta value={c.scoreDelta} />)
            {c.gradeChanged && <> · grade {c.from.grade ?? "none"} → {c.to.grade ?? "none"}</>}
          </p>
          <ul className="flex flex-wrap gap-2 text-sm" data-testid="finding-counts">
            <Count label="new" n={c.findings.added.length} />
            <Count label="fixed" n={c.findings.fixed.length} />
            <Count label="unchanged" n={c.findings.unchanged.length} />
            {c.findings.newlyWaived.length + c.findings.unwaived.length > 0 && <Count label="waiver changes" n={c.findings.newlyWaived.length + c.findings.unwaived.length} />}
          </ul>
        </div>
      </section>

      <FactorDeltas c={c} />

      <FindingSection id="new" title="New findings" empty="No new findings." items={c.findings.added} evidence={evidence} now={now} badge="new" />
      <FindingSection id="fixed" title="Fixed findings" empty="Nothing was fixed between these scans." items={c.findings.fixed} evidence={fixedEvidence} now={now} badge="fixed" />
      {c.findings.newlyWaived.length + c.findings.unwaived.length > 0 && (
        <FindingSection
          id="waivers"
          title="Waiver changes"
          empty=""
          items={[...c.findings.newlyWaived, ...c.findings.unwaived]}
          evidence={evidence}
          now={now}
          badgeFor={(f) => (f.waived ? "now waived" : "waiver removed")}
        />
      )}
      <section aria-labelledby="unchanged-heading" className="mt-8" data-testid="findings-unchanged">
        <h2 id="unchanged-heading" className="mb-2 text-lg font-semibold">
          Unchanged findings <span className="text-base font-normal text-slate-600 dark:text-slate-400">({c.findings.unchanged.length})</span>
        </h2>
        {c.findings.unchanged.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">No finding is present in both scans.</p>
        ) : (
          <details>
            <summary className="cursor-pointer text-sm">Show the {pluralize(c.findings.unchanged.length, "finding")} present in both scans</summary>
            <ul className="mt-3 space-y-3">
              {c.findings.unchanged.map((f) => (
                <FindingItem key={f.id} finding={f} evidence={evidence} now={now} />
              ))}
            </ul>
          </details>
        )}
      </section>
    </>
  );
}

function Count({ label, n }: { label: string; n: number }) {
  return (
    <li className="rounded-full bg-slate-100 px-2.5 py-0.5 dark:bg-slate-800" data-testid={`count-${label.replace(/\s+/g, "-")}`}>
      <span className="font-semibold tabular-nums">{n}</span> {label}
    </li>
  );
}

function ScanPicker({ c }: { c: ScanComparison }) {
  const label = (s: ScanComparison["choices"][number]) =>
    `${s.finishedAt ? formatDateTime(s.finishedAt) : "?"} · ${shortSha(s.commitSha) ?? "?"} · score ${formatScore(s.score)}${s.scannerVersion ? ` · scanner ${s.scannerVersion}` : ""}`;
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900">
      <label className="flex w-full min-w-0 flex-col gap-1 sm:w-auto">
        <span className="text-xs font-medium text-slate-700 dark:text-slate-300">From (older)</span>
        <select name="from" defaultValue={c.from.id} className="w-full max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-800">
          {c.choices.map((s) => (
            <option key={s.id} value={s.id}>{label(s)}</option>
          ))}
        </select>
      </label>
      <label className="flex w-full min-w-0 flex-col gap-1 sm:w-auto">
        <span className="text-xs font-medium text-slate-700 dark:text-slate-300">To (newer)</span>
        <select name="to" defaultValue={c.to.id} className="w-full max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-800">
          {c.choices.map((s) => (
            <option key={s.id} value={s.id}>{label(s)}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-sky-700 px-3 py-1.5 font-semibold text-white hover:bg-sky-800">
        Compare
      </button>
    </form>
  );
}

function FactorDeltas({ c }: { c: ScanComparison }) {
  return (
    <section aria-labelledby="factor-deltas-heading" className="mt-6">
      <h2 id="factor-deltas-heading" className="mb-2 text-lg font-semibold">Factor scores</h2>
      <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" tabIndex={0} role="region" aria-label="Factor scores">
        <table className="w-full text-left text-sm" data-testid="factor-deltas">
          <thead className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Factor</th>
              <th scope="col" className="px-3 py-2 font-medium">Before</th>
              <th scope="col" className="px-3 py-2 font-medium">After</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Change</th>
            </tr>
          </thead>
          <tbody>
            {c.factors.map((f) => {
              const info = FACTORS[f.factor - 1]!;
              return (
                <tr key={f.factor} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-factor={f.factor}>
                  <th scope="row" className="px-3 py-2 font-medium">{info.roman}. {info.name}</th>
                  <td className="px-3 py-2"><Side side={f.from} /></td>
                  <td className="px-3 py-2"><Side side={f.to} /></td>
                  <td className="px-3 py-2 text-right tabular-nums" data-testid="factor-delta"><Delta value={f.delta} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Side({ side }: { side: { status: string; score: number | null } | null }) {
  if (!side) return <span className="text-slate-600 dark:text-slate-400">no result</span>;
  return (
    <span className="inline-flex items-center gap-2">
      {/* Phones show the score only (the status is in its words for screen readers). */}
      <span className="hidden sm:inline-flex">
        <FactorStatusPill status={side.status as FactorStatusName} />
      </span>
      <span className="tabular-nums">
        {side.status === "NA" ? <span className="sm:hidden">n/a</span> : formatScore(side.score)}
        <span className="sr-only sm:hidden"> ({side.status.toLowerCase()})</span>
      </span>
    </span>
  );
}

const BADGE: Record<string, string> = {
  new: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100",
  fixed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  "now waived": "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
  "waiver removed": "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100",
};

function FindingSection({
  id,
  title,
  empty,
  items,
  evidence,
  now,
  badge,
  badgeFor,
}: {
  id: string;
  title: string;
  empty: string;
  items: FindingRow[];
  evidence: EvidenceContext;
  now: Date;
  badge?: string;
  badgeFor?: (f: FindingRow) => string;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-8" data-testid={`findings-${id}`}>
      <h2 id={`${id}-heading`} className="mb-2 text-lg font-semibold">
        {title} <span className="text-base font-normal text-slate-600 dark:text-slate-400">({items.length})</span>
      </h2>
      {items.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{empty}</p>
      ) : (
        <ul className="space-y-3">
          {items.map((f) => {
            const text = badgeFor ? badgeFor(f) : badge!;
            return (
              <FindingItem
                key={f.id}
                finding={f}
                evidence={evidence}
                now={now}
                badge={<span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${BADGE[text] ?? ""}`}>{text}</span>}
              />
            );
          })}
        </ul>
      )}
    </section>
  );
}
