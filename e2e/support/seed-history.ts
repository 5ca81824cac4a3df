// The e2e world for history, "what changed", the local source viewer and rescans. Owns ids starting
// "e2e-hist-" / "e2e-org-hist" / "e2e-org-rescan", replaced on every run. Local orgs point at real git
// repositories created under test-results/e2e-sources, so the web viewer can `git show` them and the
// real worker can clone them.
import { createHash } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Prisma, PrismaClient } from "../../lib/db/generated/prisma/client.ts";
import { commitFiles, createWorkRepo } from "../../lib/git/testing/make-repo.ts";

export const SOURCES_ROOT = path.resolve("test-results/e2e-sources");

export const TREND_ORG = { id: "e2e-org-hist", login: "history-e2e", name: "History Org" };
export const TREND_REPO = {
  id: "e2e-hist-trend",
  name: "trend-service",
  htmlUrl: "https://github.com/history-e2e/trend-service",
  /** Oldest first. */
  scanIds: ["e2e-hist-trend-0", "e2e-hist-trend-1", "e2e-hist-trend-2", "e2e-hist-trend-3", "e2e-hist-trend-4", "e2e-hist-trend-5"],
};
export const LOCAL_ORG = { id: "e2e-org-hist-local", login: "history-local-e2e", name: "Local History Org" };
export const LOCAL_REPO = { id: "e2e-hist-local", name: "local-app", scanIds: ["e2e-hist-local-0", "e2e-hist-local-1"] };
export const RESCAN_ORG = { id: "e2e-org-rescan", login: "rescan-e2e", name: "Rescan Org" };
export const RESCAN_REPOS = [
  { id: "e2e-hist-rescan-a", name: "rescan-a" },
  { id: "e2e-hist-rescan-b", name: "rescan-b" },
];

const DAY = 24 * 3600 * 1000;
const NOW = Date.now();

type F = {
  key: string;
  ruleId: string;
  factor: number;
  severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFO";
  message: string;
  path: string;
  line: number;
  snippet: string;
  waived?: { reason: string; expires: Date };
};

const fp = (key: string) => `sha256:${createHash("sha256").update(`e2e:${key}`).digest("hex")}`;

export const TREND_FINDINGS = {
  secret: { key: "secret", ruleId: "F03-HARDCODED-SECRET", factor: 3, severity: "CRITICAL", message: "API token committed in source", path: "src/config.ts", line: 4, snippet: 'const token = "tok_****";' },
  logFile: { key: "log", ruleId: "F11-LOG-TO-FILE", factor: 11, severity: "MEDIUM", message: "Logs are written to a file instead of stdout", path: "src/log.ts", line: 9, snippet: 'pino.destination("/var/log/app.log")' },
  port: { key: "port", ruleId: "F07-HARDCODED-LISTEN-PORT", factor: 7, severity: "LOW", message: "Listen port is a literal", path: "src/server.ts", line: 30, snippet: "app.listen(8080)" },
  tag: { key: "tag", ruleId: "F05-MUTABLE-RELEASE-TAG", factor: 5, severity: "MEDIUM", message: "Deploy uses the mutable image tag `latest`", path: "deploy/app.yaml", line: 12, snippet: "image: trend:latest" },
  dbUrl: { key: "db", ruleId: "F04-HARDCODED-RESOURCE-LOCATOR", factor: 4, severity: "HIGH", message: "Database address hard-coded in application code", path: "src/db.ts", line: 3, snippet: 'connect("postgres://db.internal/app")' },
} satisfies Record<string, F>;

const waiver = (reason: string, days: number) => ({ reason, expires: new Date(NOW + days * DAY) });

function factorRows(scores: (number | null)[]) {
  return scores.map((score, i) => ({
    factor: i + 1,
    status: score === null ? ("NA" as const) : score >= 80 ? ("PASS" as const) : score >= 50 ? ("PARTIAL" as const) : ("FAIL" as const),
    score,
    rawScore: score,
    confidence: "MEDIUM" as const,
  }));
}

/** A scanner report with enough of the JSON contract for the factor cards' "raised / lowered by". */
function report(scanner: string, rules: string, scores: (number | null)[]) {
  return {
    schemaVersion: 1,
    scanner: { version: scanner, rulesVersion: rules, scoringVersion: 2 },
    gradeLabel: "C",
    gatesApplied: [],
    notices: [{ code: "WAIVER-UNUSED", message: "Waiver w-old matches no finding", path: ".twelve-factor.yml", line: 7 }],
    factors: scores.map((score, i) => {
      const code = `F${String(i + 1).padStart(2, "0")}`;
      return {
        code,
        score,
        coverage: 0.8,
        cap: i === 2 ? 70 : null,
        insufficient: false,
        rules: [
          { id: `${code}-GOOD-PRACTICE`, status: "pass", score: 1, weight: 7.5, confidence: "high", findings: 0 },
          ...(score !== null && score < 80
            ? [{ id: `${code}-WEAK-SPOT`, status: "fail", score: 0, weight: 5, confidence: "medium", findings: 1, reason: "found in 1 place" }]
            : []),
        ],
        evidence: [],
      };
    }),
  };
}

