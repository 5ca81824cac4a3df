import rule from "./f05-runtime-build-step.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const pkg = (scripts: Record<string, string>) => JSON.stringify({ name: "api", private: true, scripts, dependencies: { express: "^4.19.0" } }, null, 2);
const server = { "src/server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    {
      name: "session 26 (simple-login): the root shell.py admin console calls flask_migrate.upgrade(); the start command only runs gunicorn",
      files: {"requirements.txt": "flask==3.0\nflask-migrate==4.0\ngunicorn==22.0\n", "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD [\"gunicorn\", \"wsgi:app\"]\n", "wsgi.py": "from server import create_app\n\napp = create_app()\n", "server.py": "from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n", "shell.py": "import flask_migrate\nfrom IPython import embed\n\n\ndef create_db():\n    flask_migrate.upgrade()\n\n\nif __name__ == \"__main__\":\n    embed()\n"},
      options: { kind: "service" },
    },
    {
      name: "v13: a lone case label `yarn)` is not a yarn install",
      files: { ...server, "package.json": pkg({ start: "node src/server.js" }), "entrypoint.sh": "#!/bin/bash\ncase \"$PACKAGE_MANAGER\" in\n  yarn)\n    yarn start\n    ;;\n  *)\n    npm start\n    ;;\nesac\n", Dockerfile: "FROM node:22\nCOPY . /app\nENTRYPOINT [\"tini\", \"--\", \"entrypoint.sh\"]\n" },
      options: { kind: "service" },
    },
    {
      name: "v12: the Vercel build command only builds (migrations run elsewhere)",
      files: { "package.json": JSON.stringify({ name: "web", private: true, scripts: { build: "next build", start: "next start", "vercel-build": "prisma generate && next build", "db:migrate": "prisma migrate deploy" }, dependencies: { next: "14.0.0", prisma: "5.0.0" } }), "pages/index.tsx": "export default function Home() { return null; }\n", "vercel.json": "{}\n" },
      options: { kind: "service" },
    },
    {
      name: "v12: a final stage built FROM an earlier stage inherits its CMD; the script only execs the server",
      files: { "manage.py": "import django\n", "requirements.txt": "django==5.0\ngunicorn==22.0.0\n", "bootstrap.sh": "#!/bin/sh\nexec gunicorn app.wsgi\n", Dockerfile: "FROM python:3.12-slim AS app\nCOPY . /app\nCMD [\"./bootstrap.sh\"]\n\nFROM app AS app-plus\nRUN echo plus\n" },
      options: { kind: "service" },
    },
    {
      name: "v12: a Procfile wrapper runs a start script that only starts the server",
      files: { Gemfile: "source 'https://rubygems.org'\ngem 'rails'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n", Procfile: "web: bundle exec thrust bin/start-app\n", "bin/start-app": "#!/bin/bash -e\nrm -f tmp/pids/server.pid\n./bin/rails server\n" },
      options: { kind: "service" },
    },
    {
      name: "v12: s6-overlay services that only start the app (no migration service)",
      files: { ...server, "package.json": pkg({ start: "node src/server.js" }), Dockerfile: "FROM node:22\nCOPY docker/root/ /\nCOPY . /app\nENTRYPOINT [\"/init\"]\n", "docker/root/etc/s6-overlay/s6-rc.d/svc-web/run": "#!/command/with-contenv sh\ncd /app\nexec node src/server.js\n", "docker/root/etc/s6-overlay/s6-rc.d/svc-web/type": "longrun\n" },
      options: { kind: "service" },
    },
    {
      name: "v12: a cli/ script that is not an install or migration (php ./cli/access-permissions.sh, php ./cli/list-users.php)",
      files: { "composer.json": JSON.stringify({ require: { php: ">=8.1" } }), "index.php": "<?php echo 1;\n", "cli/list-users.php": "<?php\n", "cli/access-permissions.sh": "#!/bin/sh\nchmod -R g+w data\n", "docker/entrypoint.sh": "#!/bin/sh\n./cli/access-permissions.sh\nphp -f ./cli/list-users.php\nexec \"$@\"\n", Dockerfile: "FROM php:8.3-apache\nCOPY . /var/www\nENTRYPOINT [\"./docker/entrypoint.sh\"]\nCMD [\"apache2-foreground\"]\n" },
      options: { kind: "service" },
    },
    {
      name: "v12: Go code that defines a Migrate method and a test store that calls it is not a start-time migration",
      files: { "go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n", "store/store.go": "package store\n\nfunc (s *Store) Migrate(ctx context.Context) error { return nil }\n", "store/test/store.go": "package test\n\nfunc New() { storeInstance.Migrate(ctx) }\n", Dockerfile: "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n" },
      options: { kind: "service" },
    },
    {
      name: "v11: a flask CLI command run at start that does not migrate (flask report)",
      files: { "app.py": "from flask import Flask\nfrom flask_migrate import Migrate, upgrade\napp = Flask(__name__)\n\n@app.cli.command()\ndef deploy():\n    \"\"\"Run deployment tasks.\"\"\"\n    upgrade()\n\n@app.cli.command()\ndef report():\n    print(1)\n", "requirements.txt": "flask==3.0.0\nflask-migrate==4.0.0\ngunicorn==22.0.0\n", "boot.sh": "#!/bin/sh\nflask report\nexec gunicorn app:app\n", Dockerfile: "FROM python:3.12-slim\nCOPY . /app\nCMD [\"./boot.sh\"]\n" },
      options: { kind: "service" },
    },
    {
      name: "v11: RUN_MIGRATIONS=1 in a compose file for a variable the application never reads (another image's option)",
      files: { "go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n", Dockerfile: "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n", "deploy/stack.yml": "services:\n  app:\n    image: example/app:1.0\n  other:\n    image: vendor/other:2\n    environment:\n      - RUN_MIGRATIONS=1\n" },
      options: { kind: "service" },
    },
    {
      name: "v11: RUN_MIGRATIONS=0 in the shipped compose file (the option is switched off)",
      files: { "go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport (\"net/http\"; \"os\")\n\nfunc main() { if os.Getenv(\"RUN_MIGRATIONS\") == \"1\" { migrate() }; http.ListenAndServe(\":8080\", nil) }\n", Dockerfile: "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n", "contrib/compose/basic.yml": "services:\n  app:\n    image: example/app:1.0\n    environment:\n      - RUN_MIGRATIONS=0\n" },
      options: { kind: "service" },
    },
    {
      name: "v11: the Procfile runs a start script that only execs the server",
      files: { "manage.py": "import django\n", "requirements.txt": "django==5.0\ngunicorn==22.0.0\n", "app/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n", Procfile: "web: bash Procfile.sh\n", "Procfile.sh": "#!/bin/bash\nexec gunicorn app.wsgi:application\n" },
      options: { kind: "service" },
    },
    {
      name: "v14 controls: goose.Up in a migration command, drizzle's migrator in a script, Liquibase in a test are one-off/test code",
      files: {
        "go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n", "cmd/migrate/main.go": "package main\n\nfunc main() { goose.Up(conn, \"migrations\") }\n",
        "scripts/migrate.mjs": "import { migrate } from 'drizzle-orm/libsql/migrator';\nawait migrate(db, { migrationsFolder: './drizzle' });\n",
        "src/test/java/org/app/DbTest.java": "class DbTest { void setUp() { new Liquibase(changelog, accessor, database).update(\"\"); } }\n",
        Dockerfile: "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n",
      },
      options: { kind: "service" },
    },
    {
      name: "v10: a Go migration command (cmd/migrate) and a test helper that AutoMigrate are one-off/test code",
      files: { "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire gorm.io/gorm v1.25.0\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n", "cmd/migrate/main.go": "package main\n\nfunc main() { db.AutoMigrate(&User{}) }\n", "internal/db/db_test.go": "package db\n\nfunc setup() { db.AutoMigrate(&User{}) }\n", Dockerfile: "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n" },
      options: { kind: "service" },
    },
    {
      name: "v10: declaring a RunMigrationsAsync method (or calling base.RunMigrationsAsync) is not a release step",
      files: { Dockerfile: "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\nENTRYPOINT [\"dotnet\", \"/app/Api.dll\"]\n", "src/Api/Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>\n", "src/Api/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n", "src/Api/Ctx.cs": "public class Ctx : Base {\n  public override async Task RunMigrationsAsync(CancellationToken ct) { await base.RunMigrationsAsync(ct); }\n}\n" },
      options: { kind: "service" },
    },
    {
      name: "v10: EF Core MigrateAsync in a test project is not a release step",
      files: { "src/Api/Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>\n", Dockerfile: "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\nENTRYPOINT [\"dotnet\", \"/app/Api.dll\"]\n", "src/Api/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n", "tests/Api.Tests/DbFixture.cs": "public class DbFixture { public async Task Init() { await context.Database.MigrateAsync(); } }\n" },
      options: { kind: "service" },
    },
    {
      name: "v7: startup code that forks a non-migration helper is not a release step",
      files: { "package.json": pkg({ start: "node build/index.js" }), "server/index.ts": "import express from 'express';\nimport { fork } from 'node:child_process';\nconst app = express();\nfork('./build/thumbnailer.js');\napp.listen(process.env.PORT);\n", Dockerfile: "FROM node:22-slim\nCOPY . /app\nCMD [\"node\", \"build/index.js\"]\n" },
      options: { kind: "service" },
    },
    {
      name: "v6: a migration script (scripts/migrate.ts) that runs TypeORM migrations is a one-off process",
      files: { "package.json": pkg({ start: "node dist/index.js", migrate: "node dist/scripts/migrate.js" }), "server/index.ts": "import express from 'express';\nconst app = express();\napp.listen(process.env.PORT);\n", "scripts/migrate.ts": "import dataSource from '../server/datasource';\ndataSource.initialize().then((db) => db.runMigrations());\n", Dockerfile: "FROM node:22-slim\nCOPY . /app\nCMD [\"node\", \"dist/index.js\"]\n" },
      options: { kind: "service" },
    },
    {
      name: "v5: CMD [\"sh\", \"start.sh\"] whose script only prints and execs the server",
      files: { "package.json": pkg({ start: "node src/server.js" }), ...server, Dockerfile: "FROM node:22-slim\nCOPY . /app\nCOPY docker/start.sh /app/start.sh\nCMD [\"sh\", \"start.sh\"]\n", "docker/start.sh": "#!/bin/sh\nprintf 'starting'\nexec node src/server.js\n" },
      options: { kind: "service" },
    },
    {
      name: "v5: an entrypoint script behind tini that only execs the server",
      files: { "package.json": pkg({ start: "node src/server.js" }), ...server, Dockerfile: "FROM node:22-slim\nCOPY . /app\nCOPY docker/entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"tini\", \"--\", \"entrypoint.sh\"]\n", "docker/entrypoint.sh": "#!/bin/sh\nset -e\nexec node src/server.js\n" },
      options: { kind: "service" },
    },
    {
      name: "uWSGI ini without start hooks (v4)",
      files: { "requirements.txt": "Django==5.0\nuwsgi==2.0.28\n", "manage.py": "", Dockerfile: "FROM python:3.12-slim\nCOPY . /app\nCMD [\"uwsgi\", \"/app/docker/uwsgi.ini\"]\n", "docker/uwsgi.ini": "[uwsgi]\nhttp-socket = :8000\nmodule = hc.wsgi:application\ndie-on-term\n" },
      options: { kind: "service" },
    },
    {
      name: "prebuilt artifact started directly",
      files: { ...server, "package.json": pkg({ build: "tsc", start: "node dist/server.js" }), Dockerfile: 'FROM node:22\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n' },
    },
    {
      name: "npm start reaching a plain node command",
      files: { ...server, "package.json": pkg({ start: "node dist/server.js", build: "tsc" }), Procfile: "web: npm start\n" },
    },
    {
      name: "Procfile release phase may compile (skipped)",
      files: { "requirements.txt": "django==5.0\ngunicorn==22.0.0\n", Procfile: "release: python manage.py collectstatic --noinput\nweb: gunicorn app.wsgi\n", "manage.py": "import django\n" },
    },
    {
      name: "package.json start with tsc is ignored when the Dockerfile starts node directly",
      files: { ...server, "package.json": pkg({ start: "tsc && node dist/server.js" }), Dockerfile: 'FROM node:22\nCOPY . .\nRUN npx tsc\nCMD ["node", "dist/server.js"]\n' },
    },
    {
      name: "npx of a local binary that is not a build or release step (prisma generate is; prisma studio is not)",
      files: { ...server, "package.json": pkg({ start: "node dist/server.js" }), Dockerfile: 'FROM node:22\nCOPY . .\nCMD npx prisma --version && node dist/server.js\n' },
    },
    {
      name: "build command in a test file does not count",
      files: { ...server, "package.json": pkg({ start: "node src/server.js" }), Procfile: "web: npm start\n", "test/run.sh": "npm install\n" },
    },
    { name: "v5: the app binary's own --upgrade-wrapper style flag or pip --upgrade is not a migration", files: { "go.mod": "module example.com/news\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":9000\", nil) }\n", "docker-compose.yml": "services:\n  app:\n    image: acme/news:1.2.0\n    restart: unless-stopped\n    command: [sh, -c, \"./gradlew --upgrade-wrapper && ./news\"]\n" }, options: { kind: "service" } },
    {
      name: "boot script behind tini that only execs the server (v5)",
      files: {
        "requirements.txt": "django==5.0\ngunicorn==22.0.0\n",
        "manage.py": "import django\n",
        Dockerfile: 'FROM python:3.12-alpine\nRUN apk add --no-cache tini\nCOPY . /opt/app\nENTRYPOINT ["/sbin/tini", "--", "/opt/app/boot.sh"]\n',
        "boot.sh": "#!/bin/sh\nset -e\nexec gunicorn app.wsgi --bind 0.0.0.0:8000\n",
      },
      options: { kind: "service" },
    },
    {
      name: "a COPYed start script without .sh that only execs the server (v6)",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'puma'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n",
        "docker/Dockerfile": 'FROM ruby:3.3\nCOPY ./ /app/\nCOPY ["docker/scripts/init", "/scripts/"]\nCMD ["/scripts/init"]\n',
        "docker/scripts/init": "#!/bin/bash\nset -e\nexec bundle exec puma -C config/puma.rb\n",
      },
      options: { kind: "service" },
    },
    {
      name: "v16: Spring Boot with flyway-core but spring.flyway.enabled=false (migrations run elsewhere)",
      files: {"pom.xml": "<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.0</version></parent><artifactId>app</artifactId><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId></dependency></dependencies></project>\n", "Dockerfile": "FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n", "src/main/java/org/app/App.java": "package org.app;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n", "src/main/resources/application.properties": "spring.flyway.enabled=false\n"},
      options: { kind: "service" },
    },
    {
      name: "v16: Spring Boot with Flyway only on the test classpath",
      files: {"build.gradle": "plugins {\n  id 'org.springframework.boot' version '3.3.0'\n}\ndependencies {\n  implementation 'org.springframework.boot:spring-boot-starter-web'\n  testImplementation 'org.flywaydb:flyway-core'\n}\n", "Dockerfile": "FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n", "src/main/java/org/app/App.java": "package org.app;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n"},
      options: { kind: "service" },
    },
    {
      name: "v16: Quarkus with quarkus-flyway but migrate-at-start not set (off by default)",
      files: {"pom.xml": "<project><artifactId>app</artifactId><dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-flyway</artifactId></dependency></dependencies></project>\n", "Dockerfile": "FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n", "src/main/resources/application.properties": "quarkus.datasource.jdbc.url=${DB_URL}\n"},
      options: { kind: "service" },
    },
    {
      name: "v16: a Flask CLI command (`flask deploy`) upgrades, but the start command only runs gunicorn",
      files: {"requirements.txt": "flask==3.0\nflask-migrate==4.0\ngunicorn==22.0\n", "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD [\"gunicorn\", \"app:app\"]\n", "app/__init__.py": "from flask import Flask\nfrom flask_migrate import Migrate, upgrade\n\napp = Flask(__name__)\n\n@app.cli.command()\ndef deploy():\n    \"\"\"Run deployment tasks.\"\"\"\n    upgrade()\n"},
      options: { kind: "service" },
    },
    {
      name: "v16: alembic command.upgrade in tests/conftest.py and a commented-out call in app code",
      files: {"requirements.txt": "fastapi==0.110\nuvicorn==0.29\nalembic==1.13\nsqlalchemy==2.0\n", "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n", "tests/conftest.py": "from alembic import command\n\ndef setup_db():\n    command.upgrade(cfg, \"head\")\n", "app/main.py": "from fastapi import FastAPI\n# from alembic import command; command.upgrade(cfg, \"head\")\napp = FastAPI()\n"},
      options: { kind: "service" },
    },
    {
      name: "v16: a Django management command calls call_command('migrate') (a one-off, not run at start)",
      files: {"requirements.txt": "django==5.0\ngunicorn==22.0\n", "manage.py": "import django\n", "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD [\"gunicorn\", \"app.wsgi\"]\n", "core/management/commands/setup.py": "from django.core.management import call_command\n\nclass Command(BaseCommand):\n    def handle(self, *a, **k):\n        call_command(\"migrate\")\n"},
      options: { kind: "service" },
    },
    {
      name: "v16: golang-migrate in a dedicated cmd/migrate binary",
      files: {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n", "cmd/migrate/main.go": "package main\n\nfunc main() {\n\tm, _ := migrate.New(\"file://migrations\", url)\n\tm.Up()\n}\n", "Dockerfile": "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n"},
      options: { kind: "service" },
    },
    {
      name: "v16: migrate.New without any Up/Steps/Migrate call (a status check)",
      files: {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb.Open()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n", "internal/db/db.go": "package db\n\nfunc Open() error {\n\tm, _ := migrate.New(\"file://migrations\", url)\n\t_, dirty, err := m.Version()\n\t_ = dirty\n\treturn err\n}\n", "Dockerfile": "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n"},
      options: { kind: "service" },
    },
    {
      name: "v16: Procfile release: bin/migrate (release phase), web only starts the server",
      files: {"mix.exs": "defmodule App.MixProject do\nend\n", "mix.lock": "%{}\n", "Procfile": "release: bin/migrate\nweb: bin/server\n"},
      options: { kind: "service" },
    },
    {
      name: "v16: ABP-style DbMigrator console project runs EF Migrate (a one-off)",
      files: {"src/Api/Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>\n", "Dockerfile": "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\nENTRYPOINT [\"dotnet\", \"/app/Api.dll\"]\n", "src/Api/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n", "src/Api/Acme.DbMigrator/Migrator.cs": "public class M { public void Run() { context.Database.Migrate(); } }\n"},
      options: { kind: "service" },
    },
    {
      name: "v16: the server shells out to `prisma generate` only and MikroORM's migrator lives in a migrate script",
      files: {"package.json": "{\"name\": \"api\", \"private\": true, \"scripts\": {\"start\": \"node dist/server.js\"}, \"dependencies\": {\"prisma\": \"^5.0.0\", \"@mikro-orm/core\": \"^6.0.0\", \"express\": \"^4.19.0\"}}", "src/server.ts": "import { execSync } from 'child_process';\nimport express from 'express';\nexecSync('npx prisma generate');\nexpress().listen(process.env.PORT);\n", "src/migrate.ts": "import { MikroORM } from '@mikro-orm/core';\nconst orm = await MikroORM.init();\nawait orm.getMigrator().up();\n"},
      options: { kind: "service" },
    },
    {
      name: "v16: the PHP entrypoint only prints the pending schema diff (doctrine:schema:update --dump-sql)",
      files: {"composer.json": "{\"require\": {\"php\": \">=8.2\"}}", "composer.lock": "{}", "public/index.php": "<?php echo 1;\n", "docker/entrypoint.sh": "#!/bin/sh\nset -e\nphp bin/console doctrine:schema:update --dump-sql\nexec \"$@\"\n", "Dockerfile": "FROM php:8.3-fpm\nCOPY . /var/www\nENTRYPOINT [\"/var/www/docker/entrypoint.sh\"]\nCMD [\"php-fpm\"]\n"},
      options: { kind: "service" },
    },
    {
      name: "v16: Laravel Artisan::call('migrate') in an install controller (a web-triggered installer, not boot)",
      files: {"composer.json": "{\"require\": {\"laravel/framework\": \"^11.0\"}}", "composer.lock": "{}", "artisan": "#!/usr/bin/env php\n", "public/index.php": "<?php\n", "Dockerfile": "FROM php:8.3-fpm\nCOPY . /var/www\nCMD [\"php-fpm\"]\n", "app/Http/Controllers/InstallController.php": "<?php\nclass InstallController {\n    public function run() { Artisan::call('migrate', ['--force' => true]); }\n}\n"},
      options: { kind: "service" },
    },
  ],
  invalid: [
    {
      name: "shared start commands v3 (session 23): docker/Dockerfile runs ./scripts/entrypoint.sh from the repository root, which migrates at every start",
      files: { "requirements.txt": "flask==3.0.0\nalembic==1.13.0\ngunicorn==22.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n", "scripts/entrypoint.sh": "#!/bin/sh\nset -e\nalembic upgrade head\nexec gunicorn app:app\n", "docker/Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT [\"./scripts/entrypoint.sh\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "scripts/entrypoint.sh", line: 3 }],
    },
    {
      name: "v13: an install inside `if [ -n \"$EXTRA_PACKAGES\" ]; then … fi` is guarded (medium confidence)",
      files: { "requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n", "docker-entrypoint.sh": "#!/bin/bash\nset -e\nif [ -n \"$EXTRA_PACKAGES\" ]; then\n    pip3 install --no-cache-dir $EXTRA_PACKAGES\nfi\nexec \"$@\"\n", Dockerfile: "FROM python:3.12-slim\nCOPY . /app\nENTRYPOINT [\"/app/docker-entrypoint.sh\"]\nCMD [\"python\", \"app.py\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "docker-entrypoint.sh", line: 4, severity: "high", confidence: "medium" }],
    },
    {
      name: "v13: `npm) npm install` in a case on the package manager is an install at start (high confidence)",
      files: { ...server, "package.json": pkg({ start: "node src/server.js" }), "entrypoint.sh": "#!/bin/bash\ncase \"$PACKAGE_MANAGER\" in\n  npm) npm install || exit 1 ;;\n  pnpm) pnpm install || exit 1 ;;\nesac\nexec node src/server.js\n", Dockerfile: "FROM node:22\nCOPY . /app\nENTRYPOINT [\"tini\", \"--\", \"entrypoint.sh\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "entrypoint.sh", line: 3, severity: "high", confidence: "high" }, { path: "entrypoint.sh", line: 4, severity: "high", confidence: "high" }],
    },
    {
      name: "v12: the Vercel build command applies the migrations (vercel-build: prisma migrate deploy && next build)",
      files: { "package.json": JSON.stringify({ name: "web", private: true, scripts: { build: "next build", start: "next start", "vercel-build": "prisma migrate deploy && next build" }, dependencies: { next: "14.0.0", prisma: "5.0.0" } }), "pages/index.tsx": "export default function Home() { return null; }\n", "vercel.json": "{}\n" },
      options: { kind: "service" },
      findings: [{ path: "package.json", severity: "medium", confidence: "high" }],
    },
    {
      name: "v12: heroku-postbuild runs the app's migrate script after the build",
      files: { "package.json": JSON.stringify({ name: "api", private: true, scripts: { start: "node src/server.js", build: "tsc", "heroku-postbuild": "yarn build && yarn db:migrate", "db:migrate": "sequelize db:migrate" }, dependencies: { express: "^4.19.0" } }), "src/server.js": "require('express')().listen(process.env.PORT);\n" },
      options: { kind: "service" },
      findings: [{ path: "package.json", severity: "medium", confidence: "high" }],
    },
    {
      name: "v12: the final stage (FROM app) inherits CMD [./bootstrap.sh] whose script migrates at every start",
      files: { "manage.py": "import django\n", "requirements.txt": "django==5.0\ngunicorn==22.0.0\n", "bootstrap.sh": "#!/bin/sh\npython manage.py migrate\nexec gunicorn app.wsgi\n", Dockerfile: "FROM python:3.12-slim AS app\nCOPY . /app\nCMD [\"./bootstrap.sh\"]\n\nFROM app AS app-plus\nRUN echo plus\n" },
      options: { kind: "service" },
      findings: [{ path: "bootstrap.sh", line: 2, severity: "medium" }],
    },
    {
      name: "v12: the Procfile runs bin/start-app behind `bundle exec thrust`, and the script runs rails db:prepare",
      files: { Gemfile: "source 'https://rubygems.org'\ngem 'rails'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n", Procfile: "web: bundle exec thrust bin/start-app\n", "bin/start-app": "#!/bin/bash -e\nrm -f tmp/pids/server.pid\n./bin/rails db:prepare\n./bin/rails server\n" },
      options: { kind: "service" },
      findings: [{ path: "bin/start-app", line: 3, severity: "medium" }],
    },
    {
      name: "v12: an s6-overlay oneshot named for migrations runs before the web service at every container start",
      files: { ...server, "package.json": pkg({ start: "node src/server.js" }), Dockerfile: "FROM node:22\nCOPY docker/root/ /\nCOPY . /app\nENTRYPOINT [\"/init\"]\n", "docker/root/etc/s6-overlay/s6-rc.d/init-db-migration/run": "#!/command/with-contenv sh\ncd /db_migrations\nexec node index.js\n", "docker/root/etc/s6-overlay/s6-rc.d/init-db-migration/type": "oneshot\n", "docker/root/etc/s6-overlay/s6-rc.d/svc-web/run": "#!/command/with-contenv sh\nexec node /app/src/server.js\n" },
      options: { kind: "service" },
      findings: [{ path: "docker/root/etc/s6-overlay/s6-rc.d/init-db-migration/run", line: 1, severity: "medium", confidence: "medium" }],
    },
    {
      name: "v12: the entrypoint runs the app's own installer script (php -f ./cli/do-install.php)",
      files: { "composer.json": JSON.stringify({ require: { php: ">=8.1" } }), "index.php": "<?php echo 1;\n", "cli/do-install.php": "<?php\n", "docker/entrypoint.sh": "#!/bin/sh\nphp -f ./cli/do-install.php -- --default-user admin\nexec \"$@\"\n", Dockerfile: "FROM php:8.3-apache\nCOPY . /var/www\nENTRYPOINT [\"./docker/entrypoint.sh\"]\nCMD [\"apache2-foreground\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "docker/entrypoint.sh", line: 2, severity: "medium" }],
    },
    {
      name: "v12: CMD's script (behind an ENTRYPOINT script) runs `cd backend && npm run prod`, whose script migrates",
      files: { "backend/package.json": JSON.stringify({ name: "backend", private: true, scripts: { prod: "prisma migrate deploy && node dist/main" }, dependencies: { "@nestjs/core": "^10.0.0" } }), "backend/src/main.ts": "import { NestFactory } from '@nestjs/core';\n", "scripts/docker/create-user.sh": "#!/bin/sh\nexec \"$@\"\n", "scripts/docker/entrypoint.sh": "#!/bin/sh\ncd backend && npm run prod\n", Dockerfile: "FROM node:22-alpine\nCOPY . /opt/app\nENTRYPOINT [\"sh\", \"./scripts/docker/create-user.sh\"]\nCMD [\"sh\", \"./scripts/docker/entrypoint.sh\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "backend/package.json", severity: "medium" }],
    },
    {
      name: "v12: Go service code applies the schema through a store instance (`storeInstance.Migrate(ctx)`)",
      files: { "go.mod": "module example.com/app\n\ngo 1.22\n", "cmd/app/main.go": "package main\n\nfunc main() {\n\tstoreInstance := store.New(db)\n\tif err := storeInstance.Migrate(ctx); err != nil { panic(err) }\n\thttp.ListenAndServe(\":8080\", nil)\n}\n", Dockerfile: "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app ./cmd/app\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "cmd/app/main.go", line: 5, severity: "medium" }],
    },
    {
      name: "v12: a schema-version map of migration functions in the service's store code (applied when it opens the database)",
      files: { "go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n", "server/message_cache.go": "package server\n\nvar (\n\tmigrations = map[int]func(db *sql.DB) error{\n\t\t0: migrateFrom0,\n\t}\n)\n", Dockerfile: "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "server/message_cache.go", line: 4, severity: "medium" }],
    },
    {
      name: "v11: boot.sh runs `flask deploy`, a project CLI command whose body applies the migrations (flask_migrate.upgrade)",
      files: { "app.py": "from flask import Flask\nfrom flask_migrate import Migrate, upgrade\napp = Flask(__name__)\n\n@app.cli.command()\ndef deploy():\n    \"\"\"Run deployment tasks.\"\"\"\n    upgrade()\n\n@app.cli.command()\ndef report():\n    print(1)\n", "requirements.txt": "flask==3.0.0\nflask-migrate==4.0.0\ngunicorn==22.0.0\n", "boot.sh": "#!/bin/sh\nflask deploy\nexec gunicorn app:app\n", Dockerfile: "FROM python:3.12-slim\nCOPY . /app\nCMD [\"./boot.sh\"]\n" },
      findings: [{ path: "app.py", line: 5, severity: "medium", confidence: "medium" }],
    },
    {
      name: "v11: the shipped compose file switches on the app's migrate-at-start option the code reads (RUN_MIGRATIONS=1)",
      files: { "go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport (\"net/http\"; \"os\")\n\nfunc main() { if os.Getenv(\"RUN_MIGRATIONS\") == \"1\" { migrate() }; http.ListenAndServe(\":8080\", nil) }\n", Dockerfile: "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n", "contrib/compose/basic.yml": "services:\n  app:\n    image: example/app:1.0\n    environment:\n      - RUN_MIGRATIONS=1\n" },
      findings: [{ path: "contrib/compose/basic.yml", line: 5, severity: "medium", confidence: "medium" }],
    },
    {
      name: "v11: the Procfile runs `bash Procfile.sh`, whose script migrates before starting gunicorn",
      files: { "manage.py": "import django\n", "requirements.txt": "django==5.0\ngunicorn==22.0.0\n", "app/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n", Procfile: "web: bash Procfile.sh\n", "Procfile.sh": "#!/bin/bash\npython manage.py migrate\ngunicorn app.wsgi:application\n" },
      findings: [{ path: "Procfile.sh", line: 2, severity: "medium" }],
    },
    {
      name: "v14: a Go service runs goose.Up and its storage SchemaMigrate from startup code",
      files: { "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire github.com/pressly/goose/v3 v3.20.0\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb.Init()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n", "internal/db/db.go": "package db\n\nfunc Init() error {\n\treturn goose.Up(conn, \"migrations\")\n}\n", "internal/storage/provider.go": "package storage\n\nfunc (p *SQLProvider) StartupCheck() error {\n\treturn p.SchemaMigrate(ctx, true, SchemaLatest)\n}\n", Dockerfile: "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "internal/db/db.go", line: 4, severity: "medium" }, { path: "internal/storage/provider.go", line: 4, severity: "medium" }],
    },
    {
      name: "v14: a Java service applies its Liquibase changelog from its own code (traccar DatabaseModule)",
      files: { "pom.xml": "<project><artifactId>app</artifactId><dependencies><dependency><groupId>org.liquibase</groupId><artifactId>liquibase-core</artifactId><version>4.29.0</version></dependency></dependencies></project>\n", Dockerfile: "FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n", "src/main/java/org/app/storage/DatabaseModule.java": "package org.app.storage;\n\npublic class DatabaseModule {\n    DataSource provide() {\n        try (Liquibase liquibase = new Liquibase(changelog, accessor, database)) {\n            liquibase.update(new Contexts());\n        }\n        return ds;\n    }\n}\n" },
      options: { kind: "service" },
      findings: [{ path: "src/main/java/org/app/storage/DatabaseModule.java", line: 5, severity: "medium" }],
    },
    {
      name: "v14: drizzle's migrator called from the server's database module",
      files: { "package.json": JSON.stringify({ name: "app", private: true, scripts: { start: "node server/index.mjs" }, dependencies: { "drizzle-orm": "^0.44.0", "@libsql/client": "^0.15.0" } }), "server/index.mjs": "import { connect } from './database/sqlite.mjs';\nawait connect();\n", "server/database/sqlite.mjs": "import { migrate as drizzleMigrate } from 'drizzle-orm/libsql/migrator';\nexport async function connect() {\n  await drizzleMigrate(db, {\n    migrationsFolder: './server/database/migrations',\n  });\n}\n" },
      options: { kind: "service" },
      findings: [{ path: "server/database/sqlite.mjs", line: 3, severity: "medium" }],
    },
    {
      name: "v15: a Rust service runs its embedded diesel migrations when the pool is created",
      files: { "Cargo.toml": '[package]\nname = "vault"\nversion = "1.0.0"\n\n[dependencies]\ndiesel = "2"\ndiesel_migrations = "2"\nrocket = "0.5"\n', "Cargo.lock": "version = 3\n", "src/main.rs": "#[rocket::main]\nasync fn main() {\n    let pool = db::DbPool::from_config().unwrap();\n    rocket::build().manage(pool).launch().await.unwrap();\n}\n", "src/db/mod.rs": "pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!(\"migrations\");\n\npub fn run(connection: &mut SqliteConnection) {\n    connection.run_pending_migrations(MIGRATIONS).expect(\"Error running migrations\");\n}\n", Dockerfile: "FROM rust:1.80 AS b\nCOPY . /src\nRUN cargo build --release --locked\nFROM debian:bookworm-slim\nCOPY --from=b /src/target/release/vault /vault\nCMD [\"/vault\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "src/db/mod.rs", line: 4, severity: "medium" }],
    },
    {
      name: "v15: a Rails initializer migrates the database at boot",
      files: { Gemfile: "gem 'rails', '~> 8.0'\ngem 'puma'\n", "Gemfile.lock": "GEM\n  specs:\n    rails (8.0.1)\n", "config.ru": "run Rails.application\n", "config/initializers/migrate.rb": "# frozen_string_literal: true\n\nif ENV['RUN_MIGRATIONS'] != 'false'\n  ActiveRecord::Tasks::DatabaseTasks.migrate\nend\n", "lib/tasks/db.rake": "task :up do\n  ActiveRecord::Tasks::DatabaseTasks.migrate\nend\n", Dockerfile: "FROM ruby:3.4-slim\nCOPY . /app\nRUN bundle install\nCMD [\"bundle\", \"exec\", \"puma\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "config/initializers/migrate.rb", line: 4, severity: "medium" }],
    },
    {
      name: "v10: a Go service applies GORM AutoMigrate from its own startup code",
      files: { "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire gorm.io/gorm v1.25.0\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb.Setup()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n", "internal/db/db.go": "package db\n\nfunc Setup() error {\n\treturn db.AutoMigrate(&User{})\n}\n", Dockerfile: "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "internal/db/db.go", line: 4, severity: "medium" }],
    },
    {
      name: "v10: an ASP.NET Core host runs the app's own RunMigrationsAsync extension before serving",
      files: { Dockerfile: "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\nENTRYPOINT [\"dotnet\", \"/app/Api.dll\"]\n", "src/Api/Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>\n", "src/Api/Program.cs": "var host = CreateHostBuilder(args).Build();\nawait host.RunMigrationsAsync(ct);\nawait host.RunAsync(ct);\n" },
      options: { kind: "service" },
      findings: [{ path: "src/Api/Program.cs", line: 2, severity: "medium" }],
    },
    {
      name: "v10: an ASP.NET Core service runs EF Core MigrateAsync in Program.cs before serving",
      files: { "src/Api/Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>\n", Dockerfile: "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\nENTRYPOINT [\"dotnet\", \"/app/Api.dll\"]\n", "src/Api/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\nusing var scope = app.Services.CreateScope();\nvar context = scope.ServiceProvider.GetRequiredService<DataContext>();\nawait context.Database.MigrateAsync();\napp.Run();\n" },
      options: { kind: "service" },
      findings: [{ path: "src/Api/Program.cs", line: 4, severity: "medium" }],
    },
    {
      name: "v5: the production compose runs the app binary's --upgrade (migrations) before every start (listmonk)",
      files: { "go.mod": "module example.com/news\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":9000\", nil) }\n", "docker-compose.yml": "services:\n  app:\n    image: acme/news:latest\n    restart: unless-stopped\n    command: [sh, -c, \"./news --upgrade --yes --config '' && ./news --config ''\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "docker-compose.yml", severity: "medium" }],
    },
    {
      name: "v7: the server's startup code forks a migration script before serving",
      files: { "package.json": pkg({ start: "node build/index.js" }), "server/index.ts": "import express from 'express';\nimport { checkPendingMigrations } from './utils/startup';\nconst app = express();\ncheckPendingMigrations().then(() => app.listen(process.env.PORT));\n", "server/utils/startup.ts": "import { fork } from 'node:child_process';\nimport path from 'node:path';\nexport function checkPendingMigrations() {\n  return new Promise((resolve) => fork(path.join(__dirname, '..', 'scripts', 'checkMigrations.js')).once('exit', resolve));\n}\n", Dockerfile: "FROM node:22-slim\nCOPY . /app\nCMD [\"node\", \"build/index.js\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "server/utils/startup.ts", line: 4, severity: "medium" }],
    },
    {
      name: "v6: the server applies TypeORM migrations from its own startup code",
      files: { "package.json": pkg({ start: "node dist/index.js" }), "server/index.ts": "import express from 'express';\nimport dataSource from './datasource';\nconst app = express();\ndataSource.initialize().then(async (db) => {\n  await db.runMigrations();\n  app.listen(process.env.PORT);\n});\n", "server/datasource.ts": "import { DataSource } from 'typeorm';\nexport default new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });\n", Dockerfile: "FROM node:22-slim\nCOPY . /app\nCMD [\"node\", \"dist/index.js\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "server/index.ts", line: 5, severity: "medium" }],
    },
    {
      name: "v5: CMD [\"sh\", \"start.sh\"] whose script runs prisma migrate deploy before starting",
      files: { "package.json": pkg({ start: "node src/server.js" }), ...server, Dockerfile: "FROM node:22-slim\nCOPY . /app\nCOPY docker/start.sh /app/start.sh\nCMD [\"sh\", \"start.sh\"]\n", "docker/start.sh": "#!/bin/sh\nnpx prisma migrate deploy --schema ./prisma/schema.prisma\nnode src/server.js\n" },
      options: { kind: "service" },
      findings: [{ path: "docker/start.sh", line: 2 }],
    },
    {
      name: "v5: an entrypoint script behind tini (`tini -- entrypoint.sh`) that runs npm install at every start",
      files: { "package.json": pkg({ start: "node src/server.js" }), ...server, Dockerfile: "FROM node:22-slim\nCOPY . /app\nCOPY docker/entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"tini\", \"--\", \"entrypoint.sh\"]\n", "docker/entrypoint.sh": "#!/bin/sh\nset -e\nnpm install\nexec node src/server.js\n" },
      options: { kind: "service" },
      findings: [{ path: "docker/entrypoint.sh", line: 3 }],
    },
    {
      name: "uWSGI hook-pre-app runs manage.py migrate at every start (v4)",
      files: { "requirements.txt": "Django==5.0\nuwsgi==2.0.28\n", "manage.py": "", Dockerfile: "FROM python:3.12-slim\nCOPY . /app\nCMD [\"uwsgi\", \"/app/docker/uwsgi.ini\"]\n", "docker/uwsgi.ini": "[uwsgi]\nhttp-socket = :8000\nmodule = hc.wsgi:application\nhook-pre-app = exec:./manage.py migrate\n" },
      options: { kind: "service" },
      findings: [{ path: "docker/uwsgi.ini", line: 4, severity: "medium" }],
    },
    {
      name: "npm-run-all start script whose node script execs prisma migrate deploy (v4)",
      files: {
        "package.json": JSON.stringify({ name: "app", private: true, scripts: { "start-docker": "npm-run-all check-db start-server", "check-db": "node scripts/check-db.js", "start-server": "node server.js" }, dependencies: { next: "^15", "@prisma/client": "^6" } }),
        Dockerfile: "FROM node:22-alpine\nCOPY . /app\nCMD [\"npm\", \"run\", \"start-docker\"]\n",
        "scripts/check-db.js": "const { execSync } = require('node:child_process');\nif (!process.env.SKIP_DB_MIGRATION) {\n  console.log(execSync('prisma migrate deploy').toString());\n}\n",
        "server.js": "require('next');\n",
      },
      options: { kind: "service" },
      findings: [{ path: "scripts/check-db.js", severity: "medium" }],
    },
    {
      name: "migrations before start are a release step in the run stage (v3: medium, V at most partial)",
      files: {
        "requirements.txt": "django==5.0\ngunicorn==22.0.0\n",
        Dockerfile: 'FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["sh", "-c", "python manage.py migrate && gunicorn app.wsgi"]\n',
        "manage.py": "import django\n",
      },
      findings: [{ path: "Dockerfile", line: 4, severity: "medium", message: "A release step (schema migration) runs in the start command of every process." }],
    },
    {
      name: "npx prisma migrate deploy before node (release step)",
      files: { ...server, "package.json": pkg({ start: "node dist/server.js" }), Dockerfile: 'FROM node:22\nCOPY . .\nCMD npx prisma migrate deploy && node dist/server.js\n' },
      findings: [{ path: "Dockerfile", line: 3, severity: "medium" }],
    },
    {
      name: "start:prod with prestart:prod tsc and no platform start command",
      files: { ...server, "package.json": pkg({ start: "node dist/server.js", "prestart:prod": "tsc", "start:prod": "node dist/main.js" }) },
      findings: [{ path: "package.json", line: 6, severity: "high" }],
    },
    {
      name: "npm start runs node index.js which registers ts-node",
      files: { "src/main.ts": "import express from 'express';\nexpress().listen(process.env.PORT);\n", "index.js": "require('ts-node/register');\nrequire('./src/main');\n", "package.json": pkg({ start: "node index.js" }), Procfile: "web: npm start\n" },
      findings: [{ path: "index.js", line: 1, severity: "medium" }],
    },
    {
      name: "ts-node in the Dockerfile CMD",
      files: { "src/main.ts": "import express from 'express';\nexpress().listen(process.env.PORT);\n", "package.json": pkg({}), Dockerfile: 'FROM node:22\nCOPY . .\nRUN npm ci\nCMD ["npx", "ts-node", "src/main.ts"]\n' },
      findings: [{ path: "Dockerfile", line: 4, severity: "medium" }],
    },
    {
      name: "npm install && npm run build in Dockerfile CMD",
      files: { ...server, "package.json": pkg({ build: "tsc" }), Dockerfile: "FROM node:22\nCOPY . .\nCMD npm install && npm run build && node dist/server.js\n" },
      findings: [
        { path: "Dockerfile", line: 3, severity: "high", message: "dependency install" },
        { path: "Dockerfile", line: 3, severity: "high", message: "compile" },
      ],
    },
    {
      name: "Procfile web reaches npm start whose prestart builds",
      files: { ...server, "package.json": pkg({ prestart: "npm run build", build: "tsc", start: "node dist/server.js" }), Procfile: "web: npm start\n" },
      findings: [{ path: "package.json", line: 5, severity: "high" }],
    },
    {
      name: "package.json start compiles with no other start command (medium confidence)",
      files: { ...server, "package.json": pkg({ start: "tsc && node dist/server.js" }) },
      options: { kind: "service" },
      findings: [{ path: "package.json", line: 5, severity: "high" }],
    },
    {
      name: "entrypoint script runs pip install and collectstatic",
      files: {
        "requirements.txt": "django==5.0\ngunicorn==22.0.0\n",
        "manage.py": "import django\n",
        Dockerfile: 'FROM python:3.12\nCOPY . /app\nENTRYPOINT ["./docker-entrypoint.sh"]\n',
        "docker-entrypoint.sh": "#!/bin/sh\nset -e\npip install -r requirements.txt\npython manage.py collectstatic --noinput\nexec gunicorn app.wsgi --bind 0.0.0.0:8000\n",
      },
      findings: [
        { path: "docker-entrypoint.sh", line: 3, severity: "high" },
        { path: "docker-entrypoint.sh", line: 4, severity: "medium" },
      ],
    },
    {
      name: "boot script behind tini runs migrations at start (v5)",
      files: {
        "requirements.txt": "django==5.0\ngunicorn==22.0.0\n",
        "manage.py": "import django\n",
        Dockerfile: 'FROM python:3.12-alpine\nRUN apk add --no-cache tini\nCOPY . /opt/app\nENTRYPOINT ["/sbin/tini", "--", "/opt/app/boot.sh"]\n',
        "boot.sh": "#!/bin/sh\nset -e\npython manage.py migrate\nexec gunicorn app.wsgi --bind 0.0.0.0:8000\n",
      },
      findings: [{ path: "boot.sh", line: 3, severity: "medium" }],
    },
    {
      name: "a start script without .sh, COPYed to the path CMD runs, migrates at start (v6)",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'puma'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n",
        "docker/Dockerfile": 'FROM ruby:3.3\nCOPY ./ /app/\nCOPY ["docker/scripts/init", "/scripts/"]\nCMD ["/scripts/init"]\n',
        "docker/scripts/init": "#!/bin/bash\nset -e\nbundle exec rake db:migrate\nexec bundle exec puma -C config/puma.rb\n",
      },
      findings: [{ path: "docker/scripts/init", line: 3, severity: "medium" }],
    },
    {
      name: "go run in the container command compiles on every start",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n', Dockerfile: 'FROM golang:1.22\nCOPY . .\nCMD ["go", "run", "."]\n' },
      findings: [{ path: "Dockerfile", line: 3, severity: "high" }],
    },
    {
      name: "Rails compiles assets on the fly in production",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'puma'\n",
        "config.ru": "run Rails.application\n",
        Procfile: "web: bundle exec puma -C config/puma.rb\n",
        "config/environments/production.rb": "Rails.application.configure do\n  config.assets.compile = true\nend\n",
      },
      findings: [{ path: "config/environments/production.rb", line: 2, severity: "medium" }],
    },
    {
      name: "v16: golang-migrate migrate.NewWithDatabaseInstance(\u2026) + m.Up() in the service's db package",
      files: {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb.Open()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n", "internal/db/db.go": "package db\n\nfunc Open() error {\n\tm, _ := migrate.NewWithDatabaseInstance(\"file://migrations\", \"postgres\", driver)\n\treturn m.Up()\n}\n", "Dockerfile": "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n"},
      options: { kind: "service" },
      findings: [{"path": "internal/db/db.go", "line": 4, "severity": "medium"}],
    },
    {
      name: "v16: rubenv/sql-migrate migrate.Exec(\u2026, migrate.Up) when the store opens",
      files: {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb.Open()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n", "internal/db/db.go": "package db\n\nfunc Open() error {\n\t_, err := migrate.Exec(conn, \"postgres\", source, migrate.Up)\n\treturn err\n}\n", "Dockerfile": "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n"},
      options: { kind: "service" },
      findings: [{"path": "internal/db/db.go", "line": 4, "severity": "medium"}],
    },
    {
      name: "v16: ent client.Schema.Create(ctx) at start",
      files: {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb.Open()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n", "internal/db/db.go": "package db\n\nfunc Open() error {\n\treturn client.Schema.Create(ctx)\n}\n", "Dockerfile": "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n"},
      options: { kind: "service" },
      findings: [{"path": "internal/db/db.go", "line": 4, "severity": "medium"}],
    },
    {
      name: "v16: xorm engine.Sync2(new(User)) at start",
      files: {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb.Open()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n", "internal/db/db.go": "package db\n\nfunc Open() error {\n\tvar _ *xorm.Engine = engine\n\treturn engine.Sync2(new(User), new(Repo))\n}\n", "Dockerfile": "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n", "internal/db/engine.go": "package db\n\nimport \"xorm.io/xorm\"\n\nvar engine *xorm.Engine\n"},
      options: { kind: "service" },
      findings: [{"path": "internal/db/db.go", "line": 5, "severity": "medium"}],
    },
    {
      name: "v16: bun/tern migrate.NewMigrator(\u2026) + migrator.Migrate(ctx)",
      files: {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb.Open()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n", "internal/db/db.go": "package db\n\nfunc Open() error {\n\tmigrator := migrate.NewMigrator(conn, migrations.Migrations)\n\t_, err := migrator.Migrate(ctx)\n\treturn err\n}\n", "Dockerfile": "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n"},
      options: { kind: "service" },
      findings: [{"path": "internal/db/db.go", "line": 4, "severity": "medium"}],
    },
    {
      name: "v16: gormigrate.New(\u2026).Migrate() at start",
      files: {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb.Open()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n", "internal/db/db.go": "package db\n\nfunc Open() error {\n\tm := gormigrate.New(conn, gormigrate.DefaultOptions, list)\n\treturn m.Migrate()\n}\n", "Dockerfile": "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n"},
      options: { kind: "service" },
      findings: [{"path": "internal/db/db.go", "line": 4, "severity": "medium"}],
    },
    {
      name: "v16: goose v3 provider goose.NewProvider(\u2026) + provider.Up(ctx)",
      files: {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb.Open()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n", "internal/db/db.go": "package db\n\nfunc Open() error {\n\tp, _ := goose.NewProvider(goose.DialectPostgres, conn, fsys)\n\t_, err := p.Up(ctx)\n\treturn err\n}\n", "Dockerfile": "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n"},
      options: { kind: "service" },
      findings: [{"path": "internal/db/db.go", "line": 4, "severity": "medium"}],
    },
    {
      name: "v16: dbmate as a library: dbmate.New(u).CreateAndMigrate()",
      files: {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb.Open()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n", "internal/db/db.go": "package db\n\nfunc Open() error {\n\tdbm := dbmate.New(u)\n\treturn dbm.CreateAndMigrate()\n}\n", "Dockerfile": "FROM golang:1.22 AS b\nCOPY . /src\nRUN go build -o /app .\nFROM gcr.io/distroless/base\nCOPY --from=b /app /app\nCMD [\"/app\"]\n"},
      options: { kind: "service" },
      findings: [{"path": "internal/db/db.go", "line": 5, "severity": "medium"}],
    },
    {
      name: "v16: FastAPI lifespan runs alembic command.upgrade(cfg, \"head\")",
      files: {"requirements.txt": "fastapi==0.110\nuvicorn==0.29\nalembic==1.13\nsqlalchemy==2.0\n", "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n", "app/main.py": "from contextlib import asynccontextmanager\nfrom alembic import command\nfrom alembic.config import Config\nfrom fastapi import FastAPI\n\n@asynccontextmanager\nasync def lifespan(app):\n    command.upgrade(Config(\"alembic.ini\"), \"head\")\n    yield\n\napp = FastAPI(lifespan=lifespan)\n"},
      options: { kind: "service" },
      findings: [{"path": "app/main.py", "line": 8, "severity": "medium"}],
    },
    {
      name: "v16: Django AppConfig.ready() calls call_command(\"migrate\")",
      files: {"requirements.txt": "django==5.0\ngunicorn==22.0\n", "manage.py": "import django\n", "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD [\"gunicorn\", \"app.wsgi\"]\n", "core/apps.py": "from django.apps import AppConfig\nfrom django.core.management import call_command\n\nclass CoreConfig(AppConfig):\n    name = \"core\"\n\n    def ready(self):\n        call_command(\"migrate\", interactive=False)\n"},
      options: { kind: "service" },
      findings: [{"path": "core/apps.py", "line": 8, "severity": "medium"}],
    },
    {
      name: "v16: Flask create_app() runs Flask-Migrate upgrade()",
      files: {"requirements.txt": "flask==3.0\nflask-migrate==4.0\ngunicorn==22.0\n", "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD [\"gunicorn\", \"app:create_app()\"]\n", "app/__init__.py": "from flask import Flask\nfrom flask_migrate import Migrate, upgrade\n\ndef create_app():\n    app = Flask(__name__)\n    Migrate(app, db)\n    with app.app_context():\n        upgrade()\n    return app\n"},
      options: { kind: "service" },
      findings: [{"path": "app/__init__.py", "line": 8, "severity": "medium"}],
    },
    {
      name: "v16: yoyo apply_migrations at start",
      files: {"requirements.txt": "fastapi==0.110\nuvicorn==0.29\nalembic==1.13\nsqlalchemy==2.0\nyoyo-migrations==8.2\n", "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n", "app/main.py": "from yoyo import read_migrations, get_backend\nfrom fastapi import FastAPI\n\nbackend = get_backend(DB_URL)\nwith backend.lock():\n    backend.apply_migrations(backend.to_apply(read_migrations(\"db\")))\napp = FastAPI()\n"},
      options: { kind: "service" },
      findings: [{"path": "app/main.py", "line": 6, "severity": "medium"}],
    },
    {
      name: "v16: the app's startup runs `alembic upgrade head` through subprocess",
      files: {"requirements.txt": "fastapi==0.110\nuvicorn==0.29\nalembic==1.13\nsqlalchemy==2.0\n", "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n", "app/main.py": "import subprocess\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n@app.on_event(\"startup\")\ndef startup():\n    subprocess.run([\"alembic\", \"upgrade\", \"head\"], check=True)\n"},
      options: { kind: "service" },
      findings: [{"path": "app/main.py", "line": 8, "severity": "medium"}],
    },
    {
      name: "v16: MikroORM orm.getMigrator().up() in the server bootstrap",
      files: {"package.json": "{\"name\": \"api\", \"private\": true, \"scripts\": {\"start\": \"node dist/server.js\"}, \"dependencies\": {\"@mikro-orm/core\": \"^6.0.0\", \"express\": \"^4.19.0\"}}", "src/server.ts": "import { MikroORM } from '@mikro-orm/core';\nimport express from 'express';\nconst orm = await MikroORM.init();\nawait orm.getMigrator().up();\nexpress().listen(process.env.PORT);\n"},
      options: { kind: "service" },
      findings: [{"path": "src/server.ts", "line": 4, "severity": "medium"}],
    },
    {
      name: "v16: postgres-migrations migrate({ client }, dir) in the server bootstrap",
      files: {"package.json": "{\"name\": \"api\", \"private\": true, \"scripts\": {\"start\": \"node dist/server.js\"}, \"dependencies\": {\"postgres-migrations\": \"^5.3.0\", \"express\": \"^4.19.0\"}}", "src/server.ts": "import { migrate } from 'postgres-migrations';\nimport express from 'express';\nawait migrate({ client }, 'migrations');\nexpress().listen(process.env.PORT);\n"},
      options: { kind: "service" },
      findings: [{"path": "src/server.ts", "line": 3, "severity": "medium"}],
    },
    {
      name: "v16: node-pg-migrate's programmatic runner at start",
      files: {"package.json": "{\"name\": \"api\", \"private\": true, \"scripts\": {\"start\": \"node dist/server.js\"}, \"dependencies\": {\"node-pg-migrate\": \"^7.0.0\", \"express\": \"^4.19.0\"}}", "src/server.ts": "import runner from 'node-pg-migrate';\nimport express from 'express';\nawait runner({ databaseUrl: process.env.DATABASE_URL, dir: 'migrations', direction: 'up', migrationsTable: 'pgmigrations' });\nexpress().listen(process.env.PORT);\n"},
      options: { kind: "service" },
      findings: [{"path": "src/server.ts", "line": 3, "severity": "medium"}],
    },
    {
      name: "v16: server code shells out to `prisma migrate deploy` before listening",
      files: {"package.json": "{\"name\": \"api\", \"private\": true, \"scripts\": {\"start\": \"node dist/server.js\"}, \"dependencies\": {\"prisma\": \"^5.0.0\", \"express\": \"^4.19.0\"}}", "src/server.ts": "import { execSync } from 'child_process';\nimport express from 'express';\nexecSync('npx prisma migrate deploy', { stdio: 'inherit' });\nexpress().listen(process.env.PORT);\n"},
      options: { kind: "service" },
      findings: [{"path": "src/server.ts", "line": 3, "severity": "medium"}],
    },
    {
      name: "v16: NestJS TypeOrmModule.forRootAsync useFactory with migrationsRun: true",
      files: {"package.json": "{\"name\": \"api\", \"private\": true, \"scripts\": {\"start\": \"node dist/server.js\"}, \"dependencies\": {\"@nestjs/typeorm\": \"^10.0.0\", \"typeorm\": \"^0.3.0\"}}", "src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { TypeOrmModule } from '@nestjs/typeorm';\n@Module({ imports: [TypeOrmModule.forRootAsync({ useFactory: () => ({\n  type: 'postgres',\n  migrationsRun: true,\n}) })] })\nexport class AppModule {}\n"},
      options: { kind: "service" },
      findings: [{"path": "src/app.module.ts", "line": 5, "severity": "medium"}],
    },
    {
      name: "v16: Spring Boot with flyway-core on the classpath migrates at application start",
      files: {"pom.xml": "<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.0</version></parent><artifactId>app</artifactId><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId></dependency></dependencies></project>\n", "Dockerfile": "FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n", "src/main/java/org/app/App.java": "package org.app;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n", "src/main/resources/application.yml": "spring:\n  datasource:\n    url: ${DATABASE_URL}\n"},
      options: { kind: "service" },
      findings: [{"path": "pom.xml", "severity": "medium"}],
    },
    {
      name: "v16: Spring Boot (Gradle) with liquibase-core migrates at application start",
      files: {"build.gradle": "plugins {\n  id 'org.springframework.boot' version '3.3.0'\n}\ndependencies {\n  implementation 'org.springframework.boot:spring-boot-starter-web'\n  implementation 'org.liquibase:liquibase-core'\n  testImplementation 'org.springframework.boot:spring-boot-starter-test'\n}\n", "Dockerfile": "FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n", "src/main/java/org/app/App.java": "package org.app;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n"},
      options: { kind: "service" },
      findings: [{"path": "build.gradle", "line": 6, "severity": "medium"}],
    },
    {
      name: "v16: Quarkus quarkus.flyway.migrate-at-start=true",
      files: {"pom.xml": "<project><artifactId>app</artifactId><dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-resteasy-reactive</artifactId></dependency><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-flyway</artifactId></dependency></dependencies></project>\n", "Dockerfile": "FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n", "src/main/resources/application.properties": "quarkus.flyway.migrate-at-start=true\n", "src/main/java/org/app/Res.java": "package org.app;\n@Path(\"/\")\npublic class Res {}\n"},
      options: { kind: "service" },
      findings: [{"path": "pom.xml", "severity": "medium"}],
    },
    {
      name: "v16: Kotlin service builds a Flyway and calls flyway.migrate() in a separate statement",
      files: {"build.gradle.kts": "plugins { kotlin(\"jvm\") version \"2.0.0\" }\ndependencies { implementation(\"io.ktor:ktor-server-netty:2.3.0\")\n implementation(\"org.flywaydb:flyway-core:10.0.0\") }\n", "Dockerfile": "FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n", "src/main/kotlin/app/Db.kt": "package app\n\nfun initDb(ds: DataSource) {\n    val flyway = Flyway.configure().dataSource(ds).load()\n    flyway.migrate()\n}\n"},
      options: { kind: "service" },
      findings: [{"path": "src/main/kotlin/app/Db.kt", "line": 4, "severity": "medium"}],
    },
    {
      name: "v16: FluentMigrator runner.MigrateUp() in Program.cs",
      files: {"src/Api/Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><ItemGroup><PackageReference Include=\"FluentMigrator.Runner\" Version=\"5.0.0\" /><PackageReference Include=\"dbup-postgresql\" Version=\"5.0.0\" /></ItemGroup></Project>\n", "Dockerfile": "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\nENTRYPOINT [\"dotnet\", \"/app/Api.dll\"]\n", "src/Api/Program.cs": "using FluentMigrator.Runner;\nvar app = WebApplication.CreateBuilder(args).Build();\nusing (var scope = app.Services.CreateScope()) {\n    scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp();\n}\napp.Run();\n"},
      options: { kind: "service" },
      findings: [{"path": "src/Api/Program.cs", "line": 4, "severity": "medium"}],
    },
    {
      name: "v16: DbUp DeployChanges\u2026PerformUpgrade() in Program.cs",
      files: {"src/Api/Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><ItemGroup><PackageReference Include=\"FluentMigrator.Runner\" Version=\"5.0.0\" /><PackageReference Include=\"dbup-postgresql\" Version=\"5.0.0\" /></ItemGroup></Project>\n", "Dockerfile": "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\nENTRYPOINT [\"dotnet\", \"/app/Api.dll\"]\n", "src/Api/Program.cs": "using DbUp;\nvar upgrader = DeployChanges.To.PostgresqlDatabase(cs).WithScriptsEmbeddedInAssembly(typeof(Program).Assembly).Build();\nvar result = upgrader.PerformUpgrade();\nvar app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n"},
      options: { kind: "service" },
      findings: [{"path": "src/Api/Program.cs", "line": 3, "severity": "medium"}],
    },
    {
      name: "v16: Sequel::Migrator.run in the Rack app's boot file",
      files: {"Gemfile": "gem 'sequel'\ngem 'roda'\ngem 'puma'\n", "Gemfile.lock": "GEM\n", "config.ru": "require_relative 'app'\nrun App.freeze.app\n", "Dockerfile": "FROM ruby:3.3\nCOPY . /app\nCMD [\"bundle\", \"exec\", \"puma\"]\n", "app.rb": "require 'sequel'\nDB = Sequel.connect(ENV['DATABASE_URL'])\nSequel.extension :migration\nSequel::Migrator.run(DB, 'db/migrations')\nclass App < Roda; end\n"},
      options: { kind: "service" },
      findings: [{"path": "app.rb", "line": 4, "severity": "medium"}],
    },
    {
      name: "v16: Laravel AppServiceProvider::boot calls Artisan::call('migrate')",
      files: {"composer.json": "{\"require\": {\"laravel/framework\": \"^11.0\"}}", "composer.lock": "{}", "artisan": "#!/usr/bin/env php\n", "public/index.php": "<?php\n", "Dockerfile": "FROM php:8.3-fpm\nCOPY . /var/www\nCMD [\"php-fpm\"]\n", "app/Providers/AppServiceProvider.php": "<?php\nnamespace App\\Providers;\nclass AppServiceProvider extends ServiceProvider {\n    public function boot(): void {\n        Artisan::call('migrate', ['--force' => true]);\n    }\n}\n"},
      options: { kind: "service" },
      findings: [{"path": "app/Providers/AppServiceProvider.php", "line": 5, "severity": "medium"}],
    },
    {
      name: "v16: the PHP entrypoint runs doctrine:migrations:migrate before php-fpm",
      files: {"composer.json": "{\"require\": {\"php\": \">=8.2\"}}", "composer.lock": "{}", "public/index.php": "<?php echo 1;\n", "docker/entrypoint.sh": "#!/bin/sh\nset -e\nphp bin/console doctrine:migrations:migrate --no-interaction\nexec \"$@\"\n", "Dockerfile": "FROM php:8.3-fpm\nCOPY . /var/www\nENTRYPOINT [\"/var/www/docker/entrypoint.sh\"]\nCMD [\"php-fpm\"]\n"},
      options: { kind: "service" },
      findings: [{"path": "docker/entrypoint.sh", "line": 3, "severity": "medium"}],
    },
    {
      name: "v16: the PHP entrypoint runs phinx migrate before php-fpm",
      files: {"composer.json": "{\"require\": {\"php\": \">=8.2\"}}", "composer.lock": "{}", "public/index.php": "<?php echo 1;\n", "docker/entrypoint.sh": "#!/bin/sh\nset -e\nvendor/bin/phinx migrate -e production\nexec \"$@\"\n", "Dockerfile": "FROM php:8.3-fpm\nCOPY . /var/www\nENTRYPOINT [\"/var/www/docker/entrypoint.sh\"]\nCMD [\"php-fpm\"]\n"},
      options: { kind: "service" },
      findings: [{"path": "docker/entrypoint.sh", "line": 3, "severity": "medium"}],
    },
    {
      name: "v16: refinery embedded migrations runner().run() at start",
      files: {"Cargo.toml": "[package]\nname = \"svc\"\nversion = \"1.0.0\"\n\n[dependencies]\nrefinery = \"0.8\"\naxum = \"0.7\"\n", "Cargo.lock": "version = 3\n", "Dockerfile": "FROM debian:bookworm-slim\nCOPY target/release/svc /svc\nCMD [\"/svc\"]\n", "src/main.rs": "mod embedded {\n    refinery::embed_migrations!(\"migrations\");\n}\n#[tokio::main]\nasync fn main() {\n    embedded::migrations::runner().run_async(&mut client).await.unwrap();\n    axum::serve(listener, app).await.unwrap();\n}\n"},
      options: { kind: "service" },
      findings: [{"path": "src/main.rs", "line": 6, "severity": "medium"}],
    },
    {
      name: "v16: a Phoenix release image runs bin/migrate before bin/server",
      files: {"mix.exs": "defmodule App.MixProject do\nend\n", "mix.lock": "%{}\n", "lib/app/application.ex": "defmodule App.Application do\nend\n", "Dockerfile": "FROM debian:bookworm-slim\nCOPY _build/prod/rel/app /app\nCMD [\"/bin/sh\", \"-c\", \"/app/bin/migrate && /app/bin/server\"]\n"},
      options: { kind: "service" },
      findings: [{"path": "Dockerfile", "severity": "medium"}],
    },
    {
      name: "v16: the Rails 7.1+/8 generated bin/docker-entrypoint runs db:prepare when the server starts",
      files: {"Gemfile": "source 'https://rubygems.org'\ngem 'rails', '~> 8.0'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n", "bin/docker-entrypoint": "#!/bin/bash -e\n\n# Enable jemalloc for reduced memory usage and latency.\nif [ -z \"${LD_PRELOAD+x}\" ]; then\n    LD_PRELOAD=$(find /usr/lib -name libjemalloc.so.2 -print -quit)\n    export LD_PRELOAD\nfi\n\n# If running the rails server then create or migrate existing database\nif [ \"${@: -2:1}\" == \"./bin/rails\" ] && [ \"${@: -1:1}\" == \"server\" ]; then\n  ./bin/rails db:prepare\nfi\n\nexec \"${@}\"\n", "Dockerfile": "FROM ruby:3.3-slim\nWORKDIR /rails\nCOPY . .\nENTRYPOINT [\"/rails/bin/docker-entrypoint\"]\nEXPOSE 80\nCMD [\"./bin/thrust\", \"./bin/rails\", \"server\"]\n"},
      options: { kind: "service" },
      findings: [{"path": "bin/docker-entrypoint", "line": 11, "severity": "medium", "confidence": "medium"}],
    },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("session 12: `sbt run` / `sbt stage` in the start command compiles at every start; running the staged script does not", async () => {
    const base = { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n" };
    await expectScala(rule, { ...base, Dockerfile: "FROM sbtscala/scala-sbt:eclipse-temurin-21.0.2_13_1.10.1_2.13.14\nWORKDIR /app\nCOPY . .\nEXPOSE 8080\nCMD [\"sbt\", \"run\"]\n" }, { kind: "service" }).toTrigger([{ path: "Dockerfile", line: 5 }]);
    await expectScala(rule, { ...base, Dockerfile: "FROM sbtscala/scala-sbt:eclipse-temurin-21.0.2_13_1.10.1_2.13.14 AS build\nWORKDIR /app\nCOPY . .\nRUN sbt stage\nFROM eclipse-temurin:21-jre\nCOPY --from=build /app/target/universal/stage /app\nEXPOSE 8080\nCMD [\"/app/bin/svc\"]\n" }, { kind: "service" }).notToTrigger();
  });
});
