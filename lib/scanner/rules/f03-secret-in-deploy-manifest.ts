import { defineRule } from "./define-rule.ts";
import { isLikelyGenericSecretValue, isPlaceholderValue, isSecretKeyName, scanSecrets } from "../detectors/secrets.ts";
import { isEnvPlaceholder } from "../detectors/config-derived.ts";
import { HELM_PLACEHOLDER } from "../snapshot/index.ts";
import { basename } from "../snapshot/roles.ts";
import { isBackingServiceImage } from "../detectors/image-ref.ts";

/** v4: a variable naming the runtime environment (NODE_ENV, RAILS_ENV, APP_ENV, ENVIRONMENT …) set to test. */
const TEST_ENV_KEY_RE = /^([A-Z][A-Z0-9]*_)?(ENV|ENVIRONMENT)$/i;
const TEST_ENV_VALUE_RE = /^(test|testing|ci)$/i;
const WEAK_DEV_RE = /^(postgres|password|root|admin|secret|mysql|guest|dev|development|test|local|changeme|app|docker|redis|mongo|rabbitmq|example|pass|user)$/i;

const SECRET_NAME_LIST_RE = /^[A-Z][A-Z0-9_-]*(\s*,\s*[A-Z][A-Z0-9_-]*)+$/;
const SECRET_KEY_NAME_VALUE_RE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/**
 * v10: Helm values keys that point at a secret kept elsewhere rather than holding one: `existingSecret`,
 * `existingSecretPasswordKey`, `userPasswordKey`, `credentialsJsonSecretKey`, `passwordSecretName`, `tokenSecretRef`.
 */
const SECRET_REFERENCE_KEY_RE = /^existingSecret\w*$|[a-z](Secret|Password|Passwd|Token|ApiKey|Credentials?\w*)(Key|Name|Ref|KeyRef)$|^secret(Name|Ref|KeyRef)$/;

function literal(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return null;
  const v = value.trim();
  if (!v || v.includes(HELM_PLACEHOLDER) || isEnvPlaceholder(v) || isPlaceholderValue(v)) return null;
  // a list of secret *names* (`AZURE_KEY_VAULT_SECRETS: DD-API-KEY, K6-CLIENT-ID`: the vault entries a job fetches)
  // references secrets kept elsewhere; it is not a credential value
  if (SECRET_NAME_LIST_RE.test(v)) return null;
  // v10: one UPPER_SNAKE name (`serviceTokenKey: TAXONOMY_SERVICE_TOKEN`, `existingSecretPasswordKey: REDIS_PASSWORD`)
  // names the key or variable that holds the secret; it is not the secret
  if (SECRET_KEY_NAME_VALUE_RE.test(v)) return null;
  return v;
}

/** A Kubernetes Secret `data:` value decoded from base64 (the value itself when it is not valid base64 text). */
function decodeBase64Value(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  const v = raw.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v) || v.length % 4 !== 0) return raw;
  const text = Buffer.from(v, "base64").toString("utf8");
  return /^[\x20-\x7e\t\r\n]+$/.test(text) ? text : raw;
}

