// Next.js server hooks, loaded once per server process (`node .next/standalone/server.js`, `next start`,
// `next dev`).
import type { Instrumentation } from "next";
import type { Logger } from "pino";

let log: Logger | undefined;
let scrub: (text: string) => string = (text) => text;

/**
 * Runs at server start, before the first request is handled.
 * - Validates the whole environment (factor III): a missing or malformed variable stops the web process
 *   with one JSON line naming it, like the worker and scheduler.
 * - Shutdown (factor IX): Next's own SIGTERM/SIGINT handler stops accepting connections, waits for the
 *   open ones and exits 143/130. On top of it, this marks the process as shutting down (readiness turns
 *   503, API responses close their connection), bounds the wait (a browser polling a page keeps its
 *   keep-alive connection busy forever, so after SHUTDOWN_GRACE_SECONDS the process closes the database
 *   pool and exits itself) and turns the stop into exit code 0.
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself (not app config): the edge runtime has no process.exit.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadEnvOrExit } = await import("./lib/env.ts");
  const env = loadEnvOrExit("web");
  // Sign-in: once GitHub is configured through the environment, SESSION_SECRET is required.
  const { fatalIfSignInMisconfigured } = await import("./lib/auth/check-config.ts");
  fatalIfSignInMisconfigured(env);
  const { createLogger, scrubSecrets } = await import("./lib/log.ts");
  const { markShuttingDown } = await import("./app/_lib/shutdown-state.ts");
  log = createLogger(env.LOG_LEVEL, "web");
  scrub = scrubSecrets;
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
}

/**
 * Server-side errors while rendering a page or running a route (factor XI: one JSON line per event,
 * with the digest the error page shows, so an operator can find it). Next also prints its own text.
 */
export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const err = error as Error & { digest?: string };
  const requestId = request.headers["x-request-id"];
  log?.error(
    {
      digest: err.digest,
      method: request.method,
      path: request.path.split("?")[0],
      routePath: context.routePath,
      routeType: context.routeType,
      requestId: typeof requestId === "string" ? requestId : undefined,
      err: { name: err.name, message: scrub(String(err.message)).slice(0, 500) },
    },
    "request error",
  );
};
