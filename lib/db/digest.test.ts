// getOrgDigest against a real PostgreSQL with seeded scan history. Expected numbers are computed here
// from the fixture's own data (latest DONE scan as of a moment, means, fingerprints), independently of
// the code under test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../queue/testing/test-database.ts";
import { digestFixture, FIXTURE_FACTOR_SCORE, FIXTURE_STATUS, fixtureFingerprint, seedDigestFixture, type FixtureScan } from "../email/testing/digest-fixture.ts";
import { getOrgDigest, SEVERITY_WEIGHT, TREND_WEEKS } from "./digest.ts";

const fx = digestFixture("dg");
const DAY = 24 * 3600 * 1000;

/** The fixture's latest DONE scan of each repository that had finished `daysBefore` days before asOf. */
function latestAt(daysBefore: number): Map<string, FixtureScan> {
  const out = new Map<string, FixtureScan>();
  for (const repo of fx.repos) {
    const done = repo.scans.filter((s) => (s.status ?? "DONE") === "DONE" && s.daysAgo >= daysBefore);
    const latest = done.sort((a, b) => a.daysAgo - b.daysAgo)[0];
    if (latest) out.set(repo.id, latest);
  }
  return out;
}
const meanScore = (m: Map<string, FixtureScan>) => {
  const s = [...m.values()].map((x) => x.score).filter((x): x is number => x !== null);
  return s.reduce((a, b) => a + b, 0) / s.length;
};
const repoName = (id: string) => fx.repos.find((r) => r.id === id)!.name;

