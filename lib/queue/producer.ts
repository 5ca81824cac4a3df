// The web process's queue producer: one pg-boss instance started on first use (role "producer": sends
// only, no workers, no supervision, no cron), stopped at shutdown. It knows job SPECS only, so the web
// bundle never pulls in the scanner or any handler.
import type { PgBoss } from "pg-boss";
import { loadEnv } from "../env.ts";
import { logger } from "../log.ts";
import { JOB_SPECS } from "../jobs/specs/index.ts";
import { createBoss, logBossEvents, startBoss } from "./boss.ts";
import { ensureQueues } from "./enqueue.ts";

/** Queues the web process may send to (rescans, webhooks, setup), created if no worker has yet. */
const PRODUCED_JOBS = JOB_SPECS;

// On globalThis so Next's dev-mode module reloads reuse the instance instead of leaking one per edit.
const holder = globalThis as typeof globalThis & { __twelvefactorProducer?: Promise<PgBoss> };

/** The started producer (shared; a failed start is forgotten so the next call tries again). */
export function producerBoss(): Promise<PgBoss> {
  if (!holder.__twelvefactorProducer) {
    const starting = (async () => {
      const boss = createBoss(loadEnv().DATABASE_URL, "producer");
      logBossEvents(boss, logger());
      await startBoss(boss);
      await ensureQueues(boss, PRODUCED_JOBS);
      return boss;
    })();
    holder.__twelvefactorProducer = starting;
    starting.catch(() => {
      if (holder.__twelvefactorProducer === starting) holder.__twelvefactorProducer = undefined;
    });
  }
  return holder.__twelvefactorProducer;
}

/** Stops the producer if it was started (idempotent). */
export async function stopProducer(): Promise<void> {
  const starting = holder.__twelvefactorProducer;
  holder.__twelvefactorProducer = undefined;
  if (!starting) return;
  const boss = await starting.catch(() => null);
  await boss?.stop({ graceful: false, close: true });
}
