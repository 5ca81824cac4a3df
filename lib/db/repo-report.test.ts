// The repo page's query on real PostgreSQL: scope, latest completed scan with findings, and what
// raised / lowered each factor from the stored scanner report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../test/support/scratch-db.ts";
import { db, disconnectDb } from "./client.ts";
import { factorInsights, getRepoPage, getRepoScanState } from "./repo-report.ts";

const ORG = "t-report-org";
const REPO = "t-report-repo";

const report = {
  gradeLabel: "B (provisional)",
  gatesApplied: ["secret-cap"],
  notices: [{ code: "WAIVER-EXPIRED", message: "waiver w1 expired", path: ".twelve-factor.yml", line: 3 }],
  factors: [
    {
      code: "F03",
      coverage: 0.9,
      cap: 40,
      insufficient: false,
      rules: [
        { id: "F03-A", status: "pass", score: 1, weight: 5, findings: 0 },
        { id: "F03-B", status: "pass", score: 0.9, weight: 10, findings: 0 },
        { id: "F03-C", status: "fail", score: 0, weight: 5, findings: 2, reason: "two secrets" },
        { id: "F03-D", status: "partial", score: 0.5, weight: 7.5, findings: 1 },
        { id: "F03-E", status: "na", score: null, weight: 10, findings: 0, reason: "no Dockerfile" },
        { id: "F03-F", status: "unknown", score: null, weight: 10, findings: 0 },
      ],
      evidence: [{ rule: "F03-D", score: 0.5, items: [{ path: "a.ts", line: 1, note: "read at import time" }] }],
    },
    { code: "F08", status: "na", insufficient: true, reason: "no process model", rules: [], evidence: [] },
    { code: "bogus" },
  ],
};

beforeAll(async () => {
  testDatabaseUrl();
  await db().org.deleteMany({ where: { id: ORG } });
  await db().org.create({ data: { id: ORG, sourceKind: "GITHUB", login: "t-report", name: "Report Org" } });
  await db().repository.create({ data: { id: REPO, orgId: ORG, externalId: REPO, name: "r", fullName: "t-report/r", cloneUrl: "https://example.invalid/r.git" } });
  const base = { repositoryId: REPO, commitSha: "a".repeat(40), scannerVersion: "0.1.0", rulesVersion: "1" };
  await db().scan.create({ data: { ...base, id: "t-report-old", status: "DONE", score: 50, createdAt: new Date(Date.now() - 3000), findings: { create: [{ ruleId: "X", factor: 1, severity: "LOW", confidence: "LOW", message: "old", fingerprint: "o" }] } } });
  await db().scan.create({
    data: {
      ...base,
      id: "t-report-new",
      status: "DONE",
      score: 80,
      rawScore: 72,
      report,
      createdAt: new Date(Date.now() - 2000),
      findings: {
        create: [
          { ruleId: "F03-C", factor: 3, severity: "LOW", confidence: "HIGH", message: "low", path: "b.ts", line: 2, fingerprint: "l" },
          { ruleId: "F03-C", factor: 3, severity: "CRITICAL", confidence: "HIGH", message: "critical", path: "a.ts", line: 9, fingerprint: "c" },
        ],
      },
    },
  });
  await db().scan.create({ data: { id: "t-report-running", repositoryId: REPO, status: "SCANNING", progress: 30, createdAt: new Date(Date.now() - 1000) } });
});

afterAll(async () => {
  await db().org.deleteMany({ where: { id: ORG } });
  await disconnectDb();
});

describe("factorInsights", () => {
  it("lists passing rules heaviest first and failing rules by points lost, ignoring undecided ones", () => {
    const [f3, f8] = factorInsights(report);
    expect(f3).toMatchObject({ factor: 3, coverage: 0.9, cap: 40, insufficient: false });
    expect(f3!.raised.map((d) => d.rule)).toEqual(["F03-B", "F03-A"]);
    // C loses 5 × 1 = 5 points, D 7.5 × 0.5 = 3.75.
    expect(f3!.lowered.map((d) => [d.rule, d.note, d.findings])).toEqual([
      ["F03-C", "two secrets", 2],
      ["F03-D", "read at import time", 1],
    ]);
    expect(f8).toMatchObject({ factor: 8, insufficient: true, reason: "no process model", raised: [], lowered: [] });
    expect(factorInsights(null)).toEqual([]);
    expect(factorInsights({ factors: "nope" })).toEqual([]);
  });
});

describe("getRepoPage", () => {
  it("returns the latest completed scan with its findings (critical first) next to the running scan", async () => {
    const page = (await getRepoPage(db(), REPO, "all"))!;
    expect(page.latestScan).toMatchObject({ id: "t-report-running", status: "SCANNING", progress: 30 });
    expect(page.doneScanCount).toBe(2);
    expect(page.result).toMatchObject({ id: "t-report-new", score: 80, rawScore: 72, gradeLabel: "B (provisional)", gatesApplied: ["secret-cap"] });
    expect(page.result!.findings.map((f) => f.message)).toEqual(["critical", "low"]);
    expect(page.result!.notices[0]).toMatchObject({ code: "WAIVER-EXPIRED" });
    expect(page.result!.insights.find((i) => i.factor === 3)!.cap).toBe(40);
  });

  it("hides repositories of orgs outside the viewer's scope", async () => {
    expect(await getRepoPage(db(), REPO, [])).toBeNull();
    expect(await getRepoPage(db(), REPO, ["other"])).toBeNull();
    expect(await getRepoPage(db(), REPO, [ORG])).not.toBeNull();
    expect(await getRepoScanState(db(), REPO, ["other"])).toBeNull();
    expect((await getRepoScanState(db(), REPO, "all"))!.scan).toMatchObject({ status: "SCANNING" });
  });
});
