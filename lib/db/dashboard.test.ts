// The dashboard's read queries against the test database, with the e2e world seeded (only rows whose
// ids start with "e2e-" are replaced, so other tests' data is left alone).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACME, BILLING, EMPTY_ORG, HANDBOOK, LEGACY, NEW_SERVICE, PAYMENTS } from "../../e2e/fixtures/data.ts";
import { seedDatabase } from "../../e2e/fixtures/seed.ts";
import { testDatabaseUrl } from "../../test/support/scratch-db.ts";
import { db, disconnectDb } from "./client.ts";
import {
  getOrgScorecard,
  getRepoReport,
  getRepoScanStatus,
  listOrgSummaries,
  pingDatabase,
  sortRepoRows,
  type RepoRow,
  type ScanStatus,
} from "./dashboard.ts";

beforeAll(async () => {
  testDatabaseUrl(); // a clear error when run outside npm test
  await seedDatabase(db());
});

afterAll(async () => {
  await disconnectDb();
});

describe("listOrgSummaries", () => {
  it("aggregates the latest scan of every repository per org", async () => {
    const orgs = await listOrgSummaries();
    const acme = orgs.find((o) => o.id === ACME.id)!;
    expect(acme).toMatchObject({ login: ACME.login, name: ACME.name, sourceKind: "GITHUB", repoCount: 5, scoredRepoCount: 3 });
    expect(acme.score).toBeCloseTo((93.2 + 41.6 + 76.5) / 3, 5);
    expect(acme.activeScanCount).toBe(1); // new-service is scanning
    expect(acme.failedScanCount).toBe(1); // billing-worker's latest scan failed
    // The most recent end of a scan: billing-worker's failure, 20 minutes ago.
    expect(Date.now() - acme.lastScanAt!.getTime()).toBeGreaterThan(19 * 60_000);
    expect(Date.now() - acme.lastScanAt!.getTime()).toBeLessThan(21 * 60_000);

    const empty = orgs.find((o) => o.id === EMPTY_ORG.id)!;
    expect(empty).toMatchObject({ repoCount: 0, scoredRepoCount: 0, score: null, lastScanAt: null, activeScanCount: 0, failedScanCount: 0 });
  });
});

describe("getOrgScorecard", () => {
  it("returns every repository with its latest scan state and latest results per factor", async () => {
    const card = (await getOrgScorecard(ACME.id))!;
    expect(card.totalRepoCount).toBe(5);
    expect(card.repos.map((r) => r.name)).toEqual(["billing-worker", "handbook", "legacy-monolith", "new-service", "payments-api"]);
    const legacy = card.repos.find((r) => r.id === LEGACY.id)!;
    expect(legacy.result?.score).toBe(41.6); // the newer of its two completed scans
    expect(legacy.result?.factors.map((f) => f?.status)).toEqual(LEGACY.scans.at(-1)!.factors!.map(([s]) => s));
    expect(legacy.result?.factors[2]).toMatchObject({ factor: 3, score: 20, findings: 1 });
    const billing = card.repos.find((r) => r.id === BILLING.id)!;
    expect(billing.latestScan).toMatchObject({ status: "FAILED", error: BILLING.scans.at(-1)!.error });
    expect(billing.result?.score).toBe(76.5);
    const fresh = card.repos.find((r) => r.id === NEW_SERVICE.id)!;
    expect(fresh.latestScan).toMatchObject({ status: "SCANNING", progress: 40 });
    expect(fresh.result).toBeNull();
  });

  it("filters by name (case-insensitive) and sorts", async () => {
    expect((await getOrgScorecard(ACME.id, { search: "PAY" }))!.repos.map((r) => r.id)).toEqual([PAYMENTS.id]);
    expect((await getOrgScorecard(ACME.id, { search: "zzz" }))!.repos).toEqual([]);
    const byScore = (await getOrgScorecard(ACME.id, { sort: "score-desc" }))!.repos.map((r) => r.name);
    expect(byScore).toEqual(["payments-api", "billing-worker", "legacy-monolith", "handbook", "new-service"]);
  });

  it("is null for an unknown org", async () => {
    expect(await getOrgScorecard("no-such-org")).toBeNull();
  });
});

describe("getRepoReport", () => {
  it("returns the latest completed scan with factors and findings, waived ones flagged", async () => {
    const report = (await getRepoReport(LEGACY.id))!;
    expect(report.repo).toMatchObject({ name: LEGACY.name, org: { id: ACME.id, name: ACME.name } });
    expect(report.latestScan?.status).toBe("DONE");
    expect(report.result).toMatchObject({ score: 41.6, grade: "F", kind: "service", confidence: "MEDIUM" });
    expect(report.result!.factors).toHaveLength(12);
    expect(report.result!.findings.map((f) => [f.factor, f.path, f.line, f.waived])).toEqual([
      [3, "config/settings.py", 12, false],
      [4, "app/db.py", 8, false],
      [7, "manage.py", 30, true],
      [11, "app/logging.py", 21, false],
    ]);
  });

  it("keeps the previous results when the latest scan failed, and has none before the first", async () => {
    const billing = (await getRepoReport(BILLING.id))!;
    expect(billing.latestScan?.status).toBe("FAILED");
    expect(billing.result?.score).toBe(76.5);
    const fresh = (await getRepoReport(NEW_SERVICE.id))!;
    expect(fresh.result).toBeNull();
    expect((await getRepoReport(HANDBOOK.id))!.result).toMatchObject({ score: null, kind: "docs" });
    expect(await getRepoReport("no-such-repo")).toBeNull();
  });
});

describe("getRepoScanStatus", () => {
  it("returns the latest scan's progress, or null for an unknown repository", async () => {
    expect(await getRepoScanStatus(NEW_SERVICE.id)).toMatchObject({ repositoryId: NEW_SERVICE.id, scan: { status: "SCANNING", progress: 40 } });
    expect(await getRepoScanStatus("no-such-repo")).toBeNull();
  });
});

describe("pingDatabase", () => {
  it("resolves when the database answers", async () => {
    await expect(pingDatabase()).resolves.toBeUndefined();
  });
});

describe("sortRepoRows", () => {
  const row = (name: string, score: number | null, status: ScanStatus | null): RepoRow => ({
    id: name,
    name,
    fullName: name,
    language: null,
    archived: false,
    latestScan: status ? { id: name, status, progress: 0, error: null, queuedAt: new Date(), startedAt: null, finishedAt: null } : null,
    result: score === null ? null : { scanId: name, score, grade: null, kind: null, finishedAt: null, factors: [] },
  });
  const rows = [row("b", 50, "DONE"), row("a", null, "QUEUED"), row("c", 90, "FAILED"), row("d", 50, "SCANNING")];

  it("puts repositories without a score last in both score orders", () => {
    expect(sortRepoRows(rows, "score-desc").map((r) => r.name)).toEqual(["c", "b", "d", "a"]);
    expect(sortRepoRows(rows, "score-asc").map((r) => r.name)).toEqual(["b", "d", "c", "a"]);
  });

  it("sorts by name and by scan status (failed first)", () => {
    expect(sortRepoRows(rows, "name").map((r) => r.name)).toEqual(["a", "b", "c", "d"]);
    expect(sortRepoRows(rows, "status").map((r) => r.name)).toEqual(["c", "d", "a", "b"]);
  });
});
