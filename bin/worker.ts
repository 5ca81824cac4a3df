// Worker process (factor VI/VIII): consumes every registered job, WORKER_CONCURRENCY scans at once.
// SIGTERM/SIGINT: stop fetching, let running jobs finish within SHUTDOWN_GRACE_SECONDS, hand the
// rest back to the queue, close pools, exit 0. Logs are JSON lines on stdout.
import { db, disconnectDb } from "../lib/db/client.ts";
import { loadEnvOrExit } from "../lib/env.ts";
import { JOBS } from "../lib/jobs/registry.ts";
import { initLogger } from "../lib/log.ts";
import { runUntilSignal } from "../lib/queue/lifecycle.ts";
import { startWorker } from "../lib/queue/worker.ts";
import { sourceForOrg } from "../lib/sources/source-for-org.ts";

const env = loadEnvOrExit("worker");
const log = initLogger(env.LOG_LEVEL, "worker");

await runUntilSignal({
  name: "worker",
  log,
  graceSeconds: env.SHUTDOWN_GRACE_SECONDS,
  start: async () => {
    const worker = await startWorker({ env, log, db: db(), jobs: JOBS, sourceFor: sourceForOrg });
    return {
      stop: async () => {
        await worker.stop();
        await disconnectDb();
      },
    };
  },
});
