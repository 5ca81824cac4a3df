// Migration / admin command recognition shared by the F12 rules.
import type { FileEntry } from "../types.ts";

/** A shell command line that applies schema migrations. */
export const MIGRATE_CMD_RE =
  /\b(manage\.py\s+migrate|django-admin\s+migrate|(rails|rake)\s+db:(migrate|prepare|setup)|alembic\s+upgrade|flask\s+db\s+upgrade|flyway\s+(\S+\s+)*migrate|liquibase\s+(\S+\s+)*update|prisma\s+migrate\s+deploy|prisma\s+db\s+push|knex\s+migrate:latest|sequelize(-cli)?\s+db:migrate|typeorm(-ts-node-\w+)?\s+migration:run|mikro-orm\s+migration:up|drizzle-kit\s+(migrate|push)|artisan\s+migrate|(dotnet\s+)?ef\s+database\s+update|goose\s+(\S+\s+)*up\b|dbmate\s+(\S+\s+)*(up|migrate)\b|atlas\s+migrate\s+apply|migrate\s+(-\S+\s+)*(-path|-source|-database)\b[^\n]*\bup\b|(npm|yarn|pnpm|bun)\s+(run\s+)?(db:)?migrat\w*|node\s+\S*migrat\w*|mix\s+ecto\.migrate|bin\/\w+\s+eval\s+.*migrat|(?<=(?:^|[\s;&|(])\.?\/(?:[\w.-]+\/)*)(?!(?:pip[\d.]*|apt(?:-get)?|apk|npm|yarn|pnpm|gem|conda|uv|poetry|brew|dnf|yum)\s)[\w.-]+\s+(?:[^\s;&|]+\s+)*?--(?:migrate|upgrade)(?![\w-]))/i;

/** Files that show the unit has versioned schema migrations. */
export const MIGRATION_PATH_RE =
  /(^|\/)(migrations\/\d{4}_[\w]+\.py|alembic\.ini|alembic\/versions\/[^/]+\.py|db\/migrate\/\d+_\w+\.rb|prisma\/migrations\/[^/]+\/migration\.sql|migrations?\/[^/]*\.(sql|js|ts|go)|db\/migration\/V\d[\w.]*__\w+\.sql|db\/changelog\/[^/]+|database\/migrations\/[^/]+\.php|Migrations\/[^/]*ModelSnapshot\.cs|[^/]+\.up\.sql|drizzle\/\d{4}_[^/]+\.sql|atlas\.hcl)$/;

export function hasMigrationFiles(files: readonly FileEntry[]): FileEntry | undefined {
  return files.find((f) => MIGRATION_PATH_RE.test(f.path));
}
