// The `migrate` admin command (bin/migrate.ts): parses argv, runs one command, logs the outcome as
// JSON events, returns the exit code. Paths are relative to the working directory, like the Prisma CLI.
// `deploy` owns every schema of the database: Prisma's migrations (public) and then the job queue's
// own `pgboss` schema, which serving processes never create or upgrade themselves.
import { performance } from "node:perf_hooks";
import path from "node:path";
import { logger } from "../../log.ts";
import { installQueueSchema } from "../../queue/boss.ts";
import { createMigration } from "./create-migration.ts";
import { deployMigrations } from "./deploy-migrations.ts";
import { detectDrift } from "./detect-drift.ts";
import { migrationStatus } from "./migration-status.ts";
import { defaultMigrationPaths } from "./migrations-folder.ts";

export const MIGRATE_USAGE = "usage: migrate deploy | status | create <name> [--draft] | drift";

export type MigrateDatabases = { databaseUrl: string; shadowDatabaseUrl?: string };

export async function runMigrateCommand(argv: string[], databases: MigrateDatabases): Promise<number> {
  const log = logger();
  const [command, ...rest] = argv;
  const target = { ...defaultMigrationPaths(), ...databases };
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);

  switch (command) {
    case "deploy": {
      const { applied, total } = await deployMigrations(target);
      log.info({ applied, total, ms: ms() }, applied.length ? "migrations applied" : "no pending migrations");
      const queue = await installQueueSchema(target.databaseUrl);
      log.info({ queueSchemaVersion: queue.version, ms: ms() }, "queue schema ready");
      return 0;
    }
    case "status": {
      const status = await migrationStatus(target);
      log.info({ ...status, ms: ms() }, status.upToDate ? "database is up to date" : "database is not up to date");
      return status.upToDate ? 0 : 1;
    }
    case "create": {
      const draft = rest.includes("--draft");
      const name = rest.find((a) => !a.startsWith("--"));
      if (!name) {
        log.error(MIGRATE_USAGE);
        return 64;
      }
      const result = await createMigration(target, name, { draft });
      if (!result.created) {
        log.info({ ms: ms() }, "no changes: schema.prisma matches the migrations");
      } else {
        log.info({ migration: result.name, file: path.relative(process.cwd(), result.file), ms: ms() }, "migration created");
      }
      return 0;
    }
    case "drift": {
      const { drifted, script } = await detectDrift(target);
      if (drifted) log.warn({ script, ms: ms() }, "database differs from schema.prisma");
      else log.info({ ms: ms() }, "database matches schema.prisma");
      return drifted ? 2 : 0;
    }
    default:
      log.error({ command }, MIGRATE_USAGE);
      return 64;
  }
}
