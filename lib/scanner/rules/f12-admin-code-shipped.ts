import ignore from "ignore";
import { defineRule } from "./define-rule.ts";
import type { DockerStage } from "../snapshot/index.ts";
import { ownedByUnit } from "../detectors/unit-scope.ts";
import { adminSubcommands } from "../detectors/migrations.ts";

const ADMIN_FILE_RE: { re: RegExp; label: string }[] = [
  { re: /(^|\/)management\/commands\/(?!__init__)[^/]+\.py$/, label: "Django management command" },
  { re: /(^|\/)lib\/tasks\/[^/]+\.rake$/, label: "Rake task" },
  { re: /(^|\/)app\/Console\/Commands\/[^/]+\.php$/, label: "Laravel artisan command" },
  { re: /(^|\/)src\/Command\/[^/]+Command\.php$/, label: "Symfony console command" },
  { re: /(^|\/)cmd\/[^/]+\/main\.go$/, label: "Go command" },
  { re: /(^|\/)(scripts?|tasks|admin|ops)\/[^/]+\.(py|rb|js|mjs|cjs|ts|sh|php)$/, label: "admin script" },
  { re: /(^|\/)bin\/[^/]+$/, label: "bin/ script" },
  { re: /^manage\.py$/, label: "Django manage.py" },
  { re: /^artisan$/, label: "Laravel artisan" },
  { re: /^bin\/(rails|console)$/, label: "Rails console/runner" },
];
const BUNDLER_RE = /\b(esbuild|@vercel\/ncc|ncc\s+build|tsup|rollup|webpack|bun\s+build|deno\s+compile)\b/;
const ADMIN_NPM_SCRIPT_RE = /^(db:[\w:-]+|seed|console|repl|migrate[\w:-]*|admin[\w:-]*|task:[\w:-]+|script:[\w:-]+)$/;

