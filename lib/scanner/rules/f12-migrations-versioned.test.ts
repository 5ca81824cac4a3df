import rule from "./f12-migrations-versioned.ts";
import { describe, expect, it } from "vitest";
import { ruleTester, runRule } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4", ...deps } });
const server = { "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    { name: "v7: knex migrations named by date in db/knex_migrations/", files: { ...server, "package.json": pkg({ knex: "^3", sqlite3: "^5" }), "db/knex_migrations/2023-08-16-0000-create-uptime.js": "exports.up = () => {};\n" } },
    { name: "v7: Go migration files migrations/v1.go, v2.go", files: { "go.mod": "module example.com/notify\n\ngo 1.22\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n", "migrations/v1.go": "package migrations\n", "migrations/v2.go": "package migrations\n" }, options: { kind: "service" } },
    { name: "v8: goose SQL migrations in one directory per database engine (homebox internal/data/migrations/postgres/)", files: { "go.mod": "module example.com/box\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n", "internal/data/migrations/postgres/20250629112901_fix_thumbnail.sql": "-- +goose Up\n", "internal/data/migrations/sqlite3/20250629112901_fix_thumbnail.sql": "-- +goose Up\n" }, options: { kind: "service" } },
    { name: "v7: TypeORM migrations in one directory per database", files: { ...server, "package.json": pkg({ typeorm: "^0.3", pg: "^8" }), "src/database/migrations/postgres/1693891895163-Init.ts": "export class Init1693891895163 {}\n" } },
    { name: "v7: a schema-version map of migration functions in the store code with a schemaVersion table (ntfy)", files: { "go.mod": "module example.com/notify\n\ngo 1.22\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n", "server/message_cache.go": "package server\n\nconst createSchemaVersion = `CREATE TABLE IF NOT EXISTS schemaVersion (id INT PRIMARY KEY, version INT NOT NULL)`\n\nvar migrations = map[int]func(db *sql.DB) error{\n\t0: migrateFrom0,\n}\n" }, options: { kind: "service" } },
    { name: "v3: Kysely-style migration files with an ISO T timestamp", files: { ...server, "package.json": pkg({ kysely: "^0.27", pg: "^8" }), "src/database/migrations/20240324T085400-uuid_v7_fn.ts": "export async function up() {}\n" } },
    { name: "v3: version-keyed upgrade scripts", files: { ...server, "package.json": pkg({ pg: "^8" }), "src/upgrades/3.2.0/fix_topics.js": "module.exports = { method: async () => {} };\n" } },
    { name: "prisma migrations", files: { ...server, "package.json": pkg({ "@prisma/client": "^5" }), "prisma/schema.prisma": "datasource db { provider = \"postgresql\" url = env(\"DATABASE_URL\") }\n", "prisma/migrations/20240101000000_init/migration.sql": "CREATE TABLE t (id int);\n" } },
    { name: "Django migrations", files: { "requirements.txt": "django==5.0\ngunicorn==22\n", "manage.py": "", "shop/migrations/0001_initial.py": "from django.db import migrations\n" } },
    { name: "Go migrations in code: ordered steps + schema_version table (v2)", files: { "go.mod": "module example.com/feeds\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n", "internal/database/migrations.go": "package database\n\nimport \"database/sql\"\n\nvar migrations = [...]func(tx *sql.Tx) error{\n\tfunc(tx *sql.Tx) error { _, err := tx.Exec(`CREATE TABLE schema_version (version text not null)`); return err },\n}\n" }, options: { kind: "service" } },
    { name: "v3: migration files named by the release they migrate to (listmonk internal/migrations/v2.0.0.go)", files: { "go.mod": "module example.com/news\n\ngo 1.22\n\nrequire github.com/jmoiron/sqlx v1.4.0\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":9000\", nil) }\n", "internal/migrations/v0.4.0.go": "package migrations\n", "internal/migrations/v2.0.0.go": "package migrations\n" }, options: { kind: "service" } },
    { name: "v4: a []struct list of versioned steps applied against a MigrationVersion model (opengist)", files: { "go.mod": "module example.com/gists\n\ngo 1.22\n\nrequire gorm.io/gorm v1.25.0\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":6157\", nil) }\n", "internal/db/migration.go": "package db\n\ntype MigrationVersion struct{ Version uint }\n\nfunc applyMigrations() {\n\tmigrations := []struct {\n\t\tVersion uint\n\t\tFunc    func() error\n\t}{\n\t\t{1, v1_modifyConstraintToSSHKeys},\n\t}\n\t_ = migrations\n}\n" }, options: { kind: "service" } },
    { name: "v5: Kotlin Exposed migration classes M0001_… under database/migration/ (Suwayomi-Server)", files: { "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>srv</artifactId><version>1</version><dependencies><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency></dependencies></project>\n", "src/main/kotlin/x/database/migration/M0001_Initial.kt": "package x\nclass M0001_Initial\n", "src/main/kotlin/x/database/migration/M0002_Index.kt": "package x\nclass M0002_Index\n" }, options: { kind: "service" } },
    { name: "Alembic revisions with a dotted timestamp in the file name (v3)", files: { "pyproject.toml": "[project]\nname = \"app\"\ndependencies = [\"fastapi==0.115.0\", \"sqlalchemy==2.0.30\", \"alembic==1.13.0\"]\n", "app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n", "alembic.ini": "[alembic]\nscript_location = alembic\n", "alembic/versions/2022-02-21-19.56.24_6b0f5f32d602_initial_tables.py": "revision = '6b0f5f32d602'\n" }, options: { kind: "service" } },
    { name: "Doctrine migrations (migrations/VersionYYYYMMDDHHMMSS.php) (v3)", files: { "composer.json": JSON.stringify({ require: { "doctrine/orm": "^2.19", "doctrine/doctrine-migrations-bundle": "^3.3", "symfony/framework-bundle": "^7.0" } }), "migrations/Version20160401000000.php": "<?php\nnamespace Application\\Migrations;\nfinal class Version20160401000000 {}\n" }, options: { kind: "service" } },
    { name: "no database: not applicable", files: { ...server, "package.json": pkg({}) }, status: "na" },
  ],
  invalid: [
    { name: "v8 control: a non-engine subdirectory of timestamped SQL files (fixtures/) does not count", files: { "go.mod": "module example.com/box\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n", "internal/data/migrations/fixtures/20250629112901_seed.sql": "INSERT INTO x VALUES (1);\n" }, options: { kind: "service" }, status: "fail" },
    { name: "v7: a migrations map without any schema version table is not versioned migrations", files: { "go.mod": "module example.com/notify\n\ngo 1.22\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n", "server/cache.go": "package server\n\n// migration helpers\nvar migrations = map[int]func(db *sql.DB) error{}\n" }, options: { kind: "service" }, status: "fail" },
    { name: "v7: a date-named file outside a migrations directory does not count", files: { ...server, "package.json": pkg({ knex: "^3", sqlite3: "^5" }), "db/notes/2023-08-16-0000-create-uptime.js": "exports.up = () => {};\n" }, status: "fail" },
    { name: "a migrations/ directory with an unversioned PHP helper is not Doctrine migrations (v3 control)", files: { "composer.json": JSON.stringify({ require: { "doctrine/orm": "^2.19", "symfony/framework-bundle": "^7.0" } }), "migrations/Helper.php": "<?php\nclass Helper {}\n" }, options: { kind: "service" }, status: ["fail", "partial"] },
    { name: "Go code that only creates tables at start, no schema version (v2)", files: { "go.mod": "module example.com/feeds\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n", "internal/database/db.go": "package database\n\nimport \"database/sql\"\n\nfunc Init(db *sql.DB) error {\n\t_, err := db.Exec(`CREATE TABLE IF NOT EXISTS feeds (id serial primary key)`)\n\treturn err\n}\n" }, options: { kind: "service" }, status: "fail" },
    { name: "v3: a version-named Go file outside a migrations directory is not a migration", files: { "go.mod": "module example.com/news\n\ngo 1.22\n\nrequire github.com/jmoiron/sqlx v1.4.0\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":9000\", nil) }\n", "internal/buildinfo/v2.0.0.go": "package buildinfo\n" }, options: { kind: "service" }, status: "fail" },
    { name: "v4: a []struct list named migrations without any version table is not enough", files: { "go.mod": "module example.com/gists\n\ngo 1.22\n\nrequire gorm.io/gorm v1.25.0\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":6157\", nil) }\n", "internal/db/migration.go": "package db\n\nfunc setup() {\n\tmigrations := []struct{ Name string }{{\"a\"}}\n\t_ = migrations\n}\n" }, options: { kind: "service" }, status: "fail" },
    { name: "v5: a class named like a model (Migration.kt) outside a migrations directory does not count", files: { "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>srv</artifactId><version>1</version><dependencies><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency></dependencies></project>\n", "src/main/kotlin/x/model/M0001_Initial.kt": "package x\nclass M0001_Initial\n" }, options: { kind: "service" }, status: "fail" },
    { name: "v3: a migration-like file name without a timestamp or version still does not count", files: { ...server, "package.json": pkg({ pg: "^8" }), "src/upgrades/latest/fix.js": "module.exports = {};\n" }, status: "fail" },
    { name: "pg without migrations", files: { ...server, "package.json": pkg({ pg: "^8" }) }, status: "fail" },
    { name: "migrations only under test/ do not count", files: { ...server, "package.json": pkg({ knex: "^3" }), "test/migrations/001_init.js": "exports.up = () => {}\n" }, status: "fail" },
  ],
});

