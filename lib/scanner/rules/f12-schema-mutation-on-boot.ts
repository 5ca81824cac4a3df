import { defineRule } from "./define-rule.ts";
import type { JsArg } from "../snapshot/index.ts";

const MIGRATE_CMD_RE: [RegExp, string, "low" | "medium"][] = [
  [/\bmanage\.py\s+migrate\b/, "manage.py migrate", "low"],
  [/\brails\s+db:(migrate|prepare)\b|\brake\s+db:migrate\b/, "rails db:migrate", "low"],
  [/\bartisan\s+migrate\b/, "artisan migrate", "low"],
  [/\bprisma\s+migrate\s+deploy\b/, "prisma migrate deploy", "low"],
  [/\bprisma\s+db\s+push\b/, "prisma db push (no migrations)", "medium"],
  [/\bknex\s+migrate:latest\b|\bsequelize(-cli)?\s+db:migrate\b|\btypeorm\s+migration:run\b|\bmikro-orm\s+migration:up\b|\bdrizzle-kit\s+(migrate|push)\b/, "JS migration CLI", "low"],
  [/\balembic\s+upgrade\b|\bflask\s+db\s+upgrade\b/, "alembic upgrade", "low"],
  [/\bgoose\b.*\bup\b|\bdbmate\s+up\b|\bmigrate\b.*\s-path\b.*\bup\b/, "migration tool up", "low"],
];

function objectWith(a: JsArg | undefined): JsArg | undefined {
  if (!a) return undefined;
  if (a.kind === "object") return a;
  if (a.resolved?.kind === "object") return a.resolved;
  return undefined;
}

