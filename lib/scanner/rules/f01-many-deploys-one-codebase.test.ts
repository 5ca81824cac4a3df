import rule from "./f01-many-deploys-one-codebase.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const base = { "package.json": pkg, "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    {
      name: "Helm values for staging and prod",
      files: { ...base, "chart/Chart.yaml": "apiVersion: v2\nname: api\nversion: 1.0.0\n", "chart/values.yaml": "replicas: 1\n", "chart/values-staging.yaml": "replicas: 1\n", "chart/values-prod.yaml": "replicas: 3\n" },
    },
    {
      name: "kustomize overlays",
      files: { ...base, "k8s/base/kustomization.yaml": "resources: []\n", "k8s/overlays/staging/kustomization.yaml": "resources: [../../base]\n", "k8s/overlays/production/kustomization.yaml": "resources: [../../base]\n" },
    },
    {
      name: "GitHub Actions environments on deploy jobs",
      files: { ...base, ".github/workflows/deploy.yml": "on: push\njobs:\n  staging:\n    runs-on: ubuntu-latest\n    environment: staging\n    steps:\n      - run: flyctl deploy\n  prod:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: flyctl deploy\n" },
    },
  ],
  invalid: [
    {
      name: "no environment configuration at all → absence",
      files: { ...base, Dockerfile: "FROM node:22\nCMD [\"node\",\"server.js\"]\n" },
      findings: 0,
    },
    {
      name: "only production defined → 0.5",
      files: { ...base, "fly.production.toml": "app = 'api'\n" },
      status: "partial",
      findings: 0,
    },
  ],
});
