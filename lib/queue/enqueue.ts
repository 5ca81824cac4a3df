// Sending jobs. The payload is validated with the job's own schema before it is queued (a producer
// bug fails at the call, not later in a worker), and the job's singleton key makes repeated sends
// of the same work a no-op while the first is pending.
import { fromPrisma, type PgBoss } from "pg-boss";
import type { Prisma } from "../db/generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { queueOptions, type JobDefinition, type JobSpec } from "./define-job.ts";

export type AnyJob = JobDefinition<any>;
export type AnyJobSpec = JobSpec<any>;

export interface EnqueueOptions {
  /** Send inside this Prisma transaction: the job exists only if the transaction commits. */
  tx?: Prisma.TransactionClient;
  /** Run no earlier than this. */
  startAfter?: Date;
  /** Job id (uuid) chosen by the caller. */
  id?: string;
}

/** Creates (or updates) every job's queue with its current retry/expiry policy. Idempotent. */
export async function ensureQueues(boss: PgBoss, jobs: readonly AnyJobSpec[]): Promise<void> {
  for (const job of jobs) {
    const options = queueOptions(job);
    await boss.createQueue(job.name, options); // ON CONFLICT DO NOTHING inside pg-boss
    const { policy: _policy, ...mutable } = options;
    await boss.updateQueue(job.name, mutable);
  }
}

/**
 * Queues a job. Returns its id, or null when an equivalent job (same singleton key) is already
 * queued, so nothing new was queued.
 */
export async function enqueue<P>(boss: PgBoss, job: JobSpec<P>, payload: P, options: EnqueueOptions = {}): Promise<string | null> {
  const parsed = job.schema.safeParse(payload);
  if (!parsed.success) {
    throw new AppError("VALIDATION", `invalid payload for job ${job.name}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"} ${i.message}`).join("; ")}`);
  }
  const data = parsed.data as object;
  const group = job.group?.(parsed.data);
  return boss.send(job.name, data, {
    ...(job.singletonKey ? { singletonKey: job.singletonKey(parsed.data) } : {}),
    ...(group ? { group: { id: group } } : {}),
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.id ? { id: options.id } : {}),
    ...(options.tx ? { db: fromPrisma(options.tx) } : {}),
  });
}
