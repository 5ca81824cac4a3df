// Disposability (factor IX) with real worker processes, a real PostgreSQL and a git server made
// deterministically slow: SIGTERM in the middle of a scan-repo job. The worker runs the same
// runtime as bin/worker.ts (startWorker + runUntilSignal), with the fake forge serving GITHUB-kind
// organizations over HTTP with a token (lib/queue/testing/fake-forge-worker.ts).
import { rmSync } from "node:fs";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGitHttpServer, type GitHttpServer } from "../git/testing/git-http-server.ts";
import { createBareRepo, makeTempDir } from "../git/testing/make-repo.ts";
import { enqueueScan } from "../jobs/enqueue-scan.ts";
import { scanRepo } from "../jobs/scan-repo.ts";
import { createBoss, startBoss } from "./boss.ts";
import { eventually, spawnEntry, type SpawnedProcess } from "./testing/spawn-process.ts";
import { createTestDatabase, REPO_ROOT, type TestDatabase } from "./testing/test-database.ts";
import { fakeGithubToken } from "../scanner/testing/fake-secrets.ts";

const ENTRY = path.join(REPO_ROOT, "lib/queue/testing/fake-forge-worker.ts");
const TOKEN = fakeGithubToken("ghs", "FakeForgeToken0123456789abcdefABCDEF");