async function scan(
  client: PrismaClient,
  data: {
    id: string;
    repositoryId: string;
    daysAgo: number;
    status?: "DONE" | "FAILED";
    commitSha?: string;
    scanner?: string;
    rules?: string;
    score?: number | null;
    grade?: string | null;
    factors?: (number | null)[];
    findings?: F[];
    withReport?: boolean;
    error?: string;
  },
) {
  const at = new Date(NOW - data.daysAgo * DAY);
  const status = data.status ?? "DONE";
  const sha = data.commitSha ?? createHash("sha1").update(data.id).digest("hex");
  const scanner = data.scanner ?? "0.1.0";
  const rules = data.rules ?? "88.aaaaaaaaaaaa";
  await client.scan.create({
    data: {
      id: data.id,
      repositoryId: data.repositoryId,
      status,
      trigger: "SCHEDULE",
      progress: 100,
      commitSha: sha,
      scannerVersion: scanner,
      rulesVersion: rules,
      resultKey: status === "DONE" ? `${sha}:${scanner}:${rules}` : null,
      error: data.error ?? null,
      createdAt: new Date(at.getTime() - 60_000),
      queuedAt: new Date(at.getTime() - 60_000),
      startedAt: new Date(at.getTime() - 30_000),
      finishedAt: at,
      score: data.score ?? null,
      rawScore: data.score ?? null,
      grade: data.grade ?? null,
      confidence: status === "DONE" ? "MEDIUM" : null,
      kind: status === "DONE" ? "service" : null,
      cloneMs: 400,
      scanMs: 1200,
      units: status === "DONE" ? [{ path: ".", kind: "service", languages: ["typescript"], frameworks: ["express"], score: data.score ?? null, grade: data.grade ?? null }] : undefined,
      skipped: status === "DONE" ? { clone: { fileCount: 42, bytes: 120_000, limitsHit: [], skippedFiles: [], skippedFilesTotal: 0 }, scan: { total: 0, byReason: {}, limitsHit: [] } } : undefined,
      report: data.withReport && data.factors ? (report(scanner, rules, data.factors) as unknown as Prisma.InputJsonValue) : undefined,
      factors: data.factors ? { create: factorRows(data.factors) } : undefined,
      findings: data.findings
        ? {
            create: data.findings.map((f) => ({
              ruleId: f.ruleId,
              factor: f.factor,
              severity: f.severity,
              confidence: "HIGH" as const,
              message: f.message,
              remediation: "Follow the factor's guidance.",
              path: f.path,
              line: f.line,
              snippet: f.snippet,
              fingerprint: fp(f.key),
              waived: Boolean(f.waived),
              waiverReason: f.waived?.reason ?? null,
              waiverExpires: f.waived?.expires ?? null,
            })),
          }
        : undefined,
    },
  });
}

const BASE = [90, 85, 70, 80, 75, 90, 85, null, 80, 85, 60, 90];

