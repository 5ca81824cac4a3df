// The database's change notifications, for the web process's response cache (lib/http/response-cache.ts).
//
// Migration 20261126180000_change_notifications makes every committed write to a table a cached answer
// reads (Org, Repository, Scan, FactorResult, Finding, GitHubApp, User, Session, Membership,
// EmailSubscription) send NOTIFY on `twelvefactor_changes`, whoever wrote it (worker, web, scheduler, a
// psql session). This module holds one dedicated connection that LISTENs, and turns what it hears into
// an epoch: a number that changes whenever the data may have changed.
//
// `epoch()` is null whenever the feed cannot vouch for the data: before the first LISTEN succeeded,
// after the connection failed or stopped delivering, and after close(). The cache serves nothing while
// it is null. A reconnect moves the epoch on, since notifications sent while disconnected are lost.
// Delivery is proven, not assumed: the feed also LISTENs on a channel of its own and sends itself a
// NOTIFY there on connecting and every few seconds; if one does not come back in time (a connection
// that died silently, or a transaction-mode pooler such as PgBouncer, which accepts LISTEN but does
// not deliver), the feed counts as down.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const CHANGE_CHANNEL = "twelvefactor_changes";

export type ChangeFeedLogger = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
};

export type ChangeFeedOptions = {
  databaseUrl: string;
  log: ChangeFeedLogger;
  /** How often the connection is checked with `SELECT 1` (ms). */
  heartbeatMs?: number;
  /** First reconnect delay (ms); doubles up to 30 s. */
  reconnectMs?: number;
};

export type ChangeFeed = {
  /** Changes whenever the data may have changed; null while the feed is not connected. */
  epoch(): number | null;
  /** Called after every epoch change (a notification or a reconnect) and when the feed goes down. */
  onChange(listener: () => void): void;
  /** Moves the epoch on now (this process just wrote; its notification will follow). */
  bump(): void;
  /** Resolves once the feed is listening (or rejects after `timeoutMs`). */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export function startChangeFeed(opts: ChangeFeedOptions): ChangeFeed {
  const heartbeatMs = opts.heartbeatMs ?? 5_000;
  const firstDelay = opts.reconnectMs ?? 500;
  let counter = 0;
  let connected = false;
  let closed = false;
  let client: pg.Client | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let retry: NodeJS.Timeout | null = null;
  let delay = firstDelay;
  let warnedConnect = false;
  const listeners: Array<() => void> = [];
  let readyWaiters: Array<() => void> = [];

  const emit = () => {
    for (const l of listeners) {
      try {
        l();
      } catch (err) {
        opts.log.warn({ err: (err as Error).message }, "change feed listener failed");
      }
    }
  };

  const down = (reason: string) => {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    const c = client;
    client = null;
    if (c) {
      c.removeAllListeners("notification");
      c.removeAllListeners("error");
      c.removeAllListeners("end");
      c.on("error", () => {});
      c.end().catch(() => {});
    }
    if (connected) {
      connected = false;
      counter++;
      opts.log.warn({ reason }, "change feed disconnected: response cache off until it reconnects");
      emit();
    }
    if (!closed && !retry) {
      retry = setTimeout(() => {
        retry = null;
        void connect();
      }, delay);
      retry.unref();
      delay = Math.min(delay * 2, 30_000);
    }
  };

  // This process's own channel for delivery checks (a random name: other processes never hear it).
  const pingChannel = `twelvefactor_feed_${randomBytes(6).toString("hex")}`;
  let pongWaiter: (() => void) | null = null;

  /** NOTIFY on our own channel and wait until it comes back on `c`; false after `timeoutMs`. */
  const roundTrip = (c: pg.Client, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        pongWaiter = null;
        resolve(false);
      }, timeoutMs);
      timer.unref();
      pongWaiter = () => {
        clearTimeout(timer);
        pongWaiter = null;
        resolve(true);
      };
      c.query(`NOTIFY ${pingChannel}`).catch(() => {
        clearTimeout(timer);
        pongWaiter = null;
        resolve(false);
      });
    });

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: opts.databaseUrl, application_name: "twelvefactor-change-feed", keepAlive: true });
    client = c;
    c.on("error", (err) => down(err.message));
    c.on("end", () => down("connection ended"));
    c.on("notification", (msg) => {
      if (msg.channel === pingChannel) {
        pongWaiter?.();
        return;
      }
      if (msg.channel !== CHANGE_CHANNEL) return;
      counter++;
      opts.log.debug({ table: msg.payload }, "data changed");
      emit();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
      await c.query(`LISTEN ${pingChannel}`);
      if (!(await roundTrip(c, heartbeatMs))) throw new Error("a NOTIFY sent to itself did not come back (a transaction-mode connection pooler?)");
    } catch (err) {
      if (client === c) {
        if (!warnedConnect) opts.log.warn({ err: (err as Error).message }, "change feed cannot listen: response cache off until it can");
        warnedConnect = true;
        down((err as Error).message);
      }
      return;
    }
    if (closed || client !== c) {
      c.end().catch(() => {});
      return;
    }
    connected = true;
    warnedConnect = false;
    delay = firstDelay;
    counter++;
    opts.log.info({ channel: CHANGE_CHANNEL }, "change feed listening");
    let checking = false;
    heartbeat = setInterval(() => {
      if (checking) return;
      checking = true;
      void roundTrip(c, heartbeatMs).then((ok) => {
        checking = false;
        if (!ok && client === c) down("heartbeat NOTIFY did not come back in time");
      });
    }, heartbeatMs);
    heartbeat.unref();
    const waiters = readyWaiters;
    readyWaiters = [];
    for (const w of waiters) w();
    emit();
  };

  void connect();

  return {
    epoch: () => (connected ? counter : null),
    onChange: (l) => void listeners.push(l),
    bump: () => {
      counter++;
      emit();
    },
    ready: (timeoutMs = 10_000) =>
      connected
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const t = setTimeout(() => reject(new Error(`change feed not listening after ${timeoutMs} ms`)), timeoutMs);
            readyWaiters.push(() => {
              clearTimeout(t);
              resolve();
            });
          }),
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      retry = null;
      const c = client;
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      client = null;
      const was = connected;
      connected = false;
      if (was) emit();
      if (c) {
        c.removeAllListeners("end");
        c.removeAllListeners("error");
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
