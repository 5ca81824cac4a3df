// The dashboard's read queries against the test database, with the e2e world seeded (only rows whose
// ids start with "e2e-" are replaced, so other tests' data is left alone).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACME, BILLING, HANDBOOK, LEGACY, NEW_SERVICE } from "../../e2e/fixtures/data.ts";
import { seedDatabase } from "../../e2e/fixtures/seed.ts";
import { testDatabaseUrl } from "../../test/support/scratch-db.ts";
import { db, disconnectDb } from "./client.ts";
import { getRepoReport, getRepoScanStatus, pingDatabase } from "./dashboard.ts";

beforeAll(async () => {
  testDatabaseUrl(); // a clear error when run outside npm test
  await seedDatabase(db());
});

afterAll(async () => {
  await disconnectDb();
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
