// The weekly digest's numbers for one org, read from stored DONE scans. "As of" a moment means: for
// each repository (not removed), its latest DONE scan that had finished by then. The digest compares
// the org as of `asOf` with the org as of one week earlier; nothing here writes.
//
// - Org score: the mean of the repositories' scores (as on the dashboard), graded with the same scale.
// - Trend: the org score as of asOf, asOf − 1 week, … (TREND_WEEKS points, oldest first).
// - Per factor: pass / partial / fail counts over the repositories' scans, and the mean factor score.
// - Movers: repositories whose score went down (regressions) or up (improvements), with the factors
//   whose verdict changed.
// - New high/critical findings: in a repository's current scan, not waived, whose fingerprint was not
//   in that repository's scan of a week earlier (a repository scanned for the first time counts too).
// - Most valuable fixes: rules by (repositories affected × weight of their worst severity), with the
//   rule's remediation.
import type { PrismaClient } from "./generated/prisma/client.ts";
import type { FactorStatus, Severity } from "./generated/prisma/enums.ts";
import { FACTORS, gradeForScore } from "../factors.ts";
import { isoWeek, WEEK_MS } from "../email/week.ts";

export const TREND_WEEKS = 12;
export const MOVERS_LIMIT = 3;
export const NEW_FINDINGS_LIMIT = 10;
export const TOP_FIXES = 3;

/** Weight of a severity in "most valuable fix" (info findings are never a fix to push). */
export const SEVERITY_WEIGHT: Record<Severity, number> = { CRITICAL: 10, HIGH: 5, MEDIUM: 2, LOW: 1, INFO: 0 };
const SEVERITY_RANK: Severity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"];

export type FactorCounts = { pass: number; partial: number; fail: number; avgScore: number | null };

export type FactorChange = {
  factor: number;
  roman: string;
  name: string;
  now: FactorCounts;
  before: FactorCounts;
  /** now.avgScore − before.avgScore (null when either side has no score). */
  avgDelta: number | null;
};

export type RepoMove = {
  id: string;
  name: string;
  before: number;
  now: number;
  delta: number;
  gradeBefore: string;
  gradeNow: string;
  /** Factors whose verdict changed between the two scans. */
  factorChanges: { factor: number; roman: string; name: string; before: FactorStatus | null; now: FactorStatus | null }[];
};

export type NewFinding = {
  repoId: string;
  repoName: string;
  ruleId: string;
  factor: number;
  severity: Severity;
  message: string;
  path: string | null;
  line: number | null;
};

export type TopFix = {
  ruleId: string;
  factor: number;
  severity: Severity;
  message: string;
  remediation: string | null;
  repos: { id: string; name: string }[];
  value: number;
};

export type OrgDigest = {
  org: { id: string; name: string; login: string };
  week: string;
  asOf: Date;
  since: Date;
  reposTotal: number;
  /** DONE scans that finished in (since, asOf]. */
  scansThisWeek: number;
  score: {
    now: number | null;
    before: number | null;
    delta: number | null;
    gradeNow: string | null;
    gradeBefore: string | null;
    reposScored: number;
  };
  trend: { week: string; score: number | null }[];
  factors: FactorChange[];
  regressions: RepoMove[];
  improvements: RepoMove[];
  newFindings: NewFinding[];
  newFindingsTotal: number;
  topFixes: TopFix[];
};

type ScanPoint = { id: string; repositoryId: string; finishedAt: Date; createdAt: Date; score: number | null };

/** Latest scan per repository with finishedAt ≤ at. `scans` sorted by finishedAt, createdAt, id ascending. */
function latestAsOf(scans: ScanPoint[], at: Date): Map<string, ScanPoint> {
  const out = new Map<string, ScanPoint>();
  for (const s of scans) {
    if (s.finishedAt.getTime() > at.getTime()) break;
    out.set(s.repositoryId, s);
  }
  return out;
}

function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

function orgScore(latest: Map<string, ScanPoint>): number | null {
  return mean([...latest.values()].map((s) => s.score).filter((s): s is number => s !== null));
}

