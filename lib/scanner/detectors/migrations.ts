// Migration / admin command recognition shared by the F12 rules.
import type { FileEntry } from "../types.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";

/** A shell command line that applies schema migrations. */
export const MIGRATE_CMD_RE =
  /\b(manage\.py\s+migrate|django-admin\s+migrate|(rails|rake)\s+db:(migrate|prepare|setup)|alembic\s+upgrade|flask\s+db\s+upgrade|flyway\s+(\S+\s+)*migrate|liquibase\s+(\S+\s+)*update|prisma\s+migrate\s+deploy|prisma\s+db\s+push|knex\s+migrate:latest|sequelize(-cli)?\s+db:migrate|typeorm(-ts-node-\w+)?\s+migration:run|mikro-orm\s+migration:up|drizzle-kit\s+(migrate|push)|artisan\s+migrate|(dotnet\s+)?ef\s+database\s+update|goose\s+(\S+\s+)*up\b|dbmate\s+(\S+\s+)*(up|migrate)\b|atlas\s+migrate\s+apply|migrate\s+(-\S+\s+)*(-path|-source|-database)\b[^\n]*\bup\b|(npm|yarn|pnpm|bun)\s+(run\s+)?(db:)?migrat\w*|node\s+\S*migrat\w*|mix\s+ecto\.migrate|bin\/\w+\s+eval\s+.*migrat|(?<=(?:^|[\s;&|(])\.?\/(?:[\w.-]+\/)*)(?!(?:pip[\d.]*|apt(?:-get)?|apk|npm|yarn|pnpm|gem|conda|uv|poetry|brew|dnf|yum)\s)[\w.-]+\s+(?:[^\s;&|]+\s+)*?--(?:migrate|upgrade)(?![\w-]))/i;

/** Files that show the unit has versioned schema migrations. */
export const MIGRATION_PATH_RE =
  /(^|\/)(migrations\/\d{4}_[\w]+\.py|alembic\.ini|alembic\/versions\/[^/]+\.py|db\/migrate\/\d+_\w+\.rb|prisma\/migrations\/[^/]+\/migration\.sql|migrations?\/[^/]*\.(sql|js|ts|go)|db\/migration\/V\d[\w.]*__\w+\.sql|db\/changelog\/[^/]+|database\/migrations\/[^/]+\.php|Migrations\/[^/]*ModelSnapshot\.cs|[^/]+\.up\.sql|drizzle\/\d{4}_[^/]+\.sql|atlas\.hcl)$/;

export function hasMigrationFiles(files: readonly FileEntry[]): FileEntry | undefined {
  return files.find((f) => MIGRATION_PATH_RE.test(f.path));
}

const CODE_MIGRATE_RE: Record<string, RegExp> = {
  // GORM AutoMigrate (schema sync, not versioned) and the app's own versioned migrator (`db.Migrate(ctx)`)
  // and a call of the app's own migration runner (`applyMigrations(dbInfo)`, `RunMigrations(db)`; not its definition)
  // v2 (accuracy bench session 6y: memos `storeInstance.Migrate(ctx)` in cmd/memos/main.go): the receiver may be any
  // identifier naming a db/store/repository (storeInstance, appDB, userRepo); session 6z ntfy: a schema-version map of
  // migration functions (`migrations = map[int]func(db *sql.DB) error{…}`) kept in the service code and applied
  // when the store is opened
  // v3 (accuracy bench session7a/6y: authelia `p.SchemaMigrate(ctx, true, SchemaLatest)` in the provider's StartupCheck,
  // navidrome/homebox `goose.Up(db, …)` in db.Init): goose's Up calls and a `.SchemaMigrate(` call of the app's storage
  go: /\.AutoMigrate\s*\(|\b\w*(db|database|store|repo|repository)\w*\.Migrate\s*\(\s*(ctx|context)\b|(?<!func\s+(\([^)]*\)\s*)?)\b(apply|run)(All)?Migrations\s*\(|\bmigrations\s*:?=\s*map\[int\]func\s*\(|\bgoose\.Up(Context|To|ToContext|ByOne)?\s*\(|\.SchemaMigrate\s*\(/gi,
  // EF Core applies the versioned migrations compiled into the assembly
  // and a call of the app's own migration runner (`await host.RunMigrationsAsync(ct)`; not its declaration or a base call)
  csharp: /\.Database\s*\.\s*Migrate(Async)?\s*\(|(?<!\bbase)\.(Apply|Run)(All)?Migrations(Async)?\s*\(/g,
  // v3 (accuracy bench session7b: traccar DatabaseModule `new Liquibase(changelog, …)` + `liquibase.update(…)` while the
  // injector builds the DataSource): the Liquibase/Flyway Java API applied from the app's own code
  java: /\bnew\s+Liquibase\s*\(|\bFlyway\s*\.\s*configure\s*\(\s*\)[^;]{0,400}?\.migrate\s*\(/g,
  kotlin: /\bLiquibase\s*\(|\bFlyway\s*\.\s*configure\s*\(\s*\)[^;]{0,400}?\.migrate\s*\(/g,
  // v4 (accuracy bench session8a/8b: vaultwarden diesel `connection.run_pending_migrations(MIGRATIONS)` when the pool is
  // created, docuseal's config/initializers/migrate.rb `ActiveRecord::Tasks::DatabaseTasks.migrate`): Rust diesel/sqlx/
  // SeaORM migrators and Rails' migration API called from application code
  rust: /\brun_pending_migrations\s*\(|\bsqlx::migrate!\s*\([^)]*\)\s*\.run\s*\(|\bMigrator::up\s*\(/g,
  ruby: /\bActiveRecord::Tasks::DatabaseTasks\.migrate\b|\bActiveRecord::MigrationContext\.new\s*\([^)]*\)\s*\.migrate\b|\.migration_context\.migrate\b/g,
};
const CODE_MIGRATE_SKIP_DIR_RE = /(^|\/)(scripts?|bin|cli|commands?|tools?|migrations?|seeds?|seeders?|tests?|[\w.]*\.Tests?|testutil|cmd\/migrat\w*)\//i;
const CODE_MIGRATE_SKIP_FILE_RE = /(migrat|seed)\w*\.(go|cs|java|kt|rs)$|_test\.go$|Tests?\.(java|kt)$|\.rake$|(^|\/)lib\/tasks\/|(^|\/)(Rakefile|db\/schema\.rb)$/i;

/**
 * Go, C# and (v3) Java/Kotlin application code that applies the schema while the service starts (GORM `db.AutoMigrate(…)`, a
 * `db.Migrate(ctx)` of the app's database package, EF Core `Database.Migrate()/MigrateAsync()`). Tests, migration
 * files and one-off tool directories are skipped. `versioned` is false for GORM AutoMigrate (schema sync).
 * Shared by F05-RUNTIME-BUILD-STEP (a release step at every start) and F12-RELEASE-PHASE-TASK (the release step
 * exists and runs from the same release, like migrations in the start command).
 */
export function codeStartMigrations(snapshot: RepoSnapshot, files: readonly FileEntry[]): { path: string; line: number; match: string; versioned: boolean }[] {
  const out: { path: string; line: number; match: string; versioned: boolean }[] = [];
  for (const f of files) {
    const re = CODE_MIGRATE_RE[f.language ?? ""];
    if (!re || f.env === "dev" || f.env === "test" || CODE_MIGRATE_SKIP_DIR_RE.test(f.path) || CODE_MIGRATE_SKIP_FILE_RE.test(f.path)) continue;
    const tok = snapshot.tokens(f.path);
    if (!tok) continue;
    re.lastIndex = 0;
    for (let m = re.exec(tok.code); m; m = re.exec(tok.code)) out.push({ path: f.path, line: tok.lineAt(m.index), match: m[0].trim(), versioned: !/AutoMigrate/i.test(m[0]) });
  }
  return out;
}

/** Admin verbs of a one-off subcommand (backup, restore, import, reset-password, users add …). */
const ADMIN_VERB_RE = /^(backup|restore|import|export|cleanup|clean|migrate|migration|upgrade|reset[-_]?password|change[-_]?password|passwd|password|users?|add[-_]?user|create[-_]?user|createsuperuser|remove[-_]?user|seed|initdb|init[-_]?db|db|admin|remap|reindex|rescan|dump|prune|purge|repair|vacuum|storage|maintenance)$/i;
/**
 * Subcommand registrations in an app's own code, one pattern per CLI framework: go-flags struct tags (`command:"backup"`)
 * and `parser.AddCommand("backup", …)`, Go `flag.NewFlagSet("reset-password", …)` subcommands, cobra `Use: "backup"`,
 * commander/yargs `new Command("storage")` / `.command("users …")`, Python argparse `add_parser("backup")`.
 */
const SUBCOMMAND_RES: { lang: RegExp; re: RegExp }[] = [
  { lang: /^go$/, re: /\bcommand:"([\w-]+)"|\.AddCommand\(\s*"([\w-]+)"|\bflag\.NewFlagSet\(\s*"([\w-]+)"|\bUse:\s*"([\w-]+)/g },
  { lang: /^(javascript|typescript)$/, re: /\bnew\s+Command\(\s*["'`]([\w-]+)|\.command\(\s*["'`]([\w-]+)/g },
  { lang: /^python$/, re: /\.add_parser\(\s*["']([\w-]+)/g },
];
const SUBCOMMAND_SKIP_RE = /(^|\/)(tests?|__tests__|spec|e2e|scripts?|tools?|hack|examples?|docs?|dev|build|\.github|frontend|client|web|ui|node_modules|vendor)\/|_test\.go$|\.(test|spec)\.[jt]sx?$/;

/**
 * Admin subcommands the app's own entry point offers (`remark42 backup|restore|import`, `homebox reset-password`,
 * `thelounge users add`): one-off admin processes that are part of the release itself — the same binary, code and
 * config as the running app (12factor.net/admin-processes). Shared by F12-ONE-OFF-RUNNER and F12-ADMIN-CODE-SHIPPED.
 */
export function adminSubcommands(snapshot: RepoSnapshot, files: readonly FileEntry[]): { path: string; line: number; verb: string }[] {
  const out: { path: string; line: number; verb: string }[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    if (f.role !== "source" || !f.language || SUBCOMMAND_SKIP_RE.test(f.path)) continue;
    const pats = SUBCOMMAND_RES.filter((p) => p.lang.test(f.language!));
    if (!pats.length) continue;
    const tok = snapshot.tokens(f.path);
    const text = tok?.code ?? snapshot.text(f.path) ?? "";
    if (!/command|FlagSet|add_parser|Use:/.test(text)) continue;
    for (const p of pats) {
      for (const m of text.matchAll(p.re)) {
        const verb = m.slice(1).find((x) => x !== undefined) ?? "";
        if (!ADMIN_VERB_RE.test(verb) || seen.has(verb.toLowerCase())) continue;
        seen.add(verb.toLowerCase());
        out.push({ path: f.path, line: tok ? tok.lineAt(m.index ?? 0) : text.slice(0, m.index ?? 0).split("\n").length, verb });
      }
    }
  }
  return out;
}
