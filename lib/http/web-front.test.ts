// The web front (response cache + change feed + viewer keys) against a real, migrated database of its
// own: a committed write from another connection reaches the cache through the migration's NOTIFY
// triggers, whoever makes it. The downstream handler stands in for Next and reads the database.
import { createServer, type Server } from "node:http";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/viewer.ts";
import { parseEnv } from "../env.ts";
import { createTestDatabase, type TestDatabase } from "../queue/testing/test-database.ts";
import { cacheablePath, createWebFront, viewerCacheKey, type WebFront } from "./web-front.ts";

let tdb: TestDatabase;
let front: WebFront;
let server: Server;
let base: string;
let renders = 0;
const ORG = `org-front-${Date.now()}`;

beforeAll(async () => {
  tdb = await createTestDatabase("tf_front");
  await tdb.db.org.create({ data: { id: ORG, sourceKind: "LOCAL", login: ORG, name: "Before", localPath: "/nowhere" } });
  const env = parseEnv({ DATABASE_URL: tdb.url, RESPONSE_CACHE_SECONDS: "30", LOG_LEVEL: "silent" });
  front = createWebFront({ env, db: () => tdb.db, log: pino({ level: "silent" }), isShuttingDown: () => false });
  await front.feed.ready();
  server = createServer((req, res) => {
    void front.handle(req, res, async (q, r) => {
      renders++;
      const org = await tdb.db.org.findUniqueOrThrow({ where: { id: ORG } });
      const local = q.headers["x-forwarded-host"] === undefined;
      r.setHeader("content-type", "text/plain");
      r.end(`${local ? "demo" : "outsider"} sees ${org.name}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((r) => server?.close(() => r()));
  await front?.close();
  await tdb?.drop();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers });
  return { body: await res.text(), cache: res.headers.get("x-twelvefactor-cache") };
}

describe("web front", () => {
  it("serves repeat reads from memory until a committed write anywhere clears them", async () => {
    const before = renders;
    expect(await get(`/orgs/${ORG}`)).toEqual({ body: "demo sees Before", cache: "miss" });
    expect(await get(`/orgs/${ORG}`)).toEqual({ body: "demo sees Before", cache: "hit" });
    expect(renders - before).toBe(1);

    const epoch = front.feed.epoch();
    // Uncommitted: nothing is announced, the cached answer is still the truth for everyone else.
    await tdb.db.$transaction(async (tx) => {
      await tx.org.update({ where: { id: ORG }, data: { name: "After" } });
      await new Promise((r) => setTimeout(r, 200));
      expect(front.feed.epoch()).toBe(epoch);
      expect(await get(`/orgs/${ORG}`)).toEqual({ body: "demo sees Before", cache: "hit" });
    });
    await expect.poll(() => front.feed.epoch()).not.toBe(epoch);
    expect(await get(`/orgs/${ORG}`)).toEqual({ body: "demo sees After", cache: "miss" });
    expect(await get(`/orgs/${ORG}`)).toEqual({ body: "demo sees After", cache: "hit" });
  });

  it("makes a write answered by this process visible to the very next read", async () => {
    await get(`/orgs/${ORG}`);
    expect((await get(`/orgs/${ORG}`)).cache).toBe("hit");
    // The stand-in writes nothing: only the front's own bump can make the next read render again.
    await fetch(`${base}/api/orgs/${ORG}/rescan`, { method: "POST" });
    expect((await get(`/orgs/${ORG}`)).cache).toBe("miss");
  });

  it("never gives one viewer's answer to another (the loopback demo vs a request from another host)", async () => {
    await get(`/orgs/${ORG}`);
    expect((await get(`/orgs/${ORG}`)).cache).toBe("hit");
    // Through a proxy for a public name: not the loopback demo (lib/auth/resolve-viewer.ts).
    const outsider = await get(`/orgs/${ORG}`, { "x-forwarded-host": "dashboard.example.com" });
    expect(outsider.body).toMatch(/^outsider sees/);
    expect(outsider.cache).toBe("miss");
  });

  it("turns itself off while the change feed is down and back on after it reconnects", async () => {
    await get(`/orgs/${ORG}`);
    expect((await get(`/orgs/${ORG}`)).cache).toBe("hit");
    // Kill the LISTEN connection from the server side, as a failover or a network cut would.
    await tdb.db.$executeRawUnsafe(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'twelvefactor-change-feed' AND datname = current_database()`);
    await expect.poll(() => front.feed.epoch()).toBeNull();
    expect((await get(`/orgs/${ORG}`)).cache).toBe("bypass; no change feed");
    await front.feed.ready(15_000);
    expect((await get(`/orgs/${ORG}`)).cache).toBe("miss");
    expect((await get(`/orgs/${ORG}`)).cache).toBe("hit");
  });

  it("caches only the routes whose answers depend on the URL, the viewer and notified tables", () => {
    for (const p of ["/", "/orgs", "/orgs/acme", "/orgs/acme/factors/III", "/orgs/acme/history", "/repos/r1", "/repos/r1/history", "/repos/r1/compare", "/api/v1/orgs", "/api/v1/orgs/acme/repos", "/api/badges/repos/r1.svg"]) {
      expect(cacheablePath(p), p).toBe(true);
    }
    for (const p of ["/repos/r1/source", "/orgs/acme/email-preview", "/settings/notifications", "/login", "/admin/github", "/api/health/ready", "/api/repos/r1/status", "/api/repos/r1/rescan", "/api/auth/github/callback", "/api/github/webhooks", "/unsubscribe"]) {
      expect(cacheablePath(p), p).toBe(false);
    }
  });

  it("keys viewers by identity and everything they may see", () => {
    const alice: Viewer = { kind: "user", userId: "u1", login: "alice", name: null, avatarUrl: null, isAdmin: false, orgIds: ["a", "b"] };
    expect(viewerCacheKey(alice)).toBe(viewerCacheKey({ ...alice, orgIds: ["b", "a"] }));
    expect(viewerCacheKey(alice)).not.toBe(viewerCacheKey({ ...alice, orgIds: ["a"] }));
    expect(viewerCacheKey(alice)).not.toBe(viewerCacheKey({ ...alice, isAdmin: true }));
    expect(viewerCacheKey(alice)).not.toBe(viewerCacheKey({ ...alice, userId: "u2" }));
    expect(viewerCacheKey({ kind: "demo" })).not.toBe(viewerCacheKey({ kind: "anonymous", reason: "demo-not-local" }));
  });
});
