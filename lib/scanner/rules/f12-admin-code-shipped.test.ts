import rule from "./f12-admin-code-shipped.ts";
import { describe, expect, it } from "vitest";
import { ruleTester, runRule } from "../testing.ts";

const django = { "requirements.txt": "django==5.0\ngunicorn==22.0\n", "manage.py": "import django\n", "shop/management/commands/backfill.py": "from django.core.management.base import BaseCommand\n" };

ruleTester(rule, {
  valid: [
    { name: "COPY . . ships management commands", files: { ...django, Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "shop.wsgi"]\n' } },
    { name: "Heroku repo deploy ships everything", files: { ...django, Procfile: "web: gunicorn shop.wsgi\n" } },
    {
      name: "v3: admin subcommands of the app binary ship with it, whatever else the image leaves out",
      files: {
        "go.mod": "module example.com/app\n\ngo 1.22\n", "app/main.go": "package main\n\ntype Opts struct {\n\tServerCmd ServerCommand `command:\"server\"`\n\tBackupCmd BackupCommand `command:\"backup\"`\n}\n",
        "frontend/tasks/build-icons.js": "console.log(1);\n",
        Dockerfile: 'FROM golang:1.22 AS build\nCOPY . .\nRUN go build -o /app ./app\nFROM alpine:3.20\nCOPY --from=build /app /srv/app\nCMD ["/srv/app", "server"]\n',
      },
      status: "pass",
    },
    { name: "no admin commands: na", files: { "package.json": JSON.stringify({ name: "x", private: true, dependencies: { express: "^4" } }), "src/s.js": "require('express')().listen(process.env.PORT);\n" }, status: "na" },
  ],
  invalid: [
    {
      name: "final stage copies only build output from another stage: 0.75 (cannot confirm)",
      files: { "package.json": JSON.stringify({ name: "x", private: true, scripts: { "db:seed": "node scripts/seed.js" }, dependencies: { express: "^4" } }), "src/s.js": "require('express')().listen(process.env.PORT);\n", Dockerfile: 'FROM node:22 AS build\nCOPY . .\nRUN npm ci && npm run build\nFROM node:22-slim\nCOPY --from=build /app/dist /app/dist\nCMD ["node", "/app/dist/s.js"]\n' },
      status: "partial",
    },
    {
      name: ".dockerignore excludes the scripts directory",
      files: { "package.json": JSON.stringify({ name: "x", private: true, dependencies: { express: "^4" } }), "src/s.js": "require('express')().listen(process.env.PORT);\n", "scripts/backfill.js": "console.log(1);\n", ".dockerignore": "node_modules\nscripts/\n", Dockerfile: 'FROM node:22\nCOPY . .\nCMD ["node", "src/s.js"]\n' },
      status: "partial",
    },
    {
      name: "explicit COPY leaves management commands out",
      files: { ...django, "shop/wsgi.py": "application = None\n", Dockerfile: 'FROM python:3.12\nCOPY shop/wsgi.py /app/shop/wsgi.py\nCMD ["gunicorn", "shop.wsgi"]\n' },
      status: "partial",
    },
  ],
});

describe("F12-ADMIN-CODE-SHIPPED: bundled entry points and heredoc COPY", () => {
  const node = {
    "package.json": JSON.stringify({ name: "x", private: true, dependencies: { express: "^4" } }),
    "src/s.ts": "require('express')().listen(process.env.PORT);\n",
    "bin/migrate.ts": "console.log('migrate');\n",
  };
  const dockerfile = (entries: string) =>
    "FROM node:22 AS build\nWORKDIR /app\nCOPY . .\n" +
    `RUN npx esbuild src/s.ts ${entries} --bundle --platform=node --outdir=dist\n` +
    "FROM node:22-slim\nWORKDIR /app\nCOPY --from=build /app/dist ./dist\nCOPY --chmod=755 <<'EOF' /usr/local/bin/app\n#!/bin/sh\nexec node /app/dist/$1.js\nEOF\nCMD [\"node\", \"dist/s.js\"]\n";

  it("an admin entry point bundled into the copied output directory ships (heredoc COPY is not a context copy)", async () => {
    const run = await runRule(rule, { ...node, Dockerfile: dockerfile("bin/migrate.ts") });
    expect(run.result.score).toBe(1);
  });
  it("an admin entry point the bundler does not build is still left out", async () => {
    const run = await runRule(rule, { ...node, Dockerfile: dockerfile("") });
    expect(run.result.score).toBeLessThan(1);
  });
});
