// The embedded PostgreSQL behind `npm run demo` and `npm test` without DATABASE_URL: initialises once,
// keeps data across restarts, and recovers the directory from a server whose starter was SIGKILLed.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded.ts";

async function query(url: string, sql: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Running (a zombie, not yet reaped by init, counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

describe("embedded PostgreSQL", () => {
  let parent: string;
  let dataDir: string;
  beforeAll(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), "tf-embedded-"));
    await chmod(parent, 0o755); // when run as root, the server runs as `postgres` and must reach its directory
    dataDir = path.join(parent, "pg");
  });
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it("initialises a cluster, creates the database, and keeps data across restarts", async () => {
    const first = await startEmbeddedPostgres({ dataDir, database: "demo", fast: true });
    try {
      expect(first.url).toMatch(/^postgresql:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/demo$/);
      expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
      await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    } finally {
      await first.stop();
    }
    await expect(query(first.url, "SELECT 1")).rejects.toThrow();

    const second = await startEmbeddedPostgres({ dataDir, database: "demo", fast: true });
    try {
      expect(await query(second.url, "SELECT v FROM kept")).toEqual([{ v: "still here" }]);
      expect(await query(second.adminUrl, "SELECT current_user AS u")).toEqual([{ u: "postgres" }]);
    } finally {
      await second.stop();
    }
  });

  it("takes over a directory whose server was left running by a killed process", async () => {
    const script = `import { startEmbeddedPostgres } from ${JSON.stringify(path.resolve(import.meta.dirname, "embedded.ts"))};
      const s = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, fast: true });
      process.stdout.write("ready\\n"); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      child.on("exit", (code) => reject(new Error(`starter exited with ${code}`)));
    });
    const orphan = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(alive(orphan)).toBe(true);

    const next = await startEmbeddedPostgres({ dataDir, fast: true });
    try {
      expect(await query(next.adminUrl, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
      expect(alive(orphan)).toBe(false);
    } finally {
      await next.stop();
    }
  });
});
