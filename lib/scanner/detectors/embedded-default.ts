// Embedded-database defaults in an app's configuration modules (F10 parity rules, accuracy bench session 7):
// `os.environ.get('DEV_DATABASE_URL') or 'sqlite:///data-dev.sqlite'`, Django's sqlite3 ENGINE as the default
// DATABASES entry, `engine = "postgresql" if … else "sqlite"` — the database a developer gets with no configuration.
import type { FileEntry, Unit } from "../types.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";
import { usedFamilies } from "./backing-services.ts";

/** Embedded database drivers backing-services.ts does not inventory: JVM H2/HSQLDB/Derby, pure-Go SQLite drivers. */
const EMBEDDED_DEP_RE = /^(com\.h2database:h2|org\.hsqldb:hsqldb|org\.apache\.derby:derby(-\w+)?|github\.com\/glebarez\/(go-)?sqlite|gorm\.io\/driver\/sqlite|modernc\.org\/sqlite|github\.com\/ncruces\/go-sqlite3)$/i;

/**
 * Does the unit ship an embedded database it can run on: a SQLite driver among its runtime dependencies, an
 * H2/HSQLDB/Derby or pure-Go SQLite dependency, or a configuration default selecting SQLite? Then its networked
 * database drivers are opt-in alternatives, not services every environment needs.
 */
export function shipsEmbeddedDatabase(snapshot: RepoSnapshot, unit: Unit, sourceFiles: readonly FileEntry[]): boolean {
  return usedFamilies(snapshot, unit).some((u) => u.family === "sqlite") ||
    snapshot.manifests().some((m) => unit.manifests.includes(m.path) && m.deps.some((d) => d.scope === "runtime" && EMBEDDED_DEP_RE.test(d.name))) ||
    embeddedDefault(snapshot, sourceFiles) !== null;
}

/** Configuration/settings modules where a datastore default is chosen (not query runners, migrations, tests). */
const CONFIG_FILE_RE = /(^|\/)([\w.-]*(settings|config|conf|database|db|env)[\w.-]*\.(py|rb|php|js|mjs|cjs|ts|go)|settings\/[\w.-]+\.py)$/i;
const SKIP_PATH_RE = /(^|\/)(tests?|spec|__tests__|migrations?|alembic|docs?|examples?|scripts?|fixtures?|query_runners?|vendor|node_modules)(\/|$)|[._-](test|spec)\.[a-z]+$|(^|\/)(test|conftest)[\w-]*\.py$/i;
/**
 * An embedded engine chosen as the default or fallback of the app's database setting: a SQLite URL literal
 * (`os.environ.get('DEV_DATABASE_URL') or 'sqlite:///data-dev.sqlite'`, `f"sqlite:///{path}"`), Django's sqlite3
 * ENGINE, or an engine selector falling back to sqlite (`engine = "postgresql" if … else "sqlite"`).
 */
const EMBEDDED_DEFAULT_RES: RegExp[] = [
  /(?:\bf)?['"`]sqlite(\+\w+)?:\/\//i,
  /['"]django\.db\.backends\.sqlite3['"]/,
  /(\belse|\bor|\|\||\?\?)\s*['"`]sqlite3?['"`]/i,
];

/** First embedded-engine default in the unit's configuration modules (production source, not tests/tools). */
export function embeddedDefault(snapshot: RepoSnapshot, files: readonly FileEntry[]): { path: string; line: number; match: string } | null {
  for (const f of files) {
    if (f.env === "test" || !CONFIG_FILE_RE.test(f.path) || SKIP_PATH_RE.test(f.path)) continue;
    const tok = snapshot.tokens(f.path);
    const text = snapshot.text(f.path);
    if (!text || !/sqlite/i.test(text)) continue;
    // comments stripped where a lexer exists; string literals are kept
    const lines = (tok?.code ?? text).split("\n");
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (l.length > 400 || /^\s*(#|\/\/|\*)/.test(l)) continue;
      if (EMBEDDED_DEFAULT_RES.some((re) => re.test(l))) return { path: f.path, line: i + 1, match: l.trim().slice(0, 120) };
    }
  }
  return null;
}
