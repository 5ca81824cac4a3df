// The process's one PrismaClient (a backing service attached by URL, factor IV), created on first use
// from the validated DATABASE_URL, so importing this module needs no environment (next build imports
// it). Queries live beside it, one domain per file (lib/db/<domain>.ts). Processes call disconnectDb()
// on shutdown to close the pool.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { loadEnv } from "../env.ts";
import { logger } from "../log.ts";

export type Db = PrismaClient;

// Kept on globalThis so Next.js dev-mode module reloads reuse the pool instead of leaking one per edit.
const holder = globalThis as typeof globalThis & { __twelvefactorDb?: PrismaClient };

/** The shared PrismaClient (adapter-pg, node-postgres pool), created on first call. */
export function db(): PrismaClient {
  holder.__twelvefactorDb ??= createDb(loadEnv().DATABASE_URL);
  return holder.__twelvefactorDb;
}

/** A separate client for a given URL (tests, tools); the caller disconnects it. */
export function createDb(databaseUrl: string): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, application_name: "twelvefactor" },
    { onPoolError: (err) => logger().warn({ err: err.message }, "idle database connection failed") },
  );
  return new PrismaClient({ adapter });
}

/** Closes the shared client's pool (idempotent); the next db() call opens a new one. */
export async function disconnectDb(): Promise<void> {
  const client = holder.__twelvefactorDb;
  holder.__twelvefactorDb = undefined;
  await client?.$disconnect();
}
