import rule from "./f01-multiple-apps-no-workspace.ts";
import { ruleTester } from "../testing.ts";

const app = (name: string) => ({
  [`${name}/package.json`]: JSON.stringify({ name, private: true, dependencies: { express: "^4.19.0" } }),
  [`${name}/Dockerfile`]: "FROM node:22\nCMD [\"node\",\"server.js\"]\n",
  [`${name}/server.js`]: "require('express')().listen(process.env.PORT);\n",
});

ruleTester(rule, {
  valid: [
    {
      name: "single app with web and worker process types",
      files: { "package.json": JSON.stringify({ name: "app", private: true, dependencies: { express: "^4.19.0" } }), "Procfile": "web: node server.js\nworker: node worker.js\n", "Dockerfile": "FROM node:22\n", "Dockerfile.worker": "FROM node:22\n", "server.js": "require('express')().listen(process.env.PORT);\n", "worker.js": "setInterval(() => {}, 1000);\n" },
    },
    {
      name: "two apps in an npm workspace",
      files: { "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["apps/*"] }), ...app("apps/api"), ...app("apps/web") },
    },
    {
      name: "polyglot services built by skaffold",
      files: { ...app("src/cart"), "src/email/requirements.txt": "grpcio==1.6\n", "src/email/Dockerfile": "FROM python:3.12\n", "src/email/server.py": "import grpc\n", "skaffold.yaml": "apiVersion: skaffold/v4beta6\nkind: Config\n" },
    },
    {
      name: "app plus an nginx proxy image without a manifest",
      files: { ...app("api"), "nginx/Dockerfile": "FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\n", "nginx/nginx.conf": "events {}\n" },
    },
  ],
  invalid: [
    {
      name: "two independent apps, no workspace",
      files: { ...app("api"), ...app("worker"), "README.md": "# two apps\n" },
      findings: [{ severity: "medium" }],
    },
    {
      name: "root app plus a nested admin app merged into one unit",
      files: { "package.json": JSON.stringify({ name: "main", private: true, dependencies: { express: "^4.19.0" } }), "Dockerfile": "FROM node:22\n", "server.js": "require('express')().listen(process.env.PORT);\n", "admin/requirements.txt": "django==5.0\n", "admin/Dockerfile": "FROM python:3.12\n", "admin/manage.py": "import django\n" },
      findings: 1,
    },
  ],
});
