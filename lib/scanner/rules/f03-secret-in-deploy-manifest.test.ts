import { describe, expect, it } from "vitest";
import rule from "./f03-secret-in-deploy-manifest.ts";
import { ruleTester, runRule } from "../testing.ts";
import { fakeAssignment, fakeStripeSecretKey } from "../testing/fake-secrets.ts";

const pkg = JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4" } });
const deploy = (env: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.2.3\n          env:\n${env}`;

ruleTester(rule, {
  valid: [
    { name: "v10 (formbricks): Helm values naming the Secret and key that hold a credential are references", files: { "chart/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n", "chart/templates/d.yaml": "kind: Deployment\napiVersion: apps/v1\n", "chart/values.yaml": "redis:\n  existingSecret: \"formbricks-app-secrets\"\n  existingSecretPasswordKey: \"REDIS_PASSWORD\"\ntaxonomy:\n  serviceTokenKey: TAXONOMY_SERVICE_TOKEN\n  credentialsJsonSecretKey: TAXONOMY_GCP_CREDENTIALS_JSON\npostgresql:\n  auth:\n    adminPasswordKey: \"POSTGRES_ADMIN_PASSWORD\"\n" }, options: { kind: "infra" } },
    { name: "v8: a list of secret names a workflow fetches from a vault is not a secret value", files: { "package.json": pkg, ".github/workflows/load-test.yml": "on: workflow_dispatch\nenv:\n  AZURE_KEY_VAULT_NAME: gh-server\n  AZURE_KEY_VAULT_SECRETS: DD-API-KEY, K6-CLIENT-ID, K6-AUTH-USER-EMAIL, K6-AUTH-USER-PASSWORD-HASH\njobs:\n  run:\n    runs-on: ubuntu-latest\n    steps:\n      - run: k6 run perf/load/test.js\n" } },
    { name: "secretKeyRef", files: { "package.json": pkg, "k8s/deploy.yaml": deploy("            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: { name: db, key: password }\n") } },
    { name: "non-secret literals", files: { "package.json": pkg, "k8s/deploy.yaml": deploy("            - name: LOG_LEVEL\n              value: info\n            - name: AWS_ACCESS_KEY_ID_PATH\n              value: /var/run/key\n") } },
    { name: "workflow uses secrets context", files: { "package.json": pkg, ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      API_TOKEN: ${{ secrets.API_TOKEN }}\n    steps:\n      - run: npm test\n" } },
    { name: "dev compose: a local database container's initialisation password", files: { "package.json": pkg, "docker-compose.yml": "services:\n  mysql:\n    image: mysql:9.6\n    environment:\n      - MYSQL_USER=shopapp\n      - MYSQL_PASSWORD=shopapp\n  postgres:\n    image: postgres:18.3\n    environment:\n      - POSTGRES_PASSWORD=shopapp\n" } },
    { name: "dev compose with throwaway password", files: { "package.json": pkg, "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n" } },
    { name: "render sync: false", files: { "package.json": pkg, "render.yaml": "services:\n  - type: web\n    name: api\n    envVars:\n      - key: SESSION_SECRET\n        sync: false\n" } },
    { name: "v4: a chart under a directory whose name ends in 'templates' parses (was a stack overflow)", files: { "deployment templates/chart/api/Chart.yaml": "name: api\nversion: 0.1.0\n", "deployment templates/chart/api/values.yaml": "auth:\n  apiToken: \"\"\n", "deployment templates/chart/api/templates/d.yaml": "kind: Deployment\napiVersion: apps/v1\nmetadata:\n  name: {{ .Release.Name }}\n" }, options: { kind: "infra" } },
    { name: "helm values with empty default", files: { "chart/Chart.yaml": "name: api\nversion: 0.1.0\n", "chart/values.yaml": "auth:\n  apiToken: \"\"\n", "chart/templates/d.yaml": "kind: Deployment\napiVersion: apps/v1\n" }, options: { kind: "infra" } },
    { name: "v5: base64 Secret data is judged decoded: the username is not a secret", files: { "package.json": pkg, "k8s/db.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  quarkus.datasource.username: c3VwZXJtYW4=\n  POSTGRES_DB: aGVyb2VzX2RhdGFiYXNl\n" } },
  ],
  invalid: [
    { name: "v10 control: a literal password under a plain secret key of Helm values is still reported", files: { "chart/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n", "chart/templates/d.yaml": "kind: Deployment\napiVersion: apps/v1\n", "chart/values.yaml": "redis:\n  password: Zr8qLx2vNp4T\n  existingSecret: \"\"\n" }, options: { kind: "infra" }, findings: [{ path: "chart/values.yaml", line: 2 }] },
    { name: "v10 control: the same literals in the production compose file are reported", files: { "docker-compose.yml": "services:\n  app:\n    build: .\n    environment:\n      DB_PASSWORD: k3str4-prod-x9\n" }, options: { kind: "service" }, findings: [{ path: "docker-compose.yml", line: 5 }] },
    { name: "v5: a base64 weak password in Secret data is high (decoded 'superman'), not critical", files: { "package.json": pkg, "k8s/db.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  quarkus.datasource.username: c3VwZXJtYW4=\n  quarkus.datasource.password: c3VwZXJtYW4=\n" }, findings: [{ path: "k8s/db.yaml", line: 7, severity: "high" }] },
    { name: "v5: a literal Secret value in a Helm template counts", files: { "chart/Chart.yaml": "apiVersion: v2\nname: api\nversion: 0.1.0\n", "chart/templates/secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-db\nstringData:\n  password: hunter2-prod-x9\n" }, options: { kind: "infra" }, findings: [{ path: "chart/templates/secret.yaml", line: 6 }] },
    { name: "v4: secret in the values of a chart under 'deployment templates/' is found", files: { "deployment templates/chart/api/Chart.yaml": "name: api\nversion: 0.1.0\n", "deployment templates/chart/api/values.yaml": "auth:\n  apiToken: \"k8Xq2Lm9Pz4Rt7Vw1Ys6\"\n", "deployment templates/chart/api/templates/d.yaml": "kind: Deployment\napiVersion: apps/v1\nmetadata:\n  name: {{ .Release.Name }}\n" }, options: { kind: "infra" }, findings: [{ path: "deployment templates/chart/api/values.yaml", line: 2 }] },
    { name: "k8s env literal password", files: { "package.json": pkg, "k8s/deploy.yaml": deploy("            - name: DB_PASSWORD\n              value: \"hunter2-prod-x9\"\n") }, findings: [{ path: "k8s/deploy.yaml", line: 13, severity: "critical", snippet: "hunt…(len=15)" }] },
    { name: "low-entropy literal password is high", files: { "package.json": pkg, "k8s/deploy.yaml": deploy("            - name: DB_PASSWORD\n              value: \"letmein2024\"\n") }, findings: [{ path: "k8s/deploy.yaml", line: 13, severity: "high" }] },
    { name: "k8s Secret: connection metadata keys are not secrets, the password is", files: { "package.json": pkg, "k8s/db.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: servicebinding.io/postgresql\nstringData:\n  type: \"postgresql\"\n  host: \"db\"\n  port: \"5432\"\n  database: \"shop\"\n  password: \"Xk2pq9\"\n" }, findings: [{ path: "k8s/db.yaml", line: 11 }] },
    { name: "plain k8s Secret with stringData", files: { "package.json": pkg, "k8s/secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\nstringData:\n  token: 7f9a8b6c5d4e3f2a1b0c\n" }, findings: [{ path: "k8s/secret.yaml", line: 6 }] },
    {
      name: "a well-known default password for a CI test database is low (v3)",
      files: { "package.json": pkg, ".github/workflows/tests.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      postgres:\n        image: postgres:16\n    steps:\n      - run: make integration-test\n        env:\n          PGHOST: 127.0.0.1\n          PGPASSWORD: postgres\n" },
      findings: [{ path: ".github/workflows/tests.yml", line: 12, severity: "low" }],
    },
    {
      name: "a test-service bind password in a test-only job with service containers is low (v4)",
      files: { "package.json": pkg, ".github/workflows/tests.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      ldap:\n        image: rroemhild/test-openldap\n    steps:\n      - run: make backend-test\n        env:\n          LDAP_SERVER_URL: ldap://localhost:10389\n          LDAP_QUERY_PASSWORD: \"GoodNewsEveryone\"\n" },
      findings: [{ path: ".github/workflows/tests.yml", line: 12, severity: "low" }],
    },
    {
      name: "the same literal in a job with service containers that also deploys stays high (v4 control)",
      files: { "package.json": pkg, ".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    services:\n      ldap:\n        image: rroemhild/test-openldap\n    steps:\n      - run: make test && ./deploy.sh\n        env:\n          LDAP_QUERY_PASSWORD: \"GoodNewsEveryone\"\n" },
      findings: [{ path: ".github/workflows/ci.yml", line: 11, severity: "high" }],
    },
    {
      name: "v4: a random secret next to NODE_ENV: test in a CI workflow env is a test fixture (low)",
      files: { "package.json": pkg, ".github/workflows/ci.yml": "on: push\nenv:\n  NODE_ENV: test\n  SECRET_KEY: F0E5AD933D7F6FD8F4DBB3E038C501C052DC0593C686D21ACB30AE205D2F634B\n  UTILS_SECRET: 123456\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n" },
      findings: [{ path: ".github/workflows/ci.yml", line: 4, severity: "low" }, { path: ".github/workflows/ci.yml", line: 5, severity: "low" }],
    },
    {
      name: "v11 (session27d logto): a key passed to the job of a workflow named Integration Test that deploys nothing is a fixture (low)",
      files: { "package.json": pkg, ".github/workflows/integration-test.yml": "name: Integration Test\non: push\njobs:\n  run:\n    runs-on: ubuntu-latest\n    env:\n      SECRET_VAULT_KEK: DtPWS09unRXGuRScB60qXqCSsrjd22dUlXt/0oZgxSo=\n    steps:\n      - uses: acme/run-integration-tests@v4\n" },
      findings: [{ path: ".github/workflows/integration-test.yml", line: 7, severity: "low" }],
    },
    {
      name: "v11 control: a job named test that also deploys keeps the finding",
      files: { "package.json": pkg, ".github/workflows/pipeline.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      SECRET_VAULT_KEK: DtPWS09unRXGuRScB60qXqCSsrjd22dUlXt/0oZgxSo=\n    steps:\n      - run: npm test\n      - run: kubectl apply -f k8s/\n" },
      findings: [{ path: ".github/workflows/pipeline.yml", line: 6, severity: "critical" }],
    },
    {
      name: "v4: the same secret in a workflow without a test environment is still critical",
      files: { "package.json": pkg, ".github/workflows/release.yml": "on: push\nenv:\n  NODE_ENV: production\n  SECRET_KEY: F0E5AD933D7F6FD8F4DBB3E038C501C052DC0593C686D21ACB30AE205D2F634B\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./release.sh\n" },
      findings: [{ path: ".github/workflows/release.yml", line: 4, severity: "critical" }],
    },
    {
      name: "v5: an instruction placeholder (STRONG_DB_PASSWORD) is not reported, a real-looking password next to it is",
      files: { "package.json": pkg, "docker-compose.yml": "services:\n  app:\n    image: acme/app:1.2.3\n    restart: unless-stopped\n    environment:\n      DB_PASSWORD: STRONG_DB_PASSWORD\n      API_SECRET: q8Zr2LmX7vK3pT9w\n" },
      findings: [{ path: "docker-compose.yml", line: 7 }],
    },
    { name: "workflow env literal token", files: { "package.json": pkg, ".github/workflows/deploy.yml": "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n          DEPLOY_TOKEN: a1b2c3d4e5f6g7h8i9j0\n" }, findings: [{ path: ".github/workflows/deploy.yml", line: 8 }] },
    { name: "fly.toml [env] secret", files: { "package.json": pkg, "fly.toml": 'app = "api"\n[env]\n  ' + fakeAssignment("SECRET_KEY_BASE", "9c1e5b7a3f2d4e6b8a0c") + "\n" }, findings: [{ path: "fly.toml", line: 3 }] },
    { name: "terraform provider credentials", files: { "main.tf": 'provider "aws" {\n  region     = "eu-west-1"\n  ' + fakeAssignment("secret_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9rT2uV8wX") + "\n}\n" }, options: { kind: "infra" }, findings: [{ path: "main.tf", line: 3 }] },
    { name: "dev compose: the app service's own password stays low", files: { "package.json": pkg, "docker-compose.yml": "services:\n  api:\n    build: .\n    environment:\n      DB_PASSWORD: shopapp\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: shopapp\n" }, findings: [{ path: "docker-compose.yml", line: 5, severity: "low" }] },
    { name: "non-trivial password in dev compose is low", files: { "package.json": pkg, "docker-compose.yml": "services:\n  api:\n    build: .\n    environment:\n      STRIPE_SECRET_KEY: " + fakeStripeSecretKey("test", "51HxyzAbCdEf") + "\n" }, findings: [{ path: "docker-compose.yml", line: 5, severity: "low" }] },
  ],
});

describe("F03-SECRET-IN-DEPLOY-MANIFEST v2 reports only the secret", () => {
  it("k8s Secret: one finding (the password), none for type/host/port/database", async () => {
    const run = await runRule(rule, { "package.json": pkg, "k8s/db.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  type: \"postgresql\"\n  host: \"db\"\n  port: \"5432\"\n  database: \"shop\"\n  password: \"Xk2pq9\"\n" });
    expect(run.findings.map((f) => f.line)).toEqual([10]);
  });
  it("dev compose: the app's password is reported, the database container's init password is not", async () => {
    const run = await runRule(rule, { "package.json": pkg, "docker-compose.yml": "services:\n  api:\n    build: .\n    environment:\n      DB_PASSWORD: shopapp\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: shopapp\n" });
    expect(run.findings.map((f) => f.line)).toEqual([5]);
  });
});

describe("v9: stand-in values and test-suite compose files", () => {
  const compose = (pw: string) => `services:\n  app:\n    image: ghcr.io/acme/app:1.2.3\n    restart: unless-stopped\n    environment:\n      NEXTAUTH_SECRET: ${pw}\n`;
  const sev = async (files: Record<string, string>) => (await runRule(rule, { "package.json": pkg, ...files }, { kind: "service" })).results.flatMap((r) => r.findings).map((f) => f.severity);
  it("a qualified word slug / self-declared stand-in is a placeholder; a fixed sample credential is reported", async () => {
    expect(await sev({ "tools/seed/docker-compose.yml": compose("seed-snapshot-secret") })).toEqual([]);
    expect(await sev({ "docker-compose.yml": compose("ci-not-a-real-secret") })).toEqual([]);
    expect(await sev({ "docker-compose.yml": compose("verysecret") })).toEqual([]);
    expect(await sev({ "docker-compose.yml": compose("etherpad-lite-password") })).toEqual(["high"]);
  });
  it("a compose file under an e2e_tests/ suite directory is a test file", async () => {
    expect(await sev({ "packages/e2e_tests/docker-compose.yml": compose("minioadmin") })).toEqual([]);
    expect(await sev({ "packages/deploy/docker-compose.yml": compose("minioadmin") })).toEqual(["high"]);
  });
});
