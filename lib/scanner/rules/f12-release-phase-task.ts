import { defineRule } from "./define-rule.ts";
import { MIGRATE_CMD_RE, codeStartMigrations, hasMigrationFiles } from "../detectors/migrations.ts";
import { k8sObjectForUnit, ownedByUnit } from "../detectors/unit-scope.ts";

const ONE_OFF_RUNNER_RE = /\b(kubectl\s+(run|exec|create\s+job)|aws\s+ecs\s+run-task|gcloud\s+(beta\s+)?run\s+jobs\s+(execute|run)|heroku\s+run|fly(ctl)?\s+(ssh\s+console|machine\s+run)|railway\s+run|render\s+jobs|docker\s+(compose\s+)?run|az\s+containerapp\s+job\s+start|kamal\s+app\s+exec)\b/;

type Level = { score: number; path: string; line: number | undefined; note: string };

/** Object-document mappers of schemaless stores: using one is not by itself a reason to expect migrations. */
const SCHEMALESS_ODMS = new Set(["mongoose"]);

export default defineRule({
  meta: {
    id: "F12-RELEASE-PHASE-TASK",
    version: 9,
    factor: "F12",
    kind: "evidence",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker"],
    reducedFor: ["infra"],
    technique: ["PARSE"],
    title: "Migrations run as a one-off release process",
    rationale:
      "Schema migrations are the canonical admin process: they should run once per release, as a one-off process from the same image and config as the app (Heroku release phase, Fly release_command, Render preDeployCommand, a Helm pre-upgrade Job), not concurrently from every replica's entrypoint and not from someone's laptop.",
    remediation: "Run migrations as a one-off release step (Procfile `release:`, Fly `release_command`, Render `preDeployCommand`, Helm pre-upgrade / Argo CD PreSync Job) that uses the same image and config as the app.",
    docs: {
      bad: [{ file: "Dockerfile", code: 'CMD python manage.py migrate && gunicorn app.wsgi' }],
      good: [{ file: "Procfile", code: "release: python manage.py migrate --noinput\nweb: gunicorn app.wsgi" }],
    },
    sources: [
      { title: "Heroku Release Phase", url: "https://devcenter.heroku.com/articles/release-phase" },
      { title: "Fly.io release_command", url: "https://fly.io/docs/reference/configuration/#the-deploy-section" },
      { title: "Render Blueprint preDeployCommand", url: "https://render.com/docs/blueprint-spec" },
      { title: "12factor.net — Admin processes", url: "https://12factor.net/admin-processes" },
    ],
    deviations:
      "Scores: a platform release phase / pre-deploy hook / k8s Job (Helm hook, Argo PreSync, or plain Job running the migration) = 1.0; a CI deploy job that runs the migration through a one-off runner (`kubectl run`, `aws ecs run-task`, `gcloud run jobs execute`, `heroku run`, `fly ssh console`) = 1.0; a CI job that runs the migration directly on the runner = 0.75 (release step, but outside the release image — see F12-ADMIN-ENV-DIVERGENCE); migrations in an initContainer (every pod) = 0.5; migrations in the app's start command = 0.75 (v3: the release step exists and runs from the same release, just at every start — that timing is now judged under V by F05-RUNTIME-BUILD-STEP, so XII does not penalise it twice; accuracy bench microblog XII, human pass); app.json `postdeploy` (review apps only) = 0.5. Compose one-off services that migrate and that other services gate on with `condition: service_completed_successfully` are a release task too: 1.0 in a deploy compose file, 0.75 in a dev-only one (the release step exists and runs from the app image, but no production manifest is shown). na when the unit has no migration files, no migration command and no ORM/DB framework (nothing to release). Absence with a DB = 0 (low confidence). v4: a schemaless document-store ODM (mongoose) alone does not make the rule applicable; migrations or a release task for it still count. v6 (accuracy bench session 5c2: Kavita `context.Database.MigrateAsync()` in Program.cs, opengist `db.AutoMigrate` plus versioned migrations in internal/db): versioned migrations applied from the service\u2019s own startup code (EF Core Migrate/MigrateAsync, Go `db.Migrate(ctx)`; GORM AutoMigrate only when versioned migrations also exist) score 0.75 like migrations in the start command (shared detector codeStartMigrations; V judges the timing). v5 (accuracy bench session 5c: listmonk): a program started by path with its own `--upgrade`/`--migrate` flag (`./listmonk --upgrade --yes && ./listmonk`) is a migration command (shared MIGRATE_CMD_RE). v7 (accuracy bench sessions 6y/6z: memos `storeInstance.Migrate(ctx)`, ntfy `migrations = map[int]func(db *sql.DB) error{…}` in its store code): the shared detector codeStartMigrations also recognises any db/store/repository receiver of `.Migrate(ctx)` and a schema-version map of migration functions, so these score 0.75 like other in-code start migrations. v8 (session 9 \"migrations\", ecosystem coverage): codeStartMigrations v5 and MIGRATE_CMD_RE v5 cover the other ecosystems\u2019 runners (golang-migrate, sql-migrate, ent, bun/tern, gormigrate, goose providers, dbmate; alembic/Django/Flask-Migrate/yoyo/peewee-migrate/aerich from app code; FluentMigrator, DbUp, Evolve; Sequel; refinery; Laravel providers; Spring Boot with flyway-core/liquibase-core on the runtime classpath, Quarkus migrate-at-start, Micronaut) and their CLIs (Doctrine, Phinx, Yii, Drush, Hanami, sqlx, diesel, node-pg-migrate, a Phoenix release bin/migrate …): applied at start they score 0.75, run by a release phase / Job they count as the release task. v9 (session 14): numbered PHP migration classes outside Laravel (CodeIgniter, Phinx, CakePHP, Yii) count as versioned migrations (detectors/migrations.ts MIGRATION_PATH_RE).",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source", "dev"] });
    const scope = new Set(files.map((f) => f.path));
    const levels: Level[] = [];
    const add = (score: number, path: string, line: number | undefined, note: string) => levels.push({ score, path, line, note });

    // Platform release phases.
    for (const { path, entries } of ctx.snapshot.procfiles()) {
      if (!scope.has(path)) continue;
      for (const e of entries) if (e.type === "release") add(1, path, e.line, `Procfile release phase: ${e.command.slice(0, 80)}`);
    }
    for (const f of files) {
      const name = f.path.split("/").pop()!;
      if (name === "fly.toml") {
        const t = ctx.snapshot.toml(f.path);
        const rc = (t?.deploy as Record<string, unknown> | undefined)?.release_command;
        if (typeof rc === "string") add(1, f.path, ctx.snapshot.findLine(f.path, /release_command/), `Fly release_command: ${rc.slice(0, 80)}`);
      } else if (name === "render.yaml") {
        const doc = ctx.snapshot.yaml(f.path)?.[0];
        const services = ((doc?.data as { services?: Record<string, unknown>[] } | undefined)?.services ?? []);
        services.forEach((s, i) => {
          if (typeof s.preDeployCommand === "string") add(1, f.path, doc?.line(["services", i, "preDeployCommand"]), `Render preDeployCommand: ${s.preDeployCommand.slice(0, 80)}`);
        });
      } else if (name === "app.json") {
        const j = ctx.snapshot.json(f.path) as { scripts?: { postdeploy?: unknown } } | undefined;
        if (typeof j?.scripts?.postdeploy === "string") add(0.5, f.path, ctx.snapshot.findLine(f.path, /"postdeploy"/), "app.json postdeploy (review apps only)");
      }
    }

    // Kubernetes / Helm Jobs and initContainers.
    for (const o of ctx.snapshot.k8sObjects()) {
      if (!scope.has(o.path) || !k8sObjectForUnit(ctx.snapshot, ctx.unit, o)) continue;
      const ann = ((o.data.metadata as Record<string, unknown> | undefined)?.annotations ?? {}) as Record<string, unknown>;
      const hook = String(ann["helm.sh/hook"] ?? ann["argocd.argoproj.io/hook"] ?? "");
      for (const c of o.containers) {
        const cmd = [...(c.command ?? []), ...(c.args ?? [])].join(" ");
        const migrates = MIGRATE_CMD_RE.test(cmd);
        if (o.kind === "Job" && (migrates || /pre-(install|upgrade)|PreSync/.test(hook))) add(1, o.path, c.line, `${hook ? `${hook} hook ` : ""}Job ${o.name ?? ""} runs ${cmd.slice(0, 80) || "a release task"}`);
        else if (c.init && migrates) add(0.5, o.path, c.line, `initContainer migrates in every pod: ${cmd.slice(0, 80)}`);
        else if (!c.init && migrates && o.kind !== "CronJob") add(0.5, o.path, c.line, `container command migrates on start: ${cmd.slice(0, 80)}`);
      }
    }

    // Compose: a one-off migration service that the app services wait for
    // (`depends_on: { migrate: { condition: service_completed_successfully } }`) runs once per
    // `up`, from the app image, before any new process starts: compose's release phase.
    for (const cf of ctx.snapshot.composeFiles()) {
      if (!scope.has(cf.path)) continue;
      const gated = new Set<string>();
      for (const s of cf.services) {
        const deps = s.raw.depends_on;
        if (!deps || typeof deps !== "object" || Array.isArray(deps)) continue;
        for (const [name, spec] of Object.entries(deps as Record<string, unknown>)) {
          if ((spec as { condition?: unknown } | null)?.condition === "service_completed_successfully") gated.add(name);
        }
      }
      for (const s of cf.services) {
        if (!gated.has(s.name) || (!s.build && !s.image)) continue;
        const argv = [...(Array.isArray(s.entrypoint) ? s.entrypoint : s.entrypoint ? [s.entrypoint] : []), ...(Array.isArray(s.command) ? s.command : s.command ? [s.command] : [])];
        const cmd = argv.join(" ");
        const migrates = MIGRATE_CMD_RE.test(cmd) || /^(db[-_:]?)?migrat/i.test(argv[0] ?? "") || (/^(db[-_]?)?migrat(e|ions?)$/i.test(s.name) && !!cmd);
        if (!migrates) continue;
        if (cf.dev) add(0.75, cf.path, s.line, `compose one-off service ${s.name} (${cmd.slice(0, 60)}) runs migrations before the app starts (local/self-host stack; no production deploy manifest)`);
        else add(1, cf.path, s.line, `compose one-off service ${s.name} (${cmd.slice(0, 60)}) runs migrations before the app starts`);
      }
    }

    // CI deploy steps.
    for (const wf of ctx.snapshot.workflows()) {
      if (!scope.has(wf.path)) continue;
      for (const job of wf.jobs) for (const st of job.steps) {
        const run = st.run ?? "";
        if (!MIGRATE_CMD_RE.test(run)) continue;
        if (ONE_OFF_RUNNER_RE.test(run)) add(1, wf.path, st.keyLine ?? st.line, `CI runs migrations as a one-off in the release environment (job ${job.id})`);
        else if (job.environment || /deploy|release|migrat/i.test(`${job.id} ${st.name ?? ""}`)) add(0.75, wf.path, st.keyLine ?? st.line, `CI deploy job ${job.id} runs migrations from the runner`);
      }
    }

    // Migrations in the app's start path.
    for (const sc of ctx.startCommands()) {
      if (sc.processType === "release") continue;
      if (sc.source === "k8s") continue; // judged above
      const text = sc.source === "entrypoint-script" ? sc.command : sc.commands.map((c) => c.argv.join(" ")).join("\n");
      const m = MIGRATE_CMD_RE.exec(text);
      if (m) add(0.75, sc.path, sc.source === "entrypoint-script" ? ctx.snapshot.findLine(sc.path, m[0].split(/\s+/)[0]) : sc.line, `migrations run on every process start (${sc.source})`);
    }

    const migrationsDir = hasMigrationFiles(files.filter((f) => ctx.unit.path === "." || ownedByUnit(ctx.snapshot, ctx.unit, f.path)));
    // v6: versioned migrations applied from the service's own startup code (EF Core `Database.MigrateAsync()`,
    // a Go `db.Migrate(ctx)`; GORM AutoMigrate only when versioned migrations also exist) are the same release step as
    // migrations in the start command: 0.75 (the timing is judged under V by F05-RUNTIME-BUILD-STEP).
    if (!levels.length) {
      const code = codeStartMigrations(ctx.snapshot, files.filter((f) => f.role === "source" && (ctx.unit.path === "." || ownedByUnit(ctx.snapshot, ctx.unit, f.path))));
      const hit = code.find((c) => c.versioned) ?? (migrationsDir ? code[0] : undefined);
      if (hit) add(0.75, hit.path, hit.line, `the service applies its migrations from its own startup code (${hit.match})`);
    }
    // a schemaless document-store ODM (mongoose) has no schema to migrate: without migrations of its own the
    // unit has no release-phase task to run (v4, accuracy bench session 4: node-express-boilerplate XII na)
    const dbFramework = ctx.unit.frameworks.some((f) => (f.role === "orm" && !SCHEMALESS_ODMS.has(f.id)) || ["django", "rails", "laravel"].includes(f.id));
    if (!levels.length && !migrationsDir && !dbFramework) return ctx.na("no schema migrations or database framework in the unit");

    const best = Math.max(0, ...levels.map((l) => l.score));
    for (const l of levels.filter((x) => x.score === best)) ctx.evidence({ path: l.path, line: l.line, note: l.note });
    if (!levels.length) return ctx.score(0, { absence: true, reason: migrationsDir ? `migrations exist (${migrationsDir.path}) but no release-phase task runs them` : "the unit uses a database but no release-phase task was found" });
    const top = levels.find((l) => l.score === best)!;
    return ctx.score(best, { reason: top.note });
  },
});
