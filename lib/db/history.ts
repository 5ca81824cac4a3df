// Scan history: every scan of a repository (all kept), score trends per repository and per org, and
// "what changed" between two completed scans (findings matched by fingerprint, factor score deltas,
// scanner / rule-set changes). Everything is scoped: a repository or org outside the viewer's scope is
// reported as missing.
import type { PrismaClient } from "./generated/prisma/client.ts";
import { findingSelect, findRepoInScope, orgInScope, type FindingRow, type OrgScope, type RepoHeader } from "./repo-report.ts";

// ------------------------------------------------------------------------------------------------
// Repository history
// ------------------------------------------------------------------------------------------------

export type HistoryScan = {
  id: string;
  status: "QUEUED" | "CLONING" | "SCANNING" | "DONE" | "FAILED" | "SKIPPED";
  trigger: string;
  commitSha: string | null;
  scannerVersion: string | null;
  rulesVersion: string | null;
  score: number | null;
  grade: string | null;
  error: string | null;
  queuedAt: Date;
  finishedAt: Date | null;
  /** Open (not waived) findings; null unless DONE. */
  openFindings: number | null;
  /** Score minus the previous completed scan's score (null when either has none). */
  delta: number | null;
  /** Scanner or rule set differs from the previous completed scan. */
  scannerChanged: boolean;
  /** The previous completed scan (for a "compare" link). */
  previousDoneId: string | null;
};

export type TrendPoint = { scanId: string; at: Date; score: number; grade: string | null; scannerVersion: string | null };

export type RepoHistory = { repo: RepoHeader; scans: HistoryScan[]; trend: TrendPoint[]; truncated: boolean };

/** Every scan of a repository, newest first (up to `limit`), with deltas and the score trend (oldest first). */
export async function getRepoHistory(
  client: PrismaClient,
  repositoryId: string,
  scope: OrgScope,
  options: { limit?: number } = {},
): Promise<RepoHistory | null> {
  const limit = options.limit ?? 500;
  const repo = await findRepoInScope(client, repositoryId, scope);
  if (!repo) return null;
  const rows = await client.scan.findMany({
    where: { repositoryId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      status: true,
      trigger: true,
      commitSha: true,
      scannerVersion: true,
      rulesVersion: true,
      score: true,
      grade: true,
      error: true,
      queuedAt: true,
      finishedAt: true,
      _count: { select: { findings: { where: { waived: false } } } },
    },
  });
  const truncated = rows.length > limit;
  const kept = rows.slice(0, limit);
  // Walk oldest → newest so each scan knows the completed scan before it.
  const scans: HistoryScan[] = [];
  let previous: (typeof kept)[number] | null = null;
  for (const row of [...kept].reverse()) {
    const done = row.status === "DONE";
    scans.push({
      id: row.id,
      status: row.status,
      trigger: row.trigger,
      commitSha: row.commitSha,
      scannerVersion: row.scannerVersion,
      rulesVersion: row.rulesVersion,
      score: row.score,
      grade: row.grade,
      error: row.error,
      queuedAt: row.queuedAt,
      finishedAt: row.finishedAt,
      openFindings: done ? row._count.findings : null,
      delta: done && previous && row.score !== null && previous.score !== null ? row.score - previous.score : null,
      scannerChanged: Boolean(
        done && previous && (previous.scannerVersion !== row.scannerVersion || previous.rulesVersion !== row.rulesVersion),
      ),
      previousDoneId: done && previous ? previous.id : null,
    });
    if (done) previous = row;
  }
  scans.reverse();
  const trend: TrendPoint[] = scans
    .filter((s) => s.status === "DONE" && s.score !== null)
    .map((s) => ({ scanId: s.id, at: s.finishedAt ?? s.queuedAt, score: s.score!, grade: s.grade, scannerVersion: s.scannerVersion }))
    .reverse();
  return { repo, scans, trend, truncated };
}

// ------------------------------------------------------------------------------------------------
// Org trend
// ------------------------------------------------------------------------------------------------

export type OrgWeek = {
  /** Monday 00:00 UTC. */
  weekStart: Date;
  /** Mean of each repository's latest completed score as of the end of the week (null: none scored yet). */
  score: number | null;
  /** Repositories that had a score by then. */
  scoredRepos: number;
  /** Completed scans finished during the week. */
  scans: number;
};

