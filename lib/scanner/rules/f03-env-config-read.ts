import { defineRule } from "./define-rule.ts";
import { listenSites } from "../detectors/ports.ts";
import { classifyExpression, isErbComputed } from "../detectors/config-derived.ts";
import { balancedArgs } from "../detectors/ports.ts";
import { envReads, isToolingFile } from "../detectors/env-reads.ts";
import type { JsArg, ValueSource } from "../snapshot/index.ts";
import type { Language } from "../types.ts";

interface Sink {
  path: string;
  line: number;
  what: string;
  source: ValueSource["kind"];
  text: string;
}

/** A fallback that can only work locally (localhost, empty, a port number, a dev word) is a dev default: full credit. */
const LOCAL_FALLBACK_RE = /^\s*['"]?(|localhost|127\.0\.0\.1|0\.0\.0\.0|::1|\d{1,5}|postgres|root|dev|development|test|[\w+:.-]+:\/\/(?:[^@/]*@)?(localhost|127\.0\.0\.1|0\.0\.0\.0)(:\d+)?(\/\S*)?)['"]?\s*$/i;
function fallbackIsLocal(text: string): boolean {
  const m = /ENV\.fetch\([^)]*\)\s*\{\s*([^}]*)\}|ENV\.fetch\([^,)]+,\s*([^)]*)\)|\$\{[A-Za-z_][\w.]*:([^}]*)\}|(?:\|\||\?\?)\s*([^,)}]+)/.exec(text);
  const fb = m ? (m[1] ?? m[2] ?? m[3] ?? m[4] ?? "") : null;
  return fb !== null && LOCAL_FALLBACK_RE.test(fb.trim());
}

/** JS client constructors / connect calls whose first argument carries a backing-service locator or secret. */
const JS_SINKS: { origin: RegExp; callee: RegExp; what: string; props?: string[]; arg?: number }[] = [
  { origin: /^pg$/, callee: /^(Pool|Client)$/, what: "PostgreSQL client", props: ["connectionString", "host", "password"] },
  { origin: /^(mysql2?|mysql2\/promise)$/, callee: /^(createConnection|createPool)$/, what: "MySQL client", props: ["uri", "host", "password"] },
  { origin: /^mongoose$/, callee: /^(connect|createConnection)$/, what: "MongoDB connection" },
  { origin: /^mongodb$/, callee: /^MongoClient$/, what: "MongoDB client" },
  { origin: /^(redis|@redis\/client)$/, callee: /^createClient$/, what: "Redis client", props: ["url", "socket", "password"] },
  { origin: /^ioredis$/, callee: /^(default|Redis)$/, what: "Redis client", props: ["host", "password"] },
  { origin: /^amqplib(\/callback_api)?$/, callee: /^connect$/, what: "AMQP connection" },
  { origin: /^kafkajs$/, callee: /^Kafka$/, what: "Kafka client", props: ["brokers"] },
  { origin: /^knex$/, callee: /^(default|knex)$/, what: "knex connection", props: ["connection"] },
  { origin: /^sequelize$/, callee: /^Sequelize$/, what: "Sequelize connection" },
  { origin: /^nodemailer$/, callee: /^createTransport$/, what: "SMTP transport", props: ["host", "auth"] },
  { origin: /^(bullmq|bull)$/, callee: /^(Queue|Worker)$/, what: "queue connection", arg: 1, props: ["connection", "redis"] },
  { origin: /^(@elastic\/elasticsearch)$/, callee: /^Client$/, what: "Elasticsearch client", props: ["node", "cloud"] },
];

