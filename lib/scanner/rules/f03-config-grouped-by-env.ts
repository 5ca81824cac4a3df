import { defineRule, type RuleContext } from "./define-rule.ts";
import { isPlaceholderValue, isSecretKeyName } from "../detectors/secrets.ts";
import { isEnvPlaceholder } from "../detectors/config-derived.ts";
import type { FileEntry } from "../types.ts";

const ENV_WORD = "(?:prod|production|prd|live|staging|stage|stg|preprod|uat|qa)";
/** Application config files named after a deploy environment (not infra overlays/values). */
const ENV_CONFIG_RE = new RegExp(
  [
    `(^|/)config/${ENV_WORD}\\.(json|json5|ya?ml|[cm]?[jt]s|toml|exs)$`,
    `(^|/)config/environments/${ENV_WORD}\\.rb$`,
    `(^|/)settings/${ENV_WORD}\\.py$`,
    `(^|/)settings[_.-]${ENV_WORD}\\.py$`,
    `(^|/)${ENV_WORD}(_settings)?\\.py$`,
    `(^|/)application-${ENV_WORD}\\.(ya?ml|properties)$`,
    `(^|/)appsettings\\.${ENV_WORD}\\.json$`,
    `(^|/)environment\\.${ENV_WORD}\\.ts$`,
    `(^|/)\\.env\\.${ENV_WORD}(\\.local)?$`,
    `(^|/)config/packages/${ENV_WORD}/[^/]+\\.ya?ml$`,
  ].join("|"),
  "i",
);

