import rule from "./f04-hardcoded-resource-locator.ts";
import { ruleTester } from "../testing.ts";
import { fakeCredentialUri } from "../testing/fake-secrets.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4", ...deps } });

ruleTester(rule, {
  valid: [
    { name: "pg pool from DATABASE_URL", files: { "package.json": pkg({ pg: "^8" }), "src/db.ts": "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n" } },
    { name: "redis from config module", files: { "package.json": pkg({ ioredis: "^5" }), "src/config.ts": "export const config = { redisUrl: process.env.REDIS_URL! };\n", "src/cache.ts": "import Redis from 'ioredis';\nimport { config } from './config';\nexport const redis = new Redis(config.redisUrl);\n" } },
    { name: "validation message that mentions a scheme", files: { "package.json": pkg({ pg: "^8" }), "src/env.ts": "import { z } from 'zod';\nexport const url = z.string().refine((v) => v.startsWith('postgres'), 'must be a postgres:// or postgresql:// URL with a host');\n" } },
    { name: "localhost URL only in a test", files: { "package.json": pkg({ pg: "^8" }), "src/db.ts": "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n", "test/db.test.ts": "const url = 'postgres://localhost:5432/test';\n" } },
    { name: "Spring datasource from env placeholder", files: { "pom.xml": "<project><artifactId>a</artifactId><dependencies><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency></dependencies></project>", "src/main/resources/application.properties": "spring.datasource.url=${DATABASE_URL:jdbc:postgresql://localhost:5432/app}\n" }, options: { kind: "service" } },
    { name: "Ruby URI template whose host is interpolated from config (v2)", files: { "Gemfile": "gem 'rails'\ngem 'mysql2'\n", "config.ru": "run Rails.application\n", "lib/relays.rb": "def relays(c)\n  c['relays'].map { |r| \"smtp://#{r['hostname']}:#{r['port']}?ssl_mode=#{r['ssl_mode']}\" }\nend\n" }, options: { kind: "service" } },
    { name: "Python f-string URL whose host is a variable (v2)", files: { "requirements.txt": "sqlalchemy==2\nflask==3\n", "app/db.py": "import os\nhost = os.environ['DB_HOST']\nurl = f\"postgresql://{host}:5432/app\"\n" }, options: { kind: "service" } },
  ],
  invalid: [
    { name: "remote literal connection string", files: { "package.json": pkg({ pg: "^8" }), "src/db.ts": "import { Pool } from 'pg';\nexport const pool = new Pool({\n  connectionString: 'postgres://app@db.prod.example.com:5432/app',\n});\n" }, findings: [{ path: "src/db.ts", line: 3, severity: "high" }] },
    { name: "env with localhost fallback is low", files: { "package.json": pkg({ mongoose: "^8" }), "src/db.ts": "import mongoose from 'mongoose';\nmongoose.connect(process.env.MONGO_URL || 'mongodb://localhost:27017/app');\n" }, findings: [{ path: "src/db.ts", line: 2, severity: "low" }] },
    { name: "literal localhost host without env is medium", files: { "package.json": pkg({ pg: "^8" }), "src/db.ts": "import { Client } from 'pg';\nconst client = new Client({ host: 'localhost', port: 5432 });\n" }, findings: [{ path: "src/db.ts", line: 2, severity: "medium" }] },
    { name: "Python create_engine literal", files: { "requirements.txt": "sqlalchemy==2\nflask==3\n", "app.py": `from sqlalchemy import create_engine\nengine = create_engine('${fakeCredentialUri("postgresql", "app", "pw", "10.0.4.12/app")}')\n` }, options: { kind: "service" }, findings: [{ path: "app.py", line: 2, severity: "high" }] },
    { name: "Python getenv fallback is low", files: { "requirements.txt": "redis==5\n", "worker.py": "import os, redis\nr = redis.from_url(os.getenv('REDIS_URL', 'redis://localhost:6379/0'))\n" }, options: { kind: "worker" }, findings: [{ path: "worker.py", line: 2, severity: "low" }] },
    { name: "Ruby URI with a literal host and an interpolated port is still a locator (v2)", files: { "Gemfile": "gem 'rails'\ngem 'redis'\n", "config.ru": "run Rails.application\n", "lib/cache.rb": "PORT = 6379\nREDIS = \"redis://cache.prod.example.com:#{PORT}/0\"\n" }, options: { kind: "service" }, findings: [{ path: "lib/cache.rb", line: 2, severity: "high" }] },
    { name: "a URI continuing a multi-line env read is a fallback (low) (v3)", files: { "requirements.txt": "django==5.0\ndjango-environ==0.11\n", "settings/main.py": "import environ\nenv = environ.Env()\nPG_URI = env.str(\n    'PG_URI', 'postgres://sync:pw@db.acme.example.com:5432/app'\n)\n" }, options: { kind: "service" }, findings: [{ path: "settings/main.py", line: 4, severity: "low" }] },
    { name: "the same URI assigned directly stays a high literal (v3 control)", files: { "requirements.txt": "django==5.0\n", "settings/main.py": "PG_URI = (\n    'postgres://sync:pw@db.acme.example.com:5432/app'\n)\n" }, options: { kind: "service" }, findings: [{ path: "settings/main.py", line: 2, severity: "high" }] },
    { name: "Rails database.yml production host", files: { "Gemfile": "gem 'rails'\ngem 'pg'\n", "config.ru": "run Rails.application\n", "config/database.yml": "development:\n  host: localhost\nproduction:\n  adapter: postgresql\n  host: db.internal.example.com\n" }, findings: [{ path: "config/database.yml", line: 5, severity: "high" }] },
  ],
});
