// The response cache over a real HTTP server: the downstream handler stands in for Next (it renders a
// counter, so a replay is told apart from a render).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { gzipSync, gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createResponseCache, type ResponseCacheOptions } from "./response-cache.ts";

type Render = (req: IncomingMessage, res: ServerResponse, n: number) => void | Promise<void>;

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function start(options: Partial<ResponseCacheOptions>, render: Render = (_q, res, n) => {
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.end(`<p>render ${n}</p>`);
}) {
  let epoch: number | null = 1;
  let clock = 1_000_000;
  let renders = 0;
  const cache = createResponseCache({
    ttlMs: 10_000,
    maxBytes: 1024 * 1024,
    epoch: () => epoch,
    cacheablePath: (p) => p.startsWith("/orgs/"),
    viewerKey: (req) => (req.headers["x-viewer"] as string | undefined) ?? "alice",
    now: () => clock,
    ...options,
  });
  server = createServer((req, res) => void cache.handle(req, res, (q, r) => render(q, r, ++renders)));
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  const get = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, init);
    return { status: res.status, headers: res.headers, body: await res.text(), cache: res.headers.get("x-twelvefactor-cache") };
  };
  return {
    cache,
    get,
    renders: () => renders,
    setEpoch: (e: number | null) => void (epoch = e),
    advance: (ms: number) => void (clock += ms),
  };
}

