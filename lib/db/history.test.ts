// History queries on real PostgreSQL: scan list with deltas, trends, and "what changed" between two
// scans (findings matched by fingerprint, waiver changes, scanner version changes, scope).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../test/support/scratch-db.ts";
import { db, disconnectDb } from "./client.ts";
import { compareScans, diffFindings, getOrgTrend, getRepoHistory, weekStart } from "./history.ts";

const ORG = "t-hist-org";
const OTHER_ORG = "t-hist-other";
const REPO = "t-hist-repo";
const REPO2 = "t-hist-repo2";
const DAY = 24 * 3600 * 1000;
const NOW = new Date("2026-11-26T12:00:00Z"); // a Thursday

type F = { fp: string; factor?: number; waived?: boolean; line?: number; severity?: "HIGH" | "LOW" };
const finding = (f: F) => ({
  ruleId: `RULE-${f.fp}`,
  factor: f.factor ?? 3,
  severity: f.severity ?? "HIGH",
  confidence: "HIGH" as const,
  message: `finding ${f.fp}`,
  path: "src/app.ts",
  line: f.line ?? 1,
  fingerprint: `sha256:${f.fp}`,
  waived: Boolean(f.waived),
  waiverReason: f.waived ? "accepted" : null,
});

async function scan(id: string, repositoryId: string, daysAgo: number, data: { score: number | null; scanner?: string; rules?: string; status?: "DONE" | "FAILED"; findings?: F[]; factor3?: number }) {
  const at = new Date(NOW.getTime() - daysAgo * DAY);
  const status = data.status ?? "DONE";
  await db().scan.create({
    data: {
      id,
      repositoryId,
      status,
      commitSha: status === "DONE" ? id.padEnd(40, "0").slice(0, 40) : null,
      scannerVersion: status === "DONE" ? (data.scanner ?? "0.1.0") : null,
      rulesVersion: status === "DONE" ? (data.rules ?? "88.a") : null,
      score: data.score,
      rawScore: data.score,
      grade: data.score === null ? null : data.score >= 90 ? "A" : data.score >= 80 ? "B" : "C",
      error: status === "FAILED" ? "clone failed" : null,
      createdAt: at,
      queuedAt: at,
      finishedAt: at,
      factors:
        status === "DONE"
          ? { create: [{ factor: 3, status: "PARTIAL", score: data.factor3 ?? 60, confidence: "HIGH" }, { factor: 8, status: "NA", score: null, confidence: "LOW" }] }
          : undefined,
      findings: data.findings ? { create: data.findings.map(finding) } : undefined,
    },
  });
}

beforeAll(async () => {
  testDatabaseUrl();
  await db().org.deleteMany({ where: { id: { in: [ORG, OTHER_ORG] } } });
  await db().org.create({ data: { id: ORG, sourceKind: "GITHUB", login: "t-hist", name: "History Org" } });
  await db().org.create({ data: { id: OTHER_ORG, sourceKind: "GITHUB", login: "t-hist-other", name: "Other" } });
  for (const [id, orgId] of [[REPO, ORG], [REPO2, ORG], ["t-hist-removed", ORG]] as const) {
    await db().repository.create({
      data: { id, orgId, externalId: id, name: id, fullName: `t-hist/${id}`, cloneUrl: "https://example.invalid/x.git", removedAt: id === "t-hist-removed" ? NOW : null },
    });
  }
  await scan("t-hist-s1", REPO, 20, { score: 70, findings: [{ fp: "a" }, { fp: "b" }, { fp: "w" }, { fp: "dup", line: 5 }, { fp: "dup", line: 9 }] });
  await scan("t-hist-s2", REPO, 13, { score: null, status: "FAILED" });
  await scan("t-hist-s3", REPO, 6, {
    score: 82,
    factor3: 75,
    scanner: "0.2.0",
    findings: [{ fp: "a" }, { fp: "c" }, { fp: "w", waived: true }, { fp: "dup", line: 6 }, { fp: "x", waived: true }],
  });
  await scan("t-hist-s4", REPO, 1, { score: 84, scanner: "0.2.0", findings: [{ fp: "a" }, { fp: "c" }, { fp: "w", waived: false }, { fp: "dup", line: 6 }] });
  await scan("t-hist-r2", REPO2, 9, { score: 50 });
  await scan("t-hist-rm", "t-hist-removed", 2, { score: 0 });
});

afterAll(async () => {
  await db().org.deleteMany({ where: { id: { in: [ORG, OTHER_ORG] } } });
  await disconnectDb();
});

describe("diffFindings", () => {
  it("pairs repeated fingerprints in line order and counts the surplus as added or fixed", () => {
    const mk = (id: string, fingerprint: string, line: number, waived = false) => ({ id, fingerprint, line, waived });
    const d = diffFindings(
      [mk("1", "p", 1), mk("2", "p", 2), mk("3", "q", 1), mk("4", "r", 1, true), mk("9", "t", 1, true)],
      [mk("5", "p", 7), mk("6", "s", 1), mk("7", "r", 3, true), mk("8", "q", 2, true), mk("10", "t", 4)],
    );
    expect(d.unchanged.map((f) => f.id)).toEqual(["5", "7"]);
    expect(d.added.map((f) => f.id)).toEqual(["6"]);
    expect(d.fixed.map((f) => f.id).sort()).toEqual(["2"]);
    expect(d.newlyWaived.map((f) => f.id)).toEqual(["8"]);
    expect(d.unwaived.map((f) => f.id)).toEqual(["10"]);
  });
});

