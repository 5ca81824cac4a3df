// The job runtime against a real PostgreSQL and real pg-boss 12: payload validation, retry vs
// permanent failure, and what stop() really does to running jobs (finish within the grace period,
// or be failed by pg-boss, aborted, and handed back by us with the attempt restored).
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { sourceForOrg } from "../sources/source-for-org.ts";
import { createBoss, startBoss } from "./boss.ts";
import { defineJob } from "./define-job.ts";
import { enqueue, ensureQueues } from "./enqueue.ts";
import { eventually } from "./testing/spawn-process.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";
import { inFlightWaitMs, startWorker, type RunningWorker } from "./worker.ts";

const log = createLogger("silent");
const attemptsSeen = new Map<string, number>();
const aborted = new Set<string>();

const echo = defineJob({
  name: "test-echo",
  schema: z.object({ n: z.number().int() }),
  retryLimit: 2,
  retryDelaySeconds: 1,
  retryBackoff: false,
  expireInSeconds: 60,
  policy: "standard",
  concurrency: 1,
  handle: async (p) => ({ doubled: p.n * 2 }),
});

const flaky = defineJob({
  name: "test-flaky",
  schema: z.object({ key: z.string() }),
  retryLimit: 3,
  retryDelaySeconds: 1,
  retryBackoff: false,
  expireInSeconds: 60,
  policy: "standard",
  concurrency: 1,
  handle: async (p, ctx) => {
    attemptsSeen.set(p.key, ctx.attempt);
    if (ctx.attempt < 3) throw new Error(`transient failure ${ctx.attempt}`);
    return { attempt: ctx.attempt, last: ctx.isLastAttempt };
  },
});

const permanent = defineJob({
  name: "test-permanent",
  schema: z.object({}),
  retryLimit: 3,
  retryDelaySeconds: 1,
  retryBackoff: false,
  expireInSeconds: 60,
  policy: "standard",
  concurrency: 1,
  handle: async () => {
    throw new AppError("VALIDATION", "this input can never work");
  },
});

function slowJob(name: string, retryLimit: number) {
  return defineJob({
    name,
    schema: z.object({ ms: z.number(), key: z.string() }),
    retryLimit,
    retryDelaySeconds: 60, // a retry after a real failure waits a minute; a hand-back must not
    retryBackoff: true,
    expireInSeconds: 120,
    policy: "standard",
    concurrency: 2,
    handle: (p, ctx) =>
      new Promise((resolve, reject) => {
        attemptsSeen.set(p.key, ctx.attempt);
        const onAbort = () => {
          clearTimeout(timer);
          aborted.add(p.key);
          reject(new AppError("ABORTED", "slow job aborted"));
        };
        const timer = setTimeout(() => {
          ctx.signal.removeEventListener("abort", onAbort);
          resolve({ slept: p.ms, attempt: ctx.attempt });
        }, p.ms);
        ctx.signal.addEventListener("abort", onAbort, { once: true });
      }),
  });
}
const slow = slowJob("test-slow", 2);
const slowLastAttempt = slowJob("test-slow-once", 0);
const expiring = { ...slowJob("test-expiring", 1), expireInSeconds: 2 };
const JOBS = [echo, flaky, permanent, slow, slowLastAttempt, expiring];

