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
  // NEXT_RUNTIME is set by Next itself (not app config): the edge runtime has no process APIs.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { registerNode } = await import("./instrumentation-node.ts");
  ({ log, scrub } = await registerNode());
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
