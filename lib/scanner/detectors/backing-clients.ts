// F04 backing-service client inventory (RULES.md F04-HARDCODED-RESOURCE-LOCATOR "How" list): where the
// code constructs a datastore / cache / queue / mail / object-store client, and where its locator
// (URL, DSN, host) comes from, classified with SD-3. JS/TS from the call-site index (jsFacts), other
// languages by TOKEN over comment-stripped code, plus framework conventions (Prisma schema, Rails
// database.yml, Spring properties, Django DATABASES, Laravel config/database.php).
import { memoPerFile } from "./memo.ts";
import type { FileEntry, Language } from "../types.ts";
import type { RepoSnapshot, JsArg, JsCall, ValueSource } from "../snapshot/index.ts";
import { classifyExpression, isEnvPlaceholder, isErbComputed } from "./config-derived.ts";
import { basename } from "../snapshot/roles.ts";
import { isRailsDatabaseYml } from "./relational-db.ts";

export type ResourceKind = "database" | "cache" | "queue" | "mail" | "storage" | "search";

export interface BackingClient {
  path: string;
  line: number;
  column?: number;
  /** Client / driver label: "pg.Pool", "ioredis", "psycopg2.connect", "spring.datasource.url". */
  client: string;
  resource: ResourceKind;
  /** SD-3 classification of the locator. `literal` with value "localhost" for clients that default to localhost. */
  source: ValueSource;
  /** Text of the locator expression (or the call when there is none). */
  text: string;
  /** "code" (constructor call) or "config" (framework configuration file). */
  via: "code" | "config";
  /**
   * The locator lives in a per-deploy config file that is not committed (only a template is: TypeORM
   * `ormconfig.json.example`). Config, but kept in a file rather than the environment: half credit in
   * F04-LOCATOR-FROM-CONFIG.
   */
  uncommittedFile?: string;
}

// ---------------------------------------------------------------------------------------------
// JS/TS
// ---------------------------------------------------------------------------------------------

interface JsSpec {
  origins: RegExp;
  /** Callee name (last segment) and whether it must be `new`. */
  name: RegExp;
  isNew?: boolean;
  client: string;
  resource: ResourceKind;
  /** Extract the locator from the args; null = the client reads its own env convention (config). */
  locator: (args: JsArg[], call: JsCall) => JsArg | "default-localhost" | "env-convention" | "ormconfig" | "skip";
}

const obj = (a: JsArg | undefined): JsArg | undefined => (a?.kind === "object" ? a : a?.resolved?.kind === "object" ? a.resolved : undefined);
const prop = (a: JsArg | undefined, ...keys: string[]): JsArg | undefined => {
  const o = obj(a);
  for (const k of keys) if (o?.props?.[k]) return o.props[k];
  return undefined;
};
const urlOrHost = (a: JsArg | undefined, urlKeys: string[], hostKeys: string[], none: "default-localhost" | "env-convention"): JsArg | "default-localhost" | "env-convention" | "skip" => {
  if (!a) return none;
  if (a.kind === "object" || a.resolved?.kind === "object") {
    const o = obj(a)!;
    if (/\.\.\./.test(o.text)) return "skip";
    return prop(o, ...urlKeys) ?? prop(o, ...hostKeys) ?? prop(prop(o, "socket"), "host", "path") ?? none;
  }
  return a;
};