describe("worker runtime (pg-boss 12, real PostgreSQL)", () => {
  let tdb: TestDatabase;
  let producer: PgBoss;
  const workers: RunningWorker[] = [];

  const env = (grace: number) => parseEnv({ DATABASE_URL: tdb.url, WORKER_CONCURRENCY: "2", SHUTDOWN_GRACE_SECONDS: String(grace) });
  async function worker(grace = 20) {
    const w = await startWorker({ env: env(grace), log, db: tdb.db, jobs: JOBS, sourceFor: sourceForOrg });
    workers.push(w);
    return w;
  }
  const job = async (name: string, id: string) => (await producer.findJobs(name, { id }))[0]!;

  beforeAll(async () => {
    tdb = await createTestDatabase("tf_queue");
    producer = await startBoss(createBoss(tdb.url, "producer"));
    await ensureQueues(producer, JOBS);
  });

  afterAll(async () => {
    for (const w of workers) await w.stop().catch(() => undefined);
    await producer?.stop({ graceful: false });
    await tdb?.drop();
  });

  it("rejects an invalid payload at enqueue time", async () => {
    await expect(enqueue(producer, echo, { n: "x" as unknown as number })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("completes good jobs, fails bad payloads and permanent errors without retry, retries transient errors", async () => {
    const w = await worker();
    const ok = (await enqueue(producer, echo, { n: 21 }))!;
    const bad = (await producer.send(echo.name, { n: "not a number" }))!; // an old/foreign producer
    const perm = (await enqueue(producer, permanent, {}))!;
    const retried = (await enqueue(producer, flaky, { key: "flaky-1" }))!;

    const done = await eventually(async () => {
      const j = await job(echo.name, ok);
      return j.state === "completed" && j;
    });
    expect(done.output).toEqual({ doubled: 42 });

    const badJob = await eventually(async () => {
      const j = await job(echo.name, bad);
      return j.state === "failed" && j;
    });
    expect(badJob.retryCount).toBe(0);
    expect(badJob.output).toMatchObject({ error: "invalid payload", issues: [{ path: "n" }] });

    const permJob = await eventually(async () => {
      const j = await job(permanent.name, perm);
      return j.state === "failed" && j;
    });
    expect(permJob.retryCount).toBe(0);
    expect(permJob.output).toMatchObject({ error: "this input can never work", code: "VALIDATION" });

    const flakyJob = await eventually(async () => {
      const j = await job(flaky.name, retried);
      return j.state === "completed" && j;
    }, 30_000);
    expect(flakyJob.retryCount).toBe(2);
    expect(flakyJob.output).toEqual({ attempt: 3, last: false });
    await w.stop();
  });

  it("expiry: an attempt running past expireInSeconds is failed (→ retry) and its signal aborted by the worker itself", async () => {
    const w = await worker(20);
    const id = (await enqueue(producer, expiring, { ms: 60_000, key: "expires" }))!;
    await eventually(async () => w.inFlight().includes(id));
    const started = Date.now();
    await eventually(async () => aborted.has("expires"), 15_000, 50);
    const abortedAfter = Date.now() - started;
    expect(abortedAfter).toBeGreaterThan(1_000);
    expect(abortedAfter).toBeLessThan(6_000);
    const j = await eventually(async () => {
      const job_ = await job(expiring.name, id);
      return job_.state === "retry" && job_;
    }, 10_000);
    expect(j.retryCount).toBe(0);
    console.info(`[measure] expireInSeconds=2: handler aborted after ${abortedAfter} ms; job → ${j.state}`);
    await producer.cancel(expiring.name, id);
    await w.stop();
  });

  it("stop(): a running job that finishes within the grace period completes; nothing is handed back", async () => {
    const w = await worker(10);
    const id = (await enqueue(producer, slow, { ms: 1500, key: "finishes" }))!;
    await eventually(async () => w.inFlight().includes(id));
    const started = Date.now();
    await w.stop();
    expect(Date.now() - started).toBeLessThan(inFlightWaitMs(10));
    const j = await job(slow.name, id);
    expect(j.state).toBe("completed");
    expect(j.retryCount).toBe(0);
    expect(aborted.has("finishes")).toBe(false);
  });

  it("stop(): a job still running at the deadline is failed and aborted by pg-boss, then handed back with its attempt restored", async () => {
    const w = await worker(1); // waits ~1 s for running jobs
    const id = (await enqueue(producer, slow, { ms: 30_000, key: "handed-back" }))!;
    await eventually(async () => w.inFlight().includes(id));
    const before = await job(slow.name, id);
    const started = Date.now();
    await w.stop();
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(aborted.has("handed-back")).toBe(true);
    const after = await job(slow.name, id);
    // pg-boss's own stop() put it in `retry` with a 60 s+ backoff and one attempt used; the hand-back
    // made it due now and gave the attempt back.
    expect(after.state).toBe("retry");
    expect(after.output).toEqual({ value: "pg-boss shut down while active" });
    expect(after.startAfter.getTime()).toBeLessThanOrEqual(Date.now());
    expect(after.retryLimit).toBe(before.retryLimit + 1);

    // Another worker picks it up at once and finishes it: not lost, run to completion once.
    await producer.update(slow.name, { ms: 200, key: "handed-back" }, { id }); // make the rerun short
    const w2 = await worker(20);
    const done = await eventually(async () => {
      const j = await job(slow.name, id);
      return j.state === "completed" && j;
    }, 15_000);
    expect(done.output).toMatchObject({ attempt: 2 });
    await w2.stop();
  });

  it("stop(): a job interrupted on its last attempt (pg-boss fails it for good) is handed back too", async () => {
    const w = await worker(1);
    const id = (await enqueue(producer, slowLastAttempt, { ms: 30_000, key: "last-attempt" }))!;
    await eventually(async () => w.inFlight().includes(id));
    await w.stop();
    const after = await job(slowLastAttempt.name, id);
    expect(after.state).toBe("retry"); // pg-boss alone would have left it `failed`: lost
    expect(after.retryLimit).toBe(1);
    await producer.update(slowLastAttempt.name, { ms: 100, key: "last-attempt" }, { id });
    const w2 = await worker(20);
    await eventually(async () => (await job(slowLastAttempt.name, id)).state === "completed", 15_000);
    await w2.stop();
  });
});