describe("response cache", () => {
  it("replays a 200 to the same viewer with the same headers and body, and renders again for another viewer", async () => {
    const t = await start({});
    const first = await t.get("/orgs/acme?sort=score");
    expect(first).toMatchObject({ status: 200, cache: "miss", body: "<p>render 1</p>" });
    const second = await t.get("/orgs/acme?sort=score");
    expect(second).toMatchObject({ status: 200, cache: "hit", body: "<p>render 1</p>" });
    expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(second.headers.get("content-length")).toBe(String(Buffer.byteLength("<p>render 1</p>")));
    expect(second.headers.get("age")).toBe("0");
    // Another viewer, another query string, another Accept: each its own render.
    expect((await t.get("/orgs/acme?sort=score", { headers: { "x-viewer": "bob" } })).body).toBe("<p>render 2</p>");
    expect((await t.get("/orgs/acme?sort=name")).body).toBe("<p>render 3</p>");
    expect((await t.get("/orgs/acme?sort=score", { headers: { accept: "application/json" } })).body).toBe("<p>render 4</p>");
    expect((await t.get("/orgs/acme?sort=score", { headers: { rsc: "1" } })).body).toBe("<p>render 5</p>");
    expect(t.renders()).toBe(5);
    expect(t.cache.stats()).toMatchObject({ hits: 1, misses: 5, entries: 5 });
  });

  it("never serves an entry across a data change, without a change feed, after its TTL, or to an unknown viewer", async () => {
    let viewer: string | null = "alice";
    const t = await start({ viewerKey: () => viewer });
    await t.get("/orgs/acme");
    expect((await t.get("/orgs/acme")).cache).toBe("hit");
    t.setEpoch(2);
    expect(await t.get("/orgs/acme")).toMatchObject({ cache: "miss", body: "<p>render 2</p>" });
    expect((await t.get("/orgs/acme")).cache).toBe("hit");
    t.setEpoch(null);
    expect((await t.get("/orgs/acme")).cache).toBe("bypass; no change feed");
    expect((await t.get("/orgs/acme")).body).toBe("<p>render 4</p>");
    t.setEpoch(3);
    await t.get("/orgs/acme");
    t.advance(9_999);
    expect((await t.get("/orgs/acme")).cache).toBe("hit");
    t.advance(1);
    expect((await t.get("/orgs/acme")).cache).toBe("miss");
    viewer = null;
    expect((await t.get("/orgs/acme")).cache).toBe("bypass; viewer");
    expect(t.renders()).toBe(7);
  });

  it("stores only cacheable answers: 200, no Set-Cookie, GET of an allowed path, within the size bound", async () => {
    const t = await start({ maxEntryBytes: 100 }, (req, res, n) => {
      if (req.url?.includes("status")) res.statusCode = 404;
      if (req.url?.includes("cookie")) res.setHeader("set-cookie", "a=b");
      res.end(req.url?.includes("big") ? "x".repeat(101) : `render ${n}`);
    });
    for (const path of ["/orgs/status", "/orgs/cookie", "/orgs/big", "/settings"]) {
      await t.get(path);
      const again = await t.get(path);
      expect(again.cache, path).not.toBe("hit");
    }
    await t.get("/orgs/acme", { method: "POST", body: "x" });
    expect((await t.get("/orgs/acme", { method: "POST", body: "x" })).cache).toBeNull();
    expect((await t.get("/orgs/acme", { headers: { authorization: "Bearer x" } })).cache).toBe("bypass; request");
    expect(t.renders()).toBe(11);
    expect(t.cache.stats().entries).toBe(0);
  });

  it("does not store a render during which the data changed", async () => {
    let flip: (() => void) | undefined;
    const t = await start({}, (_q, res, n) => {
      flip?.();
      res.end(`render ${n}`);
    });
    flip = () => t.setEpoch(2);
    await t.get("/orgs/acme");
    flip = undefined;
    // Stamped with the epoch it started at, it could never be served anyway; it is not even kept.
    expect(t.cache.stats()).toMatchObject({ stored: 0, entries: 0 });
    expect((await t.get("/orgs/acme")).cache).toBe("miss");
    expect((await t.get("/orgs/acme")).cache).toBe("hit");
  });

  it("renders once for a burst of identical requests", async () => {
    const t = await start({}, async (_q, res, n) => {
      await new Promise((r) => setTimeout(r, 100));
      res.end(`render ${n}`);
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.get("/orgs/acme")));
    expect(t.renders()).toBe(1);
    expect(new Set(answers.map((a) => a.body))).toEqual(new Set(["render 1"]));
    expect(answers.filter((a) => a.cache === "coalesced")).toHaveLength(19);
  });

  it("answers a matching If-None-Match with 304, serves HEAD from the GET entry, and sets per-request headers afresh", async () => {
    let id = 0;
    const t = await start({ perRequestHeaders: { names: ["X-Request-Id"], values: (req): Record<string, string> => (req.headers["x-no-id"] ? {} : { "x-request-id": `id-${++id}` }) } }, (_q, res, n) => {
      res.writeHead(200, { etag: '"v1"', "content-type": "application/json", "x-request-id": "from-render" });
      res.end(JSON.stringify({ n }));
    });
    const first = await t.get("/orgs/acme");
    expect(first.headers.get("x-request-id")).toBe("from-render");
    const hit = await t.get("/orgs/acme");
    expect(hit).toMatchObject({ cache: "hit", body: '{"n":1}' });
    expect(hit.headers.get("etag")).toBe('"v1"');
    expect(hit.headers.get("x-request-id")).toBe("id-1");
    // The render's own id was never stored: a replay that sets none carries none.
    expect((await t.get("/orgs/acme", { headers: { "x-no-id": "1" } })).headers.get("x-request-id")).toBeNull();
    const notModified = await t.get("/orgs/acme", { headers: { "if-none-match": '"v0", "v1"' } });
    expect(notModified.status).toBe(304);
    expect((await t.get("/orgs/acme", { headers: { "if-none-match": '"v0"' } })).status).toBe(200);
    const head = await t.get("/orgs/acme", { method: "HEAD" });
    expect(head).toMatchObject({ status: 200, cache: "hit", body: "" });
    expect(head.headers.get("content-length")).toBe("7");
    expect(t.renders()).toBe(1);
  });

  it("stores bodies written in chunks and compressed, as sent", async () => {
    const html = "<main>" + "row ".repeat(5_000) + "</main>";
    const t = await start({}, (_q, res) => {
      res.setHeader("content-encoding", "gzip");
      const gz = gzipSync(html);
      res.write(gz.subarray(0, 10));
      res.write(gz.subarray(10, 100));
      res.end(gz.subarray(100));
    });
    const raw = async () => {
      const { request } = await import("node:http");
      const port = (server!.address() as { port: number }).port;
      return new Promise<{ cache: string | undefined; body: Buffer }>((resolve, reject) => {
        request({ port, host: "127.0.0.1", path: "/orgs/acme", headers: { "accept-encoding": "gzip" } }, (res) => {
          const parts: Buffer[] = [];
          res.on("data", (c: Buffer) => parts.push(c));
          res.on("end", () => resolve({ cache: res.headers["x-twelvefactor-cache"] as string, body: Buffer.concat(parts) }));
        })
          .on("error", reject)
          .end();
      });
    };
    const a = await raw();
    const b = await raw();
    expect([a.cache, b.cache]).toEqual(["miss", "hit"]);
    expect(gunzipSync(b.body).toString()).toBe(html);
  });

  it("keeps its memory bound by evicting the least recently used entries", async () => {
    const t = await start({ maxBytes: 300 }, (req, res) => void res.end(`${req.url}:`.padEnd(100, "x")));
    await t.get("/orgs/a");
    await t.get("/orgs/b");
    await t.get("/orgs/c");
    expect((await t.get("/orgs/a")).cache).toBe("hit"); // a is now the most recently used
    await t.get("/orgs/d"); // evicts b
    expect(t.cache.stats()).toMatchObject({ entries: 3, bytes: 300 });
    expect((await t.get("/orgs/b")).cache).toBe("miss");
    expect((await t.get("/orgs/a")).cache).toBe("hit");
  });

  it("reports each answered request that may write (and no read) to onWrite", async () => {
    let writes = 0;
    const t = await start({ onWrite: () => void writes++ });
    await t.get("/orgs/acme");
    await t.get("/orgs/acme");
    await t.get("/settings");
    expect(writes).toBe(0);
    await t.get("/orgs/acme/rescan", { method: "POST" });
    await t.get("/settings", { method: "DELETE" });
    expect(writes).toBe(2);
  });

  it("passes everything through while bypassed (shutdown)", async () => {
    let down = false;
    const t = await start({ bypass: () => down });
    await t.get("/orgs/acme");
    expect((await t.get("/orgs/acme")).cache).toBe("hit");
    down = true;
    const during = await t.get("/orgs/acme");
    expect(during.cache).toBeNull();
    expect(during.body).toBe("<p>render 2</p>");
  });
});