describe("getOrgDigest (real PostgreSQL, seeded history)", () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase("tf_digest");
    await seedDigestFixture(tdb.db, fx);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("org score now vs a week earlier, from the latest DONE scan per repository at each moment", async () => {
    const d = (await getOrgDigest(tdb.db, fx.orgId, { asOf: fx.asOf }))!;
    const now = meanScore(latestAt(0));
    const before = meanScore(latestAt(7));
    expect(d.week).toBe("2026-W48");
    expect(d.reposTotal).toBe(fx.repos.length);
    expect(d.score.now).toBeCloseTo(now, 9);
    expect(d.score.before).toBeCloseTo(before, 9);
    expect(d.score.delta).toBeCloseTo(now - before, 9);
    expect(d.score.reposScored).toBe(latestAt(0).size);
    // Sanity of the fixture itself: the failed scan and the scan after asOf are ignored.
    expect(now).toBeCloseTo((60 + 75 + 90 + 70) / 4, 9);
    expect(d.score.gradeNow).toBe("C");
    const doneThisWeek = fx.repos.flatMap((r) => r.scans).filter((s) => (s.status ?? "DONE") === "DONE" && s.daysAgo >= 0 && s.daysAgo < 7);
    expect(d.scansThisWeek).toBe(doneThisWeek.length);
  });

  it("trend: one point per week, oldest first, ending with the current score", async () => {
    const d = (await getOrgDigest(tdb.db, fx.orgId, { asOf: fx.asOf }))!;
    expect(d.trend).toHaveLength(TREND_WEEKS);
    expect(d.trend.at(-1)).toEqual({ week: "2026-W48", score: d.score.now });
    expect(d.trend.at(-2)!.score).toBeCloseTo(meanScore(latestAt(7)), 9);
    expect(d.trend.at(-3)!.score).toBeCloseTo(meanScore(latestAt(14)), 9);
    // Before the oldest scan (30 days) there is no score.
    const weeksWithData = Math.floor(30 / 7) + 1;
    expect(d.trend.filter((p) => p.score === null)).toHaveLength(TREND_WEEKS - weeksWithData);
  });

  it("per-factor counts and average-score deltas", async () => {
    const d = (await getOrgDigest(tdb.db, fx.orgId, { asOf: fx.asOf }))!;
    for (const [when, days] of [["now", 0], ["before", 7]] as const) {
      const latest = [...latestAt(days).values()];
      for (let f = 1; f <= 12; f++) {
        const statuses = latest.map((s) => FIXTURE_STATUS[s.factors[f - 1]!]!);
        const scores = statuses.map((s) => FIXTURE_FACTOR_SCORE[s]).filter((x): x is number => x !== null);
        const row = d.factors[f - 1]![when];
        expect({ f, pass: row.pass, partial: row.partial, fail: row.fail }).toEqual({
          f,
          pass: statuses.filter((s) => s === "PASS").length,
          partial: statuses.filter((s) => s === "PARTIAL").length,
          fail: statuses.filter((s) => s === "FAIL").length,
        });
        expect(row.avgScore).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 9);
      }
    }
    const iii = d.factors[2]!;
    expect(iii.avgDelta).toBeCloseTo(iii.now.avgScore! - iii.before.avgScore!, 9);
  });

  it("regressions and improvements: repositories by score change, with the factors whose verdict changed", async () => {
    const d = (await getOrgDigest(tdb.db, fx.orgId, { asOf: fx.asOf }))!;
    const now = latestAt(0);
    const before = latestAt(7);
    const deltas = [...now.entries()]
      .filter(([id, s]) => before.get(id) && before.get(id) !== s && s.score !== before.get(id)!.score)
      .map(([id, s]) => ({ id, delta: s.score! - before.get(id)!.score! }));
    const down = deltas.filter((x) => x.delta < 0).sort((a, b) => a.delta - b.delta);
    const up = deltas.filter((x) => x.delta > 0).sort((a, b) => b.delta - a.delta);
    expect(d.regressions.map((m) => [m.id, m.delta])).toEqual(down.map((x) => [x.id, x.delta]));
    expect(d.improvements.map((m) => [m.id, m.delta])).toEqual(up.map((x) => [x.id, x.delta]));
    expect(down.length).toBeGreaterThan(0);
    expect(up.length).toBeGreaterThan(0);
    for (const move of [...d.regressions, ...d.improvements]) {
      const a = before.get(move.id)!.factors;
      const b = now.get(move.id)!.factors;
      const changed = [...a].flatMap((c, i) => (c === b[i] ? [] : [{ factor: i + 1, before: FIXTURE_STATUS[c], now: FIXTURE_STATUS[b[i]!] }]));
      expect(move.factorChanges.map(({ factor, before, now }) => ({ factor, before, now }))).toEqual(changed);
      expect(move.name).toBe(repoName(move.id));
    }
  });

  it("new high/critical findings: fingerprints absent from the repository's scan a week earlier, waived ones excluded", async () => {
    const d = (await getOrgDigest(tdb.db, fx.orgId, { asOf: fx.asOf }))!;
    const now = latestAt(0);
    const before = latestAt(7);
    const expected: { repoId: string; fingerprint: string; severity: string }[] = [];
    for (const [repoId, scan] of now) {
      const prev = before.get(repoId);
      if (prev === scan) continue;
      const prevKeys = new Set((prev?.findings ?? []).map((f) => f.key));
      for (const f of scan.findings ?? []) {
        if (f.waived || (f.severity !== "HIGH" && f.severity !== "CRITICAL") || prevKeys.has(f.key)) continue;
        expected.push({ repoId, fingerprint: fixtureFingerprint(repoId, f.key), severity: f.severity });
      }
    }
    expect(d.newFindingsTotal).toBe(expected.length);
    expect(new Set(d.newFindings.map((f) => `${f.repoId}:${f.severity}`))).toEqual(new Set(expected.map((f) => `${f.repoId}:${f.severity}`)));
    expect(d.newFindings[0]!.severity).toBe("CRITICAL"); // most severe first
    expect(expected.length).toBe(2);
  });

  it("most valuable fixes: rules by repositories affected × severity weight, with remediation", async () => {
    const d = (await getOrgDigest(tdb.db, fx.orgId, { asOf: fx.asOf }))!;
    const rules = new Map<string, { repos: Set<string>; weight: number }>();
    for (const [repoId, scan] of latestAt(0)) {
      for (const f of scan.findings ?? []) {
        if (f.waived || SEVERITY_WEIGHT[f.severity] === 0) continue;
        const r = rules.get(f.rule) ?? { repos: new Set<string>(), weight: 0 };
        r.repos.add(repoId);
        r.weight = Math.max(r.weight, SEVERITY_WEIGHT[f.severity]);
        rules.set(f.rule, r);
      }
    }
    const ranked = [...rules.entries()]
      .map(([rule, r]) => ({ rule, value: r.repos.size * r.weight }))
      .sort((a, b) => b.value - a.value || a.rule.localeCompare(b.rule))
      .slice(0, 3);
    expect(d.topFixes.map((f) => [f.ruleId, f.value])).toEqual(ranked.map((r) => [r.rule, r.value]));
    expect(d.topFixes.every((f) => f.remediation)).toBe(true);
    expect(d.topFixes[0]!.repos.length).toBe(rules.get(ranked[0]!.rule)!.repos.size);
  });

  it("is null for an unknown org; an org without scans has no score", async () => {
    expect(await getOrgDigest(tdb.db, "nope", { asOf: fx.asOf })).toBeNull();
    await tdb.db.org.create({ data: { id: "dg-empty", sourceKind: "LOCAL", login: "dg-empty", name: "Empty" } });
    const d = (await getOrgDigest(tdb.db, "dg-empty", { asOf: new Date(fx.asOf.getTime() + DAY) }))!;
    expect(d.score).toMatchObject({ now: null, before: null, delta: null, gradeNow: null });
    expect(d.topFixes).toEqual([]);
  });
});
