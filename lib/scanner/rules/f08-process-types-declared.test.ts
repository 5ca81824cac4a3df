import rule from "./f08-process-types-declared.ts";
import { ruleTester } from "../testing.ts";

const node = { "package.json": JSON.stringify({ name: "svc", private: true, scripts: { start: "node server.js" }, dependencies: { express: "^4" } }), "server.js": "require('express')().listen(process.env.PORT);\n" };
const dep = (name: string, args: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/acme/app:1.0.0\n          args: [${args}]\n`;

ruleTester(rule, {
  valid: [
    { name: "Procfile web + worker", files: { ...node, "Procfile": "web: node server.js\nworker: node worker.js\nrelease: node migrate.js\n" } },
    { name: "two k8s deployments from one image", files: { ...node, "k8s/web.yaml": dep("web", '"server.js"'), "k8s/worker.yaml": dep("worker", '"worker.js"') } },
    {
      name: "dev compose runs the app's build as web + worker + scheduler (merged x-app fragment)",
      files: { ...node, "Dockerfile": 'FROM node:22\nCMD ["node","server.js"]\n', "docker-compose.yml": "x-app: &app\n  build: .\nservices:\n  db:\n    image: postgres:16\n  web:\n    <<: *app\n    command: [web]\n  worker:\n    <<: *app\n    command: [worker]\n  scheduler:\n    <<: *app\n    command: [scheduler]\n" },
    },
    { name: "v3: a single Procfile type for an app without background work is its whole formation", files: { ...node, "Procfile": "web: node server.js\n" } },
    { name: "v3: one k8s Deployment of a web process with no job-queue library", files: { ...node, "k8s/web.yaml": dep("web", '"server.js"') } },
    { name: "fly processes", files: { ...node, "fly.toml": 'app = "x"\n[processes]\n  app = "node server.js"\n  worker = "node worker.js"\n' } },
  ],
  invalid: [
    { name: "v3: a single Procfile type while a job-queue library needs a worker type", files: { ...node, "package.json": JSON.stringify({ name: "svc", private: true, scripts: { start: "node server.js" }, dependencies: { express: "^4", bullmq: "^5" } }), "Procfile": "web: node server.js\n" }, status: "partial" },
    { name: "implicit Dockerfile CMD only", files: { ...node, "Dockerfile": 'FROM node:22\nCMD ["node","server.js"]\n' }, status: "partial" },
    { name: "dev compose with a single app service stays implicit", files: { ...node, "Dockerfile": 'FROM node:22\nCMD ["node","server.js"]\n', "docker-compose.yml": "services:\n  app:\n    build: .\n  db:\n    image: postgres:16\n" }, status: "partial" },
    { name: "nothing declared", files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n' }, status: "fail" },
  ],
});
