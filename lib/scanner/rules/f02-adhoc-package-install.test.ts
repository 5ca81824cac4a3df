import rule from "./f02-adhoc-package-install.ts";
import { ruleTester } from "../testing.ts";

const py = { "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n" };
const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const node = { "package.json": pkg, "package-lock.json": "{}", "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    {
      name: "uv pip install with value options and --requirements installs from the manifest (v6)",
      files: { ...py, Dockerfile: "FROM python:3.12\nCOPY . .\nRUN uv pip install --no-cache --system --python-preference system \\\n      --index https://pypi.org/simple --index-strategy unsafe-best-match \\\n      --requirements requirements.txt\nCMD [\"gunicorn\",\"app:app\"]\n" },
    },
    {
      name: "installs from requirements, local package and wheels",
      files: { ...py, Dockerfile: "FROM python:3.12\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt && pip install --no-deps . && pip install dist/*.whl\nCMD [\"gunicorn\",\"app:app\"]\n" },
    },
    {
      name: "pinned bootstrap of the package manager",
      files: { ...py, Dockerfile: "FROM python:3.12\nRUN pip install --upgrade pip==24.0 poetry==1.8.3\nRUN python -m pip install -r requirements.txt\nCMD [\"gunicorn\",\"app:app\"]\n" },
    },
    {
      name: "npm ci / npm install without names / corepack",
      files: { ...node, Dockerfile: "FROM node:22\nRUN corepack enable && npm ci --omit=dev\nRUN npm install --production\nRUN npm i -g npm@10.8.1\nCMD [\"node\",\"server.js\"]\n" },
    },
    {
      name: "go install of a local command and cargo install --path",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": "package main\nfunc main() {}\n", Dockerfile: "FROM golang:1.22 AS build\nRUN go install ./cmd/server\nRUN cargo install --path .\nFROM gcr.io/distroless/base\nCMD [\"/server\"]\n" },
    },
    {
      name: "CI installs of another ecosystem are not this unit's business",
      files: { ...node, Dockerfile: "FROM node:22\nRUN npm ci\nCMD [\"node\",\"server.js\"]\n", ".github/workflows/ci.yml": "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install pre-commit\n" },
    },
    {
      name: "developer setup script not used by the build",
      files: { ...py, Dockerfile: "FROM python:3.12\nRUN pip install -r requirements.txt\nCMD [\"gunicorn\",\"app:app\"]\n", "scripts/setup-dev.sh": "#!/bin/sh\npip install black ruff\n" },
    },
    {
      name: "v8: composer require --dev and composer install are not ad hoc",
      files: { ...{ "composer.json": "{\"require\":{\"php\":\">=8.1\"}}", "composer.lock": "{}", "index.php": "<?php echo 1;\n" }, Dockerfile: "FROM php:8.3-fpm\nRUN composer install --no-dev && composer --no-ansi require --dev phpunit/phpunit\nCMD [\"php-fpm\"]\n" },
    },
    {
      name: "v9: development-group adds, manifest installs and project references are not ad hoc",
      files: { ...py, Dockerfile: "FROM python:3.12\nRUN poetry add --group dev pytest && uv add --dev ruff && pdm add -d black\nRUN pipenv install --deploy --system && pipenv install -r requirements.txt\nRUN bundle add rubocop --group development && cargo add --dev proptest && cargo add --path ../core\nRUN dotnet add reference ../Core/Core.csproj && deno install && deno add -D npm:vitest\nCMD [\"gunicorn\",\"app:app\"]\n" },
    },
  ],
  invalid: [
    {
      name: "pnpm with a global option before `add` in the final stage (v2)",
      files: { "package.json": pkg, "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", Dockerfile: "FROM node:22-alpine\nWORKDIR /app\nRUN npm install -g pnpm@9.12.0\nRUN pnpm --allow-build='@prisma/engines' add npm-run-all dotenv prisma@7.3.0\nCOPY . .\nCMD [\"node\", \"server.js\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "Dockerfile", line: 4, severity: "medium", snippet: "npm-run-all" }],
    },
    {
      name: "pip install gunicorn in the final stage is medium",
      files: { ...py, Dockerfile: "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt && \\\n    pip install gunicorn\nCMD [\"gunicorn\",\"app:app\"]\n" },
      findings: [{ path: "Dockerfile", line: 3, severity: "medium", snippet: "pip install gunicorn" }],
    },
    {
      name: "npm install -g pm2 (final) medium; pinned package info",
      files: { ...node, Dockerfile: "FROM node:22\nRUN npm install -g pm2\nRUN npm install -g typescript@5.4.5\nCMD [\"pm2-runtime\",\"server.js\"]\n" },
      findings: [
        { path: "Dockerfile", line: 2, severity: "medium" },
        { path: "Dockerfile", line: 3, severity: "info" },
      ],
    },
    {
      name: "build stage and CI installs are low",
      files: {
        ...node,
        Dockerfile: "FROM node:22 AS build\nRUN yarn global add typescript\nFROM node:22-slim\nCMD [\"node\",\"server.js\"]\n",
        ".github/workflows/ci.yml": "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm install -g @vue/cli\n      - run: pip install pre-commit\n",
      },
      findings: [
        { path: "Dockerfile", line: 2, severity: "low" },
        { path: ".github/workflows/ci.yml", line: 6, severity: "low" },
      ],
    },
    {
      name: "pip wheel of named packages in a builder stage is medium: the wheels are installed into the image (v7)",
      files: { ...py, Dockerfile: "FROM python:3.12 AS builder\nCOPY requirements.txt /tmp\nRUN pip wheel --wheel-dir /wheels apprise uwsgi -r /tmp/requirements.txt\nFROM python:3.12-slim\nRUN --mount=type=bind,target=/wheels,source=/wheels,from=builder pip install --no-cache /wheels/*\nCMD [\"uwsgi\"]\n" },
      findings: [{ path: "Dockerfile", line: 3, severity: "medium", snippet: "pip wheel" }],
    },
    {
      name: "a script only CI runs is low like a CI step; the same script run by the image is medium (v5)",
      files: {
        ...py,
        Dockerfile: "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt && sh ./container/setup.sh\nCMD [\"gunicorn\",\"app:app\"]\n",
        "container/setup.sh": "#!/bin/sh\npip install -U uwsgi\n",
        "utils/install.sh": "#!/bin/sh\npip install -U pyyaml msgspec\n",
        ".github/workflows/docs.yml": "on: push\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - run: sudo ./utils/install.sh buildhost\n",
      },
      findings: [
        { path: "container/setup.sh", line: 2, severity: "medium" },
        { path: "utils/install.sh", line: 2, severity: "low" },
      ],
    },
    {
      name: "gem install and go install @latest in the final stage; unpinned bootstrap is low",
      files: { Gemfile: "source 'https://rubygems.org'\ngem 'rails'\n", "Gemfile.lock": "GEM\n", Dockerfile: "FROM ruby:3.3\nRUN gem install bundler\nRUN gem install foreman\nRUN go install github.com/pressly/goose/v3/cmd/goose@latest\nCMD [\"foreman\",\"start\"]\n" },
      findings: [
        { path: "Dockerfile", line: 2, severity: "low" },
        { path: "Dockerfile", line: 3, severity: "medium" },
        { path: "Dockerfile", line: 4, severity: "medium" },
      ],
    },
    {
      name: "install in the entrypoint script",
      files: { ...py, Dockerfile: "FROM python:3.12\nCOPY entrypoint.sh /\nENTRYPOINT [\"/entrypoint.sh\"]\n", "entrypoint.sh": "#!/bin/sh\npython -m pip install requests\nexec gunicorn app:app\n" },
      findings: [{ path: "entrypoint.sh", line: 2, severity: "medium" }],
    },
    {
      name: "v8: go install @latest and cargo install without --version/--locked in a build stage are medium; cargo --locked stays low",
      files: { ...{ "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": "package main\nfunc main() {}\n" }, Dockerfile: "FROM golang:1.22 AS build\nRUN go install github.com/magefile/mage@latest && mage build\nRUN go install golang.org/x/tools/cmd/stringer\nFROM rust:1.80 AS wasm\nRUN cargo install wasm-pack cargo-chef\nRUN cargo install --locked monolith\nFROM alpine:3.20\nCMD [\"/app\"]\n" },
      findings: [
        { path: "Dockerfile", line: 2, severity: "medium" },
        { path: "Dockerfile", line: 3, severity: "medium" },
        { path: "Dockerfile", line: 5, severity: "medium" },
        { path: "Dockerfile", line: 6, severity: "low" },
      ],
    },
    {
      name: "v8: composer require of a runtime package (after global options) in the final stage",
      files: { ...{ "composer.json": "{\"require\":{\"php\":\">=8.1\"}}", "composer.lock": "{}", "index.php": "<?php echo 1;\n" }, Dockerfile: "FROM php:8.3-fpm\nRUN composer --no-ansi install --no-dev && composer --no-ansi require --update-no-dev --working-dir=/opt/app laminas/laminas-ldap\nRUN composer require monolog/monolog:3.7.0\nCMD [\"php-fpm\"]\n" },
      findings: [
        { path: "Dockerfile", line: 2, severity: "medium" },
        { path: "Dockerfile", line: 3, severity: "info" },
      ],
    },
    {
      name: "v8: go install @latest in a development container drops a level (low)",
      files: { ...{ "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": "package main\nfunc main() {}\n" }, ".devcontainer/Dockerfile": "FROM golang:1.22\nRUN go install mvdan.cc/gofumpt@latest\n", Dockerfile: "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCMD [\"/app\"]\n" },
      findings: [{ path: ".devcontainer/Dockerfile", line: 2, severity: "low" }],
    },
    {
      name: "v8: go install with build flags and a pinned / ARG version; cargo install --locked in a build stage are info (pinned), the flag values are not packages",
      files: { ...{ "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": "package main\nfunc main() {}\n" }, Dockerfile: "FROM golang:1.22 AS build\nARG MAGE_VERSION=v1.15.0\nRUN go install -trimpath -tags 'clickhouse' -ldflags='-s -w' github.com/golang-migrate/migrate/v4/cmd/migrate@v4.19.1\nRUN go install github.com/magefile/mage@${MAGE_VERSION}\nFROM gcr.io/distroless/base\nCMD [\"/server\"]\n" },
      findings: [
        { path: "Dockerfile", line: 3, severity: "info" },
        { path: "Dockerfile", line: 4, severity: "info" },
      ],
    },
    {
      name: "v9: manifest-editing add commands in the image build, per package manager",
      files: { ...py, Dockerfile: "FROM python:3.12\nRUN poetry add gunicorn\nRUN uv add \"psycopg[binary]==3.2.1\"\nRUN pdm add uvicorn\nRUN pipenv install --system sentry-sdk\nRUN bundle add puma\nRUN cargo add serde@1.0.200\nRUN dotnet add src/Api/Api.csproj package Serilog.Sinks.Console\nRUN deno add npm:chalk jsr:@std/path@1.0.8\nCMD [\"gunicorn\",\"app:app\"]\n" },
      findings: [
        { path: "Dockerfile", line: 2, severity: "medium" },
        { path: "Dockerfile", line: 3, severity: "info" },
        { path: "Dockerfile", line: 4, severity: "medium" },
        { path: "Dockerfile", line: 5, severity: "medium" },
        { path: "Dockerfile", line: 6, severity: "medium" },
        { path: "Dockerfile", line: 7, severity: "info" },
        { path: "Dockerfile", line: 8, severity: "medium" },
        { path: "Dockerfile", line: 9, severity: "medium" },
      ],
    },
    {
      name: "v9: the same install in an earlier stage does not hide the final-stage one (most severe kept)",
      files: { "composer.json": "{\"require\":{\"php\":\">=8.1\"}}", "composer.lock": "{}", "index.php": "<?php echo 1;\n", Dockerfile: "FROM php:8.3-fpm AS base\nFROM base AS dev\nRUN composer require laminas/laminas-ldap\nFROM base AS prod\nRUN composer install --no-dev && composer require --update-no-dev laminas/laminas-ldap\nCMD [\"php-fpm\"]\n" },
      findings: [{ path: "Dockerfile", line: 5, severity: "medium" }],
    },
  ],
});
