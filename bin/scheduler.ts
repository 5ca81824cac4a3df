// Scheduler process: cron → enqueue only (the periodic sync of every source), plus one sync of
// each LOCAL_SOURCES entry at start. Safe to run twice: pg-boss fires each schedule tick once.
// SIGTERM/SIGINT: exit 0.
import { loadEnvOrExit } from "../lib/env.ts";
import { initLogger } from "../lib/log.ts";
import { runUntilSignal } from "../lib/queue/lifecycle.ts";
import { startScheduler } from "../lib/queue/scheduler.ts";

const env = loadEnvOrExit("scheduler");
const log = initLogger(env.LOG_LEVEL, "scheduler");

await runUntilSignal({
  name: "scheduler",
  log,
  graceSeconds: env.SHUTDOWN_GRACE_SECONDS,
  start: () => startScheduler({ env, log }),
});