describe("compareScans", () => {
  it("defaults to the previous completed scan vs the latest, skipping failed scans", async () => {
    const out = await compareScans(db(), REPO, "all");
    expect(out.kind).toBe("ok");
    if (out.kind !== "ok") return;
    const c = out.comparison;
    expect([c.from.id, c.to.id]).toEqual(["t-hist-s3", "t-hist-s4"]);
    expect(c.scannerChanged).toBe(false);
    expect(c.scoreDelta).toBe(2);
    // w was waived in s3 and is open again in s4; x (waived) disappeared.
    expect(c.findings.unwaived.map((f) => f.fingerprint)).toEqual(["sha256:w"]);
    expect(c.findings.fixed.map((f) => f.fingerprint)).toEqual(["sha256:x"]);
    expect(c.findings.added).toEqual([]);
    expect(c.findings.unchanged.map((f) => f.fingerprint).sort()).toEqual(["sha256:a", "sha256:c", "sha256:dup"]);
    expect(c.choices.map((s) => s.id)).toEqual(["t-hist-s4", "t-hist-s3", "t-hist-s1"]);
  });

  it("finds new, fixed and newly waived findings, factor deltas and a scanner change", async () => {
    const out = await compareScans(db(), REPO, "all", { from: "t-hist-s1", to: "t-hist-s3" });
    if (out.kind !== "ok") throw new Error(out.kind);
    const c = out.comparison;
    expect(c.scannerChanged).toBe(true);
    expect(c.rulesChanged).toBe(false);
    expect(c.gradeChanged).toBe(true);
    expect(c.scoreDelta).toBe(12);
    expect(c.findings.added.map((f) => f.fingerprint).sort()).toEqual(["sha256:c", "sha256:x"]);
    expect(c.findings.fixed.map((f) => `${f.fingerprint}@${f.line}`).sort()).toEqual(["sha256:b@1", "sha256:dup@9"]);
    expect(c.findings.newlyWaived.map((f) => f.fingerprint)).toEqual(["sha256:w"]);
    expect(c.findings.unchanged.map((f) => `${f.fingerprint}@${f.line}`).sort()).toEqual(["sha256:a@1", "sha256:dup@6"]);
    const f3 = c.factors.find((f) => f.factor === 3)!;
    expect(f3).toMatchObject({ from: { status: "PARTIAL", score: 60 }, to: { status: "PARTIAL", score: 75 }, delta: 15 });
    expect(c.factors.find((f) => f.factor === 8)).toMatchObject({ delta: null, to: { status: "NA", score: null } });
    expect(c.factors.find((f) => f.factor === 1)).toMatchObject({ from: null, to: null, delta: null });
  });

  it("refuses scans that are not completed scans of the repository, and respects the scope", async () => {
    expect((await compareScans(db(), REPO, "all", { from: "t-hist-s2", to: "t-hist-s4" })).kind).toBe("bad-scan");
    expect((await compareScans(db(), REPO, "all", { from: "t-hist-r2", to: "t-hist-s4" })).kind).toBe("bad-scan");
    expect((await compareScans(db(), REPO, "all", { from: "t-hist-s4", to: "t-hist-s4" })).kind).toBe("bad-scan");
    expect((await compareScans(db(), REPO2, "all")).kind).toBe("too-few-scans");
    expect((await compareScans(db(), REPO, [OTHER_ORG])).kind).toBe("not-found");
    expect((await compareScans(db(), REPO, [ORG])).kind).toBe("ok");
  });
});

describe("getRepoHistory", () => {
  it("lists every scan newest first with deltas against the previous completed scan", async () => {
    const h = (await getRepoHistory(db(), REPO, "all"))!;
    expect(h.scans.map((s) => s.id)).toEqual(["t-hist-s4", "t-hist-s3", "t-hist-s2", "t-hist-s1"]);
    const [s4, s3, s2, s1] = h.scans;
    expect(s4).toMatchObject({ delta: 2, scannerChanged: false, openFindings: 4, previousDoneId: "t-hist-s3" });
    expect(s3).toMatchObject({ delta: 12, scannerChanged: true, openFindings: 3, previousDoneId: "t-hist-s1" });
    expect(s2).toMatchObject({ status: "FAILED", delta: null, openFindings: null, error: "clone failed" });
    expect(s1).toMatchObject({ delta: null, previousDoneId: null, openFindings: 5 });
    expect(h.trend.map((p) => p.score)).toEqual([70, 82, 84]);
    expect(await getRepoHistory(db(), REPO, [OTHER_ORG])).toBeNull();
  });
});

describe("getOrgTrend", () => {
  it("averages each active repository's latest score at the end of every week", async () => {
    const t = (await getOrgTrend(db(), ORG, "all", { weeks: 4, now: NOW }))!;
    expect(t.weeks.map((w) => w.weekStart.toISOString().slice(0, 10))).toEqual(["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]);
    // Week of Nov 2: s1 (70, Nov 6). Nov 9: s1 only (s2 failed). Nov 16: s3 82 + r2 50. Nov 23: s4 84 + r2 50.
    expect(t.weeks.map((w) => w.score)).toEqual([70, 70, 66, 67]);
    expect(t.weeks.map((w) => w.scans)).toEqual([1, 0, 2, 1]); // the removed repository is not counted
    expect(t.activeRepoCount).toBe(2);
    expect(await getOrgTrend(db(), ORG, [OTHER_ORG])).toBeNull();
    expect(weekStart(new Date("2026-11-29T23:59:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });
});