const JS_SPECS: JsSpec[] = [
  { origins: /^pg(-pool)?$/, name: /^(Pool|Client)$/, isNew: true, client: "pg", resource: "database", locator: (a) => urlOrHost(a[0], ["connectionString"], ["host"], "env-convention") },
  { origins: /^postgres$/, name: /^postgres$/, client: "postgres.js", resource: "database", locator: (a) => (a[0] && a[0].kind !== "object" ? a[0] : prop(a[0], "host") ?? prop(a[1], "host") ?? "env-convention") },
  { origins: /^(mysql2?|mysql2\/promise|mariadb)$/, name: /^(createConnection|createPool|createPoolCluster)$/, client: "mysql", resource: "database", locator: (a) => urlOrHost(a[0], ["uri"], ["host", "socketPath"], "default-localhost") },
  { origins: /^mongodb$/, name: /^MongoClient$/, isNew: true, client: "mongodb", resource: "database", locator: (a) => a[0] ?? "skip" },
  { origins: /^mongodb$/, name: /^connect$/, client: "mongodb", resource: "database", locator: (a, c) => (c.object === "MongoClient" && a[0] ? a[0] : "skip") },
  { origins: /^mongoose$/, name: /^(connect|createConnection)$/, client: "mongoose", resource: "database", locator: (a) => a[0] ?? "skip" },
  { origins: /^(redis|@redis\/client)$/, name: /^createClient$/, client: "redis", resource: "cache", locator: (a) => urlOrHost(a[0], ["url"], ["host"], "default-localhost") },
  // session 21 (session27d: logto's `createCluster({ rootNodes, … })`, the nodes built from the REDIS_URL it parsed):
  // a cluster is located by its rootNodes, never by a localhost default
  { origins: /^(redis|@redis\/client)$/, name: /^createCluster$/, client: "redis", resource: "cache", locator: (a) => prop(a[0], "rootNodes") ?? "skip" },
  { origins: /^(ioredis)$/, name: /^(Redis|IORedis|default|Cluster)$/, isNew: true, client: "ioredis", resource: "cache", locator: (a) => (a[0] && a[0].kind !== "object" && !obj(a[0]) ? a[0] : urlOrHost(a[0], ["url"], ["host", "path"], "default-localhost")) },
  { origins: /^@upstash\/redis$/, name: /^Redis$/, isNew: true, client: "@upstash/redis", resource: "cache", locator: (a) => prop(a[0], "url") ?? "skip" },
  { origins: /^amqplib(\/callback_api)?$|^amqp-connection-manager$/, name: /^connect$/, client: "amqplib", resource: "queue", locator: (a) => (a[0]?.kind === "array" ? a[0].elements?.[0] ?? "skip" : a[0] ?? "default-localhost") },
  { origins: /^kafkajs$/, name: /^Kafka$/, isNew: true, client: "kafkajs", resource: "queue", locator: (a) => { const b = prop(a[0], "brokers"); return b?.kind === "array" ? b.elements?.[0] ?? "skip" : b ?? "skip"; } },
  { origins: /^nats$/, name: /^connect$/, client: "nats", resource: "queue", locator: (a) => prop(a[0], "servers") ?? (a[0] ? "skip" : "default-localhost") },
  { origins: /^nodemailer$/, name: /^createTransport$/, client: "nodemailer", resource: "mail", locator: (a) => {
    if (!a[0]) return "skip";
    if (a[0].kind === "string" || a[0].kind === "template" || a[0].kind === "member" || a[0].kind === "identifier" && !obj(a[0])) return a[0];
    const o = obj(a[0]);
    if (!o || prop(o, "jsonTransport", "streamTransport", "SES", "sendmail")) return "skip";
    return prop(o, "host") ?? prop(o, "service") ?? "skip";
  } },
  { origins: /^@aws-sdk\/client-s3$/, name: /^S3Client$/, isNew: true, client: "S3Client", resource: "storage", locator: (a) => prop(a[0], "endpoint") ?? "env-convention" },
  { origins: /^sequelize$/, name: /^Sequelize$/, isNew: true, client: "sequelize", resource: "database", locator: (a) => {
    if (a.length === 1 && obj(a[0])) return prop(a[0], "host", "storage") ?? "default-localhost";
    if (a.length >= 1 && a.length <= 2 && !obj(a[0])) return a[0];
    const last = a[a.length - 1];
    return prop(last, "host", "storage") ?? (obj(last) && prop(last, "dialect")?.value === "sqlite" ? "skip" : "default-localhost");
  } },
  { origins: /^knex$/, name: /^(knex|default|Knex)$/, client: "knex", resource: "database", locator: (a) => {
    const c = prop(a[0], "connection");
    if (!c) return "skip";
    return obj(c) ? prop(c, "connectionString") ?? prop(c, "host") ?? prop(c, "filename") ?? "skip" : c;
  } },
  { origins: /^typeorm$/, name: /^DataSource$/, isNew: true, client: "typeorm", resource: "database", locator: (a) => prop(a[0], "url") ?? prop(a[0], "host") ?? "skip" },
  // TypeORM 0.2 `createConnection()` / Nest `TypeOrmModule.forRoot()` without options: TYPEORM_* variables,
  // else an ormconfig.{json,js,yml,…} file next to the process
  { origins: /^typeorm$/, name: /^createConnection$/, client: "typeorm", resource: "database", locator: (a) => (a.length === 0 ? "ormconfig" : prop(a[0], "url") ?? prop(a[0], "host") ?? "skip") },
  { origins: /^@nestjs\/typeorm$/, name: /^forRoot$/, client: "typeorm", resource: "database", locator: (a) => (a.length === 0 ? "ormconfig" : prop(a[0], "url") ?? prop(a[0], "host") ?? "skip") },
  { origins: /^@nestjs\/mongoose$/, name: /^forRoot$/, client: "mongoose", resource: "database", locator: (a) => a[0] ?? "skip" },
  { origins: /^@elastic\/elasticsearch$/, name: /^Client$/, isNew: true, client: "elasticsearch", resource: "search", locator: (a) => prop(a[0], "node", "nodes") ?? (prop(a[0], "cloud") ? "env-convention" : "skip") },
  { origins: /^@prisma\/client$/, name: /^PrismaClient$/, isNew: true, client: "prisma", resource: "database", locator: (a) => prop(prop(prop(a[0], "datasources"), "db"), "url") ?? prop(a[0], "datasourceUrl") ?? "skip" },
];

