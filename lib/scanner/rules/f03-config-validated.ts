import { defineRule } from "./define-rule.ts";
import { envReads, isToolingFile } from "../detectors/env-reads.ts";
import type { Language } from "../types.ts";

interface Signal {
  path: string;
  line: number;
  note: string;
}

/** TOKEN validation patterns per language (comment-stripped code). */
const TOKEN_VALIDATION: { langs: Language[]; re: RegExp; note: string }[] = [
  { langs: ["python"], re: /^\s*class\s+\w+\s*\([^)]*\bBaseSettings\b[^)]*\)\s*:/, note: "pydantic-settings BaseSettings" },
  { langs: ["python"], re: /\benviron\.Env\s*\(\s*\w+\s*=\s*\(/, note: "django-environ typed schema" },
  { langs: ["python"], re: /\bconfig\s*\(\s*['"][A-Z_][A-Z0-9_]*['"][^)]*\bcast\s*=/, note: "python-decouple cast" },
  { langs: ["python"], re: /\bValidator\s*\(\s*['"][A-Z_]/, note: "dynaconf Validator" },
  { langs: ["python"], re: /\benv\.(?:int|bool|url|list|db_url|float|json)\s*\(\s*['"][A-Z_]/, note: "typed env reads (django-environ/environs)" },
  { langs: ["go"], re: /`[^`]*\b(?:required:"true"|env:"[A-Z_0-9]+,[^"]*\b(?:required|notEmpty)\b)[^`]*`/, note: "struct tags with required env" },
  // v5: Go config libraries that parse every setting from env (and flags) into a typed struct at startup and fail on a
  // malformed or missing value — the Go form of a config schema (accuracy bench session 8: homebox ardanlabs/conf,
  // remark42 go-flags `long:"…" env:"…"` options; human III pass)
  { langs: ["go"], re: /\bconf\.Parse\s*\([^,()]*,\s*&/, note: "ardanlabs/conf typed parse of env/flags" },
  { langs: ["go"], re: /\benvconfig\.(?:Process|MustProcess)\s*\(/, note: "envconfig typed parse" },
  { langs: ["go"], re: /\benv\.(?:Parse|ParseWithOptions)\s*\(\s*&/, note: "caarlos0/env typed parse" },
  { langs: ["go"], re: /`[^`]*\blong:"[^"]+"[^`]*\benv:"[A-Z][A-Z_0-9]+"[^`]*`/, note: "go-flags options bound to env" },
  { langs: ["java", "kotlin"], re: /@Validated\b/, note: "@Validated configuration properties" },
  { langs: ["csharp"], re: /\.ValidateOnStart\s*\(|\.ValidateDataAnnotations\s*\(/, note: "options validated on start" },
  { langs: ["php"], re: /->required\s*\(\s*\[|Dotenv::required\s*\(/, note: "phpdotenv required()" },
  // v3: Ruby config schemas that type and validate every setting (env source included) at boot
  { langs: ["ruby"], re: /\bKonfig::Config\.build\s*\(/, note: "Konfig schema build" },
  { langs: ["ruby"], re: /<\s*Anyway::Config\b/, note: "anyway_config class" },
];

/** v3: the module that holds the app's environment configuration (env.ts, config/environment.ts, env.validation.ts). */
const ENV_MODULE_RE = /(^|\/)(env|environment|config|configuration|settings)(\.[\w-]+)?\.[cm]?[jt]s$/i;

export default defineRule({
  meta: {
    id: "F03-CONFIG-VALIDATED",
    version: 6,
    factor: "F03",
    kind: "evidence",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    reducedFor: ["cli"],
    technique: ["TS-AST", "TOKEN"],
    title: "Central, validated config with fail-fast startup",
    rationale:
      "When every setting is read and validated in one module at startup, a missing or malformed variable stops the deploy immediately with a clear error instead of surfacing hours later as a null URL deep in a request. One module also makes the config contract reviewable.",
    remediation: "Read and validate all environment variables in one module at startup (envalid, zod, pydantic-settings, envconfig) and exit with a clear error when a required one is missing.",
    docs: {
      bad: [{ file: "src/routes/pay.ts", code: "const stripe = new Stripe(process.env.STRIPE_KEY!); // read ad hoc, unchecked" }],
      good: [{ file: "src/config.ts", code: "export const env = cleanEnv(process.env, { STRIPE_KEY: str(), DATABASE_URL: url() });" }],
    },
    sources: [
      { title: "eslint-plugin-n no-process-env", url: "https://github.com/eslint-community/eslint-plugin-n/blob/master/docs/rules/no-process-env.md" },
      { title: "twelve-factor CHECKLIST (config validated at startup)", url: "https://github.com/twelve-factor/twelve-factor" },
    ],
    deviations:
      "Centralisation needs at least three env reads to count (with one or two reads, 'centralised' is trivially true and says nothing), except that a validation schema with at most two ad-hoc reads elsewhere counts as the central module (cleanEnv/BaseSettings read the env without per-variable reads). Reads confined to one config directory (Laravel's config/*.php, a settings/ package) count as centralised. Ruby `ENV.fetch(\"X\")` without default (raises on missing) counts as validation when ≥ 80 % of reads use it. Spring `${X}` placeholders without default fail at startup and count as validation when ≥ 80 % of placeholders have no default. Python `environ.Env()` counts only with a typed schema or typed reads. JS/TS: besides `schema.parse(process.env)`, a `parse/safeParse/validate` call on an env/config-named schema (`envSchema.safeParse(input)`) counts when the same file imports a schema library and passes the whole environment object along (`parseEnv(source = process.env)`, `Object.entries(process.env)`): the testable form of the same validation. v3 (accuracy bench session 5a: outline validates its env class with class-validator decorators and `validate(this)` in server/env.ts, found as \"no validation\"): a class-validator `validate`/`validateSync`/`validateOrReject` call in the env module (env.ts, environment.ts, config.ts, env.validation.ts …) counts as validation. v4 (accuracy bench session5b, postal): Ruby config schemas (`Konfig::Config.build(Schema, sources: [Konfig::Sources::Environment.new(ENV), …])`, `class AppConfig < Anyway::Config`) count as validation, and Bundler/Rails generated binstubs (bin/bundle, bin/rails, bin/rake, bin/setup …) are tooling whose env reads are not app config. v5 (accuracy bench session 8: homebox, remark42 — human III pass, every setting parsed from env/flags into a typed struct): Go config libraries that parse the environment into a typed struct at startup count as validation — ardanlabs/conf `conf.Parse(prefix, &cfg)`, kelseyhightower/envconfig `envconfig.Process`, caarlos0/env `env.Parse(&cfg)`, and go-flags options bound to env (`long:\"…\" env:\"…\"` struct tags). v6 (session 11: hexpm config/runtime.exs, Elixir env reads now collected): Elixir `System.fetch_env!(\"X\")` raises while the release boots when X is unset — like Ruby `ENV.fetch(\"X\")` it counts as fail-fast validation when at least 80 % of the (≥ 3) Elixir env reads outside config/dev.exs and config/test.exs use it without a default.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source"] });
    const reads = envReads(ctx.snapshot, files.filter((f) => !isToolingFile(f.path)));
    const validation: Signal[] = [];
    for (const f of files) {
      if (f.language === "javascript" || f.language === "typescript") {
        const facts = ctx.snapshot.jsFacts(f.path);
        if (!facts) continue;
        const imported = new Set(facts.imports.map((i) => i.source));
        const schemaLib = ["zod", "joi", "yup", "valibot", "@sinclair/typebox", "ajv", "class-validator"].some((l) => imported.has(l));
        // The file hands the whole environment object to something (`source = process.env`,
        // `Object.entries(process.env)`), not just `process.env.X` member reads.
        const wholeEnv = schemaLib && /\b(process\.env|import\.meta\.env|Bun\.env)(?![\w.[?])/.test(ctx.snapshot.text(f.path) ?? "");
        for (const c of facts.calls) {
          const o = c.origin ?? "";
          const argEnv = c.args.some((a) => /^(process\.env|import\.meta\.env|Bun\.env)$/.test(a.text));
          let note: string | null = null;
          if (o === "envalid" && /^cleanEnv$/.test(c.name)) note = "envalid cleanEnv";
          else if (/^@t3-oss\/env-/.test(o) && c.name === "createEnv") note = "t3-env createEnv";
          else if (o === "znv" && c.name === "parseEnv") note = "znv parseEnv";
          else if (o === "env-var" && c.name === "required") note = "env-var required()";
          else if (o === "convict" && c.name === "validate") note = "convict validate()";
          else if (/^(parse|safeParse|parseAsync|validate|validateSync|assert)$/.test(c.name) && argEnv && (imported.has("zod") || imported.has("joi") || imported.has("yup") || imported.has("valibot") || imported.has("@sinclair/typebox") || imported.has("ajv") || imported.has("class-validator"))) note = `schema ${c.name}(process.env)`;
          // `envSchema.safeParse(input)` where input is built from an env object passed in (testable
          // `parseEnv(source = process.env)`): the schema object is named for the env/config.
          else if (/^(parse|safeParse|parseAsync|safeParseAsync|validate|validateSync)$/.test(c.name) && wholeEnv && /(^|[^a-z])(env|environment|config|settings)|Env|Config|Settings/.test(c.object ?? "")) note = `schema ${c.object}.${c.name}() over the environment`;
          // v3: class-validator run over the env config class in the env module (`validate(this)` in server/env.ts)
          else if (o === "class-validator" && /^(validate|validateSync|validateOrReject)$/.test(c.name) && ENV_MODULE_RE.test(f.path)) note = "class-validator validate() of the environment class";
          else if (o === "@nestjs/config" && c.name === "forRoot" && c.args[0]?.props && (c.args[0].props.validationSchema || c.args[0].props.validate)) note = "@nestjs/config validationSchema";
          if (note) validation.push({ path: f.path, line: c.line, note });
        }
        continue;
      }
      const pats = TOKEN_VALIDATION.filter((p) => f.language && p.langs.includes(f.language));
      if (!pats.length) continue;
      const lines = ctx.snapshot.tokens(f.path)?.codeLines() ?? [];
      lines.forEach((l, i) => {
        for (const p of pats) if (p.re.test(l)) validation.push({ path: f.path, line: i + 1, note: p.note });
      });
    }
    // Fail-fast reads: Ruby ENV.fetch without default, Spring ${X} without default, (v6) Elixir System.fetch_env!
    // outside Mix's dev/test config.
    for (const lang of ["ruby", "properties", "yaml", "elixir"] as const) {
      const rs = reads.filter((r) => r.language === lang && (lang === "ruby" || (lang === "elixir" ? ctx.snapshot.file(r.path)?.env !== "dev" && ctx.snapshot.file(r.path)?.env !== "test" : /(^|\/)(application|bootstrap)[\w-]*\./.test(r.path))));
      if (rs.length < 3) continue;
      const failFast = lang === "ruby" ? /ENV\.fetch/ : lang === "elixir" ? /System\.fetch_env!/ : null;
      const strict = rs.filter((r) => !r.fallback && (!failFast || failFast.test(ctx.snapshot.lines(r.path)[r.line - 1] ?? "")));
      if (strict.length / rs.length >= 0.8) validation.push({ path: strict[0].path, line: strict[0].line, note: lang === "ruby" ? "ENV.fetch without default (fails fast)" : lang === "elixir" ? "System.fetch_env! (raises at boot when unset)" : "placeholders without defaults (fail at startup)" });
    }

    if (!reads.length && !validation.length) return ctx.na("the code reads no configuration from the environment");
    // Centralisation: ≥ 80 % of reads in ≤ 2 files.
    const perFile = new Map<string, number>();
    for (const r of reads) perFile.set(r.path, (perFile.get(r.path) ?? 0) + 1);
    const top = [...perFile.entries()].sort((a, b) => b[1] - a[1]);
    const topTwo = (top[0]?.[1] ?? 0) + (top[1]?.[1] ?? 0);
    // A validation schema is itself the central module when the rest of the code barely touches the env.
    const validationFiles = new Set(validation.map((v) => v.path));
    const adHoc = reads.filter((r) => !validationFiles.has(r.path)).length;
    // Framework convention: env read only inside one config directory (Laravel config/*.php, settings/ packages).
    const perDir = new Map<string, number>();
    for (const r of reads) {
      const d = r.path.includes("/") ? r.path.slice(0, r.path.lastIndexOf("/")) : ".";
      if (/(^|\/)(config|configs|settings|conf|configuration)$/.test(d)) perDir.set(d, (perDir.get(d) ?? 0) + 1);
    }
    const dirShare = Math.max(0, ...perDir.values()) / Math.max(1, reads.length);
    const centralised = (reads.length >= 3 && (topTwo / reads.length >= 0.8 || dirShare >= 0.8)) || (validation.length > 0 && adHoc <= 2);
    const share = reads.length ? Math.round((100 * topTwo) / reads.length) : 0;

    for (const v of validation.slice(0, 3)) ctx.evidence({ path: v.path, line: v.line, note: v.note });
    if (centralised) ctx.evidence({ path: top[0]?.[0] ?? validation[0].path, note: reads.length >= 3 ? `${share}% of ${reads.length} env reads in ${top.length === 1 ? "one file" : "two files"}` : "configuration is read through the validated schema" });
    const score = (validation.length ? 0.5 : 0) + (centralised ? 0.5 : 0);
    if (score === 0) {
      ctx.report({ path: top[0]?.[0] ?? reads[0].path, message: "Environment variables are read ad hoc across the code without validation.", severity: "info", match: "no-validation", data: { envReads: reads.length, files: perFile.size, centralisedShare: share } });
      return ctx.score(0, { absence: true, reason: `no validation library/schema found; ${share}% of env reads in the top two files` });
    }
    return ctx.score(score, { reason: `${validation.length ? "validated" : "not validated"}; ${centralised ? "centralised" : `${share}% of env reads in the top two files`}` });
  },
});
