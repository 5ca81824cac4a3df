// Prisma's official schema engine, compiled to WebAssembly (@prisma/schema-engine-wasm), driven through
// @prisma/adapter-pg. This is what lets migrations run offline: the Prisma CLI's `migrate` commands
// need a native engine binary downloaded from binaries.prisma.sh. The engine writes Prisma's own
// `_prisma_migrations` table, so `prisma migrate deploy` keeps working wherever the native engine is.
//
// The wasm module is instantiated by hand (no --experimental-wasm-modules flag, works under tsx and
// in an esbuild bundle): its JS glue is imported, the .wasm file next to it is read and linked.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaContainer, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { logger } from "../../log.ts";
import { installCharOidPatch } from "./char-oid-patch.ts";
import { MigrationAdapterFactory } from "./migration-adapter.ts";
import type { MigrationPaths } from "./migrations-folder.ts";

/** Nothing in the database is managed outside schema.prisma's view (pg-boss lives in its own schema). */
export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

let ready: Promise<void> | undefined;
/** Set by a panic: the wasm instance (and its JS glue state) cannot be trusted or re-created in-process. */
let poisoned: string | undefined;

function loadWasm(): Promise<void> {
  ready ??= (async () => {
    const gluePath = fileURLToPath(import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bytes = await readFile(gluePath.replace(/\.js$/, ".wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  })();
  return ready;
}

type PanicRegistry = { set_message(message: string): void; [HOOKED]?: true };
const HOOKED = Symbol.for("twelvefactor.schemaEnginePanicHook");
const panicListeners = new Set<(message: string) => void>();

/**
 * A Rust panic inside the engine calls `globalThis.PRISMA_WASM_PANIC_REGISTRY.set_message()` and then
 * traps. Without a registry that call itself throws, and since it happens inside the engine's own
 * promise machinery, the operation's promise never settles: the process hangs. We record the message
 * and reject the running operation with it (chaining to a registry Prisma Client may have installed).
 */
function hookPanics(): void {
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
  const registry = (g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: () => undefined });
  if (registry[HOOKED]) return;
  const original = registry.set_message.bind(registry);
  registry.set_message = (message: string) => {
    for (const listener of panicListeners) listener(message);
    original(message);
  };
  registry[HOOKED] = true;
}

async function untilPanic<T>(run: () => Promise<T>): Promise<T> {
  let listener: ((message: string) => void) | undefined;
  const panicked = new Promise<never>((_, reject) => {
    listener = (message) => {
      poisoned = message;
      reject(new Error(`schema engine panicked: ${message}`));
    };
    panicListeners.add(listener);
  });
  try {
    return await Promise.race([panicked, run()]);
  } finally {
    panicListeners.delete(listener!);
  }
}

/** The engine's own log lines are JSON ({level, fields:{message}, target}); keep them as debug events. */
function engineLog(line: unknown): void {
  try {
    const event = JSON.parse(String(line)) as { level?: string; fields?: { message?: string }; target?: string };
    const level = event.level === "ERROR" ? "error" : event.level === "WARN" ? "warn" : "debug";
    logger()[level]({ target: event.target, engineMessage: event.fields?.message }, "schema engine");
  } catch {
    logger().debug({ engineMessage: String(line) }, "schema engine");
  }
}

export type EngineSession = {
  engine: SchemaEngine;
  /** schema.prisma as the engine sees it. */
  schema: SchemaContainer;
  /** Frees the engine, closes its pools, drops any leftover shadow database. */
  close(): Promise<void>;
};

export type EngineOptions = { databaseUrl: string; shadowDatabaseUrl?: string; schemaPath: string };

/** What every migrate command works on: a database (plus optional shadow) and the schema/migrations paths. */
export type MigrateTarget = MigrationPaths & { databaseUrl: string; shadowDatabaseUrl?: string };

/** Opens a schema engine on the database; always `close()` it (in a finally). */
export async function openSchemaEngine({ databaseUrl, shadowDatabaseUrl, schemaPath }: EngineOptions): Promise<EngineSession> {
  if (poisoned) throw new Error(`schema engine unusable after an earlier panic in this process: ${poisoned}`);
  installCharOidPatch();
  hookPanics();
  await loadWasm();
  const content = await readFile(schemaPath, "utf8");
  const factory = new MigrationAdapterFactory(databaseUrl, shadowDatabaseUrl);
  const engine = await glue.SchemaEngine.new(
    { datamodels: [[schemaPath, content]] },
    engineLog,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    schema: { path: schemaPath, content },
    close: async () => {
      try {
        engine.free();
      } catch {
        // already unusable (after a panic)
      }
      await factory.close();
    },
  };
}

/** The engine's version hash (the @prisma/schema-engine-wasm build). */
export async function schemaEngineVersion(): Promise<string> {
  await loadWasm();
  return glue.version();
}

/** Runs `fn` with an open engine and closes it afterwards, whatever happens. */
export async function withSchemaEngine<T>(options: EngineOptions, fn: (session: EngineSession) => Promise<T>): Promise<T> {
  const session = await openSchemaEngine(options);
  try {
    hookPanics();
    return await untilPanic(() => fn(session));
  } finally {
    await session.close();
  }
}
