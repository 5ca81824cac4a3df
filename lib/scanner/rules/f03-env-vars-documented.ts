import { defineRule } from "./define-rule.ts";
import { envReads, PLATFORM_ENV_RE, isToolingFile } from "../detectors/env-reads.ts";

const DOTENV_NAME_RE = /(^|\/)(\.env(\.[\w.-]+)?|[\w.-]+\.env|env\.(example|sample|template))$/;
const UPPER_RE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z]{3,}\b/g;

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export default defineRule({
  meta: {
    id: "F03-ENV-VARS-DOCUMENTED",
    version: 1,
    factor: "F03",
    kind: "evidence",
    severity: "low",
    confidence: "medium",
    appliesTo: ["service", "worker", "static"],
    reducedFor: ["cli"],
    technique: ["TS-AST", "TOKEN", "PARSE", "XREF"],
    title: "Every env var the code reads is documented",
    rationale:
      "Config in the environment only works when operators know which variables to set. A template (.env.example, app.json env, render.yaml envVars, the Kubernetes/compose env list) that covers every variable the code reads makes a new deploy a checklist instead of an archaeology exercise, and missing variables are caught before the app crashes in production.",
    remediation: "Add every variable the app reads to `.env.example` (empty values for secrets) or your deploy manifest so new deploys know exactly what to set.",
    docs: {
      bad: [{ file: "src/config.ts", code: "export const stripeKey = process.env.STRIPE_KEY; // not in .env.example" }],
      good: [{ file: ".env.example", code: "DATABASE_URL=\nSTRIPE_KEY=\nLOG_LEVEL=info" }],
    },
    sources: [
      { title: "twelve-factor CHECKLIST (.env.example template)", url: "https://github.com/twelve-factor/twelve-factor" },
      { title: "Heroku app.json env schema", url: "https://devcenter.heroku.com/articles/app-json-schema#env" },
    ],
    deviations:
      "Contract sources: tracked .env* files and templates (commented-out `# NAME=` lines count: they document an optional variable), app.json env, render.yaml envVars, compose environment, Kubernetes env/ConfigMap/Secret keys, Helm values keys, fly.toml [env], serverless environment, Dockerfile ENV, and any Markdown file that names the variable (README tables, docs/). Reads in dev/test files and build/test tooling (`*.config.*`, scripts/, CI) do not count toward coverage. Platform- and framework-provided names (PORT, NODE_ENV, DJANGO_SETTINGS_MODULE, RAILS_ENV, FLY_*, K_SERVICE …) are ignored. Coverage is computed over required variables (read at least once without an in-code default); variables that always have a default are optional tunables (Laravel/Rails config files read dozens) and only count when no variable is required. Undocumented variables are listed as info findings (no extra penalty beyond the coverage score).",
  },
  check(ctx) {
    const reads = envReads(ctx.snapshot, ctx.files({ roles: ["source"] }).filter((f) => !isToolingFile(f.path))).filter((r) => !PLATFORM_ENV_RE.test(r.name));
    if (!reads.length) return ctx.na("the code reads no environment variables by name");
    const documented = new Set<string>();
    const contracts: { path: string; note: string }[] = [];
    const add = (path: string, names: Iterable<string>, note: string) => {
      let n = 0;
      for (const name of names) {
        documented.add(name);
        n++;
      }
      if (n) contracts.push({ path, note: `${note} (${n} names)` });
    };
    const files = ctx.files({ roles: ["source", "dev", "example"] });
    const inScope = new Set(files.map((f) => f.path));
    for (const f of files) {
      const base = f.path.split("/").pop() ?? "";
      if (DOTENV_NAME_RE.test(f.path) && f.language !== "javascript" && f.language !== "typescript") {
        const commented = [...(ctx.snapshot.text(f.path) ?? "").matchAll(/^\s*#\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=/gm)].map((m) => m[1]);
        add(f.path, [...(ctx.snapshot.dotenv(f.path) ?? []).map((e) => e.key), ...commented], "env file");
      } else if (base === "app.json") {
        add(f.path, Object.keys(obj(obj(ctx.snapshot.json(f.path)).env)), "app.json env");
      } else if (/^render\.ya?ml$/.test(base)) {
        const names: string[] = [];
        for (const d of ctx.snapshot.yaml(f.path) ?? []) {
          const data = obj(d.data);
          for (const s of [...arr(data.services), ...arr(data.envVarGroups)]) for (const e of arr(obj(s).envVars)) if (typeof obj(e).key === "string") names.push(String(obj(e).key));
        }
        add(f.path, names, "render.yaml envVars");
      } else if (base === "fly.toml") {
        add(f.path, Object.keys(obj(ctx.snapshot.toml(f.path)?.env)), "fly.toml [env]");
      } else if (/^serverless\.ya?ml$/.test(base)) {
        const names: string[] = [];
        for (const d of ctx.snapshot.yaml(f.path) ?? []) {
          const data = obj(d.data);
          names.push(...Object.keys(obj(obj(data.provider).environment)));
          for (const fn of Object.values(obj(data.functions))) names.push(...Object.keys(obj(obj(fn).environment)));
        }
        add(f.path, names, "serverless environment");
      } else if (/(^|\/)values[\w.-]*\.ya?ml$/.test(f.path) || f.language === "markdown") {
        const text = ctx.snapshot.text(f.path) ?? "";
        add(f.path, new Set(text.match(UPPER_RE) ?? []), f.language === "markdown" ? "documentation" : "Helm values");
      } else if (f.language === "dockerfile") {
        const model = ctx.snapshot.dockerfile(f.path);
        add(f.path, (model?.instructions ?? []).filter((i) => i.keyword === "ENV" || i.keyword === "ARG").flatMap((i) => i.properties.map((p) => p.name)), "Dockerfile ENV/ARG");
      }
    }
    for (const c of ctx.snapshot.composeFiles()) {
      if (!inScope.has(c.path)) continue;
      add(c.path, c.services.flatMap((s) => (s.environment ?? []).map((e) => e.name)), "compose environment");
    }
    for (const o of ctx.snapshot.k8sObjects()) {
      if (!inScope.has(o.path)) continue;
      const names: string[] = [];
      for (const c of o.containers) for (const e of c.env ?? []) names.push(e.name);
      if (o.kind === "ConfigMap" || o.kind === "Secret") names.push(...Object.keys(obj(obj(o.data).data)), ...Object.keys(obj(obj(o.data).stringData)));
      add(o.path, names, `Kubernetes ${o.kind}`);
    }

    if (!contracts.length) {
      ctx.report({ path: reads[0].path, line: reads[0].line, message: "No env contract documents the variables the code reads.", severity: "info", match: "no-contract" });
      return ctx.score(0, { absence: true, reason: "no .env.example, app.json, manifest env list or documentation lists the variables" });
    }
    // A variable every read of which has an in-code default is optional; the contract must cover the required ones.
    const required = new Set(reads.filter((r) => !r.fallback).map((r) => r.name));
    const counted = required.size ? reads.filter((r) => required.has(r.name)) : reads;
    const firstRead = new Map<string, (typeof reads)[number]>();
    for (const r of counted) if (!firstRead.has(r.name)) firstRead.set(r.name, r);
    const missing = [...firstRead.values()].filter((r) => !documented.has(r.name));
    const coverage = (firstRead.size - missing.length) / firstRead.size;
    for (const c of contracts.slice(0, 5)) ctx.evidence({ path: c.path, note: c.note });
    for (const r of missing.slice(0, 25)) {
      ctx.report({ path: r.path, line: r.line, message: "Environment variable is read but not documented in any env contract.", severity: "info", match: r.name, data: { variable: r.name } });
    }
    return ctx.score(coverage >= 0.9 ? 1 : coverage, { reason: `${firstRead.size - missing.length}/${firstRead.size} ${required.size ? "required " : ""}variables documented` });
  },
});
