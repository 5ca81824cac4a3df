// Process lifecycle shared by the worker and the scheduler: start, print one "<name> ready" line,
// run until SIGTERM/SIGINT, stop within the grace period, exit 0. A failed start exits 1 with one
// log line; a stop that hangs past the grace period (plus a margin) exits 1; a second signal a
// while after the first (someone pressing Ctrl-C again) exits 1 at once. Duplicates arriving
// together are ignored: `npm run` forwards the terminal's SIGINT to a child that already got it
// from its process group, and GNU `timeout` signals both the child and the group.
import type { Logger } from "pino";
import { errorMessage } from "../errors.ts";

export interface Stoppable {
  stop(): Promise<void>;
}

const HARD_EXIT_MARGIN_MS = 10_000;
const DUPLICATE_SIGNAL_WINDOW_MS = 1_500;

export async function runUntilSignal(options: {
  name: string;
  log: Logger;
  graceSeconds: number;
  start: () => Promise<Stoppable>;
}): Promise<void> {
  const { name, log } = options;
  let running: Stoppable;
  try {
    running = await options.start();
  } catch (err) {
    log.fatal({ err: errorMessage(err) }, `${name} failed to start`);
    process.exit(1);
  }
  log.info({ pid: process.pid }, `${name} ready`);

  let stoppingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < DUPLICATE_SIGNAL_WINDOW_MS) return;
      log.warn({ signal }, `${name} forced to exit`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    log.info({ signal, graceSeconds: options.graceSeconds }, `${name} shutting down`);
    setTimeout(() => {
      log.error(`${name} did not stop within the grace period`);
      process.exit(1);
    }, options.graceSeconds * 1000 + HARD_EXIT_MARGIN_MS).unref();
    running.stop().then(
      () => {
        log.info(`${name} exited cleanly`);
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err: errorMessage(err) }, `${name} failed to stop cleanly`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