export type OrgTrend = {
  org: { id: string; name: string; login: string; sourceKind: "LOCAL" | "GITHUB" };
  weeks: OrgWeek[];
  activeRepoCount: number;
};

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Monday 00:00 UTC of the week holding `date`. */
export function weekStart(date: Date): Date {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(d.getTime() - day * 24 * 3600 * 1000);
}

/**
 * The org's average score per week over the last `weeks` weeks (oldest first): for each week, the
 * mean of every active repository's latest completed score at the end of that week.
 */
export async function getOrgTrend(
  client: PrismaClient,
  orgId: string,
  scope: OrgScope,
  options: { weeks?: number; now?: Date } = {},
): Promise<OrgTrend | null> {
  const weeks = options.weeks ?? 26;
  const now = options.now ?? new Date();
  const org = await client.org.findFirst({
    where: orgInScope(orgId, scope),
    select: { id: true, name: true, login: true, sourceKind: true },
  });
  if (!org) return null;
  const firstWeek = new Date(weekStart(now).getTime() - (weeks - 1) * WEEK_MS);
  const [scans, activeRepoCount] = await Promise.all([
    client.scan.findMany({
      where: { status: "DONE", score: { not: null }, finishedAt: { not: null }, repository: { orgId, removedAt: null } },
      orderBy: [{ finishedAt: "asc" }, { id: "asc" }],
      select: { repositoryId: true, finishedAt: true, score: true },
    }),
    client.repository.count({ where: { orgId, removedAt: null } }),
  ]);
  const latest = new Map<string, number>();
  const out: OrgWeek[] = [];
  let i = 0;
  for (let w = 0; w < weeks; w++) {
    const start = new Date(firstWeek.getTime() + w * WEEK_MS);
    const end = new Date(start.getTime() + WEEK_MS);
    let count = 0;
    while (i < scans.length && scans[i]!.finishedAt! < end) {
      const s = scans[i]!;
      latest.set(s.repositoryId, s.score!);
      if (s.finishedAt! >= start) count++;
      i++;
    }
    const values = [...latest.values()];
    out.push({
      weekStart: start,
      score: values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null,
      scoredRepos: values.length,
      scans: count,
    });
  }
  return { org, weeks: out, activeRepoCount };
}

// ------------------------------------------------------------------------------------------------
// What changed between two scans
// ------------------------------------------------------------------------------------------------

type DiffableFinding = Pick<FindingRow, "fingerprint" | "waived" | "line" | "id">;

export type FindingDiff<F> = {
  /** In `to` only. */
  added: F[];
  /** In `from` only (fixed, or the code moved out of reach of the rule). */
  fixed: F[];
  /** In both, same waiver state (the `to` side). */
  unchanged: F[];
  /** In both, open before and waived now (the `to` side). */
  newlyWaived: F[];
  /** In both, waived before and open now: the waiver was removed or expired (the `to` side). */
  unwaived: F[];
};

/**
 * Matches findings of two scans by fingerprint. A fingerprint may occur more than once in a scan (the
 * same match twice in a file): occurrences are paired in line order and the surplus counts as added
 * or fixed. Pure.
 */
export function diffFindings<F extends DiffableFinding>(from: readonly F[], to: readonly F[]): FindingDiff<F> {
  const group = (list: readonly F[]) => {
    const map = new Map<string, F[]>();
    for (const f of list) map.set(f.fingerprint, [...(map.get(f.fingerprint) ?? []), f]);
    for (const items of map.values()) items.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.id.localeCompare(b.id));
    return map;
  };
  const before = group(from);
  const after = group(to);
  const diff: FindingDiff<F> = { added: [], fixed: [], unchanged: [], newlyWaived: [], unwaived: [] };
  for (const [fingerprint, now] of after) {
    const then = before.get(fingerprint) ?? [];
    now.forEach((f, i) => {
      const old = then[i];
      if (!old) diff.added.push(f);
      else if (old.waived === f.waived) diff.unchanged.push(f);
      else if (f.waived) diff.newlyWaived.push(f);
      else diff.unwaived.push(f);
    });
    diff.fixed.push(...then.slice(now.length));
  }
  for (const [fingerprint, then] of before) if (!after.has(fingerprint)) diff.fixed.push(...then);
  return diff;
}

export type CompareSide = {
  id: string;
  commitSha: string | null;
  scannerVersion: string | null;
  rulesVersion: string | null;
  score: number | null;
  rawScore: number | null;
  grade: string | null;
  finishedAt: Date | null;
};

export type FactorDelta = {
  factor: number;
  from: { status: string; score: number | null } | null;
  to: { status: string; score: number | null } | null;
  /** to − from when both have a score. */
  delta: number | null;
};

