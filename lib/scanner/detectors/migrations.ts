// Migration / admin command recognition shared by the F12 rules.
import type { FileEntry } from "../types.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";

/** A shell command line that applies schema migrations (the original list; v5 adds MIGRATE_CMD_EXTRA_RE). */
const MIGRATE_CMD_BASE_RE =
  /\b(manage\.py\s+migrate|django-admin\s+migrate|(rails|rake)\s+db:(migrate|prepare|setup)|alembic\s+upgrade|flask\s+db\s+upgrade|flyway\s+(\S+\s+)*migrate|liquibase\s+(\S+\s+)*update|prisma\s+migrate\s+deploy|prisma\s+db\s+push|knex\s+migrate:latest|sequelize(-cli)?\s+db:migrate|typeorm(-ts-node-\w+)?\s+migration:run|mikro-orm\s+migration:up|drizzle-kit\s+(migrate|push)|artisan\s+migrate(?!:(status|make))|(dotnet\s+)?ef\s+database\s+update|goose\s+(\S+\s+)*up\b|dbmate\s+(\S+\s+)*(up|migrate)\b|atlas\s+migrate\s+apply|migrate\s+(-\S+\s+)*(-path|-source|-database)\b[^\n]*\bup\b|(npm|yarn|pnpm|bun)\s+(run\s+)?(db:)?migrat\w*|node\s+\S*migrat\w*|mix\s+ecto\.migrate|bin\/\w+\s+eval\s+.*migrat|(?<=(?:^|[\s;&|(])\.?\/(?:[\w.-]+\/)*)(?!(?:pip[\d.]*|apt(?:-get)?|apk|npm|yarn|pnpm|gem|conda|uv|poetry|brew|dnf|yum)\s)[\w.-]+\s+(?:[^\s;&|]+\s+)*?--(?:migrate|upgrade)(?![\w-]))/i;

/**
 * v5 (session 9 "migrations"): the other ecosystems' migration CLIs — Hanami and Sequel (Ruby); yoyo, peewee-migrate,
 * aerich, piccolo (Python); sqlx, diesel, SeaORM, refinery (Rust); sql-migrate, tern, Atlas schema apply (Go);
 * node-pg-migrate, db-migrate, knex-migrator, Payload, Medusa, kysely-ctl and any `migration:run` (Node); the Flyway and
 * Liquibase build-tool goals (JVM); Doctrine (`doctrine:migrations:migrate`, `d:m:m`, `doctrine:schema:update --force`),
 * Phinx, Yii, CakePHP, Drush, Magento and WP-CLI (PHP); a Phoenix release's `bin/migrate` script (Elixir).
 */
const MIGRATE_CMD_EXTRA_RE =
  /\b(hanami\s+db\s+(migrate|prepare)\b|sequel\s+(-\w+\s+)*-m\s|yoyo\s+(apply|migrate)\b|pw_migrate\s+migrate\b|aerich\s+upgrade\b|piccolo\s+migrations\s+forwards\b|sqlx\s+migrate\s+run\b|diesel\s+migration\s+run\b|sea-orm-cli\s+migrate(\s+(up|fresh|refresh|reset)\b|\s*($|[;&|)]))|refinery\s+migrate\b|sql-migrate\s+up\b|tern\s+migrate\b|atlas\s+schema\s+apply\b|node-pg-migrate\s+up\b|db-migrate\s+up\b|knex-migrator\s+(init|migrate)\b|payload\s+migrate(?![:\w-])|medusa\s+(db:migrate|migrations\s+run)\b|kysely\s+migrate(:|\s+)(latest|up)\b|migration:(run|up)\b|flyway:migrate\b|liquibase:update\b|doctrine:migrations:migrate\b|d:m:m\b|doctrine:schema:update\b[^;&|\n]*--force|doctrine:schema:create\b|doctrine-migrations\s+(migrations:)?migrate\b|phinx\s+migrate\b|yii\s+migrate(\/up)?(?![\/\w:-])|cake\s+migrations\s+migrate\b|drush\s+(updatedb|updb|deploy)\b|magento\s+setup:(upgrade|db-schema:upgrade)\b|wp\s+core\s+update-db\b)|(?<=(?:^|[\s;&|(])\.?\/?(?:[\w.-]+\/)*)bin\/migrate(?![\w.\/-])/i;

/** A shell command line that applies schema migrations. */
export const MIGRATE_CMD_RE = new RegExp(`(?:${MIGRATE_CMD_BASE_RE.source})|(?:${MIGRATE_CMD_EXTRA_RE.source})`, "i");

/**
 * Files that show the unit has versioned schema migrations (session 11: Ecto's priv/<repo>/migrations/<timestamp>_x.exs;
 * session 14: numbered PHP migration classes outside Laravel's database/migrations — CodeIgniter 3 application/migrations/
 * 001_x.php, CodeIgniter 4 app/Database/Migrations/2024-…, Phinx db/migrations/20240101_x.php, CakePHP
 * config/Migrations/20240101_x.php, Yii migrations/m240101_x.php, Doctrine migrations/Version20240101120000.php; accuracy bench session14c: easyappointments).
 */
export const MIGRATION_PATH_RE =
  /(^|\/)(priv\/[\w-]+\/migrations\/\d{14}_\w+\.exs|migrations\/\d{4}_[\w]+\.py|alembic\.ini|alembic\/versions\/[^/]+\.py|db\/migrate\/\d+_\w+\.rb|prisma\/migrations\/[^/]+\/migration\.sql|migrations?\/[^/]*\.(sql|js|ts|go)|db\/migration\/V\d[\w.]*__\w+\.sql|db\/changelog\/[^/]+|database\/migrations\/[^/]+\.php|[Mm]igrations\/(?:\d{3,14}|m\d{6}|\d{4}-\d{2}-\d{2}-\d{6})_\w+\.php|[Mm]igrations\/Version\d{8,14}\.php|Migrations\/[^/]*ModelSnapshot\.cs|[^/]+\.up\.sql|drizzle\/\d{4}_[^/]+\.sql|atlas\.hcl)$/;

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
  // session 12 (gitbucket InitializeListener): solidbase (Liquibase changesets chained per release version) —
  // `new Solidbase().migrate(conn, classLoader, driver, module)` when the servlet context starts
  java: /\bnew\s+Liquibase\s*\(|\bFlyway\s*\.\s*configure\s*\(\s*\)[^;]{0,400}?\.migrate\s*\(|\bnew\s+Solidbase\s*\(\s*\)\s*\.\s*migrate\s*\(/g,
  kotlin: /\bLiquibase\s*\(|\bFlyway\s*\.\s*configure\s*\(\s*\)[^;]{0,400}?\.migrate\s*\(/g,
  // session 12 (sbt support): the same APIs from Scala (no semicolons: a bounded window from configure() to migrate())
  scala: /\bnew\s+Liquibase\s*\(|\bFlyway\s*\.\s*configure\s*\(\s*\)[\s\S]{0,400}?\.migrate\s*\(|\bnew\s+Solidbase\s*\(\s*\)\s*\.\s*migrate\s*\(/g,
  // v4 (accuracy bench session8a/8b: vaultwarden diesel `connection.run_pending_migrations(MIGRATIONS)` when the pool is
  // created, docuseal's config/initializers/migrate.rb `ActiveRecord::Tasks::DatabaseTasks.migrate`): Rust diesel/sqlx/
  // SeaORM migrators and Rails' migration API called from application code
  rust: /\brun_pending_migrations\s*\(|\bsqlx::migrate!\s*\([^)]*\)\s*\.run\s*\(|\bMigrator::up\s*\(/g,
  ruby: /\bActiveRecord::Tasks::DatabaseTasks\.migrate\b|\bActiveRecord::MigrationContext\.new\s*\([^)]*\)\s*\.migrate\b|\.migration_context\.migrate\b/g,
};
/**
 * v5 (session 9 "migrations": ecosystem coverage instead of one repository's idiom): further programmatic migration
 * entry points per ecosystem. `requires` must also occur in the file's code (an import or the runner's constructor),
 * so a generic method name (`.Up()`, `.run()`, `upgrade()`) counts only next to its library. `versioned: false` marks
 * schema sync / schema creation (ent `Schema.Create`, xorm `Sync2`, Exposed `SchemaUtils`), like GORM AutoMigrate.
 * Deliberately not here: SQLAlchemy `create_all`, EF Core `EnsureCreated`, Sequelize `sync()`, Tortoise
 * `generate_schemas` and Exposed `SchemaUtils.create` only create missing tables (schema initialisation; judged by
 * F12-SCHEMA-MUTATION-ON-BOOT, not as a release step under V). Elixir (tokenized since session 11) has no entry yet:
 * only its commands count (`mix ecto.migrate`, `bin/app eval "App.Release.migrate"`, a release's bin/migrate).
 */
const CODE_MIGRATE_EXTRA: { langs: RegExp; re: RegExp; requires?: RegExp; versioned?: boolean; path?: RegExp }[] = [
  // golang-migrate: m, _ := migrate.New(…) / NewWithDatabaseInstance(…) / NewWithInstance(…); m.Up() / m.Steps(n) / m.Migrate(v)
  { langs: /^go$/, re: /\bmigrate\.New(WithDatabaseInstance|WithSourceInstance|WithInstance)?\s*\(/g, requires: /\.(Up|Steps|Migrate)\s*\(/ },
  // rubenv/sql-migrate: migrate.Exec(db, "postgres", source, migrate.Up) / ExecMax / ExecContext / ExecVersion
  { langs: /^go$/, re: /\bmigrate\.Exec(Max|Context|MaxContext|Version|VersionContext)?\s*\([^;{}]{0,200}?\bmigrate\.Up\b/g },
  // ent: client.Schema.Create(ctx) (auto-migration of the ent schema)
  { langs: /^go$/, re: /\.Schema\.Create\s*\(\s*(ctx|context\.\w+\(\))/g, versioned: false },
  // xorm: engine.Sync(new(User)) / Sync2(…)
  { langs: /^go$/, re: /\.Sync2?\s*\(\s*(new\s*\(|&\w+\{)/g, requires: /xorm/, versioned: false },
  // bun migrate.NewMigrator(db, migrations) + migrator.Migrate(ctx); jackc/tern migrate.NewMigrator(ctx, conn, table) + m.Migrate(ctx)
  { langs: /^go$/, re: /\bmigrate\.NewMigrator\s*\(/g, requires: /\.Migrate\s*\(\s*ctx\b/ },
  // gormigrate.New(db, opts, migrations).Migrate(); goose v3 provider goose.NewProvider(…) + provider.Up(ctx)
  { langs: /^go$/, re: /\bgormigrate\.New\s*\(/g, requires: /\.Migrate(To)?\s*\(/ },
  { langs: /^go$/, re: /\bgoose\.NewProvider\s*\(/g, requires: /\.Up(To|ByOne)?\s*\(\s*ctx\b/ },
  // dbmate as a library: dbmate.New(u) + db.CreateAndMigrate() / db.Migrate(); Atlas Go SDK executor
  { langs: /^go$/, re: /\.CreateAndMigrate\s*\(\s*\)|\bdbmate\.New\s*\([^)]*\)[\s\S]{0,400}?\.Migrate\s*\(\s*\)/g },
  { langs: /^go$/, re: /\.ExecuteN\s*\(\s*ctx\b/g, requires: /ariga\.io\/atlas/ },
  // Python: alembic command.upgrade(cfg, "head"); Django call_command("migrate"); Flask-Migrate upgrade(); yoyo
  // backend.apply_migrations(…); peewee-migrate Router(db).run(); aerich Command(…).upgrade(); a subprocess running a
  // migration CLI. A function decorated as a CLI command (`@app.cli.command()`, click/typer) is skipped below.
  { langs: /^python$/, re: /\b(alembic\.)?command\.upgrade\s*\(/g, requires: /\balembic\b/ },
  { langs: /^python$/, re: /\bcall_command\s*\(\s*["']migrate["']/g },
  { langs: /^python$/, re: /\bflask_migrate\.upgrade\s*\(|(?<![\w.])upgrade\s*\(\s*(\)|directory\s*=)/g, requires: /\bfrom\s+flask_migrate\s+import\s[^\n]*\bupgrade\b|\bimport\s+flask_migrate\b/ },
  { langs: /^python$/, re: /\.apply_migrations\s*\(/g, requires: /\byoyo\b/ },
  { langs: /^python$/, re: /\bRouter\s*\([^)]*\)\s*\.run\s*\(|\brouter\.run\s*\(/g, requires: /\bpeewee_migrate\b/ },
  { langs: /^python$/, re: /\.upgrade\s*\(\s*(run_in_transaction\s*=|True|False|\))/g, requires: /\baerich\b/ },
  { langs: /^python$/, re: /\b(subprocess\.(run|call|check_call|check_output|Popen)|os\.system)\s*\(\s*\[?\s*(f?["'](alembic|flask|python[\d.]*|\.\/manage\.py|manage\.py)["'\s][^)\n]{0,120}?\b(upgrade|migrate)\b)/g },
  // Java/Kotlin: flyway.migrate() on a Flyway built in the same file; a SpringLiquibase bean created by hand
  { langs: /^(java|kotlin|scala)$/, re: /\bflyway\w*\s*\.\s*migrate\s*\(/gi, requires: /\bFlyway\s*\.\s*configure\s*\(|\bnew\s+Flyway\s*\(|\bFlyway\s*\(/ },
  { langs: /^(java|kotlin|scala)$/, re: /\b(new\s+)?SpringLiquibase\s*\(\s*\)/g },
  // Exposed: createMissingTablesAndColumns alters existing tables at start (schema sync)
  { langs: /^kotlin$/, re: /\bSchemaUtils\s*\.\s*createMissingTablesAndColumns\s*\(/g, versioned: false },
  // C#: FluentMigrator runner.MigrateUp(); DbUp DeployChanges.To…Build().PerformUpgrade(); Evolve evolve.Migrate(); an
  // app's own `app.MigrateDatabase()` extension (its declaration has no leading dot)
  { langs: /^csharp$/, re: /\.MigrateUp\s*\(/g, requires: /FluentMigrator/ },
  { langs: /^csharp$/, re: /\.PerformUpgrade\s*\(\s*\)/g, requires: /\bDbUp\b|DeployChanges/ },
  { langs: /^csharp$/, re: /\bnew\s+(Evolve\.)?Evolve\s*\(/g, requires: /\.Migrate\s*\(\s*\)/ },
  { langs: /^csharp$/, re: /(?<!\bbase)\.MigrateDatabase(Async)?\s*(<[^>]*>)?\s*\(/g },
  // Ruby: Sequel's migrator, Rails' DatabaseTasks.prepare_all / ActiveRecord::Migrator (pre-5.2)
  { langs: /^ruby$/, re: /\bSequel::(Timestamp|Integer)?Migrator\.(run|apply)\b|\bSequel::(Timestamp|Integer)Migrator\.new\s*\([^)]*\)\s*\.run\b/g },
  { langs: /^ruby$/, re: /\bActiveRecord::Tasks::DatabaseTasks\.prepare_all\b|\bActiveRecord::Migrator\.(migrate|up|run)\b/g },
  // PHP: Laravel's migrate command called from a service provider / bootstrap file
  { langs: /^php$/, re: /\bArtisan::call\s*\(\s*["']migrate(["':])/g, path: /(^|\/)(app\/Providers|bootstrap)\// },
  // Rust: refinery embedded migrations (`embedded::migrations::runner().run(&mut conn)`), diesel 1.x
  // `embedded_migrations::run(&conn)`, a sqlx `Migrator` static (`MIGRATOR.run(&pool)`)
  { langs: /^rust$/, re: /\brunner\s*\(\s*\)\s*\.run(_async)?\s*\(/g, requires: /embed_migrations!|refinery/ },
  { langs: /^rust$/, re: /\bembedded_migrations::run(_with_output)?\s*\(/g },
  { langs: /^rust$/, re: /\b[A-Z_]*MIGRATOR\s*\.\s*run\s*\(/g, requires: /sqlx::migrate/ },
];

const CODE_MIGRATE_SKIP_DIR_RE = /(^|\/)(scripts?|bin|cli|commands?|tools?|migrations?|alembic|seeds?|seeders?|tests?|[\w.]*\.Tests?|[\w.]*(Db)?Migrator|testutil|cmd\/migrat\w*)\//i;
// session 26 (fresh set session32d: simple-login's root shell.py — an IPython admin console run as
// `docker exec -it sl-app python shell.py` (docs/upgrade.md) — calls flask_migrate.upgrade(); human V pass / scanner
// partial): shell.py / console.py / repl.py are interactive admin consoles, one-off processes like manage.py
const CODE_MIGRATE_SKIP_FILE_RE = /(migrat|seed)\w*\.(go|cs|java|kt|scala|rs|py|php)$|_test\.go$|Tests?\.(java|kt|scala)$|\.sbt$|\.rake$|(^|\/)lib\/tasks\/|(^|\/)(Rakefile|db\/schema\.rb)$|(^|\/)(manage|fabfile|tasks|noxfile|setup|conftest|cli|commands?|shell|console|repl|test_\w+|\w+_test)\.py$/i;

/** v5: a Python match inside a function decorated as a CLI command (`@app.cli.command()`, `@click.command()`, `@manager.command`, typer `@app.command()`). */
function inPythonCliCommand(code: string, index: number): boolean {
  const before = code.slice(0, index);
  const lineStart = before.lastIndexOf("\n") + 1;
  let indent = /^[ \t]*/.exec(code.slice(lineStart))![0].length;
  // walk up to each enclosing `def` (less indented) and look at its decorators
  const lines = before.slice(0, lineStart).split("\n");
  for (let i = lines.length - 1; i >= 0 && indent > 0; i--) {
    const ln = lines[i];
    if (!ln.trim()) continue;
    const ind = /^[ \t]*/.exec(ln)![0].length;
    if (ind >= indent) continue;
    indent = ind;
    if (/^\s*(async\s+)?def\s/.test(ln)) {
      for (let j = i - 1; j >= 0 && /^\s*@/.test(lines[j]); j--) if (/^\s*@[\w.]*\b(command|group|cli)\b/.test(lines[j])) return true;
    }
  }
  return false;
}

/** v5: the build file declares a dependency of this name at runtime scope. */
function runtimeDep(snapshot: RepoSnapshot, path: string, name: RegExp): { line: number; name: string } | undefined {
  const m = snapshot.manifest(path);
  const d = m?.deps.find((x) => x.scope !== "test" && x.scope !== "dev" && x.scope !== "build" && name.test(x.name));
  return d ? { line: d.line ?? 1, name: d.name } : undefined;
}

/**
 * v5: JVM frameworks that apply Flyway/Liquibase migrations when the application context starts, from their
 * configuration alone: Spring Boot auto-configuration with flyway-core / liquibase-core on the runtime classpath (on by
 * default; off with `spring.flyway.enabled=false` / `spring.liquibase.enabled=false` in a non-test application config),
 * Quarkus `quarkus.flyway.migrate-at-start=true` / `quarkus.liquibase.migrate-at-start=true`, Micronaut flyway/liquibase
 * configured for a datasource.
 */
function jvmConfigMigrations(snapshot: RepoSnapshot, files: readonly FileEntry[]): { path: string; line: number; match: string; versioned: boolean }[] {
  const builds = files.filter((f) => /(^|\/)(pom\.xml|build\.gradle(\.kts)?|build\.sbt)$/.test(f.path) && f.env !== "test" && f.env !== "dev");
  if (!builds.length) return [];
  const configs = files.filter((f) => /(^|\/)(application|bootstrap)[\w-]*\.(properties|ya?ml)$/.test(f.path) && f.env !== "test" && f.env !== "dev" && !/(^|\/)(src\/test|src\/it|tests?)\//.test(f.path));
  const configText = configs.map((f) => snapshot.text(f.path) ?? "").join("\n");
  const disabled = (tool: string) =>
    new RegExp(`^\\s*(spring\\.)?${tool}\\.enabled\\s*[=:]\\s*["']?(false|\\$\\{[\\w.-]+:false\\})`, "m").test(configText) ||
    // YAML: `flyway:` block with `enabled: false` (or a placeholder defaulting to false) in it
    new RegExp(`^(\\s*)${tool}:\\s*\\n(?:\\1\\s+.*\\n)*?\\1\\s+enabled:\\s*["']?(false|\\$\\{[\\w.-]+:false\\})`, "m").test(configText);
  const out: { path: string; line: number; match: string; versioned: boolean }[] = [];
  for (const b of builds) {
    const text = snapshot.text(b.path) ?? "";
    const m = snapshot.manifest(b.path);
    const spring = /spring-boot/.test(text) || !!m?.deps.some((d) => /^(plugin:)?org\.springframework\.boot\b/.test(d.name));
    const quarkus = !!m?.deps.some((d) => /^io\.quarkus:/.test(d.name)) || /io\.quarkus/.test(text);
    const micronaut = !!m?.deps.some((d) => /^io\.micronaut/.test(d.name)) || /io\.micronaut/.test(text);
    for (const tool of ["flyway", "liquibase"] as const) {
      const hit = spring ? runtimeDep(snapshot, b.path, tool === "flyway" ? /^org\.flywaydb:flyway-(core|database-[\w-]+|mysql|sqlserver)$|^org\.springframework\.boot:spring-boot-starter-flyway$/ : /^org\.liquibase:liquibase-core$|^org\.springframework\.boot:spring-boot-starter-liquibase$/) : undefined;
      if (hit && !disabled(tool)) {
        out.push({ path: b.path, line: hit.line, match: `Spring Boot ${tool} auto-migration (${hit.name})`, versioned: true });
      } else if (quarkus && runtimeDep(snapshot, b.path, new RegExp(`^io\\.quarkus:quarkus-${tool}$`)) && new RegExp(`quarkus\\.${tool}\\.([\\w"-]+\\.)?migrate-at-start\\s*[=:]\\s*["']?true|${tool}:[\\s\\S]{0,200}?migrate-at-start:\\s*["']?true`).test(configText)) {
        out.push({ path: b.path, line: 1, match: `quarkus.${tool}.migrate-at-start=true`, versioned: true });
      } else if (micronaut && runtimeDep(snapshot, b.path, new RegExp(`^io\\.micronaut\\.${tool}:micronaut-${tool}$`)) && new RegExp(`^${tool}:\\s*\\n\\s+datasources:|^${tool}\\.datasources\\.`, "m").test(configText) && !new RegExp(`^${tool}\\.datasources\\.\\w+\\.enabled\\s*[=:]\\s*false|^${tool}:\\s*\\n\\s+datasources:\\s*\\n\\s+\\w+:\\s*\\n(\\s+.*\\n)*?\\s+enabled:\\s*false`, "m").test(configText)) {
        out.push({ path: b.path, line: 1, match: `Micronaut ${tool} migration at start`, versioned: true });
      }
    }
  }
  return out;
}

/**
 * Go, C# and (v3) Java/Kotlin application code that applies the schema while the service starts (GORM `db.AutoMigrate(…)`, a
 * `db.Migrate(ctx)` of the app's database package, EF Core `Database.Migrate()/MigrateAsync()`). Tests, migration
 * files and one-off tool directories are skipped. `versioned` is false for GORM AutoMigrate (schema sync).
 * v5: also Python/PHP code, the CODE_MIGRATE_EXTRA libraries of every ecosystem, and JVM frameworks whose config applies
 * the migrations at start (Spring Boot + flyway-core/liquibase-core, Quarkus migrate-at-start, Micronaut).
 * Shared by F05-RUNTIME-BUILD-STEP (a release step at every start) and F12-RELEASE-PHASE-TASK (the release step
 * exists and runs from the same release, like migrations in the start command).
 */
export function codeStartMigrations(snapshot: RepoSnapshot, files: readonly FileEntry[]): { path: string; line: number; match: string; versioned: boolean }[] {
  const out: { path: string; line: number; match: string; versioned: boolean }[] = [];
  for (const f of files) {
    const lang = f.language ?? "";
    const re = CODE_MIGRATE_RE[lang];
    const extra = CODE_MIGRATE_EXTRA.filter((e) => e.langs.test(lang) && (!e.path || e.path.test(f.path)));
    if ((!re && !extra.length) || f.role === "test" || f.role === "example" || f.env === "dev" || f.env === "test" || CODE_MIGRATE_SKIP_DIR_RE.test(f.path) || CODE_MIGRATE_SKIP_FILE_RE.test(f.path)) continue;
    const tok = snapshot.tokens(f.path);
    if (!tok) continue;
    if (re) {
      re.lastIndex = 0;
      // (a call chain over several lines — Scala's `new Solidbase()\n  .migrate(` — is reported on one line)
      for (let m = re.exec(tok.code); m; m = re.exec(tok.code)) out.push({ path: f.path, line: tok.lineAt(m.index), match: m[0].includes("\n") ? m[0].replace(/\s+/g, " ").trim() : m[0].trim(), versioned: !/AutoMigrate/i.test(m[0]) });
    }
    for (const e of extra) {
      if (e.requires && !e.requires.test(tok.code)) continue;
      e.re.lastIndex = 0;
      for (let m = e.re.exec(tok.code); m; m = e.re.exec(tok.code)) {
        if (lang === "python" && inPythonCliCommand(tok.code, m.index)) continue;
        out.push({ path: f.path, line: tok.lineAt(m.index), match: m[0].trim().slice(0, 120), versioned: e.versioned !== false });
      }
    }
  }
  out.push(...jvmConfigMigrations(snapshot, files));
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
