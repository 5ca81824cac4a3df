// Shared setup for the GitHub benchmarks: a scratch database (on DATABASE_URL's server), the local
// GitHub stand-in, a real worker (the production startWorker with every job) and a web-side webhook
// endpoint (the real receiver behind a node:http server, like the Next route).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { PgBoss } from "pg-boss";
import { parseEnv, type Env } from "../lib/env.ts";
import type { GitHubConfig } from "../lib/github/config.ts";
import { startFakeGitHub, type FakeGitHub } from "../lib/github/testing/fake-github.ts";
import { receiveWebhook } from "../lib/github/webhook-receiver.ts";
import { JOBS } from "../lib/jobs/registry.ts";
import { createLogger } from "../lib/log.ts";
import { createBoss, startBoss } from "../lib/queue/boss.ts";
import { ensureQueues } from "../lib/queue/enqueue.ts";
import { createTestDatabase, type TestDatabase } from "../lib/queue/testing/test-database.ts";
import { startWorker, type RunningWorker } from "../lib/queue/worker.ts";
import { sourceForOrgWith } from "../lib/sources/source-for-org.ts";

export interface Harness {
  gh: FakeGitHub;
  tdb: TestDatabase;
  env: Env;
  config: GitHubConfig;
  boss: PgBoss;
  worker: RunningWorker | null;
  webhookUrl: string;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(name: string, envOverrides: Record<string, string> = {}): Promise<Harness> {
  const gh = await startFakeGitHub();
  const tdb = await createTestDatabase(name);
  const env = parseEnv({ DATABASE_URL: tdb.url, LOG_LEVEL: "warn", ...envOverrides });
  const config: GitHubConfig = {
    appId: gh.app.id,
    slug: gh.app.slug,
    privateKey: gh.app.privateKeyPem,
    webhookSecret: gh.app.webhookSecret,
    clientId: gh.app.clientId,
    clientSecret: gh.app.clientSecret,
    apiUrl: gh.apiUrl,
    webUrl: gh.webUrl,
    source: "env",
  };
  const boss = await startBoss(createBoss(tdb.url, "producer"));
  await ensureQueues(boss, JOBS);
  const web: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const outcome = await receiveWebhook(new Request("http://127.0.0.1/api/github/webhooks", { method: "POST", headers, body: Buffer.concat(chunks) }), {
      db: tdb.db,
      boss,
      webhookSecret: config.webhookSecret,
    });
    res.writeHead(outcome.status, { "content-type": "application/json" });
    res.end(JSON.stringify(outcome.body));
  });
  await new Promise<void>((r) => web.listen(0, "127.0.0.1", r));
  const webhookUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/api/github/webhooks`;
  gh.app.hookUrl = webhookUrl;
  const h: Harness = {
    gh,
    tdb,
    env,
    config,
    boss,
    worker: null,
    webhookUrl,
    async startWorker() {
      h.worker = await startWorker({ env, log: createLogger("warn", "worker"), db: tdb.db, jobs: JOBS, sourceFor: sourceForOrgWith(config) });
    },
    async close() {
      await h.worker?.stop();
      await boss.stop({ graceful: false });
      web.close();
      await tdb.drop();
      await gh.close();
    },
  };
  return h;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
