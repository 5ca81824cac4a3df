import { defineRule } from "./define-rule.ts";
import type { Severity } from "../types.ts";
import { usedFamilies } from "../detectors/backing-services.ts";
import { categoryOf, serviceInventory, type Category, type InvFamily, type InventoryEntry } from "../detectors/service-inventory.ts";
import { deployAttachesNetworkedDb } from "../detectors/backing-services.ts";
import { embeddedDefault } from "../detectors/embedded-default.ts";
import { testDbPin, testsUseNetworkedDb } from "../detectors/test-datastore.ts";

const SEVERITY: Record<Category, Severity> = { database: "high", queue: "medium", cache: "low", search: "low" };
/** Families that only exist in-process: the classic "SQLite locally" substitutes. */
const EMBEDDED = new Set<InvFamily>(["sqlite", "h2", "in-memory"]);

/**
 * v2: does a development-side environment run a networked database? Explicit development sources: dev .env URLs,
 * development settings/profiles, dev-named compose files and devcontainers, and compose stacks that start only
 * backing services (no app service: `docker compose up` for local development, spring-petclinic). A plain compose
 * file that runs the app itself next to its database is the deployment stack (F04 deployAttachesNetworkedDb).
 */
function devRunsNetworkedDb(snapshotCompose: readonly { path: string; services: readonly { image: string | null; build: unknown }[] }[], dev: readonly InventoryEntry[], explicitDev: (path: string) => boolean): boolean {
  const networkedDb = (e: InventoryEntry) => categoryOf(e.family) === "database" && !EMBEDDED.has(e.family);
  for (const e of dev) {
    if (!networkedDb(e)) continue;
    const cf = snapshotCompose.find((c) => c.path === e.path);
    if (!cf) return true; // .env / settings / profile / database.yml development section
    if (explicitDev(cf.path) || cf.services.every((s) => !s.build && (!s.image || /^(\S+\/)?(postgres|postgis|mysql|mariadb|mongo|redis|valkey|rabbitmq|memcached|elasticsearch|opensearch|kafka|zookeeper|mailhog|mailpit|minio|adminer|pgadmin|localstack|azurite|mssql|meilisearch|maildev|inbucket|nginx|traefik|caddy)[\w./:-]*$/i.test(s.image.replace(/^docker\.io\/(library\/)?/, ""))))) return true;
  }
  return false;
}

/** v3: env templates and their networked database selection (`DB_CONNECTION=mysql`). */
const ENV_TEMPLATE_RE = /(^|\/)\.env\.(example|dist|sample|template)$/;
const ENV_NETWORKED_DB_RE = /^\s*(DB_CONNECTION\s*=\s*"?(mysql|mariadb|pgsql|postgres(ql)?|sqlsrv)\b|(DATABASE|DB)_?(URL|URI|DSN)\s*=\s*"?(postgres(ql)?|mysql2?|mariadb)(\+\w+)?:)/m;
/** v4: Spring's main configuration and a networked JDBC URL in it. */
const SPRING_MAIN_CONFIG_RE = /(^|\/)src\/main\/resources\/application(-(prod|production|docker|default))?\.(properties|ya?ml)$/;
const NETWORKED_JDBC_RE = /\bjdbc:(mysql|mariadb|postgresql|sqlserver|oracle):/i;

