// bin/worker.ts and bin/scheduler.ts as real processes against a real PostgreSQL: environment
// validation, a missing queue schema, and the whole pipeline on a local source (scheduler → sync →
// scans) including hostile repositories, two schedulers at once, and SIGTERM → exit 0.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitFiles, createBareRepo, createWorkRepo, makeTempDir } from "../lib/git/testing/make-repo.ts";
import { syncSource } from "../lib/jobs/sync-source.ts";
import { createBoss, QUEUE_SCHEMA, startBoss } from "../lib/queue/boss.ts";
import { enqueue } from "../lib/queue/enqueue.ts";
import { eventually, spawnEntry, type SpawnedProcess } from "../lib/queue/testing/spawn-process.ts";
import { createTestDatabase, REPO_ROOT, type TestDatabase } from "../lib/queue/testing/test-database.ts";
import { createScratchDatabase } from "../test/support/scratch-db.ts";

const WORKER = path.join(REPO_ROOT, "bin/worker.ts");
const SCHEDULER = path.join(REPO_ROOT, "bin/scheduler.ts");
const KB = 1024;

function rssKb(pid: number): number {
  return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" }).trim());
}

describe.each([
  ["worker", WORKER],
  ["scheduler", SCHEDULER],
])("bin/%s.ts environment validation", (name, entry) => {
  it("exits non-zero with one line naming DATABASE_URL when it is malformed", async () => {
    const p = spawnEntry(entry, { DATABASE_URL: "not-a-url" });
    const exit = await p.exited;
    expect(exit.code).not.toBe(0);
    const lines = p.stderr().split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("DATABASE_URL");
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "fatal", process: name, variable: "DATABASE_URL" });
    expect(p.lines).toEqual([]);
  });

  it("exits non-zero naming the variable when a limit is malformed", async () => {
    const p = spawnEntry(entry, { DATABASE_URL: "postgresql://u@127.0.0.1:1/x", WORKER_CONCURRENCY: "lots" });
    expect((await p.exited).code).not.toBe(0);
    expect(p.stderr().trim().split("\n")).toHaveLength(1);
    expect(p.stderr()).toContain("WORKER_CONCURRENCY");
  });
});

