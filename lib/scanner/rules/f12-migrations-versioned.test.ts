import rule from "./f12-migrations-versioned.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4", ...deps } });
const server = { "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    { name: "prisma migrations", files: { ...server, "package.json": pkg({ "@prisma/client": "^5" }), "prisma/schema.prisma": "datasource db { provider = \"postgresql\" url = env(\"DATABASE_URL\") }\n", "prisma/migrations/20240101000000_init/migration.sql": "CREATE TABLE t (id int);\n" } },
    { name: "Django migrations", files: { "requirements.txt": "django==5.0\ngunicorn==22\n", "manage.py": "", "shop/migrations/0001_initial.py": "from django.db import migrations\n" } },
    { name: "no database: not applicable", files: { ...server, "package.json": pkg({}) }, status: "na" },
  ],
  invalid: [
    { name: "pg without migrations", files: { ...server, "package.json": pkg({ pg: "^8" }) }, status: "fail" },
    { name: "migrations only under test/ do not count", files: { ...server, "package.json": pkg({ knex: "^3" }), "test/migrations/001_init.js": "exports.up = () => {}\n" }, status: "fail" },
  ],
});
