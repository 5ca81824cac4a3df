// Embedded datastores the app's own code opens (shared by F04-EMBEDDED-BACKING-SERVICE and F06-EMBEDDED-DATASTORE).

/** JS/TS modules of embedded stores → engine label. Labels containing "in-memory" keep nothing between restarts. */
export const JS_EMBEDDED_STORES: Readonly<Record<string, string>> = {
  sqlite3: "SQLite", "better-sqlite3": "SQLite", "@vscode/sqlite3": "SQLite", "sql.js": "SQLite (in-memory)", nedb: "NeDB", "@seald-io/nedb": "NeDB", lowdb: "lowdb (JSON file)",
  tingodb: "TingoDB", level: "LevelDB", leveldown: "LevelDB", "classic-level": "LevelDB", lokijs: "LokiJS", "node-json-db": "JSON file DB", "pglite": "PGlite", "@electric-sql/pglite": "PGlite (embedded Postgres)",
  // the runtimes' built-in SQLite modules (no package to declare; js-facts reports `node:sqlite` as `sqlite`, which is
  // also the name of the npm wrapper around sqlite3)
  sqlite: "SQLite", "bun:sqlite": "SQLite (bun:sqlite)",
};

/** Scoped forks of the SQLite drivers (`@louislam/sqlite3`). */
export const JS_SCOPED_SQLITE_RE = /^@[\w.-]+\/(sqlite3|better-sqlite3)$/;

/** The engine of an embedded store imported from a JS/TS module, or undefined. */
export function jsEmbeddedEngine(source: string): string | undefined {
  return JS_EMBEDDED_STORES[source] ?? (JS_SCOPED_SQLITE_RE.test(source) ? "SQLite" : undefined);
}

/** Spring Boot's default or production configuration files (`application.yml`, `application-prod.properties`). */
export const SPRING_DEFAULT_CONFIG_RE = /(^|\/)application(-prod\w*)?\.(properties|ya?ml)$/;

/** The code's own warning that a store is not for production: `not for production`, `not recommended for production use`, `for testing purposes only`, `development only`. */
const NOT_FOR_PRODUCTION_RE = /\bnot\s+(?:suitable\s+|recommended\s+|meant\s+|intended\s+|safe\s+)?(?:to\s+be\s+used\s+)?(?:for|in)\s+production\b|\b(?:only\s+(?:suitable\s+|meant\s+|intended\s+)?for\s+(?:testing|development|dev|tests)|for\s+(?:testing|development)\s+(?:purposes?\s+)?only)\b/i;

/** Does the code within 6 lines of `line` (1-based) of `text` warn that what it sets up is not for production? */
export function notForProduction(text: string | undefined, line: number): boolean {
  if (!text) return false;
  const lines = text.split("\n");
  return lines.slice(Math.max(0, line - 7), Math.min(lines.length, line + 6)).some((l) => NOT_FOR_PRODUCTION_RE.test(l));
}

/** A libSQL client option naming the remote primary it replicates (`syncUrl: env.DATABASE_URL`): an embedded replica, not an embedded datastore. */
export const LIBSQL_SYNC_RE = /\bsyncUrl\s*:/;

/** ADO.NET SQLite (System.Data.SQLite, Microsoft.Data.Sqlite): the *arr family's `SQLiteFactory.Instance.CreateConnection()` on a
 * `new SQLiteConnectionStringBuilder { DataSource = … }`, or a connection built directly (F04 v21, F06 v4). */
export const CSHARP_ADONET_SQLITE_RE = /\bSQLiteFactory\.Instance\.CreateConnection\s*\(|\bnew\s+S[Qq][Ll]iteConnectionStringBuilder\b|\bnew\s+S[Qq][Ll]iteConnection\s*\(/;

/** The stdlib sqlite3 module opening a database (not `:memory:`). */
const PY_SQLITE_CONNECT_RE = /\bsqlite3\.connect\s*\((?!\s*['"]:memory:['"])/;
/** PHP's SQLite3 class or a PDO `sqlite:` DSN (not in-memory). */
const PHP_SQLITE_RE = /\bnew\s+\\?SQLite3\s*\((?!\s*['"]:memory:['"])|\bnew\s+\\?PDO\s*\(\s*['"]sqlite:(?!:memory:)/;
/** A cache backend (rss-bridge's caches/SQLiteCache.php) keeps nothing the app cannot rebuild. */
const CACHE_PATH_RE = /(^|[/_.-])caches?([/_.-]|$)|[a-z]Cache\.\w+$/i;
/**
 * The app keeps data in the file only when the module writing through that connection writes (commit, INSERT, CREATE
 * TABLE, backup …); a read-only lookup (healthchecks' bundled search.db) or a connector to a user's SQLite data source
 * (redash query_runner/, searxng engines/) is not the app's state.
 */
const SQL_WRITE_RE = /\.(commit|backup|executescript)\s*\(|\b(INSERT\s+(OR\s+\w+\s+)?INTO|CREATE\s+TABLE|DELETE\s+FROM|UPDATE\s+\w+\s+SET)\b/i;
const PY_READ_ONLY_DIR_RE = /(^|\/)(query_runners?|engines|connectors|datasources|data_sources)\/|(^|\/)management\/commands\//;
/**
 * Not the app's own database: a database layer's per-engine driver (CodeIgniter's system/database/drivers/sqlite3/) and
 * a maintainer's tool (duplicati's Tools/Commandline/RestoreFromPython/) — session 25.
 */
const NOT_APP_DB_DIR_RE = /(^|\/)(drivers?|scripts?|tools?|hack|contrib|bin)\//i;

/**
 * Python's `sqlite3.connect(path)` in a module that writes through it, or PHP's `new SQLite3(path)` / PDO `sqlite:` DSN,
 * opening the app's own database file (F06-EMBEDDED-DATASTORE v3; F04-EMBEDDED-BACKING-SERVICE v21 reads the same).
 * Cache backends, connectors to a user's data source, per-engine drivers and maintainers' tools are skipped.
 */
export function pyPhpSqliteOpen(path: string, language: string | null | undefined, code: string): { match: RegExpExecArray; engine: string } | null {
  if ((language !== "python" && language !== "php") || CACHE_PATH_RE.test(path) || NOT_APP_DB_DIR_RE.test(path)) return null;
  if (language === "python") {
    const m = PY_READ_ONLY_DIR_RE.test(path) || !SQL_WRITE_RE.test(code) ? null : PY_SQLITE_CONNECT_RE.exec(code);
    return m ? { match: m, engine: "SQLite (sqlite3)" } : null;
  }
  const m = PHP_SQLITE_RE.exec(code);
  return m ? { match: m, engine: "SQLite (PHP)" } : null;
}
