import { defineRule } from "./define-rule.ts";
import { ENV_ACCESS } from "../detectors/config-derived.ts";
import type { FileEntry } from "../types.ts";
import { CSHARP_ADONET_SQLITE_RE, jsEmbeddedEngine, LIBSQL_SYNC_RE, notForProduction, pyPhpSqliteOpen, SPRING_DEFAULT_CONFIG_RE } from "../detectors/embedded-stores.ts";

const LIBSQL_RE = /^(@libsql\/client|libsql)$/;

/** Go import paths of embedded SQL drivers and KV stores. */
const GO_EMBEDDED: [RegExp, string][] = [
  [/^(github\.com\/mattn\/go-sqlite3|modernc\.org\/sqlite(\/lib)?|github\.com\/glebarez\/(go-)?sqlite|gorm\.io\/driver\/sqlite|github\.com\/ncruces\/go-sqlite3(\/driver)?|zombiezen\.com\/go\/sqlite|crawshaw\.io\/sqlite)$/, "SQLite"],
  [/^(go\.etcd\.io\/bbolt|github\.com\/boltdb\/bolt|github\.com\/asdine\/storm(\/v\d+)?)$/, "BoltDB"],
  [/^github\.com\/dgraph-io\/badger(\/v\d+)?$/, "Badger"],
  [/^github\.com\/cockroachdb\/pebble(\/v\d+)?$/, "Pebble"],
  [/^(github\.com\/tidwall\/buntdb|github\.com\/syndtr\/goleveldb\/leveldb|github\.com\/nutsdb\/nutsdb)$/, "embedded KV store"],
];
const RUST_EMBEDDED: [RegExp, string][] = [
  [/\buse\s+rusqlite\b|\brusqlite::/, "SQLite (rusqlite)"],
  [/\bSqlitePool(Options)?\b|\bSqliteConnectOptions\b|\bsqlx::sqlite\b|\bdiesel::sqlite\b|\bSqliteConnection\b/, "SQLite (sqlx/diesel)"],
  [/\bsled::(open|Config)\b|\bredb::Database\b|\brocksdb::(DB|Options)\b/, "embedded KV store (sled/redb/RocksDB)"],
  [/\bhiqlite::/, "Hiqlite (replicated SQLite)"],
  // v6 (session 26, corpus: meilisearch's indexes, tasks and keys in LMDB environments through heed)
  [/\bheed::EnvOpenOptions\b|\buse\s+[\w:]*heed::[^;]*\bEnvOpenOptions\b/, "LMDB (heed)"],
];
/** A literal SQLite URL in Rust code (SeaORM/sqlx `"sqlite://…"` built from a data directory). */
const RUST_SQLITE_URL_RE = /^sqlite:(\/\/)?/;
const CSHARP_EMBEDDED: [RegExp, string][] = [
  [/\.\s*UseSqlite\s*\(|\bnew\s+SqliteConnection\s*\(|\bnew\s+SQLiteConnection\s*\(/, "SQLite"],
  // v4 (session 25, fresh set session31b: Radarr and Lidarr, like Sonarr and Prowlarr, open System.Data.SQLite through
  // `SQLiteFactory.Instance.CreateConnection()` with a `new SQLiteConnectionStringBuilder { DataSource = … }`)
  [CSHARP_ADONET_SQLITE_RE, "SQLite (ADO.NET)"],
  [/\bnew\s+LiteDatabase\s*\(|\busing\s+LiteDB\s*;/, "LiteDB"],
];
const PY_EMBEDDED_IMPORT_RE = /^\s*(?:import|from)\s+(aiosqlite|tinydb|apsw|sqlite_utils|sqlitedict|pickledb|zodb|ZODB)\b/m;
const JVM_URL_RE = /^jdbc:(sqlite|h2|hsqldb|derby):(?!mem:)/;
const ELIXIR_RE = /\bEcto\.Adapters\.SQLite3\b|\bCubDB\.start_link\b/;
/** Code that is not the app's runtime: scripts, tools, migrations, benchmarks. */
const NON_RUNTIME_DIR_RE = /(^|\/)(scripts?|tools?|hack|migrations?|bench(marks?)?|examples?|samples?|contrib)\//;

export default defineRule({
  meta: {
    id: "F06-EMBEDDED-DATASTORE",
    version: 6,
    factor: "F06",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["TS-AST", "TOKEN", "PARSE"],
    title: "The app can keep its data in an embedded file database",
    rationale:
      "\"Twelve-factor processes are stateless and share-nothing. Any data that needs to persist must be stored in a stateful backing service.\" An embedded database (SQLite, BoltDB, LevelDB, LiteDB, H2 files …) wired into the app's own runtime code keeps the data in a file on the instance that runs it: a deployment that uses it cannot run a second process against the same data, and a reschedule without its volume loses it. Apps that offer it as the self-hosting default are built around a local data directory even when a networked database can be configured.",
    remediation: "Make a networked database (PostgreSQL, MySQL …) the production datastore, attached by URL from config, and keep the embedded engine for tests and single-user desktop installs; document that the embedded mode pins the app to one instance.",
    docs: {
      bad: [{ file: "internal/store/sqlite.go", code: "import _ \"modernc.org/sqlite\"\n\ndb, err := sql.Open(\"sqlite\", filepath.Join(cfg.DataDir, \"app.db\"))" }],
      good: [{ file: "internal/store/db.go", code: "import _ \"github.com/jackc/pgx/v5/stdlib\"\n\ndb, err := sql.Open(\"pgx\", os.Getenv(\"DATABASE_URL\"))" }],
    },
    sources: [
      { title: "12factor.net — Processes", url: "https://12factor.net/processes" },
      { title: "12factor.net — Backing services", url: "https://12factor.net/backing-services" },
    ],
    deviations:
      "Added in session 13 from the accuracy bench: 36 repositories whose VI no VI rule flagged were human partial or fail because the app offers (usually as its self-hosting default) a local SQLite/BoltDB/LiteDB/Hiqlite store — woodpecker, photoview, papra, kellnr, Spoolman, grandnode2, rauthy, wastebin, pocket-id, vikunja, gatus, authelia, hedgedoc, memos; the repositories whose embedded driver was opt-in or a cache (openfga, atuin, docs.rs) were judged pass, which this rule gets wrong. F04-EMBEDDED-BACKING-SERVICE judges whether the embedded store is *the* datastore (IV); this rule only asks whether the runtime code wires one at all, from the processes angle, and caps VI at partial (score.ts). Evidence is an import or use in production source owned by the unit (not tests, scripts, tools, migrations, examples): JS/TS imports of sqlite3/better-sqlite3/node:sqlite/bun:sqlite/NeDB/lowdb/LevelDB/LokiJS/PGlite (a libSQL client only with a literal `file:` URL in the unit's code, Dockerfile or env files); Go imports of go-sqlite3, modernc sqlite, glebarez/ncruces sqlite, gorm's sqlite driver, bbolt/BoltDB/storm, Badger, Pebble, BuntDB, goleveldb; Rust rusqlite, sqlx/diesel SQLite types, a literal `sqlite:` URL, sled/redb/RocksDB, Hiqlite; C# `UseSqlite`, `SqliteConnection`, LiteDB; Python aiosqlite, TinyDB, APSW, sqlite-utils, sqlitedict; a Ruby `sqlite3` gem outside the development/test groups; JVM `jdbc:sqlite|h2|hsqldb|derby:` file URLs in production code or the default Spring config (not on a line with a `${VAR:…}` fallback); Elixir `Ecto.Adapters.SQLite3`/CubDB. In-memory engines do not count. na when nothing is found (absence earns no pass). v2 (session 17, after looking at session18c: sismics/docs): an embedded store whose wiring is within a few lines of the code's own warning that it is not for production (`Only suitable for testing purpose, not for production!`, `not recommended for production`, `for development only`) is a test fallback and not counted. v3 (session 21, after looking at session27b: NetAlertX's backend opens its SQLite file with `sqlite3.connect(fullDbPath)` and its PHP front end with `new SQLite3($DBFILE)`, human VI fail / scanner pass): Python's stdlib `sqlite3.connect(…)` and PHP's `new SQLite3(…)` or a PDO `sqlite:` DSN in runtime code count like a driver import (`:memory:` does not, nor a file named for a cache: rss-bridge's caches/SQLiteCache.php, human VI pass); a Python module counts only when it writes through the connection (commit, backup, INSERT, CREATE TABLE …) and is not a connector to a user's data source (query_runner/, engines/, connectors/) or a Django management command (an admin process): healthchecks' search.db, read by a view and built by populate_searchdb, redash's SQLite query runner and searxng's SQLite engine, all human VI pass, do not. v4 (session 25, fresh set session31b: Radarr and Lidarr, human VI fail / scanner partial): ADO.NET SQLite (`SQLiteFactory.Instance.CreateConnection()`, `new SQLiteConnectionStringBuilder`, Microsoft.Data.Sqlite's `SqliteConnectionStringBuilder`) is read like EF Core UseSqlite. v5 (session 25, fresh set session31e: openstatus, human VI pass / scanner fail): a libSQL client given a `syncUrl` is an embedded replica of a remote primary (Turso); its local `file:` database is a synced copy, not the app's datastore. v6 (session 26, corpus: meilisearch, human VI fail / scanner pass): LMDB environments opened through heed (`heed::EnvOpenOptions`) are an embedded datastore.",
  },
  check(ctx) {
    // the unit's files, its internal libraries' (a workspace crate, module or project it builds in) and files of no unit
    const prod = (f: FileEntry) => f.role === "source" && f.env !== "dev" && f.env !== "test" && !NON_RUNTIME_DIR_RE.test(f.path);
    const inScope = new Set(ctx.files({ roles: ["source", "dev"] }).map((f) => f.path));
    const hits: { path: string; line: number; engine: string; match: string }[] = [];
    const seenEngine = new Set<string>();
    const add = (h: { path: string; line: number; engine: string; match: string }) => {
      // v2 (session 17, after looking at session18c: sismics/docs falls back to an H2 file with
      // `log.warn("Using an embedded H2 database. Only suitable for testing purpose, not for production!")` when
      // DATABASE_URL is unset; human VI partial, not fail): a store the code itself says is not for production is a
      // test fallback, not one the app is built around
      if (notForProduction(ctx.snapshot.text(h.path), h.line)) return;
      if (seenEngine.has(h.engine)) return;
      seenEngine.add(h.engine);
      hits.push(h);
    };

    // JS/TS imports
    let libsql: { path: string; line: number; source: string } | null = null;
    for (const f of ctx.files({ roles: ["source"], languages: ["javascript", "typescript"] })) {
      if (!prod(f)) continue;
      for (const imp of ctx.snapshot.jsFacts(f.path)?.imports ?? []) {
        if (imp.typeOnly) continue;
        // embedded *file* stores only: an in-memory engine (sql.js) keeps nothing between restarts
        const engine = jsEmbeddedEngine(imp.source);
        if (engine && !/in-memory/.test(engine)) add({ path: f.path, line: imp.line, engine, match: `import ${imp.source}` });
        else if (LIBSQL_RE.test(imp.source)) libsql ??= { path: f.path, line: imp.line, source: imp.source };
      }
    }
    if (libsql) {
      // libSQL also reaches remote servers (Turso): only a literal local `file:` URL makes it an embedded SQLite file
      const fileUrl = ctx.files({}).some((f) => {
        if (f.role === "test" || f.role === "vendor" || !(/(^|\/)(Dockerfile[^/]*|\.env[\w.-]*)$/.test(f.path) || (f.role === "source" && (f.language === "javascript" || f.language === "typescript")))) return false;
        const code = ctx.snapshot.tokens(f.path)?.code ?? ctx.snapshot.text(f.path) ?? "";
        // v5 (session 25, fresh set session31e: openstatus `createClient({ url: "file:///app/data/replica.db", syncUrl:
        // env.DATABASE_URL })`, human VI pass): a libSQL embedded replica of a remote primary (Turso) keeps a synced
        // copy; the data lives in the networked database
        return /(['"`=]|\bURL\s+)file:(\/|\.\/|[\w.-]+\.(db|sqlite3?))/i.test(code) && !LIBSQL_SYNC_RE.test(code);
      });
      if (fileUrl) add({ path: libsql.path, line: libsql.line, engine: "SQLite (libSQL file)", match: `import ${libsql.source}` });
    }

    for (const f of ctx.files({ roles: ["source"] })) {
      if (!prod(f) || !f.language) continue;
      const lang = f.language;
      if (lang === "go") {
        const tok = ctx.snapshot.tokens(f.path);
        for (const s of tok?.strings ?? []) {
          const hit = GO_EMBEDDED.find(([re]) => re.test(s.value));
          if (hit) add({ path: f.path, line: tok!.lineAt(s.start), engine: hit[1], match: `import "${s.value}"` });
        }
      } else if (lang === "rust") {
        const tok = ctx.snapshot.tokens(f.path);
        const code = tok?.code ?? "";
        for (const [re, engine] of RUST_EMBEDDED) {
          const m = re.exec(code);
          if (m) add({ path: f.path, line: tok!.lineAt(m.index), engine, match: m[0] });
        }
        for (const s of tok?.strings ?? []) {
          if (RUST_SQLITE_URL_RE.test(s.value) && !/:memory:|mode=memory/.test(s.value)) add({ path: f.path, line: tok!.lineAt(s.start), engine: "SQLite (sqlx/diesel)", match: `"${s.value.slice(0, 40)}"` });
        }
      } else if (lang === "csharp") {
        const tok = ctx.snapshot.tokens(f.path);
        const code = tok?.code ?? "";
        for (const [re, engine] of CSHARP_EMBEDDED) {
          const m = re.exec(code);
          if (m) add({ path: f.path, line: tok!.lineAt(m.index), engine, match: m[0].trim() });
        }
      } else if (lang === "python") {
        const tok = ctx.snapshot.tokens(f.path);
        const m = PY_EMBEDDED_IMPORT_RE.exec(tok?.code ?? "");
        if (m) add({ path: f.path, line: tok!.lineAt(m.index + m[0].indexOf(m[1])), engine: `${m[1]} (embedded)`, match: m[0].trim() });
        const c = pyPhpSqliteOpen(f.path, lang, tok?.code ?? "");
        if (c) add({ path: f.path, line: tok!.lineAt(c.match.index), engine: c.engine, match: c.match[0].trim() });
      } else if (lang === "php") {
        const tok = ctx.snapshot.tokens(f.path);
        const c = pyPhpSqliteOpen(f.path, lang, tok?.code ?? "");
        if (c) add({ path: f.path, line: tok!.lineAt(c.match.index), engine: c.engine, match: c.match[0].trim() });
      } else if (lang === "java" || lang === "kotlin" || lang === "scala") {
        const tok = ctx.snapshot.tokens(f.path);
        const envRe = ENV_ACCESS[lang];
        for (const s of tok?.strings ?? []) {
          if (!JVM_URL_RE.test(s.value)) continue;
          const line = tok!.lineAt(s.start);
          if (envRe?.test(ctx.snapshot.lines(f.path)[line - 1] ?? "")) continue;
          add({ path: f.path, line, engine: "embedded JDBC database", match: `"${s.value.slice(0, 40)}"` });
        }
      } else if (lang === "elixir") {
        const tok = ctx.snapshot.tokens(f.path);
        const m = ELIXIR_RE.exec(tok?.code ?? ctx.snapshot.text(f.path) ?? "");
        if (m) add({ path: f.path, line: ctx.snapshot.findLine(f.path, m[0]) ?? 1, engine: "SQLite (Ecto)", match: m[0] });
      }
    }
    // Spring's default configuration naming an embedded file database (not a `${DB_URL:jdbc:h2:…}` fallback)
    for (const f of ctx.files({})) {
      if (!SPRING_DEFAULT_CONFIG_RE.test(f.path) || f.role === "test" || f.env === "dev" || f.env === "test") continue;
      const lines = ctx.snapshot.lines(f.path);
      lines.forEach((l, i) => {
        const m = /\burl\s*[:=]\s*['"]?(jdbc:(sqlite|h2|hsqldb|derby):(?!mem:)\S*)/.exec(l);
        if (m && !/\$\{/.test(l) && !/^\s*#/.test(l)) add({ path: f.path, line: i + 1, engine: "embedded JDBC database", match: m[1].slice(0, 60) });
      });
    }
    // Ruby: the sqlite3 gem in the default Gemfile group (bundled in production)
    for (const m of ctx.snapshot.manifests()) {
      if (m.ecosystem !== "rubygems" || !inScope.has(m.path) || !/(^|\/)Gemfile$/.test(m.path)) continue;
      const dep = m.deps.find((d) => (d.name === "sqlite3" || d.name === "litestack") && d.scope === "runtime");
      if (dep) add({ path: m.path, line: ctx.snapshot.findLine(m.path, new RegExp(`gem\\s+['"]${dep.name}['"]`)) ?? 1, engine: "SQLite (Ruby)", match: `gem "${dep.name}"` });
    }

    if (!hits.length) return ctx.na("no embedded file datastore wired in the unit's runtime code");
    for (const h of hits) {
      ctx.report({
        path: h.path, line: h.line, message: `The app wires an embedded ${h.engine} store: data kept in it lives on the instance's disk, not in a shared backing service.`,
        match: h.match, data: { engine: h.engine },
      });
    }
  },
});
