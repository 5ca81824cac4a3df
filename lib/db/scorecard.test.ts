// The scorecard queries against the test database with the e2e world seeded (rows with "e2e-" ids are
// replaced, other data is left alone). Scoping is tested with explicit org-id scopes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACME, BILLING, EMPTY_ORG, HANDBOOK, LEGACY, NEW_SERVICE, PAYMENTS } from "../../e2e/fixtures/data.ts";
import { seedDatabase } from "../../e2e/fixtures/seed.ts";
import { testDatabaseUrl } from "../../test/support/scratch-db.ts";
import { db, disconnectDb } from "./client.ts";
import { advanceDataEpoch } from "./data-epoch.ts";
import {
  clearScorecardCache,
  getFactorRules,
  getOrgBadge,
  getOrgOverview,
  getRepoBadge,
  getVisibleRepo,
  getVisibleScan,
  listOrgSummaries,
  listRepoScans,
  listScanFindings,
  queryOrgRepos,
} from "./scorecard.ts";

beforeAll(async () => {
  testDatabaseUrl();
  await seedDatabase(db());
  clearScorecardCache();
});

afterAll(async () => {
  await disconnectDb();
});

const names = async (query: Parameters<typeof queryOrgRepos>[2]) => (await queryOrgRepos("all", ACME.id, query))!.repos.map((r) => r.name);

describe("listOrgSummaries", () => {
  it("aggregates the latest scan of every repository per org, with a weekly trend", async () => {
    const orgs = await listOrgSummaries("all");
    const acme = orgs.find((o) => o.id === ACME.id)!;
    expect(acme).toMatchObject({ login: ACME.login, name: ACME.name, sourceKind: "GITHUB", repoCount: 5, scoredRepoCount: 3 });
    expect(acme.score).toBeCloseTo((93.2 + 41.6 + 76.5) / 3, 5);
    expect(acme.activeScanCount).toBe(1);
    expect(acme.failedScanCount).toBe(1);
    expect(Date.now() - acme.lastScanAt!.getTime()).toBeGreaterThan(19 * 60_000);
    expect(Date.now() - acme.lastScanAt!.getTime()).toBeLessThan(21 * 60_000);
    // Scores of the DONE scans in the last 12 weeks, averaged per week (legacy's 8-day-old scan is an older week).
    expect(acme.trend.length).toBeGreaterThanOrEqual(1);
    expect(acme.trend.at(-1)!.score).toBeGreaterThan(0);
    const empty = orgs.find((o) => o.id === EMPTY_ORG.id)!;
    expect(empty).toMatchObject({ repoCount: 0, scoredRepoCount: 0, score: null, lastScanAt: null, trend: [] });
  });

  it("lists only the orgs in the scope", async () => {
    expect((await listOrgSummaries([EMPTY_ORG.id])).map((o) => o.id)).toEqual([EMPTY_ORG.id]);
    expect(await listOrgSummaries([])).toEqual([]);
    expect(await listOrgSummaries(["no-such-org"])).toEqual([]);
  });
});

