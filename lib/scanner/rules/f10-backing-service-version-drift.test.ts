import rule from "./f10-backing-service-version-drift.ts";
import { ruleTester } from "../testing.ts";

const base = { "package.json": JSON.stringify({ name: "a", private: true, dependencies: { express: "^4", pg: "^8", ioredis: "^5" } }), "server.js": "require('express')().listen(process.env.PORT);\n" };
const rds = (v: string) => `resource "aws_db_instance" "main" {\n  engine         = "postgres"\n  engine_version = "${v}"\n}\n`;
const ci = (img: string) => `name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      db:\n        image: ${img}\n    steps:\n      - run: npm test\n`;

ruleTester(rule, {
  valid: [
    { name: "compose postgres:16-alpine vs RDS 16.3", files: { ...base, "docker-compose.yml": "services:\n  db:\n    image: postgres:16-alpine\n", "infra/db.tf": rds("16.3") }, status: "pass" },
    {
      name: "CI jobs cover the production major among others",
      files: {
        ...base, "infra/db.tf": rds("15.7"),
        ".github/workflows/ci.yml": "name: ci\non: [push]\njobs:\n  pg14:\n    runs-on: ubuntu-latest\n    services:\n      db:\n        image: postgres:14\n    steps:\n      - run: npm test\n  pg15:\n    runs-on: ubuntu-latest\n    services:\n      db:\n        image: postgres:15\n    steps:\n      - run: npm test\n",
      },
      status: "pass",
    },
    { name: "production version unknown", files: { ...base, "docker-compose.yml": "services:\n  db:\n    image: postgres:13\n", "render.yaml": "databases:\n  - name: db\n" }, status: "na" },
  ],
  invalid: [
    {
      name: "dev postgres:13 vs RDS 16",
      files: { ...base, "docker-compose.yml": "services:\n  db:\n    image: postgres:13\n", "infra/db.tf": rds("16.3") },
      findings: [{ path: "docker-compose.yml", line: 2, severity: "medium" }],
    },
    {
      name: "CI redis:6 vs ElastiCache 7.1",
      files: { ...base, ".github/workflows/ci.yml": ci("redis:6"), "infra/cache.tf": 'resource "aws_elasticache_replication_group" "cache" {\n  engine         = "redis"\n  engine_version = "7.1"\n}\n' },
      findings: [{ path: ".github/workflows/ci.yml", severity: "medium" }],
    },
    {
      name: "the same CI mismatch in two workflows is one finding",
      files: {
        ...base, "infra/cache.tf": 'resource "aws_elasticache_replication_group" "cache" {\n  engine         = "redis"\n  engine_version = "7.1"\n}\n',
        ".github/workflows/ci.yml": ci("redis:6"), ".github/workflows/lint.yml": ci("redis:6.2"),
      },
      findings: 1,
    },
    {
      name: "dev image on latest vs render postgres 16",
      files: { ...base, "docker-compose.yml": "services:\n  db:\n    image: postgres:latest\n", "render.yaml": "databases:\n  - name: db\n    postgresMajorVersion: 16\n" },
      findings: [{ path: "docker-compose.yml", line: 2, severity: "low" }],
    },
  ],
});
