// sync-source and sync-all-sources against a real PostgreSQL, real pg-boss and a real local source.
import { renameSync, rmSync } from "node:fs";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRepositoriesNeedingScan } from "../db/repositories.ts";
import { parseEnv, type Env } from "../env.ts";
import { commitFiles, createBareRepo, createWorkRepo, fixtureGit, makeTempDir } from "../git/testing/make-repo.ts";
import { createBoss, startBoss } from "../queue/boss.ts";
import { ensureQueues } from "../queue/enqueue.ts";
import { testJobContext } from "../queue/testing/job-context.ts";
import { createTestDatabase, type TestDatabase } from "../queue/testing/test-database.ts";
import { JOBS } from "./registry.ts";
import { scanRepo, SCANNER } from "./scan-repo.ts";
import { syncAllSources } from "./sync-all-sources.ts";
import { syncSource } from "./sync-source.ts";

describe("sync-source job", () => {
  let tdb: TestDatabase;
  let boss: PgBoss;
  let env: Env;
  let root: string;
  let orgId: string;
  const ctx = () => testJobContext({ db: tdb.db, boss, env });

  /** Plays the worker for every queued scan-repo job. */
  async function runQueuedScans(): Promise<number> {
    let ran = 0;
    for (;;) {
      const [job] = await boss.fetch<unknown>(scanRepo.name);
      if (!job) return ran;
      await scanRepo.handle(scanRepo.schema.parse(job.data), testJobContext({ db: tdb.db, boss, env }, { jobId: job.id }));
      await boss.complete(scanRepo.name, job.id);
      ran++;
    }
  }

  beforeAll(async () => {
    tdb = await createTestDatabase("tf_sync");
    boss = await startBoss(createBoss(tdb.url, "producer"));
    await ensureQueues(boss, JOBS);
    root = makeTempDir("tf-sync-src-");
    env = parseEnv({ DATABASE_URL: tdb.url, LOG_LEVEL: "silent" });
    createWorkRepo(path.join(root, "api"), { "main.go": "package main\n", "go.mod": "module x\n\ngo 1.22\n" });
    createBareRepo(root, "web", { "index.html": "<p>hi</p>\n" });
    createBareRepo(root, "worker", { "worker.py": "print('work')\n" });
    fixtureGit(root, ["init", "--quiet", "--bare", "--initial-branch=main", "--template=", path.join(root, "empty.git")]);
  });

  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await tdb?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("registers the local organization, upserts its repositories and queues a scan for each with a HEAD", async () => {
    const result = (await syncSource.handle({ local: { name: "acme", path: root } }, ctx())) as { orgId: string; scansQueued: number; repositories: number };
    orgId = result.orgId;
    expect(result).toMatchObject({ repositories: 4, removed: 0, scansQueued: 3 });
    const org = await tdb.db.org.findUniqueOrThrow({ where: { id: orgId } });
    expect(org).toMatchObject({ sourceKind: "LOCAL", login: "acme", localPath: root });
    expect(org.lastSyncedAt).not.toBeNull();
    const repos = await tdb.db.repository.findMany({ where: { orgId }, orderBy: { name: "asc" } });
    expect(repos.map((r) => [r.name, r.fullName, r.defaultBranch, r.headSha !== null])).toEqual([
      ["api", "acme/api", "main", true],
      ["empty", "acme/empty", "main", false],
      ["web", "acme/web", "main", true],
      ["worker", "acme/worker", "main", true],
    ]);
    const scans = await tdb.db.scan.findMany({ where: { repository: { orgId } } });
    expect(scans).toHaveLength(3);
    expect(scans.every((s) => s.status === "QUEUED" && s.trigger === "SYNC" && s.jobId)).toBe(true);
    const jobs = await boss.findJobs(scanRepo.name, { queued: true });
    expect(jobs.map((j) => j.id).sort()).toEqual(scans.map((s) => s.jobId).sort());
  });

  it("is idempotent: syncing again while scans are queued queues nothing", async () => {
    const again = await syncSource.handle({ orgId }, ctx());
    expect(again).toMatchObject({ repositories: 4, scansQueued: 0 });
    expect(await tdb.db.scan.count({ where: { repository: { orgId } } })).toBe(3);
  });

  it("queues nothing once every HEAD is scanned, then only what changed; marks removed repositories", async () => {
    expect(await runQueuedScans()).toBe(3);
    expect(await tdb.db.scan.count({ where: { repository: { orgId }, status: "DONE" } })).toBe(3);
    expect(await syncSource.handle({ orgId }, ctx())).toMatchObject({ scansQueued: 0 });

    commitFiles(path.join(root, "api"), { "README.md": "# api\n" });
    renameSync(path.join(root, "worker.git"), path.join(root, ".worker.git.removed")); // hidden: not a repository of the source
    const result = await syncSource.handle({ orgId }, ctx());
    expect(result).toMatchObject({ repositories: 3, removed: 1, scansQueued: 1 });
    const removed = await tdb.db.repository.findFirstOrThrow({ where: { orgId, name: "worker" } });
    expect(removed.removedAt).not.toBeNull();
    expect(await tdb.db.scan.count({ where: { repositoryId: removed.id } })).toBe(1); // history kept
    expect(await runQueuedScans()).toBe(1);

    renameSync(path.join(root, ".worker.git.removed"), path.join(root, "worker.git"));
    expect(await syncSource.handle({ orgId }, ctx())).toMatchObject({ removed: 0, scansQueued: 0 });
    expect((await tdb.db.repository.findFirstOrThrow({ where: { orgId, name: "worker" } })).removedAt).toBeNull();
  });

  it("a new scanner or rule-set version makes every repository due again", async () => {
    expect(await listRepositoriesNeedingScan(tdb.db, orgId, SCANNER)).toEqual([]);
    const due = await listRepositoriesNeedingScan(tdb.db, orgId, { ...SCANNER, rulesVersion: "next" });
    expect(due).toHaveLength(3);
  });

  it("fails for good on an unknown organization", async () => {
    await expect(syncSource.handle({ orgId: "missing" }, ctx())).rejects.toMatchObject({ code: "NOT_FOUND", retryable: false });
    expect(syncSource.schema.safeParse({ local: { name: "x", path: "relative" } }).success).toBe(false);
    expect(syncSource.schema.safeParse({ orgId: "a", local: { name: "x", path: "/x" } }).success).toBe(false);
  });

  it("sync-all-sources fans out one sync per organization, closes abandoned scans and deletes expired sessions", async () => {
    const repo = await tdb.db.repository.findFirstOrThrow({ where: { orgId, name: "web" } });
    const old = new Date(Date.now() - 3 * 3600_000);
    const abandoned = await tdb.db.scan.create({ data: { repositoryId: repo.id, status: "SCANNING", queuedAt: old, startedAt: old, jobId: "6f1c1f5e-0000-4000-8000-000000000000" } });
    // sign-in sessions: the expired ones (also the one expiring right now) go, the live one stays
    const user = await tdb.db.user.create({ data: { githubId: 4242n, login: "sessions-user" } });
    const at = (ms: number) => new Date(Date.now() + ms);
    await tdb.db.session.createMany({
      data: [
        { id: "expired-long-ago", userId: user.id, expiresAt: at(-30 * 86_400_000) },
        { id: "expired-just-now", userId: user.id, expiresAt: at(-1) },
        { id: "still-valid", userId: user.id, expiresAt: at(86_400_000) },
      ],
    });
    const result = await syncAllSources.handle({}, ctx());
    expect(result).toMatchObject({ orgs: 1, syncsQueued: 1, abandonedScans: 1, expiredSessions: 2 });
    expect((await tdb.db.session.findMany({ select: { id: true } })).map((s) => s.id)).toEqual(["still-valid"]);
    expect(await tdb.db.scan.findUniqueOrThrow({ where: { id: abandoned.id } })).toMatchObject({ status: "FAILED", error: "abandoned: its job no longer exists" });
    const queued = await boss.findJobs(syncSource.name, { queued: true });
    expect(queued.map((j) => j.data)).toEqual([{ orgId }]);
    // the same fan-out again is deduplicated by the singleton key
    expect(await syncAllSources.handle({}, ctx())).toMatchObject({ syncsQueued: 0, expiredSessions: 0 });
  });
});
