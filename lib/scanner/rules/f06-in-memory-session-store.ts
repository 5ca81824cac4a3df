import { defineRule } from "./define-rule.ts";
import type { JsArg } from "../snapshot/index.ts";

const EXTERNAL_STORES = new Set(["connect-redis", "connect-pg-simple", "connect-mongo", "express-mysql-session", "connect-session-sequelize", "@quixo3/prisma-session-store", "connect-dynamodb", "connect-mongodb-session", "connect-memcached", "@fastify/redis", "fastify-session-redis-store", "connect-sqlite3", "session-file-store"]);
const FILE_STORES = new Set(["session-file-store", "connect-sqlite3"]);

function storeInfo(opts: JsArg | undefined, importsOf: (local: string) => string | undefined): { kind: "none" | "memory" | "memorystore" | "file" | "external" | "unknown"; text: string } {
  const o = opts?.kind === "object" ? opts : opts?.resolved?.kind === "object" ? opts.resolved : undefined;
  if (!o) return { kind: "unknown", text: opts?.text ?? "" };
  const store = o.props?.store;
  if (!store) return { kind: "none", text: o.text };
  const t = store.text;
  if (/MemoryStore\b/.test(t) && !/memorystore/i.test(importsOf(t.replace(/^new\s+/, "").split(/[.(]/)[0]) ?? "")) return { kind: "memory", text: t };
  const root = t.replace(/^new\s+/, "").split(/[.(\s]/)[0];
  const src = importsOf(root);
  if (src === "memorystore") return { kind: "memorystore", text: t };
  if (src && FILE_STORES.has(src)) return { kind: "file", text: t };
  if (src && EXTERNAL_STORES.has(src)) return { kind: "external", text: t };
  return { kind: "external", text: t }; // custom store: assume external
}

type Ctx = Parameters<Parameters<typeof defineRule>[0]["check"]>[0];

/**
 * v4: a Laravel app that serves only API routes: routes/web.php (next to the config directory's app root) registers at
 * most one route and it renders the default welcome view, routes/api.php exists, and no PHP code under app/, routes/
 * or resources/ touches the session (`session(`, `Session::`, `->session()`, `Auth::attempt`/`Auth::login`).
 */
function laravelApiOnly(ctx: Ctx, sessionConfigPath: string): boolean {
  const root = sessionConfigPath.replace(/(^|\/)(app\/)?[Cc]onfig\/session\.php$/, "$1");
  const web = ctx.snapshot.tokens(`${root}routes/web.php`)?.code;
  if (web === undefined || !ctx.snapshot.has(`${root}routes/api.php`)) return false;
  const routes = web.match(/\bRoute::\w+\s*\(/g) ?? [];
  if (routes.length > 1 || (routes.length === 1 && !/\bview\s*\(\s*['"]welcome['"]\s*\)/.test(web))) return false;
  const usesSession = ctx.files({ languages: ["php"] }).some((f) => (f.path.startsWith(`${root}app/`) || f.path.startsWith(`${root}routes/`) || f.path.startsWith(`${root}resources/`)) &&
    /\bsession\s*\(|\bSession::|->session\s*\(|\bAuth::(attempt|login|loginUsingId)\s*\(|\bauth\(\)\s*->\s*(attempt|login)\s*\(/.test(ctx.snapshot.tokens(f.path)?.code ?? ""));
  return !usesSession;
}

export default defineRule({
  meta: {
    id: "F06-IN-MEMORY-SESSION-STORE",
    version: 5,
    factor: "F06",
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service"],
    technique: ["TS-AST", "TOKEN"],
    title: "Server-side sessions kept in process memory or local files",
    rationale:
      "Twelve-factor processes are stateless and share-nothing. Sessions in process memory (express-session's default MemoryStore, Django file sessions, gorilla FilesystemStore) vanish on restart, leak memory, and break as soon as a second process serves the next request.",
    remediation: "Store sessions in a signed cookie or an external store with expiry (Redis, Memcached, database) so any process can serve any request.",
    docs: {
      bad: [{ file: "src/app.ts", code: "app.use(session({ secret: process.env.SESSION_SECRET }));" }],
      good: [{ file: "src/app.ts", code: "app.use(session({ store: new RedisStore({ client: redis }), secret: process.env.SESSION_SECRET }));" }],
    },
    sources: [
      { title: "express-session README (MemoryStore is not for production)", url: "https://github.com/expressjs/session" },
      { title: "12factor.net — Processes", url: "https://12factor.net/processes" },
    ],
    deviations:
      "The `memorystore` package (LRU with expiry, still process-local) is medium. Cookie-based sessions (cookie-session, @fastify/secure-session, iron-session) never trigger. A custom store object is assumed external. Laravel `SESSION_DRIVER=file` defaults are medium (the deploy environment may override them). v2 (accuracy bench session5b: BookStack keeps its Laravel config in app/Config/): a relocated or module config directory (app/Config/session.php) counts like config/session.php. v3 (accuracy bench session5b2: wallabag VI inversion): Symfony `framework.session.handler_id` of null (PHP files handler) or session.handler.native_file in a non-dev config is a medium finding; another handler (redis, pdo) is evidence. v4 (accuracy bench: laravel-realworld-example-app VI, human pass / scanner partial — a JWT API whose file sessions are never used): a Laravel app that serves only API routes (routes/web.php holds at most the default welcome page, routes/api.php exists, and no code under app/, routes/ or resources/ calls session(), Session::, ->session() or a session login) is not reported for its file session driver. v5 (accuracy bench session6z: halo VI, human fail / scanner pass — login sessions in InMemoryReactiveIndexedSessionRepository): a Java/Kotlin app that constructs a Spring Session in-memory repository (`new MapSessionRepository(…)`, `new ReactiveMapSessionRepository(…)`, a subclass named `InMemory…SessionRepository`) keeps sessions in process memory: medium (capped at partial like the other process-local session stores; tests and dev code skipped).",
  },
  check(ctx) {
    let sawSessions = false;
    for (const f of ctx.files({ languages: ["javascript", "typescript"] })) {
      const facts = ctx.snapshot.jsFacts(f.path);
      if (!facts) continue;
      const importsOf = (local: string) => facts.imports.find((i) => i.bindings.some((b) => b.local === local))?.source;
      for (const c of facts.calls) {
        const isExpressSession = c.origin === "express-session" && !c.isNew && (c.object === null || c.callee === "session") && c.name !== "MemoryStore" && !/Store$/.test(c.name);
        const isFastify = /\.register$/.test(c.callee) && c.args[0] && importsOf(c.args[0].text) === "@fastify/session";
        if (!isExpressSession && !isFastify) continue;
        sawSessions = true;
        const info = storeInfo(isFastify ? c.args[1] : c.args[0], importsOf);
        const lib = isFastify ? "@fastify/session" : "express-session";
        if (info.kind === "none") ctx.report({ path: f.path, line: c.line, column: c.column, message: `${lib} without a store uses the in-process MemoryStore.`, match: `${lib}:${c.text}` });
        else if (info.kind === "memory") ctx.report({ path: f.path, line: c.line, column: c.column, message: `${lib} is configured with MemoryStore.`, match: `${lib}:${info.text}` });
        else if (info.kind === "memorystore") ctx.report({ path: f.path, line: c.line, column: c.column, message: "Sessions are stored by memorystore, which is still process-local.", match: `${lib}:${info.text}`, severity: "medium" });
        else if (info.kind === "file") ctx.report({ path: f.path, line: c.line, column: c.column, message: "Sessions are stored on the local filesystem.", match: `${lib}:${info.text}` });
        else if (info.kind === "external") ctx.evidence({ path: f.path, line: c.line, note: `sessions stored in ${info.text.slice(0, 60)}` });
      }
      if (facts.imports.some((i) => ["cookie-session", "@fastify/secure-session", "iron-session", "koa-session", "next-auth", "@auth/core"].includes(i.source))) sawSessions = true;
    }
    for (const f of ctx.files({ languages: ["python", "go", "csharp", "ruby", "php", "java", "kotlin"] })) {
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok) continue;
      const code = tok.code;
      const hit = (re: RegExp, message: string, severity?: "high" | "medium") => {
        re.lastIndex = 0;
        const m = re.exec(code);
        if (!m) return false;
        sawSessions = true;
        ctx.report({ path: f.path, line: tok.lineAt(m.index), message, match: m[0], severity });
        return true;
      };
      if (f.language === "python") {
        if (/SESSION_ENGINE|SESSION_TYPE/.test(code)) sawSessions = true;
        hit(/\bSESSION_ENGINE\s*=\s*['"]django\.contrib\.sessions\.backends\.file['"]/, "Django sessions are stored in local files.");
        if (/\bSESSION_ENGINE\s*=\s*['"]django\.contrib\.sessions\.backends\.cache['"]/.test(code) && (!/\bCACHES\s*=/.test(code) || /LocMemCache|FileBasedCache/.test(code))) {
          hit(/\bSESSION_ENGINE\s*=\s*['"]django\.contrib\.sessions\.backends\.cache['"]/, "Django cache sessions use a process-local cache.");
        }
        hit(/\bSESSION_TYPE['"]?\s*[\]=:]\s*=?\s*['"](filesystem|null)['"]/, "Flask-Session stores sessions on the local filesystem.");
      } else if (f.language === "go") {
        if (/sessions\.New|scs\.New/.test(code)) sawSessions = true;
        hit(/\bsessions\.NewFilesystemStore\s*\(/, "gorilla/sessions FilesystemStore keeps sessions on local disk.");
        hit(/\bmemstore\.New\s*\(/, "scs memstore keeps sessions in process memory.");
      } else if (f.language === "csharp") {
        if (/\bAddSession\s*\(/.test(code)) {
          sawSessions = true;
          if (/\bAddDistributedMemoryCache\s*\(/.test(code) && !/AddStackExchangeRedisCache|AddDistributedSqlServerCache|AddDistributedCosmosCache|AddCosmosCache|AddDistributedRedisCache/.test(code)) {
            hit(/\bAddDistributedMemoryCache\s*\(/, "ASP.NET Core sessions are backed by the in-memory distributed cache.");
          }
        }
      } else if ((f.language === "java" || f.language === "kotlin") && f.role === "source" && f.env !== "test" && f.env !== "dev") {
        // v5: Spring Session's in-memory repositories (MapSessionRepository, ReactiveMapSessionRepository, or a subclass
        // named InMemory…SessionRepository) constructed by the app keep every login session in the process's heap
        // (accuracy bench session6z: halo, `new InMemoryReactiveIndexedSessionRepository(new ConcurrentHashMap<>())`)
        if (/\bSessionRepository\b/.test(code)) sawSessions = true;
        hit(/\bnew\s+((Reactive)?MapSessionRepository|\w*InMemory\w*SessionRepository)\s*(<[^>]*>)?\s*\(|\b((Reactive)?MapSessionRepository|\w*InMemory\w*SessionRepository)\s*\(\s*(ConcurrentHashMap|HashMap|mutableMapOf)/, "Spring Session keeps sessions in an in-memory repository (process memory).", "medium");
      } else if (f.language === "ruby" && /production\.rb$/.test(f.path)) {
        if (/session_store/.test(code)) sawSessions = true;
        if (/session_store\s+:cache_store/.test(code)) hit(/cache_store\s*=\s*:(memory_store|file_store)/, "Rails sessions use a process-local cache store.");
      } else if (f.language === "php" && /(^|\/)[Cc]onfig\/session\.php$/.test(f.path)) {
        sawSessions = true;
        const overridden = ctx.files({ roles: ["source", "dev", "example"] }).some((x) => /(\.env\.example|app\.json|render\.yaml|fly\.toml|\.ya?ml)$/.test(x.path) && /SESSION_DRIVER\s*[=:]\s*["']?(redis|database|memcached|dynamodb|cookie)/.test(ctx.snapshot.text(x.path) ?? ""));
        // v4: an API-only Laravel app never starts a session: routes/web.php holds at most the framework's welcome page
        // and no application code reads or writes the session (token/JWT auth on routes/api.php, whose middleware group
        // has no StartSession). The file driver then stores nothing (accuracy bench: laravel-realworld-example-app VI,
        // human pass — "file sessions unused by the API").
        if (!overridden && laravelApiOnly(ctx, f.path)) {
          ctx.evidence({ path: f.path, note: "Laravel session driver is configured, but the app serves only API routes (no web routes use sessions)" });
          continue;
        }
        if (!overridden) hit(/['"]driver['"]\s*=>\s*env\(\s*['"]SESSION_DRIVER['"]\s*,\s*['"](file|array)['"]\s*\)/, "Laravel sessions default to local files and no deploy config overrides SESSION_DRIVER.", "medium");
      }
    }
    // v3: Symfony FrameworkBundle sessions (app/config/config.yml, config/packages/framework.yaml): handler_id
    // null (PHP's default files handler) or session.handler.native_file keeps sessions in local files
    for (const f of ctx.files().filter((x) => /\.ya?ml$/.test(x.path) && x.env !== "dev" && x.env !== "test")) {
      const text = ctx.snapshot.text(f.path) ?? "";
      if (!/^\s*framework:/m.test(text) || !/^\s+session:/m.test(text)) continue;
      for (const doc of ctx.snapshot.yaml(f.path) ?? []) {
        const fw = (doc.data as { framework?: { session?: unknown } } | null)?.framework;
        const session = fw?.session;
        if (!session || typeof session !== "object") continue;
        sawSessions = true;
        const handler = (session as Record<string, unknown>).handler_id;
        if (handler === null || handler === "~" || (typeof handler === "string" && /native_file|NativeFileSessionHandler/.test(handler))) {
          ctx.report({ path: f.path, line: doc.line(["framework", "session", "handler_id"]) ?? doc.line(["framework", "session"]) ?? 1, message: "Symfony sessions are stored in local files (handler_id null / native_file).", match: `symfony-session:${String(handler)}`, severity: "medium" });
        } else if (typeof handler === "string") ctx.evidence({ path: f.path, line: doc.line(["framework", "session", "handler_id"]) ?? undefined, note: `Symfony sessions via ${handler}` });
      }
    }
    if (!sawSessions) return ctx.na("no server-side session middleware");
  },
});
