// `migrate create <name>`: a new migration from the difference between prisma/migrations (replayed into
// a shadow database) and prisma/schema.prisma, like `prisma migrate dev --create-only`. Writes nothing
// when there is no difference, unless `draft` (an empty migration to fill in by hand, e.g. data fixes).
// The wasm engine's createMigration() cannot obtain a shadow database ("must be provided through an
// external factory"), while diff() from the migrations takes it from our adapter factory, so we diff.
import path from "node:path";
import { normaliseMigrationName, readMigrationsList, writeMigration } from "./migrations-folder.ts";
import { NO_FILTERS, withSchemaEngine, type MigrateTarget } from "./schema-engine.ts";

export type CreateResult = { created: false } | { created: true; name: string; file: string; sql: string };

const EXIT_CODE_DIFF = 2;
const EMPTY_MIGRATION = "-- This is an empty migration.\n";

/** Prisma's migration directory name: UTC `YYYYMMDDHHMMSS_<name>`. */
export function migrationDirectoryName(name: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `${stamp}_${normaliseMigrationName(name)}`;
}

export async function createMigration(target: MigrateTarget, name: string, { draft = false } = {}): Promise<CreateResult> {
  const directoryName = migrationDirectoryName(name);
  const migrationsList = await readMigrationsList(target.migrationsDir);
  const out = await withSchemaEngine(target, ({ engine, schema }) =>
    engine.diff({
      from: migrationsList.migrationDirectories.length ? { tag: "migrations", ...migrationsList } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    }),
  );
  const changed = out.exitCode === EXIT_CODE_DIFF;
  if (!changed && !draft) return { created: false };
  const sql = changed ? (out.stdout ?? "") : EMPTY_MIGRATION;
  const file = await writeMigration(path.resolve(target.migrationsDir), directoryName, sql);
  return { created: true, name: directoryName, file, sql };
}