export default defineRule({
  meta: {
    id: "F12-ADMIN-CODE-SHIPPED",
    version: 3,
    factor: "F12",
    kind: "evidence",
    severity: "low",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["FILE", "PARSE"],
    title: "Admin commands live in the repo and ship in the image",
    rationale:
      "\"Admin code must ship with application code to avoid synchronization issues.\" Management commands, rake tasks and scripts that are versioned with the app and copied into the release image can be run against that exact release; admin code kept elsewhere or excluded from the image drifts from the schema and models it operates on.",
    remediation: "Keep admin tasks as commands in the codebase and include them in the release image (do not exclude `scripts/`, `bin/`, `management/` in .dockerignore or skip them in COPY).",
    docs: {
      bad: [{ file: ".dockerignore", code: "scripts/\nbin/" }],
      good: [{ file: "app/management/commands/backfill_orders.py", code: "class Command(BaseCommand):\n    def handle(self, *args, **opts): ..." }],
    },
    sources: [{ title: "12factor.net — Admin processes", url: "https://12factor.net/admin-processes" }],
    deviations:
      "Shipping is judged from the final Dockerfile stage: `COPY . <dest>` ships everything not excluded by .dockerignore (evaluated with the `ignore` package); explicit COPY sources must cover the admin path; a final stage that only copies from other stages cannot be judged (0.75), except that an admin entry point compiled by a bundler (esbuild, ncc, tsup, rollup, webpack, `bun build`) in a build stage whose output directory the final stage copies (`COPY --from=build /app/dist ./dist`) ships. Heredoc COPY (`COPY <<EOF /usr/local/bin/x`) copies nothing from the build context and is not read as a context copy. Without a Dockerfile, git/buildpack deploys (Procfile, app.json, render/fly) ship the repo → 1.0; with no deploy descriptor at all the commands are presumed shipped at 0.75 (medium confidence). Admin commands excluded from the image → 0.25 with the .dockerignore line as evidence. None → na. v3 (accuracy bench session7b: remark42, homebox; session5z: thelounge — human XII pass): admin subcommands registered by the app's own entry point (see F12-ONE-OFF-RUNNER v5) ship by construction with the release binary/package → 1.0, whatever else the Dockerfile leaves out (remark42's frontend build tasks under tasks/ are not admin code).",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source"] });
    const prefix = ctx.unit.path === "." ? "" : ctx.unit.path + "/";
    const admin: { path: string; label: string; line?: number }[] = [];
    for (const f of files) {
      if (!ownedByUnit(ctx.snapshot, ctx.unit, f.path)) continue;
      const hit = ADMIN_FILE_RE.find((a) => a.re.test(f.path.slice(prefix.length)));
      if (hit && !/(^|\/)(bin\/(www|dev|setup|docker-entrypoint)|bin\/(rake|bundle|yarn|importmap|setup|dev|thrust|kamal|brakeman|rubocop))$/.test(f.path)) admin.push({ path: f.path, label: hit.label });
    }
    const pj = ctx.snapshot.packageJson(prefix + "package.json");
    for (const name of Object.keys(pj?.scripts ?? {})) {
      if (ADMIN_NPM_SCRIPT_RE.test(name)) admin.push({ path: prefix + "package.json", label: `npm script "${name}"`, line: ctx.snapshot.findLine(prefix + "package.json", new RegExp(`"${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"\\s*:`)) });
    }
    // v3: admin subcommands of the app's own entry point are compiled/packaged into the release itself: they ship by
    // construction, whatever the Dockerfile copies (accuracy bench session7b: remark42, homebox; session5z: thelounge)
    const subs = adminSubcommands(ctx.snapshot, files.filter((f) => ownedByUnit(ctx.snapshot, ctx.unit, f.path)));
    if (subs.length) {
      ctx.evidence({ path: subs[0].path, line: subs[0].line, note: `admin subcommands of the app: ${subs.slice(0, 4).map((s) => s.verb).join(", ")}` });
      return ctx.score(1, { reason: `admin subcommands are part of the app's own entry point (${subs.slice(0, 4).map((s) => s.verb).join(", ")}) and ship with every release` });
    }
    if (!admin.length) return ctx.na("no admin commands (management commands, rake tasks, console scripts) in the unit");

    const dockerfiles = ctx.snapshot.dockerfiles().filter((d) => files.some((f) => f.path === d.path));
    const labels = [...new Set(admin.map((a) => a.label))].slice(0, 3).join(", ");
    if (!dockerfiles.length) {
      for (const a of admin.slice(0, 3)) ctx.evidence({ path: a.path, line: a.line, note: a.label });
      const platform = files.some((f) => /(^|\/)(Procfile|app\.json|render\.yaml|fly\.toml|app\.yaml|\.slugignore)$/.test(f.path));
      return platform ? ctx.score(1, { reason: `admin commands (${labels}) ship with the repo-based deploy` }) : ctx.score(0.75, { confidence: "medium", reason: `admin commands (${labels}) are versioned with the app; no Dockerfile to confirm they ship` });
    }

    const df = dockerfiles[0];
    const final: DockerStage | undefined = df.model.stages[df.model.stages.length - 1];
    const ctxDir = df.path.includes("/") ? df.path.slice(0, df.path.lastIndexOf("/") + 1) : "";
    const rel = (p: string) => (p.startsWith(ctxDir) ? p.slice(ctxDir.length) : p);
    const di = ctxDir + ".dockerignore";
    const ig = ignore();
    const diText = ctx.snapshot.text(di) ?? ctx.snapshot.text(df.path + ".dockerignore");
    if (diText) ig.add(diText);
    const copies = (final?.instructions ?? []).filter((i) => i.keyword === "COPY" || i.keyword === "ADD");
    // A heredoc (`COPY <<EOF /usr/local/bin/x`) writes inline text: it copies nothing from the context.
    const fromContext = copies.filter((i) => !("from" in i.flags) && !/^<<-?\s*['"]?\w/.test(i.args.trim()));
    const stageByName = new Map(df.model.stages.map((s) => [s.name ?? String(s.index), s] as const));
    const lineage = (name: string): DockerStage[] => {
      const out: DockerStage[] = [];
      for (let s = stageByName.get(name.toLowerCase()) ?? (/^\d+$/.test(name) ? df.model.stages[Number(name)] : undefined); s && !out.includes(s); s = s.fromStage ? stageByName.get(s.fromStage) : undefined) out.push(s);
      return out;
    };
    /** `COPY --from=<stage> <dir>` of a bundler's output (esbuild/ncc/tsup/bun build …) whose entry points include `r`. */
    const bundled = (r: string): boolean =>
      copies.some((c) => {
        const from = c.flags.from;
        if (!from) return false;
        const srcs = (c.argv ?? c.args.split(/\s+/)).filter((x) => !x.startsWith("--")).slice(0, -1).map((s) => s.replace(/\/$/, ""));
        return lineage(from).some((st) => st.instructions.some((i) => {
          if (i.keyword !== "RUN" || !BUNDLER_RE.test(i.args)) return false;
          if (!i.args.split(/\s+/).some((t) => t.replace(/^['"]|['"]$/g, "").replace(/^\.\//, "") === r)) return false;
          const out = /(?:--outdir|--outfile|--out-dir|--outDir|-o)[=\s]+['"]?([^\s'"]+)/.exec(i.args)?.[1]?.replace(/^\.\//, "").replace(/\/$/, "");
          if (!out) return false;
          const outDir = /--outfile/.test(i.args) ? out.split("/").slice(0, -1).join("/") || out : out;
          return srcs.some((s) => s === outDir || s.endsWith("/" + outDir) || s === out || s.endsWith("/" + out));
        }));
      });
    const shipped = (p: string): boolean | null => {
      const r = rel(p);
      if (bundled(r)) return true;
      if (fromContext.length === 0) return copies.length ? null : false;
      for (const c of fromContext) {
        const parts = (c.argv ?? c.args.split(/\s+/)).filter((x) => !x.startsWith("--"));
        const srcs = parts.slice(0, -1).map((s) => s.replace(/^\.\//, "").replace(/\/$/, ""));
        if (srcs.some((s) => s === "." || s === "*" || r === s || r.startsWith(s + "/"))) return !ig.ignores(r);
      }
      return false;
    };
    const excluded = admin.filter((a) => shipped(a.path) === false);
    const unknown = admin.filter((a) => shipped(a.path) === null);
    const ok = admin.filter((a) => shipped(a.path) === true);
    for (const a of ok.slice(0, 3)) ctx.evidence({ path: a.path, line: a.line, note: `${a.label} ships in the image` });
    if (ok.length && !excluded.length) return ctx.score(1, { reason: `admin commands ship in the image (${labels})` });
    if (excluded.length && !ok.length) {
      const line = diText ? ctx.snapshot.findLine(di, new RegExp(`^/?(${excluded.map((e) => rel(e.path).split("/")[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`)) : undefined;
      return ctx.score(0.25, { confidence: "medium", reason: `admin commands are not copied into the image (${excluded.slice(0, 3).map((e) => e.path).join(", ")})${line ? `; excluded by ${di}:${line}` : ""}` });
    }
    if (excluded.length) return ctx.score(0.75, { reason: `some admin commands are left out of the image: ${excluded.slice(0, 3).map((e) => e.path).join(", ")}` });
    void unknown;
    return ctx.score(0.75, { confidence: "low", reason: "the final image stage only copies build outputs; cannot confirm admin commands ship" });
  },
});
