import rule from "./f10-runtime-version-drift.ts";
import { ruleTester } from "../testing.ts";

const pkg = (extra: Record<string, unknown> = {}) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" }, ...extra });
const server = "const app = require('express')();\napp.listen(process.env.PORT);\n";
const workflow = (setup: string) => `name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n${setup}    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: \${{ matrix.node }}\n      - run: npm test\n`;

ruleTester(rule, {
  valid: [
    {
      name: ".nvmrc, engines and image agree",
      files: { "package.json": pkg({ engines: { node: ">=20" } }), "server.js": server, ".nvmrc": "v22.11.0\n", Dockerfile: "FROM node:22-alpine\nCMD [\"node\",\"server.js\"]\n" },
      status: "pass",
    },
    {
      name: "open engines range satisfied by a newer image",
      files: { "package.json": pkg({ engines: { node: ">=18" } }), "server.js": server, Dockerfile: "FROM node:22-slim\nCMD [\"node\",\"server.js\"]\n" },
      status: "pass",
    },
    {
      name: "CI matrix includes the production major",
      files: {
        "package.json": pkg(), "server.js": server, ".nvmrc": "lts/jod\n", Dockerfile: "FROM node:22\nCMD [\"node\",\"server.js\"]\n",
        ".github/workflows/ci.yml": workflow("    strategy:\n      matrix:\n        node: [20, 22]\n"),
      },
      status: "pass",
    },
    {
      name: "Go builder newer than go.mod minimum",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": "package main\nfunc main() {}\n", Dockerfile: "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nCMD [\"/app\"]\n" },
      status: "pass",
    },
    { name: "single declaration: nothing to compare", files: { "package.json": pkg(), "server.js": server, ".nvmrc": "20\n" }, status: "na" },
  ],
  invalid: [
    {
      name: ".nvmrc 18 vs node:22 image",
      files: { "package.json": pkg(), "server.js": server, ".nvmrc": "18\n", Dockerfile: "FROM node:22-alpine\nCMD [\"node\",\"server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 1, severity: "medium" }],
    },
    {
      name: "image outside requires-python",
      files: { "pyproject.toml": "[project]\nname = \"svc\"\nversion = \"1\"\nrequires-python = \">=3.10,<3.12\"\ndependencies = [\"fastapi\"]\n", "app.py": "import fastapi\n", Dockerfile: "FROM python:3.12-slim\nCMD [\"uvicorn\", \"app:app\"]\n" },
      findings: [{ path: "Dockerfile", line: 1, severity: "medium" }],
    },
    {
      name: "CI on a different major than production",
      files: {
        "package.json": pkg(), "server.js": server, Dockerfile: "FROM node:22\nCMD [\"node\",\"server.js\"]\n",
        ".github/workflows/ci.yml": workflow("    strategy:\n      matrix:\n        node: [18]\n"),
      },
      findings: [{ path: ".github/workflows/ci.yml", severity: "low" }],
    },
    {
      name: "no Dockerfile: .nvmrc outside the engines range Heroku uses",
      files: { "package.json": pkg({ engines: { node: "20.x" } }), "server.js": server, Procfile: "web: node server.js\n", ".node-version": "18.19.0\n" },
      findings: [{ path: ".node-version", line: 1, severity: "medium" }],
    },
    {
      name: ".ruby-version vs ruby image",
      files: { Gemfile: "source 'https://rubygems.org'\ngem 'rails'\n", ".ruby-version": "ruby-3.2.2\n", Dockerfile: "FROM ruby:3.3-slim\nCMD [\"bundle\",\"exec\",\"puma\"]\n" },
      findings: [{ path: "Dockerfile", line: 1 }],
    },
  ],
});
