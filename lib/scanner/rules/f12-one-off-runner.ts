import { defineRule } from "./define-rule.ts";
import { adminSubcommands, hasMigrationFiles } from "../detectors/migrations.ts";
import { ownedByUnit, k8sObjectForUnit } from "../detectors/unit-scope.ts";

const RUNNER_RE = /\b(heroku\s+run(:detached)?|fly(ctl)?\s+ssh\s+console|fly(ctl)?\s+machine\s+run|kubectl\s+(exec|run|create\s+job|debug)\b[^\n]*|railway\s+run|render\s+(jobs|ssh)|docker(-compose|\s+compose)\b[^\n|;&]*?\s(run|exec)\s+(-[\w-]+\s+)*\w+|docker\s+(container\s+)?run\b[^\n|;&]*?\s--rm\b|aws\s+ecs\s+(run-task|execute-command)|gcloud\s+run\s+jobs\s+(execute|create)|kamal\s+app\s+exec|az\s+containerapp\s+(exec|job\s+start)|copilot\s+(svc|task)\s+(exec|run)|cf\s+run-task|dokku\s+run)\b/;
const ADMIN_PATH_RE = /(^|\/)(management\/commands\/[^/]+\.py|lib\/tasks\/[^/]+\.rake|app\/Console\/Commands\/|src\/Command\/|cmd\/[^/]+\/main\.go|scripts?\/|bin\/)/;
// v3: documentation sites nest their pages (docs/docs/content/upgrade.md, docs/src/content/docs/admin.md)
const DOC_RE = /(^|\/)(README[^/]*|CONTRIBUTING[^/]*|RUNBOOK[^/]*|OPERATIONS[^/]*|docs?\/([^/]+\/){0,3}[^/]+\.(md|mdx|rst|adoc|txt))$/i;
const TASKFILE_RE = /(^|\/)(Makefile|GNUmakefile|Taskfile\.ya?ml|justfile|Justfile|\.justfile)$/;

