// A response cache in front of the web process's renderer (Next.js), inside the same process.
//
// Why: a dashboard page costs ~14 ms of CPU to render and a JSON answer ~1 ms of Next's routing alone, so
// one process serves ~70 pages/s; the same org page asked for again by the same viewer while nothing
// changed is answered from memory instead (bench/LOAD.md has the numbers).
//
// What makes a cached answer correct to replay:
// - Key: method (HEAD shares GET's entry), URL (path + query), Host, the request headers Next varies on
//   (RSC navigation headers, Accept, Accept-Encoding: compressed bodies are stored as sent), and the
//   viewer's key (who they are and every org they may see; lib/http/web-front.ts). Two viewers with
//   different access never share an entry.
// - Epoch: the entry was rendered at a data epoch (lib/db/change-feed.ts) taken *before* rendering
//   started. Any committed write to the tables pages read moves the epoch on, so an entry rendered
//   before a write is never served after the notification of that write arrived. No epoch (feed
//   down) = no caching at all.
// - TTL: entries also expire after a few seconds (relative times on pages, time-based membership
//   refresh, and a bound on any notification the feed could miss).
// - Only 200 answers without Set-Cookie are stored, only for the routes the caller allows, only for
//   GET/HEAD requests without Authorization or Range, and only up to a size per entry and in total.
// Concurrent misses for one key share a single render (the first request renders, the others wait for
// it), so a burst after an invalidation costs one render, not fifty.
import { createHash } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

export type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

export type ResponseCacheOptions = {
  /** How long an entry may be served (ms). */
  ttlMs: number;
  /** Memory bound over all stored bodies (bytes); least recently used entries go first. */
  maxBytes: number;
  /** Largest single body stored (bytes). */
  maxEntryBytes?: number;
  /** The data epoch; null = do not cache. */
  epoch: () => number | null;
  /** Whether answers to GETs of this path may be cached at all. */
  cacheablePath: (pathname: string) => boolean;
  /** Who is asking, as a key; null = do not cache this request. */
  viewerKey: (req: IncomingMessage) => Promise<string | null> | string | null;
  /** Checked on every request: true = pass everything through (e.g. during shutdown). */
  bypass?: () => boolean;
  /**
   * Headers that belong to one request (e.g. x-request-id): `names` are never stored; `values` gives
   * the ones to set on each replay.
   */
  perRequestHeaders?: { names: readonly string[]; values: (req: IncomingMessage) => Record<string, string> };
  /**
   * Called when a request that may write (anything but GET/HEAD) has been answered by this process:
   * its own writes are then visible to the next read at once, without waiting for their notification.
   */
  onWrite?: () => void;
  /** Called after an answer was replayed from the cache (logging). */
  onReplay?: (req: IncomingMessage, res: ServerResponse, status: number, how: "hit" | "coalesced") => void;
  now?: () => number;
};

type Entry = {
  key: string;
  epoch: number;
  storedAt: number;
  headers: Array<[string, string | string[]]>;
  body: Buffer;
  etag: string | undefined;
};

export const CACHE_HEADER = "x-twelvefactor-cache";

/** Request headers Next (and our API routes) choose a different answer by. */
const VARY_REQUEST_HEADERS = [
  "accept",
  "accept-encoding",
  "rsc",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-router-state-tree",
  "next-url",
  "next-action",
  "x-forwarded-host",
  "x-forwarded-proto",
] as const;

/** Response headers that describe one transmission, not the resource; set afresh on replay. */
const HOP_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie", CACHE_HEADER, "age"]);

export type ResponseCacheStats = { hits: number; misses: number; bypasses: number; stored: number; coalesced: number; entries: number; bytes: number };

export type ResponseCache = {
  handle(req: IncomingMessage, res: ServerResponse, next: Handler): Promise<void>;
  /** Drops every entry (the feed calls it on each change so stale bodies do not hold memory). */
  clear(): void;
  stats(): ResponseCacheStats;
};

