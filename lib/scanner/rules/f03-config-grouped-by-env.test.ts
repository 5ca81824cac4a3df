import rule from "./f03-config-grouped-by-env.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", config: "^3.3.0" } });
const server = { "package.json": pkg, "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    {
      name: "production.json with only behavioural toggles",
      files: { ...server, "config/production.json": JSON.stringify({ logLevel: "info", cache: { enabled: true, ttl: 600 } }, null, 2) },
    },
    {
      name: "Spring application-prod.yml referencing env vars",
      files: { "pom.xml": "<project><artifactId>x</artifactId></project>", "src/main/resources/application-prod.yml": "spring:\n  datasource:\n    url: ${DATABASE_URL}\n    password: ${DB_PASSWORD}\nlogging:\n  level:\n    root: INFO\n" },
    },
    {
      name: "Helm values-prod.yaml and kustomize overlays are deploy config, not app config",
      files: { ...server, "deploy/values-prod.yaml": "ingress:\n  host: api.acme.io\n", "k8s/overlays/production/config.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  API_URL: https://api.acme.io\n" },
    },
    {
      name: "no environment-named files is na",
      files: { ...server },
      status: "na",
    },
  ],
  invalid: [
    {
      name: "node-config production.json with hosts and URLs (medium)",
      files: {
        ...server,
        "config/production.json": JSON.stringify({ db: { host: "prod-db.acme-corp.io", port: 5432 }, redis: { url: "redis://cache.acme-corp.io:6379" }, apiBaseUrl: "https://api.acme.io" }, null, 2),
      },
      findings: [{ path: "config/production.json", severity: "medium" }],
    },
    {
      name: "Django settings/production.py with one host (low)",
      files: {
        "requirements.txt": "django==5.0\n",
        "mysite/settings/production.py": "from .base import *\nDEBUG = False\nDATABASES = {\n    'default': {\n        'HOST': 'db.acme-corp.io',\n    }\n}\n",
      },
      findings: [{ path: "mysite/settings/production.py", line: 5, severity: "low" }],
    },
    {
      name: "tracked .env.production with URL and secret",
      files: { ...server, ".env.production": "API_URL=https://api.acme.io\nSTRIPE_SECRET=sk9f8a7Hq2LmX0pRt5Vw\nLOG_LEVEL=warn\nSENTRY_DSN=https://abc@o1.ingest.sentry.io/1\n" },
      findings: [{ path: ".env.production", line: 1, severity: "medium" }],
    },
  ],
});