function argSource(a: JsArg | undefined, props?: string[]): { kind: ValueSource["kind"]; text: string } | null {
  if (!a) return null;
  const x = a.kind === "identifier" && a.resolved ? a.resolved : a;
  if (x.kind === "object" && x.props) {
    const kinds: ValueSource["kind"][] = [];
    for (const p of props ?? Object.keys(x.props)) {
      const v = x.props[p];
      if (!v) continue;
      const inner = v.kind === "object" ? argSource(v) : { kind: v.source.kind, text: v.text };
      if (inner) kinds.push(inner.kind);
    }
    for (const k of ["env", "config", "env-fallback", "literal"] as const) if (kinds.includes(k)) return { kind: k, text: x.text };
    return null;
  }
  if (x.kind === "array" && x.elements?.length) return argSource(x.elements[0]);
  return { kind: x.source.kind, text: x.text };
}

/** TOKEN sinks: connection calls whose first argument is classified with SD-3. */
const TOKEN_SINKS: Partial<Record<Language, { re: RegExp; what: string }[]>> = {
  python: [
    { re: /\bcreate_(?:async_)?engine\s*\(/g, what: "SQLAlchemy engine" },
    { re: /\b(?:redis\.)?(?:Redis|StrictRedis)\.from_url\s*\(/g, what: "Redis client" },
    { re: /\bpsycopg2?\.connect\s*\(/g, what: "PostgreSQL connection" },
    { re: /\bMongoClient\s*\(/g, what: "MongoDB client" },
    { re: /\bCelery\s*\(\s*[^,)]*,\s*broker\s*=/g, what: "Celery broker" },
    { re: /\bpika\.URLParameters\s*\(/g, what: "AMQP connection" },
  ],
  go: [
    { re: /\bsql\.Open\s*\(\s*"[^"]*"\s*,/g, what: "database/sql" },
    { re: /\bpgxpool\.(?:New|Connect)\s*\(\s*ctx\s*,/g, what: "pgx pool" },
    { re: /\bredis\.ParseURL\s*\(/g, what: "Redis client" },
    { re: /\bmongo\.Connect\s*\(/g, what: "MongoDB client" },
  ],
  ruby: [{ re: /\bRedis\.new\s*\(\s*url:/g, what: "Redis client" }],
};

/** Frameworks that bind environment variables to settings without an explicit read in code. */
const IMPLICIT_ENV_FRAMEWORKS = new Set(["spring-boot", "quarkus", "micronaut", "aspnetcore", "rails", "laravel", "symfony", "next", "nuxt", "remix", "sveltekit"]);
/** Config libraries that layer environment variables over files (node-config, convict, @nestjs/config …). */
const CONFIG_LIBS = new Set(["config", "nconf", "rc", "convict", "@nestjs/config", "dotenv", "env-var", "envalid", "pydantic-settings", "python-decouple", "django-environ", "environs", "dynaconf", "github.com/spf13/viper", "github.com/kelseyhightower/envconfig", "github.com/caarlos0/env", "github.com/caarlos0/env/v6", "github.com/caarlos0/env/v10", "github.com/caarlos0/env/v11"]);

/** First top-level comma-separated item (strings and brackets respected). */
function topLevelFirst(s: string): string {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'" || c === "`") {
      const end = s.indexOf(c, i + 1);
      if (end === -1) break;
      i = end;
    } else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) return s.slice(0, i);
  }
  return s;
}

export default defineRule({
  meta: {
    id: "F03-ENV-CONFIG-READ",
    version: 6,
    factor: "F03",
    kind: "evidence",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker", "static"],
    reducedFor: ["library", "cli"],
    technique: ["TS-AST", "TOKEN"],
    title: "Config is read from the environment",
    rationale:
      "The twelve-factor app stores config — resource handles, credentials, per-deploy values — in environment variables, so one build can run in every environment. This rule measures which share of the places where config enters the code (listen ports, datastore/queue clients, signing keys) take their value from the environment or a config layer on top of it.",
    remediation: "Read each deploy-varying setting from an environment variable in one config module and pass it to the code that needs it.",
    docs: {
      bad: [{ file: "src/db.ts", code: "export const pool = new Pool({ host: 'db.internal', password: 'hunter2' });" }],
      good: [{ file: "src/db.ts", code: "export const pool = new Pool({ connectionString: process.env.DATABASE_URL });" }],
    },
    sources: [
      { title: "12factor.net — Config", url: "https://12factor.net/config" },
      { title: "twelve-factor CHECKLIST (process.env, os.environ, ENV[)", url: "https://github.com/twelve-factor/twelve-factor" },
    ],
    deviations:
      "Sinks are listen ports (shared listenSites detector), JS datastore/queue/SMTP client constructors (pg, mysql2, mongoose/mongodb, redis/ioredis, amqplib, kafkajs, knex, sequelize, nodemailer, bullmq, elasticsearch), framework signing keys (express-session, jsonwebtoken) and TOKEN connection calls in Python/Go/Ruby. Rails database/cable/storage/redis.yml (deployed sections only) and Spring datasource/redis/rabbitmq/kafka locator settings count as sinks (ERB `<%= ENV %>` / `${X}` placeholders = ENV). A listen port with a literal fallback (`PORT || 3000`, puma's `ENV.fetch(\"PORT\") { 3000 }`) gets full credit: the platform always injects PORT and the literal is the local default; likewise any env read whose fallback can only work locally (localhost, empty, a port, `postgres`) — RULES.md's F04 bar accepts a localhost fallback — while a fallback to a real host/value keeps half credit. Sinks whose value cannot be classified (UNKNOWN) are left out of the ratio rather than counted as literals. Auxiliary (metrics/admin) listeners, port-0 listeners (an OS-assigned ephemeral port is not configuration: free-port probes, in-process test servers) and Python `__main__` dev entries are skipped. With no sinks but env reads present the score is 0.75 at medium confidence (RULES.md); with neither the rule is na. Literal sinks are listed as info findings (the ratio is the penalty). v3 (accuracy bench, nestjs-realworld-example-app III human fail / scanner pass): when a service has config sinks but reads *nothing* from the environment (no explicit read, no framework with implicit env binding such as Spring/Rails/ASP.NET, no config library such as node-config/@nestjs/config/viper/pydantic-settings), values from a \"config module\" count as literals (the module can only hold literals) and a high finding with `data.noEnvReads` is reported, which caps III at 45 in score.ts: config is not in the environment at all. v4 (accuracy bench, postal III inversion): in Rails YAML an ERB tag whose expression is not ENV and not a bare string (`<%= Postal::Config.main_db.host %>`, `<%= Rails.application.credentials.db_host %>`) is computed from the app's config at boot and counts as a config-module value, not a literal. v5 (accuracy bench session7b: your_spotify III, human pass / scanner fail — every setting is validated from `process.env[key]` over a table of names in apps/server/src/tools/env.ts): a tools/ or scripts/ directory inside the app's source tree is app code, not repository tooling, and a computed `process.env[key]` read over a table of UPPER_CASE names reads those names (shared env-read detector). v6 (accuracy bench session12b: squidex VII, human pass / scanner fail — `serverOptions.ListenAnyIP(5000)` inside `if (context.HostingEnvironment.IsDevelopment() || …devMode…)` while the image binds Kestrel through ASPNETCORE_HTTP_PORTS): a listen call in a block, or a brace-less `if`, whose condition tests for the development environment (C#/Java/Kotlin/Go/Rust: `IsDevelopment()`, `IsEnvironment(\"Development\")`, `Environments.Development`, `isDev()`, `== \"development\"`; not when negated) is development-only (shared listen-site detector `devOnly`, also a devEntry) and is not a config sink.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source"] });
    const sinks: Sink[] = [];
    for (const s of listenSites(ctx.snapshot, files)) {
      if (s.auxiliary || s.devEntry || s.port.kind === "unknown") continue;
      // `PORT || 3000` is the platform contract with a local default: full credit.
      sinks.push({ path: s.path, line: s.line, what: "listen port", source: s.port.kind === "env-fallback" ? "env" : s.port.kind, text: s.text });
    }
    // Framework config files: Rails database/cable/storage.yml (production section), Spring datasource/redis settings.
    for (const f of files) {
      const rails = /(^|\/)config\/(database|cable|storage|redis|sidekiq|mongoid)\.ya?ml$/.test(f.path);
      const spring = /(^|\/)application(-[\w-]+)?\.(ya?ml|properties)$/.test(f.path) && f.env !== "dev" && f.env !== "test";
      if (!rails && !spring) continue;
      const check = (key: string, value: unknown, line: number | undefined) => {
        if (typeof value !== "string" && typeof value !== "number") return;
        const v = String(value);
        const env = /<%=\s*ENV|ENV\.fetch|ENV\[|\$\{[A-Za-z_]/.test(v);
        const fb = /ENV\.fetch\([^)]*\)\s*\{|ENV\.fetch\([^,)]+,|\|\||\$\{[A-Za-z_][\w.]*:[^}]+\}/.test(v);
        // v4: an ERB expression other than ENV (`<%= Postal::Config.main_db.host %>`) reads the app's config object
        const source = env ? (fb ? "env-fallback" : "env") : isErbComputed(v) ? "config" : "literal";
        sinks.push({ path: f.path, line: line ?? 1, what: `${key} setting`, source, text: `${key}: ${v}`.slice(0, 120) });
      };
      const LOCATOR = /^(url|host|hostname|password|uri|database_url|connection-string|jdbc-url)$/i;
      if (f.language === "properties") {
        ctx.snapshot.lines(f.path).forEach((l, i) => {
          const m = /^\s*(spring\.(?:datasource|data\.redis|redis|data\.mongodb|rabbitmq|kafka)\.[\w.-]+)\s*[=:]\s*(.+)$/.exec(l);
          if (m && LOCATOR.test(m[1].split(".").pop()!)) check(m[1], m[2].trim(), i + 1);
        });
        continue;
      }
      for (const doc of ctx.snapshot.yaml(f.path) ?? []) {
        const walk = (v: unknown, path: string[]) => {
          if (v && typeof v === "object" && !Array.isArray(v)) {
            for (const [k, x] of Object.entries(v)) {
              if (rails && path.length === 0 && /^(development|test|dev|local)$/i.test(k)) continue;
              walk(x, [...path, k]);
            }
          } else if (path.length && LOCATOR.test(path[path.length - 1]) && (rails || /^spring\.(datasource|data|redis|rabbitmq|kafka)/.test(path.join(".")))) {
            check(path.join("."), v, doc.line(path));
          }
        };
        walk(doc.data, []);
      }
    }
    for (const f of files) {
      if (f.language === "javascript" || f.language === "typescript") {
        const facts = ctx.snapshot.jsFacts(f.path);
        for (const c of facts?.calls ?? []) {
          const origin = c.origin ?? "";
          if (c.originInstance) continue;
          const name = c.object === null && c.originImport && c.originImport !== "*" ? c.originImport : c.name;
          for (const s of JS_SINKS) {
            if (!s.origin.test(origin) || !(s.callee.test(name) || s.callee.test(c.name))) continue;
            const src = argSource(c.args[s.arg ?? 0], s.props);
            if (src && src.kind !== "unknown") sinks.push({ path: f.path, line: c.line, what: s.what, source: src.kind, text: c.text });
            break;
          }
          if (origin === "express-session" && !c.object) {
            const secret = c.args[0]?.props?.secret;
            if (secret && secret.source.kind !== "unknown") sinks.push({ path: f.path, line: c.line, what: "session secret", source: secret.source.kind, text: secret.text });
          }
          if (origin === "jsonwebtoken" && /^(sign|verify)$/.test(c.name) && c.args[1] && c.args[1].source.kind !== "unknown") {
            sinks.push({ path: f.path, line: c.line, what: "JWT key", source: c.args[1].source.kind, text: c.args[1].text });
          }
        }
        continue;
      }
      const pats = f.language ? TOKEN_SINKS[f.language] : undefined;
      if (!pats) continue;
      const code = ctx.snapshot.tokens(f.path)?.code;
      if (!code) continue;
      for (const p of pats) {
        for (const m of code.matchAll(p.re)) {
          const open = code.lastIndexOf("(", m.index! + m[0].length);
          const args = balancedArgs(code, open);
          // the sink's value argument: after the matched prefix (e.g. `sql.Open("pg", <here>`)
          const consumed = m[0].length - (open - m.index!) - 1;
          const rest = topLevelFirst(args.slice(Math.max(0, consumed)));
          const expr = rest.replace(/^\s*(url|broker)\s*[:=]\s*/, "").trim();
          if (!expr) continue;
          const src = classifyExpression(f.language!, expr);
          if (src.kind === "unknown") continue;
          sinks.push({ path: f.path, line: ctx.snapshot.tokens(f.path)!.lineAt(m.index!), what: p.what, source: src.kind, text: expr.slice(0, 120) });
        }
      }
    }
    const reads = envReads(ctx.snapshot, files.filter((f) => !isToolingFile(f.path)));
    if (!sinks.length) {
      if (!reads.length) return ctx.na("no config sinks and no environment reads found");
      for (const r of reads.slice(0, 3)) ctx.evidence({ path: r.path, line: r.line, note: `reads ${r.name} from the environment` });
      return ctx.score(0.75, { confidence: "medium", reason: `${reads.length} environment reads; no classifiable config sinks` });
    }
    for (const s of sinks) if (s.source === "env-fallback" && !/secret|JWT/i.test(s.what) && fallbackIsLocal(s.text)) s.source = "env";
    // A unit that reads nothing from the environment — no explicit read, no framework that binds env vars
    // implicitly, no config library — cannot get "config module" values from the environment either: its
    // config module is a file of literals (nestjs-realworld-example-app: `export const SECRET = '…'`).
    const noEnv = !reads.length && ctx.unit.kind !== "library" && ctx.unit.kind !== "cli" && !ctx.unit.frameworks.some((f) => IMPLICIT_ENV_FRAMEWORKS.has(f.id)) &&
      !ctx.snapshot.manifests().some((m) => ctx.unit.manifests.includes(m.path) && m.deps.some((d) => d.scope !== "dev" && d.scope !== "test" && CONFIG_LIBS.has(d.name)));
    const fromModule = noEnv && !sinks.some((s) => s.source === "env" || s.source === "env-fallback") ? sinks.filter((s) => s.source === "config") : [];
    for (const s of fromModule) s.source = "literal";
    const env = sinks.filter((s) => s.source === "env" || s.source === "config").length;
    const fb = sinks.filter((s) => s.source === "env-fallback").length;
    const literal = sinks.filter((s) => s.source === "literal");
    const ratio = (env + 0.5 * fb) / sinks.length;
    for (const s of sinks.filter((x) => x.source !== "literal").slice(0, 3)) ctx.evidence({ path: s.path, line: s.line, note: `${s.what} from ${s.source === "config" ? "a config module" : "the environment"}` });
    for (const s of literal.slice(0, 5)) {
      ctx.report({ path: s.path, line: s.line, message: "Config value is a literal instead of coming from the environment.", severity: "info", match: `${s.what}:${s.text}`, data: { sink: s.what } });
    }
    if (noEnv && literal.length === sinks.length) {
      const first = fromModule[0] ?? literal[0];
      ctx.report({
        path: first.path, line: first.line, severity: "high", confidence: literal.length >= 2 ? "high" : "medium",
        message: "The service reads no configuration from the environment: every config value is a literal.",
        match: "no-env-reads", data: { sinks: String(sinks.length), noEnvReads: true },
      });
    }
    const score = ratio >= 0.95 ? 1 : ratio >= 0.75 ? 0.75 : ratio >= 0.5 ? 0.5 : ratio >= 0.25 ? 0.25 : 0;
    return ctx.score(score, { confidence: files.some((f) => f.language === "javascript" || f.language === "typescript") ? "high" : "medium", reason: `${env} of ${sinks.length} config sinks from env/config, ${fb} with literal fallback, ${literal.length} literal` });
  },
});
