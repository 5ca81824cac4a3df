// Orchestrates `npm run demo` (see bin/demo.ts). Kept out of the entry point so it can be tested.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { inheritedEnv, parseDemoEnv, processPath } from "../env.ts";
import { writeSampleRepos } from "./sample-repos.ts";

const execFileP = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

function say(msg: string): void {
  process.stderr.write(`[demo] ${msg}\n`);
}

/** Copies the committed state of this repository, so the demo also scans twelvefactor itself. */
async function cloneSelf(target: string): Promise<void> {
  if (existsSync(target)) await execFileP("rm", ["-rf", target]);
  await execFileP("git", ["-c", "core.hooksPath=/dev/null", "clone", "-q", "--no-hardlinks", "--template=", ROOT, target], {
    env: { PATH: processPath(), GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" } as unknown as NodeJS.ProcessEnv,
  });
}

async function waitForHttp(url: string, timeoutMs: number, isAlive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process serving ${url} exited before it was ready`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${url}`);
}

export async function runDemo(): Promise<void> {
  const env = parseDemoEnv();
  const dataDir = path.resolve(ROOT, env.DEMO_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const children: ChildProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping…");
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once("exit", () => resolve());
            c.kill("SIGTERM");
            setTimeout(() => c.kill("SIGKILL"), 30_000).unref();
          }),
      ),
    );
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
    say("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    say("DATABASE_URL is unset: starting an embedded PostgreSQL under " + path.relative(ROOT, dataDir) + "/pg");
    const { startEmbeddedPostgres } = await import("../db/embedded.ts");
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), database: "twelvefactor" });
    cleanups.push(() => pg.stop());
    databaseUrl = pg.url;
  }

  say("applying migrations (one-off admin process)");
  await runToCompletion(["--import", "tsx", path.join(ROOT, "bin/migrate.ts"), "deploy"], { DATABASE_URL: databaseUrl });

  const reposDir = path.join(dataDir, "demo-repos");
  say("writing sample repositories to " + path.relative(ROOT, reposDir));
  await writeSampleRepos(reposDir);
  await cloneSelf(path.join(reposDir, "twelvefactor"));

  const server = path.join(ROOT, ".next", "standalone", "web.mjs");
  if (!existsSync(server) || !existsSync(path.join(ROOT, ".next", "standalone", ".next", "static"))) {
    say("building the web app (first run only, about a minute; `npm run build` rebuilds it)");
    await runCommand("npm", ["run", "--silent", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
  }

  const procEnv = inheritedEnv({
    DATABASE_URL: databaseUrl,
    PORT: String(env.PORT),
    HOSTNAME: "127.0.0.1",
    APP_URL: `http://localhost:${env.PORT}`,
    LOCAL_SOURCES: `demo=${reposDir}`,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: env.LOG_LEVEL,
  });
  const start = (name: string, args: string[]) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: procEnv as NodeJS.ProcessEnv, stdio: ["ignore", "inherit", "inherit"] });
    child.on("exit", (code, signal) => {
      if (!stopping) {
        say(`${name} exited (${signal ?? code}); stopping the demo`);
        void shutdown(1);
      }
    });
    children.push(child);
    return child;
  };
  const web = start("web", [server]);
  start("worker", ["--import", "tsx", path.join(ROOT, "bin/worker.ts")]);
  start("scheduler", ["--import", "tsx", path.join(ROOT, "bin/scheduler.ts")]);

  await waitForHttp(`http://127.0.0.1:${env.PORT}/api/health/ready`, 60_000, () => web.exitCode === null);
  say(`twelvefactor is running: http://localhost:${env.PORT}  (demo mode: no login, localhost only; Ctrl-C stops everything)`);
}

function runToCompletion(args: string[], extraEnv: Record<string, string>): Promise<void> {
  return runCommand(process.execPath, args, extraEnv);
}

function runCommand(command: string, args: string[], extraEnv: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdout of helpers goes to stderr: the demo's own stdout is reserved for the processes' JSON logs.
    const child = spawn(command, args, { cwd: ROOT, env: inheritedEnv(extraEnv) as NodeJS.ProcessEnv, stdio: ["ignore", 2, "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${[command, ...args].map((a) => path.basename(a)).join(" ")} exited with ${code}`))));
  });
}