const ORMCONFIG_RE = /^ormconfig\.(json|[cm]?[jt]s|ya?ml|env|xml)$/;
const ORMCONFIG_TEMPLATE_RE = /^ormconfig\.(json|[cm]?[jt]s|ya?ml|env|xml)\.(example|sample|dist|template|default)$/;

/**
 * Where an option-less TypeORM connection gets its locator (TypeORM 0.2 ConnectionOptionsReader): TYPEORM_URL /
 * TYPEORM_HOST when set, else the nearest ormconfig file in a directory above the calling file. A committed
 * ormconfig.json literal is overridden by TYPEORM_* (env with a fallback, like Spring relaxed binding); an
 * ormconfig.js that reads process.env is env; only a template committed (the real file gitignored) is config
 * kept in an uncommitted file; no file at all means the TYPEORM_* environment convention.
 */
function ormconfigLocator(snapshot: RepoSnapshot, from: string): Pick<BackingClient, "source" | "text" | "uncommittedFile"> | null {
  const dirs: string[] = [];
  for (let d = from.includes("/") ? from.slice(0, from.lastIndexOf("/")) : "."; ; d = d.includes("/") ? d.slice(0, d.lastIndexOf("/")) : ".") {
    dirs.push(d);
    if (d === ".") break;
  }
  for (const d of dirs) {
    const inDir = snapshot.files.filter((f) => (f.path.includes("/") ? f.path.slice(0, f.path.lastIndexOf("/")) : ".") === d);
    const real = inDir.find((f) => ORMCONFIG_RE.test(basename(f.path)));
    if (real) {
      if (/\.json$/.test(real.path)) {
        const data = snapshot.json(real.path) as Record<string, unknown> | Record<string, unknown>[] | undefined;
        const first = Array.isArray(data) ? data.find((x) => !x.name || x.name === "default") ?? data[0] : data;
        const loc = first?.url ?? first?.host;
        if (typeof loc !== "string") return first?.type === "sqlite" || first?.type === "better-sqlite3" ? null : { source: { kind: "env", name: "TYPEORM_URL" }, text: `${real.path} (no host: TYPEORM_* variables)` };
        return { source: { kind: "env-fallback", name: "TYPEORM_URL", fallback: loc }, text: `${real.path}: ${loc}`.slice(0, 200) };
      }
      const facts = /\.[cm]?[jt]s$/.test(real.path) ? snapshot.jsFacts(real.path) : undefined;
      if (facts?.envReads.length) return { source: { kind: "env", name: facts.envReads[0].name }, text: real.path };
      return { source: { kind: "unknown" }, text: real.path };
    }
    const template = inDir.find((f) => ORMCONFIG_TEMPLATE_RE.test(basename(f.path)));
    if (template) return { source: { kind: "config" }, text: `${template.path} (the real ormconfig is not committed)`, uncommittedFile: template.path.replace(/\.[a-z]+$/, "") };
  }
  return { source: { kind: "env", name: "TYPEORM_URL" }, text: "TYPEORM_* environment variables (no ormconfig file)" };
}

