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
