// scan-repo against a real PostgreSQL, real pg-boss and real git repositories (some hostile),
// calling the handler in-process the way the worker does.
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertLocalOrg } from "../db/orgs.ts";
import { upsertRepositories } from "../db/repositories.ts";
import { parseEnv, type Env } from "../env.ts";
import { commitFiles, createBareRepo, createWorkRepo, fixtureGit, makeTempDir } from "../git/testing/make-repo.ts";
import { createBoss, startBoss } from "../queue/boss.ts";
import type { JobContext } from "../queue/define-job.ts";
import { ensureQueues } from "../queue/enqueue.ts";
import { testJobContext } from "../queue/testing/job-context.ts";
import { createTestDatabase, type TestDatabase } from "../queue/testing/test-database.ts";
import { LocalSource } from "../sources/local-source.ts";
import { JOBS } from "./registry.ts";
import { enqueueScan } from "./enqueue-scan.ts";
import { scanRepo, SCANNER } from "./scan-repo.ts";

const KB = 1024;

describe("scan-repo job", () => {
  let tdb: TestDatabase;
  let boss: PgBoss;
  let env: Env;
  let root: string; // the local source
  let outside: string;
  let workDir: string;
  const repoIds: Record<string, string> = {};

  const ctx = (overrides = {}) => testJobContext({ db: tdb.db, boss, env }, overrides);
  const scanOf = (id: string) => tdb.db.scan.findUniqueOrThrow({ where: { id } });
  /** Queues a scan and runs its job's handler; returns the Scan row afterwards. */
  async function runScan(repo: string, overrides = {}) {
    const queued = await enqueueScan(tdb.db, boss, { repositoryId: repoIds[repo]!, trigger: "MANUAL" });
    expect(queued).not.toBeNull();
    await boss.deleteJob(scanRepo.name, queued!.jobId); // this test plays the worker
    const result = await scanRepo.handle({ repositoryId: repoIds[repo]!, scanId: queued!.scanId, trigger: "MANUAL" }, ctx({ jobId: queued!.jobId, ...overrides }));
    return { result, scan: await scanOf(queued!.scanId) };
  }

  beforeAll(async () => {
    tdb = await createTestDatabase("tf_scanrepo");
    boss = await startBoss(createBoss(tdb.url, "producer"));
    await ensureQueues(boss, JOBS);
    root = makeTempDir("tf-scan-src-");
    outside = makeTempDir("tf-scan-outside-");
    workDir = makeTempDir("tf-scan-work-");
    writeFileSync(path.join(outside, "secret.txt"), "OUTSIDE-SECRET\n");
    env = parseEnv({
      DATABASE_URL: tdb.url,
      SCAN_WORK_DIR: workDir,
      CLONE_MAX_BLOB_BYTES: String(100 * KB),
      CLONE_MAX_FILES: "40",
      LOG_LEVEL: "silent",
    });

    createWorkRepo(path.join(root, "service"), {
      "package.json": JSON.stringify({ name: "service", scripts: { start: "node server.js" }, dependencies: { express: "4.19.2" } }),
      "package-lock.json": JSON.stringify({ name: "service", lockfileVersion: 3, packages: {} }),
      "server.js": "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT);\n",
      "Procfile": "web: node server.js\n",
    });
    createBareRepo(root, "hostile", {
      "index.js": "console.log('hello');\n",
      "passwd": { symlink: "/etc/passwd" },
      "leak": { symlink: path.join(outside, "secret.txt") },
      "assets/huge.bin": Buffer.alloc(300 * KB, 9),
      ".gitmodules": '[submodule "lib"]\n\tpath = lib\n\turl = http://10.255.255.1:9/nowhere.git\n',
      "lib": { gitlink: "0123456789abcdef0123456789abcdef01234567" },
      ".githooks/post-checkout": { executable: `#!/bin/sh\ntouch ${path.join(outside, "HOOK-RAN")}\n` },
    });
    const many: Record<string, string> = {};
    for (let i = 0; i < 60; i++) many[`src/f${i}.js`] = `module.exports = ${i};\n`;
    createBareRepo(root, "many", many);
    // fsck-hostile: a tree entry named .git
    const bare = path.join(root, "dotgit.git");
    fixtureGit(root, ["init", "--quiet", "--bare", "--initial-branch=main", "--template=", bare]);
    const blob = fixtureGit(bare, ["hash-object", "-w", "--stdin"], "x\n");
    const sub = fixtureGit(bare, ["mktree"], `100644 blob ${blob}\tconfig\n`);
    const top = fixtureGit(bare, ["mktree"], `040000 tree ${sub}\t.git\n100644 blob ${blob}\tok.txt\n`);
    fixtureGit(bare, ["update-ref", "refs/heads/main", fixtureGit(bare, ["commit-tree", top, "-m", "evil"])]);
    fixtureGit(root, ["init", "--quiet", "--bare", "--initial-branch=main", "--template=", path.join(root, "empty.git")]);

    const org = await upsertLocalOrg(tdb.db, { login: "acme", localPath: root });
    const listed = await new LocalSource({ login: "acme", path: root }).listRepositories();
    for (const r of await upsertRepositories(tdb.db, org.id, listed)) repoIds[r.externalId.replace(/\.git$/, "")] = r.id;
  });

  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await tdb?.drop();
    for (const d of [root, outside, workDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it("queues one scan per repository: a second enqueue while one is queued is a no-op", async () => {
    const first = await enqueueScan(tdb.db, boss, { repositoryId: repoIds.service!, trigger: "SYNC" });
    const second = await enqueueScan(tdb.db, boss, { repositoryId: repoIds.service!, trigger: "SYNC" });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    const scans = await tdb.db.scan.findMany({ where: { repositoryId: repoIds.service } });
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ status: "QUEUED", jobId: first!.jobId, trigger: "SYNC" });
    const jobs = await boss.findJobs(scanRepo.name, { key: `repo:${repoIds.service}` });
    expect(jobs.map((j) => j.id)).toEqual([first!.jobId]);
    expect(jobs[0]!.data).toEqual({ repositoryId: repoIds.service, scanId: first!.scanId, trigger: "SYNC" });
    // leave the repository clean for the next tests
    await boss.deleteJob(scanRepo.name, first!.jobId);
    await tdb.db.scan.delete({ where: { id: first!.scanId } });
  });

  it("clones, scans and stores results with the DONE status in one go, then cleans the clone up", async () => {
    const { result, scan } = await runScan("service");
    expect(result).toMatchObject({ status: "DONE" });
    const head = fixtureGit(path.join(root, "service"), ["rev-parse", "HEAD"]);
    expect(scan).toMatchObject({
      status: "DONE",
      progress: 100,
      commitSha: head,
      scannerVersion: SCANNER.scannerVersion,
      rulesVersion: SCANNER.rulesVersion,
      resultKey: `${head}:${SCANNER.scannerVersion}:${SCANNER.rulesVersion}`,
      error: null,
    });
    expect(scan.startedAt).not.toBeNull();
    expect(scan.finishedAt).not.toBeNull();
    expect(scan.cloneMs).toBeGreaterThan(0);
    expect(scan.scanMs).toBeGreaterThanOrEqual(0);
    expect(scan.grade).toMatch(/^[A-F]$/);
    expect((scan.report as { schemaVersion: number }).schemaVersion).toBe(1);
    const factors = await tdb.db.factorResult.findMany({ where: { scanId: scan.id }, orderBy: { factor: "asc" } });
    expect(factors.map((f) => f.factor)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const report = scan.report as { factors: { findings: unknown[] }[] };
    expect(await tdb.db.finding.count({ where: { scanId: scan.id } })).toBe(report.factors.flatMap((f) => f.findings).length);
    expect((await tdb.db.repository.findUniqueOrThrow({ where: { id: repoIds.service } })).headSha).toBe(head);
    expect(readdirSync(workDir)).toEqual([]); // the clone is gone
  });

  it("skips a commit already scanned by the same scanner version: one stored result", async () => {
    const { result, scan } = await runScan("service");
    expect(result).toMatchObject({ status: "SKIPPED", reason: "already-scanned" });
    expect(scan.status).toBe("SKIPPED");
    expect(scan.error).toMatch(/^commit [0-9a-f]{12} was already scanned by scanner .* in scan \w+$/);
    expect(scan.resultKey).toBeNull();
    const done = await tdb.db.scan.findMany({ where: { repositoryId: repoIds.service, status: "DONE" } });
    expect(done).toHaveLength(1);
    expect(await tdb.db.factorResult.count({ where: { scan: { repositoryId: repoIds.service } } })).toBe(12);
  });

  it("two workers racing on the same new commit store it once", async () => {
    commitFiles(path.join(root, "service"), { "README.md": "# service\n" });
    const a = await tdb.db.scan.create({ data: { repositoryId: repoIds.service!, status: "QUEUED" } });
    const b = await tdb.db.scan.create({ data: { repositoryId: repoIds.service!, status: "QUEUED" } });
    const results = await Promise.all(
      [a, b].map((s) => scanRepo.handle({ repositoryId: repoIds.service!, scanId: s.id, trigger: "SYNC" }, ctx())),
    );
    const statuses = results.map((r) => (r as { status: string }).status).sort();
    expect(statuses).toEqual(["DONE", "SKIPPED"]);
    const rows = await tdb.db.scan.findMany({ where: { id: { in: [a.id, b.id] } } });
    const loser = rows.find((r) => r.status === "SKIPPED")!;
    expect(loser.error).toMatch(/already scanned|stored by a concurrent scan/);
    expect(await tdb.db.factorResult.count({ where: { scanId: { in: [a.id, b.id] } } })).toBe(12);
    expect(await tdb.db.scan.count({ where: { repositoryId: repoIds.service, status: "DONE" } })).toBe(2); // two commits
  });

  it("contains a hostile repository and records what it left out", async () => {
    const { result, scan } = await runScan("hostile");
    expect(result).toMatchObject({ status: "DONE" });
    const skipped = scan.skipped as { clone: { limitsHit: { kind: string }[]; skippedFiles: { path: string; reason: string }[] } };
    expect(skipped.clone.limitsHit.map((l) => l.kind)).toEqual(["maxBlobBytes"]);
    expect(skipped.clone.skippedFiles).toEqual(
      expect.arrayContaining([
        { path: "passwd", reason: "symlink" },
        { path: "leak", reason: "symlink" },
        { path: "assets/huge.bin", reason: "too-large" },
        { path: "lib", reason: "submodule" },
      ]),
    );
    expect(existsSync(path.join(outside, "HOOK-RAN"))).toBe(false);
    const snippets = await tdb.db.finding.findMany({ where: { scanId: scan.id }, select: { snippet: true } });
    expect(snippets.some((s) => s.snippet?.includes("OUTSIDE-SECRET") || s.snippet?.includes("root:x:0"))).toBe(false);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it("refuses a repository over the file cap: SKIPPED with the limit as the reason", async () => {
    const { result, scan } = await runScan("many");
    expect(result).toMatchObject({ status: "SKIPPED" });
    expect(scan.status).toBe("SKIPPED");
    expect(scan.error).toBe("repository refused: 60 files, over the 40 file cap");
    expect(scan.commitSha).toMatch(/^[0-9a-f]{40}$/);
    expect(scan.skipped).toEqual({ clone: { limitsHit: [{ kind: "maxFiles", detail: "60 files, over the 40 file cap" }], refused: true } });
    expect(await tdb.db.factorResult.count({ where: { scanId: scan.id } })).toBe(0);
  });

  it("fails for good on objects fsck rejects, without retrying", async () => {
    const err = await runScan("dotgit").catch((e) => e);
    expect(err).toMatchObject({ code: "FORBIDDEN" });
    expect(err.retryable).toBe(false);
    const scan = await tdb.db.scan.findFirstOrThrow({ where: { repositoryId: repoIds.dotgit }, orderBy: { createdAt: "desc" } });
    expect(scan.status).toBe("FAILED");
    expect(scan.error).toMatch(/hasDotgit/);
  });

  it("skips an empty repository and a removed one", async () => {
    const empty = await runScan("empty");
    expect(empty.scan).toMatchObject({ status: "SKIPPED", error: "repository has no commits on its default branch" });
    await tdb.db.repository.update({ where: { id: repoIds.many }, data: { removedAt: new Date() } });
    const removed = await runScan("many");
    expect(removed.scan).toMatchObject({ status: "SKIPPED", error: "repository was removed from its source" });
    await tdb.db.repository.update({ where: { id: repoIds.many }, data: { removedAt: null } });
  });

  it("puts the scan back to QUEUED when interrupted by shutdown, and on a retryable failure with attempts left", async () => {
    const controller = new AbortController();
    controller.abort();
    const interrupted = await runScan("hostile", { signal: controller.signal, shuttingDown: () => true }).catch((e) => e);
    expect(interrupted).toMatchObject({ code: "ABORTED" });
    const s1 = await tdb.db.scan.findFirstOrThrow({ where: { repositoryId: repoIds.hostile }, orderBy: { createdAt: "desc" } });
    expect(s1).toMatchObject({ status: "QUEUED", error: "interrupted: the worker shut down; the scan will run again", progress: 0 });
    await tdb.db.scan.update({ where: { id: s1.id }, data: { status: "FAILED" } });

    const unreachable = {
      sourceFor: (() => ({ cloneAccess: async () => ({ url: "http://127.0.0.1:9/none.git", local: false }) })) as unknown as JobContext["sourceFor"],
    };
    const retryable = await runScan("hostile", unreachable).catch((e) => e);
    expect(retryable.retryable).toBe(true);
    const s2 = await tdb.db.scan.findFirstOrThrow({ where: { repositoryId: repoIds.hostile }, orderBy: { createdAt: "desc" } });
    expect(s2.status).toBe("QUEUED");
    expect(s2.error).toMatch(/^attempt 1 failed: git clone failed .*; retrying$/);
    await tdb.db.scan.update({ where: { id: s2.id }, data: { status: "FAILED" } });

    await runScan("hostile", { ...unreachable, attempt: 4, isLastAttempt: true }).catch((e) => e);
    const s3 = await tdb.db.scan.findFirstOrThrow({ where: { repositoryId: repoIds.hostile }, orderBy: { createdAt: "desc" } });
    expect(s3.status).toBe("FAILED");
    expect(s3.error).toMatch(/^git clone failed/);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it("fails permanently for a repository that does not exist", async () => {
    await expect(scanRepo.handle({ repositoryId: "nope", trigger: "MANUAL" }, ctx())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