export function createResponseCache(opts: ResponseCacheOptions): ResponseCache {
  const now = opts.now ?? Date.now;
  const maxEntryBytes = opts.maxEntryBytes ?? Math.min(4 * 1024 * 1024, opts.maxBytes);
  // Map iteration order = insertion order: re-inserting on a hit makes it an LRU.
  const entries = new Map<string, Entry>();
  const inflight = new Map<string, Promise<Entry | null>>();
  let bytes = 0;
  const counters = { hits: 0, misses: 0, bypasses: 0, stored: 0, coalesced: 0 };

  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    bytes -= e.body.length;
  };

  const store = (e: Entry) => {
    drop(e.key);
    entries.set(e.key, e);
    bytes += e.body.length;
    counters.stored++;
    for (const k of entries.keys()) {
      if (bytes <= opts.maxBytes) break;
      drop(k);
    }
  };

  const notStored = new Set([...HOP_HEADERS, ...(opts.perRequestHeaders?.names ?? []).map((n) => n.toLowerCase())]);
  const replayTo = (req: IncomingMessage, res: ServerResponse, e: Entry, how: "hit" | "coalesced") => {
    const extra = opts.perRequestHeaders?.values(req) ?? {};
    const status = replay(req, res, e, how, now(), extra);
    opts.onReplay?.(req, res, status, how);
  };

  const fresh = (e: Entry | undefined, epoch: number): e is Entry => e !== undefined && e.epoch === epoch && now() - e.storedAt < opts.ttlMs;

  const pass = (req: IncomingMessage, res: ServerResponse, next: Handler, why: string) => {
    counters.bypasses++;
    if (!res.headersSent) res.setHeader(CACHE_HEADER, `bypass; ${why}`);
    return next(req, res);
  };

  return {
    clear() {
      entries.clear();
      bytes = 0;
    },
    stats: () => ({ ...counters, entries: entries.size, bytes }),
    async handle(req, res, next) {
      if (opts.bypass?.()) return void (await next(req, res));
      const method = req.method ?? "GET";
      if (method !== "GET" && method !== "HEAD") {
        if (opts.onWrite) {
          const onWrite = opts.onWrite;
          res.once("finish", onWrite);
          res.once("close", () => res.off("finish", onWrite));
        }
        return void (await next(req, res));
      }
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const pathname = q === -1 ? url : url.slice(0, q);
      if (!opts.cacheablePath(pathname)) return void (await next(req, res));
      if (req.headers.authorization !== undefined || req.headers.range !== undefined) return void (await pass(req, res, next, "request"));
      const epoch = opts.epoch();
      if (epoch === null) return void (await pass(req, res, next, "no change feed"));
      let viewer: string | null;
      try {
        viewer = await opts.viewerKey(req);
      } catch {
        viewer = null;
      }
      if (viewer === null) return void (await pass(req, res, next, "viewer"));

      const h = createHash("sha256");
      h.update(url).update("\0").update(req.headers.host ?? "").update("\0").update(viewer);
      for (const name of VARY_REQUEST_HEADERS) {
        const v = req.headers[name];
        h.update("\0").update(Array.isArray(v) ? v.join(",") : (v ?? ""));
      }
      const key = h.digest("base64url");

      const hit = entries.get(key);
      if (fresh(hit, epoch)) {
        counters.hits++;
        entries.delete(key);
        entries.set(key, hit);
        return replayTo(req, res, hit, "hit");
      }
      if (hit) drop(key);

      if (method === "HEAD") return void (await pass(req, res, next, "head"));

      const pending = inflight.get(key);
      if (pending) {
        counters.coalesced++;
        const shared = await pending;
        if (shared && shared.epoch === opts.epoch()) return replayTo(req, res, shared, "coalesced");
        return void (await pass(req, res, next, "coalesced answer not cacheable"));
      }

      counters.misses++;
      let settle!: (e: Entry | null) => void;
      const promise = new Promise<Entry | null>((r) => (settle = r));
      inflight.set(key, promise);
      res.setHeader(CACHE_HEADER, "miss");
      const chunks: Buffer[] = [];
      let size = 0;
      let tooBig = false;
      capture(res, (chunk) => {
        if (tooBig) return;
        size += chunk.length;
        if (size > maxEntryBytes) {
          tooBig = true;
          chunks.length = 0;
          return;
        }
        chunks.push(chunk);
      });
      const done = new Promise<void>((resolve) => {
        res.once("finish", resolve);
        res.once("close", resolve);
      });
      try {
        await next(req, res);
        await done;
      } finally {
        let entry: Entry | null = null;
        if (res.writableFinished && res.statusCode === 200 && !tooBig && res.getHeader("set-cookie") === undefined && !opts.bypass?.()) {
          const headers: Array<[string, string | string[]]> = [];
          for (const [name, value] of Object.entries(res.getHeaders() as OutgoingHttpHeaders)) {
            if (value === undefined || notStored.has(name)) continue;
            headers.push([name, Array.isArray(value) ? value.map(String) : String(value)]);
          }
          const etag = res.getHeader("etag");
          entry = { key, epoch, storedAt: now(), headers, body: Buffer.concat(chunks), etag: typeof etag === "string" ? etag : undefined };
          // Stored only if nothing changed while it rendered (else it may mix old and new data).
          if (opts.epoch() === epoch) store(entry);
        }
        inflight.delete(key);
        settle(entry);
      }
    },
  };
}

