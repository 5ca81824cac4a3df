// `migrate deploy`: applies every migration in prisma/migrations not yet recorded in _prisma_migrations,
// in order, exactly like `prisma migrate deploy` (same engine, same table, same checksums).
import { readMigrationsList } from "./migrations-folder.ts";
import { NO_FILTERS, withSchemaEngine, type MigrateTarget } from "./schema-engine.ts";

export type DeployResult = { applied: string[]; total: number };

export async function deployMigrations(target: MigrateTarget): Promise<DeployResult> {
  const migrationsList = await readMigrationsList(target.migrationsDir);
  return withSchemaEngine(target, async ({ engine }) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return { applied: appliedMigrationNames, total: migrationsList.migrationDirectories.length };
  });
}
