import rule from "./f04-embedded-backing-service.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { describe, expect, it } from "vitest";
import { ruleTester, runRule } from "../testing.ts";
import { scoreRepository } from "../score.ts";
import { emptyConfig } from "../config.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ...deps } });

ruleTester(rule, {
  valid: [
    {
      name: "v22 (grandnode2): LiteDB chosen only by a UseLiteDb switch next to the default MongoDB is an opt-in engine",
      files: { "src/Web/Web.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="LiteDB" Version="5.0.21" />\n    <PackageReference Include="MongoDB.Driver" Version="2.28.0" />\n  </ItemGroup>\n</Project>\n', "src/Web/App_Data/appsettings.json": '{ "UseLiteDb": false, "LiteDbConnectionString": "Filename=App_Data/database.db" }\n', "src/Web/Startup.cs": "using LiteDB;\n\npublic static class Startup {\n  public static void Add(IServiceCollection s, DbConfig c) {\n    if (c.UseLiteDb) s.AddSingleton(_ => new LiteDatabase(c.LiteDbConnectionString));\n  }\n}\n", "src/Web/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n" },
      options: { kind: "service" },
    },
    {
      name: "v21 (supertokens-core): a CI job's image that installs database servers for the test suite is no release image",
      files: { "build.gradle": "plugins { id 'java' }\n", "src/main/java/io/app/Main.java": "package io.app;\npublic class Main { public static void main(String[] a) {} }\n", ".circleci/Dockerfile": "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y mysql-server postgresql\n" },
      options: { kind: "service" },
    },
    {
      name: "v21: a maintainer's Python tool opening a SQLite file under Tools/ is not the service's datastore (duplicati)",
      files: { "Server/Server.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n', "Server/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n", "Tools/Restore/restore.py": "import sqlite3\ncon = sqlite3.connect('restore.db')\ncon.execute('CREATE TABLE files (path TEXT)')\ncon.commit()\n" },
      options: { kind: "service" },
    },
    {
      name: "v21: a PHP SQLite file offered next to a MySQL connection is one option, not the only datastore (phpMyFAQ)",
      files: { "index.php": "<?php\nrequire_once 'includes/connect.php';\n", "includes/connect.php": "<?php\nif (getenv('DB_TYPE') === 'sqlite') { $db = new SQLite3('/data/app.db'); } else { $db = new mysqli(getenv('DB_HOST'), getenv('DB_USER'), getenv('DB_PASS')); }\n" },
      options: { kind: "service" },
    },
    {
      name: "v21: CodeIgniter's bundled sqlite3 driver in an app configured for mysqli (easyappointments)",
      files: { "index.php": "<?php\nrequire_once 'system/core/CodeIgniter.php';\n", "application/config/database.php": "<?php\n$db['default']['hostname'] = 'mysql';\n$db['default']['dbdriver'] = 'mysqli';\n", "system/database/drivers/sqlite3/sqlite3_driver.php": "<?php\nclass CI_DB_sqlite3_driver {\n  public function db_connect() { return new SQLite3($this->database); }\n}\n" },
      options: { kind: "service" },
    },
    {
      name: "v10: `engine: sqlite` in a Python module docstring (a plugin's YAML settings example) is text, not the default datastore",
      files: {
        "requirements.txt": "flask==3.0.0\nredis==5.0.0\n",
        "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD [\"python\", \"/app/app.py\"]\n",
        "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\napp.run(port=int(os.environ['PORT']))\n",
        "searx/engines/sqlite.py": "\"\"\"SQLite database engine.\n\n.. code:: yaml\n\n  - name: films\n    engine: sqlite\n    database: data/films.db\n\"\"\"\n\nimport sqlite3\n\n\ndef search(query, params):\n    return []\n",
      },
      options: { kind: "service" },
    },
    {
      name: "a database.yml.sample with sqlite is ignored when the committed database.yml says postgresql (v4)",
      files: {
        Gemfile: "gem 'rails'\ngem 'pg'\n",
        "config/database.yml": "production:\n  adapter: postgresql\n  url: <%= ENV['DATABASE_URL'] %>\n",
        "config/database.yml.sample": "production:\n  adapter: sqlite3\n  database: storage/production.sqlite3\n",
      },
      options: { kind: "service" },
    },
    {
      name: "Go: SQLite only in a test helper, Postgres in production code",
      files: {
        "go.mod": "module example.com/api\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgithub.com/jinzhu/gorm v1.9.16\n)\n",
        "common/database.go": "package common\n\nimport (\n\t\"os\"\n\t\"github.com/jinzhu/gorm\"\n)\n\nfunc Init() *gorm.DB {\n\tdb, _ := gorm.Open(\"postgres\", os.Getenv(\"DATABASE_URL\"))\n\treturn db\n}\n",
        "common/db_test.go": "package common\n\nimport \"github.com/jinzhu/gorm\"\n\nfunc testDB() *gorm.DB {\n\tdb, _ := gorm.Open(\"sqlite3\", \"./test.db\")\n\treturn db\n}\n",
        "main.go": "package main\n\nimport \"github.com/gin-gonic/gin\"\n\nfunc main() { r := gin.Default(); r.Run() }\n",
      },
    },
    {
      name: "postgres client only in the image, DB via DATABASE_URL",
      files: {
        "package.json": pkg({ pg: "^8.11.0" }),
        Dockerfile: 'FROM node:22-bookworm\nRUN apt-get update && apt-get install -y postgresql-client\nCOPY . .\nCMD ["node", "src/server.js"]\n',
        "src/db.js": "const { Pool } = require('pg');\nmodule.exports = new Pool({ connectionString: process.env.DATABASE_URL });\n",
      },
    },
    {
      name: "Django sqlite default overridden by dj_database_url",
      files: {
        "requirements.txt": "django==5.0\ndj-database-url==2.1.0\ngunicorn==22.0.0\n",
        "mysite/settings.py": "import dj_database_url\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDATABASES['default'] = dj_database_url.config(default='sqlite:///db.sqlite3')\n",
      },
    },
    {
      name: "SQLAlchemy sqlite only as env fallback",
      files: { "requirements.txt": "flask==3.0.0\nsqlalchemy==2.0.0\n", "app.py": "import os\nfrom sqlalchemy import create_engine\nengine = create_engine(os.environ.get('DATABASE_URL', 'sqlite:///dev.db'))\n" },
      options: { kind: "service" },
    },
    {
      name: "node:sqlite imported only by a test is not the datastore (v8)",
      files: { "package.json": pkg({}), "src/server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n", "test/db.test.ts": "import {DatabaseSync} from 'node:sqlite';\n" },
      options: { kind: "service" },
    },
    {
      name: "better-sqlite3 used only in tests",
      files: { "package.json": pkg({ "better-sqlite3": "^9.0.0" }), "src/server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n", "test/db.test.js": "const Database = require('better-sqlite3');\n" },
    },
    {
      name: "Rails sqlite in development only",
      files: { Gemfile: "gem 'rails'\ngem 'pg'\n", "config/database.yml": "development:\n  adapter: sqlite3\n  database: db/dev.sqlite3\nproduction:\n  adapter: postgresql\n  url: <%= ENV['DATABASE_URL'] %>\n" },
      options: { kind: "service" },
    },
    {
      name: "redis in its own compose service is attached, not embedded",
      files: {
        "package.json": pkg({ ioredis: "^5.0.0" }),
        Dockerfile: 'FROM node:22\nCOPY . .\nCMD ["node", "src/server.js"]\n',
        "docker-compose.prod.yml": "services:\n  api:\n    build: .\n  redis:\n    image: redis:7\n    command: redis-server --appendonly yes\n",
      },
    },
    {
      name: "v8: SQLite env default, but the shipped compose stack attaches Postgres → not the default datastore",
      files: {
        "requirements.txt": "django==5.0\ngunicorn==22.0.0\npsycopg2-binary==2.9.9\n",
        "app/settings.py": "import os\nDATABASES = {'default': {'ENGINE': os.getenv('DB_ENGINE') or 'django.db.backends.sqlite3', 'NAME': os.getenv('DB_NAME', 'db.sqlite3')}}\n",
        Dockerfile: 'FROM python:3.12-slim\nCOPY . .\nCMD ["gunicorn", "app.wsgi"]\n',
        "docker-compose.yml": "services:\n  web:\n    image: acme/app:1.0\n    restart: unless-stopped\n    environment:\n      DB_ENGINE: django.db.backends.postgresql\n  db:\n    image: postgres:16\n",
      },
      options: { kind: "service" },
    },
    {
      name: "v8: a database-type key naming a networked engine is not an embedded default",
      files: {
        "package.json": pkg({ knex: "^3.0.0", pg: "^8.11.0" }),
        "src/env.js": "const { cleanEnv, str } = require('envalid');\nmodule.exports = cleanEnv(process.env, { DB_CLIENT: str({ choices: ['pg', 'mysql2'], default: 'pg' }) });\n",
        "src/server.js": "require('express')().listen(process.env.PORT);\n",
        Dockerfile: 'FROM node:22\nCOPY . .\nCMD ["node", "src/server.js"]\n',
      },
      options: { kind: "service" },
    },
    {
      name: "v8: Laravel connection catalogue lists sqlite, but the default connection falls back to mysql",
      files: {
        "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }),
        "config/database.php": "<?php\nreturn [\n    'default' => env('DB_CONNECTION', 'mysql'),\n    'connections' => [\n        'sqlite' => [\n            'driver' => 'sqlite',\n        ],\n        'mysql' => [\n            'driver' => 'mysql',\n            'host' => env('DB_HOST', '127.0.0.1'),\n        ],\n    ],\n];\n",
        "public/index.php": "<?php\nrequire __DIR__.'/../vendor/autoload.php';\n",
        Dockerfile: 'FROM php:8.3-fpm\nCOPY . /var/www\nCMD ["php-fpm"]\n',
      },
      options: { kind: "service" },
    },
    { name: "no Dockerfile and no datastore: na", files: { "package.json": pkg({}), "src/server.js": "require('express')().listen(process.env.PORT);\n" }, status: "na" },
  ],
  invalid: [
    {
      name: "v22 (lubelog): LiteDB opened next to an Npgsql provider is a wired embedded store (medium confidence)",
      files: { "CarCareTracker.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="LiteDB" Version="5.0.21" />\n    <PackageReference Include="Npgsql" Version="9.0.3" />\n  </ItemGroup>\n</Project>\n', "Helper/LiteDBHelper.cs": "using LiteDB;\n\npublic class LiteDBHelper {\n  public LiteDatabase db = new LiteDatabase(\"data/cartracker.db\");\n}\n", "Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n" },
      options: { kind: "service" },
      findings: [{ path: "Helper/LiteDBHelper.cs", line: 4, severity: "medium", confidence: "medium" }],
    },
    {
      name: "v22: LiteDB in a .NET service with no networked provider is the production datastore",
      files: { "Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="LiteDB" Version="5.0.21" />\n  </ItemGroup>\n</Project>\n', "Api/Store.cs": "using LiteDB;\n\npublic class Store {\n  private readonly LiteDatabase _db = new LiteDatabase(\"Filename=data/app.db;Connection=shared\");\n}\n", "Api/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n" },
      options: { kind: "service" },
      findings: [{ path: "Api/Store.cs", line: 4, severity: "medium", confidence: "high" }],
    },
    {
      name: "v13: PHP 8.4 new \\PDO\\Sqlite('sqlite:' . $path) opens an embedded SQLite store",
      files: {
        "composer.json": JSON.stringify({ require: { php: ">=8.4", "slim/slim": "^4.0" } }),
        "services/DatabaseService.php": "<?php\nclass DatabaseService {\n  public function connect() {\n    $pdo = new \\PDO\\Sqlite('sqlite:' . $this->path());\n    return $pdo;\n  }\n}\n",
        "public/index.php": "<?php\nrequire __DIR__ . '/../vendor/autoload.php';\n",
      },
      options: { kind: "service" },
      findings: [{ path: "services/DatabaseService.php", line: 4 }],
    },
    {
      name: "v8: envalid default better-sqlite3 next to pg/mysql2 (networked opt-in) → default datastore",
      files: {
        "package.json": pkg({ knex: "^3.0.0", pg: "^8.11.0", "better-sqlite3": "^11.0.0" }),
        "server/env.js": "const { cleanEnv, str } = require('envalid');\nmodule.exports = cleanEnv(process.env, {\n  DB_CLIENT: str({ choices: ['pg', 'better-sqlite3'], default: 'better-sqlite3' }),\n});\n",
        "server/server.js": "require('express')().listen(process.env.PORT);\n",
        Dockerfile: 'FROM node:22\nCOPY . .\nCMD ["node", "server/server.js"]\n',
        "docker-compose.yml": "services:\n  server:\n    image: acme/short:1.0\n    restart: unless-stopped\n    volumes:\n      - data:/var/lib/app\nvolumes:\n  data:\n",
        "docker-compose.postgres.yml": "services:\n  server:\n    image: acme/short:1.0\n    environment:\n      DB_CLIENT: pg\n  postgres:\n    image: postgres:16\n",
      },
      options: { kind: "service" },
      findings: [{ path: "server/env.js", line: 3, severity: "low", confidence: "high", message: "default datastore" }],
    },
    {
      name: "v8: Go config defaults with Dialect sqlite3 (MySQL/Postgres opt-in) → default datastore",
      files: {
        "go.mod": "module example.com/notify\n\ngo 1.22\n\nrequire (\n\tgorm.io/gorm v1.25.0\n\tgorm.io/driver/sqlite v1.5.0\n\tgorm.io/driver/postgres v1.5.0\n)\n",
        "config/config.go": "package config\n\ntype Database struct {\n\tDialect    string\n\tConnection string\n}\n\nfunc defaults() Database {\n\treturn Database{\n\t\tDialect:    \"sqlite3\",\n\t\tConnection: \"data/app.db\",\n\t}\n}\n",
        "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n",
        "docker/Dockerfile": 'FROM debian:bookworm-slim\nCOPY app /app/app\nCMD ["/app/app"]\n',
      },
      options: { kind: "service" },
      findings: [{ path: "config/config.go", line: 10, confidence: "high" }],
    },
    {
      name: "v8: .NET image ENV selects SQLite (Postgres/SQL Server providers opt-in) → default datastore",
      files: {
        "src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="8.0.0" />\n    <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="8.0.0" />\n  </ItemGroup>\n</Project>\n',
        "src/App/Program.cs": "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.Run();\n",
        Dockerfile: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\nENV Database__Type "Sqlite"\nENV Database__ConnectionString "Data Source=/data/db/app.db"\nENTRYPOINT ["dotnet", "/app/App.dll"]\n',
      },
      options: { kind: "service" },
      findings: [{ path: "Dockerfile", line: 3, confidence: "high" }],
    },
    {
      name: "v8: Spring default profile activates H2, image built by Jib; MySQL/Postgres only behind compose profiles → default datastore",
      files: {
        "pom.xml": "<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>com.h2database</groupId><artifactId>h2</artifactId></dependency><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency></dependencies><build><plugins><plugin><groupId>com.google.cloud.tools</groupId><artifactId>jib-maven-plugin</artifactId></plugin></plugins></build></project>\n",
        "src/main/resources/application.properties": "spring.profiles.active=h2,spring-data-jpa\nserver.port=9966\n",
        "src/main/resources/application-h2.properties": "spring.datasource.url=jdbc:h2:mem:petclinic\n",
        "src/main/resources/application-postgres.properties": "spring.datasource.url=${POSTGRES_URL:jdbc:postgresql://localhost/petclinic}\n",
        "src/main/java/com/acme/App.java": "package com.acme;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n",
        "docker-compose.yml": "services:\n  postgres:\n    image: postgres:16\n    profiles:\n      - postgres\n",
      },
      options: { kind: "service" },
      findings: [{ path: "src/main/resources/application.properties", line: 1, confidence: "high" }],
    },
    {
      name: "v8: Go code sets the database URL to a SQLite file when none is configured (Procfile) → default datastore",
      files: {
        "go.mod": "module example.com/marks\n\ngo 1.22\n\nrequire (\n\tgithub.com/jmoiron/sqlx v1.3.5\n\tgithub.com/lib/pq v1.10.9\n\tmodernc.org/sqlite v1.29.0\n)\n",
        "internal/config/config.go": "package config\n\nimport (\n\t\"fmt\"\n\t\"path/filepath\"\n)\n\nfunc (c *Config) SetDefaults() {\n\tif c.Database.URL == \"\" {\n\t\tc.Database.URL = fmt.Sprintf(\"sqlite:///%s\", filepath.Join(c.DataDir, \"marks.db\"))\n\t}\n}\n",
        "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n",
        Procfile: "web: bin/marks server -p $PORT\n",
        "docker-compose.yaml": "# Docker compose for development purposes only.\nservices:\n  marks:\n    build: .\n    volumes:\n      - .:/src/marks\n    links:\n      - postgres\n  postgres:\n    image: postgres:16\n",
      },
      options: { kind: "service" },
      findings: [{ path: "internal/config/config.go", line: 10, confidence: "high" }],
    },
    {
      name: "v8: Kotlin setting whose enum default is the embedded H2 database → default datastore",
      files: {
        "build.gradle.kts": "plugins { kotlin(\"jvm\") version \"2.0.0\" }\ndependencies {\n    implementation(\"com.h2database:h2:2.2.224\")\n    implementation(\"org.postgresql:postgresql:42.7.3\")\n    implementation(\"io.javalin:javalin:6.1.0\")\n}\n",
        "src/main/kotlin/app/ServerConfig.kt": "package app\n\nclass ServerConfig {\n    val databaseType = setting(\n        defaultValue = DatabaseType.H2,\n    )\n}\n",
        "src/main/kotlin/app/Main.kt": "package app\n\nfun main() { Javalin.create().start(4567) }\n",
        Dockerfile: 'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n',
      },
      options: { kind: "service" },
      findings: [{ path: "src/main/kotlin/app/ServerConfig.kt", line: 5, confidence: "high" }],
    },
    {
      name: "v8: Django env fallback to SQLite with only a Procfile (no networked database attached) → default datastore",
      files: {
        "requirements.txt": "django==5.0\ngunicorn==22.0.0\npsycopg2-binary==2.9.9\n",
        "app/settings.py": "import os\nDATABASES = {'default': {'ENGINE': os.getenv('DB_ENGINE') or 'django.db.backends.sqlite3', 'NAME': 'data/db.sqlite3'}}\n",
        Procfile: "web: gunicorn app.wsgi\n",
      },
      options: { kind: "service" },
      findings: [{ path: "app/settings.py", line: 2, confidence: "high" }],
    },
    {
      name: "Go: jinzhu/gorm SQLite file as the only datastore (production datastore, high confidence)",
      files: {
        "go.mod": "module example.com/api\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgithub.com/jinzhu/gorm v1.9.16\n)\n",
        "common/database.go": "package common\n\nimport \"github.com/jinzhu/gorm\"\n\nfunc Init() *gorm.DB {\n\tdb, _ := gorm.Open(\"sqlite3\", \"./../gorm.db\")\n\treturn db\n}\n",
        "main.go": "package main\n\nimport \"github.com/gin-gonic/gin\"\n\nfunc main() { r := gin.Default(); r.Run() }\n",
      },
      findings: [{ path: "common/database.go", line: 6, severity: "medium" }],
    },
    {
      name: "redis-server installed and started in the app image",
      files: { "package.json": pkg({ ioredis: "^5.0.0" }), Dockerfile: "FROM node:22-bookworm\nRUN apt-get update && apt-get install -y redis-server\nCOPY . .\nCMD redis-server --daemonize yes && node src/server.js\n" },
      findings: [{ path: "Dockerfile", line: 2, severity: "high" }],
    },
    {
      name: "mysql-server installed but not evidently started: medium",
      files: { "requirements.txt": "django==5.0\n", Dockerfile: "FROM python:3.12\nRUN apt-get update && apt-get install -y mysql-server\nCOPY . .\nCMD [\"gunicorn\", \"app.wsgi\"]\n" },
      findings: [{ path: "Dockerfile", line: 2, severity: "medium" }],
    },
    {
      name: "apk postgresql (often installed for pg_dump) without a start: low",
      files: { "requirements.txt": "django==5.0\n", Dockerfile: "FROM python:3.12-alpine\nRUN apk add --no-cache postgresql\nCOPY . .\nCMD [\"gunicorn\", \"app.wsgi\"]\n" },
      findings: [{ path: "Dockerfile", line: 2, severity: "low" }],
    },
    {
      name: "Django production settings on sqlite3",
      files: { "requirements.txt": "django==5.0\ngunicorn==22.0.0\n", "mysite/settings.py": "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.sqlite3',\n        'NAME': 'db.sqlite3',\n    }\n}\n" },
      findings: [{ path: "mysite/settings.py", line: 3, severity: "medium" }],
    },
    {
      name: "v7: EF Core UseSqlite in a .NET service with no networked provider is the production datastore (Kavita)",
      files: { "Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="8.0.8" />\n  </ItemGroup>\n</Project>\n', "Api/Extensions/Services.cs": "public static class Services {\n  public static void Add(IServiceCollection s) {\n    s.AddDbContext<DataContext>(o => o.UseSqlite(\"Data source=config/app.db\"));\n  }\n}\n", "Api/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n" },
      options: { kind: "service" },
      findings: [{ path: "Api/Extensions/Services.cs", line: 3, severity: "medium", confidence: "high" }],
    },
    {
      name: "v21 (isso): Python's sqlite3.connect on the app's database file, written through, no networked database: the only datastore",
      files: { "setup.py": "from setuptools import setup\nsetup(name='isso', install_requires=['werkzeug', 'jinja2'])\n", "isso/db/__init__.py": "import sqlite3\n\nclass SQLite3:\n    def __init__(self, path):\n        self.path = path\n    def execute(self, sql, args=()):\n        with sqlite3.connect(self.path) as con:\n            rv = con.execute(sql, args)\n            con.commit()\n            return rv\n    def init(self):\n        self.execute('CREATE TABLE IF NOT EXISTS comments (id INTEGER PRIMARY KEY)')\n", "isso/run.py": "from werkzeug.serving import run_simple\nfrom isso import make_app\nrun_simple('0.0.0.0', 8080, make_app())\n" },
      options: { kind: "service" },
      findings: [{ path: "isso/db/__init__.py", line: 7, confidence: "high" }],
    },
    {
      name: "v21 (Wallos): PHP's new SQLite3 on a fixed path with no MySQL/PostgreSQL anywhere: the only datastore",
      files: { "index.php": "<?php\nrequire_once 'includes/connect.php';\n", "includes/connect.php": "<?php\n$db = new SQLite3(__DIR__ . '/../db/wallos.db');\n$db->exec('PRAGMA journal_mode = WAL');\n" },
      options: { kind: "service" },
      findings: [{ path: "includes/connect.php", line: 2, confidence: "high" }],
    },
    {
      name: "v21 (session31b: Radarr/Lidarr): System.Data.SQLite opened through SQLiteFactory on a SQLiteConnectionStringBuilder, Npgsql offered too",
      files: { "src/Core/Core.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="System.Data.SQLite" Version="2.0.2" />\n    <PackageReference Include="Npgsql" Version="9.0.3" />\n  </ItemGroup>\n</Project>\n', "src/Core/Datastore/ConnectionStringFactory.cs": "public class ConnectionStringFactory {\n  public string Build(string dbPath) {\n    var b = new SQLiteConnectionStringBuilder { DataSource = dbPath, CacheSize = -20000 };\n    return b.ConnectionString;\n  }\n}\n", "src/Core/Datastore/DbFactory.cs": "public class DbFactory {\n  public IDbConnection Open() {\n    var conn = SQLiteFactory.Instance.CreateConnection();\n    return conn;\n  }\n}\n", "src/Host/Host.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n', "src/Host/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n" },
      options: { kind: "service" },
      findings: [{ path: "src/Core/Datastore/ConnectionStringFactory.cs", line: 3 }, { path: "src/Core/Datastore/DbFactory.cs", line: 3 }],
    },
    {
      name: "v7: EF Core UseSqlite next to an Npgsql provider stays medium confidence (a default, not the only store)",
      files: { "Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="8.0.8" />\n    <PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="8.0.4" />\n  </ItemGroup>\n</Project>\n', "Api/Extensions/Services.cs": "public static class Services {\n  public static void Add(IServiceCollection s) {\n    s.AddDbContext<DataContext>(o => o.UseSqlite(\"Data source=config/app.db\"));\n  }\n}\n", "Api/Program.cs": "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n" },
      options: { kind: "service" },
      findings: [{ path: "Api/Extensions/Services.cs", line: 3, severity: "medium", confidence: "medium" }],
    },
    {
      name: "better-sqlite3 with no networked database client is the production datastore (v6)",
      files: { "package.json": pkg({ "better-sqlite3": "^11.0.0" }), "src/account-db.js": "import Database from 'better-sqlite3';\nexport const db = new Database('/data/account.sqlite');\n" },
      options: { kind: "service" },
      findings: [{ path: "src/account-db.js", line: 1, severity: "medium", confidence: "high" }],
    },
    {
      name: "Node's built-in node:sqlite is an embedded production datastore (v8)",
      files: { "package.json": pkg({}), "src/server.ts": "import express from 'express';\nexpress().listen(9000);\n", "src/storage/sqlite.ts": "import {DatabaseSync} from 'node:sqlite';\nexport const open = (p: string) => new DatabaseSync(p);\n" },
      options: { kind: "service" },
      findings: [{ path: "src/storage/sqlite.ts", line: 1, severity: "medium", confidence: "high" }],
    },
    {
      name: "better-sqlite3 next to a pg client stays medium confidence (v6; v11: the pg client is imported by the code)",
      files: { "package.json": pkg({ "better-sqlite3": "^11.0.0", pg: "^8.0.0" }), "src/cache.js": "import Database from 'better-sqlite3';\nexport const cache = new Database(':memory:');\n", "src/db.js": "import pg from 'pg';\nexport const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });\n" },
      options: { kind: "service" },
      findings: [{ path: "src/cache.js", line: 1, severity: "medium", confidence: "medium" }],
    },
    {
      name: "a scoped fork of the SQLite driver (v5)",
      files: { "package.json": pkg({ "@louislam/sqlite3": "15.1.6", knex: "~3.1.0" }), "server/database.js": "const Dialect = require('knex/lib/dialects/sqlite3/index.js');\nDialect.prototype._driver = () => require('@louislam/sqlite3');\nmodule.exports = Dialect;\n" },
      findings: [{ path: "server/database.js", line: 2, severity: "medium" }],
    },
    {
      name: "lowdb JSON file as the datastore",
      files: { "package.json": pkg({ lowdb: "^7.0.0" }), "src/db.js": "import { JSONFilePreset } from 'lowdb/node';\nimport { Low } from 'lowdb';\nexport const db = new Low();\n" },
      findings: [{ path: "src/db.js", line: 2, severity: "medium" }],
    },
    {
      name: "Prisma sqlite provider",
      files: { "package.json": pkg({ "@prisma/client": "^5.0.0" }), "prisma/schema.prisma": 'datasource db {\n  provider = "sqlite"\n  url      = "file:./dev.db"\n}\n' },
      findings: [{ path: "prisma/schema.prisma", line: 2 }],
    },
    {
      name: "Rails production adapter sqlite3",
      files: { Gemfile: "gem 'rails'\ngem 'sqlite3'\n", "config/database.yml": "production:\n  adapter: sqlite3\n  database: storage/production.sqlite3\n" },
      options: { kind: "service" },
      findings: [{ path: "config/database.yml", line: 2, severity: "medium" }],
    },
    {
      name: "Rails production adapter sqlite3 in the committed database.yml.sample when database.yml is not committed (v4)",
      files: { Gemfile: "gem 'rails'\ngem 'sqlite3'\n", "config/database.yml.sample": "production:\n  primary:\n    adapter: sqlite3\n    database: storage/primary.sqlite3\n" },
      options: { kind: "service" },
      findings: [{ path: "config/database.yml.sample", line: 3, severity: "medium", confidence: "high" }],
    },
    {
      name: "sqlite replicated with Litestream is low",
      files: { "package.json": pkg({ "better-sqlite3": "^9.0.0" }), "litestream.yml": "dbs:\n  - path: /data/db.sqlite\n", "src/db.js": "const Database = require('better-sqlite3');\nmodule.exports = new Database('/data/db.sqlite');\n" },
      findings: [{ path: "src/db.js", line: 1, severity: "low" }],
    },
    {
      name: "Spring H2 file datasource in application.properties",
      files: {
        "pom.xml": "<project>\n  <artifactId>app</artifactId>\n  <dependencies>\n    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n",
        "src/main/resources/application.properties": "server.port=8080\nspring.datasource.url=jdbc:h2:file:./data/app\n",
      },
      options: { kind: "service" },
      findings: [{ path: "src/main/resources/application.properties", line: 2 }],
    },
  ],
});

describe("F04-EMBEDDED-BACKING-SERVICE v17: a store the code warns is not for production (session18c: sismics/docs)", () => {
  const pom = "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>a</artifactId><version>1</version></project>\n";
  const emf = (warn: string) => `package x;\nclass EMF {\n  void configure(java.util.Properties p, String dbFile) {\n    if (System.getenv("DATABASE_URL") == null) {\n${warn}      p.put("hibernate.connection.url", "jdbc:h2:file:" + dbFile);\n    }\n  }\n}\n`;
  it("an H2 file URL next to `Only suitable for testing purpose, not for production!` is no finding; the same URL without it is", async () => {
    const warned = await runRule(rule, { "pom.xml": pom, "src/main/java/x/EMF.java": emf('      log.warn("Using an embedded H2 database. Only suitable for testing purpose, not for production!");\n') }, { kind: "service" });
    expect(warned.result.findings).toEqual([]);
    const plain = await runRule(rule, { "pom.xml": pom, "src/main/java/x/EMF.java": emf("") }, { kind: "service" });
    expect(plain.result.findings.map((f) => `${f.path}:${f.line}`)).toEqual(["src/main/java/x/EMF.java:5"]);
  });
});

// v2: an embedded store that is certainly the production datastore caps factor IV at fail (score.ts RULE_CAPS).
describe("F04-EMBEDDED-BACKING-SERVICE production datastore caps factor IV", () => {
  const factorIV = async (files: Record<string, string>) => {
    const run = await runRule(rule, files, { kind: "service" });
    const out = scoreRepository({ units: run.units, results: run.results, config: emptyConfig(), repoKind: "service" });
    return out.factors.find((f) => f.code === "F04")!;
  };
  const gradle = (deps: string) => `plugins { id 'org.springframework.boot' version '3.2.0' }\ndependencies {\n    implementation 'org.springframework.boot:spring-boot-starter-web'\n${deps}}\n`;
  it("Rails production adapter sqlite3 → fail", async () => {
    const iv = await factorIV({ Gemfile: "gem 'rails'\ngem 'sqlite3'\n", "config/database.yml": "default: &default\n  adapter: sqlite3\nproduction:\n  <<: *default\n  database: db/production.sqlite3\n" });
    expect(iv.status).toBe("fail");
    expect(iv.cap).toBe(45);
  });
  it("H2 in-memory as the only JDBC database → fail", async () => {
    const iv = await factorIV({ "build.gradle": gradle("    runtimeOnly 'com.h2database:h2'\n"), "src/main/resources/application.properties": "spring.datasource.url=jdbc:h2:mem:test;DB_CLOSE_DELAY=-1\n" });
    expect(iv.status).toBe("fail");
  });
  it("H2 next to a declared PostgreSQL driver is not capped", async () => {
    const iv = await factorIV({
      "build.gradle": gradle("    runtimeOnly 'com.h2database:h2'\n    runtimeOnly 'org.postgresql:postgresql'\n"),
      "src/main/resources/application.properties": "spring.datasource.url=jdbc:h2:mem:test\n",
    });
    expect(iv.cap).toBeNull();
  });
  it("Rails sqlite replicated with Litestream is not capped", async () => {
    const iv = await factorIV({ Gemfile: "gem 'rails'\ngem 'sqlite3'\n", "litestream.yml": "dbs:\n  - path: /data/production.sqlite3\n", "config/database.yml": "production:\n  adapter: sqlite3\n  database: /data/production.sqlite3\n" });
    expect(iv.cap).toBeNull();
  });
});

// v8: an embedded *default* datastore (networked database opt-in, nothing attached by the shipped deploy) caps IV,
// VI and VIII at partial (score.ts DEFAULT_EMBEDDED_DATASTORE_CAP); the same app whose compose attaches Postgres is
// not capped.
describe("F04-EMBEDDED-BACKING-SERVICE default datastore caps IV, VI and VIII at partial (v8)", () => {
  const app = (compose: string) => ({
    "package.json": pkg({ knex: "^3.0.0", pg: "^8.11.0", "better-sqlite3": "^11.0.0" }),
    "server/env.js": "const { cleanEnv, str } = require('envalid');\nmodule.exports = cleanEnv(process.env, {\n  DB_CLIENT: str({ default: 'better-sqlite3' }),\n  DB_URL: str({ default: '' }),\n});\n",
    "server/db.js": "const knex = require('knex');\nconst env = require('./env');\nmodule.exports = knex({ client: env.DB_CLIENT, connection: env.DB_URL });\n",
    "server/server.js": "require('express')().listen(process.env.PORT);\n",
    Dockerfile: 'FROM node:22\nCOPY . .\nCMD ["node", "server/server.js"]\n',
    "docker-compose.yml": compose,
  });
  const factors = async (files: Record<string, string>) => {
    const run = await runRule(rule, files, { kind: "service" });
    const out = scoreRepository({ units: run.units, results: run.results, config: emptyConfig(), repoKind: "service" });
    return (code: string) => out.factors.find((f) => f.code === code)!;
  };
  it("SQLite by default → IV, VI, VIII capped at 75", async () => {
    const f = await factors(app("services:\n  server:\n    image: acme/short:1.0\n    restart: unless-stopped\n"));
    expect(f("F04").cap).toBe(75);
    expect(f("F04").status).toBe("partial");
    expect(f("F06").status).toBe("partial");
    expect(f("F06").cap).toBe(75);
  });
  it("object-storage clients and a shipped HPA are recorded on the finding (objectStorage / scaleOut)", async () => {
    const files = { ...app("services:\n  server:\n    image: acme/short:1.0\n    restart: unless-stopped\n"), "package.json": pkg({ knex: "^3.0.0", pg: "^8.11.0", "better-sqlite3": "^11.0.0", "@aws-sdk/client-s3": "^3.0.0" }), "k8s/hpa.yaml": "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: short\nspec:\n  maxReplicas: 5\n" };
    const run = await runRule(rule, files, { kind: "service" });
    expect(run.findings.find((f) => f.data?.defaultDatastore)?.data).toMatchObject({ objectStorage: true, scaleOut: true });
    const f = await factors(files);
    expect(f("F06").cap).toBe(75);
  });
  it("the shipped compose attaches Postgres → no cap", async () => {
    const f = await factors(app("services:\n  server:\n    image: acme/short:1.0\n    restart: unless-stopped\n    environment:\n      DB_CLIENT: pg\n  postgres:\n    image: postgres:16\n"));
    expect(f("F04").cap).toBeNull();
    expect(f("F06").cap).not.toBe(75);
  });
});

// v10: a systemd unit that starts the service is a shipped production path like a Dockerfile (accuracy bench session5c2:
// Suwayomi-Server, packaged with scripts/resources/pkg/systemd/suwayomi-server.service, default H2, human IV partial)
describe("F04-EMBEDDED-BACKING-SERVICE v10: a systemd unit ships the service", () => {
  const files = (withUnit: boolean) => ({
    "build.gradle.kts": "plugins { kotlin(\"jvm\") version \"2.0.0\"; application }\ndependencies { implementation(\"com.h2database:h2:2.2.224\"); implementation(\"org.postgresql:postgresql:42.7.3\") }\n",
    "src/main/kotlin/app/ServerConfig.kt": "package app\n\nclass ServerConfig {\n    val databaseType = EnumSetting(\n        key = \"databaseType\",\n        defaultValue = DatabaseType.H2,\n    )\n}\n",
    "src/main/kotlin/app/Main.kt": "package app\n\nfun main() { Server(System.getenv(\"PORT\")).start() }\n",
    ...(withUnit ? { "scripts/pkg/systemd/app.service": "[Unit]\nDescription=App\n\n[Service]\nExecStart=/usr/bin/app-server\nRestart=on-failure\n\n[Install]\nWantedBy=multi-user.target\n" } : {}),
  });
  const defaults = async (withUnit: boolean) => (await runRule(rule, files(withUnit), { kind: "service" })).results.flatMap((r) => r.findings).filter((f) => f.data?.defaultDatastore === true);
  it("with the systemd unit the H2 enum default is the shipped default datastore", async () => {
    expect(await defaults(true)).toHaveLength(1);
  });
  it("without any production path it is left to the platform", async () => {
    expect(await defaults(false)).toHaveLength(0);
  });
});

// v11: embedded-only datastores (nothing networked wired) are the production datastore; embedded defaults declared in
// ardanlabs/conf tags or Java-properties XML configs are the default datastore.
describe("F04-EMBEDDED-BACKING-SERVICE v11", () => {
  const findings = async (files: Record<string, string>) => (await runRule(rule, files, { kind: "service" })).results.flatMap((r) => r.findings);
  const prod = async (files: Record<string, string>) => (await findings(files)).filter((f) => f.data?.productionDatastore === true);
  const dflt = async (files: Record<string, string>) => (await findings(files)).filter((f) => f.data?.defaultDatastore === true);
  const knexApp = (extra: Record<string, string>) => ({
    "package.json": pkg({ knex: "^2.5.0", "@louislam/sqlite3": "~15.1.6", mysql2: "^3.12.0" }),
    "backend/database.ts": 'import knex from "knex";\nimport sqlite from "@louislam/sqlite3";\ninterface DBConfig {\n    type?: "sqlite" | "mysql";\n}\nexport function connect(cfg: DBConfig) {\n    if (cfg.type === "sqlite") return knex({ client: "sqlite3", connection: { filename: "data/app.db" } });\n    throw new Error("Unknown Database type");\n}\nvoid sqlite;\n',
    ...extra,
  });
  it("JS: a networked driver only declared (never imported, named only in a TS literal type) leaves SQLite the only datastore", async () => {
    expect((await prod(knexApp({}))).length).toBeGreaterThan(0);
  });
  it("JS: the same app whose code names a networked knex client is not the only datastore", async () => {
    expect(await prod(knexApp({ "backend/mysql.ts": 'import knex from "knex";\nexport const db = () => knex({ client: "mysql2", connection: process.env.DATABASE_URL });\n' }))).toHaveLength(0);
    expect(await prod(knexApp({ "backend/mysql.ts": 'import mysql from "mysql2";\nexport const pool = mysql.createPool(process.env.DATABASE_URL!);\n' }))).toHaveLength(0);
  });
  const stormApp = (extra: Record<string, string>) => ({
    "go.mod": "module example.com/files\n\ngo 1.22\n\nrequire github.com/asdine/storm/v3 v3.2.1\n",
    "cmd/utils.go": 'package cmd\n\nimport "github.com/asdine/storm/v3"\n\nfunc open(path string) (*storm.DB, error) {\n\treturn storm.Open(path)\n}\n',
    "main.go": 'package main\n\nimport "net/http"\n\nfunc main() { _ = http.ListenAndServe(":8080", nil) }\n',
    ...extra,
  });
  it("Go: a storm (BoltDB) file with no networked database opened is the only datastore", async () => {
    expect((await prod(stormApp({}))).length).toBeGreaterThan(0);
  });
  it("Go: an embedded KV store offered as one storage choice among several is not the only datastore", async () => {
    expect(await prod(stormApp({ "cmd/opts.go": 'package cmd\n\ntype StoreGroup struct {\n\tType string `long:"type" env:"TYPE" choice:"bolt" choice:"rpc" default:"bolt"`\n}\n' }))).toHaveLength(0);
  });
  it("Go (v21, gorush/zot): an embedded KV store whose package sits beside a Redis driver package or file is one storage driver, not the only datastore", async () => {
    const app = (extra: Record<string, string>) => ({
      "go.mod": "module example.com/push\n\ngo 1.22\n\nrequire go.etcd.io/bbolt v1.3.10\n",
      "storage/boltdb/boltdb.go": 'package boltdb\n\nimport bolt "go.etcd.io/bbolt"\n\nfunc Open(path string) (*bolt.DB, error) {\n\treturn bolt.Open(path, 0o600, nil)\n}\n',
      "main.go": 'package main\n\nimport "net/http"\n\nfunc main() { _ = http.ListenAndServe(":8088", nil) }\n',
      ...extra,
    });
    expect((await prod(app({}))).length).toBeGreaterThan(0);
    expect(await prod(app({ "storage/redis/redis.go": "package redis\n\nfunc New(addr string) *Store { return &Store{addr: addr} }\n" }))).toHaveLength(0);
    expect(await prod(app({ "storage/boltdb/redis.go": "package boltdb\n\nfunc NewRedis(addr string) *Store { return &Store{addr: addr} }\n" }))).toHaveLength(0);
  });
  it("Go (v12): an embedded KV store next to an imported networked SQL driver (dialect chosen by config) is not the only datastore", async () => {
    expect(await prod(stormApp({ "db/sql.go": 'package db\n\nimport (\n\t"database/sql"\n\n\t_ "github.com/go-sql-driver/mysql"\n\t_ "github.com/lib/pq"\n)\n\nfunc Open(dialect, dsn string) (*sql.DB, error) { return sql.Open(dialect, dsn) }\n' }))).toHaveLength(0);
  });
  const djangoApp = (reqs: string) => ({
    "pyproject.toml": `[project]\nname = "archive"\nversion = "1.0"\ndependencies = [\n${reqs}]\n`,
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "core.wsgi"]\n',
    "core/settings.py": 'import os\nDATABASE_NAME = os.environ.get("APP_DATABASE_NAME", "/data/index.sqlite3")\nDATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.sqlite3",\n        "NAME": DATABASE_NAME,\n    }\n}\n',
  });
  it("Python: a Django ENGINE hard-coded to sqlite3 with no networked driver declared is the only datastore", async () => {
    expect((await prod(djangoApp('    "django>=5.0",\n'))).length).toBeGreaterThan(0);
  });
  it("Python: the same settings with psycopg declared are not", async () => {
    expect(await prod(djangoApp('    "django>=5.0",\n    "psycopg[binary]>=3.1",\n'))).toHaveLength(0);
    // nor beside an attached cache/broker (the SQLite file is then one store among networked backing services)
    expect(await prod(djangoApp('    "django>=5.0",\n    "redis>=5.0",\n    "celery>=5.3",\n'))).toHaveLength(0);
  });
  const kotlinApp = (extraDeps: string, extra: Record<string, string> = {}) => ({
    "build.gradle.kts": `plugins { id("org.springframework.boot") version "3.2.0" }\ndependencies {\n  implementation("org.springframework.boot:spring-boot-starter-web")\n  implementation("org.xerial:sqlite-jdbc:3.45.0.0")\n${extraDeps}}\n`,
    "src/main/kotlin/app/DataSources.kt": 'package app\n\nclass DataSources(val file: String) {\n  fun url() = "jdbc:sqlite:$file"\n}\n',
    ...extra,
  });
  it("JVM: a data source built from jdbc:sqlite in production code with no networked JDBC driver is the only datastore", async () => {
    expect((await prod(kotlinApp(""))).length).toBeGreaterThan(0);
  });
  it("JVM: with a PostgreSQL driver declared, or named in the code, it is not", async () => {
    expect(await prod(kotlinApp('  implementation("org.postgresql:postgresql:42.7.0")\n'))).toHaveLength(0);
    expect(await prod(kotlinApp("", { "src/main/kotlin/app/Pg.kt": 'package app\n\nconst val DRIVER = "org.postgresql.Driver"\n' }))).toHaveLength(0);
  });
  it("Go: an ardanlabs/conf tag defaulting the driver to sqlite3 is the default datastore", async () => {
    const files = {
      "go.mod": "module example.com/inv\n\ngo 1.22\n",
      "Dockerfile": 'FROM golang:1.22 AS b\nCOPY . .\nRUN go build -o /api .\nFROM alpine:3.20\nCOPY --from=b /api /api\nEXPOSE 7745\nCMD ["/api"]\n',
      "internal/config/conf_database.go": 'package config\n\ntype Database struct {\n\tDriver string `yaml:"driver" conf:"default:sqlite3"`\n\tSqlitePath string `yaml:"sqlite-path" conf:"default:./.data/homebox.db"`\n}\n',
      "main.go": 'package main\n\nimport "net/http"\n\nfunc main() { _ = http.ListenAndServe(":7745", nil) }\n',
    };
    expect((await dflt(files)).length).toBe(1);
    // a postgres service in the default compose stack attaches the networked database: not the default
    expect(await dflt({ ...files, "docker-compose.yml": "services:\n  app:\n    build: .\n    environment:\n      HBOX_DATABASE_DRIVER: postgres\n  db:\n    image: postgres:16\n" })).toHaveLength(0);
  });
  it("Java: a packaged Java-properties XML config whose database.url is an H2 file is the default datastore; compose variants named after a database are opt-in", async () => {
    const files = {
      "build.gradle": "plugins { id 'java' }\ndependencies {\n    implementation 'com.h2database:h2:2.2.224'\n    implementation 'org.postgresql:postgresql:42.7.0'\n}\n",
      "docker/Dockerfile.alpine": 'FROM eclipse-temurin:21-jre-alpine\nCOPY setup/app.xml /opt/app/conf/app.xml\nEXPOSE 8082\nENTRYPOINT ["java", "-jar", "/opt/app/app.jar"]\n',
      "docker/compose/app-timescaledb.yaml": "services:\n  database:\n    image: timescale/timescaledb:latest-pg17\n  app:\n    image: example/app:latest\n    environment:\n      DATABASE_URL: jdbc:postgresql://database:5432/app\n",
      "setup/app.service": "[Service]\nExecStart=/opt/app/jre/bin/java -jar app.jar conf/app.xml\n",
      "setup/app.xml": "<?xml version='1.0' encoding='UTF-8'?>\n<properties>\n    <entry key='database.driver'>org.h2.Driver</entry>\n    <entry key='database.url'>jdbc:h2:./data/database</entry>\n</properties>\n",
      "src/main/java/app/Main.java": "package app;\n\npublic class Main {\n  public static void main(String[] a) {}\n}\n",
    };
    expect((await dflt(files)).length).toBe(1);
    expect(await dflt({ ...files, "setup/app.xml": "<properties>\n    <entry key='database.url'>jdbc:postgresql://db/app</entry>\n</properties>\n" })).toHaveLength(0);
  });
  it("JS: a libSQL client on a literal file: URL is an embedded SQLite store (the only one here); on a remote URL from env it is not", async () => {
    const files = {
      "package.json": pkg({ "@libsql/client": "^0.17.0", "drizzle-orm": "^0.45.0" }),
      "server/database/sqlite.ts": "import { drizzle } from 'drizzle-orm/libsql';\nimport { createClient } from '@libsql/client';\nconst client = createClient({ url: 'file:/etc/app/app.db' });\nexport const db = drizzle({ client });\n",
    };
    expect((await prod(files)).length).toBe(1);
    expect(await findings({ ...files, "server/database/sqlite.ts": "import { createClient } from '@libsql/client';\nexport const client = createClient({ url: process.env.TURSO_URL! });\n" })).toHaveLength(0);    // v21 (session31e: openstatus): an embedded replica of a remote primary (syncUrl) keeps the data in the primary
    expect(await findings({ ...files, "server/database/sqlite.ts": "import { createClient } from '@libsql/client';\nexport const client = createClient({ url: 'file:///app/data/replica.db', syncUrl: process.env.DATABASE_URL, syncInterval: 60 });\n" })).toHaveLength(0);
  });
});

// v14: Rust's embedded stores; the only datastore when the service talks to no networked database.
describe("F04-EMBEDDED-BACKING-SERVICE v14 (Rust)", () => {
  const findings = async (files: Record<string, string>) => (await runRule(rule, files, { kind: "service" })).results.flatMap((r) => r.findings);
  const cargo = (deps: string) => `[package]\nname = "idm"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\naxum = "0.7"\n${deps}`;
  const main = "#[tokio::main]\nasync fn main() {\n    let listener = tokio::net::TcpListener::bind(\"0.0.0.0:8443\").await.unwrap();\n    axum::serve(listener, app()).await.unwrap();\n}\n";
  const rusqliteStore = "use rusqlite::{Connection, OpenFlags};\n\npub fn open(path: &str) -> Connection {\n    Connection::open_with_flags(path, OpenFlags::default()).unwrap()\n}\n";
  it("a rusqlite file store with no networked database is the production datastore", async () => {
    const f = await findings({ "Cargo.toml": cargo('rusqlite = "0.32"\n'), "src/main.rs": main, "src/be/sqlite.rs": rusqliteStore });
    expect(f.filter((x) => x.data?.productionDatastore === true)).toHaveLength(1);
    expect(f[0].path).toBe("src/be/sqlite.rs");
  });
  it("v22 (meilisearch): LMDB environments opened through heed are the production datastore; the message names the store once", async () => {
    const f = await findings({ "Cargo.toml": cargo('heed = "0.20"\n'), "src/main.rs": main, "src/store.rs": "use heed::EnvOpenOptions;\n\npub fn open(path: &std::path::Path) -> heed::Env {\n    let mut options = EnvOpenOptions::new();\n    unsafe { options.map_size(1 << 30).open(path).unwrap() }\n}\n" });
    expect(f.filter((x) => x.data?.productionDatastore === true)).toHaveLength(1);
    expect(f[0].message).toBe("The app is configured with an embedded KV store (LMDB/heed) datastore.");
    // a type of the same name elsewhere (no heed in the file) is not LMDB
    expect(await findings({ "Cargo.toml": cargo(""), "src/main.rs": main, "src/env.rs": "pub struct EnvOpenOptions;\nimpl EnvOpenOptions { pub fn new() -> Self { EnvOpenOptions } }\npub fn x() -> EnvOpenOptions { EnvOpenOptions::new() }\n" })).toHaveLength(0);
  });
  it("sled and sqlx SQLite pools are embedded stores; with a Postgres pool in the code they are not the only one", async () => {
    const sled = await findings({ "Cargo.toml": cargo('sled = "0.34"\n'), "src/main.rs": main, "src/store.rs": "pub fn db() -> sled::Db { sled::open(\"/data/db\").unwrap() }\n" });
    expect(sled.filter((x) => x.data?.productionDatastore === true)).toHaveLength(1);
    const both = await findings({
      "Cargo.toml": cargo('sqlx = { version = "0.8", features = ["sqlite", "postgres"] }\n'), "src/main.rs": main,
      "src/db/sqlite.rs": "pub async fn open(url: &str) -> sqlx::SqlitePool { SqlitePool::connect(url).await.unwrap() }\n",
      "src/db/postgres.rs": "pub async fn open(url: &str) -> sqlx::PgPool { PgPool::connect(url).await.unwrap() }\n",
    });
    expect(both.length).toBeGreaterThan(0);
    expect(both.filter((x) => x.data?.productionDatastore === true)).toHaveLength(0);
  });
  it("Connection::open in a file that does not use rusqlite (another crate's connection) is not an embedded store", async () => {
    const f = await findings({ "Cargo.toml": cargo('lapin = "2"\n'), "src/main.rs": main, "src/mq.rs": "use lapin::Connection;\n\npub async fn mq(url: &str) { let _c = Connection::open(url); }\n" });
    expect(f).toHaveLength(0);
  });
});

// v20 (session30b: pinchflat): an Ecto repository on SQLite3; the only datastore when nothing reaches a networked database.
describe("F04-EMBEDDED-BACKING-SERVICE v20 (Elixir Ecto)", () => {
  const findings = async (files: Record<string, string>) => (await runRule(rule, files, { kind: "service" })).results.flatMap((r) => r.findings);
  const mix = (deps: string) => `defmodule Pf.MixProject do\n  use Mix.Project\n  def project, do: [app: :pf, version: "0.1.0", deps: deps()]\n  defp deps, do: [{:phoenix, "~> 1.7"}, {:ecto_sql, "~> 3.10"}${deps}]\nend\n`;
  const repo = (adapter: string) => `defmodule Pf.Repo do\n  use Ecto.Repo,\n    otp_app: :pf,\n    adapter: Ecto.Adapters.${adapter}\nend\n`;
  it("the SQLite3 adapter of the only Ecto repository is the production datastore", async () => {
    const f = await findings({ "mix.exs": mix(', {:ecto_sqlite3, "~> 0.15"}'), "lib/pf/repo.ex": repo("SQLite3") });
    expect(f.filter((x) => x.data?.productionDatastore === true).map((x) => x.path)).toEqual(["lib/pf/repo.ex"]);
  });
  it("next to a Postgres repository it is an embedded store, not the only datastore; a Postgres repository alone is none", async () => {
    const both = await findings({ "mix.exs": mix(', {:ecto_sqlite3, "~> 0.15"}, {:postgrex, ">= 0.0.0"}'), "lib/pf/repo.ex": repo("Postgres"), "lib/pf/cache_repo.ex": repo("SQLite3").replace("Pf.Repo", "Pf.CacheRepo") });
    expect(both.length).toBeGreaterThan(0);
    expect(both.filter((x) => x.data?.productionDatastore === true)).toHaveLength(0);
    expect(await findings({ "mix.exs": mix(', {:postgrex, ">= 0.0.0"}'), "lib/pf/repo.ex": repo("Postgres") })).toHaveLength(0);
  });
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("Scala: an embedded H2 JDBC URL is the datastore when no networked driver is declared; next to the PostgreSQL driver it is not the only one", async () => {
    const dbConf = "package app\nobject DbConf {\n  val url = \"jdbc:h2:./data/app\"\n}\n";
    const r = await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\",\n  \"com.h2database\" % \"h2\" % \"2.2.224\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n", "src/main/scala/app/DbConf.scala": dbConf }, { kind: "service" }).toTrigger([{ path: "src/main/scala/app/DbConf.scala", line: 3, confidence: "high" }]);
    expectScalaValue(r.findings[0].data?.productionDatastore).toBe(true);
    const r2 = await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\",\n  \"com.h2database\" % \"h2\" % \"2.2.224\",\n  \"org.postgresql\" % \"postgresql\" % \"42.7.3\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n", "src/main/scala/app/DbConf.scala": dbConf }, { kind: "service" }).toTrigger(1);
    expectScalaValue(r2.findings[0].data?.productionDatastore).toBeUndefined();
  });
});

// v16: a wired embedded store next to a networked database the shipped deploy attaches is marked `networkedDeploy`
describe("F04-EMBEDDED-BACKING-SERVICE v16 networkedDeploy", () => {
  const app = {
    "go.mod": "module example.com/hist\n\ngo 1.22\n",
    "main.go": 'package main\n\nimport (\n\t"database/sql"\n\t"os"\n\n\t_ "github.com/lib/pq"\n\t_ "modernc.org/sqlite"\n)\n\nfunc main() {\n\tif os.Getenv("DB") == "sqlite" {\n\t\tsql.Open("sqlite", "/config/hist.db")\n\t}\n\tsql.Open("postgres", os.Getenv("DATABASE_URL"))\n}\n',
    Dockerfile: 'FROM golang:1.22 AS build\nCOPY . .\nRUN go build -o /hist\nFROM gcr.io/distroless/base\nCOPY --from=build /hist /hist\nCMD ["/hist"]\n',
  };
  it("flags the wired store when the compose stack attaches Postgres, and not without it", async () => {
    const withDb = await runRule(rule, { ...app, "docker-compose.yml": "services:\n  hist:\n    build: .\n    environment:\n      DATABASE_URL: postgres://hist@db/hist\n  db:\n    image: postgres:16\n" }, { kind: "service" });
    const wired = withDb.findings.filter((f) => f.data?.engine && !f.data?.productionDatastore && !f.data?.defaultDatastore);
    expect(wired.length).toBeGreaterThan(0);
    expect(wired.every((f) => f.data?.networkedDeploy === true)).toBe(true);
    const without = await runRule(rule, app, { kind: "service" });
    const wired2 = without.findings.filter((f) => f.data?.engine && !f.data?.productionDatastore && !f.data?.defaultDatastore);
    expect(wired2.length).toBeGreaterThan(0);
    expect(wired2.some((f) => f.data?.networkedDeploy === true)).toBe(false);
  });
});

describe("F04-EMBEDDED-BACKING-SERVICE v18: a Prisma SQLite schema is the embedded default datastore (session21a: chibisafe, stump)", () => {
  const schema = 'datasource db {\n  provider = "sqlite"\n  url      = "file:../database/database.sqlite"\n}\n';
  const base = {
    "package.json": JSON.stringify({ name: "app", private: true, dependencies: { "@prisma/client": "^5.0.0", fastify: "^4.0.0" } }),
    "src/server.ts": "import Fastify from 'fastify';\nconst app = Fastify();\napp.listen({ port: Number(process.env.PORT), host: '0.0.0.0' });\n",
    "src/prisma/schema.prisma": schema,
    Dockerfile: 'FROM node:22\nCOPY . .\nEXPOSE 8000\nCMD ["node", "dist/server.js"]\n',
  };
  it("without a networked database in the shipped deploy: high confidence, defaultDatastore, IV partial", async () => {
    const run = await runRule(rule, base, { kind: "service" });
    const f = run.result.findings.find((x) => x.path === "src/prisma/schema.prisma")!;
    expect(f.confidence).toBe("high");
    expect(f.data?.defaultDatastore).toBe(true);
    const out = scoreRepository({ units: run.units, results: run.results, config: emptyConfig(), repoKind: "service" });
    expect(out.factors.find((x) => x.code === "F04")!.status).toBe("partial");
  });
  it("with a Postgres service in the default compose stack: a medium finding without the flag", async () => {
    const run = await runRule(rule, { ...base, "docker-compose.yml": "services:\n  app:\n    build: .\n  db:\n    image: postgres:16\n" }, { kind: "service" });
    const f = run.result.findings.find((x) => x.path === "src/prisma/schema.prisma")!;
    expect(f.data?.defaultDatastore).toBeUndefined();
    expect(f.severity).toBe("medium");
  });
});

// v19 (session 19, after looking at session23c: airsonic-advanced): a method named for the default database URL that
// returns an embedded JDBC URL selects the default datastore; the same return in another method does not.
describe("F04-EMBEDDED-BACKING-SERVICE v19", () => {
  const dflt = async (files: Record<string, string>) => (await runRule(rule, files, { kind: "service" })).results.flatMap((r) => r.findings).filter((f) => f.data?.defaultDatastore === true);
  const app = (method: string) => ({
    "pom.xml": "<project><artifactId>player</artifactId><dependencies><dependency><groupId>org.hsqldb</groupId><artifactId>hsqldb</artifactId></dependency><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency></dependencies></project>\n",
    Dockerfile: "FROM eclipse-temurin:21-jre\nCOPY target/player.war /app/player.war\nCMD [\"java\", \"-jar\", \"/app/player.war\"]\n",
    "src/main/java/org/player/SettingsService.java": `package org.player;\n\npublic class SettingsService {\n    public static String ${method}() {\n        return "jdbc:hsqldb:file:" + home() + "/db/player;shutdown=true";\n    }\n}\n`,
  });
  it("getDefaultJDBCUrl() returning jdbc:hsqldb:file: is the default datastore", async () => {
    expect(await dflt(app("getDefaultJDBCUrl"))).toHaveLength(1);
  });
  it("control: the same return in a method not named for the default URL (a legacy-import path) is not", async () => {
    expect(await dflt(app("legacyImportSource"))).toHaveLength(0);
  });
});