export default defineRule({
  meta: {
    id: "F03-SECRET-IN-DEPLOY-MANIFEST",
    version: 11,
    factor: "F03",
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker", "static", "infra"],
    reducedFor: ["library", "cli"],
    scope: "repo",
    secret: true,
    technique: ["PARSE"],
    title: "Literal secrets in Kubernetes/Helm/compose/Terraform/CI/platform manifests",
    rationale:
      "Deploy manifests should reference secrets from a secret store (secretKeyRef, ExternalSecret, ${{ secrets.X }}, sync: false); a literal value in the manifest is a committed credential that every reader of the repository and every rendered release carries.",
    remediation: "Reference the secret from a secret store (valueFrom.secretKeyRef, ExternalSecret/SealedSecret/SOPS, ${{ secrets.X }}, ${ssm:…}, sync: false) and rotate the exposed value.",
    docs: {
      bad: [{ file: "k8s/deployment.yaml", code: "env:\n  - name: DB_PASSWORD\n    value: hunter2-prod-x9" }],
      good: [{ file: "k8s/deployment.yaml", code: "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: { name: db, key: password }" }],
    },
    sources: [
      { title: "Polaris sensitiveContainerEnvVar", url: "https://github.com/FairwindsOps/polaris/blob/master/checks/sensitiveContainerEnvVar.yaml" },
      { title: "zizmor hardcoded-container-credentials", url: "https://docs.zizmor.sh/audits/" },
      { title: "Render Blueprint sync: false", url: "https://render.com/docs/blueprint-spec" },
    ],
    deviations:
      "Values that look like real credentials (provider formats, or high-entropy values per SD-9/SD-10) are critical, like any committed secret; other literals are high. Dev-only compose files with trivial throwaway values (postgres/password …) are not reported, nor (v2) the initialisation credentials of a backing-service container in a dev-only compose file (`postgres`/`mysql` image, no build, value not credential-shaped: POSTGRES_PASSWORD=petclinic); other dev-only values are low. Helm template placeholders and ${VAR}/secrets references never count. In a Kubernetes Secret only secret-named keys and credential-shaped values count (v2: `host`, `port`, `database`, `type` of a service-binding Secret are connection metadata). Terraform is checked for provider credentials, `password`-like attributes and secret-named variable defaults. v3 (accuracy bench session 4b: miniflux, `PGPASSWORD: postgres` for the CI integration-test database was high): a well-known default value (postgres, password, root, test …) in CI workflow env is low. v4 (accuracy bench session 5a: outline's CI workflow env sets NODE_ENV: test next to a random SECRET_KEY for the test suite, reported critical): in a workflow env chain that declares the test environment (NODE_ENV/RAILS_ENV/APP_ENV/… = test, testing or ci) secret-named literals are test fixtures: low, unless the value has a real provider format or is a private key. v5 (accuracy bench session 5a: docmost compose `POSTGRES_PASSWORD: STRONG_DB_PASSWORD`): instruction values with one qualifier word between the adjective and the noun (STRONG_DB_PASSWORD, long_random_secret) are placeholders (shared SD-9 detector). v6 (accuracy bench session5b: mealie's backend test job, LDAP_QUERY_PASSWORD of the planetexpress test-LDAP service): in a workflow job that starts service containers, has no deployment environment and runs no deploy/push/publish step, any literal that is not a provider-format credential is low. v7 (accuracy bench session 5c: BaGetter, chart in `deployment templates/chart/…`): a chart under a directory whose name contains \"templates/\" made the snapshot's Helm detection recurse (stack overflow, the rule errored) and its templates were not recognised; Chart.yaml is never a template and only a `templates` path segment directly under a chart directory marks a template. v7 (accuracy bench session 5c: quarkus-super-heroes, base64 `c3VwZXJtYW4=` in Secret data was critical, and the username was reported): Kubernetes Secret `data:` values are decoded from base64 before they are judged, and literal values in a Helm template's Secret count like any other Secret. v8 (accuracy bench session7a: bitwarden-server `AZURE_KEY_VAULT_SECRETS: DD-API-KEY, K6-CLIENT-ID, …` in a workflow, a critical finding; human III pass): a comma-separated list of UPPER-CASE names is a list of secret references, not a value. v9 (accuracy bench session 8: paperless-ngx CI `PAPERLESS_SECRET_KEY: \"ci-typing-not-a-real-secret\"`, linkwarden CI `NEXTAUTH_SECRET: very_sensitive_secret`, karakeep's seed-snapshot compose `NEXTAUTH_SECRET: seed-snapshot-secret`, tubearchivist's sample compose `verysecret`; human III pass): the shared placeholder detector treats values that call themselves stand-ins (not-a-real-secret, not-for-production, dev-only), qualified word slugs ending in the secret's noun (seed-snapshot-secret, aimock-test-key) and very/ultra/top-secret words as placeholders; compose files under suite directories named for their kind of test (e2e_tests/, suites/) are test files (path roles) and out of scope. v10 (session 20, after looking at session26d: formbricks' Helm values `serviceTokenKey: TAXONOMY_SERVICE_TOKEN`, `existingSecret: formbricks-app-secrets`, `existingSecretPasswordKey: REDIS_PASSWORD`; human III pass): a single UPPER_SNAKE name is the name of the key or variable holding the secret, and Helm values keys that point at a secret kept elsewhere (existingSecret*, *PasswordKey, *SecretKey, *TokenKey, *SecretName, *SecretRef) are references, not values; compose files whose name marks them as CI/test stacks (docker-compose-ci.yml, compose.test.yml) are non-production like dev-only ones (snapshot compose `dev`). v11 (session 21, after looking at session27d: logto's integration-test.yml passes a vault key-encryption key to the job that runs its integration tests; human III pass / scanner partial): a job that deploys nothing in a workflow named for tests (name or file name: test, e2e, integration) or a job whose id names tests is a test run, like a test-only job with service containers — its literals are fixtures (low) unless provider-shaped.",
  },
  check(ctx) {
    const files = new Set(ctx.files({ roles: ["source", "dev", "example"] }).map((f) => f.path));
    const seen = new Set<string>();
    const looksReal = (value: string) => isLikelyGenericSecretValue(value) || scanSecrets(value, { generic: false }).some((m) => m.kind !== "uri" || m.severity === "critical");
    const hit = (path: string, line: number | undefined, key: string, value: string, where: string, severity?: "high" | "medium" | "low") => {
      const k = `${path}:${line}:${key}`;
      if (seen.has(k)) return;
      seen.add(k);
      // a value that looks like a real credential (provider format or high-entropy) is as bad as any committed secret
      const real = looksReal(value);
      const sev = severity ?? (real ? "critical" : "high");
      ctx.report({ path, line, message: "Secret-named setting has a literal value in a deploy manifest.", match: `${key}=${value}`, secret: value, severity: sev, data: { key, object: where, looksReal: real } });
    };

    for (const o of ctx.snapshot.k8sObjects()) {
      if (!files.has(o.path)) continue;
      for (const c of o.containers) for (const e of c.env) {
        const v = literal(e.value);
        if (v && isSecretKeyName(e.name)) hit(o.path, e.line, e.name, v, `${o.kind}/${o.name ?? "?"}`);
      }
      // v5: a Helm template's Secret counts too when its values are literal (templated values are skipped by
      // literal()); `data:` values are base64 and are judged decoded (c3VwZXJtYW4= is "superman", not a
      // high-entropy credential)
      if (o.kind === "Secret") {
        for (const section of ["data", "stringData"] as const) {
          const d = o.data[section];
          if (!d || typeof d !== "object") continue;
          for (const [k, raw] of Object.entries(d as Record<string, unknown>)) {
            const v = literal(section === "data" ? decodeBase64Value(raw) : raw);
            // v2: connection metadata in a Secret (type/host/port/database of a servicebinding.io Secret) is
            // not a secret: only secret-named keys and credential-shaped values count
            if (v && (isSecretKeyName(k) || looksReal(v))) hit(o.path, o.doc.line([section, k]), k, v, `Secret/${o.name ?? "?"}`);
          }
        }
      }
    }
    for (const chart of ctx.snapshot.helmCharts()) {
      for (const vf of chart.valuesFiles) {
        if (!files.has(vf)) continue;
        const doc = ctx.snapshot.yaml(vf)?.[0];
        if (!doc) continue;
        const walk = (node: unknown, path: (string | number)[]) => {
          if (path.length > 8 || !node || typeof node !== "object") return;
          for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
            if (v && typeof v === "object") walk(v, [...path, Array.isArray(node) ? Number(k) : k]);
            else {
              const lit = literal(v);
              if (lit && isSecretKeyName(k) && typeof v === "string" && !SECRET_REFERENCE_KEY_RE.test(k)) hit(vf, doc.line([...path, k]), k, lit, `values ${[...path, k].join(".")}`);
            }
          }
        };
        walk(doc.data, []);
      }
    }
    for (const cf of ctx.snapshot.composeFiles()) {
      if (!files.has(cf.path)) continue;
      for (const s of cf.services) for (const e of s.environment) {
        const v = literal(e.value);
        if (!v || !isSecretKeyName(e.name)) continue;
        if (cf.dev && WEAK_DEV_RE.test(v)) continue;
        // v2: in a dev-only compose file, the password a local database/cache container is initialised with
        // (`postgres` image, POSTGRES_PASSWORD=petclinic) is a throwaway value, not the app's secret — unless
        // it looks like a real credential.
        if (cf.dev && !s.build && isBackingServiceImage(s.image) && !looksReal(v)) continue;
        hit(cf.path, e.line, e.name, v, `service ${s.name}`, cf.dev ? "low" : undefined);
      }
    }
    // v4: a job that starts service containers for its test run and deploys nothing (no push/deploy/kubectl/helm …)
    // passes credentials of those throwaway test services (a test LDAP fixture's bind password): low unless the
    // value is a provider-format credential
    const DEPLOY_STEP_RE = /\b(deploy|docker\s+push|kubectl|helm\s+(upgrade|install)|terraform\s+apply|fly(ctl)?\s|gcloud|aws\s|heroku|rsync|scp|ssh|twine\s+upload|npm\s+publish|gem\s+push)\b/i;
    const deploys = (j: { steps: { run: string | null; uses: string | null }[]; environment: string | null }) =>
      !!j.environment || j.steps.some((st) => DEPLOY_STEP_RE.test(st.run ?? "") || /deploy|publish|release/i.test(st.uses ?? ""));
    const testOnly = (j: { services: unknown[]; steps: { run: string | null; uses: string | null }[]; environment: string | null }) =>
      j.services.length > 0 && !deploys(j);
    // v11 (session 21, after looking at session27d: logto's integration-test.yml passes `SECRET_VAULT_KEK: DtPW…` to the
    // job that runs its integration tests; human III pass / scanner partial, every unit capped by the critical finding):
    // a workflow or job named for tests (Integration Test, e2e.yml, job `test`) that deploys nothing runs throwaway test
    // instances — its literals are fixtures unless provider-shaped
    const TEST_WF_NAME_RE = /\b(tests?|testing|e2e|integration)\b/i;
    const TEST_WF_FILE_RE = /(^|[-_.])(tests?|e2e|integration)([-_.]|$)/i;
    const TEST_JOB_RE = /(^|[-_])(tests?|e2e|integration)([-_]|$)/i;
    const provider = (v: string) => scanSecrets(v, { generic: false }).some((m) => m.kind === "provider" || m.kind === "private-key");
    for (const wf of ctx.snapshot.workflows()) {
      const envs: [Record<string, unknown>, (string | number)[], boolean][] = [[wf.env, ["env"], false]];
      const testNamed = TEST_WF_NAME_RE.test(wf.name ?? "") || TEST_WF_FILE_RE.test(basename(wf.path).replace(/\.ya?ml$/, ""));
      for (const j of wf.jobs) {
        const t = testOnly(j) || ((testNamed || TEST_JOB_RE.test(j.id)) && !deploys(j));
        envs.push([j.env, ["jobs", j.id, "env"], t]);
        for (const s of j.steps) envs.push([s.env, ["jobs", j.id, "steps", s.index, "env"], t]);
        const creds = (wf.doc.data as Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>>)?.jobs?.[j.id]?.container?.credentials;
        const pw = literal(creds?.password);
        if (pw) hit(wf.path, wf.doc.line(["jobs", j.id, "container", "credentials", "password"]), "container.credentials.password", pw, `job ${j.id}`);
      }
      // v4: the env chain (workflow → job → step) declares the test environment: its secrets are fixtures
      const declaresTest = (env: Record<string, unknown>) => Object.entries(env).some(([k, raw]) => TEST_ENV_KEY_RE.test(k) && typeof raw === "string" && TEST_ENV_VALUE_RE.test(raw.trim()));
      const wfTest = declaresTest(wf.env);
      const testChain: boolean[] = [wfTest];
      for (const j of wf.jobs) {
        const jobTest = wfTest || declaresTest(j.env);
        testChain.push(jobTest);
        for (const st of j.steps) testChain.push(jobTest || declaresTest(st.env));
      }
      envs.forEach(([env, base, testJob], idx) => {
        for (const [k, raw] of Object.entries(env)) {
          const v = literal(raw);
          if (!v || !isSecretKeyName(k)) continue;
          // v3: a well-known default (PGPASSWORD: postgres) in CI env is the password of a throwaway test
          // service container, not a credential: low, like a dev compose file
          // v4: a job/step whose env declares the test environment; a test-only job (service containers, no
          // deploy step): its literals are fixtures unless provider-shaped
          const fixture = (testChain[idx] || testJob) && !provider(v);
          hit(wf.path, wf.doc.line([...base, k]), k, v, "workflow env", WEAK_DEV_RE.test(v) || fixture ? "low" : undefined);
        }
      });
    }
    for (const path of files) {
      const name = basename(path);
      if (name === "fly.toml") {
        const env = (ctx.snapshot.toml(path)?.env ?? {}) as Record<string, unknown>;
        for (const [k, raw] of Object.entries(env)) {
          const v = literal(raw);
          if (v && isSecretKeyName(k)) hit(path, ctx.snapshot.findLine(path, new RegExp(`^\\s*${k}\\s*=`)), k, v, "fly [env]");
        }
      } else if (name === "render.yaml") {
        const doc = ctx.snapshot.yaml(path)?.[0];
        const services = ((doc?.data as { services?: { envVars?: { key?: string; value?: unknown }[] }[] })?.services ?? []);
        services.forEach((s, i) => (s.envVars ?? []).forEach((e, j) => {
          const v = literal(e.value);
          if (v && e.key && isSecretKeyName(e.key)) hit(path, doc?.line(["services", i, "envVars", j, "value"]), e.key, v, "render envVars");
        }));
      } else if (name === "app.json") {
        const env = ((ctx.snapshot.json(path) as { env?: Record<string, unknown> } | undefined)?.env ?? {});
        for (const [k, raw] of Object.entries(env)) {
          const v = typeof raw === "string" ? literal(raw) : literal((raw as { value?: unknown } | null)?.value);
          if (v && isSecretKeyName(k) && !(raw as { generator?: string } | null)?.generator) hit(path, ctx.snapshot.findLine(path, `"${k}"`), k, v, "app.json env");
        }
      } else if (/^serverless\.ya?ml$/.test(name)) {
        const doc = ctx.snapshot.yaml(path)?.[0];
        const data = (doc?.data ?? {}) as { provider?: { environment?: Record<string, unknown> }; functions?: Record<string, { environment?: Record<string, unknown> }> };
        const check = (env: Record<string, unknown> | undefined, base: (string | number)[]) => {
          for (const [k, raw] of Object.entries(env ?? {})) {
            const v = literal(raw);
            if (v && isSecretKeyName(k)) hit(path, doc?.line([...base, k]), k, v, "serverless environment");
          }
        };
        check(data.provider?.environment, ["provider", "environment"]);
        for (const [fn, def] of Object.entries(data.functions ?? {})) check(def?.environment, ["functions", fn, "environment"]);
      } else if (/\.tf$/.test(name)) {
        const visit = (blocks: readonly import("../snapshot/index.ts").TfBlock[], where: string) => {
          for (const b of blocks) {
            const label = `${b.type} ${b.labels.join(".")}`.trim();
            for (const a of b.attrs) {
              if (typeof a.literal !== "string" || !a.literal) continue;
              const v = literal(a.literal);
              if (!v) continue;
              const secretAttr = (b.type === "provider" && /^(access_key|secret_key|token|password|client_secret)$/.test(a.key)) ||
                (b.type === "variable" && a.key === "default" && isSecretKeyName(b.labels[0] ?? "")) ||
                (b.type !== "variable" && isSecretKeyName(a.key) && !/_(arn|id|name|length|version)$/i.test(a.key));
              if (secretAttr) hit(path, a.line, b.type === "variable" ? `${b.labels[0]}.default` : a.key, v, where || label);
            }
            visit(b.blocks, label);
          }
        };
        visit(ctx.snapshot.hcl(path) ?? [], "");
      }
    }
  },
});