const LOCAL_RE = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|::1|[\w-]+\.(local|localhost|test|example))$/i;
const INDIRECT_RE = /process\.env|import\.meta\.env|os\.environ|os\.getenv|\bENV\s*[[.]|getenv\s*\(|\benv\s*\(|%env\(|<%=|\$\{|\{\{|System\.getenv|Environment\.GetEnvironmentVariable/;

type Kind = "url" | "host" | "ip" | "secret" | "account";

function classify(key: string, value: string): Kind | null {
  const v = value.trim();
  if (!v || isEnvPlaceholder(v) || INDIRECT_RE.test(v)) return null;
  if (isSecretKeyName(key)) return isPlaceholderValue(v, key) || v.length < 6 ? null : "secret";
  const url = /^[a-z][\w+.-]*:\/\/(?:[^@/\s]*@)?([^/:?#\s]+)/i.exec(v);
  if (url) return LOCAL_RE.test(url[1]) || !/[.]/.test(url[1]) && !/^\d/.test(url[1]) ? null : "url";
  if (/^\d{1,3}(\.\d{1,3}){3}(:\d+)?$/.test(v)) return LOCAL_RE.test(v.replace(/:\d+$/, "")) ? null : "ip";
  if (/(host|domain|server|endpoint|address|bucket|cluster)/i.test(key) && /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/i.test(v) && /\.[a-z]{2,}(:\d+)?$/i.test(v) && !LOCAL_RE.test(v.replace(/:\d+$/, ""))) return "host";
  if (/(account|project)_?id/i.test(key) && /^\d{12}$/.test(v)) return "account";
  return null;
}

interface Literal {
  key: string;
  line: number;
  kind: Kind;
}

function walk(v: unknown, path: string[], out: { key: string; path: string[]; value: string }[]) {
  if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) walk(x, [...path, k], out);
  } else if (typeof v === "string" && path.length) {
    out.push({ key: path[path.length - 1], path, value: v });
  }
}

const LINE_RE = /^\s*(?:export\s+)?(?:const\s+|let\s+|var\s+)?(?:config\.|self\.|\$)?['"]?([\w.]+)['"]?\s*(?:=>|=|:)\s*(?:[\w.]+\()?\s*(['"])([^'"]*)\2/;

export default defineRule({
  meta: {
    id: "F03-CONFIG-GROUPED-BY-ENV",
    version: 1,
    factor: "F03",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker", "static"],
    reducedFor: ["infra"],
    technique: ["FILE", "PARSE"],
    title: "Config batched into named environment files with deploy-specific values",
    rationale:
      "Per-environment config files (config/production.json, settings/prod.py, application-prod.yml) full of hostnames, URLs and credentials mean every new deploy needs a new file in the codebase and values leak into the repository. Twelve-factor config is granular env vars, never grouped into named environments ('a combinatorial explosion of config').",
    remediation: "Keep environment-named files for behaviour only and take every per-deploy value from granular environment variables, so adding a new deploy never requires a new config file.",
    docs: {
      bad: [{ file: "config/production.json", code: '{ "db": { "host": "prod-db.acme.internal.io" }, "apiBaseUrl": "https://api.acme.io" }' }],
      good: [{ file: "config/custom-environment-variables.json", code: '{ "db": { "host": "DB_HOST" }, "apiBaseUrl": "API_BASE_URL" }' }],
    },
    sources: [
      { title: "12factor.net — Config", url: "https://12factor.net/config" },
      { title: "twelve-factor CHECKLIST (config/production.yml red flag)", url: "https://github.com/twelve-factor/twelve-factor" },
    ],
    deviations:
      "Only application config files named after prod/staging-like environments are inspected (infra overlays, Helm values-<env>.yaml and Terraform env dirs are normal deploy config and skipped). Deploy-specific literals are URLs/hosts/IPs of non-local services, secret-named keys with real values, and account IDs; behavioural toggles never count. Secret values are counted (and shown by key only) rather than escalated — F03-HARDCODED-SECRET reports the value itself. ≥ 3 literals → medium, 1–2 → low, none → pass (framework conventions such as Rails/Spring/ASP.NET environment files are accepted when they only hold references or toggles).",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source", "dev", "example"] }).filter((f) => ENV_CONFIG_RE.test(f.path) && !/\.(example|sample|template)$/.test(f.path));
    if (!files.length) return ctx.na("no environment-named config files");
    for (const f of files) {
      const lits = literalsOf(ctx, f);
      if (!lits.length) {
        ctx.evidence({ path: f.path, note: "environment file holds only references/behavioural settings" });
        continue;
      }
      const first = lits[0];
      ctx.report({
        path: f.path,
        line: first.line,
        message: "Environment-named config file holds deploy-specific values.",
        match: `${f.path}:${lits.map((l) => l.key).sort().join(",")}`.slice(0, 300),
        snippet: lits.slice(0, 5).map((l) => `${l.key} (${l.kind})`).join(", "),
        severity: lits.length >= 3 ? "medium" : "low",
        data: { count: lits.length, keys: lits.slice(0, 5).map((l) => l.key).join(", "), secrets: lits.filter((l) => l.kind === "secret").length },
      });
    }
  },
});

function literalsOf(ctx: RuleContext, f: FileEntry): Literal[] {
  const out: Literal[] = [];
  const name = f.path.split("/").pop() ?? "";
  if (/\.json5?$/.test(name) || /\.ya?ml$/.test(name)) {
    const items: { key: string; path: string[]; value: string }[] = [];
    let lineOf: (path: string[], key: string) => number | undefined;
    if (/\.ya?ml$/.test(name)) {
      const docs = ctx.snapshot.yaml(f.path) ?? [];
      for (const d of docs) walk(d.data, [], items);
      lineOf = (p) => docs.map((d) => d.line(p)).find((x) => x !== undefined);
    } else {
      walk(ctx.snapshot.json(f.path), [], items);
      lineOf = (_p, key) => ctx.snapshot.findLine(f.path, `"${key}"`);
    }
    for (const it of items) {
      const kind = classify(it.key, it.value);
      if (kind) out.push({ key: it.path.join("."), line: lineOf(it.path, it.key) ?? 1, kind });
    }
    return out;
  }
  if (/^\.env\./.test(name)) {
    for (const e of ctx.snapshot.dotenv(f.path) ?? []) {
      const kind = classify(e.key, e.value);
      if (kind) out.push({ key: e.key, line: e.line, kind });
    }
    return out;
  }
  const lines = ctx.snapshot.tokens(f.path)?.codeLines() ?? [...ctx.snapshot.lines(f.path)];
  if (name.endsWith(".properties")) {
    lines.forEach((l, i) => {
      const m = /^\s*([\w.\-[\]]+)\s*[=:]\s*(.+?)\s*$/.exec(l);
      const kind = m ? classify(m[1], m[2]) : null;
      if (m && kind) out.push({ key: m[1], line: i + 1, kind });
    });
    return out;
  }
  lines.forEach((l, i) => {
    const m = LINE_RE.exec(l);
    if (!m || INDIRECT_RE.test(l)) return;
    const kind = classify(m[1].split(".").pop()!, m[3]);
    if (kind) out.push({ key: m[1], line: i + 1, kind });
  });
  return out;
}
