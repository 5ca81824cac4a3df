// The one wrapper every API route goes through: request id, one JSON log line per request, and
// error mapping (an unexpected throw becomes a 500 without internals).
import type { Logger } from "pino";
import { loadEnv } from "@/lib/env";
import { requestIdFrom } from "@/lib/http/request-id";
import { createLogger } from "@/lib/log";
import { isShuttingDown } from "@/app/_lib/shutdown-state";


let webLogger: Logger | undefined;
function log(): Logger {
  webLogger ??= createLogger(loadEnv().LOG_LEVEL, "web");
  return webLogger;
}

export type ApiContext = {
  requestId: string;
  /** Extra fields for this request's single log line (e.g. why a check failed). */
  logFields: Record<string, unknown>;
};

/** Reads `x-request-id` (or assigns a UUID), echoes it on the response and logs the request once. */
export function apiRoute<P>(handler: (req: Request, params: P, ctx: ApiContext) => Promise<Response>) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers.get("x-request-id"));
    const logFields: Record<string, unknown> = {};
    let res: Response;
    let error: unknown;
    try {
      res = await handler(req, await route.params, { requestId, logFields });
    } catch (err) {
      error = err;
      res = Response.json({ error: "internal error", requestId }, { status: 500 });
    }
    res.headers.set("x-request-id", requestId);
    // While shutting down, do not keep the connection: the listener is closed, so the client's next
    // request goes to another instance instead of holding this one open.
    if (isShuttingDown()) res.headers.set("connection", "close");
    // The success line is at info: skip building it when the level is above (LOG_LEVEL=warn under load).
    if (!error && res.status < 500 && !log().isLevelEnabled("info")) return res;
    const line = {
      requestId,
      method: req.method,
      path: new URL(req.url).pathname,
      status: res.status,
      durationMs: Math.round(performance.now() - started),
      ...logFields,
      ...(error ? { err: error } : {}),
    };
    if (error) log().error(line, "request failed");
    else if (res.status >= 500) log().warn(line, "request");
    else log().info(line, "request");
    return res;
  };
}

/** JSON with no caching (status and health answers must always be fresh). */
export function noStoreJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