export default defineRule({
  meta: {
    id: "F12-SCHEMA-MUTATION-ON-BOOT",
    version: 1,
    factor: "F12",
    alsoAffects: ["F09"],
    kind: "violation",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker"],
    technique: ["TS-AST", "TOKEN", "PARSE"],
    title: "Every process mutates the schema at startup",
    rationale:
      "Schema changes are admin tasks that should run once per release as a one-off process. Auto-sync (TypeORM synchronize, Sequelize sync({alter}), Hibernate ddl-auto=update, create_all, EnsureCreated, AutoMigrate) or migrations in every process's start command run concurrently in every replica, slow startup, and leave no release record.",
    remediation: "Generate versioned migrations and apply them once per release as a one-off process; never let every app process alter the schema on boot.",
    docs: {
      bad: [{ file: "src/data-source.ts", code: "new DataSource({ type: 'postgres', synchronize: true })" }, { file: "Procfile", code: "web: python manage.py migrate && gunicorn app.wsgi" }],
      good: [{ file: "Procfile", code: "release: python manage.py migrate\nweb: gunicorn app.wsgi" }],
    },
    sources: [
      { title: "TypeORM synchronize (not for production)", url: "https://typeorm.io/docs/data-source/data-source-options/" },
      { title: "12factor.net — Admin processes", url: "https://12factor.net/admin-processes" },
    ],
    deviations:
      "Versioned migrations run from the web start command are low (common for single-service deployments; frameworks take locks), auto-sync/DDL generation is medium. Release-phase commands (Procfile release:, fly release_command, k8s Jobs) never trigger. `synchronize` driven by an env var is info. Spring Flyway/Liquibase on startup is not flagged (accepted practice per RULES.md evidence bar).",
  },
  check(ctx) {
    let judged = false;
    for (const f of ctx.files({ languages: ["javascript", "typescript"] })) {
      const facts = ctx.snapshot.jsFacts(f.path);
      if (!facts) continue;
      for (const c of facts.calls) {
        // TypeORM: new DataSource({ synchronize: true }), createConnection, TypeOrmModule.forRoot
        if ((c.isNew && c.name === "DataSource") || /^(createConnection|TypeOrmModule\.forRoot|MikroORM\.init)$/.test(c.callee) || (c.name === "forRoot" && /TypeOrm/.test(c.object ?? ""))) {
          judged = true;
          const opts = objectWith(c.args[0]);
          const sync = opts?.props?.synchronize ?? opts?.props?.schemaGenerator;
          if (!sync) continue;
          if (sync.source.kind === "literal" && sync.source.value === true) ctx.report({ path: f.path, line: sync.line, message: "ORM synchronises the schema on every start (synchronize: true).", match: `synchronize:${c.callee}` });
          else if (sync.source.kind === "env" || sync.source.kind === "env-fallback" || sync.source.kind === "config") ctx.report({ path: f.path, line: sync.line, message: "ORM schema synchronisation on start is controlled by configuration.", match: `synchronize-config:${c.callee}`, severity: "info" });
        }
        // Sequelize: sequelize.sync({ alter|force })
        if (c.name === "sync" && c.object && /sequelize|db|orm|models?/i.test(c.object) && facts.imports.some((i) => /sequelize/.test(i.source)) ) {
          judged = true;
          const opts = objectWith(c.args[0]);
          const alter = opts?.props?.alter ?? opts?.props?.force;
          if (alter && alter.source.kind === "literal" && alter.source.value === true) ctx.report({ path: f.path, line: c.line, message: "Sequelize alters the schema on every start (sync({ alter/force })).", match: c.text });
          else if (!alter) ctx.report({ path: f.path, line: c.line, message: "Sequelize creates missing tables on every start (sync()).", match: c.text, severity: "low" });
        }
      }
    }
    const tokenRules: { langs: string[]; re: RegExp; message: string; severity?: "medium" | "low"; when?: (path: string) => boolean }[] = [
      { langs: ["python"], re: /\b(db|Base\.metadata|metadata|SQLModel\.metadata)\.create_all\s*\(/g, message: "SQLAlchemy create_all() creates the schema at startup." },
      { langs: ["go"], re: /\.AutoMigrate\s*\(/g, message: "GORM AutoMigrate runs on every start." },
      { langs: ["csharp"], re: /\.Database\.EnsureCreated(Async)?\s*\(/g, message: "EF Core EnsureCreated() creates the schema at startup." },
      { langs: ["csharp"], re: /\.Database\.Migrate(Async)?\s*\(/g, message: "EF Core applies migrations on every start.", severity: "low" },
    ];
    for (const f of ctx.files({ languages: ["python", "go", "csharp"] })) {
      if (/(^|\/)(migrations?|alembic|scripts?|tools|cmd\/migrate\w*|seed\w*)\//.test(f.path) || /(migrate|seed|init_db|create_db|manage)\w*\.(py|go|cs)$/.test(f.path)) continue;
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok) continue;
      for (const r of tokenRules) {
        if (!r.langs.includes(f.language!)) continue;
        r.re.lastIndex = 0;
        const m = r.re.exec(tok.code);
        if (!m) continue;
        judged = true;
        ctx.report({ path: f.path, line: tok.lineAt(m.index), message: r.message, match: m[0], severity: r.severity });
      }
    }
    for (const f of ctx.files({ glob: ["**/application*.properties", "**/application*.yml", "**/application*.yaml", "application*.properties", "application*.y*ml"] })) {
      if (f.env === "dev" || f.env === "test") continue;
      const text = ctx.snapshot.text(f.path) ?? "";
      const m = /(ddl-auto|hbm2ddl\.auto)\s*[:=]\s*["']?(update|create|create-drop)\b/.exec(text);
      if (m) {
        judged = true;
        ctx.report({ path: f.path, line: text.slice(0, m.index).split("\n").length, message: `Hibernate ddl-auto=${m[2]} changes the schema on every start.`, match: m[0] });
      }
    }
    // migrations in the start command of long-running processes (not the release phase)
    for (const sc of ctx.startCommands()) {
      if (/^(release|migrate|migration|predeploy|init)$/i.test(sc.processType)) continue;
      judged = true;
      for (const [re, name, severity] of MIGRATE_CMD_RE) {
        const m = re.exec(sc.command);
        if (!m) continue;
        const lineOffset = sc.source === "entrypoint-script" ? sc.command.slice(0, m.index).split("\n").length - 1 : 0;
        ctx.report({ path: sc.path, line: (sc.line ?? 1) + lineOffset, message: severity === "medium" ? "The start command pushes the schema without migrations on every start." : "Migrations run in the start command of every process instead of a release step.", match: `${sc.processType}:${name}`, severity, data: { command: name, source: sc.source } });
        break;
      }
    }
    if (!judged) return ctx.na("no ORM, schema tooling or start command found");
  },
});