export default defineRule({
  meta: {
    id: "F10-BACKING-SERVICE-TYPE-DRIFT",
    version: 4,
    factor: "F10",
    kind: "violation",
    severity: "high",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["PARSE", "XREF"],
    // v4: a test configuration is this rule's evidence (the suite's database), not an incidental test-path hit
    pathRoleDowngrade: false,
    title: "Different backing-service types across environments",
    rationale:
      "Twelve-factor's own example: SQLite locally and PostgreSQL in production. Different engines differ in SQL dialect, locking, types and constraints, so code that passed locally fails in production. The same applies, with less blast radius, to an in-memory broker or a different cache.",
    remediation: "Run the same backing services locally as in production (e.g. Postgres in docker-compose instead of SQLite) so incompatibilities surface before deploy.",
    docs: {
      bad: [{ file: "config/database.yml", code: "development:\n  adapter: sqlite3\nproduction:\n  adapter: postgresql" }],
      good: [{ file: "config/database.yml", code: "development:\n  adapter: postgresql\n  url: <%= ENV['DATABASE_URL'] %>\nproduction:\n  adapter: postgresql" }],
    },
    sources: [
      { title: "12factor.net — Dev/prod parity", url: "https://12factor.net/dev-prod-parity" },
      { title: "twelve-factor CHECKLIST.md", url: "https://github.com/twelve-factor/twelve-factor" },
    ],
    deviations:
      "Compared per category (database/queue/cache/search), so a dev Redis next to a prod Postgres is not drift. When production is not described in the repo, a finding is raised only if dev uses an embedded substitute (SQLite/H2/in-memory) while the code also ships a driver for a server engine of the same category (pg next to SQLite is the 12factor anti-pattern); a deliberate SQLite-everywhere app (no server driver) is not flagged. The test environment is excluded (strictTestParity: false). Mail backends are not inventoried. v2 (accuracy bench old/session6z: spring-petclinic and LinkAce human X pass / scanner partial — the development compose runs MySQL *and* Postgres, production one of them; healthchecks, flasky, CTFd human partial / scanner pass — `manage.py runserver`/`flask run` develop on a SQLite default while the shipped compose runs Postgres/MySQL/MariaDB): (a) a category is not drift when development offers several engines and one of them is the production engine; (b) a service whose configuration module chooses an embedded engine as its default or fallback (a SQLite URL literal, Django's sqlite3 ENGINE, an engine selector falling back to sqlite; tests, migrations, tools and query runners skipped) while the shipped deployment attaches a networked database (F04's deployAttachesNetworkedDb: the default compose stack running a database, Kubernetes, app.json/render.yaml/fly.toml; database-named compose variants are opt-in; or a production inventory entry outside compose — Terraform RDS/Cloud SQL, render.yaml, app.json add-ons, Helm — babybuddy's Cloud Run Terraform with Cloud SQL Postgres) is drift, unless a development environment runs a networked database itself (dev .env URL, development settings/profile, dev-named compose or devcontainer, or a compose stack of backing services only). When the shipped default deployment is itself embedded (kutt, jellyseerr, spring-petclinic-rest: F04 defaultDatastore) dev and production are the same and nothing is reported. v3 (session 19; accuracy bench akaunting, crater, projectsend — human X partial / scanner pass — against koel, Lychee and speedtest-tracker, whose CI also runs MySQL/PostgreSQL, human pass): a test configuration that pins the database to SQLite (phpunit.xml `<env name=\"DB_CONNECTION\" value=\"sqlite\"/>`, `.env.testing` `DB_CONNECTION=sqlite`) while the shipped configuration selects a networked database (`.env.example` `DB_CONNECTION=mysql`, or the deploy attaches one), and no CI definition names a networked database, is type drift between the tested and the production database.",
  },
  check(ctx) {
    const inv = serviceInventory(ctx.snapshot, ctx.files({ roles: ["source", "dev"] }));
    const code = usedFamilies(ctx.snapshot, ctx.unit);
    const dev = inv.filter((e) => e.env === "dev");
    const prod = inv.filter((e) => e.env === "prod");
    let compared = false;
    const reported = new Set<string>();
    // a networked database provisioned by production infrastructure/platform manifests (Terraform RDS/Cloud SQL,
    // render.yaml, app.json add-ons, Kubernetes, Helm); compose files are left to F04's deployAttachesNetworkedDb
    const prodDb = prod.find((p) => categoryOf(p.family) === "database" && !EMBEDDED.has(p.family) && !ctx.snapshot.composeFiles().some((c) => c.path === p.path));
    // v2: the code's default datastore is embedded while the shipped deployment attaches a networked database, and
    // no development environment runs one: `runserver`/`flask run` develop on SQLite, production runs Postgres/MySQL
    if (ctx.unit.kind === "service" && !devRunsNetworkedDb(ctx.snapshot.composeFiles(), dev, (p) => { const f = ctx.snapshot.file(p); return f?.role === "dev" || f?.env === "dev" || /(^|\/)\.devcontainer\//.test(p); })) {
      const hit = embeddedDefault(ctx.snapshot, ctx.files({ roles: ["source"] }));
      // the shipped deployment: F04's default-stack reading, or production infrastructure/platform manifests that
      // provision a networked database (Terraform RDS/Cloud SQL, render.yaml, app.json add-ons, Kubernetes, Helm);
      // compose files are left to F04's reading (database-named variants are opt-in alternatives)
      if (hit && (deployAttachesNetworkedDb(ctx.snapshot) || prodDb)) {
        compared = true;
        reported.add("database:sqlite");
        ctx.report({
          path: hit.path, line: hit.line, severity: SEVERITY.database,
          message: "Development defaults to an embedded database while the shipped deployment runs a networked one.",
          match: hit.match,
          data: { category: "database", dev: "sqlite", prod: "networked (deployment)", devSource: "code default" },
        });
      }
    }
    // v3 (session 19): the test suite pinned to SQLite (phpunit.xml / .env.testing `DB_CONNECTION=sqlite`) while the
    // shipped configuration runs a networked database and no CI job runs one; v4 (session 20): any test-suite pin to an
    // embedded engine (.env.test, Rails database.yml `test:`, Java test resources' jdbc:h2/hsqldb, Django test
    // settings), production read from env templates, the deploy, production inventory or Spring's main configuration
    if (ctx.unit.kind === "service" && !reported.has("database:sqlite")) {
      const pin = testDbPin(ctx.snapshot, ctx.files({ roles: ["source", "dev", "test"] }));
      const envTemplate = pin ? ctx.files({ roles: ["source", "dev", "example"] }).find((f) => ENV_TEMPLATE_RE.test(f.path) && ENV_NETWORKED_DB_RE.test(ctx.snapshot.text(f.path) ?? "")) : undefined;
      const springProd = pin ? ctx.files({ roles: ["source"] }).find((f) => SPRING_MAIN_CONFIG_RE.test(f.path) && NETWORKED_JDBC_RE.test(ctx.snapshot.text(f.path) ?? "")) : undefined;
      const prodSide = envTemplate ?? springProd ?? (prodDb ? { path: prodDb.path } : undefined);
      if (pin && (prodSide || deployAttachesNetworkedDb(ctx.snapshot)) && !testsUseNetworkedDb(ctx.snapshot)) {
        compared = true;
        reported.add("database:sqlite");
        ctx.report({
          path: pin.path, line: pin.line, severity: SEVERITY.database,
          message: `The test suite runs only on ${pin.engine === "h2" ? "an embedded H2/HSQLDB database" : "SQLite"} while the shipped configuration uses a networked database, and no CI job tests against one.`,
          match: pin.source,
          related: prodSide ? [{ path: prodSide.path, note: "production configuration selects a networked database" }] : undefined,
          data: { category: "database", dev: `${pin.engine} (tests)`, prod: "networked", devSource: "test configuration" },
        });
      }
    }
    if (!dev.length && !compared) return ctx.na("no development backing-service configuration found");
    for (const d of dev) {
      const cat = categoryOf(d.family);
      const prodSame = prod.filter((p) => categoryOf(p.family) === cat);
      const key = `${cat}:${d.family}`;
      if (reported.has(key)) continue;
      if (prodSame.length) {
        compared = true;
        if (prodSame.some((p) => p.family === d.family)) continue;
        // v2: development offers several engines of the category (a compose stack with MySQL and Postgres, an app
        // that supports both) and one of them is the production engine: that is parity, not drift
        if (dev.some((o) => categoryOf(o.family) === cat && prodSame.some((p) => p.family === o.family))) continue;
        reported.add(key);
        ctx.report({
          path: d.path, line: d.line, severity: SEVERITY[cat],
          message: "Development uses a different backing-service type than production.",
          match: `${cat} dev ${d.family} vs prod ${[...new Set(prodSame.map((p) => p.family))].join(",")}`,
          related: prodSame.slice(0, 3).map((p) => ({ path: p.path, line: p.line, note: `production: ${p.family} (${p.via})` })),
          data: { category: cat, dev: d.family, prod: [...new Set(prodSame.map((p) => p.family))].join(", "), devSource: d.via },
        });
        continue;
      }
      if (!EMBEDDED.has(d.family)) continue;
      const server = code.find((c) => categoryOf(c.family) === cat && !EMBEDDED.has(c.family));
      if (!server) continue;
      compared = true;
      reported.add(key);
      ctx.report({
        path: d.path, line: d.line, severity: SEVERITY[cat],
        message: "Development uses an embedded substitute while the code ships a server driver.",
        match: `${cat} dev ${d.family} vs driver ${server.family}`,
        related: [{ path: server.path, line: server.line, note: `${server.via} → ${server.family}` }],
        data: { category: cat, dev: d.family, driver: server.via, devSource: d.via },
      });
    }
    if (!compared) {
      return ctx.na(prod.length ? "no backing-service category is described for both development and production" : "production backing services are not described in the repository");
    }
    for (const p of prod) ctx.evidence({ path: p.path, line: p.line, note: `production ${p.family} (${p.via})` });
  },
});
