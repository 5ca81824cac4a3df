// Scratch databases for tests that need a database of their own (an empty one, or one they may break):
// created on the server DATABASE_URL points at (npm test points it at a fresh, migrated test database)
// and dropped by the test. Needs the CREATEDB privilege, which the test server's user has.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { EnvError, loadEnv } from "../../lib/env.ts";

export type ScratchDatabase = { name: string; url: string; drop(): Promise<void> };

/** DATABASE_URL, or a clear error: database tests run through `npm test`, which provides one. */
export function testDatabaseUrl(): string {
  try {
    return loadEnv().DATABASE_URL;
  } catch (err) {
    if (err instanceof EnvError && err.variable === "DATABASE_URL") {
      throw new Error("DATABASE_URL is not set: run database tests through `npm test` (it provides a fresh database)");
    }
    throw err;
  }
}

/** `url` with its database name replaced. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(prefix = "tf_scratch"): Promise<ScratchDatabase> {
  const base = testDatabaseUrl();
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(base, `CREATE DATABASE "${name}"`);
  return {
    name,
    url: withDatabase(base, name),
    drop: async () => {
      await adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
