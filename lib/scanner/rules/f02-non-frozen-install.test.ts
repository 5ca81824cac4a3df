import { describe, expect, it } from "vitest";
import rule from "./f02-non-frozen-install.ts";
import { runRule, ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const node = { "package.json": pkg, "package-lock.json": "{}", "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    {
      name: "v5: composer install after composer's global options is frozen",
      files: { "composer.json": "{}", "composer.lock": "{}", "index.php": "<?php echo 1;\n", Dockerfile: "FROM php:8.3-fpm\nRUN composer --no-interaction -d /app install --no-dev\nCMD [\"php-fpm\"]\n" },
    },
    {
      name: "npm ci and npm install -g",
      files: { ...node, Dockerfile: "FROM node:22\nCOPY package*.json ./\nRUN npm ci --omit=dev\nRUN npm install -g pm2@5.4.0\nCMD [\"node\",\"server.js\"]\n" },
    },
    {
      name: "npm install without any lockfile is LOCKFILE-MISSING's business",
      files: { "package.json": pkg, "server.js": "require('express')().listen(process.env.PORT);\n", Dockerfile: "FROM node:22\nRUN npm install\nCMD [\"node\",\"server.js\"]\n" },
    },
    {
      name: "a production prune after a frozen install of the same tool is not flagged (v4)",
      files: { ...node, "yarn.lock": "", Dockerfile: "FROM node:22 AS build\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\nRUN yarn build\nRUN yarn install --production --ignore-scripts --prefer-offline\nFROM node:22-slim\nCOPY --from=build /app /app\nCMD [\"node\",\"server.js\"]\n" },
    },
    {
      name: "pnpm install in CI is frozen by default (CI=true)",
      files: { "package.json": pkg, "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", "server.js": "require('express')().listen(process.env.PORT);\n", ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pnpm install\n" },
    },
    {
      name: "frozen flags and env",
      files: {
        "package.json": pkg, "yarn.lock": "", "Gemfile": "source 'https://rubygems.org'\n", "Gemfile.lock": "GEM\n", "server.js": "require('express')().listen(process.env.PORT);\n",
        Dockerfile: "FROM ruby:3.3\nENV BUNDLE_DEPLOYMENT=1\nRUN bundle install\nRUN yarn install --frozen-lockfile\nRUN bundle config set frozen true && bundle install\nCMD [\"node\",\"server.js\"]\n",
      },
    },
    {
      name: "uv sync --locked and pipenv --deploy",
      files: { "pyproject.toml": "[project]\nname='x'\nversion='1'\ndependencies=['flask']\n", "uv.lock": "version = 1\n", "Pipfile.lock": "{}", "app.py": "import flask\n", Dockerfile: "FROM python:3.12\nRUN uv sync --locked --no-dev\nRUN pipenv install --system --deploy\nCMD [\"python\",\"app.py\"]\n" },
    },
  ],
  invalid: [
    {
      name: "npm install in a Dockerfile with package-lock.json is medium",
      files: { ...node, Dockerfile: "FROM node:22\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCMD [\"node\",\"server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 4, severity: "medium" }],
    },
    {
      name: "yarn install (v1) in CI is low",
      files: { "package.json": pkg, "yarn.lock": "", "server.js": "require('express')().listen(process.env.PORT);\n", ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: yarn install\n" },
      findings: [{ path: ".github/workflows/ci.yml", line: 7, severity: "low" }],
    },
    {
      name: "pnpm install in a Dockerfile without CI=true",
      files: { "package.json": pkg, "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", "server.js": "require('express')().listen(process.env.PORT);\n", Dockerfile: "FROM node:22 AS build\nRUN corepack enable && pnpm install\nFROM node:22-slim\nCMD [\"node\",\"server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 2, severity: "medium" }],
    },
    {
      name: "v5: composer update after composer's global options",
      files: { "composer.json": "{}", "composer.lock": "{}", "index.php": "<?php echo 1;\n", Dockerfile: "FROM php:8.3-fpm\nRUN composer --no-interaction -d /app update --no-dev\nCMD [\"php-fpm\"]\n" },
      findings: [{ path: "Dockerfile", line: 2, severity: "medium" }],
    },
    {
      name: "go mod tidy, composer update and poetry lock in a Dockerfile",
      files: { "go.mod": "module example.com/x\n\ngo 1.22\n", "main.go": "package main\nfunc main() {}\n", Dockerfile: "FROM golang:1.22\nRUN go mod tidy && go build -o /app .\nRUN composer update --no-dev\nRUN poetry lock && poetry install\nCMD [\"/app\"]\n" },
      findings: [
        { path: "Dockerfile", line: 2, severity: "medium" },
        { path: "Dockerfile", line: 3, severity: "medium" },
        { path: "Dockerfile", line: 4, severity: "medium" },
      ],
    },
    {
      name: "a Dockerfile only a dev compose file builds (source bind-mounted) is development-only: info (v3)",
      files: { ...node, "compose.yaml": "services:\n  app:\n    build:\n      context: docker/app\n    volumes:\n      - .:/srv/app\n", "docker/app/Dockerfile": "FROM node:22\nRUN npm install\n" },
      findings: [{ path: "docker/app/Dockerfile", line: 2, severity: "info" }],
    },
    {
      name: "the same Dockerfile also built by CI stays the release build: medium (v3 control)",
      files: { ...node, "compose.yaml": "services:\n  app:\n    build:\n      context: docker/app\n    volumes:\n      - .:/srv/app\n", "docker/app/Dockerfile": "FROM node:22\nRUN npm install\n", ".github/workflows/release.yml": "on: release\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -f docker/app/Dockerfile -t acme/app .\n" },
      findings: [{ path: "docker/app/Dockerfile", line: 2, severity: "medium" }],
    },
    {
      name: "a Dockerfile under a dev/ directory is development-only: info (v2)",
      files: { ...node, Dockerfile: "FROM node:22\nRUN npm ci\nCMD [\"node\",\"server.js\"]\n", "dev/docker/Dockerfile": "FROM node:22\nRUN npm install\n" },
      findings: [{ path: "dev/docker/Dockerfile", line: 2, severity: "info" }],
    },
    {
      name: "the same Dockerfile under docker/ is the production build: medium (v2 control)",
      files: { ...node, "docker/Dockerfile": "FROM node:22\nRUN npm install\nCMD [\"node\",\"server.js\"]\n" },
      findings: [{ path: "docker/Dockerfile", line: 2, severity: "medium" }],
    },
    {
      name: "a Tilt development image is development-only: info (v4)",
      files: { ...node, "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", Dockerfile: "FROM node:22\nRUN pnpm install --frozen-lockfile\nCMD [\"node\",\"server.js\"]\n", "Dockerfile-tilt": "FROM node:22\nRUN pnpm install -r --offline\n" },
      findings: [{ path: "Dockerfile-tilt", line: 2, severity: "info" }],
    },
    {
      name: "dev Dockerfile is info",
      files: { ...node, Dockerfile: "FROM node:22\nRUN npm ci\nCMD [\"node\",\"server.js\"]\n", "Dockerfile.dev": "FROM node:22\nRUN npm install\n" },
      findings: [{ path: "Dockerfile.dev", line: 2, severity: "info" }],
    },
    {
      name: "bundle install and uv sync without frozen",
      files: { Gemfile: "source 'https://rubygems.org'\ngem 'rails'\n", "Gemfile.lock": "GEM\n", "uv.lock": "", Dockerfile: "FROM ruby:3.3\nRUN bundle install --jobs 4\nRUN uv sync\nCMD [\"rails\",\"server\"]\n" },
      findings: [
        { path: "Dockerfile", line: 2, severity: "medium" },
        { path: "Dockerfile", line: 3, severity: "medium" },
      ],
    },
  ],
});

describe("F02-NON-FROZEN-INSTALL runtimeModules (v4)", () => {
  it("flags a JS install whose final stage runs on a node image", async () => {
    const run = await runRule(rule, { ...node, Dockerfile: "FROM node:22 AS build\nRUN npm install\nRUN npm run build\nFROM node:22-slim\nCOPY --from=build /app /app\nCMD [\"node\",\"server.js\"]\n" });
    expect(run.findings).toHaveLength(1);
    expect(run.findings[0].data?.runtimeModules).toBe(true);
  });
  it("does not flag an asset-only npm install for a PHP image", async () => {
    const run = await runRule(rule, { ...node, Dockerfile: "FROM node:20 AS assets\nRUN npm install\nRUN npm run production\nFROM php:8.3-fpm-alpine\nCOPY --from=assets /srv/public /app/public\n" });
    expect(run.findings).toHaveLength(1);
    expect(run.findings[0].severity).toBe("medium");
    expect(run.findings[0].data?.runtimeModules).toBeUndefined();
  });
  it("follows FROM <stage> to the runtime image", async () => {
    const run = await runRule(rule, { ...node, Dockerfile: "FROM node:lts-alpine AS base\nRUN pnpm install\nFROM base AS production\nCMD [\"node\",\"server.js\"]\n", "pnpm-lock.yaml": "lockfileVersion: '9.0'\n" });
    expect(run.findings.map((f) => f.data?.runtimeModules)).toEqual([true]);
  });
});
