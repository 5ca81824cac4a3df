import { describe, expect, it } from "vitest";
import { MIGRATE_CMD_RE, MIGRATION_PATH_RE } from "./migrations.ts";

describe("migration commands", () => {
  it("recognises migration runners", () => {
    for (const c of ["python manage.py migrate --noinput", "bundle exec rails db:migrate", "./bin/rails db:prepare", "alembic upgrade head", "npx prisma migrate deploy", "php artisan migrate --force", "dotnet ef database update", "goose -dir db up", "npm run migrate", "flyway -url=x migrate", "migrate -path db -database $DB up"]) expect(MIGRATE_CMD_RE.test(c), c).toBe(true);
    for (const c of ["node dist/server.js", "gunicorn app.wsgi", "npx prisma generate", "rails server"]) expect(MIGRATE_CMD_RE.test(c), c).toBe(false);
  });
  it("recognises migration directories", () => {
    for (const p of ["app/migrations/0001_initial.py", "db/migrate/20240101000000_create_users.rb", "prisma/migrations/20240101_init/migration.sql", "src/main/resources/db/migration/V1__init.sql", "database/migrations/2024_01_01_create_users_table.php"]) expect(MIGRATION_PATH_RE.test(p), p).toBe(true);
    expect(MIGRATION_PATH_RE.test("src/server.ts")).toBe(false);
  });
});
