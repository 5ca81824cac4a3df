// The Node.js half of instrumentation.ts (Next's documented split: process APIs live in a module that
// instrumentation.ts imports only when NEXT_RUNTIME is "nodejs", so the edge bundle never sees them).
import type { Logger } from "pino";

/** Validates the environment, installs the shutdown handling and starts the response cache (see instrumentation.ts). */
export async function registerNode(): Promise<{ log: Logger; scrub: (text: string) => string }> {
  const { loadEnvOrExit } = await import("./lib/env.ts");
  const env = loadEnvOrExit("web");
  // Sign-in: once GitHub is configured through the environment, SESSION_SECRET is required.
  const { fatalIfSignInMisconfigured } = await import("./lib/auth/check-config.ts");
  fatalIfSignInMisconfigured(env);
  const { createLogger, scrubSecrets } = await import("./lib/log.ts");
  const { markShuttingDown } = await import("./app/_lib/shutdown-state.ts");
  const log = createLogger(env.LOG_LEVEL, "web");
  const logger = log;
  let closeFront: (() => Promise<void>) | undefined;

  const onSignal = (signal: NodeJS.Signals) => {
    if (!markShuttingDown()) return;
    // Next's handler ends a completed drain with process.exit(128 + signal). A drain that finished is a
    // clean stop, so the web process exits 0 like the worker and scheduler (an 'exit' listener may still
    // change process.exitCode before the process really exits).
    process.once("exit", () => {
      if (process.exitCode === 143 || process.exitCode === 130) process.exitCode = 0;
    });
    logger.info({ signal, graceSeconds: env.SHUTDOWN_GRACE_SECONDS }, "web shutting down");
    // The response cache passes everything through from now on; its LISTEN connection closes.
    void closeFront?.().catch(() => {});
    // The queue producer (rescan buttons) sends nothing more; stop it so its pool closes with the drain.
    void import("./lib/queue/producer.ts")
      .then((m) => m.stopProducer())
      .catch((err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, "queue producer did not stop cleanly"));
    setTimeout(async () => {
      logger.warn({ graceSeconds: env.SHUTDOWN_GRACE_SECONDS }, "web shutdown grace period over: closing remaining connections");
      try {
        const { disconnectDb } = await import("./lib/db/client.ts");
        await disconnectDb();
      } finally {
        process.exit(0);
      }
    }, env.SHUTDOWN_GRACE_SECONDS * 1000).unref();
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  // The response cache in front of Next (lib/http/web-front.ts); the web entry point (web.mjs) finds
  // it on globalThis. It caches nothing until its change feed listens (nothing could invalidate it).
  const viaWebEntry = (globalThis as Record<symbol, unknown>)[Symbol.for("twelvefactor.web-front.entry")] === true;
  if (env.RESPONSE_CACHE_SECONDS > 0 && viaWebEntry) {
    const { createWebFront, WEB_FRONT_KEY } = await import("./lib/http/web-front.ts");
    const { db } = await import("./lib/db/client.ts");
    const { isShuttingDown } = await import("./app/_lib/shutdown-state.ts");
    const front = createWebFront({ env, db, log, isShuttingDown });
    (globalThis as Record<symbol, unknown>)[WEB_FRONT_KEY] = front.handle;
    closeFront = front.close;
  }
  log.info({ port: env.PORT, hostname: env.HOSTNAME, responseCacheSeconds: viaWebEntry ? env.RESPONSE_CACHE_SECONDS : 0 }, "web starting");
  return { log, scrub: scrubSecrets };
}
