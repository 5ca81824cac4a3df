// Runs one fetched job through its definition and maps the outcome onto pg-boss:
//   payload does not parse          → failed for good (no retry): it never will parse
//   handler returns                  → completed, with the return value as output
//   handler throws a permanent error → failed for good (AppError with a non-retryable code)
//   handler throws anything else     → thrown back to pg-boss: retried with the queue's backoff
import type { JobResult, JobWithMetadata } from "pg-boss";
import { errorMessage, isAppError, isRetryable } from "../errors.ts";
import type { JobContext, JobDefinition } from "./define-job.ts";

function asOutput(value: unknown): object | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "object" && !Array.isArray(value)) return value;
  return { value };
}

export async function runJob<P>(
  def: JobDefinition<P>,
  job: JobWithMetadata<unknown>,
  ctx: Omit<JobContext, "jobId" | "attempt" | "isLastAttempt" | "signal" | "log"> & { log: JobContext["log"] },
): Promise<JobResult> {
  const attempt = job.retryCount + 1;
  const log = ctx.log.child({ job: def.name, jobId: job.id, attempt });
  const started = Date.now();

  const parsed = def.schema.safeParse(job.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    log.error({ issues }, "job payload invalid: failed without retry");
    return { id: job.id, status: "deadletter", output: { error: "invalid payload", issues } };
  }

  log.info("job started");
  try {
    const result = await def.handle(parsed.data, {
      ...ctx,
      jobId: job.id,
      attempt,
      isLastAttempt: job.retryCount >= job.retryLimit,
      signal: job.signal,
      log,
    });
    log.info({ ms: Date.now() - started }, "job completed");
    return { id: job.id, status: "completed", output: asOutput(result) };
  } catch (err) {
    const message = errorMessage(err);
    const code = isAppError(err) ? err.code : undefined;
    if (!isRetryable(err)) {
      log.warn({ ms: Date.now() - started, err: message, code }, "job failed without retry");
      return { id: job.id, status: "deadletter", output: { error: message, code } };
    }
    const willRetry = job.retryCount < job.retryLimit;
    log[willRetry ? "warn" : "error"]({ ms: Date.now() - started, err: message, code, willRetry }, "job attempt failed");
    throw err;
  }
}
