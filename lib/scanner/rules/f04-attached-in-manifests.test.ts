import rule from "./f04-attached-in-manifests.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", pg: "^8" } });
const app = { "package.json": pkg, "src/db.js": "const { Pool } = require('pg');\nmodule.exports = new Pool({ connectionString: process.env.DATABASE_URL });\n" };
const deploy = (env: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.0.0\n${env}`;

ruleTester(rule, {
  valid: [
    { name: "k8s secretKeyRef for DATABASE_URL", files: { ...app, "k8s/deploy.yaml": deploy("          env:\n            - name: DATABASE_URL\n              valueFrom:\n                secretKeyRef:\n                  name: api-db\n                  key: url\n") } },
    { name: "envFrom secretRef", files: { ...app, "k8s/deploy.yaml": deploy("          envFrom:\n            - secretRef:\n                name: api-env\n") } },
    { name: "Heroku add-ons", files: { ...app, "app.json": JSON.stringify({ name: "api", addons: ["heroku-postgresql:essential-0"] }, null, 2) } },
    { name: "Render fromDatabase", files: { ...app, "render.yaml": "services:\n  - type: web\n    name: api\n    envVars:\n      - key: DATABASE_URL\n        fromDatabase:\n          name: db\n          property: connectionString\n" } },
    { name: "no deploy manifests: na", files: app, status: "na" },
    { name: "manifests but no backing services: na", files: { "package.json": JSON.stringify({ name: "x", private: true, dependencies: { express: "^4" } }), "src/s.js": "require('express')().listen(process.env.PORT);\n", "k8s/deploy.yaml": deploy("") }, status: "na" },
  ],
  invalid: [
    { name: "only a literal connection string in the Deployment", files: { ...app, "k8s/deploy.yaml": deploy('          env:\n            - name: DATABASE_URL\n              value: "postgres://app@10.0.3.12:5432/app"\n') }, status: "fail" },
    { name: "compose wiring only: 0.75", files: { ...app, "docker-compose.yml": "services:\n  api:\n    build: .\n    environment:\n      DATABASE_URL: postgres://app:app@db:5432/app\n  db:\n    image: postgres:16\n" }, status: "partial" },
    { name: "manifest attaches nothing although the code uses a DB", files: { ...app, "k8s/deploy.yaml": deploy("") }, status: "fail" },
    {
      name: "v2: compose wiring through an interpolation default naming the db service's container_name (0.75)",
      files: { ...app, "docker-compose.yml": "x-config: &config\n  POSTGRES_HOST: ${POSTGRES_HOST:-app_db}\n  POSTGRES_PORT: ${POSTGRES_PORT:-5432}\nservices:\n  api:\n    image: acme/api:1.0.0\n    environment:\n      <<: *config\n  db:\n    image: postgres:16\n    container_name: app_db\n    environment: *config\n" },
      status: "partial",
    },
    {
      name: "v2: a host variable naming no compose service is not wiring",
      files: { ...app, "docker-compose.yml": "services:\n  api:\n    image: acme/api:1.0.0\n    environment:\n      POSTGRES_HOST: ${POSTGRES_HOST:-db.internal}\n  db:\n    image: postgres:16\n    container_name: app_db\n" },
      status: "fail",
    },
  ],
});
