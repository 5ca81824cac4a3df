import rule from "./f09-healthcheck-declared.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const base = { "package.json": pkg, "server.js": "const app = require('express')();\napp.get('/healthz', (q, r) => r.send('ok'));\napp.listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    {
      name: "fly.toml http_service checks",
      files: { ...base, Dockerfile: "FROM node:22\nCMD [\"node\",\"server.js\"]\n", "fly.toml": "app = \"api\"\n\n[http_service]\n  internal_port = 8080\n\n  [[http_service.checks]]\n    path = \"/healthz\"\n    interval = \"15s\"\n    timeout = \"2s\"\n" },
      status: "pass",
    },
    {
      name: "render healthCheckPath",
      files: { ...base, "render.yaml": "services:\n  - type: web\n    name: api\n    runtime: node\n    startCommand: node server.js\n    healthCheckPath: /healthz\n" },
      status: "pass",
    },
    {
      name: "Dockerfile HEALTHCHECK when Docker runs the image",
      files: { ...base, Dockerfile: "FROM node:22\nHEALTHCHECK CMD curl -f http://localhost:8080/healthz || exit 1\nCMD [\"node\",\"server.js\"]\n" },
      status: "pass",
    },
    {
      name: "Kubernetes manifests: probes judged elsewhere",
      files: { ...base, Dockerfile: "FROM node:22\nCMD [\"node\",\"server.js\"]\n", "k8s/app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: app:1\n" },
      status: "na",
    },
    { name: "Procfile-only Heroku app", files: { ...base, Procfile: "web: node server.js\n" }, status: "na" },
    { name: "Heroku app.json with a Dockerfile", files: { ...base, "app.json": "{\"name\":\"api\"}", Dockerfile: "FROM node:22\nCMD [\"node\",\"server.js\"]\n" }, status: "na" },
  ],
  invalid: [
    {
      name: "fly.toml without checks (Dockerfile HEALTHCHECK is ignored by Fly)",
      files: { ...base, Dockerfile: "FROM node:22\nHEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1\nCMD [\"node\",\"server.js\"]\n", "fly.toml": "app = \"api\"\n\n[http_service]\n  internal_port = 8080\n" },
      status: "fail",
    },
    {
      name: "render web service without healthCheckPath",
      files: { ...base, "render.yaml": "services:\n  - type: web\n    name: api\n    runtime: node\n    startCommand: node server.js\n" },
      status: "fail",
    },
    {
      name: "Dockerfile only, no HEALTHCHECK",
      files: { ...base, Dockerfile: "FROM node:22\nCMD [\"node\",\"server.js\"]\n" },
      status: "fail",
    },
    {
      name: "HEALTHCHECK NONE counts as absent",
      files: { ...base, Dockerfile: "FROM node:22\nHEALTHCHECK NONE\nCMD [\"node\",\"server.js\"]\n" },
      status: "fail",
    },
  ],
});
