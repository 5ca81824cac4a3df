// The web process's front: the response cache (./response-cache.ts) wired to this app's routes, viewers
// and change feed. instrumentation.ts creates it at start and publishes its handler on globalThis; the
// web entry point (bin/web-server.mjs, run as .next/standalone/web.mjs) passes every request through it
// before Next.js. Without that entry point (`next dev`, `next start`) nothing uses it and nothing changes.
//
// Which answers may be cached (`cacheablePath`): pages and read-only APIs whose content depends only on
// the URL, the viewer and rows of the notified tables (see the change-notification migration):
// org and repo pages, the JSON API v1 and the badges. Left out: the local source viewer (reads files
// from disk, which notifies nothing), the email preview (renders "this week"), sign-in, settings and
// admin pages, every route that writes, and health/progress endpoints (must always be live).
// test/response-cache-contract.test.ts keeps pages from reading request headers or cookies other than
// through app/_lib/viewer.ts, which is what makes the viewer key below complete.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { readCookie, SESSION_COOKIE } from "../auth/cookies.ts";
import { viewerForHeaders } from "../auth/request-viewer.ts";
import { isLocalRequest } from "../auth/resolve-viewer.ts";
import type { Viewer } from "../auth/viewer.ts";
import { startChangeFeed, type ChangeFeed } from "../db/change-feed.ts";
import { advanceDataEpoch } from "../db/data-epoch.ts";
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import type { Env } from "../env.ts";
import { requestIdFrom } from "./request-id.ts";
import { createResponseCache, type Handler, type ResponseCache } from "./response-cache.ts";

export const WEB_FRONT_KEY = Symbol.for("twelvefactor.web-front");

export type WebFrontHandler = (req: IncomingMessage, res: ServerResponse, next: Handler) => unknown;

const CACHEABLE: RegExp[] = [
  /^\/$/,
  /^\/orgs\/?$/,
  /^\/orgs\/[^/]+\/?$/,
  /^\/orgs\/[^/]+\/(factors\/[^/]+|history)\/?$/,
  /^\/repos\/[^/]+\/?$/,
  /^\/repos\/[^/]+\/(history|compare)\/?$/,
  /^\/api\/v1\/.+/,
  /^\/api\/badges\/.+/,
];

export function cacheablePath(pathname: string): boolean {
  return CACHEABLE.some((re) => re.test(pathname));
}

/** The part of a viewer that can change what a page shows them. */
export function viewerCacheKey(viewer: Viewer): string {
  if (viewer.kind === "demo") return "demo";
  if (viewer.kind === "anonymous") return `anonymous:${viewer.reason}`;
  return `user:${viewer.userId}:${viewer.isAdmin ? 1 : 0}:${[...viewer.orgIds].sort().join(",")}`;
}

export type WebFront = { handle: WebFrontHandler; cache: ResponseCache; feed: ChangeFeed; close(): Promise<void> };

export type WebFrontOptions = {
  env: Env;
  db: () => PrismaClient;
  log: Logger;
  isShuttingDown: () => boolean;
};

const MAX_VIEWERS = 10_000;


export function createWebFront({ env, db, log, isShuttingDown }: WebFrontOptions): WebFront {
  const ttlMs = env.RESPONSE_CACHE_SECONDS * 1000;
  const feed = startChangeFeed({ databaseUrl: env.DATABASE_URL, log: log.child({ component: "change-feed" }) });
  // Viewer keys by (loopback?, session cookie), for the same epoch and TTL as the answers: a sign-out,
  // a revoked session or a membership change is a write to a notified table and clears them.
  const viewers = new Map<string, { epoch: number; at: number; key: string }>();

  const cache = createResponseCache({
    ttlMs,
    maxBytes: env.RESPONSE_CACHE_MAX_MB * 1024 * 1024,
    epoch: feed.epoch,
    cacheablePath,
    bypass: isShuttingDown,
    // A POST (rescan, settings, sign-out…) answered here has committed its writes: forget everything
    // now, so the page the browser loads next is fresh even if the notification is still in flight.
    onWrite: () => feed.bump(),
    // API answers carry their request's id; a replay gets its own (and its own log line, like apiRoute's).
    perRequestHeaders: {
      names: ["x-request-id"],
      values: (req): Record<string, string> => (req.url?.startsWith("/api/") ? { "x-request-id": requestIdFrom(header(req, "x-request-id")) } : {}),
    },
    onReplay: (req, res, status, how) => {
      const url = req.url ?? "/";
      if (!url.startsWith("/api/") || !log.isLevelEnabled("info")) return;
      const q = url.indexOf("?");
      log.info({ requestId: res.getHeader("x-request-id"), method: req.method, path: q === -1 ? url : url.slice(0, q), status, cache: how }, "request");
    },
    viewerKey: async (req) => {
      const epoch = feed.epoch();
      if (epoch === null) return null;
      const host = header(req, "host");
      const forwardedHost = header(req, "x-forwarded-host");
      const cookie = header(req, "cookie");
      const local = isLocalRequest({ host, forwardedHost });
      const id = `${local ? 1 : 0}|${readCookie(cookie, SESSION_COOKIE) ?? ""}`;
      const known = viewers.get(id);
      if (known && known.epoch === epoch && Date.now() - known.at < ttlMs) return known.key;
      const headers = new Headers();
      if (host) headers.set("host", host);
      if (forwardedHost) headers.set("x-forwarded-host", forwardedHost);
      if (cookie) headers.set("cookie", cookie);
      const viewer = await viewerForHeaders(db(), env, headers);
      const key = viewerCacheKey(viewer);
      if (viewers.size >= MAX_VIEWERS) viewers.clear();
      viewers.set(id, { epoch, at: Date.now(), key });
      return key;
    },
  });
  feed.onChange(() => {
    cache.clear();
    viewers.clear();
    advanceDataEpoch();
  });

  return {
    cache,
    feed,
    handle: (req, res, next) => cache.handle(req, res, next),
    close: () => feed.close(),
  };
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(", ") : v;
}
