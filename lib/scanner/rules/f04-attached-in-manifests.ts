import { defineRule } from "./define-rule.ts";
import { backingClients } from "../detectors/backing-clients.ts";
import { composeServiceForUnit, k8sObjectForUnit, sharedFileForUnit } from "../detectors/unit-scope.ts";

/** Env var names that carry a backing-service locator. */
const LOCATOR_NAME_RE = /(_|^)(URL|URI|DSN|HOST|HOSTNAME|ADDR|ADDRESS|ENDPOINT|BROKERS?|SERVERS|CONNECTION(_STRING)?|CONN(_STR)?)$|^(DATABASE|DB|POSTGRES|PG|MYSQL|MONGO|MONGODB|REDIS|VALKEY|MEMCACHED?|AMQP|RABBITMQ|KAFKA|NATS|ELASTICSEARCH|OPENSEARCH|S3|SMTP|MAIL|CACHE|QUEUE|BROKER)(_|$)|^ConnectionStrings__/i;
const RESOURCE_URI_RE = /^(postgres(ql)?|mysql|mariadb|mongodb(\+srv)?|rediss?|amqps?|nats|kafka|memcached|smtps?|jdbc:\w+):\/\//i;

type Binding = { path: string; line: number | undefined; note: string; byRef: boolean };

