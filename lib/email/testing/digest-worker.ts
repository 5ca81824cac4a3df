// Test-only worker entry: the real runtime (startWorker + runUntilSignal) consuming only the email
// jobs, with send-digest tuned so crash recovery fits in a test: a short claim lease, the minimum
// heartbeat and a 1 s retry delay. argv: --lease=<seconds>.
import { db, disconnectDb } from "../../db/client.ts";
import { loadEnvOrExit } from "../../env.ts";
import { orgDigest } from "../../jobs/org-digest.ts";
import { createSendDigestJob } from "../../jobs/send-digest.ts";
import { weeklyDigests } from "../../jobs/weekly-digests.ts";
import { initLogger } from "../../log.ts";
import { runUntilSignal } from "../../queue/lifecycle.ts";
import { startWorker } from "../../queue/worker.ts";
import { sourceForOrg } from "../../sources/source-for-org.ts";

const env = loadEnvOrExit("worker");
const log = initLogger(env.LOG_LEVEL, "worker");
const lease = Number(process.argv.find((a) => a.startsWith("--lease="))?.split("=")[1] ?? 3);
const jobs = [
  weeklyDigests,
  orgDigest,
  { ...createSendDigestJob({ leaseSeconds: lease }), heartbeatSeconds: 10, retryDelaySeconds: 1, retryBackoff: false, retryDelayMaxSeconds: undefined },
];

await runUntilSignal({
  name: "worker",
  log,
  graceSeconds: env.SHUTDOWN_GRACE_SECONDS,
  start: async () => {
    const worker = await startWorker({ env, log, db: db(), jobs, sourceFor: sourceForOrg });
    return {
      stop: async () => {
        await worker.stop();
        await disconnectDb();
      },
    };
  },
});
