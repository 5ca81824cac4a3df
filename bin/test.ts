// `npm test`: unit/integration tests (vitest) and the e2e suite (Playwright) against a real PostgreSQL.
//  - DATABASE_URL set (CI): its server is used; unset: an embedded PostgreSQL under .data/pg-test.
//  - A fresh database `twelvefactor_test_<pid>_<time>` is created on that server, migrated by the
//    migrate admin process, handed to both runners as DATABASE_URL, and dropped at the end.
//  - The runners' own output streams through; the last line is the total from their JSON reports,
//    `N passed, N failed[, N skipped]`, and the exit code is non-zero if anything failed.
//  - SIGINT/SIGTERM are forwarded to the running child; cleanup still runs (a second signal kills it).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { constants } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { inheritedEnv, parseTestRunnerEnv, processPath } from "../lib/env.ts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/db/embedded.ts";
import { addCounts, formatSummary, NO_TESTS, playwrightCounts, vitestCounts, type Counts } from "../test/support/test-summary.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(ROOT, "test-results");
const VITEST_REPORT = path.join(RESULTS, "vitest.json");
const PLAYWRIGHT_REPORT = path.join(RESULTS, "playwright.json");
const TEST_DB_PREFIX = "twelvefactor_test_";

const say = (msg: string) => process.stdout.write(`[test] ${msg}\n`);
const failure: Counts = { passed: 0, failed: 1, skipped: 0 };

let current: ChildProcess | undefined;
let interrupted: NodeJS.Signals | undefined;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) {
      current?.kill("SIGKILL");
      return;
    }
    interrupted = signal;
    say(`${signal}: stopping the running step, then cleaning up`);
    current?.kill(signal);
  });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function sql(url: string, text: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** Runs a node entry point with the given env, streaming its output; resolves with its exit code. */
function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: "inherit" });
    current = child;
    child.on("error", (err) => {
      say(`could not start ${args.join(" ")}: ${err.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      current = undefined;
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 1));
    });
  });
}

async function readReport(file: string): Promise<unknown> {
  return existsSync(file) ? JSON.parse(await readFile(file, "utf8")) : undefined;
}

async function hasE2eSpecs(): Promise<boolean> {
  const dir = path.join(ROOT, "e2e");
  if (!existsSync(dir)) return false;
  const files = await readdir(dir, { recursive: true });
  return files.some((f) => /\.spec\.[cm]?[jt]sx?$/.test(String(f)));
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    say(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

async function runSuites(env: NodeJS.ProcessEnv): Promise<Counts> {
  const migrated = await timed("migrations", () => runNode(["--import", "tsx", "bin/migrate.ts", "deploy"], env));
  if (migrated !== 0) {
    say("migrations failed; no tests were run");
    return failure;
  }
  if (interrupted) return NO_TESTS;

  const vitestCode = await timed("vitest", () => runNode(["node_modules/vitest/vitest.mjs", "run"], env));
  const vitestReport = await readReport(VITEST_REPORT);
  let vitest = vitestReport ? vitestCounts(vitestReport) : NO_TESTS;
  if (vitestCode !== 0 && vitest.failed === 0) {
    say(`vitest exited with ${vitestCode}${vitestReport ? "" : " and wrote no report"}`);
    vitest = addCounts(vitest, failure);
  }
  if (interrupted) return vitest;

  if (!(await hasE2eSpecs())) {
    say("e2e: no Playwright specs in e2e/ yet; skipped");
    return vitest;
  }
  const playwrightCode = await timed("playwright", () => runNode(["node_modules/@playwright/test/cli.js", "test"], env));
  const playwrightReport = await readReport(PLAYWRIGHT_REPORT);
  let e2e = playwrightReport ? playwrightCounts(playwrightReport) : NO_TESTS;
  if (!playwrightReport) say(`playwright wrote no ${path.relative(ROOT, PLAYWRIGHT_REPORT)} (add the json reporter to playwright.config.ts)`);
  if (playwrightCode !== 0 && e2e.failed === 0) {
    say(`playwright exited with ${playwrightCode}`);
    e2e = addCounts(e2e, failure);
  }
  return addCounts(vitest, e2e);
}

/** Starts the embedded server (DATABASE_URL unset) and returns the URL of a server to create the test database on. */
async function testServer(): Promise<{ serverUrl: string; embedded?: EmbeddedPostgres }> {
  const configured = parseTestRunnerEnv().DATABASE_URL;
  if (configured) return { serverUrl: configured };
  say("DATABASE_URL is unset: starting an embedded PostgreSQL under .data/pg-test");
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", "pg-test"), fast: true });
  // This server is ours alone (one per data directory): databases left by interrupted runs can go.
  const stale = await sql(embedded.adminUrl, `SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB_PREFIX}%'`);
  for (const { datname } of stale) await sql(embedded.adminUrl, `DROP DATABASE "${datname}" WITH (FORCE)`);
  return { serverUrl: embedded.adminUrl, embedded };
}

async function main(): Promise<number> {
  const database = `${TEST_DB_PREFIX}${process.pid}_${Date.now()}`;
  let server: Awaited<ReturnType<typeof testServer>> | undefined;
  let created = false;
  let counts: Counts = NO_TESTS;
  try {
    server = await testServer();
    await sql(server.serverUrl, `CREATE DATABASE "${database}"`);
    created = true;
    say(`database ${database} on ${new URL(server.serverUrl).host}`);
    await rm(VITEST_REPORT, { force: true });
    await rm(PLAYWRIGHT_REPORT, { force: true });
    const env = inheritedEnv({
      DATABASE_URL: withDatabase(server.serverUrl, database),
      // Grandchildren (Playwright's web servers, `#!/usr/bin/env node` shims) run on this same Node.
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${processPath()}`,
      PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_REPORT,
    }) as NodeJS.ProcessEnv;
    counts = await runSuites(env);
  } catch (err) {
    say(`error: ${err instanceof Error ? err.message : String(err)}`);
    counts = addCounts(counts, failure);
  } finally {
    if (server && created) {
      await sql(server.serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch((err: Error) =>
        say(`could not drop ${database}: ${err.message}`),
      );
    }
    await server?.embedded?.stop();
  }

  process.stdout.write(`${formatSummary(counts)}\n`);
  if (interrupted) return 128 + constants.signals[interrupted];
  return counts.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`npm test failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
