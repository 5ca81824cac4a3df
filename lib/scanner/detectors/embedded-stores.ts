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
