import rule from "./f02-base-image-unpinned.ts";
import { ruleTester } from "../testing.ts";

const app = { "package.json": JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4" } }), "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    { name: "digest-pinned base", files: { ...app, "Dockerfile": "FROM node:22.11-slim@sha256:" + "a".repeat(64) + '\nCMD ["node","server.js"]\n' } },
    { name: "stage alias and scratch", files: { ...app, "Dockerfile": "FROM golang:1.22@sha256:" + "b".repeat(64) + " AS build\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\nFROM build AS test\n" } },
    { name: "unresolved ARG is not judged", files: { ...app, "Dockerfile": "ARG BASE\nFROM ${BASE}\nCMD [\"node\",\"server.js\"]\n" } },
    { name: "hadolint ignore DL3007", files: { ...app, "Dockerfile": "# hadolint ignore=DL3007\nFROM node:latest\nCMD [\"node\",\"server.js\"]\n" } },
  ],
  invalid: [
    { name: "latest tag", files: { ...app, "Dockerfile": 'FROM node:latest\nCMD ["node","server.js"]\n' }, findings: [{ path: "Dockerfile", line: 1, severity: "medium", message: "latest" }] },
    { name: "no tag", files: { ...app, "Dockerfile": 'FROM node\nCMD ["node","server.js"]\n' }, findings: [{ path: "Dockerfile", line: 1, severity: "medium", message: "no tag" }] },
    { name: "registry with port but no tag", files: { ...app, "Dockerfile": 'FROM registry.example.com:5000/base\nCMD ["node","server.js"]\n' }, findings: [{ line: 1, message: "no tag" }] },
    { name: "ARG default resolves to latest", files: { ...app, "Dockerfile": 'ARG NODE=latest\nFROM node:${NODE}\nCMD ["node","server.js"]\n' }, findings: [{ line: 2, message: "latest" }] },
    { name: "tag without digest: final low, build info", files: { ...app, "Dockerfile": 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app /app\nCMD ["node","server.js"]\n' }, findings: [{ line: 1, severity: "info" }, { line: 3, severity: "low" }] },
  ],
});
