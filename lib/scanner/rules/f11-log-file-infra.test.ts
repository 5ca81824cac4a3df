import rule from "./f11-log-file-infra.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const base = { "package.json": pkg, "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    {
      name: "nginx-style symlinks to stdout/stderr",
      files: { ...base, Dockerfile: "FROM nginx:1.27\nRUN mkdir -p /var/log/nginx && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log\nCMD [\"nginx\",\"-g\",\"daemon off;\"]\n" },
    },
    {
      name: "plain Dockerfile and single-container Deployment",
      files: {
        ...base,
        Dockerfile: "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nVOLUME /app/uploads\nCMD [\"node\",\"server.js\"]\n",
        "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1.0\n",
      },
    },
    {
      name: "log directory only in a build stage; .log fixture under test/",
      files: { ...base, Dockerfile: "FROM node:22 AS build\nRUN mkdir -p /var/log/build\nFROM node:22-slim\nCMD [\"node\",\"server.js\"]\n", "test/fixtures/sample.log": "line\n" },
    },
    {
      name: "compose: log directories of backing services and the proxy, data volume of the app, dev-only compose",
      files: {
        ...base,
        Dockerfile: "FROM node:22-slim\nCOPY . .\nCMD [\"node\",\"server.js\"]\n",
        "docker-compose.prod.yml": "services:\n  app:\n    build: .\n    restart: always\n    volumes:\n      - app_data:/app/data\n  db:\n    image: postgres:16\n    volumes:\n      - ./pglog:/var/log/postgresql\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./nginx-logs:/var/log/nginx\nvolumes:\n  app_data: {}\n",
        "docker-compose.dev.yml": "services:\n  app:\n    build: .\n    volumes:\n      - ./logs:/app/logs\n",
      },
    },
  ],
  invalid: [
    {
      name: "compose file found by its directory (docker/compose/<flavour>.yaml) keeps the app's logs on a host path",
      files: {
        ...base,
        Dockerfile: "FROM node:22-slim\nCOPY . .\nCMD [\"node\",\"server.js\"]\n",
        "docker/compose/api-mysql.yaml": "services:\n  api:\n    image: acme/api:latest\n    restart: unless-stopped\n    volumes:\n      - /opt/api/logs:/opt/api/logs\n  db:\n    image: mysql:8\n",
      },
      findings: [{ path: "docker/compose/api-mysql.yaml", line: 6, severity: "low" }],
    },
    {
      name: "compose: the app service's log directory on a host bind mount and on a named volume",
      files: {
        ...base,
        Dockerfile: "FROM node:22-slim\nCOPY . .\nCMD [\"node\",\"server.js\"]\n",
        "docker-compose.production.yml": "services:\n  app:\n    image: acme/api:1.4\n    build: .\n    restart: unless-stopped\n    volumes:\n      - /opt/api/logs:/opt/api/logs\n      - api_logs:/app/storage/logs\nvolumes:\n  api_logs: {}\n",
      },
      findings: [
        { path: "docker-compose.production.yml", line: 7, severity: "low" },
        { path: "docker-compose.production.yml", line: 8, severity: "low" },
      ],
    },
    {
      name: "VOLUME /var/log/app and logrotate config",
      files: { ...base, Dockerfile: "FROM node:22-slim\nRUN mkdir -p /var/log/myapp\nVOLUME /var/log/myapp\nCOPY deploy/logrotate.conf /etc/logrotate.d/myapp\nCMD [\"node\",\"server.js\"]\n", "deploy/logrotate.conf": "/var/log/myapp/*.log {\n daily\n}\n" },
      findings: [
        { path: "Dockerfile", line: 2, severity: "low" },
        { path: "Dockerfile", line: 3, severity: "low" },
        { path: "Dockerfile", line: 4, severity: "low" },
        { path: "deploy/logrotate.conf", severity: "low" },
      ],
    },
    {
      name: "fluentd sidecar and tracked log file",
      files: {
        ...base,
        "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1.0\n        - name: shipper\n          image: fluent/fluentd:v1.16\n",
        "logs/app.log": "boot\n",
      },
      findings: [
        { path: "k8s/deploy.yaml", line: 11 },
        { path: "logs/app.log" },
      ],
    },
    {
      name: "container tailing a log file",
      files: { ...base, "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1.0\n          command: [\"sh\", \"-c\", \"node server.js > /var/log/app/out.log & tail -F /var/log/app/out.log\"]\n" },
      findings: [{ path: "k8s/deploy.yaml", line: 9 }],
    },
  ],
});