export async function seedHistory(client: PrismaClient): Promise<void> {
  await client.org.deleteMany({ where: { id: { in: [TREND_ORG.id, LOCAL_ORG.id, RESCAN_ORG.id] } } });
  rmSync(SOURCES_ROOT, { recursive: true, force: true });
  mkdirSync(SOURCES_ROOT, { recursive: true });

  // 1. A GitHub repository with six weeks of scans; the last one by a newer scanner and rule set.
  await client.org.create({ data: { id: TREND_ORG.id, sourceKind: "GITHUB", login: TREND_ORG.login, name: TREND_ORG.name, lastSyncedAt: new Date(NOW) } });
  await client.repository.create({
    data: { id: TREND_REPO.id, orgId: TREND_ORG.id, externalId: TREND_REPO.id, name: TREND_REPO.name, fullName: `${TREND_ORG.login}/${TREND_REPO.name}`, cloneUrl: `${TREND_REPO.htmlUrl}.git`, htmlUrl: TREND_REPO.htmlUrl, language: "TypeScript" },
  });
  const T = TREND_FINDINGS;
  const old = [T.secret, T.logFile, T.port, { ...T.tag, waived: waiver("Staging only", 60) }];
  const [s0, s1, s2, s3, s4, s5] = TREND_REPO.scanIds as [string, string, string, string, string, string];
  await scan(client, { id: s0, repositoryId: TREND_REPO.id, daysAgo: 35, score: 58, grade: "F", factors: BASE.map((s) => (s === null ? null : s - 12)), findings: old });
  await scan(client, { id: s1, repositoryId: TREND_REPO.id, daysAgo: 28, score: 63, grade: "D", factors: BASE.map((s) => (s === null ? null : s - 7)), findings: old });
  await scan(client, { id: s2, repositoryId: TREND_REPO.id, daysAgo: 21, status: "FAILED", error: "clone failed: remote hung up (timeout after 120 s)" });
  await scan(client, { id: s3, repositoryId: TREND_REPO.id, daysAgo: 14, score: 66, grade: "D", factors: BASE.map((s) => (s === null ? null : s - 4)), findings: old });
  await scan(client, { id: s4, repositoryId: TREND_REPO.id, daysAgo: 7, score: 70.4, grade: "C", factors: BASE, findings: old, withReport: true });
  // Latest: log-to-file fixed, a new hard-coded database URL, the port finding waived now, the tag
  // waiver still there (and expired, to show the flag), scanner 0.2.0 with a new rule set.
  await scan(client, {
    id: s5,
    repositoryId: TREND_REPO.id,
    daysAgo: 1,
    scanner: "0.2.0",
    rules: "90.bbbbbbbbbbbb",
    score: 74.6,
    grade: "C",
    factors: BASE.map((s, i) => (s === null ? null : i === 10 ? 90 : i === 3 ? 55 : s)),
    findings: [T.secret, T.dbUrl, { ...T.port, waived: waiver("Local development entry point only", 90) }, { ...T.tag, waived: waiver("Staging only", -2) }],
    withReport: true,
  });

  // 2. A local source with a real repository: the evidence viewer reads files at the scanned commit.
  const localRoot = path.join(SOURCES_ROOT, "history");
  const localDir = path.join(localRoot, LOCAL_REPO.name);
  const first = createWorkRepo(localDir, {
    "README.md": "# local-app\n",
    "src/server.js": ['const http = require("node:http");', "", "const server = http.createServer((req, res) => res.end(\"ok\"));", "server.listen(8080);", ""].join("\n"),
  });
  const second = commitFiles(localDir, { "src/server.js": ['const http = require("node:http");', "", "const server = http.createServer((req, res) => res.end(\"ok\"));", "server.listen(Number(process.env.PORT));", "fs.appendFileSync(\"/var/log/app.log\", \"started\");", ""].join("\n") }, "read PORT");
  await client.org.create({ data: { id: LOCAL_ORG.id, sourceKind: "LOCAL", login: LOCAL_ORG.login, name: LOCAL_ORG.name, localPath: localRoot, lastSyncedAt: new Date(NOW) } });
  await client.repository.create({
    data: { id: LOCAL_REPO.id, orgId: LOCAL_ORG.id, externalId: LOCAL_REPO.name, name: LOCAL_REPO.name, fullName: `${LOCAL_ORG.login}/${LOCAL_REPO.name}`, cloneUrl: localDir, language: "JavaScript", defaultBranch: "main" },
  });
  const portFinding: F = { key: "local-port", ruleId: "F07-HARDCODED-LISTEN-PORT", factor: 7, severity: "LOW", message: "Listen port is a literal", path: "src/server.js", line: 4, snippet: "server.listen(8080);" };
  const logFinding: F = { key: "local-log", ruleId: "F11-LOG-TO-FILE", factor: 11, severity: "MEDIUM", message: "Logs are written to a file instead of stdout", path: "src/server.js", line: 5, snippet: 'fs.appendFileSync("/var/log/app.log", "started");' };
  await scan(client, { id: LOCAL_REPO.scanIds[0]!, repositoryId: LOCAL_REPO.id, daysAgo: 3, commitSha: first, score: 71, grade: "C", factors: BASE, findings: [portFinding] });
  await scan(client, { id: LOCAL_REPO.scanIds[1]!, repositoryId: LOCAL_REPO.id, daysAgo: 0.5, commitSha: second, score: 77, grade: "C", factors: BASE.map((s, i) => (i === 6 ? 100 : i === 10 ? 40 : s)), findings: [logFinding], withReport: true });

  // 3. A local source whose repositories have never been scanned: the rescan specs scan them for real.
  const rescanRoot = path.join(SOURCES_ROOT, "rescan");
  await client.org.create({ data: { id: RESCAN_ORG.id, sourceKind: "LOCAL", login: RESCAN_ORG.login, name: RESCAN_ORG.name, localPath: rescanRoot, lastSyncedAt: new Date(NOW) } });
  for (const repo of RESCAN_REPOS) {
    const dir = path.join(rescanRoot, repo.name);
    createWorkRepo(dir, {
      "package.json": JSON.stringify({ name: repo.name, version: "1.0.0", private: true, scripts: { start: "node server.js" } }, null, 2),
      "server.js": 'const http = require("node:http");\nhttp.createServer((req, res) => res.end("ok")).listen(Number(process.env.PORT ?? 3000));\n',
      "README.md": `# ${repo.name}\n`,
    });
    await client.repository.create({
      data: { id: repo.id, orgId: RESCAN_ORG.id, externalId: repo.name, name: repo.name, fullName: `${RESCAN_ORG.login}/${repo.name}`, cloneUrl: dir, language: "JavaScript" },
    });
  }
}
