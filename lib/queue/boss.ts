// The job queue: pg-boss in its own `pgboss` schema of the app database (Prisma only sees `public`).
// Its schema is installed and upgraded by the migrate admin process (installQueueSchema), never by
// a serving process at boot: web, worker and scheduler start with `migrate: false` and refuse to
// run against a missing or outdated queue schema, with a message saying what to run.
import { PgBoss } from "pg-boss";
import type { Logger } from "pino";
import { AppError } from "../errors.ts";

export const QUEUE_SCHEMA = "pgboss";

/**
 * What a process does with the queue:
 * - producer (web, admin tools): sends jobs only; small pool, no maintenance, no cron.
 * - worker: consumes jobs; supervises (expiry, heartbeats, retention), no cron.
 * - scheduler: fires cron schedules (pg-boss holds a lock per tick, so two schedulers are safe).
 */
export type QueueRole = "producer" | "worker" | "scheduler";

/**
 * How often supervision (job expiry, lost heartbeats, retention) runs. pg-boss claims each pass in
 * the database, so more instances do not mean more passes. Short, so a job whose worker died is
 * retried within about heartbeat + this.
 */
const SUPERVISE_INTERVAL_SECONDS = 10;

export function createBoss(databaseUrl: string, role: QueueRole, options: { migrate?: boolean } = {}): PgBoss {
  return new PgBoss({
    connectionString: databaseUrl,
    schema: QUEUE_SCHEMA,
    application_name: `twelvefactor-${role}`,
    instanceName: `twelvefactor-${role}`,
    max: role === "producer" ? 3 : 6,
    migrate: options.migrate ?? false,
    createSchema: options.migrate ?? false,
    supervise: role !== "producer",
    schedule: role === "scheduler",
    superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    monitorIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    useListenNotify: role === "worker",
    openTelemetry: { enabled: false },
  });
}

/** Forwards pg-boss's error and warning events to the log (an unhandled `error` would crash the process). */
export function logBossEvents(boss: PgBoss, log: Logger): void {
  boss.on("error", (err) => log.error({ err: err.message }, "queue error"));
  boss.on("warning", (w) => log.warn({ warning: w.message, data: w.data }, "queue warning"));
}

/** Starts a boss, translating "schema missing / outdated" into one clear, permanent error. */
export async function startBoss(boss: PgBoss): Promise<PgBoss> {
  try {
    await boss.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/not installed|requires migrations/.test(message)) {
      throw new AppError("INTERNAL", `queue schema "${QUEUE_SCHEMA}" ${message.includes("not installed") ? "is not installed" : "is out of date"}: run \`npm run db:migrate\``, { cause: err });
    }
    throw err;
  }
  return boss;
}

/**
 * Installs or upgrades the queue schema (idempotent; safe to run concurrently: pg-boss takes an
 * advisory lock). For the migrate admin process and test setup.
 */
export async function installQueueSchema(databaseUrl: string): Promise<{ version: number | null }> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: QUEUE_SCHEMA,
    application_name: "twelvefactor-migrate",
    max: 2,
    migrate: true,
    createSchema: true,
    supervise: false,
    schedule: false,
    registerInstance: false,
    openTelemetry: { enabled: false },
  });
  boss.on("error", () => undefined);
  await boss.start();
  try {
    return { version: await boss.schemaVersion() };
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}
