import rule from "./f09-slow-startup-work.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const base = { "package.json": pkg, "server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n" };
const entry = (script: string) => ({
  ...base,
  Dockerfile: "FROM node:22\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"node\", \"server.js\"]\n",
  "docker-entrypoint.sh": script,
});
const deploy = (probes: string, image = "registry.example.com/web:1.2.3") =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n${probes}`;

ruleTester(rule, {
  valid: [
    { name: "plain exec entrypoint", files: entry("#!/bin/sh\nset -e\nexec \"$@\"\n"), status: "pass" },
    { name: "short sleep", files: entry("#!/bin/sh\nsleep 2\nexec \"$@\"\n"), status: "pass" },
    { name: "backgrounded sleep keeps nothing waiting", files: entry("#!/bin/sh\nsleep 30 &\nexec \"$@\"\n"), status: "pass" },
    {
      name: "long initial delay with a startupProbe",
      files: { ...base, "k8s/app.yaml": deploy("          startupProbe:\n            httpGet: { path: /healthz, port: 8080 }\n            failureThreshold: 12\n            periodSeconds: 5\n          readinessProbe:\n            initialDelaySeconds: 5\n            httpGet: { path: /ready, port: 8080 }\n") },
      status: "pass",
    },
    {
      name: "wait-for-it in a dev compose file is not production",
      files: { ...base, "docker-compose.yml": "services:\n  app:\n    build: .\n    command: ./wait-for-it.sh db:5432 -- node server.js\n  db:\n    image: postgres:16\n", Procfile: "web: node server.js\n" },
      status: "pass",
    },
    { name: "nothing to judge", files: base, status: "na" },
    {
      name: "init container waiting for the database is the Kubernetes idiom",
      files: { ...base, "k8s/app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: wait-db\n          image: busybox:1.36\n          command: [\"sh\", \"-c\", \"until nc -z db 5432; do sleep 2; done\"]\n      containers:\n        - name: web\n          image: app:1\n" },
      status: "pass",
    },
    {
      name: "JVM image with a long liveness delay is accepted",
      files: { ...base, "k8s/app.yaml": deploy("          livenessProbe:\n            initialDelaySeconds: 90\n            httpGet: { path: /actuator/health, port: 8080 }\n", "eclipse-temurin:21-jre") },
      status: "pass",
    },
  ],
  invalid: [
    {
      name: "sleep 20 and a wait loop in the entrypoint",
      files: entry("#!/bin/sh\nset -e\nuntil nc -z db 5432; do\n  sleep 2\ndone\nsleep 20\nexec \"$@\"\n"),
      findings: [{ path: "docker-entrypoint.sh", line: 3, severity: "low" }, { path: "docker-entrypoint.sh", line: 6, severity: "low" }],
    },
    {
      name: "wait-for-it.sh in the production CMD",
      files: { ...base, Dockerfile: "FROM node:22\nCOPY wait-for-it.sh /\nCMD [\"/wait-for-it.sh\", \"db:5432\", \"--\", \"node\", \"server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 3 }],
    },
    {
      name: "wait loop inside an exec-form sh -c",
      files: { ...base, Dockerfile: "FROM node:22\nCMD [\"sh\", \"-c\", \"until nc -z db 5432; do sleep 2; done; exec node server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 2 }],
    },
    {
      name: "readiness initialDelaySeconds 120 without startupProbe",
      files: { ...base, "k8s/app.yaml": deploy("          readinessProbe:\n            initialDelaySeconds: 120\n            httpGet: { path: /ready, port: 8080 }\n") },
      findings: [{ path: "k8s/app.yaml", line: 12, severity: "low" }],
    },
  ],
});
