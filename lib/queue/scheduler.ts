// The scheduler process's runtime: cron → enqueue, nothing else (factor VI/VIII). The periodic
// sync (SYNC_CRON) and the weekly email digest (REPORT_CRON) are pg-boss schedules (stored in the
// database, fired by whichever scheduler holds the tick's lock), so running two schedulers never
// doubles a tick. On start it also queues a sync of every
// local source declared in LOCAL_SOURCES (deduplicated by the job's singleton key).
import type { PgBoss } from "pg-boss";
import type { Logger } from "pino";
import { localSources, type Env } from "../env.ts";
import { AppError, errorMessage } from "../errors.ts";
import { JOB_SPECS } from "../jobs/specs/index.ts";
import { syncAllSourcesSpec } from "../jobs/specs/sync-all-sources.ts";
import { syncSourceSpec } from "../jobs/specs/sync-source.ts";
import { weeklyDigestsSpec } from "../jobs/specs/weekly-digests.ts";
import { createBoss, logBossEvents, startBoss } from "./boss.ts";
import { enqueue, ensureQueues } from "./enqueue.ts";

/** Schedule key of the periodic sync (one schedule per name + key). */
const SYNC_SCHEDULE_KEY = "sync-cron";
/** Schedule key of the weekly email digest. */
const REPORT_SCHEDULE_KEY = "report-cron";

export interface RunningScheduler {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startScheduler(deps: { env: Env; log: Logger }): Promise<RunningScheduler> {
  const { env, log } = deps;
  const sources = localSources(env); // throws EnvError naming LOCAL_SOURCES when malformed
  const boss = createBoss(env.DATABASE_URL, "scheduler");
  logBossEvents(boss, log);
  await startBoss(boss);
  try {
    await ensureQueues(boss, JOB_SPECS);
    try {
      await boss.schedule(syncAllSourcesSpec.name, env.SYNC_CRON, {}, { tz: env.SYNC_TZ, key: SYNC_SCHEDULE_KEY });
    } catch (err) {
      throw new AppError("VALIDATION", `SYNC_CRON / SYNC_TZ rejected: ${errorMessage(err)}`, { cause: err });
    }
    const next = boss.previewSchedule(env.SYNC_CRON, { tz: env.SYNC_TZ, count: 1 })[0];
    log.info({ cron: env.SYNC_CRON, tz: env.SYNC_TZ, next }, "periodic sync scheduled");
    try {
      await boss.schedule(weeklyDigestsSpec.name, env.REPORT_CRON, {}, { tz: env.REPORT_TZ, key: REPORT_SCHEDULE_KEY });
    } catch (err) {
      throw new AppError("VALIDATION", `REPORT_CRON / REPORT_TZ rejected: ${errorMessage(err)}`, { cause: err });
    }
    const nextReport = boss.previewSchedule(env.REPORT_CRON, { tz: env.REPORT_TZ, count: 1 })[0];
    log.info({ cron: env.REPORT_CRON, tz: env.REPORT_TZ, next: nextReport, smtp: Boolean(env.SMTP_URL) }, "weekly email digest scheduled");
    for (const source of sources) {
      const jobId = await enqueue(boss, syncSourceSpec, { local: source });
      log.info({ source: source.name, path: source.path, jobId, alreadyQueued: jobId === null }, "local source sync queued");
    }
  } catch (err) {
    await boss.stop({ graceful: false, close: true }).catch(() => undefined);
    throw err;
  }
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, close: true, timeout: env.SHUTDOWN_GRACE_SECONDS * 1000 });
      log.info("scheduler stopped");
    },
  };
}
