// End-to-end suite: the production build (`next build` → .next/standalone/web.mjs) and a real worker
// against the database in DATABASE_URL (npm test creates and migrates a fresh one), driven by Debian's
// Chromium. The global setup seeds that database (e2e/fixtures).
// A second formation runs in GitHub mode for e2e/github-signin.spec.ts and e2e/email-signed-in.spec.ts
// (helpers: e2e/support/github-session.ts): the local GitHub stand-in
// (e2e/support/github-stand-in.ts, which also prepares that formation's own database), a second web
// server from the same build and a worker, all configured for the stand-in (e2e/support/github-mode.ts).
import { generateKeyPairSync } from "node:crypto";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { githubModeEnv, githubModeSettings } from "./e2e/support/github-mode.ts";
import { parseE2eEnv } from "./lib/env.ts";

const env = parseE2eEnv();

if (!existsSync(env.CHROMIUM_PATH)) {
  throw new Error(
    `Chromium not found at ${env.CHROMIUM_PATH}. Install it (Debian: apt-get install -y chromium) ` +
      "or set CHROMIUM_PATH to a Chromium/Chrome executable.",
  );
}

export const BASE_URL = `http://127.0.0.1:${env.E2E_PORT}`;

const reuseBuild = env.E2E_REUSE_BUILD && existsSync(".next/standalone/web.mjs");
// Standalone output needs the static assets and public/ copied next to server.js (Next leaves that to the
// deployer; the Dockerfile does the same). `exec` makes node (the one running this suite) the process
// Playwright stops.
const webCommand = [
  ...(reuseBuild ? [] : ["npx next build"]),
  "rm -rf .next/standalone/.next/static .next/standalone/public",
  "cp -R .next/static .next/standalone/.next/static",
  "cp -R public .next/standalone/public",
  "cp bin/web-server.mjs .next/standalone/web.mjs",
  `exec "${process.execPath}" .next/standalone/web.mjs`,
].join(" && ");

// GitHub mode: the app's private key is made per run (PKCS#1, like GitHub's .pem files) and handed to
// the stand-in, the web server and the worker through their environment.
const github = githubModeSettings(env);
const githubEnv = githubModeEnv(
  github,
  generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
);

export default defineConfig({
  testDir: "./e2e",
  // Playwright empties outputDir at start: keep it apart from test-results/vitest.json.
  outputDir: "test-results/playwright",
  globalSetup: "./e2e/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: env.CHROMIUM_PATH,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      name: "web",
      command: webCommand,
      url: `${BASE_URL}/api/health/live`,
      reuseExistingServer: false,
      // includes `next build`: about 90 s on a quiet 2-core machine, over 240 s at load average 40 (a CI run
      // beside other work timed out at 240 s); a start timeout only delays the report of a real hang
      timeout: 600_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: {
        DATABASE_URL: env.DATABASE_URL,
        PORT: String(env.E2E_PORT),
        HOSTNAME: "127.0.0.1",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
    {
      name: "worker",
      command: "npx tsx bin/worker.ts",
      wait: { stdout: /worker ready/ },
      reuseExistingServer: false,
      timeout: 180_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
      env: { DATABASE_URL: env.DATABASE_URL, WORKER_CONCURRENCY: "1" },
    },
    // Started in order, each once the previous is ready: the stand-in (and its database), then the
    // GitHub-mode web server (the build above, already copied) and worker.
    {
      name: "github-stand-in",
      command: "npx tsx e2e/support/github-stand-in.ts",
      wait: { stdout: /github stand-in ready/ },
      reuseExistingServer: false,
      timeout: 120_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: { ...githubEnv, LOG_LEVEL: "warn" },
    },
    {
      name: "web-github",
      command: `exec "${process.execPath}" .next/standalone/web.mjs`,
      url: `${github.appUrl}/api/health/live`,
      reuseExistingServer: false,
      timeout: 180_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: { ...githubEnv, PORT: String(github.webPort), HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" },
    },
    {
      name: "worker-github",
      command: "npx tsx bin/worker.ts",
      wait: { stdout: /worker ready/ },
      reuseExistingServer: false,
      timeout: 180_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
      env: { ...githubEnv, WORKER_CONCURRENCY: "1" },
    },
  ],
});
