// The worker process's runtime: consumes every registered job, and stops disposably (factor IX).
//
// Shutdown (stop()), with pg-boss 12's semantics verified in lib/queue/worker.test.ts:
// 1. `boss.stop({ graceful: true, close: false, timeout })`: every work() loop stops fetching at
//    once, and pg-boss waits up to `timeout` for the running handlers to return.
// 2. At the deadline pg-boss fails each job still running ("pg-boss shut down while active"): it
//    goes back to `retry` if it has retries left, else to `failed`; then it aborts job.signal.
//    Handlers react to the signal (kill git, stop the scanner, put the Scan back to QUEUED).
// 3. Hand-back: that fail counted as an attempt and set a backoff delay, although the job did not
//    fail. For each job interrupted this way we give the attempt back (retryLimit + 1; a `failed`
//    job goes back through `retry()`) and make it due now, so another worker picks it up at once.
// 4. The pool closes; the caller closes Prisma and exits 0.
// An attempt running past expireInSeconds is failed (→ retry) and its signal aborted by the worker
// that runs it, on its own timer (not by supervision); that worker fetches nothing more until the
// handler returns, so handlers must honour job.signal.
// A worker that dies without stop() (SIGKILL, OOM) leaves its jobs `active`; jobs with
// heartbeatSeconds are failed (→ retry, with the queue's backoff) by supervision in any live
// instance once the heartbeat is that old (measured: ~15 s with heartbeat 10 s and supervision
// every 10 s), jobs without one only when expireInSeconds passes.
import type { JobWithMetadata, PgBoss } from "pg-boss";
import type { Logger } from "pino";
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import type { Env } from "../env.ts";
import { errorMessage } from "../errors.ts";
import { sweepStaleClones } from "../git/safe-clone.ts";
import type { OrgSourceFields } from "../sources/source-for-org.ts";
import type { Source } from "../sources/source.ts";
import { createBoss, logBossEvents, startBoss } from "./boss.ts";
import { ensureQueues, type AnyJob } from "./enqueue.ts";
import { runJob } from "./run-job.ts";

/** How often an idle worker polls each queue (LISTEN/NOTIFY wakes it sooner when a job arrives). */
const POLLING_INTERVAL_SECONDS = 2;
/** After the grace period, how long interrupted handlers get to clean up (kill git, requeue the scan). */
const ABORT_CLEANUP_MS = 5_000;
/** Clone directories older than this were left by a worker that died (a scan never runs this long). */
const STALE_CLONE_MS = 3 * 3600_000;

export interface WorkerDeps {
  env: Env;
  log: Logger;
  db: PrismaClient;
  jobs: readonly AnyJob[];
  /** The Source behind an organization (injected so a forge can be swapped, e.g. in tests). */
  sourceFor: (org: OrgSourceFields) => Source;
}

export interface RunningWorker {
  boss: PgBoss;
  /** Jobs running right now (ids). */
  inFlight(): string[];
  /** Stop fetching, finish or hand back running jobs within SHUTDOWN_GRACE_SECONDS, close the queue pool. */
  stop(): Promise<void>;
}

interface InFlight {
  name: string;
  promise: Promise<unknown>;
}

/** The part of the grace period spent waiting for running jobs; the rest is for hand-back and closing. */
export function inFlightWaitMs(graceSeconds: number): number {
  const graceMs = graceSeconds * 1000;
  return Math.max(1000, graceMs - Math.min(5000, graceMs * 0.2));
}

export async function startWorker(deps: WorkerDeps): Promise<RunningWorker> {
  const { env, log, db, jobs } = deps;
  const swept = await sweepStaleClones(env.SCAN_WORK_DIR, STALE_CLONE_MS);
  if (swept > 0) log.info({ removed: swept }, "removed clone directories left by a dead worker");
  const boss = createBoss(env.DATABASE_URL, "worker");
  logBossEvents(boss, log);
  await startBoss(boss);
  await ensureQueues(boss, jobs);

  let stopping = false;
  const inFlight = new Map<string, InFlight>();
  const interrupted: { name: string; id: string }[] = [];

  for (const def of jobs) {
    const localConcurrency = def.concurrency === "worker" ? env.WORKER_CONCURRENCY : def.concurrency;
    await boss.work(
      def.name,
      {
        batchSize: 1,
        localConcurrency,
        ...(def.groupConcurrency ? { groupConcurrency: def.groupConcurrency(env) } : {}),
        includeMetadata: true,
        perJobResults: true,
        pollingIntervalSeconds: POLLING_INTERVAL_SECONDS,
        // NOTIFY only announces new jobs, not retries whose backoff ran out: keep polling as often.
        notifyPollingIntervalSeconds: POLLING_INTERVAL_SECONDS,
      },
      async (batch: JobWithMetadata<unknown>[]) => {
        const job = batch[0]!;
        const promise = runJob(def, job, {
          db,
          boss,
          env,
          log,
          sourceFor: deps.sourceFor,
          shuttingDown: () => stopping,
        });
        inFlight.set(job.id, { name: def.name, promise });
        try {
          return [await promise];
        } finally {
          inFlight.delete(job.id);
          if (stopping && job.signal.aborted) interrupted.push({ name: def.name, id: job.id });
        }
      },
    );
  }
  log.info({ queues: jobs.map((j) => j.name), concurrency: env.WORKER_CONCURRENCY }, "worker consuming");

  return {
    boss,
    inFlight: () => [...inFlight.keys()],
    async stop() {
      if (stopping) return;
      stopping = true;
      const waitMs = inFlightWaitMs(env.SHUTDOWN_GRACE_SECONDS);
      log.info({ inFlight: [...inFlight.keys()], waitMs }, "worker stopping: no new jobs, waiting for running ones");
      await boss.stop({ graceful: true, close: false, timeout: waitMs });
      // Handlers pg-boss aborted at the deadline are cleaning up; give them a moment.
      const pending = [...inFlight.values()].map((f) => f.promise.catch(() => undefined));
      if (pending.length > 0) {
        await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, ABORT_CLEANUP_MS).unref())]);
      }
      for (const { name, id } of interrupted) {
        await handBack(boss, name, id, log).catch((err) => log.error({ jobId: id, err: errorMessage(err) }, "hand-back failed; the job will retry after its backoff"));
      }
      await boss.stop({ close: true });
      log.info({ handedBack: interrupted.map((j) => j.id) }, "worker stopped");
    },
  };
}

/** Gives an interrupted job its attempt back and makes it due now (see the header). */
async function handBack(boss: PgBoss, name: string, id: string, log: Logger): Promise<void> {
  const [job] = await boss.findJobs(name, { id });
  if (!job) return;
  if (job.state === "retry" || job.state === "created") {
    await boss.update(name, undefined, { id, startAfter: new Date(), retryLimit: job.retryLimit + 1 });
  } else if (job.state === "failed") {
    await boss.retry(name, id);
  } else {
    return; // completed, cancelled, or already picked up again
  }
  log.info({ job: name, jobId: id, state: job.state }, "job handed back to the queue");
}
