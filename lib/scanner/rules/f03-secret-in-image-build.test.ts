import rule from "./f03-secret-in-image-build.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const base = { "package.json": pkg, "package-lock.json": "{}", "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    { name: "v2: hex magic-word dummy defaults (CAFEBABE, DEADBEEF) for build-time ARGs are placeholders", files: { ...base, Dockerfile: "FROM node:22 AS build\nARG NEXT_PRIVATE_ENCRYPTION_KEY=\"CAFEBABE\"\nARG NEXT_PRIVATE_ENCRYPTION_SECONDARY_KEY=\"DEADBEEF\"\nRUN npm ci && npm run build\nFROM node:22-slim\nCOPY --from=build /app /app\nCMD [\"node\", \"server.js\"]\n" } },
    {
      name: "BuildKit secret mount",
      files: { ...base, Dockerfile: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nCMD [\"node\",\"server.js\"]\n" },
    },
    {
      name: "allowlisted names: GPG_KEY, *_PUBLIC_KEY, *_KEY_FILE, *_SECRET_NAME",
      files: { ...base, Dockerfile: "FROM python:3.12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\nENV JWT_PUBLIC_KEY=/etc/keys/pub.pem\nENV API_KEY_FILE=/run/secrets/api_key\nENV DB_SECRET_NAME=prod/db\nCMD [\"python\",\"app.py\"]\n" },
    },
    {
      name: "placeholder and empty ENV values",
      files: { ...base, Dockerfile: "FROM node:22\nENV SESSION_SECRET=changeme\nENV API_TOKEN=\nCMD [\"node\",\"server.js\"]\n" },
    },
    {
      name: "ARG consumed only by a secret-mount RUN",
      files: { ...base, Dockerfile: "FROM node:22\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN echo ${NPM_TOKEN} > /dev/null && npm ci\nCMD [\"node\",\"server.js\"]\n" },
    },
    {
      name: "global ARG without default only used in FROM",
      files: { ...base, Dockerfile: "ARG REGISTRY_TOKEN\nFROM node:22\nCMD [\"node\",\"server.js\"]\n" },
    },
    {
      name: "non-secret names such as PASSWORD_MIN_LENGTH and TOKEN_URL",
      files: { ...base, Dockerfile: "FROM node:22\nENV PASSWORD_MIN_LENGTH=12 TOKEN_URL=https://auth.example.com/token\nCMD [\"node\",\"server.js\"]\n" },
    },
  ],
  invalid: [
    { name: "v2: a real-looking literal default for the same ARG is still reported", files: { ...base, Dockerfile: "FROM node:22 AS build\nARG NEXT_PRIVATE_ENCRYPTION_KEY=\"9f3kQ2vL8xR1mZ7p\"\nRUN npm ci && npm run build\nFROM node:22-slim\nCOPY --from=build /app /app\nCMD [\"node\", \"server.js\"]\n" }, findings: [{ path: "Dockerfile", line: 2, severity: "high" }] },
    {
      name: "literal secret in ENV is high",
      files: { ...base, Dockerfile: "FROM node:22\nWORKDIR /app\nENV STRIPE_API_KEY=sk9f8a7Hq2LmX0pRt5Vw\nCMD [\"node\",\"server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 3, severity: "high" }],
    },
    {
      name: "ARG token without default in the final stage is medium",
      files: { ...base, Dockerfile: "FROM node:22\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci && rm .npmrc\nCMD [\"node\",\"server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 2, severity: "medium" }],
    },
    {
      name: "ARG in a discarded build stage is low; ENV from ARG in final stage medium",
      files: {
        ...base,
        Dockerfile: "FROM node:22 AS build\nARG NPM_TOKEN\nRUN npm ci\nFROM node:22-slim\nARG DB_PASSWORD\nENV DB_PASSWORD=${DB_PASSWORD}\nCMD [\"node\",\"server.js\"]\n",
      },
      findings: [
        { path: "Dockerfile", line: 2, severity: "low" },
        { path: "Dockerfile", line: 5, severity: "medium" },
        { path: "Dockerfile", line: 6, severity: "medium" },
      ],
    },
    {
      name: "literal ARG default (keyboard-cat style low-entropy value still counts)",
      files: { ...base, Dockerfile: "FROM node:22\nARG SESSION_SECRET=hunter2hunter2\nCMD [\"node\",\"server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 2, severity: "high" }],
    },
    {
      name: "CI passes a GitHub secret as a build-arg",
      files: {
        ...base,
        Dockerfile: "FROM node:22\nCMD [\"node\",\"server.js\"]\n",
        ".github/workflows/build.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build --build-arg NPM_TOKEN=${{ secrets.NPM_TOKEN }} -t app .\n",
      },
      findings: [{ path: ".github/workflows/build.yml", line: 7, severity: "medium" }],
    },
  ],
});
