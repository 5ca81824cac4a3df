// The driver-adapter factory the schema engine runs on: @prisma/adapter-pg for the main database,
// plus a shadow database for `create` that avoids the adapter's bugs (STACK.md §2):
//  1. PrismaPg's own connectToShadowDb() spreads `{ ...config, database }` over a config holding a
//     connectionString, and node-postgres lets the connectionString's database win: the "shadow"
//     replay would run against the MAIN database. We always hand node-postgres discrete fields.
//  2. Its dispose runs `DROP DATABASE` before closing its own pool, so the drop fails ("is being
//     accessed by other users") and the database leaks. We close the pool first, then drop
//     `WITH (FORCE)`, and drop any shadow database still listed when the factory is closed.
//  3. The missing OID 18 ("char") mapping is patched in ./char-oid-patch.ts.
// And one parity fix: adapter-pg's executeScript() splits scripts on every ";" (breaking string
// literals and function bodies) and runs the pieces without a transaction. Prisma's native engine
// sends a migration as ONE simple-protocol query, which PostgreSQL runs as one implicit transaction;
// we restore that, so a failing migration leaves nothing half-applied.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { restoreCharColumns } from "./char-oid-patch.ts";

/** node-postgres settings from a URL as discrete fields (never a connectionString), optionally for another database. */
export function connectionFields(url: string, database?: string): pg.ClientConfig {
  const config: pg.ClientConfig = { ...parseIntoClientConfig(url), application_name: "twelvefactor-migrate" };
  delete config.connectionString;
  if (database !== undefined) config.database = database;
  return config;
}

function sameDatabase(a: string, b: string): boolean {
  const x = connectionFields(a);
  const y = connectionFields(b);
  return x.host === y.host && String(x.port ?? 5432) === String(y.port ?? 5432) && x.database === y.database;
}

async function withClient<T>(config: pg.ClientConfig, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/** Runs whole scripts as one simple-protocol query (one implicit transaction), like the native engine. */
function runScriptsWhole(adapter: Adapter): Adapter {
  const pool = adapter.underlyingDriver();
  const toAdapterError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      toAdapterError(error);
    }
  };
  return adapter;
}

export class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  private readonly open = new Set<SqlDriverAdapter>();
  private readonly shadowDatabases = new Set<string>();

  constructor(
    private readonly databaseUrl: string,
    private readonly shadowDatabaseUrl?: string,
  ) {
    this.adapterName = new PrismaPg(connectionFields(databaseUrl)).adapterName;
    if (shadowDatabaseUrl && sameDatabase(databaseUrl, shadowDatabaseUrl)) {
      throw new Error("SHADOW_DATABASE_URL points at the same database as DATABASE_URL; it would be wiped");
    }
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await new PrismaPg(connectionFields(this.databaseUrl)).connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    if (this.shadowDatabaseUrl) {
      // A configured shadow database (no CREATEDB privilege needed): wipe it, as Prisma does.
      const fields = connectionFields(this.shadowDatabaseUrl);
      await withClient(fields, (c) => c.query('DROP SCHEMA IF EXISTS "public" CASCADE; CREATE SCHEMA "public"'));
      return this.track(await new PrismaPg(fields).connect());
    }
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await withClient(connectionFields(this.databaseUrl), (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
    this.shadowDatabases.add(name);
    const adapter = await new PrismaPg(connectionFields(this.databaseUrl, name)).connect();
    const closePool = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await closePool();
      await this.dropShadowDatabase(name);
    };
    return this.track(adapter);
  }

  /** Closes every pool the engine left open and drops any shadow database still around. */
  async close(): Promise<void> {
    for (const adapter of [...this.open]) await adapter.dispose().catch(() => undefined);
    for (const name of [...this.shadowDatabases]) await this.dropShadowDatabase(name).catch(() => undefined);
  }

  private track(adapter: Adapter): Adapter {
    runScriptsWhole(adapter);
    restoreCharColumns(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => restoreCharColumns(await startTransaction(isolationLevel)) as Transaction;
    const dispose = adapter.dispose.bind(adapter);
    let disposed = false;
    adapter.dispose = async () => {
      this.open.delete(adapter);
      if (disposed) return;
      disposed = true;
      await dispose();
    };
    this.open.add(adapter);
    return adapter;
  }

  private async dropShadowDatabase(name: string): Promise<void> {
    await withClient(connectionFields(this.databaseUrl), (c) =>
      c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`),
    );
    this.shadowDatabases.delete(name);
  }
}
