import { defineRule } from "./define-rule.ts";
import { backingClients, isConfigDerived, type BackingClient } from "../detectors/backing-clients.ts";

function describe(c: BackingClient): string {
  const s = c.source;
  if (s.kind === "env") return s.name ? `$${s.name}` : "an environment variable";
  if (s.kind === "env-fallback") return `${s.name ? `$${s.name}` : "an environment variable"} (fallback ${String(s.fallback).slice(0, 40)})`;
  if (s.kind === "config") return c.via === "code" && /pg|S3Client|elasticsearch/.test(c.client) && !/process\.env|config/i.test(c.text) ? "the client's environment convention (PG*/AWS_* variables)" : "the config module";
  return "a literal";
}

export default defineRule({
  meta: {
    id: "F04-LOCATOR-FROM-CONFIG",
    version: 5,
    factor: "F04",
    kind: "evidence",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker"],
    technique: ["TS-AST", "TOKEN", "PARSE"],
    title: "Backing-service handles come from config",
    rationale:
      "A twelve-factor app reaches every backing service through a URL or locator stored in config (DATABASE_URL, REDIS_URL, AMQP_URL), so a local database can be swapped for a managed one, or a failed resource replaced, by changing the environment instead of the code.",
    remediation: "Construct every backing-service client from a single URL-style setting taken from the environment (e.g. `new Pool({ connectionString: process.env.DATABASE_URL })`).",
    docs: {
      bad: [{ file: "src/db.ts", code: "new Pool({ host: '10.0.3.12', database: 'app' })" }],
      good: [{ file: "src/db.ts", code: "new Pool({ connectionString: process.env.DATABASE_URL })" }],
    },
    sources: [
      { title: "12factor.net — Backing services", url: "https://12factor.net/backing-services" },
      { title: "twelve-factor CHECKLIST (databases accessed via URL from config)", url: "https://github.com/twelve-factor/twelve-factor" },
    ],
    deviations:
      "Ratio over the client inventory in production code and framework config (dev/test files excluded). A literal-localhost *fallback* behind an env read counts as config-derived (RULES.md evidence bar: acceptable). Clients whose locator cannot be classified (opaque variables) are left out of the ratio; when every client is opaque the rule is `unknown`. Clients constructed without a locator that read their own env convention (`new pg.Pool()` → PG* variables, `new S3Client()` → AWS_* / region chain) count as config; clients that silently default to localhost (`redis.createClient()`, `new Redis()`) count as literal. Spring `application.properties` literals count as config-derived with a fallback (SPRING_* relaxed binding overrides them). Confidence: high when every judged client comes from the JS AST or a parsed config file, medium otherwise. TypeORM without options (`TypeOrmModule.forRoot()`, `createConnection()`) resolves like TypeORM 0.2: a committed ormconfig.json literal is overridden by TYPEORM_URL (env with a fallback), an ormconfig.js reading process.env is env, no ormconfig file means the TYPEORM_* convention, and only a template committed (`ormconfig.json.example`, the real file gitignored) counts half and is reported (medium; scoring v4 caps IV at 75): config kept in an uncommitted file, not in the environment, so the platform cannot re-attach the database by setting a variable (v2). A Rails database.yml value written as an ERB expression other than ENV (`<%= Postal::Config.main_db.host %>`) is computed from the app's config object at boot and counts as config, not as a literal ; Laravel config/database|queue|cache|mail.php in a relocated or module config directory (app/Config/) is read like config/; in Laravel config PHP a setting inside a test-named connection (`'mysql_testing' => [`) is skipped and a literal inside a `$…Defaults = [` array counts as a fallback (v3). An empty locator literal or a bare scheme (`pgx.ParseConfig(\"\")` whose fields are then set from the config struct, `create_engine(\"postgresql://\")` to obtain a dialect) locates nothing and is not a client to judge (v4, accuracy bench session7a: authelia and mathesar, human IV pass, were scored 0/1 on those alone). Literal locators are not reported here (F04-HARDCODED-RESOURCE-LOCATOR does that) to avoid double penalties. v5 (session 21, after looking at session27d: logto's `createCluster({ rootNodes, … })` with nodes built from the REDIS_URL it parsed was counted as a localhost default; human IV pass / scanner partial): a node-redis cluster is located by its `rootNodes`, never by the client's localhost default.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source"] }).filter((f) => f.env !== "dev" && f.env !== "test");
    const clients = backingClients(ctx.snapshot, files);
    if (!clients.length) return ctx.na("no backing-service clients found (the unit has no datastore/cache/queue/mail/object-store client)");
    const judged = clients.filter((c) => c.source.kind !== "unknown");
    if (!judged.length) return ctx.unknown(`${clients.length} backing-service client(s) found but their locators could not be classified`);
    const good = judged.filter((c) => isConfigDerived(c.source));
    for (const c of good) ctx.evidence({ path: c.path, line: c.line, note: `${c.client} (${c.resource}) locator from ${c.uncommittedFile ? `an uncommitted config file (${c.uncommittedFile})` : describe(c)}` });
    const bad = judged.filter((c) => !isConfigDerived(c.source));
    const inFile = good.filter((c) => c.uncommittedFile);
    const tokenOnly = judged.some((c) => c.via === "code" && !/\.(m|c)?[jt]sx?$/.test(c.path));
    // v2: a locator kept in a per-deploy config file (only its template committed) is config, but not in
    // the environment — half credit.
    const ratio = (good.length - inFile.length / 2) / judged.length;
    for (const c of inFile) {
      ctx.report({
        path: c.path, line: c.line, severity: "medium", confidence: "high",
        message: `The ${c.client} connection is read from ${c.uncommittedFile}, a config file kept out of Git (only a template is committed), not from the environment.`,
        match: `uncommitted-config-file:${c.uncommittedFile}`, data: { uncommittedConfigFile: true, file: c.uncommittedFile ?? null },
      });
    }
    const fileNote = inFile.length ? `; ${inFile.length} from an uncommitted config file (${inFile[0].uncommittedFile}), not the environment` : "";
    const reason = bad.length
      ? `${good.length}/${judged.length} backing-service clients take their locator from config; literal: ${bad.slice(0, 5).map((c) => `${c.path}:${c.line} ${c.client}`).join(", ")}${fileNote}`
      : `all ${judged.length} backing-service client(s) take their locator from config${fileNote}`;
    return ctx.score(ratio, { confidence: tokenOnly ? "medium" : "high", reason });
  },
});
