// Test-only: a JobContext for calling a job's handler in-process.
import { randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";
import type { PrismaClient } from "../../db/generated/prisma/client.ts";
import type { Env } from "../../env.ts";
import { createLogger } from "../../log.ts";
import { sourceForOrg } from "../../sources/source-for-org.ts";
import type { JobContext } from "../define-job.ts";

export function testJobContext(base: { db: PrismaClient; boss: PgBoss; env: Env }, overrides: Partial<JobContext> = {}): JobContext {
  return {
    jobId: randomUUID(),
    attempt: 1,
    isLastAttempt: false,
    signal: new AbortController().signal,
    shuttingDown: () => false,
    log: createLogger("silent"),
    sourceFor: sourceForOrg,
    ...base,
    ...overrides,
  };
}
