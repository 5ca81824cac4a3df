// Where a repository's test suite pins its database to an embedded engine (SQLite, H2, HSQLDB, Derby), and whether
// anything in the repository tests against a networked one. Used by F10-BACKING-SERVICE-TYPE-DRIFT: twelve-factor's
// own dev/prod-parity example is "SQLite locally, PostgreSQL in production"; a suite that only ever runs on the
// embedded engine never exercises the production dialect.
import type { RepoSnapshot } from "../snapshot/index.ts";
import type { FileEntry } from "../types.ts";
import { CI_FILE_RE } from "./shell-snippets.ts";

export interface TestDbPin {
  path: string;
  line: number;
  /** the embedded engine the tests run on */
  engine: "sqlite" | "h2";
  /** what pins it, for the finding's match/evidence */
  source: string;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const lineOf = (text: string, index: number) => (text.slice(0, index).match(/\n/g)?.length ?? 0) + 1;

/** PHPUnit and Laravel's `.env.testing` (v3). */
const PHPUNIT_FILE_RE = /(^|\/)(phpunit\.xml(\.dist)?|\.env\.testing)$/;
const PHPUNIT_SQLITE_RE = /name\s*=\s*"DB_CONNECTION"\s+value\s*=\s*"sqlite"|^\s*DB_CONNECTION\s*=\s*"?sqlite\b/m;
/** v4: test dotenv files (`.env.test`, `.env.ci`) selecting SQLite by driver name or URL. */
const TEST_DOTENV_RE = /(^|\/)\.env\.(test|testing|ci)$/;
const DOTENV_DRIVER_KEY_RE = /^(DB|DATABASE)_(CONNECTION|CLIENT|DRIVER|TYPE|DIALECT|ENGINE|ADAPTER|PROVIDER)$/;
const DOTENV_URL_KEY_RE = /^(DATABASE|DB)_?(URL|URI|DSN)$/;
/** v4: Java test resources with an embedded JDBC URL (Spring `src/test/resources/application.yml`, hibernate.properties). */
const JAVA_TEST_RESOURCE_RE = /(^|\/)src\/test\/resources\/(.*\/)?[\w.-]+\.(properties|ya?ml|xml)$|(^|\/)src\/main\/resources\/application-(test|tests|it)\.(properties|ya?ml)$/;
const EMBEDDED_JDBC_RE = /\bjdbc:(h2|hsqldb|derby|sqlite):/i;
/** v4: Django settings modules for the test run. */
const DJANGO_TEST_SETTINGS_RE = /(^|\/)(test_?settings|settings_?tests?|settings\/tests?(_\w+)?|settings\/ci)\.py$/;

/**
 * The first place the repository pins its test database to an embedded engine, or null. Files are the caller's
 * (source/dev/test roles); vendored and example files never pin anything.
 */
export function testDbPin(snapshot: RepoSnapshot, files: readonly FileEntry[]): TestDbPin | null {
  for (const f of files) {
    if (PHPUNIT_FILE_RE.test(f.path)) {
      // XML comments blanked (newlines kept, so the match's line is the file's): LinkStack's commented-out pin pins nothing
      const text = (snapshot.text(f.path) ?? "").replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, " "));
      const m = PHPUNIT_SQLITE_RE.exec(text);
      if (m) return { path: f.path, line: lineOf(text, m.index), engine: "sqlite", source: "test DB_CONNECTION=sqlite" };
    }
    if (TEST_DOTENV_RE.test(f.path) && !PHPUNIT_FILE_RE.test(f.path)) {
      for (const e of snapshot.dotenv(f.path) ?? []) {
        const sqlite = (DOTENV_DRIVER_KEY_RE.test(e.key) && /^(sqlite3?|better-sqlite3|libsql)$/i.test(e.value.trim())) || (DOTENV_URL_KEY_RE.test(e.key) && /^\s*["']?(sqlite\w*|file):/i.test(e.value));
        if (sqlite) return { path: f.path, line: e.line, engine: "sqlite", source: `${f.path.split("/").pop()} ${e.key}` };
      }
    }
    if (/(^|\/)config\/database\.ya?ml$/.test(f.path)) {
      const doc = snapshot.yaml(f.path)?.[0];
      const test = obj(obj(doc?.data).test);
      const adapter = typeof test.adapter === "string" ? test.adapter : typeof test.url === "string" ? test.url : null;
      if (adapter && /sqlite/i.test(adapter)) {
        const line = doc?.line(["test", typeof test.adapter === "string" ? "adapter" : "url"]) ?? doc?.line(["test"]) ?? 1;
        return { path: f.path, line, engine: "sqlite", source: "database.yml test: sqlite3" };
      }
    }
    if (JAVA_TEST_RESOURCE_RE.test(f.path)) {
      const text = snapshot.text(f.path) ?? "";
      const m = EMBEDDED_JDBC_RE.exec(text);
      if (m && !/^\s*(#|!|\/\/)/.test(text.slice(text.lastIndexOf("\n", m.index) + 1, m.index))) {
        return { path: f.path, line: lineOf(text, m.index), engine: /sqlite/i.test(m[1]) ? "sqlite" : "h2", source: `test resources jdbc:${m[1].toLowerCase()}` };
      }
    }
    if (DJANGO_TEST_SETTINGS_RE.test(f.path)) {
      const tok = snapshot.tokens(f.path);
      const m = tok ? /["']ENGINE["']\s*:\s*["']django\.db\.backends\.sqlite3["']/.exec(tok.code) : null;
      if (tok && m) return { path: f.path, line: tok.lineAt(m.index), engine: "sqlite", source: "Django test settings ENGINE sqlite3" };
    }
  }
  return null;
}

/** A line of a CI definition naming a networked database (a service container, a matrix entry, an env value). */
const EMBEDDED_URL_RE = /\bjdbc:(h2|hsqldb|derby|sqlite):|\bsqlite:\/\//i;
const CI_NETWORKED_DB_RE = /\b(mysql|mariadb|postgres|postgresql|postgis|pgsql)\b/i;

/**
 * Does anything in the repository run the tests against a networked database? A CI definition that names one
 * (GitHub workflows, the other CI systems' files, Jenkinsfile), or Testcontainers in the build (each test starts
 * its own real database: spring-petclinic's MySQL/Postgres integration tests).
 */
export function testsUseNetworkedDb(snapshot: RepoSnapshot): boolean {
  const ciPaths = [...snapshot.workflows().map((w) => w.path), ...snapshot.files.filter((f) => CI_FILE_RE.test(f.path) || /(^|\/)Jenkinsfile$/.test(f.path)).map((f) => f.path)];
  // an embedded engine's compatibility mode (`jdbc:h2:mem:db;MODE=MySQL`: apollo's CI) names no networked database
  if (ciPaths.some((p) => (snapshot.text(p) ?? "").split("\n").some((l) => !/^\s*#/.test(l) && !EMBEDDED_URL_RE.test(l) && CI_NETWORKED_DB_RE.test(l)))) return true;
  return snapshot.files.some((f) => f.role !== "vendor" && /(^|\/)(pom\.xml|build\.gradle(\.kts)?|package\.json|requirements[\w.-]*\.txt|pyproject\.toml|Gemfile|go\.mod|composer\.json)$/.test(f.path) && /testcontainers/i.test(snapshot.text(f.path) ?? ""));
}
