// Migrations: a one-off admin process (factor XII), never run by the web process at boot.
//   migrate deploy          apply pending migrations in prisma/migrations            (npm run db:migrate)
//   migrate status          compare _prisma_migrations with the folder; exit 1 unless up to date
//   migrate create <name>   write a new migration from schema.prisma changes (--draft: empty one)
//   migrate drift           compare the live database with schema.prisma; exit 2 on a difference
// Runs Prisma's schema engine as WebAssembly, so it needs no download; see lib/db/migrate/.
import { loadEnvOrExit } from "../lib/env.ts";
import { initLogger } from "../lib/log.ts";
import { runMigrateCommand } from "../lib/db/migrate/run-migrate-command.ts";

const env = loadEnvOrExit("migrate");
const log = initLogger(env.LOG_LEVEL, "migrate");

// A failure surfacing outside the command's promise (e.g. the engine trapping after a panic) still ends
// the process with one fatal line, not a stack dump.
const fatal = (err: unknown) => {
  log.fatal({ err: err instanceof Error ? err.message : String(err) }, "migrate failed");
  process.exit(1);
};
process.on("uncaughtException", fatal);
process.on("unhandledRejection", fatal);

runMigrateCommand(process.argv.slice(2), {
  databaseUrl: env.DATABASE_URL,
  shadowDatabaseUrl: env.SHADOW_DATABASE_URL,
}).then((code) => process.exit(code), fatal);
