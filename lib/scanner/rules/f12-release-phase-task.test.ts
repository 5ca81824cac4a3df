import rule from "./f12-release-phase-task.ts";
import { describe, expect, it } from "vitest";
import { ruleTester, runRule } from "../testing.ts";

const django = { "requirements.txt": "django==5.0\ngunicorn==22.0\n", "app/migrations/0001_initial.py": "from django.db import migrations\n", "manage.py": "import django\n" };

ruleTester(rule, {
  valid: [
    { name: "Procfile release phase", files: { ...django, Procfile: "release: python manage.py migrate --noinput\nweb: gunicorn app.wsgi\n" } },
    { name: "Fly release_command", files: { ...django, "fly.toml": 'app = "api"\n\n[deploy]\n  release_command = "python manage.py migrate"\n' } },
    { name: "Render preDeployCommand", files: { ...django, "render.yaml": "services:\n  - type: web\n    name: api\n    preDeployCommand: python manage.py migrate\n    startCommand: gunicorn app.wsgi\n" } },
    {
      name: "Helm pre-upgrade Job",
      files: {
        ...django,
        "chart/Chart.yaml": "apiVersion: v2\nname: api\nversion: 0.1.0\n",
        "chart/templates/migrate.yaml": 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n    "helm.sh/hook": pre-install,pre-upgrade\nspec:\n  template:\n    spec:\n      containers:\n        - name: migrate\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n          command: ["python", "manage.py", "migrate"]\n',
      },
    },
    { name: "mongoose without migrations: na (v4)", files: { "package.json": JSON.stringify({ name: "x", private: true, dependencies: { express: "^4", mongoose: "^8" } }), "src/s.js": "const mongoose = require('mongoose');\nmongoose.connect(process.env.MONGODB_URL);\nrequire('express')().listen(process.env.PORT);\n" }, options: { kind: "service" }, status: "na" },
    { name: "no database: na", files: { "package.json": JSON.stringify({ name: "x", private: true, dependencies: { express: "^4" } }), "src/s.js": "require('express')().listen(process.env.PORT);\n" }, status: "na" },
    { name: "v5: a compose one-off service running the app's own --upgrade before the app starts", files: { "go.mod": "module example.com/news\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":9000\", nil) }\n", "migrations/v1.0.0.sql": "CREATE TABLE t (id int);\n", "docker-compose.yml": "services:\n  upgrade:\n    image: acme/news:1.2.0\n    command: [\"./news\", \"--upgrade\", \"--yes\"]\n  app:\n    image: acme/news:1.2.0\n    restart: unless-stopped\n    depends_on:\n      upgrade:\n        condition: service_completed_successfully\n" }, options: { kind: "service" } },
  ],
  invalid: [
    { name: "migrations in the Dockerfile CMD: 0.75 (v3; the timing is judged under V)", files: { ...django, Dockerfile: 'FROM python:3.12\nCOPY . .\nCMD ["sh", "-c", "python manage.py migrate && gunicorn app.wsgi"]\n' }, status: "partial" },
    {
      name: "initContainer migrates in every pod: 0.5",
      files: { ...django, "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: migrate\n          image: ghcr.io/acme/api:1.0.0\n          command: [\"python\", \"manage.py\", \"migrate\"]\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.0.0\n" },
      status: "partial",
    },
    { name: "CI runs migrations from the runner in a deploy job: 0.75", files: { ...django, ".github/workflows/deploy.yml": "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: python manage.py migrate\n" }, status: "partial" },
    { name: "migrations exist but nothing runs them: 0", files: django, options: { kind: "service" }, status: "fail" },
    {
      name: "mongoose with a migrate-mongo migrations directory that nothing runs: 0 (v4)",
      files: {
        "package.json": JSON.stringify({ name: "x", private: true, dependencies: { express: "^4", mongoose: "^8", "migrate-mongo": "^11" } }),
        "src/s.js": "const mongoose = require('mongoose');\nmongoose.connect(process.env.MONGODB_URL);\nrequire('express')().listen(process.env.PORT);\n",
        "migrations/20240101-add-index.js": "module.exports = { async up(db) { await db.collection('users').createIndex({ email: 1 }); } };\n",
      },
      options: { kind: "service" },
      status: "fail",
    },
  ],
});

