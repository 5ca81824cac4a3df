// A job: a name, a zod schema for its payload, its retry policy and a handler. One file per job in
// lib/jobs/, listed in lib/jobs/registry.ts. Payloads are `unknown` until parsed (a job may have
// been queued by an older release): a payload that does not parse fails the job for good, a
// handler that throws a retryable error is retried with backoff, a non-retryable AppError fails it
// for good (see run-job.ts).
import type { PgBoss, QueuePolicy } from "pg-boss";
import type { Logger } from "pino";
import type { z } from "zod";
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import type { Env } from "../env.ts";
import type { OrgSourceFields } from "../sources/source-for-org.ts";
import type { Source } from "../sources/source.ts";

export interface JobContext {
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** True when a retryable failure now would fail the job for good. */
  isLastAttempt: boolean;
  /** Aborted when the job expires or the worker hands it back at shutdown: stop and clean up. */
  signal: AbortSignal;
  /** True once the worker is shutting down (an abort then means "handed back", not "timed out"). */
  shuttingDown(): boolean;
  log: Logger;
  db: PrismaClient;
  boss: PgBoss;
  env: Env;
  /** The Source behind an organization (injected: production uses sourceForOrg). */
  sourceFor: (org: OrgSourceFields) => Source;
}

export interface JobDefinition<P = unknown> {
  name: string;
  /** Validates and types the payload. */
  schema: z.ZodType<P, unknown>;
  /** Retries after the first attempt. */
  retryLimit: number;
  /** Seconds before the first retry; doubled per retry (with jitter) when retryBackoff. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  retryDelayMaxSeconds?: number;
  /** Longest an attempt may run; pg-boss then fails it (retry) and aborts its signal. */
  expireInSeconds: number;
  /**
   * Heartbeat interval (≥ 10). The worker refreshes it while the handler runs; if the worker dies,
   * supervision fails the attempt after this long instead of waiting for expireInSeconds.
   */
  heartbeatSeconds?: number;
  /** Completed/failed jobs are kept this long for inspection. */
  deleteAfterSeconds?: number;
  /**
   * pg-boss queue policy. `stately` with a singletonKey: at most one job per key queued and one
   * running, so enqueueing the same work twice is a no-op while the first is pending.
   */
  policy: QueuePolicy;
  singletonKey?: (payload: P) => string;
  /**
   * Fairness group of a job (pg-boss `group`): with groupConcurrency, at most that many jobs of one
   * group run at once across ALL workers (tracked in the database). No group → not limited.
   */
  group?: (payload: P) => string | undefined;
  /** Most jobs of one group running at once across all workers (needs `group`). */
  groupConcurrency?: (env: Env) => number;
  /** Handlers of this job one worker runs at once: "worker" = WORKER_CONCURRENCY. */
  concurrency: "worker" | number;
  handle(payload: P, ctx: JobContext): Promise<unknown>;
}

/**
 * What a producer needs to queue a job: everything but the handler. Specs live in lib/jobs/specs/
 * and import nothing heavy, so the web process and the scheduler can enqueue work without loading
 * the scanner, git or GitHub code that the handlers need.
 */
export type JobSpec<P = unknown> = Omit<JobDefinition<P>, "handle">;

function checkSpec(def: Pick<JobSpec, "name" | "heartbeatSeconds">): void {
  if (def.heartbeatSeconds !== undefined && def.heartbeatSeconds < 10) {
    throw new Error(`job ${def.name}: heartbeatSeconds must be at least 10 (pg-boss minimum)`);
  }
  if (!/^[a-z][a-z0-9-]*$/.test(def.name)) throw new Error(`job name ${def.name} must be kebab-case`);
}

/** Identity function that checks a job spec and infers its payload type from the schema. */
export function defineJobSpec<S extends z.ZodType>(spec: JobSpec<z.output<S>> & { schema: S }): JobSpec<z.output<S>> {
  checkSpec(spec);
  return spec;
}

/** A runnable job: a spec plus the handler the worker calls. */
export function implementJob<P>(spec: JobSpec<P>, handle: (payload: P, ctx: JobContext) => Promise<unknown>): JobDefinition<P> {
  return { ...spec, handle };
}

/** Identity function that checks a job definition and infers its payload type from the schema. */
export function defineJob<S extends z.ZodType>(def: JobDefinition<z.output<S>> & { schema: S }): JobDefinition<z.output<S>> {
  checkSpec(def);
  return def;
}

/** pg-boss queue options for a job definition. */
export function queueOptions(def: JobSpec<never> | JobSpec<unknown>) {
  return {
    policy: def.policy,
    retryLimit: def.retryLimit,
    retryDelay: def.retryDelaySeconds,
    retryBackoff: def.retryBackoff,
    ...(def.retryDelayMaxSeconds !== undefined ? { retryDelayMax: def.retryDelayMaxSeconds } : {}),
    expireInSeconds: def.expireInSeconds,
    ...(def.heartbeatSeconds !== undefined ? { heartbeatSeconds: def.heartbeatSeconds } : {}),
    deleteAfterSeconds: def.deleteAfterSeconds ?? 7 * 24 * 3600,
    notify: true,
  };
}