describe("F12-MIGRATIONS-VERSIONED workspace packages (v3)", () => {
  const files = (deps: Record<string, string>) => ({
    "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["apps/*", "packages/*"] }),
    "apps/web/package.json": JSON.stringify({ name: "@acme/web", private: true, scripts: { start: "node server.js" }, dependencies: { express: "^4", "@prisma/client": "^5", ...deps } }),
    "apps/web/server.js": "require('express')().listen(process.env.PORT);\n",
    "apps/web/Dockerfile": "FROM node:22-slim\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
    "packages/db/package.json": JSON.stringify({ name: "@acme/db", private: true, main: "index.js", dependencies: { "@prisma/client": "^5" } }),
    "packages/db/index.js": "module.exports = new (require('@prisma/client').PrismaClient)();\n",
    "packages/db/prisma/schema.prisma": "datasource db { provider = \"postgresql\" url = env(\"DATABASE_URL\") }\n",
    "packages/db/prisma/migrations/20240101000000_init/migration.sql": "CREATE TABLE t (id int);\n",
  });
  it("migrations in a workspace package the app depends on count for the app", async () => {
    const run = await runRule(rule, files({ "@acme/db": "workspace:*" }));
    expect(run.results.find((r) => r.unit === "apps/web")?.status).toBe("pass");
  });
  it("the same package, not depended on, does not count", async () => {
    const run = await runRule(rule, files({}));
    expect(run.results.find((r) => r.unit === "apps/web")?.status).toBe("fail");
  });
});