/** The digest of `orgId` as of `asOf` (default now); null when the org does not exist or is deleted. */
export async function getOrgDigest(db: PrismaClient, orgId: string, options: { asOf?: Date } = {}): Promise<OrgDigest | null> {
  const asOf = options.asOf ?? new Date();
  const since = new Date(asOf.getTime() - WEEK_MS);
  const org = await db.org.findFirst({ where: { id: orgId, deletedAt: null }, select: { id: true, name: true, login: true } });
  if (!org) return null;

  const repos = await db.repository.findMany({ where: { orgId, removedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const repoName = new Map(repos.map((r) => [r.id, r.name]));
  const rawScans = repos.length
    ? await db.scan.findMany({
        where: { repositoryId: { in: repos.map((r) => r.id) }, status: "DONE", finishedAt: { not: null, lte: asOf } },
        select: { id: true, repositoryId: true, finishedAt: true, createdAt: true, score: true },
        orderBy: [{ finishedAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      })
    : [];
  const scans = rawScans as ScanPoint[];

  const current = latestAsOf(scans, asOf);
  const previous = latestAsOf(scans, since);

  const trend: OrgDigest["trend"] = [];
  for (let k = TREND_WEEKS - 1; k >= 0; k--) {
    const at = new Date(asOf.getTime() - k * WEEK_MS);
    trend.push({ week: isoWeek(at), score: orgScore(latestAsOf(scans, at)) });
  }

  const scanIds = [...new Set([...current.values(), ...previous.values()].map((s) => s.id))];
  const factorRows = scanIds.length
    ? await db.factorResult.findMany({ where: { scanId: { in: scanIds } }, select: { scanId: true, factor: true, status: true, score: true } })
    : [];
  const factorsOf = new Map<string, Map<number, { status: FactorStatus; score: number | null }>>();
  for (const row of factorRows) {
    let m = factorsOf.get(row.scanId);
    if (!m) factorsOf.set(row.scanId, (m = new Map()));
    m.set(row.factor, { status: row.status, score: row.score });
  }

  const factors = FACTORS.map((info): FactorChange => {
    const counts = (latest: Map<string, ScanPoint>): FactorCounts => {
      const c = { pass: 0, partial: 0, fail: 0 };
      const scores: number[] = [];
      for (const scan of latest.values()) {
        const cell = factorsOf.get(scan.id)?.get(info.id);
        if (!cell) continue;
        if (cell.status === "PASS") c.pass++;
        else if (cell.status === "PARTIAL") c.partial++;
        else if (cell.status === "FAIL") c.fail++;
        if (cell.score !== null && cell.status !== "NA") scores.push(cell.score);
      }
      return { ...c, avgScore: mean(scores) };
    };
    const now = counts(current);
    const before = counts(previous);
    const avgDelta = now.avgScore !== null && before.avgScore !== null ? now.avgScore - before.avgScore : null;
    return { factor: info.id, roman: info.roman, name: info.name, now, before, avgDelta };
  });

  const moves: RepoMove[] = [];
  for (const [repoId, cur] of current) {
    const prev = previous.get(repoId);
    if (!prev || prev.id === cur.id || cur.score === null || prev.score === null || cur.score === prev.score) continue;
    const curF = factorsOf.get(cur.id);
    const prevF = factorsOf.get(prev.id);
    const factorChanges = FACTORS.flatMap((info) => {
      const b = prevF?.get(info.id)?.status ?? null;
      const n = curF?.get(info.id)?.status ?? null;
      return b === n ? [] : [{ factor: info.id, roman: info.roman, name: info.name, before: b, now: n }];
    });
    moves.push({
      id: repoId,
      name: repoName.get(repoId) ?? repoId,
      before: prev.score,
      now: cur.score,
      delta: cur.score - prev.score,
      gradeBefore: gradeForScore(prev.score),
      gradeNow: gradeForScore(cur.score),
      factorChanges,
    });
  }
  const byName = (a: RepoMove, b: RepoMove) => a.name.localeCompare(b.name);
  const regressions = moves.filter((m) => m.delta < 0).sort((a, b) => a.delta - b.delta || byName(a, b)).slice(0, MOVERS_LIMIT);
  const improvements = moves.filter((m) => m.delta > 0).sort((a, b) => b.delta - a.delta || byName(a, b)).slice(0, MOVERS_LIMIT);

  const currentIds = [...current.values()].map((s) => s.id);
  const findings = currentIds.length
    ? await db.finding.findMany({
        where: { scanId: { in: currentIds }, waived: false },
        select: { scanId: true, ruleId: true, factor: true, severity: true, message: true, remediation: true, fingerprint: true, path: true, line: true },
        orderBy: [{ ruleId: "asc" }, { path: "asc" }, { line: "asc" }, { id: "asc" }],
      })
    : [];
  const repoOfScan = new Map([...current.values()].map((s) => [s.id, s.repositoryId]));

  // New high/critical findings: fingerprint absent from the repository's scan of a week earlier.
  const serious = findings.filter((f) => f.severity === "CRITICAL" || f.severity === "HIGH");
  const changedRepos = [...current.entries()].filter(([repoId, cur]) => previous.get(repoId)?.id !== cur.id);
  const changedScanIds = new Set(changedRepos.map(([, cur]) => cur.id));
  const prevIds = changedRepos.map(([repoId]) => previous.get(repoId)?.id).filter((id): id is string => !!id);
  const candidates = serious.filter((f) => changedScanIds.has(f.scanId));
  const prevFingerprints = prevIds.length && candidates.length
    ? await db.finding.findMany({
        where: { scanId: { in: prevIds }, fingerprint: { in: [...new Set(candidates.map((f) => f.fingerprint))] } },
        select: { scanId: true, fingerprint: true },
      })
    : [];
  const seenBefore = new Set(prevFingerprints.map((f) => `${f.scanId}:${f.fingerprint}`));
  const newFindings: NewFinding[] = candidates
    .filter((f) => {
      const repoId = repoOfScan.get(f.scanId)!;
      const prev = previous.get(repoId);
      return !prev || !seenBefore.has(`${prev.id}:${f.fingerprint}`);
    })
    .map((f) => {
      const repoId = repoOfScan.get(f.scanId)!;
      return { repoId, repoName: repoName.get(repoId) ?? repoId, ruleId: f.ruleId, factor: f.factor, severity: f.severity, message: f.message, path: f.path, line: f.line };
    })
    .sort((a, b) => SEVERITY_RANK.indexOf(a.severity) - SEVERITY_RANK.indexOf(b.severity) || a.repoName.localeCompare(b.repoName) || a.ruleId.localeCompare(b.ruleId));

  // Most valuable fixes: per rule, the repositories it affects and its worst severity.
  const rules = new Map<string, { factor: number; severity: Severity; message: string; remediation: string | null; repos: Set<string> }>();
  for (const f of findings) {
    if (SEVERITY_WEIGHT[f.severity] === 0) continue;
    const rule = rules.get(f.ruleId);
    const repoId = repoOfScan.get(f.scanId)!;
    if (!rule) {
      rules.set(f.ruleId, { factor: f.factor, severity: f.severity, message: f.message, remediation: f.remediation, repos: new Set([repoId]) });
      continue;
    }
    rule.repos.add(repoId);
    if (SEVERITY_WEIGHT[f.severity] > SEVERITY_WEIGHT[rule.severity]) rule.severity = f.severity;
    rule.remediation ??= f.remediation;
  }
  const topFixes: TopFix[] = [...rules.entries()]
    .map(([ruleId, r]) => ({
      ruleId,
      factor: r.factor,
      severity: r.severity,
      message: r.message,
      remediation: r.remediation,
      repos: [...r.repos].map((id) => ({ id, name: repoName.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name)),
      value: r.repos.size * SEVERITY_WEIGHT[r.severity],
    }))
    .sort((a, b) => b.value - a.value || a.ruleId.localeCompare(b.ruleId))
    .slice(0, TOP_FIXES);

  const now = orgScore(current);
  const before = orgScore(previous);
  return {
    org,
    week: isoWeek(asOf),
    asOf,
    since,
    reposTotal: repos.length,
    scansThisWeek: scans.filter((s) => s.finishedAt.getTime() > since.getTime()).length,
    score: {
      now,
      before,
      delta: now !== null && before !== null ? now - before : null,
      gradeNow: now === null ? null : gradeForScore(now),
      gradeBefore: before === null ? null : gradeForScore(before),
      reposScored: [...current.values()].filter((s) => s.score !== null).length,
    },
    trend,
    factors,
    regressions,
    improvements,
    newFindings: newFindings.slice(0, NEW_FINDINGS_LIMIT),
    newFindingsTotal: newFindings.length,
    topFixes,
  };
}
