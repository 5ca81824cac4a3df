// The API's stable shapes (documented in README "JSON API"). Add fields, never rename or remove them.
import { FACTORS, gradeForScore } from "@/lib/factors";
import type { FactorCell } from "@/lib/db/scorecard";
import type { OrgOverview, OrgSummary, ScorecardRepo } from "@/lib/db/scorecard";

export function factorJson(cell: FactorCell | null, i: number) {
  const f = FACTORS[i];
  return {
    factor: f.id,
    roman: f.roman,
    name: f.name,
    status: cell?.status ?? null,
    score: cell?.score ?? null,
    confidence: cell?.confidence ?? null,
    findings: cell?.findings ?? 0,
  };
}

export function factorsJson(cells: (FactorCell | null)[]) {
  return FACTORS.map((_, i) => factorJson(cells.find((c) => c?.factor === i + 1) ?? null, i));
}

export function orgSummaryJson(o: OrgSummary) {
  return {
    id: o.id,
    login: o.login,
    name: o.name,
    source: o.sourceKind.toLowerCase(),
    repoCount: o.repoCount,
    scoredRepoCount: o.scoredRepoCount,
    score: o.score,
    grade: o.score === null ? null : gradeForScore(o.score),
    lastScanAt: o.lastScanAt,
    activeScanCount: o.activeScanCount,
    failedScanCount: o.failedScanCount,
    trend: o.trend.map((t) => ({ week: t.week, score: t.score })),
    links: { self: `/api/v1/orgs/${o.id}`, repos: `/api/v1/orgs/${o.id}/repos`, html: `/orgs/${o.id}`, badge: `/api/badges/orgs/${o.id}.svg` },
  };
}

export function orgOverviewJson(o: OrgOverview) {
  return {
    id: o.org.id,
    login: o.org.login,
    name: o.org.name,
    source: o.org.sourceKind.toLowerCase(),
    lastSyncedAt: o.org.lastSyncedAt,
    repoCount: o.repoCount,
    scoredRepoCount: o.scoredRepoCount,
    score: o.score,
    grade: o.score === null ? null : gradeForScore(o.score),
    lastScanAt: o.lastScanAt,
    activeScanCount: o.activeScanCount,
    failedScanCount: o.failedScanCount,
    factors: o.distribution.map((d) => ({
      factor: d.factor,
      roman: FACTORS[d.factor - 1].roman,
      name: FACTORS[d.factor - 1].name,
      averageScore: d.averageScore,
      repos: { pass: d.pass, partial: d.partial, fail: d.fail, na: d.na, none: d.none },
    })),
    commonFindings: o.commonFindings,
    trend: o.trend,
    links: {
      self: `/api/v1/orgs/${o.org.id}`,
      repos: `/api/v1/orgs/${o.org.id}/repos`,
      csv: `/api/v1/orgs/${o.org.id}/scorecard.csv`,
      html: `/orgs/${o.org.id}`,
      badge: `/api/badges/orgs/${o.org.id}.svg`,
    },
  };
}

export function repoRowJson(r: ScorecardRepo) {
  return {
    id: r.id,
    name: r.name,
    fullName: r.fullName,
    language: r.language,
    archived: r.archived,
    topics: r.topics,
    latestScan: r.latestScan,
    result: r.result
      ? {
          scanId: r.result.scanId,
          score: r.result.score,
          grade: r.result.grade,
          kind: r.result.kind,
          finishedAt: r.result.finishedAt,
          factors: r.result.factors.map((c, i) => ({
            factor: i + 1,
            status: c?.status ?? null,
            score: c?.score ?? null,
            confidence: c?.confidence ?? null,
            findings: c?.findings ?? 0,
            topFinding: r.result!.topFindings[i],
          })),
        }
      : null,
    links: { self: `/api/v1/repos/${r.id}`, scans: `/api/v1/repos/${r.id}/scans`, html: `/repos/${r.id}`, badge: `/api/badges/repos/${r.id}.svg` },
  };
}