/** Writes a stored answer (or 304 when the request's If-None-Match names its ETag); returns the status. */
function replay(req: IncomingMessage, res: ServerResponse, e: Entry, how: string, now: number, extra: Record<string, string>): number {
  for (const [name, value] of e.headers) res.setHeader(name, value);
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  res.setHeader(CACHE_HEADER, how);
  res.setHeader("age", String(Math.floor((now - e.storedAt) / 1000)));
  const inm = req.headers["if-none-match"];
  if (e.etag && typeof inm === "string" && inm.split(",").some((t) => t.trim() === e.etag || t.trim() === "*")) {
    res.statusCode = 304;
    res.removeHeader("content-type");
    res.end();
    return 304;
  }
  res.statusCode = 200;
  res.setHeader("content-length", String(e.body.length));
  if (req.method === "HEAD") res.end();
  else res.end(e.body);
  return 200;
}

/** Calls `sink` with every body byte written to `res` (as sent, after any compression). */
function capture(res: ServerResponse, sink: (chunk: Buffer) => void): void {
  const write = res.write;
  const end = res.end;
  const writeHead = res.writeHead;
  const toBuffer = (chunk: unknown, encoding: unknown): Buffer | null => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return null;
    if (Buffer.isBuffer(chunk)) return chunk;
    if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  };
  res.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, cb?: unknown) {
    const b = toBuffer(chunk, encoding);
    if (b) sink(Buffer.from(b));
    return (write as (...a: unknown[]) => boolean).call(this, chunk, encoding, cb);
  } as typeof res.write;
  res.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, cb?: unknown) {
    const b = toBuffer(chunk, encoding);
    if (b) sink(Buffer.from(b));
    return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, encoding, cb);
  } as typeof res.end;
  // writeHead(status, [reason], [headers]) may bypass setHeader; fold its headers in so getHeaders() sees them.
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const last = rest[rest.length - 1];
    if (last && typeof last === "object") {
      rest.pop();
      if (Array.isArray(last)) {
        const flat = Array.isArray(last[0]) ? (last as string[][]).flat() : (last as string[]);
        for (let i = 0; i + 1 < flat.length; i += 2) {
          const name = flat[i]!;
          const prev = this.getHeader(name);
          this.setHeader(name, prev === undefined ? flat[i + 1]! : ([] as string[]).concat(prev as string, flat[i + 1]!));
        }
      } else {
        for (const [name, value] of Object.entries(last as OutgoingHttpHeaders)) if (value !== undefined) this.setHeader(name, value);
      }
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as typeof res.writeHead;
}
