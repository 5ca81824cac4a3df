// The change feed's delivery check against a real PostgreSQL, through a TCP relay the test controls:
// when the connection silently stops delivering (the relay swallows what the server sends, as a
// network partition or a transaction-mode pooler would), the feed must notice and count as down, then
// come back on a new connection.
import { createServer, Socket, type Server } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../test/support/scratch-db.ts";
import { startChangeFeed, CHANGE_CHANNEL, type ChangeFeed } from "./change-feed.ts";
import pg from "pg";

let relay: Server;
let relayUrl: string;
const sockets: Array<{ client: Socket; server: Socket; swallow: boolean }> = [];

beforeAll(async () => {
  const target = new URL(testDatabaseUrl());
  relay = createServer((client) => {
    const server = new Socket();
    const pair = { client, server, swallow: false };
    sockets.push(pair);
    server.connect(Number(target.port || 5432), target.hostname);
    client.on("data", (d) => server.write(d));
    server.on("data", (d) => {
      if (!pair.swallow) client.write(d);
    });
    const end = () => {
      client.destroy();
      server.destroy();
    };
    client.on("close", end).on("error", end);
    server.on("close", end).on("error", end);
  });
  await new Promise<void>((r) => relay.listen(0, "127.0.0.1", () => r()));
  const u = new URL(testDatabaseUrl());
  u.hostname = "127.0.0.1";
  u.port = String((relay.address() as { port: number }).port);
  relayUrl = u.toString();
});

afterAll(async () => {
  for (const s of sockets) s.client.destroy();
  await new Promise<void>((r) => relay.close(() => r()));
});

describe("change feed", () => {
  let feed: ChangeFeed | undefined;
  afterAll(async () => feed?.close());

  it("moves its epoch on each committed NOTIFY on the channel, and only then", async () => {
    feed = startChangeFeed({ databaseUrl: relayUrl, log: pino({ level: "silent" }), heartbeatMs: 300, reconnectMs: 100 });
    await feed.ready();
    const before = feed.epoch();
    expect(before).not.toBeNull();
    const other = new pg.Client({ connectionString: testDatabaseUrl() });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`NOTIFY ${CHANGE_CHANNEL}, 'Org'`);
      await new Promise((r) => setTimeout(r, 300));
      expect(feed.epoch()).toBe(before); // not committed: not delivered
      await other.query("COMMIT");
      await expect.poll(() => feed!.epoch()).not.toBe(before);
    } finally {
      await other.end();
    }
  });

  it("counts as down when the connection stops delivering, and recovers on a new one", async () => {
    await feed!.ready();
    const live = sockets.filter((s) => !s.client.destroyed);
    expect(live.length).toBeGreaterThan(0);
    for (const s of live) s.swallow = true; // the server's answers no longer arrive; nothing is closed
    await expect.poll(() => feed!.epoch(), { timeout: 5_000 }).toBeNull();
    await feed!.ready(10_000);
    expect(feed!.epoch()).not.toBeNull();
    expect(sockets.filter((s) => !s.client.destroyed && !s.swallow).length).toBeGreaterThan(0);
  });

  it("is null after close()", async () => {
    await feed!.close();
    expect(feed!.epoch()).toBeNull();
  });
});
