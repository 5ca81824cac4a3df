// The web process's queue handle for GitHub producers (webhook route, setup route): a pg-boss in
// the "producer" role (sends only), started once per process, with every job's queue ensured.
import type { PgBoss } from "pg-boss";
import { JOB_SPECS } from "../jobs/specs/index.ts";
import { createBoss, logBossEvents, startBoss } from "../queue/boss.ts";
import { ensureQueues } from "../queue/enqueue.ts";
import { loadEnv } from "../env.ts";
import { logger } from "../log.ts";

const holder = globalThis as typeof globalThis & { __twelvefactorGithubProducer?: Promise<PgBoss> };

export function producerBoss(): Promise<PgBoss> {
  holder.__twelvefactorGithubProducer ??= (async () => {
    const boss = createBoss(loadEnv().DATABASE_URL, "producer");
    logBossEvents(boss, logger());
    await startBoss(boss);
    await ensureQueues(boss, JOB_SPECS);
    return boss;
  })().catch((err: unknown) => {
    holder.__twelvefactorGithubProducer = undefined;
    throw err;
  });
  return holder.__twelvefactorGithubProducer;
}
