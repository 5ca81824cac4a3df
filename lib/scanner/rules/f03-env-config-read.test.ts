import rule from "./f03-env-config-read.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ...deps } });

ruleTester(rule, {
  valid: [
    {
      name: "config module on top of a config library (node-config) is not 'no env reads'",
      files: {
        "package.json": pkg({ jsonwebtoken: "^9.0.0", config: "^3.3.0" }),
        "src/config.ts": "import config from 'config';\nexport const SECRET: string = config.get('jwtSecret');\n",
        "src/auth.ts": "import jwt from 'jsonwebtoken';\nimport { SECRET } from './config';\nexport const sign = (u: object) => jwt.sign(u, SECRET);\n",
        "src/main.ts": "import express from 'express';\nexpress().listen(process.env.PORT);\n",
      },
    },
    {
      name: "port, database and session secret all from env/config",
      files: {
        "package.json": pkg({ pg: "^8.0.0", "express-session": "^1.18.0" }),
        "src/config.ts": "export const config = { db: process.env.DATABASE_URL, secret: process.env.SESSION_SECRET };\n",
        "src/server.ts": "import express from 'express';\nimport session from 'express-session';\nimport { Pool } from 'pg';\nimport { config } from './config';\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL });\nconst app = express();\napp.use(session({ secret: config.secret }));\napp.listen(process.env.PORT);\n",
      },
    },
    {
      name: "no sinks but env reads → 0.75 (passes as evidence)",
      files: { "package.json": pkg({}), "src/feature.js": "module.exports = { enabled: process.env.FEATURE_X === 'on' };\n" },
      status: ["pass", "partial"],
    },
    {
      name: "Python SQLAlchemy + Go sql.Open from env",
      files: {
        "requirements.txt": "sqlalchemy==2.0\n",
        "app/db.py": "import os\nfrom sqlalchemy import create_engine\nengine = create_engine(os.environ['DATABASE_URL'], pool_size=5)\n",
      },
    },
    {
      name: "Rails: puma PORT with local default and database.yml from ENV (dev section ignored)",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'puma'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n",
        "config/puma.rb": "port ENV.fetch(\"PORT\") { 3000 }\n",
        "config/database.yml": "development:\n  host: localhost\nproduction:\n  url: <%= ENV['DATABASE_URL'] %>\n",
      },
    },
    {
      name: "Rails database.yml values from an ERB config object (not ENV) are config, not literals (v4)",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'puma'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n",
        "config/puma.rb": "port ENV.fetch(\"PORT\") { 5000 }\n",
        "config/database.yml": "default: &default\n  adapter: mysql2\n  host: \"<%= MyApp::Config.main_db.host %>\"\n  password: \"<%= MyApp::Config.main_db.password %>\"\nproduction:\n  <<: *default\n",
      },
      status: "pass",
    },
    {
      name: "port-0 free-port probe is not a config sink (port from env elsewhere)",
      files: {
        "package.json": pkg({}),
        "src/server.js": "const net = require('node:net');\nconst app = require('express')();\nconst probe = net.createServer();\nprobe.listen(0, '127.0.0.1', () => probe.close());\napp.listen(process.env.PORT);\n",
      },
    },
    {
      name: "nothing to judge is na",
      files: { "package.json": pkg({}), "src/util.js": "module.exports = (a, b) => a + b;\n" },
      status: "na",
    },
  ],
  invalid: [
    {
      name: "service with no env reads at all: the config module holds literals (high, noEnvReads)",
      files: {
        "package.json": pkg({ jsonwebtoken: "^9.0.0" }),
        "src/config.ts": "export const SECRET = 'not-from-env';\n",
        "src/auth.ts": "import jwt from 'jsonwebtoken';\nimport { SECRET } from './config';\nexport const sign = (u: object) => jwt.sign(u, SECRET);\nexport const verify = (t: string) => jwt.verify(t, SECRET);\n",
        "src/main.ts": "import express from 'express';\nexpress().listen(3000);\n",
      },
      findings: [{ path: "src/auth.ts", line: 3, severity: "high", message: "The service reads no configuration from the environment: every config value is a literal." }],
      status: "fail",
    },
    {
      name: "Spring datasource literal in application.properties",
      files: { "pom.xml": "<project><artifactId>x</artifactId><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>", "src/main/resources/application.properties": "spring.datasource.url=jdbc:postgresql://db.acme.internal:5432/app\nspring.datasource.password=${DB_PASSWORD}\n" },
      findings: [{ path: "src/main/resources/application.properties", line: 1, severity: "info" }],
      status: "partial",
    },
    {
      name: "Rails database.yml host written as an ERB string literal is still a literal (v4)",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'puma'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n",
        "config/puma.rb": "port ENV.fetch(\"PORT\") { 3000 }\n",
        "config/database.yml": "production:\n  adapter: mysql2\n  host: <%= \"db.acme.internal\" %>\n",
      },
      findings: [{ path: "config/database.yml", line: 3, severity: "info" }],
      status: "partial",
    },
    {
      name: "literal port and literal Postgres host",
      files: {
        "package.json": pkg({ pg: "^8.0.0" }),
        "src/server.js": "const express = require('express');\nconst { Pool } = require('pg');\nconst pool = new Pool({ host: 'db.internal', password: 'pw' });\nexpress().listen(3000);\n",
      },
      findings: [
        { path: "src/server.js", line: 3, severity: "info" },
        { path: "src/server.js", line: 4, severity: "info" },
      ],
    },
    {
      name: "half the sinks literal → partial",
      files: {
        "requirements.txt": "sqlalchemy==2.0\nredis==5.0\n",
        "app/db.py": "import os\nfrom sqlalchemy import create_engine\nimport redis\nengine = create_engine(os.environ['DATABASE_URL'])\ncache = redis.Redis.from_url('redis://cache.internal:6379/0')\n",
      },
      findings: [{ path: "app/db.py", line: 5, severity: "info" }],
      status: "partial",
    },
  ],
});
