// Test-only worker entry: the same runtime as bin/worker.ts (startWorker + runUntilSignal), with
// GITHUB-kind organizations served by the fake forge (clone over HTTP from the repository row's URL).
// argv: [--token=<token>] [--heartbeat=<seconds>] [--retry-delay=<seconds>] (override scan-repo's
// heartbeat (≥ 10) and first retry delay, so crash recovery is quick enough to test).
import { db, disconnectDb } from "../../db/client.ts";
import { loadEnvOrExit } from "../../env.ts";
import { JOBS } from "../../jobs/registry.ts";
import { initLogger } from "../../log.ts";
import { fakeForgeSourceFor } from "../../sources/testing/fake-forge-source.ts";
import { runUntilSignal } from "../lifecycle.ts";
import { startWorker } from "../worker.ts";

const env = loadEnvOrExit("worker");
const log = initLogger(env.LOG_LEVEL, "worker");
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const heartbeat = arg("heartbeat");
const retryDelay = arg("retry-delay");
const jobs = JOBS.map((j) =>
  j.name !== "scan-repo"
    ? j
    : {
        ...j,
        ...(heartbeat ? { heartbeatSeconds: Number(heartbeat) } : {}),
        ...(retryDelay ? { retryDelaySeconds: Number(retryDelay) } : {}),
      },
);

await runUntilSignal({
  name: "worker",
  log,
  graceSeconds: env.SHUTDOWN_GRACE_SECONDS,
  start: async () => {
    const worker = await startWorker({ env, log, db: db(), jobs, sourceFor: fakeForgeSourceFor(arg("token")) });
    return {
      stop: async () => {
        await worker.stop();
        await disconnectDb();
      },
    };
  },
});
