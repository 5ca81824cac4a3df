// `migrate status`: how the database's _prisma_migrations compares with prisma/migrations
// (the engine's diagnoseMigrationHistory, without a shadow database, as `prisma migrate status` does).
import { readMigrationsList } from "./migrations-folder.ts";
import { NO_FILTERS, withSchemaEngine, type MigrateTarget } from "./schema-engine.ts";

export type MigrationStatus = {
  /** Migration directories in the folder, in order. */
  migrations: string[];
  hasMigrationsTable: boolean;
  /** In the folder, not applied to the database. */
  pending: string[];
  /** Applied to the database, missing from the folder. */
  unknown: string[];
  failed: string[];
  /** Applied, but migration.sql changed since (checksum mismatch). */
  edited: string[];
  upToDate: boolean;
};

export async function migrationStatus(target: MigrateTarget): Promise<MigrationStatus> {
  const migrationsList = await readMigrationsList(target.migrationsDir);
  const out = await withSchemaEngine(target, ({ engine }) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS }),
  );
  const history = out.history;
  const pending = history && history.diagnostic !== "migrationsDirectoryIsBehind" ? history.unappliedMigrationNames : [];
  const unknown = history && history.diagnostic !== "databaseIsBehind" ? history.unpersistedMigrationNames : [];
  return {
    migrations: migrationsList.migrationDirectories.map((d) => d.path),
    hasMigrationsTable: out.hasMigrationsTable,
    pending,
    unknown,
    failed: out.failedMigrationNames,
    edited: out.editedMigrationNames,
    upToDate: history === null && out.failedMigrationNames.length === 0 && out.editedMigrationNames.length === 0,
  };
}