function jsClients(snapshot: RepoSnapshot, path: string): BackingClient[] {
  const facts = snapshot.jsFacts(path);
  if (!facts) return [];
  const out: BackingClient[] = [];
  for (const call of facts.calls) {
    if (!call.origin) continue;
    if (call.originInstance) continue;
    const spec = JS_SPECS.find((s) => s.origins.test(call.origin!) && s.name.test(call.name) && (!s.isNew || call.isNew));
    if (!spec) continue;
    const loc = spec.locator(call.args, call);
    if (loc === "ormconfig") {
      const o = ormconfigLocator(snapshot, path);
      if (!o) continue;
      out.push({ path, line: call.line, column: call.column, client: spec.client, resource: spec.resource, ...o, via: "code" });
      continue;
    }
    if (loc === "skip") continue;
    const source: ValueSource = loc === "default-localhost" ? { kind: "literal", value: "localhost" } : loc === "env-convention" ? { kind: "config" } : loc.source;
    out.push({ path, line: call.line, column: call.column, client: spec.client, resource: spec.resource, source, text: typeof loc === "string" ? call.text : loc.text, via: "code" });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// TOKEN languages
// ---------------------------------------------------------------------------------------------

interface TokenSpec {
  langs: Language[];
  /** Matches up to and including the opening parenthesis of the call (or the assignment operator). */
  re: RegExp;
  client: string;
  resource: ResourceKind;
  /** Pick the locator expression out of the argument text. */
  pick: (args: string) => string | "default-localhost" | null;
}

const kw = (name: string) => new RegExp(`\\b${name}\\s*=\\s*([^,)]+)`);
const firstArg = (args: string): string | null => {
  const a = splitArgs(args)[0];
  return a && !/^\w+\s*=/.test(a) ? a : null;
};
const pyKwOrFirst = (...names: string[]) => (args: string): string | "default-localhost" | null => {
  for (const n of names) {
    const m = kw(n).exec(args);
    if (m) return m[1];
  }
  return firstArg(args) ?? (args.trim() === "" || /\bport\s*=/.test(args) ? "default-localhost" : null);
};

const TOKEN_SPECS: TokenSpec[] = [
  { langs: ["python"], re: /\b(psycopg2?|psycopg|asyncpg|aiopg|pymysql|MySQLdb|mysql\.connector)\.(connect|create_pool)\s*\(/g, client: "python DB driver", resource: "database", pick: pyKwOrFirst("dsn", "conninfo", "host") },
  { langs: ["python"], re: /\bcreate_(?:async_)?engine\s*\(/g, client: "sqlalchemy.create_engine", resource: "database", pick: (a) => firstArg(a) },
  { langs: ["python"], re: /\b(?:redis\.)?(?:Strict)?Redis\s*\(/g, client: "redis-py", resource: "cache", pick: pyKwOrFirst("host", "unix_socket_path") },
  { langs: ["python"], re: /\b(?:redis\.|aioredis\.|Redis\.)from_url\s*\(/g, client: "redis-py", resource: "cache", pick: (a) => firstArg(a) },
  { langs: ["python"], re: /\b(?:pymongo\.|motor\.motor_asyncio\.)?(?:Async(?:IO)?MotorClient|MongoClient)\s*\(/g, client: "MongoClient", resource: "database", pick: pyKwOrFirst("host") },
  { langs: ["python"], re: /\bpika\.(?:ConnectionParameters|URLParameters)\s*\(/g, client: "pika", resource: "queue", pick: pyKwOrFirst("host") },
  { langs: ["python"], re: /\bCelery\s*\([^)]*?\bbroker\s*=/g, client: "celery broker", resource: "queue", pick: (a) => a },
  { langs: ["python"], re: /^\s*(?:CELERY_BROKER_URL|BROKER_URL|broker_url|REDIS_URL|CACHE_REDIS_URL|SQLALCHEMY_DATABASE_URI|MONGO_URI|DATABASE_URL)\s*=/gm, client: "settings locator", resource: "database", pick: (a) => a },
  { langs: ["python"], re: /\bdj_database_url\.(?:config|parse)\s*\(/g, client: "dj_database_url", resource: "database", pick: (a) => (/^\s*['"]/.test(a) ? firstArg(a) : 'os.environ["DATABASE_URL"]') },
  { langs: ["python"], re: /\benv\.(?:db|db_url|cache|cache_url|email_url)\s*\(/g, client: "django-environ", resource: "database", pick: () => 'os.environ["DATABASE_URL"]' },
  { langs: ["python"], re: /['"]HOST['"]\s*:/g, client: "Django DATABASES HOST", resource: "database", pick: (a) => a },
  { langs: ["go"], re: /\bsql\.Open\s*\(/g, client: "database/sql", resource: "database", pick: (a) => splitArgs(a)[1] ?? null },
  { langs: ["go"], re: /\bsqlx\.(?:Open|Connect)\s*\(/g, client: "sqlx", resource: "database", pick: (a) => splitArgs(a)[1] ?? null },
  { langs: ["go"], re: /\b(?:postgres|mysql)\.Open\s*\(/g, client: "gorm driver", resource: "database", pick: (a) => firstArg(a) },
  { langs: ["go"], re: /\b(?:pgx|pgxpool)\.(?:Connect|New|NewWithConfig|ParseConfig)\s*\(/g, client: "pgx", resource: "database", pick: (a) => splitArgs(a)[1] ?? firstArg(a) },
  { langs: ["go"], re: /\bredis\.Options\s*\{/g, client: "go-redis", resource: "cache", pick: (a) => /\bAddr\s*:\s*([^,}\n]+)/.exec(a)?.[1] ?? "default-localhost" },
  { langs: ["go"], re: /\bredis\.ParseURL\s*\(/g, client: "go-redis", resource: "cache", pick: (a) => firstArg(a) },
  { langs: ["go"], re: /\bApplyURI\s*\(/g, client: "mongo-go-driver", resource: "database", pick: (a) => firstArg(a) },
  { langs: ["go"], re: /\bamqp(?:091)?\.Dial\s*\(/g, client: "amqp", resource: "queue", pick: (a) => firstArg(a) },
  { langs: ["java", "kotlin", "scala"], re: /\bDriverManager\.getConnection\s*\(/g, client: "JDBC DriverManager", resource: "database", pick: (a) => firstArg(a) },
  { langs: ["java", "kotlin", "scala"], re: /\bsetJdbcUrl\s*\(/g, client: "HikariCP", resource: "database", pick: (a) => firstArg(a) },
  { langs: ["ruby"], re: /\bRedis\.new\s*\(/g, client: "redis-rb", resource: "cache", pick: (a) => /\b(?:url|host):\s*([^,)]+)/.exec(a)?.[1] ?? (a.trim() ? null : "default-localhost") },
  { langs: ["ruby"], re: /\bPG\.connect\s*\(/g, client: "pg gem", resource: "database", pick: (a) => /\bhost:\s*([^,)]+)/.exec(a)?.[1] ?? firstArg(a) },
  { langs: ["php"], re: /\bnew\s+\\?PDO\s*\(/g, client: "PDO", resource: "database", pick: (a) => firstArg(a) },
  { langs: ["php"], re: /\bnew\s+\\?(?:Predis\\Client|Redis)\s*\(/g, client: "Redis (PHP)", resource: "cache", pick: (a) => firstArg(a) },
  { langs: ["csharp"], re: /\.\s*Use(?:SqlServer|Npgsql|MySql|MySQL|Oracle)\s*\(/g, client: "EF Core provider", resource: "database", pick: (a) => firstArg(a) },
  { langs: ["csharp"], re: /\bConnectionMultiplexer\.Connect(?:Async)?\s*\(/g, client: "StackExchange.Redis", resource: "cache", pick: (a) => firstArg(a) },
  { langs: ["csharp"], re: /\bnew\s+(?:Npgsql|Sql|MySql)Connection\s*\(/g, client: "ADO.NET connection", resource: "database", pick: (a) => firstArg(a) },
  { langs: ["csharp"], re: /\bnew\s+MongoClient\s*\(/g, client: "MongoClient", resource: "database", pick: (a) => firstArg(a) },
];

/** Split a top-level argument list on commas (ignores commas inside (), [], {}, strings). */
export function splitArgs(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  let q: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (q) {
      cur += c;
      if (c === "\\") {
        cur += args[++i] ?? "";
        continue;
      }
      if (c === q) q = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") q = c;
    if ("([{".includes(c)) depth++;
    if (")]}".includes(c)) depth--;
    if (c === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Text from `open` (index just after `(`/`{`/`=`) to the matching close (or end of line for `=`/`:`). */
function argsAt(bare: string, code: string, start: number, opener: string): string {
  if (opener === "=" || opener === ":") {
    let end = start;
    let depth = 0;
    while (end < code.length) {
      const c = bare[end];
      if ("([{".includes(c)) depth++;
      else if (")]}".includes(c)) {
        if (depth === 0) break;
        depth--;
      } else if ((c === "\n" || c === ",") && depth === 0) break;
      end++;
    }
    return code.slice(start, end);
  }
  const close = opener === "{" ? "}" : ")";
  let depth = 1;
  let i = start;
  for (; i < bare.length && depth > 0; i++) {
    if (bare[i] === opener) depth++;
    else if (bare[i] === close) depth--;
  }
  return code.slice(start, Math.max(start, i - 1));
}

/** Resolve a bare identifier to a same-file `NAME = value` assignment (one level). */
function resolveIdent(lang: Language, code: string, expr: string): ValueSource {
  const e = expr.trim();
  let v = classifyExpression(lang, e);
  if (v.kind !== "unknown") return v;
  const id = /^(?:self\.|settings\.|config\.)?([A-Za-z_]\w*)$/.exec(e);
  if (id) {
    const m = new RegExp(`^\\s*(?:(?:const|var|val|let|final|static|private|public|string|String)\\s+)*${id[1]}\\s*(?::=|=)\\s*(.+)$`, "m").exec(code);
    if (m) v = classifyExpression(lang, m[1].replace(/[;,]\s*$/, ""));
    else if (/^[A-Z_]+$/.test(id[1]) && /^(?:self\.|settings\.|config\.)/.test(e)) v = { kind: "config" };
  }
  if (v.kind === "unknown" && /\b(config|cfg|conf|settings|options|opts|env)\b|\bConfiguration\b|GetConnectionString|\$\{|\.env\b/i.test(e)) v = { kind: "config" };
  if (v.kind === "unknown" && /^[fr]?["'].*\{[^}]+\}.*["']$/.test(e)) v = /\{[^}]*(env|os\.|settings|config)[^}]*\}/i.test(e) ? { kind: "config" } : { kind: "unknown" };
  return v;
}

/** A locator literal that names no resource: empty, or a bare scheme (`"postgresql://"`). */
const EMPTY_LOCATOR_RE = /^[fbr]?(['"`])(?:[a-z][\w+.-]*:\/\/)?\1$/i;

function tokenClients(snapshot: RepoSnapshot, f: FileEntry): BackingClient[] {
  const specs = TOKEN_SPECS.filter((s) => s.langs.includes(f.language!));
  if (!specs.length) return [];
  const tok = snapshot.tokens(f.path);
  if (!tok) return [];
  const out: BackingClient[] = [];
  for (const s of specs) {
    const re = new RegExp(s.re.source, s.re.flags.includes("g") ? s.re.flags : s.re.flags + "g");
    let m: RegExpExecArray | null;
    while ((m = re.exec(tok.code))) {
      const end = m.index + m[0].length;
      const opener = m[0].trimEnd().slice(-1);
      const args = argsAt(tok.bare, tok.code, end, opener);
      if (s.client === "Django DATABASES HOST" && !/DATABASES/.test(tok.code)) continue;
      if (s.client === "celery broker") {
        const b = /\bbroker\s*=\s*([^,)]+)/.exec(tok.code.slice(m.index, m.index + m[0].length + args.length + 200));
        if (!b) continue;
        out.push({ path: f.path, line: tok.lineAt(m.index), client: s.client, resource: "queue", source: resolveIdent(f.language!, tok.code, b[1]), text: b[1].trim(), via: "code" });
        continue;
      }
      const picked = s.pick(args);
      if (picked === null) continue;
      if (picked !== "default-localhost" && !picked.trim()) continue;
      // session 8: an empty string or a URL with nothing after the scheme locates nothing (`pgx.ParseConfig("")` then
      // fields set from the config struct: authelia; `create_engine("postgresql://")` to get a dialect object: mathesar)
      if (picked !== "default-localhost" && EMPTY_LOCATOR_RE.test(picked.trim())) continue;
      const source: ValueSource = picked === "default-localhost" ? { kind: "literal", value: "localhost" } : resolveIdent(f.language!, tok.code, picked);
      if (s.client === "settings locator" && source.kind === "unknown") continue;
      out.push({ path: f.path, line: tok.lineAt(m.index), client: s.client, resource: /REDIS|CACHE/.test(m[0]) ? "cache" : /BROKER/.test(m[0]) ? "queue" : s.resource, source, text: picked === "default-localhost" ? m[0] : picked.trim().slice(0, 200), via: "code" });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Framework configuration files
// ---------------------------------------------------------------------------------------------

const SPRING_KEYS: { re: RegExp; resource: ResourceKind }[] = [
  { re: /^spring\.(datasource|r2dbc)\.url$/, resource: "database" },
  { re: /^spring\.(data\.)?redis\.(host|url)$/, resource: "cache" },
  { re: /^spring\.rabbitmq\.(host|addresses)$/, resource: "queue" },
  { re: /^spring\.data\.mongodb\.(uri|host)$/, resource: "database" },
  { re: /^spring\.kafka\.bootstrap-servers$/, resource: "queue" },
  { re: /^spring\.mail\.host$/, resource: "mail" },
  { re: /^spring\.elasticsearch\.uris$/, resource: "search" },
];

function flatten(node: unknown, prefix: string, out: Map<string, unknown>): void {
  if (node && typeof node === "object" && !Array.isArray(node)) {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, node);
}

function configClients(snapshot: RepoSnapshot, f: FileEntry): BackingClient[] {
  const out: BackingClient[] = [];
  const name = f.path.split("/").pop()!;
  // an ERB expression other than ENV (`<%= Postal::Config.main_db.host %>`) is computed from the app's config at boot
  const literalOrEnv = (value: string): ValueSource => (isEnvPlaceholder(value) ? { kind: "env", name: /\$\{([A-Z0-9_]+)/.exec(value)?.[1] ?? null } : isErbComputed(value) ? { kind: "config" } : { kind: "literal", value });
  if (/^application(-[\w]+)?\.(properties|ya?ml)$/.test(name)) {
    if (f.env === "dev" || f.env === "test") return out;
    const entries = new Map<string, unknown>();
    if (name.endsWith(".properties")) {
      for (const l of snapshot.lines(f.path)) {
        const m = /^\s*([\w.-]+)\s*[=:]\s*(.*)$/.exec(l);
        if (m && !l.trim().startsWith("#")) entries.set(m[1], m[2].trim());
      }
    } else for (const d of snapshot.yaml(f.path) ?? []) flatten(d.data, "", entries);
    for (const [k, v] of entries) {
      const spec = SPRING_KEYS.find((s) => s.re.test(k));
      if (!spec || v === null || v === undefined || v === "") continue;
      const value = String(v);
      // Spring relaxed binding: SPRING_DATASOURCE_URL etc. override a literal at run time.
      const src = literalOrEnv(value);
      const source: ValueSource = src.kind === "literal" ? { kind: "env-fallback", name: k.toUpperCase().replace(/[.-]/g, "_"), fallback: value } : src;
      const last = k.split(".").pop()!;
      const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
      const line = name.endsWith(".properties") ? snapshot.findLine(f.path, new RegExp(`^\\s*${esc(k)}\\s*[=:]`)) : snapshot.findLine(f.path, new RegExp(`^\\s*${esc(last)}\\s*:`));
      out.push({ path: f.path, line: line ?? 1, client: k, resource: spec.resource, source, text: `${k}=${value}`.slice(0, 200), via: "config" });
    }
  } else if (isRailsDatabaseYml(snapshot, f.path)) {
    const doc = snapshot.yaml(f.path)?.[0];
    const prod = (doc?.data as Record<string, Record<string, unknown>> | undefined)?.production;
    if (!doc || !prod) return out;
    const url = prod.url;
    const host = prod.host;
    const line = doc.line(["production", url !== undefined ? "url" : host !== undefined ? "host" : "adapter"]) ?? doc.line(["production"]) ?? 1;
    if (typeof prod.adapter === "string" && /sqlite/.test(prod.adapter) && url === undefined) return out;
    const source: ValueSource = url !== undefined ? literalOrEnv(String(url)) : host !== undefined ? literalOrEnv(String(host)) : { kind: "env", name: "DATABASE_URL" };
    out.push({ path: f.path, line, client: "ActiveRecord (database.yml production)", resource: "database", source, text: String(url ?? host ?? "DATABASE_URL (merged by Rails)"), via: "config" });
  } else if (/(^|\/)prisma\/schema\.prisma$|(^|\/)schema\.prisma$/.test(f.path)) {
    const text = snapshot.text(f.path) ?? "";
    const m = /datasource\s+\w+\s*\{[^}]*?\burl\s*=\s*([^\n]+)/.exec(text);
    if (!m) return out;
    const expr = m[1].trim();
    const env = /^env\(\s*"([^"]+)"\s*\)/.exec(expr);
    const provider = /provider\s*=\s*"(\w+)"/.exec(m[0])?.[1];
    if (provider === "sqlite") return out;
    out.push({ path: f.path, line: snapshot.findLine(f.path, /^\s*url\s*=/) ?? 1, client: "prisma datasource", resource: "database", source: env ? { kind: "env", name: env[1] } : literalOrEnv(expr.replace(/^"|"$/g, "")), text: expr, via: "config" });
  } else if (/(^|\/)[Cc]onfig\/(database|queue|cache|mail)\.php$/.test(f.path)) {
    const tok = snapshot.tokens(f.path);
    if (!tok) return out;
    const re = /['"](host|url|database_url)['"]\s*=>\s*([^,\n]+)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(tok.code))) {
      let src = classifyExpression("php", m[2]);
      if (src.kind === "unknown") continue;
      // the array the setting sits in: a test-only connection (`'mysql_testing' => [`) is not the production
      // path; a literal in a defaults array (`$redisDefaults = ['host' => '127.0.0.1']`, filled from env below)
      // is a fallback, not the locator (BookStack app/Config/database.php)
      const before = tok.code.slice(Math.max(0, m.index - 400), m.index);
      const opener = [...before.matchAll(/['"]([\w.-]+)['"]\s*=>\s*\[|\$(\w+)\s*=\s*\[/g)].pop();
      if (opener?.[1] && /(^|[_.-])test(ing)?($|[_.-])/i.test(opener[1])) continue;
      if (opener?.[2] && /defaults?$/i.test(opener[2]) && src.kind === "literal") src = { kind: "env-fallback", name: null, fallback: src.value };
      out.push({ path: f.path, line: tok.lineAt(m.index), client: `Laravel ${name}`, resource: /queue/.test(name) ? "queue" : /cache/.test(name) ? "cache" : /mail/.test(name) ? "mail" : "database", source: src, text: m[0].slice(0, 200), via: "config" });
    }
  }
  return out;
}

/** Every backing-service client / locator in `files` (source and dev roles as given by the caller). Memoized per snapshot and file (memoPerFile). */
export const backingClients = memoPerFile(fileBackingClients);

const TOKEN_CLIENT_LANGS = new Set(["python", "go", "java", "kotlin", "scala", "ruby", "php", "csharp"]);
function fileBackingClients(snapshot: RepoSnapshot, f: FileEntry): BackingClient[] {
  const out = configClients(snapshot, f);
  if (!f.language) return out;
  if (f.language === "javascript" || f.language === "typescript") return [...out, ...jsClients(snapshot, f.path)];
  if (TOKEN_CLIENT_LANGS.has(f.language)) return [...out, ...tokenClients(snapshot, f)];
  return out;
}

/** True when the locator is config-derived (env, config, or env with a fallback). */
export function isConfigDerived(s: ValueSource): boolean {
  return s.kind === "env" || s.kind === "config" || s.kind === "env-fallback";
}