describe("getOrgOverview", () => {
  it("counts per-factor statuses, ranks the worst factors and the most common findings", async () => {
    const o = (await getOrgOverview("all", ACME.id))!;
    expect(o).toMatchObject({ repoCount: 5, scoredRepoCount: 3, activeScanCount: 1, failedScanCount: 1 });
    // Factor III over the latest results: payments pass, legacy fail, handbook pass, billing partial; new-service none.
    expect(o.distribution[2]).toMatchObject({ factor: 3, pass: 2, partial: 1, fail: 1, na: 0, none: 1 });
    // Factor VIII: legacy n/a, billing pass, payments pass, handbook n/a.
    expect(o.distribution[7]).toMatchObject({ pass: 2, na: 2, fail: 0 });
    expect(o.worstFactors[0].averageScore).toBeLessThanOrEqual(o.worstFactors[1].averageScore!);
    expect(o.commonFindings.map((f) => f.ruleId)).toContain("F03-HARDCODED-SECRET");
    expect(o.commonFindings.map((f) => f.ruleId)).not.toContain("F07-HARDCODED-LISTEN-PORT"); // waived
    expect(o.facets.languages).toContainEqual({ value: "TypeScript", count: 2 });
    expect(o.facets.kinds.map((k) => k.value).sort()).toEqual(["docs", "service", "worker"]);
  });

  it("shares one result for a few seconds, and starts afresh as soon as the data epoch moves", async () => {
    const first = await getOrgOverview("all", ACME.id);
    expect(await getOrgOverview("all", ACME.id)).toBe(first);
    advanceDataEpoch(); // the web front's change feed heard of a committed write
    const next = await getOrgOverview("all", ACME.id);
    expect(next).not.toBe(first);
    expect(next).toEqual(first);
  });

  it("is null outside the scope and for unknown orgs", async () => {
    expect(await getOrgOverview([EMPTY_ORG.id], ACME.id)).toBeNull();
    expect(await getOrgOverview("all", "no-such-org")).toBeNull();
    expect(await getOrgOverview([ACME.id], ACME.id)).not.toBeNull();
  });
});

describe("queryOrgRepos", () => {
  it("returns rows with latest scan state, latest results and the top finding per factor", async () => {
    const page = (await queryOrgRepos("all", ACME.id))!;
    expect(page).toMatchObject({ total: 5, page: 1, pageCount: 1 });
    expect(page.repos.map((r) => r.name)).toEqual(["billing-worker", "handbook", "legacy-monolith", "new-service", "payments-api"]);
    const legacy = page.repos.find((r) => r.id === LEGACY.id)!;
    expect(legacy.result?.score).toBe(41.6);
    expect(legacy.result?.factors.map((f) => f?.status)).toEqual(LEGACY.scans.at(-1)!.factors!.map(([s]) => s));
    expect(legacy.result?.topFindings[2]).toMatchObject({ ruleId: "F03-HARDCODED-SECRET", severity: "CRITICAL" });
    expect(legacy.result?.topFindings[6]).toBeNull(); // the only VII finding is waived
    const billing = page.repos.find((r) => r.id === BILLING.id)!;
    expect(billing.latestScan).toMatchObject({ status: "FAILED" });
    expect(billing.result?.score).toBe(76.5);
    expect(page.repos.find((r) => r.id === NEW_SERVICE.id)!.result).toBeNull();
  });

  it("sorts in SQL: by score (no score last), by scan status, by one factor worst first", async () => {
    expect(await names({ sort: "score-desc" })).toEqual(["payments-api", "billing-worker", "legacy-monolith", "handbook", "new-service"]);
    expect(await names({ sort: "score-asc" })).toEqual(["legacy-monolith", "billing-worker", "payments-api", "handbook", "new-service"]);
    expect((await names({ sort: "status" }))[0]).toBe("billing-worker");
    // III scores: legacy 20, billing 70, payments 92, handbook 100; new-service has none.
    expect(await names({ sort: "factor-3" })).toEqual(["legacy-monolith", "billing-worker", "payments-api", "handbook", "new-service"]);
  });

  it("filters by name, language, kind, factor status and scan state", async () => {
    expect(await names({ search: "PAY" })).toEqual(["payments-api"]);
    expect(await names({ search: "100%_" })).toEqual([]); // LIKE wildcards are literal
    expect(await names({ language: "TypeScript" })).toEqual(["new-service", "payments-api"]);
    expect(await names({ kind: "worker" })).toEqual(["billing-worker"]);
    expect(await names({ factor: 3, factorStatus: "FAIL" })).toEqual(["legacy-monolith"]);
    expect(await names({ factor: 3 })).toEqual(["billing-worker", "legacy-monolith"]); // factor alone: not passing
    expect(await names({ factorStatus: "NA", factor: 8 })).toEqual(["handbook", "legacy-monolith"]);
    expect(await names({ scanState: "failed" })).toEqual(["billing-worker"]);
    expect(await names({ scanState: "active" })).toEqual(["new-service"]);
    expect(await names({ archived: "only" })).toEqual([]);
    expect((await queryOrgRepos("all", ACME.id, { factor: 3, factorStatus: "FAIL" }))!.total).toBe(1);
  });

  it("pages with a total, on both the fast path and the filtered path", async () => {
    const p2 = (await queryOrgRepos("all", ACME.id, { pageSize: 2, page: 2 }))!;
    expect(p2).toMatchObject({ total: 5, pageCount: 3 });
    expect(p2.repos.map((r) => r.name)).toEqual(["legacy-monolith", "new-service"]);
    const s3 = (await queryOrgRepos("all", ACME.id, { pageSize: 2, page: 3, sort: "score-desc" }))!;
    expect(s3).toMatchObject({ total: 5, pageCount: 3 });
    expect(s3.repos.map((r) => r.name)).toEqual(["new-service"]);
    const beyond = (await queryOrgRepos("all", ACME.id, { pageSize: 2, page: 9, sort: "score-desc" }))!;
    expect(beyond).toMatchObject({ total: 5, repos: [] });
  });

  it("is null for an org outside the scope", async () => {
    expect(await queryOrgRepos([EMPTY_ORG.id], ACME.id)).toBeNull();
    expect(await queryOrgRepos([], ACME.id)).toBeNull();
  });
});