export default defineRule({
  meta: {
    id: "F12-ONE-OFF-RUNNER",
    version: 6,
    factor: "F12",
    kind: "evidence",
    severity: "low",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["FILE", "PARSE", "TOKEN"],
    title: "A documented way to run one-offs in the release environment",
    rationale:
      "Admin processes (migrations, consoles, one-time scripts) should run as one-off processes against the deployed release, using the platform's remote execution (`heroku run`, `kubectl run`, `fly ssh console`, `docker compose run`). A scripted or documented way to do that is what keeps operators from running them from laptops with different code and config.",
    remediation: "Document (or script in the Makefile/Taskfile) how to run `migrate`, `console` and one-off scripts against a deployed release (e.g. `kubectl run --rm -it --image=$APP_IMAGE -- python manage.py shell`).",
    docs: {
      bad: [{ file: "README.md", code: "To fix data, connect to the prod DB with psql and run fix.sql" }],
      good: [{ file: "Makefile", code: "console:\n\tkubectl run console --rm -it --image=$(APP_IMAGE) -- bin/rails console" }],
    },
    sources: [{ title: "12factor.net — Admin processes", url: "https://12factor.net/admin-processes" }],
    deviations:
      "Evidence: a remote-execution command in README/docs/Makefile/Taskfile/justfile/package.json scripts (including `docker run --rm IMAGE <task>`: a throw-away container of the release image is the container-native one-off process; a `docker run` without `--rm` is usually a long-running server and does not count), a Procfile `console:`/`release:` process, a compose service with a `profiles:` entry (tools/admin/cli…), or a k8s Job in the repo. na when the unit has no admin tasks to run (no migrations, DB framework, management commands, rake tasks or scripts/bin directory). Absence = 0 at low confidence. v3 (accuracy bench session5b: postal XII): a shell dispatcher in bin/ (`case \"$1\" in … console) … upgrade) …`) with at least two admin verbs (console, migrate, upgrade, initialize, make-user …) is a scripted one-off runner. v4 (accuracy bench session 5c: listmonk docs/docs/content/upgrade.md `docker-compose run --rm app ./listmonk --upgrade`): documentation pages up to three directories below docs/ count (documentation sites nest their content); `docker compose run --rm app …` matches (flags after run/exec made the pattern miss). v5 (accuracy bench session7b/5z: remark42 `backup`/`restore`/`import` go-flags commands, homebox `reset-password`, thelounge `users`/`storage` — human XII pass / scanner na or partial): admin subcommands registered by the app's own entry point (go-flags `command:\"backup\"`, `flag.NewFlagSet(\"reset-password\")`, cobra `Use:`, commander `new Command(\"storage\")`, argparse `add_parser(\"backup\")`, with an admin verb: backup, restore, import, export, migrate, reset-password, users, seed …) are the one-off runner: the release binary runs them with the same code and config. v6 (session 14): numbered PHP migration classes outside Laravel (CodeIgniter, Phinx, CakePHP, Yii) count as versioned migrations (detectors/migrations.ts MIGRATION_PATH_RE).",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source", "dev", "example"] });
    const found: { path: string; line: number | undefined; note: string }[] = [];

    for (const f of files) {
      if (!DOC_RE.test(f.path) && !TASKFILE_RE.test(f.path) && !/(^|\/)package\.json$/.test(f.path)) continue;
      const lines = ctx.snapshot.lines(f.path);
      for (let i = 0; i < lines.length; i++) {
        const m = RUNNER_RE.exec(lines[i]);
        if (m) {
          found.push({ path: f.path, line: i + 1, note: `one-off runner: ${m[0].trim().slice(0, 80)}` });
          break;
        }
      }
    }
    for (const { path, entries } of ctx.snapshot.procfiles()) {
      if (!files.some((f) => f.path === path)) continue;
      for (const e of entries) if (/^(console|release|shell|repl)$/.test(e.type)) found.push({ path, line: e.line, note: `Procfile ${e.type} process` });
    }
    for (const cf of ctx.snapshot.composeFiles()) {
      if (!files.some((f) => f.path === cf.path)) continue;
      for (const s of cf.services) if (s.profiles.length && (s.build || s.image)) found.push({ path: cf.path, line: s.line, note: `compose one-off service "${s.name}" (profiles: ${s.profiles.join(",")})` });
    }
    for (const o of ctx.snapshot.k8sObjects()) {
      if (files.some((f) => f.path === o.path) && (o.kind === "Job" || o.kind === "CronJob") && k8sObjectForUnit(ctx.snapshot, ctx.unit, o)) found.push({ path: o.path, line: o.line, note: `k8s ${o.kind} ${o.name ?? ""} template` });
    }

    // v3: an admin dispatcher shipped with the app (postal's bin/postal: `case "$1" in web-server) … console) …
    // upgrade) …`) runs one-off admin processes with the release's code and config
    for (const f of files) {
      if (!/(^|\/)bin\/[\w.-]+$/.test(f.path) || (f.language !== "shell" && !/^#!.*\b(ba|z|da)?sh\b/.test(ctx.snapshot.lines(f.path)[0] ?? ""))) continue;
      const text = ctx.snapshot.text(f.path) ?? "";
      if (!/\bcase\s+"?\$\{?1\}?"?\s+in\b/.test(text)) continue;
      const verbs = new Set([...text.matchAll(/^\s*\|?\s*([\w-]+(?:\s*\|\s*[\w-]+)*)\s*\)/gm)].flatMap((m) => m[1].split(/\s*\|\s*/)).filter((v) => /^(console|shell|migrate|upgrade|update|initiali[sz]e|init|setup|make-user|create-user|db|dbconsole|runner|rake|manage)$/.test(v)));
      if (verbs.size >= 2) found.push({ path: f.path, line: ctx.snapshot.findLine(f.path, /\bcase\s/) ?? 1, note: `admin dispatcher ${f.path} (${[...verbs].slice(0, 4).join(", ")})` });
    }
    // v5: admin subcommands of the app's own entry point (remark42 `backup|restore|import`, homebox `reset-password`,
    // thelounge `users add`): the release binary is itself the one-off runner — `<app> <admin verb>` in the release
    // container runs with the same code and config
    const subs = adminSubcommands(ctx.snapshot, ctx.files({ roles: ["source"] }).filter((f) => ownedByUnit(ctx.snapshot, ctx.unit, f.path)));
    if (subs.length) found.push({ path: subs[0].path, line: subs[0].line, note: `admin subcommands of the app's own entry point: ${subs.slice(0, 4).map((s) => s.verb).join(", ")}` });
    if (found.length) {
      for (const e of found.slice(0, 5)) ctx.evidence(e);
      return ctx.score(1, { reason: found[0].note });
    }
    const unitFiles = ctx.files({ roles: ["source", "dev"] }).filter((f) => ownedByUnit(ctx.snapshot, ctx.unit, f.path));
    const hasAdmin = hasMigrationFiles(unitFiles) || unitFiles.some((f) => ADMIN_PATH_RE.test(f.path)) || ctx.unit.frameworks.some((f) => f.role === "orm" || ["django", "rails", "laravel"].includes(f.id));
    if (!hasAdmin) return ctx.na("the unit has no admin tasks (migrations, management commands, scripts) to run");
    return ctx.score(0, { absence: true, reason: "no documented or scripted way to run one-off admin processes in the release environment" });
  },
});
