// The web process as an operator runs it: the standalone server built for this suite, started with a
// bad or unreachable DATABASE_URL and stopped with SIGTERM.
import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { createServer, Socket } from "node:net";
import path from "node:path";
import { inheritedEnv, parseE2eEnv } from "../lib/env.ts";
import { createScratchDatabase } from "../test/support/scratch-db.ts";
import { ACME } from "./fixtures/data.ts";
import { saveScreenshot } from "./support/helpers.ts";

const SERVER = path.resolve(".next/standalone/web.mjs");

async function freePort(): Promise<number> {
  const srv = createServer().listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = srv.address() as { port: number };
  srv.close();
  return port;
}

type Run = { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<{ code: number | null; signal: string | null }> };

function start(command: string, args: string[], env: Record<string, string>): Run {
  const child = spawn(command, args, { env: inheritedEnv({ NODE_ENV: "production", ...env }) as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

test.describe("web process", () => {
  test.beforeAll(() => {
    expect(existsSync(SERVER), "the suite's web server builds .next/standalone first").toBe(true);
  });

  for (const [name, command, args] of [
    ["web entry point (web.mjs)", process.execPath, [SERVER]],
    ["next start", process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start"]],
  ] as const) {
    test(`${name} exits non-zero with one line naming a malformed DATABASE_URL`, async () => {
      const port = await freePort();
      const run = start(command, [...args], { DATABASE_URL: "not-a-url", PORT: String(port), HOSTNAME: "127.0.0.1" });
      const { code } = await within(30_000, run.exited, `${name} exit`);
      expect(code).not.toBe(0);
      // `next start` also warns that it is not meant for standalone output; nothing else may be printed.
      const lines = run
        .stderr()
        .split("\n")
        .filter((l) => l.trim() && !l.includes('"next start" does not work with "output: standalone"'));
      expect(lines, run.stderr()).toHaveLength(1);
      const line = JSON.parse(lines[0]!) as { level: string; variable: string; msg: string };
      expect(line).toMatchObject({ level: "fatal", variable: "DATABASE_URL" });
      expect(line.msg).toContain("DATABASE_URL");
    });
  }

  test("with an unreachable database: live 200, ready 503 with the reason, pages explain; SIGTERM stops it promptly", async ({ page }) => {
    const port = await freePort();
    const closedPort = await freePort();
    const run = start(process.execPath, [SERVER], {
      DATABASE_URL: `postgresql://nobody:secret@127.0.0.1:${closedPort}/nothing`,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      SHUTDOWN_GRACE_SECONDS: "5",
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/api/health/live`, 30_000);
      const live = await fetch(`${base}/api/health/live`);
      expect(live.status).toBe(200);
      const ready = await fetch(`${base}/api/health/ready`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { status: string; reason: string };
      expect(body.status).toBe("unavailable");
      expect(body.reason).toMatch(/^database: /);
      expect(body.reason).not.toContain("secret");

      // One JSON log line per API request, with the request id.
      await expect.poll(() => run.stdout().split("\n").filter((l) => l.includes('"path":"/api/health/ready"')).length).toBe(1);
      const logLine = JSON.parse(run.stdout().split("\n").find((l) => l.includes('"path":"/api/health/ready"'))!);
      expect(logLine).toMatchObject({ process: "web", method: "GET", status: 503 });
      expect(logLine.requestId).toBeTruthy();

      // Pages show the error state with what to check next.
      await page.goto(`${base}/`);
      await expect(page.getByRole("heading", { name: "This page could not be loaded" })).toBeVisible();
      await expect(page.getByRole("link", { name: "/api/health/ready" })).toBeVisible();
      await saveScreenshot(page, "error-database-down");
      const digest = (await page.getByText(/Error reference: /).textContent())!.match(/Error reference: (\S+)/)![1];
      await expect.poll(() => run.stdout().split("\n").some((l) => l.includes('"msg":"request error"') && l.includes(`"digest":"${digest}"`))).toBe(true);

      const started = Date.now();
      run.child.kill("SIGTERM");
      const { code, signal } = await within(10_000, run.exited, "shutdown after SIGTERM");
      test.info().annotations.push({ type: "sigterm", description: `exit code ${code}, signal ${signal}, ${Date.now() - started} ms` });
      // Next's own handler drains the HTTP server; instrumentation turns its 128 + 15 into a clean 0.
      expect(code).toBe(0);
    } finally {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
    }
  });

  test("on a fresh database the home page explains how to add an organization", async ({ page }) => {
    const scratch = await createScratchDatabase("tf_e2e_empty");
    let run: Run | undefined;
    try {
      const migrate = start(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "bin/migrate.ts", "deploy"], {
        DATABASE_URL: scratch.url,
      });
      expect((await within(60_000, migrate.exited, "migrate")).code, migrate.stderr()).toBe(0);

      const port = await freePort();
      run = start(process.execPath, [SERVER], { DATABASE_URL: scratch.url, PORT: String(port), HOSTNAME: "127.0.0.1", SHUTDOWN_GRACE_SECONDS: "5" });
      await waitForHttp(`http://127.0.0.1:${port}/api/health/live`, 30_000);
      await page.goto(`http://127.0.0.1:${port}/`);
      await expect(page.getByRole("heading", { name: "No organizations yet" })).toBeVisible();
      await expect(page.getByText("npm run demo")).toBeVisible();
      await expect(page.getByText("LOCAL_SOURCES=name=/absolute/dir")).toBeVisible();
      await saveScreenshot(page, "organizations-empty");
      await page.goto("about:blank"); // the empty state refreshes itself: stop polling before shutdown
    } finally {
      try {
        if (run && run.child.exitCode === null) {
          run.child.kill("SIGTERM");
          await within(10_000, run.exited, "shutdown").catch(() => run!.child.kill("SIGKILL"));
        }
      } finally {
        await scratch.drop();
      }
    }
  });

  // A client that keeps a keep-alive connection busy (a tab polling every second or two) would hold
  // Next's shutdown open forever: it waits for every open connection. API responses therefore close
  // their connection once shutdown started, and SHUTDOWN_GRACE_SECONDS bounds the wait for the rest.
  // The polling client keeps a few requests pipelined on one socket and sends the next one as each
  // answer starts, so the connection is rarely idle when SIGTERM arrives. A small window, not thousands
  // of requests at once: those would all render concurrently and swamp a loaded machine.
  // - API polling: every answer after SIGTERM closes the connection, so the process stops before the
  //   grace period, always.
  // - Page polling: pages keep the connection alive. Whether Node finds the socket idle at the instant
  //   the server closes (between one answer and the next pipelined request) is a race, so this one
  //   asserts the bound only: exit 0 no later than the grace period allows, whichever way it ended.
  // - A request stalled mid-headers (a slow client) is never idle, so only the grace period can end
  //   the drain: this is the scenario that proves the grace timer, deterministically.
  for (const scenario of [
    { name: "API polling", path: "/api/health/ready", mode: "poll", expectForced: false },
    { name: "page polling", path: `/orgs/${ACME.id}`, mode: "poll", expectForced: undefined },
    { name: "a request stalled mid-headers", path: "/api/health/ready", mode: "stall", expectForced: true },
  ] as const) {
    test(`SIGTERM with a client busy ${scenario.name} over keep-alive`, async () => {
      const grace = 4;
      const port = await freePort();
      const run = start(process.execPath, [SERVER], {
        DATABASE_URL: parseE2eEnv().DATABASE_URL,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        SHUTDOWN_GRACE_SECONDS: String(grace),
        // Every page rendered, none replayed from the response cache: a replay is answered within the
        // tick its request arrives, which leaves the socket idle more often.
        RESPONSE_CACHE_SECONDS: "0",
      });
      const socket = new Socket();
      try {
        await waitForHttp(`http://127.0.0.1:${port}/api/health/live`, 30_000);
        await new Promise<void>((resolve, reject) => socket.connect(port, "127.0.0.1", resolve).once("error", reject));
        let received = "";
        const request = `GET ${scenario.path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`;
        // Status lines are counted anywhere, not at line starts: an answer with a Content-Length ends
        // without a newline, so the next status line follows it directly.
        const IN_FLIGHT = scenario.mode === "poll" ? 4 : 1;
        let written = 0;
        let pumping = true;
        const pump = () => {
          const answered = (received.match(/HTTP\/1\.1 \d{3}/g) ?? []).length;
          while (pumping && written - answered < IN_FLIGHT && socket.writable && !socket.destroyed) {
            socket.write(request);
            written++;
          }
        };
        socket.on("data", (d) => {
          received += d.toString("latin1");
          pump();
        });
        socket.on("error", () => undefined);
        const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
        pump();
        await expect.poll(() => (received.match(/HTTP\/1\.1 200/g) ?? []).length, { timeout: 20_000 }).toBeGreaterThan(3);
        if (scenario.mode === "stall") {
          // Stop polling, let the last answer arrive, then start a request and never finish its headers.
          pumping = false;
          await expect.poll(() => (received.match(/HTTP\/1\.1 \d{3}/g) ?? []).length, { timeout: 10_000 }).toBe(written);
          socket.write(`GET ${scenario.path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
          await new Promise((r) => setTimeout(r, 1000)); // the server has parsed the request's first bytes
        }

        const sigtermAt = Date.now();
        const before = received.length;
        run.child.kill("SIGTERM");
        const { code } = await within((grace + 5) * 1000, run.exited, `shutdown with ${scenario.name}`);
        const ms = Date.now() - sigtermAt;
        await within(5_000, closed, "client connection closed");
        const after = received.slice(before);
        const statuses = (after.match(/HTTP\/1\.1 \d{3}/g) ?? []).map((l) => l.slice(9));
        const forced = run.stdout().includes("web shutdown grace period over");
        test.info().annotations.push({
          type: `sigterm with ${scenario.name}`,
          description: `exit ${code} after ${ms} ms, ${forced ? "ended by the grace period" : "before the grace period"}; ${statuses.length} responses after SIGTERM (${[...new Set(statuses)].join(", ")})`,
        });
        expect(code).toBe(0);
        expect(run.stdout()).toContain('"msg":"web shutting down"');
        // However it ended, the busy client did not keep the process alive past the grace period.
        expect(ms).toBeLessThan(grace * 1000 + 2000);
        if (scenario.expectForced !== undefined) expect(forced).toBe(scenario.expectForced);
        if (forced) {
          expect(ms).toBeGreaterThanOrEqual(grace * 1000 - 500);
        } else {
          expect(ms).toBeLessThan(grace * 1000);
        }
        if (scenario.path.startsWith("/api/") && statuses.includes("503")) {
          // A readiness answer produced after shutdown started says why and closes the connection. Answers
          // rendered just before SIGTERM may still arrive afterwards with keep-alive, so only the 503s are
          // checked.
          expect(after).toContain('"reason":"shutting down"');
          expect(after).toMatch(/^connection: close\r$/im);
        }
      } finally {
        socket.destroy();
        if (run.child.exitCode === null) run.child.kill("SIGKILL");
      }
    });
  }
});