export type ScanComparison = {
  repo: RepoHeader;
  from: CompareSide;
  to: CompareSide;
  scannerChanged: boolean;
  rulesChanged: boolean;
  scoreDelta: number | null;
  gradeChanged: boolean;
  factors: FactorDelta[];
  findings: FindingDiff<FindingRow>;
  /** Completed scans of the repository, newest first (for picking other scans). */
  choices: { id: string; commitSha: string | null; finishedAt: Date | null; score: number | null; scannerVersion: string | null }[];
};

export type CompareOutcome =
  | { kind: "ok"; comparison: ScanComparison }
  | { kind: "not-found" }
  /** Fewer than two completed scans: nothing to compare yet. */
  | { kind: "too-few-scans"; repo: RepoHeader; doneScans: number }
  /** A requested scan is not a completed scan of this repository. */
  | { kind: "bad-scan"; repo: RepoHeader; scanId: string };

const sideSelect = {
  id: true,
  commitSha: true,
  scannerVersion: true,
  rulesVersion: true,
  score: true,
  rawScore: true,
  grade: true,
  finishedAt: true,
  createdAt: true,
} as const;

/**
 * Compares two completed scans of a repository. Defaults: `to` = the latest completed scan, `from` =
 * the completed scan before `to`.
 */
export async function compareScans(
  client: PrismaClient,
  repositoryId: string,
  scope: OrgScope,
  ids: { from?: string; to?: string } = {},
): Promise<CompareOutcome> {
  const repo = await findRepoInScope(client, repositoryId, scope);
  if (!repo) return { kind: "not-found" };
  const done = await client.scan.findMany({
    where: { repositoryId, status: "DONE" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: sideSelect,
  });
  if (done.length < 2 && !(ids.from && ids.to)) return { kind: "too-few-scans", repo, doneScans: done.length };
  const pick = (id: string) => done.find((s) => s.id === id);
  const to = ids.to ? pick(ids.to) : done[0];
  if (!to) return { kind: "bad-scan", repo, scanId: ids.to! };
  let from = ids.from ? pick(ids.from) : done[done.indexOf(to) + 1];
  if (ids.from && !from) return { kind: "bad-scan", repo, scanId: ids.from };
  if (!from) return { kind: "too-few-scans", repo, doneScans: done.length };
  if (from.id === to.id) return { kind: "bad-scan", repo, scanId: from.id };

  const [factorRows, findingRows] = await Promise.all([
    client.factorResult.findMany({
      where: { scanId: { in: [from.id, to.id] } },
      select: { scanId: true, factor: true, status: true, score: true },
    }),
    client.finding.findMany({
      where: { scanId: { in: [from.id, to.id] } },
      orderBy: [{ factor: "asc" }, { severity: "asc" }, { path: "asc" }, { line: "asc" }, { id: "asc" }],
      select: { ...findingSelect, scanId: true },
    }),
  ]);
  const factors: FactorDelta[] = [];
  for (let factor = 1; factor <= 12; factor++) {
    const a = factorRows.find((r) => r.scanId === from.id && r.factor === factor);
    const b = factorRows.find((r) => r.scanId === to.id && r.factor === factor);
    factors.push({
      factor,
      from: a ? { status: a.status, score: a.score } : null,
      to: b ? { status: b.status, score: b.score } : null,
      delta: a?.score != null && b?.score != null ? b.score - a.score : null,
    });
  }
  const strip = ({ scanId: _scanId, ...f }: (typeof findingRows)[number]): FindingRow => f;
  const findings = diffFindings(
    findingRows.filter((f) => f.scanId === from.id).map(strip),
    findingRows.filter((f) => f.scanId === to.id).map(strip),
  );
  const side = ({ createdAt: _c, ...s }: (typeof done)[number]): CompareSide => s;
  return {
    kind: "ok",
    comparison: {
      repo,
      from: side(from),
      to: side(to),
      scannerChanged: from.scannerVersion !== to.scannerVersion,
      rulesChanged: from.rulesVersion !== to.rulesVersion,
      scoreDelta: from.score !== null && to.score !== null ? to.score - from.score : null,
      gradeChanged: (from.grade ?? null) !== (to.grade ?? null),
      factors,
      findings,
      choices: done.map((s) => ({ id: s.id, commitSha: s.commitSha, finishedAt: s.finishedAt, score: s.score, scannerVersion: s.scannerVersion })),
    },
  };
}
