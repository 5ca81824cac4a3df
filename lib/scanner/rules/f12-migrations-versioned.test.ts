import rule from "./f12-migrations-versioned.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4", ...deps } });
const server = { "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    { name: "prisma migrations", files: { ...server, "package.json": pkg({ "@prisma/client": "^5" }), "prisma/schema.prisma": "datasource db { provider = \"postgresql\" url = env(\"DATABASE_URL\") }\n", "prisma/migrations/20240101000000_init/migration.sql": "CREATE TABLE t (id int);\n" } },
    { name: "Django migrations", files: { "requirements.txt": "django==5.0\ngunicorn==22\n", "manage.py": "", "shop/migrations/0001_initial.py": "from django.db import migrations\n" } },
    { name: "Go migrations in code: ordered steps + schema_version table (v2)", files: { "go.mod": "module example.com/feeds\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n", "internal/database/migrations.go": "package database\n\nimport \"database/sql\"\n\nvar migrations = [...]func(tx *sql.Tx) error{\n\tfunc(tx *sql.Tx) error { _, err := tx.Exec(`CREATE TABLE schema_version (version text not null)`); return err },\n}\n" }, options: { kind: "service" } },
    { name: "v3: migration files named by the release they migrate to (listmonk internal/migrations/v2.0.0.go)", files: { "go.mod": "module example.com/news\n\ngo 1.22\n\nrequire github.com/jmoiron/sqlx v1.4.0\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":9000\", nil) }\n", "internal/migrations/v0.4.0.go": "package migrations\n", "internal/migrations/v2.0.0.go": "package migrations\n" }, options: { kind: "service" } },
    { name: "v4: a []struct list of versioned steps applied against a MigrationVersion model (opengist)", files: { "go.mod": "module example.com/gists\n\ngo 1.22\n\nrequire gorm.io/gorm v1.25.0\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":6157\", nil) }\n", "internal/db/migration.go": "package db\n\ntype MigrationVersion struct{ Version uint }\n\nfunc applyMigrations() {\n\tmigrations := []struct {\n\t\tVersion uint\n\t\tFunc    func() error\n\t}{\n\t\t{1, v1_modifyConstraintToSSHKeys},\n\t}\n\t_ = migrations\n}\n" }, options: { kind: "service" } },
    { name: "no database: not applicable", files: { ...server, "package.json": pkg({}) }, status: "na" },
  ],
  invalid: [
    { name: "Go code that only creates tables at start, no schema version (v2)", files: { "go.mod": "module example.com/feeds\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n", "internal/database/db.go": "package database\n\nimport \"database/sql\"\n\nfunc Init(db *sql.DB) error {\n\t_, err := db.Exec(`CREATE TABLE IF NOT EXISTS feeds (id serial primary key)`)\n\treturn err\n}\n" }, options: { kind: "service" }, status: "fail" },
    { name: "v3: a version-named Go file outside a migrations directory is not a migration", files: { "go.mod": "module example.com/news\n\ngo 1.22\n\nrequire github.com/jmoiron/sqlx v1.4.0\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":9000\", nil) }\n", "internal/buildinfo/v2.0.0.go": "package buildinfo\n" }, options: { kind: "service" }, status: "fail" },
    { name: "v4: a []struct list named migrations without any version table is not enough", files: { "go.mod": "module example.com/gists\n\ngo 1.22\n\nrequire gorm.io/gorm v1.25.0\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":6157\", nil) }\n", "internal/db/migration.go": "package db\n\nfunc setup() {\n\tmigrations := []struct{ Name string }{{\"a\"}}\n\t_ = migrations\n}\n" }, options: { kind: "service" }, status: "fail" },
    { name: "pg without migrations", files: { ...server, "package.json": pkg({ pg: "^8" }) }, status: "fail" },
    { name: "migrations only under test/ do not count", files: { ...server, "package.json": pkg({ knex: "^3" }), "test/migrations/001_init.js": "exports.up = () => {}\n" }, status: "fail" },
  ],
});