describe("factor rules", () => {
  it("breaks one factor down by rule over the latest results", async () => {
    const rules = await getFactorRules(ACME.id, 7);
    expect(rules).toEqual([{ ruleId: "F07-HARDCODED-LISTEN-PORT", severity: "LOW", message: "Listen port is a literal", repoCount: 0, count: 0, waived: 1 }]);
    expect((await getFactorRules(ACME.id, 3)).map((r) => [r.ruleId, r.repoCount])).toEqual([["F03-HARDCODED-SECRET", 1]]);
  });
});

describe("API lookups through the repository's org", () => {
  it("finds a repository, its scans, a scan and its findings only inside the scope", async () => {
    expect(await getVisibleRepo("all", LEGACY.id)).toMatchObject({ name: LEGACY.name, orgId: ACME.id, result: { score: 41.6 } });
    expect(await getVisibleRepo([EMPTY_ORG.id], LEGACY.id)).toBeNull();
    const scans = (await listRepoScans([ACME.id], LEGACY.id, { pageSize: 1 }))!;
    expect(scans).toMatchObject({ total: 2, pageCount: 2 });
    expect(scans.items[0].id).toBe(`${LEGACY.id}-scan-1`);
    expect(await listRepoScans([EMPTY_ORG.id], LEGACY.id)).toBeNull();
    expect(await getVisibleScan("all", `${LEGACY.id}-scan-1`)).toMatchObject({ orgId: ACME.id, score: 41.6 });
    expect(await getVisibleScan([EMPTY_ORG.id], `${LEGACY.id}-scan-1`)).toBeNull();
    const findings = (await listScanFindings("all", `${LEGACY.id}-scan-1`))!;
    expect(findings.items.map((f) => f.severity)).toEqual(["CRITICAL", "HIGH", "MEDIUM", "LOW"]);
    expect((await listScanFindings("all", `${LEGACY.id}-scan-1`, { factor: 3 }))!.total).toBe(1);
    expect(await listScanFindings([EMPTY_ORG.id], `${LEGACY.id}-scan-1`)).toBeNull();
  });

  it("gives badge data only inside the scope", async () => {
    expect(await getRepoBadge("all", PAYMENTS.id)).toEqual({ label: PAYMENTS.name, grade: "A", score: 93.2 });
    expect(await getRepoBadge("all", HANDBOOK.id)).toEqual({ label: HANDBOOK.name, grade: null, score: null });
    expect(await getRepoBadge([EMPTY_ORG.id], PAYMENTS.id)).toBeNull();
    expect((await getOrgBadge("all", ACME.id))!.score).toBeCloseTo(70.43, 1);
    expect(await getOrgBadge([], ACME.id)).toBeNull();
  });
});
