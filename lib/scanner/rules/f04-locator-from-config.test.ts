import rule from "./f04-locator-from-config.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ...deps } });

const nestApp = (extra: Record<string, string>) => ({
  "package.json": pkg({ "@nestjs/core": "^10", "@nestjs/typeorm": "^10", typeorm: "^0.3", mysql: "^2" }),
  "src/app.module.ts": "import { Module } from '@nestjs/common';\nimport { TypeOrmModule } from '@nestjs/typeorm';\n@Module({ imports: [TypeOrmModule.forRoot()] })\nexport class AppModule {}\n",
  "src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(process.env.PORT ?? 3000));\n",
  ...extra,
});

ruleTester(rule, {
  valid: [
    {
      name: "pg and ioredis from env",
      files: {
        "package.json": pkg({ pg: "^8", ioredis: "^5" }),
        "src/db.ts": "import { Pool } from 'pg';\nimport Redis from 'ioredis';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\nexport const redis = new Redis(process.env.REDIS_URL!);\n",
      },
    },
    {
      name: "localhost fallback behind an env read is acceptable",
      files: { "package.json": pkg({ mongoose: "^8" }), "src/db.js": "const mongoose = require('mongoose');\nmongoose.connect(process.env.MONGO_URL || 'mongodb://localhost:27017/app');\n" },
    },
    {
      name: "config module",
      files: {
        "package.json": pkg({ pg: "^8" }),
        "src/config.ts": "export const config = { databaseUrl: process.env.DATABASE_URL };\n",
        "src/db.ts": "import { Pool } from 'pg';\nimport { config } from './config';\nexport const pool = new Pool({ connectionString: config.databaseUrl });\n",
      },
    },
    {
      name: "Django with dj_database_url",
      files: { "requirements.txt": "django==5.0\ndj-database-url==2.1\ngunicorn==22.0\n", "mysite/settings.py": "import dj_database_url\nDATABASES = {'default': dj_database_url.config(conn_max_age=600)}\n" },
    },
    {
      name: "Prisma datasource url = env(\"DATABASE_URL\")",
      files: { "package.json": pkg({ "@prisma/client": "^5" }), "prisma/schema.prisma": 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n', "src/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n" },
    },
    { name: "TypeORM forRoot() without options, committed ormconfig.json: TYPEORM_URL overrides its literal", files: nestApp({ "ormconfig.json": '{ "type": "mysql", "host": "db.internal", "port": 3306 }\n' }), status: "pass" },
    { name: "TypeORM forRoot() without options and no ormconfig: the TYPEORM_* environment convention", files: nestApp({}), status: "pass" },
    {
      name: "Rails database.yml production host from an ERB config object is config (v3)",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'mysql2'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n",
        "config/database.yml": "default: &default\n  adapter: mysql2\n  host: \"<%= MyApp::Config.main_db.host %>\"\nproduction:\n  <<: *default\n",
      },
      status: "pass",
    },
    {
      name: "Laravel database.php: a test-only connection and a defaults array are not production literals (v3)",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "app/Config/database.php": "<?php\nif (env('REDIS_SERVERS', false)) {\n    $redisDefaults = ['host' => '127.0.0.1', 'port' => '6379'];\n}\nreturn [\n    'connections' => [\n        'mysql' => [\n            'host' => env('DB_HOST', 'localhost'),\n        ],\n        'mysql_testing' => [\n            'driver' => 'mysql',\n            'host' => '127.0.0.1',\n        ],\n    ],\n];\n" },
      options: { kind: "service" },
      status: "pass",
    },
    { name: "no backing services: na", files: { "package.json": pkg({}), "src/server.js": "require('express')().listen(process.env.PORT);\n" }, status: "na" },
    {
      name: "a literal in a test file does not count",
      files: { "package.json": pkg({ pg: "^8" }), "src/db.js": "const { Pool } = require('pg');\nmodule.exports = new Pool({ connectionString: process.env.DATABASE_URL });\n", "test/db.test.js": "const { Pool } = require('pg');\nnew Pool({ host: '127.0.0.1' });\n" },
    },
  ],
  invalid: [
    {
      name: "Rails database.yml production host as an ERB string literal stays literal (v3)",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'mysql2'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n",
        "config/database.yml": "production:\n  adapter: mysql2\n  host: <%= \"db.acme.internal\" %>\n",
      },
      status: "fail",
    },
    {
      name: "Laravel database.php production connection with a literal host stays literal (v3 control)",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "config/database.php": "<?php\nreturn [\n    'connections' => [\n        'mysql' => [\n            'driver' => 'mysql',\n            'host' => 'db.acme.internal',\n        ],\n    ],\n];\n" },
      options: { kind: "service" },
      status: "fail",
    },
    {
      name: "all clients literal",
      files: { "package.json": pkg({ pg: "^8" }), "src/db.js": "const { Pool } = require('pg');\nmodule.exports = new Pool({ host: 'db.prod.internal', database: 'app' });\n" },
      status: "fail",
    },
    {
      name: "one of two clients literal: partial",
      files: {
        "package.json": pkg({ pg: "^8", redis: "^4" }),
        "src/db.js": "const { Pool } = require('pg');\nconst { createClient } = require('redis');\nexports.pool = new Pool({ connectionString: process.env.DATABASE_URL });\nexports.cache = createClient();\n",
      },
      status: "partial",
    },
    {
      name: "TypeORM forRoot() reading a gitignored ormconfig.json (only the template committed): half credit",
      files: nestApp({ "ormconfig.json.example": '{ "type": "mysql", "host": "localhost", "port": 3306 }\n', ".gitignore": "ormconfig.json\n" }),
      findings: [{ path: "src/app.module.ts", line: 3, severity: "medium" }],
      status: "partial",
    },
    {
      name: "Go redis Addr literal",
      files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": 'package main\n\nfunc main() {\n\trdb := redis.NewClient(&redis.Options{Addr: "10.1.2.3:6379"})\n\t_ = rdb\n}\n' },
      options: { kind: "service" },
      status: "fail",
    },
  ],
});