describe("F12-RELEASE-PHASE-TASK: compose one-off migration service", () => {
  const prisma = {
    "package.json": JSON.stringify({ name: "app", private: true, dependencies: { "@prisma/client": "^6", next: "^15" }, scripts: { start: "next start" } }),
    "prisma/schema.prisma": 'datasource db {\n  provider = "postgresql"\n}\n',
    "prisma/migrations/20260101000000_init/migration.sql": "CREATE TABLE t (id int);\n",
    Dockerfile: 'FROM node:22\nCOPY . .\nENTRYPOINT ["app"]\nCMD ["web"]\n',
  };
  const compose = (gate: string) =>
    "x-app: &app\n  build: .\nservices:\n  postgres:\n    image: postgres:18\n  migrate:\n    <<: *app\n    command: [migrate, deploy]\n    restart: \"no\"\n" +
    `  web:\n    <<: *app\n    command: [web]\n    depends_on:\n      migrate:\n        condition: ${gate}\n`;

  it("migrations in the start command score 0.75 (v3), an initContainer 0.5", async () => {
    const start = await runRule(rule, { ...django, Procfile: "web: python manage.py migrate && gunicorn app.wsgi\n" });
    expect(start.result.score).toBe(0.75);
    expect(start.result.reason).toMatch(/every process start/);
  });
  it("gated with service_completed_successfully in a dev-only compose file: 0.75", async () => {
    const run = await runRule(rule, { ...prisma, "docker-compose.yml": compose("service_completed_successfully") });
    expect(run.result.score).toBe(0.75);
    expect(run.result.reason).toMatch(/compose one-off service migrate/);
  });
  it("gated in a deploy compose file: 1.0", async () => {
    const run = await runRule(rule, { ...prisma, "docker-compose.prod.yml": compose("service_completed_successfully") });
    expect(run.result.score).toBe(1);
  });
  it("not gated (service_started): the migrate service is not a release phase", async () => {
    const run = await runRule(rule, { ...prisma, "docker-compose.yml": compose("service_started") });
    expect(run.result.score).toBe(0);
  });
});

describe("F12-RELEASE-PHASE-TASK v6: migrations applied from the service's own startup code", () => {
  const dotnet = {
    "src/Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="8.0.0" /></ItemGroup></Project>\n',
    "src/Api/Data/Migrations/20240101000000_Init.cs": "public partial class Init : Migration { }\n",
    Dockerfile: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\nENTRYPOINT ["dotnet", "/app/Api.dll"]\n',
  };
  const gormGo = {
    "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire gorm.io/gorm v1.25.0\n",
    "main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\tdb.Setup()\n\thttp.ListenAndServe(":8080", nil)\n}\n',
    "internal/db/db.go": "package db\n\nfunc Setup() error {\n\treturn db.AutoMigrate(&User{})\n}\n",
  };

  it("EF Core MigrateAsync in Program.cs scores 0.75 like migrations in the start command", async () => {
    const run = await runRule(rule, { ...dotnet, "src/Api/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\nawait context.Database.MigrateAsync();\napp.Run();\n" }, { kind: "service" });
    expect(run.result.score).toBe(0.75);
    expect(run.result.reason).toMatch(/own startup code/);
  });

  it("MigrateAsync only in a test project does not count; GORM AutoMigrate without versioned migrations does not count", async () => {
    const tests = await runRule(rule, { ...dotnet, "src/Api/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n", "tests/Api.Tests/Fixture.cs": "public class F { async Task I() { await context.Database.MigrateAsync(); } }\n" }, { kind: "service" });
    expect(tests.result.score ?? 0).toBe(0);
    const gorm = await runRule(rule, gormGo, { kind: "service" });
    expect(gorm.result.score ?? 0).toBe(0);
  });

  it("a Go service that calls its own migration runner after AutoMigrate scores 0.75; the runner's definition alone does not", async () => {
    const run = await runRule(rule, { ...gormGo, "internal/db/db.go": "package db\n\nfunc Setup() error {\n\tdb.AutoMigrate(&User{})\n\treturn applyMigrations(info)\n}\n", "internal/db/migration.go": "package db\n\nfunc applyMigrations(i *info) error { return nil }\n" }, { kind: "service" });
    expect(run.result.score).toBe(0.75);
    const def = await runRule(rule, { ...gormGo, "internal/db/db.go": "package db\n\nfunc applyMigrations(i *info) error { return nil }\n" }, { kind: "service" });
    expect(def.result.score ?? 0).toBe(0);
  });
});

describe("F12-RELEASE-PHASE-TASK v8: start-time migrations of other ecosystems (shared codeStartMigrations v5)", () => {
  const spring = (extra: Record<string, string>) => ({
    "pom.xml": "<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId></parent><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId></dependency></dependencies></project>\n",
    "src/main/resources/db/migration/V1__init.sql": "create table t (id int);\n",
    Dockerfile: 'FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
    ...extra,
  });

  it("Spring Boot with flyway-core (auto-migration at application start) scores 0.75; disabled Flyway does not count", async () => {
    const on = await runRule(rule, spring({}), { kind: "service" });
    expect(on.result.score).toBe(0.75);
    const off = await runRule(rule, spring({ "src/main/resources/application.yml": "spring:\n  flyway:\n    enabled: false\n" }), { kind: "service" });
    expect(off.result.score ?? 0).toBe(0);
  });

  it("alembic command.upgrade in a FastAPI lifespan scores 0.75; the same call in a Flask CLI command does not", async () => {
    const base = { "requirements.txt": "fastapi\nalembic\n", "alembic.ini": "[alembic]\n", "alembic/versions/0001_init.py": "revision = '1'\n" };
    const life = await runRule(rule, { ...base, "app/main.py": "from alembic import command\n\nasync def lifespan(app):\n    command.upgrade(cfg, \"head\")\n    yield\n" }, { kind: "service" });
    expect(life.result.score).toBe(0.75);
    const cli = await runRule(rule, { ...base, "app/main.py": "from alembic import command\n\n@app.cli.command()\ndef deploy():\n    command.upgrade(cfg, \"head\")\n" }, { kind: "service" });
    expect(cli.result.score ?? 0).toBe(0);
  });
});
