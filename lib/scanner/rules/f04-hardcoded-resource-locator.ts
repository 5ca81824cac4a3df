import { defineRule } from "./define-rule.ts";
import type { JsArg } from "../snapshot/index.ts";
import { ENV_ACCESS } from "../detectors/config-derived.ts";
import type { Severity } from "../types.ts";

const URI_RE = /\b(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|nats|kafka|memcached|smtps?|sqlserver|jdbc:[a-z0-9]+):\/\/([^\s'"`<>]+)/i;
/** Prose that merely mentions a scheme ("must be a postgres:// URL") is not a locator. */
const isProse = (v: string) => (v.match(/\s/g) ?? []).length >= 3;
const ADO_RE = /\b(Server|Host|Data Source)\s*=\s*([^;'"]+);[^'"]*\b(Database|Initial Catalog)\s*=/i;
const LOCAL_RE = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|\.|\(local\)|\(localdb\))$/i;
const CLIENT_HOST_PROPS = ["host", "hostname", "connectionString", "url", "uri", "endpoint", "server", "brokers", "nodes", "node", "socket", "address", "addr"];
const CLIENT_ORIGINS = new Set(["pg", "postgres", "mysql", "mysql2", "mysql2/promise", "mariadb", "mongodb", "mongoose", "redis", "ioredis", "amqplib", "amqplib/callback_api", "kafkajs", "nodemailer", "@aws-sdk/client-s3", "sequelize", "knex", "@prisma/client", "memjs", "nats", "tedious", "mssql", "@elastic/elasticsearch", "typeorm", "bullmq", "bull", "pg-boss", "drizzle-orm/node-postgres", "postgres"]);

/**
 * v2: a host that is itself an interpolation (`smtp://#{r['hostname']}:…`, f"postgres://{user}@{host}/db",
 * `${host}`, `$host`, `%s`, `%(host)s`) comes from a variable: the string is a URL template, not a locator.
 */
const INTERPOLATED_HOST_RE = /^(#\{|\$\{|\{|\$[A-Za-z_]|%[sv]|%\(|<%)/;

/**
 * v4: the host of an ADO.NET `Server=` value without its transport prefix, `,port` and `\\instance` suffixes
 * (`tcp:db.example.com,1433` → db.example.com, `sqlserver,1433` → sqlserver, `(localdb)\\mssqllocaldb` → (localdb)).
 */
function adoHost(server: string): string {
  return server.trim().replace(/^(tcp|np|lpc):/i, "").split(/[,\\]/)[0].trim();
}

function hostOf(uriRest: string): string {
  const at = uriRest.lastIndexOf("@");
  const afterCreds = at === -1 ? uriRest : uriRest.slice(at + 1);
  return afterCreds.split(/[/:?,;]/)[0] ?? "";
}

/** Severity for a literal locator: remote host → high; local or compose-service host → medium. */
function severityFor(host: string): Severity {
  if (!host || LOCAL_RE.test(host) || /^[a-z][a-z0-9_-]{0,30}$/i.test(host)) return "medium";
  return "high";
}

function flattenStrings(a: JsArg | undefined, out: JsArg[] = [], depth = 0): JsArg[] {
  if (!a || depth > 4) return out;
  if (a.kind === "string" || a.kind === "template") out.push(a);
  for (const p of Object.values(a.props ?? {})) flattenStrings(p, out, depth + 1);
  for (const e of a.elements ?? []) flattenStrings(e, out, depth + 1);
  return out;
}

export default defineRule({
  meta: {
    id: "F04-HARDCODED-RESOURCE-LOCATOR",
    version: 5,
    factor: "F04",
    alsoAffects: ["F03"],
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker"],
    technique: ["TS-AST", "TOKEN", "PARSE"],
    title: "Backing-service address in code",
    rationale:
      "A backing service is an attached resource, located by a URL in config. A connection string or host literal in code means swapping a local database for a managed one — or pointing staging at its own broker — needs a code change.",
    remediation: "Read the resource's URL/locator from an environment variable (e.g. DATABASE_URL) so swapping a local service for a managed one is a config change, not a code change.",
    docs: {
      bad: [{ file: "src/db.ts", code: "const pool = new Pool({ connectionString: 'postgres://app@db.prod.internal:5432/app' });" }],
      good: [{ file: "src/db.ts", code: "const pool = new Pool({ connectionString: process.env.DATABASE_URL });" }],
    },
    sources: [
      { title: "12factor.net — Backing services", url: "https://12factor.net/backing-services" },
      { title: "twelve-factor CHECKLIST (grep localhost|127.0.0.1)", url: "https://github.com/twelve-factor/twelve-factor" },
    ],
    deviations:
      "A literal used only as the fallback of an env read (`process.env.DATABASE_URL ?? 'postgres://localhost/dev'`) is low; literal local / compose-service hosts without any env read are medium; remote hosts are high. Test, example and dev-only files, .env templates and deploy manifests (config injection is their job) are not scanned; credentials inside the URI are F03-HARDCODED-SECRET's finding as well. Scoring: a high finding (remote host literal) caps IV at 45 (fail), because the production path is wired to one specific instance. v2 (accuracy bench, postal IV inversion): a URI whose host part is an interpolation (`smtp://#{r['hostname']}:#{r['port']}`, f'postgres://{user}@{host}/db', `${host}`, `%s`) is a template filled from variables, not a literal locator, and is not reported. v3 (accuracy bench session5b2: wger `env.str(\n    'PS_STORAGE_PG_URI', 'postgres://…'\n)`): a URI on a line continuing an env read opened on one of the two lines above is a fallback (low), not a literal. v4 (accuracy bench session5z: eShopOnWeb IV, human pass): the host of an ADO.NET connection string is read without its `,port` and `\\\\instance` suffixes and `tcp:` prefix, and SQL Server LocalDB (`(localdb)\\\\mssqllocaldb`) is a local host: `Server=sqlserver,1433` (a compose service) and the LocalDB developer instance are medium, not remote hosts (high); `tcp:db.example.com,1433` stays high. v5 (session 12, sbt support): Scala code is read with the JVM client patterns (DriverManager.getConnection, setJdbcUrl).",
  },
  check(ctx) {
    let sawClient = false;
    const reported = new Set<string>();
    const report = (path: string, line: number, text: string, kind: "literal" | "fallback", host: string, client?: string) => {
      const key = `${path}:${line}`;
      if (reported.has(key) || INTERPOLATED_HOST_RE.test(host)) return;
      reported.add(key);
      ctx.report({
        path, line,
        message: kind === "fallback" ? "Backing-service locator falls back to a literal when the env var is missing." : "Backing-service locator is a literal in code.",
        match: `${kind}:${text}`,
        severity: kind === "fallback" ? "low" : severityFor(host),
        data: { host: host || null, classification: kind === "fallback" ? "ENV_WITH_FALLBACK" : "LITERAL", ...(client ? { client } : {}) },
      });
    };
    for (const f of ctx.files({ languages: ["javascript", "typescript"] })) {
      if (f.role === "dev" || /(^|\/)(knexfile|ormconfig|drizzle\.config|jest|vitest|playwright|seed)[\w.-]*\.[cm]?[jt]s$/.test(f.path)) continue;
      const facts = ctx.snapshot.jsFacts(f.path);
      if (!facts) continue;
      const fallbacks = new Set(facts.envReads.map((e) => e.fallback).filter((v): v is string => typeof v === "string"));
      const seenLines = new Set<number>();
      for (const c of facts.calls) {
        const client = c.origin && CLIENT_ORIGINS.has(c.origin) ? c.origin : null;
        if (client && (c.isNew || /connect|createClient|createPool|createConnection|createTransport|Pool|Client|knex|Redis/.test(c.name))) sawClient = true;
        for (const a of c.args.flatMap((x) => [x, ...(x.resolved ? [x.resolved] : [])])) {
          // SD-3 classification of string-ish values inside the call's arguments
          const candidates = flattenStrings(a);
          if (client) {
            for (const prop of CLIENT_HOST_PROPS) {
              const v = a.props?.[prop];
              if (v && (v.kind === "identifier" || v.kind === "member" || v.kind === "call")) {
                if (v.source.kind === "literal" && typeof v.source.value === "string") candidates.push({ ...v, kind: "string", value: v.source.value });
                if (v.source.kind === "env-fallback" && typeof v.source.fallback === "string") candidates.push({ ...v, kind: "string", value: v.source.fallback, source: v.source });
              }
            }
            if ((a.kind === "identifier" || a.kind === "member") && a.source.kind === "env-fallback" && typeof a.source.fallback === "string") candidates.push({ ...a, kind: "string", value: a.source.fallback, source: a.source });
          }
          for (const s of candidates) {
            const value = typeof s.value === "string" ? s.value : s.source.kind === "literal" ? String(s.source.value) : null;
            if (!value) continue;
            const m = isProse(value) ? null : URI_RE.exec(value) ?? ADO_RE.exec(value);
            const isHostProp = client && Object.entries(a.props ?? {}).some(([k, v]) => v === s && /^(host|hostname|server|address|addr)$/.test(k));
            if (!m && !isHostProp) continue;
            const host = m ? (m[0].includes("://") ? hostOf(m[2]) : adoHost(m[2])) : value;
            const fallback = s.source.kind === "env-fallback" || fallbacks.has(value);
            seenLines.add(s.line);
            report(f.path, s.line, value, fallback ? "fallback" : "literal", host, client ?? undefined);
          }
        }
      }
      // module-level constants: const DB_URL = "postgres://…"
      for (const s of facts.strings) {
        if (seenLines.has(s.line) || isProse(s.value)) continue;
        const m = URI_RE.exec(s.value);
        if (!m) continue;
        report(f.path, s.line, s.value, fallbacks.has(s.value) ? "fallback" : "literal", hostOf(m[2]));
      }
    }
    for (const f of ctx.files({ languages: ["python", "go", "java", "kotlin", "scala", "ruby", "php", "csharp", "rust"] })) {
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok) continue;
      const envRe = ENV_ACCESS[f.language!];
      const lines = tok.codeLines();
      for (const s of tok.strings) {
        if (isProse(s.value)) continue;
        const m = URI_RE.exec(s.value) ?? ADO_RE.exec(s.value);
        if (!m) continue;
        const codeLine = lines[s.line - 1] ?? "";
        // v3: an env read whose arguments continue on the next lines (`env.str(\n    'PG_URI', 'postgres://…'\n)`)
        const prev = [lines[s.line - 2] ?? "", lines[s.line - 3] ?? ""];
        const openCall = prev.find((l) => /\(\s*$/.test(l.trimEnd()) || /\(\s*['"][A-Z][A-Z0-9_]*['"]\s*,\s*$/.test(l.trimEnd()));
        const fallback = !!envRe && (envRe.test(codeLine) || (!!openCall && envRe.test(openCall)));
        const host = m[0].includes("://") ? hostOf(m[2]) : adoHost(m[2]);
        report(f.path, s.line, s.value, fallback ? "fallback" : "literal", host);
      }
      // keyword hosts: psycopg2.connect(host='db.prod'), redis.Redis(host='…'), Addr: "…"
      const kw = /\b(?:psycopg2?\.connect|redis\.(?:Strict)?Redis|pika\.ConnectionParameters|MongoClient|pymysql\.connect|mysql\.connector\.connect)\s*\([^)]*\bhost\s*=\s*['"]([^'"]+)['"]|\bredis\.Options\s*\{[^}]*\bAddr\s*:\s*"([^"]+)"/g;
      let km: RegExpExecArray | null;
      while ((km = kw.exec(tok.code))) {
        sawClient = true;
        const host = (km[1] ?? km[2] ?? "").split(":")[0];
        report(f.path, tok.lineAt(km.index), km[0], "literal", host);
      }
    }
    // config files used in production: Spring datasource, Rails database.yml production, appsettings ConnectionStrings
    for (const f of ctx.files({ name: /^(application([-.][\w-]+)?\.(properties|ya?ml)|database\.yml|appsettings(\.[\w-]+)?\.json)$/ })) {
      if (f.env === "dev" || f.env === "test") continue;
      const text = ctx.snapshot.text(f.path) ?? "";
      const lines = text.split("\n");
      let inProdSection = !/database\.yml$/.test(f.path);
      lines.forEach((l, i) => {
        if (/database\.yml$/.test(f.path) && /^\S/.test(l)) inProdSection = /^production\s*:/.test(l);
        if (!inProdSection || /\$\{|<%=|%env\(/.test(l)) return;
        const m = URI_RE.exec(l) ?? ADO_RE.exec(l);
        const hostLine = /database\.yml$/.test(f.path) ? /^\s+host:\s*["']?([\w.-]+)/.exec(l) : null;
        if (m) report(f.path, i + 1, l.trim(), "literal", m[0].includes("://") ? hostOf(m[2]) : adoHost(m[2]));
        else if (hostLine) report(f.path, i + 1, l.trim(), "literal", hostLine[1]);
      });
    }
    if (!sawClient && !reported.size) {
      const anyDeps = ctx.snapshot.manifests().some((m) => ctx.unit.manifests.includes(m.path) && m.deps.some((d) => CLIENT_ORIGINS.has(d.name) || /^(psycopg|redis|pymongo|pika|sqlalchemy|django|gorm|pgx|lib\/pq|go-redis|spring-boot-starter-data|activerecord|pg|mysql2|EntityFramework|Npgsql|StackExchange\.Redis)/i.test(d.name)));
      if (!anyDeps) return ctx.na("no backing-service client found");
    }
  },
});
