import { describe, expect, it } from "vitest";
import { MIGRATE_CMD_RE, MIGRATION_PATH_RE } from "./migrations.ts";

describe("migration commands", () => {
  it("recognises migration runners", () => {
    for (const c of ["python manage.py migrate --noinput", "bundle exec rails db:migrate", "./bin/rails db:prepare", "alembic upgrade head", "npx prisma migrate deploy", "php artisan migrate --force", "dotnet ef database update", "goose -dir db up", "npm run migrate", "flyway -url=x migrate", "migrate -path db -database $DB up"]) expect(MIGRATE_CMD_RE.test(c), c).toBe(true);
    for (const c of ["node dist/server.js", "gunicorn app.wsgi", "npx prisma generate", "rails server"]) expect(MIGRATE_CMD_RE.test(c), c).toBe(false);
  });
  it("v5: recognises the other ecosystems' migration CLIs", () => {
    for (const c of ["bundle exec hanami db migrate", "sequel -m db/migrations $DATABASE_URL", "yoyo apply --batch", "pw_migrate migrate --database $DB", "aerich upgrade", "piccolo migrations forwards all", "sqlx migrate run", "diesel migration run", "sea-orm-cli migrate up", "refinery migrate -e DATABASE_URL", "sql-migrate up -env production", "tern migrate --migrations ./migrations", "atlas schema apply --auto-approve", "npx node-pg-migrate up", "db-migrate up", "knex-migrator init", "payload migrate", "medusa db:migrate", "npx typeorm-ts-node-commonjs migration:run -d src/data-source.ts", "./mvnw flyway:migrate", "php bin/console doctrine:migrations:migrate --no-interaction", "bin/console d:m:m -n", "php bin/console doctrine:schema:update --force", "vendor/bin/phinx migrate -e production", "php yii migrate --interactive=0", "bin/cake migrations migrate", "drush updatedb -y", "bin/magento setup:upgrade", "wp core update-db", "/app/bin/migrate", "./bin/migrate && ./bin/server"]) expect(MIGRATE_CMD_RE.test(c), c).toBe(true);
    for (const c of ["php artisan migrate:status", "php bin/console doctrine:schema:update --dump-sql", "sea-orm-cli migrate generate create_users", "php yii migrate/create add_users", "php-fpm", "bin/rails server", "bin/migrate-data-readme.txt", "./bin/server", "payload generate:types"]) expect(MIGRATE_CMD_RE.test(c), c).toBe(false);
  });
  it("recognises migration directories", () => {
    for (const p of ["app/migrations/0001_initial.py", "db/migrate/20240101000000_create_users.rb", "prisma/migrations/20240101_init/migration.sql", "src/main/resources/db/migration/V1__init.sql", "database/migrations/2024_01_01_create_users_table.php"]) expect(MIGRATION_PATH_RE.test(p), p).toBe(true);
    expect(MIGRATION_PATH_RE.test("src/server.ts")).toBe(false);
  });
  it("session 14: numbered PHP migration classes outside Laravel (CodeIgniter 3/4, Phinx, CakePHP, Yii, Doctrine) are migration files; other PHP files under a migrations/ directory are not", () => {
    for (const p of ["application/migrations/001_specific_calendar_sync.php", "app/Database/Migrations/2020-02-22-222222_AddBlog.php", "db/migrations/20240101120000_create_users.php", "config/Migrations/20240101120000_Init.php", "console/migrations/m240101_101010_init.php", "migrations/Version20240101120000.php"]) expect(MIGRATION_PATH_RE.test(p), p).toBe(true);
    for (const p of ["lib/migrations/helper.php", "application/migrations/index.html", "app/Migrations/Runner.php"]) expect(MIGRATION_PATH_RE.test(p), p).toBe(false);
  });
});

describe("code-start migrations: JVM (session 12)", () => {
  it("solidbase and the Liquibase/Flyway APIs called from Scala or Java startup code", async () => {
    const { snapshotFromFiles } = await import("../testing.ts");
    const { codeStartMigrations } = await import("./migrations.ts");
    const { snapshot } = await snapshotFromFiles({
      "build.sbt": "libraryDependencies += \"io.github.gitbucket\" % \"solidbase\" % \"1.1.0\"\n",
      "src/main/scala/app/InitializeListener.scala": "class InitializeListener {\n  def contextInitialized(): Unit = {\n    new Solidbase()\n      .migrate(conn, getClass.getClassLoader, driver, AppModule)\n  }\n}\n",
      "src/main/scala/app/Db.scala": "object Db {\n  def init() = Flyway.configure()\n    .dataSource(url, user, pass)\n    .load()\n    .migrate()\n}\n",
      "src/main/java/app/Boot.java": "class Boot { void run() { new Solidbase().migrate(c, l, d, m); } }\n",
      "src/main/scala/app/Other.scala": "object Other { def run() = migrator.migrate() }\n",
    }, { kind: "service" });
    expect(codeStartMigrations(snapshot, snapshot.files).map((m) => `${m.path}:${m.line}`)).toEqual(["src/main/java/app/Boot.java:1", "src/main/scala/app/Db.scala:2", "src/main/scala/app/InitializeListener.scala:3"]);
  });
});