export default defineRule({
  meta: {
    id: "F04-ATTACHED-IN-MANIFESTS",
    version: 2,
    factor: "F04",
    kind: "evidence",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker", "infra"],
    technique: ["PARSE"],
    title: "Platform manifests attach resources by reference",
    rationale:
      "Backing services are attached resources: the deploy configuration binds a database or queue to the app by reference (Heroku add-ons, Render fromDatabase, a Kubernetes secretKeyRef, a Service Binding) and injects its URL as an environment variable, so resources can be attached, swapped or rotated per deploy without touching code or rebuilding.",
    remediation: "Declare the resources the app needs in the deploy manifest and inject their URLs by reference (secretKeyRef / envFrom, add-ons, fromDatabase) as environment variables.",
    docs: {
      bad: [{ file: "k8s/deployment.yaml", code: "env:\n  - name: DATABASE_URL\n    value: postgres://app@10.0.3.12:5432/app" }],
      good: [{ file: "k8s/deployment.yaml", code: "env:\n  - name: DATABASE_URL\n    valueFrom:\n      secretKeyRef:\n        name: api-db\n        key: url" }],
    },
    sources: [
      { title: "Heroku app.json schema (addons)", url: "https://devcenter.heroku.com/articles/app-json-schema" },
      { title: "Render Blueprint fromDatabase", url: "https://render.com/docs/blueprint-spec" },
      { title: "12factor.net — Backing services", url: "https://12factor.net/backing-services" },
    ],
    deviations:
      "Only env vars whose name carries a locator (…_URL/_URI/_DSN/_HOST, DATABASE_*, REDIS_* …) count, so an unrelated secretKeyRef (API tokens) is not evidence of an attached resource; `envFrom` secret/configMap refs count as reference bindings. A compose file whose DATABASE_URL points at another compose service name, or a non-dev compose service that takes its config from an `env_file`, counts only at 0.75: it is wiring, not a platform binding. Score: any deploy reference binding → 1.0; only compose wiring → 0.75; only literal locators → 0 (medium confidence); manifests present and the code uses backing services but nothing is attached → 0 as absence; no deploy manifests or no backing services at all → na. v2 (accuracy bench session7a: mathesar, human IV pass — POSTGRES_HOST: ${POSTGRES_HOST:-mathesar_db} pointing at the db service's container_name): a compose service is reachable by its name, container_name or hostname; a locator written as an interpolation with a default is judged by its default; a bare host name (no port) in a locator variable counts.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source", "dev"] });
    const scope = new Set(files.map((f) => f.path));
    const bindings: Binding[] = [];
    let manifests = 0;

    for (const f of files) {
      const name = f.path.split("/").pop()!;
      if (!sharedFileForUnit(ctx.snapshot, ctx.unit, f.path)) continue;
      if (name === "app.json") {
        manifests++;
        const j = ctx.snapshot.json(f.path) as { addons?: unknown[] } | undefined;
        if (Array.isArray(j?.addons) && j!.addons.length) {
          const names = j!.addons.map((a) => (typeof a === "string" ? a : String((a as { plan?: unknown }).plan ?? "addon"))).join(", ");
          bindings.push({ path: f.path, line: ctx.snapshot.findLine(f.path, /"addons"/), note: `Heroku add-ons provisioned and attached: ${names}`, byRef: true });
        }
      } else if (name === "render.yaml") {
        manifests++;
        const doc = ctx.snapshot.yaml(f.path)?.[0];
        const services = ((doc?.data as { services?: Record<string, unknown>[] } | undefined)?.services ?? []);
        services.forEach((s, i) => {
          (Array.isArray(s.envVars) ? s.envVars : []).forEach((e: Record<string, unknown>, j: number) => {
            if (e && (e.fromDatabase || e.fromService)) bindings.push({ path: f.path, line: doc?.line(["services", i, "envVars", j]), note: `Render ${e.fromDatabase ? "fromDatabase" : "fromService"} → ${String(e.key ?? "")}`, byRef: true });
            else if (e && typeof e.value === "string" && LOCATOR_NAME_RE.test(String(e.key ?? "")) && RESOURCE_URI_RE.test(e.value)) bindings.push({ path: f.path, line: doc?.line(["services", i, "envVars", j]), note: `literal ${String(e.key)}`, byRef: false });
          });
        });
      }
    }

    for (const o of ctx.snapshot.k8sObjects()) {
      if (!scope.has(o.path) || !k8sObjectForUnit(ctx.snapshot, ctx.unit, o)) continue;
      manifests++;
      if (/servicebinding\.io/.test(o.apiVersion) || (/crossplane\.io/.test(o.apiVersion) && /Claim$|Instance$/.test(o.kind))) {
        bindings.push({ path: o.path, line: o.line, note: `${o.kind} ${o.name ?? ""} binds a resource`, byRef: true });
        continue;
      }
      for (const c of o.containers) {
        for (const e of c.env) {
          if (!LOCATOR_NAME_RE.test(e.name)) continue;
          if (e.ref && /secretKeyRef|configMapKeyRef/.test(e.ref)) bindings.push({ path: o.path, line: e.line, note: `${e.name} from ${/secretKeyRef/.test(e.ref) ? "secretKeyRef" : "configMapKeyRef"}`, byRef: true });
          else if (e.value && e.value.startsWith("__HELM__")) bindings.push({ path: o.path, line: e.line, note: `${e.name} from Helm values`, byRef: true });
          else if (e.value && RESOURCE_URI_RE.test(e.value)) bindings.push({ path: o.path, line: e.line, note: `literal ${e.name}`, byRef: false });
        }
        c.envFrom.forEach((ef, i) => {
          const r = (ef ?? {}) as Record<string, unknown>;
          if (r.secretRef || r.configMapRef) bindings.push({ path: o.path, line: o.doc.line([...c.path, "envFrom", i]), note: `envFrom ${r.secretRef ? "secretRef" : "configMapRef"} ${String(((r.secretRef ?? r.configMapRef) as Record<string, unknown>).name ?? "")}`, byRef: true });
        });
      }
    }

    for (const f of ctx.snapshot.terraformFiles()) {
      if (!scope.has(f.path)) continue;
      const blocks = ctx.snapshot.hcl(f.path) ?? [];
      if (blocks.length) manifests++;
      for (const b of blocks) {
        if (b.type !== "resource") continue;
        const [rt = ""] = b.labels;
        if (/^aws_(ssm_parameter|secretsmanager_secret_version)$/.test(rt)) {
          const v = b.attrs.find((a) => a.key === "value" || a.key === "secret_string");
          if (v && /\baws_(db_instance|rds_cluster|elasticache_\w+|mq_broker|msk_cluster|opensearch_domain|s3_bucket)\./.test(v.raw)) bindings.push({ path: f.path, line: v.line, note: `${rt} publishes ${/aws_\w+/.exec(v.raw)![0]} output`, byRef: true });
        }
        if (/^(aws_ecs_task_definition)$/.test(rt) && /"?secrets"?\s*[=:][\s\S]*valueFrom/.test(ctx.snapshot.text(f.path)?.slice(0, 200_000) ?? "")) {
          bindings.push({ path: f.path, line: b.line, note: "ECS task definition injects secrets by reference (valueFrom)", byRef: true });
        }
      }
    }

    const composeWiring: Binding[] = [];
    for (const cf of ctx.snapshot.composeFiles()) {
      if (!scope.has(cf.path)) continue;
      manifests++;
      // v2: a service is reachable by its name, its container_name and its hostname (mathesar: POSTGRES_HOST=mathesar_db,
      // the db service's container_name)
      const names = new Set(cf.services.flatMap((s) => [s.name, s.raw.container_name, s.raw.hostname].filter((n): n is string => typeof n === "string")));
      const own = (s: (typeof cf.services)[number]) => [s.name, s.raw.container_name, s.raw.hostname];
      for (const s of cf.services) {
        if (!composeServiceForUnit(ctx.snapshot, ctx.unit, cf.path, s)) continue;
        if (!cf.dev && s.envFiles.length && (s.build || s.image)) composeWiring.push({ path: cf.path, line: cf.doc.line(["services", s.name, "env_file"]), note: `${s.name}: config injected from env_file ${s.envFiles.join(", ")} (kept out of the repo)`, byRef: true });
        for (const e of s.environment) {
          if (!e.value || !LOCATOR_NAME_RE.test(e.name)) continue;
          // v2: an interpolation with a default (`${POSTGRES_HOST:-mathesar_db}`) is wired to its default; a bare host
          // name in a *_HOST variable is a locator too
          const value = e.value.replace(/^\$\{\w+:?-([^}]*)\}$/, "$1");
          const host = /^[a-z0-9+.-]+:\/\/(?:[^@/]*@)?([^:/?]+)/i.exec(value)?.[1] ?? /^([a-z0-9_.-]+)(:\d+)?$/i.exec(value)?.[1];
          if (host && names.has(host) && !own(s).includes(host)) composeWiring.push({ path: cf.path, line: e.line, note: `${s.name}: ${e.name} points at compose service "${host}"`, byRef: true });
        }
      }
    }

    const refs = bindings.filter((b) => b.byRef);
    const literals = bindings.filter((b) => !b.byRef);
    for (const b of refs.length ? refs : composeWiring) ctx.evidence({ path: b.path, line: b.line, note: b.note });
    if (refs.length) return ctx.score(1, { reason: `${refs.length} resource binding(s) by reference${literals.length ? `; ${literals.length} literal locator(s) too` : ""}` });
    if (composeWiring.length) return ctx.score(0.75, { reason: "resources are wired only in docker-compose (local wiring); no deploy manifest attaches them by reference" });
    if (literals.length) return ctx.score(0, { confidence: "medium", reason: `only literal locators in manifests: ${literals.slice(0, 3).map((l) => `${l.path}:${l.line ?? "-"} ${l.note}`).join(", ")}` });
    if (!manifests) return ctx.na("no deploy manifests (app.json, render.yaml, Kubernetes/Helm, Terraform, compose)");
    const clients = backingClients(ctx.snapshot, ctx.files({ roles: ["source"] }));
    if (!clients.length) return ctx.na("the unit uses no backing services");
    return ctx.score(0, { absence: true, reason: `the code uses ${clients.length} backing-service client(s) but the manifests attach no resource` });
  },
});