describe("worker and scheduler processes on a local source", () => {
  let tdb: TestDatabase;
  let boss: PgBoss;
  let root: string;
  let workDir: string;
  const running: SpawnedProcess[] = [];
  let env: Record<string, string>;

  const spawn = (entry: string, extra: Record<string, string> = {}) => {
    const p = spawnEntry(entry, { ...env, ...extra });
    running.push(p);
    return p;
  };
  const finalScans = () => tdb.db.scan.findMany({ where: { status: { in: ["DONE", "SKIPPED", "FAILED"] } }, include: { repository: true } });

  beforeAll(async () => {
    tdb = await createTestDatabase("tf_procs");
    boss = await startBoss(createBoss(tdb.url, "producer"));
    root = makeTempDir("tf-proc-src-");
    workDir = makeTempDir("tf-proc-work-");
    createWorkRepo(path.join(root, "service"), {
      "package.json": JSON.stringify({ name: "service", scripts: { start: "node server.js" } }),
      "server.js": "require('http').createServer((q, s) => s.end('ok')).listen(process.env.PORT);\n",
    });
    createBareRepo(root, "hostile", {
      "app.py": "print('hi')\n",
      "escape": { symlink: "/etc/shadow" },
      "blob.bin": Buffer.alloc(200 * KB, 1),
      ".gitmodules": '[submodule "x"]\n\tpath = x\n\turl = http://10.255.255.1:9/x.git\n',
      "x": { gitlink: "0123456789abcdef0123456789abcdef01234567" },
    });
    const many: Record<string, string> = {};
    for (let i = 0; i < 60; i++) many[`f${i}.txt`] = `${i}\n`;
    createBareRepo(root, "many", many);
    env = {
      DATABASE_URL: tdb.url,
      LOG_LEVEL: "info",
      SCAN_WORK_DIR: workDir,
      CLONE_MAX_BLOB_BYTES: String(100 * KB),
      CLONE_MAX_FILES: "40",
      WORKER_CONCURRENCY: "2",
      SHUTDOWN_GRACE_SECONDS: "10",
      LOCAL_SOURCES: `acme=${root}`,
    };
  });

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await boss?.stop({ graceful: false });
    await tdb?.drop();
    for (const d of [root, workDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it("refuses to start against a database whose queue schema is not installed", async () => {
    const bare = await createScratchDatabase("tf_noqueue");
    try {
      const p = spawnEntry(WORKER, { DATABASE_URL: bare.url });
      expect((await p.exited).code).toBe(1);
      expect(p.lines.join("\n")).toContain(`queue schema \\"${QUEUE_SCHEMA}\\" is not installed: run \`npm run db:migrate\``);
    } finally {
      await bare.drop();
    }
  });

  it("treats a duplicate SIGTERM (npm run / timeout forwarding) as one and still exits 0", async () => {
    const worker = spawn(WORKER);
    await worker.waitForLine(/"msg":"worker ready"/);
    worker.child.kill("SIGTERM");
    worker.child.kill("SIGTERM");
    expect((await worker.exited).code).toBe(0);
    expect(worker.lines.some((l) => l.includes("forced to exit"))).toBe(false);
  });

  it("the scheduler refuses a malformed SYNC_CRON, naming it", async () => {
    const p = spawn(SCHEDULER, { SYNC_CRON: "every day at 3", LOCAL_SOURCES: "" });
    expect((await p.exited).code).toBe(1);
    expect(p.lines.join("\n")).toMatch(/"msg":"scheduler failed to start"/);
    expect(p.lines.join("\n")).toContain("SYNC_CRON");
  });

  it("syncs the source, scans every repository, records limits and skips, keeps going, and stops on SIGTERM", async () => {
    const spawnedAt = Date.now();
    const worker = spawn(WORKER);
    await worker.waitForLine(/"msg":"worker ready"/);
    const readyMs = Date.now() - spawnedAt;
    await new Promise((r) => setTimeout(r, 2000));
    const idleRss = rssKb(worker.pid);
    console.info(`[measure] worker start → ready: ${readyMs} ms; idle RSS ${(idleRss / 1024).toFixed(0)} MB`);

    // Two schedulers at once: one schedule row, one sync of the local source.
    const s1 = spawn(SCHEDULER);
    const s2 = spawn(SCHEDULER);
    await Promise.all([s1.waitForLine(/"msg":"scheduler ready"/), s2.waitForLine(/"msg":"scheduler ready"/)]);
    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron, s.timezone]).sort()).toEqual([
      ["sync-all-sources", "0 3 * * *", "UTC"],
      ["weekly-digests", "0 8 * * 1", "UTC"],
    ]);

    const scans = await eventually(async () => {
      const done = await finalScans();
      return done.length >= 3 && done;
    }, 90_000, 250);
    const by = Object.fromEntries(scans.map((s) => [s.repository.name, s]));
    expect(Object.keys(by).sort()).toEqual(["hostile", "many", "service"]);
    expect(by.service!.status).toBe("DONE");
    expect(by.hostile!.status).toBe("DONE");
    expect((by.hostile!.skipped as { clone: { skippedFiles: unknown[] } }).clone.skippedFiles).toEqual(
      expect.arrayContaining([
        { path: "escape", reason: "symlink" },
        { path: "blob.bin", reason: "too-large" },
        { path: "x", reason: "submodule" },
      ]),
    );
    expect(by.many).toMatchObject({ status: "SKIPPED", error: "repository refused: 60 files, over the 40 file cap" });
    // Both schedulers queued the local source's sync; the singleton key keeps at most one waiting,
    // and a second run is idempotent: one scan per repository either way.
    const syncJobs = await boss.findJobs(syncSource.name);
    expect(syncJobs.length).toBeGreaterThanOrEqual(1);
    expect(syncJobs.length).toBeLessThanOrEqual(2);
    await eventually(async () => (await boss.findJobs(syncSource.name, { queued: true })).length === 0, 30_000);
    expect(await tdb.db.scan.count()).toBe(3);

    // Every job log line carries the job id.
    const jobLines = worker.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.job);
    expect(jobLines.length).toBeGreaterThan(0);
    expect(jobLines.every((l) => typeof l.jobId === "string")).toBe(true);

    // The worker keeps going after the hostile ones: a new commit is picked up by the next sync.
    commitFiles(path.join(root, "service"), { "README.md": "# service\n" });
    const org = await tdb.db.org.findFirstOrThrow({ where: { login: "acme" } });
    await enqueue(boss, syncSource, { orgId: org.id });
    await eventually(async () => (await tdb.db.scan.count({ where: { repository: { name: "service" }, status: "DONE" } })) === 2, 60_000, 250);

    for (const p of [s1, s2, worker]) p.child.kill("SIGTERM");
    const exits = await Promise.all([s1.exited, s2.exited, worker.exited]);
    expect(exits.map((e) => e.code)).toEqual([0, 0, 0]);
    expect(worker.lines.some((l) => l.includes('"msg":"worker exited cleanly"'))).toBe(true);
  }, 180_000);
});