describe("graceful shutdown of a worker in the middle of a scan", () => {
  let tdb: TestDatabase;
  let producer: PgBoss;
  let server: GitHttpServer;
  let served: string;
  let workDir: string;
  let orgId: string;
  const running: SpawnedProcess[] = [];

  function startWorker(graceSeconds: number, args: string[] = []) {
    const p = spawnEntry(ENTRY, {
      DATABASE_URL: tdb.url,
      SHUTDOWN_GRACE_SECONDS: String(graceSeconds),
      WORKER_CONCURRENCY: "1",
      SCAN_WORK_DIR: workDir,
      LOG_LEVEL: "info",
    }, [`--token=${TOKEN}`, ...args]);
    running.push(p);
    return p;
  }

  async function newRepository(name: string) {
    createBareRepo(served, name, {
      "package.json": JSON.stringify({ name, scripts: { start: "node index.js" } }),
      "index.js": "require('http').createServer((q, s) => s.end('ok')).listen(process.env.PORT);\n",
    });
    return tdb.db.repository.create({
      data: { orgId, externalId: name, name, fullName: `fake/${name}`, cloneUrl: `${server.url}/${name}.git`, defaultBranch: "main" },
    });
  }

  const scanStatus = async (id: string) => (await tdb.db.scan.findUniqueOrThrow({ where: { id } })).status;
  const jobOf = async (id: string) => (await producer.findJobs(scanRepo.name, { id }))[0]!;

  beforeAll(async () => {
    tdb = await createTestDatabase("tf_shutdown");
    served = makeTempDir("tf-forge-");
    workDir = makeTempDir("tf-shutdown-work-");
    server = await startGitHttpServer({ projectRoot: served, token: TOKEN });
    producer = await startBoss(createBoss(tdb.url, "producer"));
    orgId = (await tdb.db.org.create({ data: { sourceKind: "GITHUB", login: "fake", name: "Fake Forge" } })).id;
  });

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await producer?.stop({ graceful: false });
    await server?.close();
    await tdb?.drop();
    for (const d of [served, workDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it("lets a job that can finish within the grace period finish, then exits 0", async () => {
    const repo = await newRepository("finishes");
    server.setUploadPackDelay(1500); // the clone takes ~3 s (two upload-pack requests)
    const worker = startWorker(25);
    await worker.waitForLine(/"msg":"worker ready"/);
    const { scanId, jobId } = (await enqueueScan(tdb.db, producer, { repositoryId: repo.id, trigger: "MANUAL" }))!;
    await eventually(async () => (await scanStatus(scanId)) === "CLONING", 30_000, 50);
    const signalledAt = Date.now();
    worker.child.kill("SIGTERM");
    const exit = await worker.exited;
    expect(exit.code).toBe(0);
    expect(exit.atMs - signalledAt).toBeLessThan(25_000);
    expect(exit.atMs - signalledAt).toBeGreaterThan(500); // it did wait for the job
    expect(await scanStatus(scanId)).toBe("DONE");
    expect((await jobOf(jobId)).state).toBe("completed");
    expect(await tdb.db.factorResult.count({ where: { scanId } })).toBe(12);
    expect(worker.lines.some((l) => l.includes('"msg":"scan stored"') && l.includes(`"jobId":"${jobId}"`))).toBe(true);
    expect(worker.lines.join("\n")).not.toContain(TOKEN);
    console.info(`[measure] SIGTERM → exit with a job finishing: ${exit.atMs - signalledAt} ms`);
  });

  it("hands a job that cannot finish in time back to the queue, exits 0 within the grace period, and another worker completes it once", async () => {
    const repo = await newRepository("handed-back");
    server.setUploadPackDelay(8000); // the clone would take ~16 s; the grace period is 2 s
    const a = startWorker(2);
    await a.waitForLine(/"msg":"worker ready"/);
    const { scanId, jobId } = (await enqueueScan(tdb.db, producer, { repositoryId: repo.id, trigger: "MANUAL" }))!;
    await eventually(async () => (await scanStatus(scanId)) === "CLONING", 30_000, 50);
    const signalledAt = Date.now();
    a.child.kill("SIGTERM");
    const exit = await a.exited;
    expect(exit.code).toBe(0);
    expect(exit.atMs - signalledAt).toBeLessThan(2_000 + 1_500);
    console.info(`[measure] SIGTERM → exit with a job handed back (grace 2 s): ${exit.atMs - signalledAt} ms`);

    const scan = await tdb.db.scan.findUniqueOrThrow({ where: { id: scanId } });
    expect(scan).toMatchObject({ status: "QUEUED", error: "interrupted: the worker shut down; the scan will run again" });
    const job = await jobOf(jobId);
    expect(job.state).toBe("retry");
    expect(job.startAfter.getTime()).toBeLessThanOrEqual(Date.now());
    expect(job.retryLimit).toBe(scanRepo.retryLimit + 1); // the interrupted attempt was given back
    expect(a.lines.some((l) => l.includes('"msg":"job handed back to the queue"') && l.includes(jobId))).toBe(true);

    server.setUploadPackDelay(0);
    const b = startWorker(20);
    await b.waitForLine(/"msg":"worker ready"/);
    await eventually(async () => (await scanStatus(scanId)) === "DONE", 60_000);
    // the scan row is committed before pg-boss marks the job completed: wait for the queue's side too
    await eventually(async () => (await jobOf(jobId)).state === "completed", 10_000, 50);
    expect(await tdb.db.scan.count({ where: { repositoryId: repo.id } })).toBe(1);
    expect(await tdb.db.factorResult.count({ where: { scan: { repositoryId: repo.id } } })).toBe(12);
    expect(b.lines.some((l) => l.includes('"msg":"job started"') && l.includes(jobId) && l.includes('"attempt":2'))).toBe(true);
    b.child.kill("SIGTERM");
    expect((await b.exited).code).toBe(0);
  });

  it("recovers a job whose worker was killed (SIGKILL): the lost heartbeat fails it and another worker retries it", async () => {
    const repo = await newRepository("crashed");
    server.setUploadPackDelay(8000);
    const a = startWorker(20, ["--heartbeat=10", "--retry-delay=1"]);
    await a.waitForLine(/"msg":"worker ready"/);
    const { scanId, jobId } = (await enqueueScan(tdb.db, producer, { repositoryId: repo.id, trigger: "MANUAL" }))!;
    await eventually(async () => (await scanStatus(scanId)) === "CLONING", 30_000, 50);
    const killedAt = Date.now();
    a.child.kill("SIGKILL");
    await a.exited;
    expect((await jobOf(jobId)).state).toBe("active"); // nobody told the queue

    server.setUploadPackDelay(0);
    const b = startWorker(20, ["--heartbeat=10", "--retry-delay=1"]);
    await b.waitForLine(/"msg":"worker ready"/);
    await eventually(async () => (await scanStatus(scanId)) === "DONE", 90_000, 250);
    const recoveredMs = Date.now() - killedAt;
    console.info(`[measure] SIGKILL → job re-run and stored by another worker: ${recoveredMs} ms (heartbeat 10 s, supervision every 10 s)`);
    await eventually(async () => (await jobOf(jobId)).state === "completed", 10_000, 50);
    const job = await jobOf(jobId);
    expect(job.state).toBe("completed");
    expect(job.retryCount).toBe(1);
    expect(await tdb.db.scan.count({ where: { repositoryId: repo.id } })).toBe(1);
    expect(await tdb.db.factorResult.count({ where: { scan: { repositoryId: repo.id } } })).toBe(12);
    b.child.kill("SIGTERM");
    expect((await b.exited).code).toBe(0);
  }, 150_000);
});
