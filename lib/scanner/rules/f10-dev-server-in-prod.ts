import { defineRule } from "./define-rule.ts";
import { expandPackageScript, type StartCommand } from "../detectors/start-command.ts";
import { parseShell, type ShellCommand } from "../detectors/shell.ts";
import type { Severity } from "../types.ts";
import { sbtTasks } from "../detectors/command-argv.ts";

interface DevTool {
  test: (argv: string[]) => boolean;
  name: string;
  severity?: Severity;
}
const base = (a: string | undefined) => (a ?? "").split("/").pop() ?? "";
const has = (argv: string[], ...words: string[]) => words.every((w) => argv.includes(w));

const DEV_TOOLS: DevTool[] = [
  { name: "nodemon", test: (a) => base(a[0]) === "nodemon" },
  { name: "ts-node-dev", test: (a) => base(a[0]) === "ts-node-dev" || base(a[0]) === "tsnd" },
  { name: "tsx watch", test: (a) => base(a[0]) === "tsx" && a[1] === "watch" },
  { name: "node --watch", test: (a) => base(a[0]) === "node" && a.some((x) => x === "--watch" || x.startsWith("--watch=")) },
  { name: "next dev", test: (a) => base(a[0]) === "next" && a[1] === "dev" },
  { name: "nuxt dev", test: (a) => /^nuxi?$/.test(base(a[0])) && a[1] === "dev" },
  { name: "vite dev server", test: (a) => base(a[0]) === "vite" && (a.length === 1 || a[1] === "dev" || a[1] === "serve" || a[1].startsWith("-")) },
  { name: "ng serve", test: (a) => base(a[0]) === "ng" && a[1] === "serve" },
  { name: "react-scripts start", test: (a) => base(a[0]) === "react-scripts" && a[1] === "start" },
  { name: "webpack dev server", test: (a) => base(a[0]) === "webpack-dev-server" || (base(a[0]) === "webpack" && (a[1] === "serve" || a.includes("--watch"))) },
  { name: "vue-cli-service serve", test: (a) => base(a[0]) === "vue-cli-service" && a[1] === "serve" },
  { name: "gatsby develop", test: (a) => base(a[0]) === "gatsby" && a[1] === "develop" },
  { name: "astro dev", test: (a) => base(a[0]) === "astro" && a[1] === "dev" },
  { name: "remix dev", test: (a) => base(a[0]) === "remix" && a[1] === "dev" },
  { name: "Django runserver", test: (a) => a.includes("runserver") && a.some((x) => /manage\.py$/.test(x) || x === "django-admin") },
  { name: "flask run", test: (a) => base(a[0]) === "flask" && a.includes("run") || (/^python/.test(base(a[0])) && has(a, "-m", "flask") && a.includes("run")) },
  { name: "uvicorn --reload", test: (a) => /^(uvicorn|gunicorn|hypercorn)$/.test(base(a[0])) && a.includes("--reload") },
  { name: "rails server in development", test: (a) => a.some((x) => /(^|\/)rails$/.test(x)) && (a.includes("s") || a.includes("server")) && (has(a, "-e", "development") || a.includes("--environment=development")) },
  { name: "php artisan serve", test: (a) => a.includes("artisan") && a.includes("serve") },
  { name: "PHP built-in server", test: (a) => /^php[\d.]*$/.test(base(a[0])) && a.includes("-S") },
  { name: "dotnet watch", test: (a) => base(a[0]) === "dotnet" && a[1] === "watch" },
  { name: "mvn spring-boot:run", test: (a) => /^(mvn|mvnw)$/.test(base(a[0])) && a.includes("spring-boot:run") },
  { name: "gradle bootRun", test: (a) => /^(gradle|gradlew)$/.test(base(a[0])) && a.includes("bootRun") },
  // v4 (session 12): the app served by the build tool — `sbt run`, `sbt ~reStart`, xsbt-web-plugin's `sbt ~jetty:start`
  { name: "sbt run", test: (a) => !!sbtTasks(a)?.run },
  { name: "go run", test: (a) => base(a[0]) === "go" && a[1] === "run", severity: "medium" },
  { name: "ts-node (runtime transpile)", test: (a) => base(a[0]) === "ts-node" || (base(a[0]) === "node" && a.some((x) => /ts-node\/register|--loader\s*ts-node/.test(x))), severity: "low" },
];

const DEBUG_ENV: [RegExp, RegExp][] = [
  [/^NODE_ENV$/, /^development$/i],
  [/^(FLASK_DEBUG|DEBUG|DJANGO_DEBUG|APP_DEBUG)$/, /^(1|true|yes|on)$/i],
  [/^(FLASK_ENV|APP_ENV|RAILS_ENV|RACK_ENV)$/, /^(development|dev|local)$/i],
  [/^(ASPNETCORE_ENVIRONMENT|DOTNET_ENVIRONMENT)$/, /^Development$/i],
  [/^GIN_MODE$/, /^debug$/i],
];

function isDebugEnv(name: string, value: string | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  const v = value.replace(/^["']|["']$/g, "");
  return DEBUG_ENV.some(([k, val]) => k.test(name) && val.test(v));
}

/** Start-command sources that are platform descriptors declaring the production processes (v5). */
const PLATFORM_SOURCES: ReadonlySet<string> = new Set(["procfile", "fly", "render", "app.yaml"]);

export default defineRule({
  meta: {
    id: "F10-DEV-SERVER-IN-PROD",
    version: 5,
    factor: "F10",
    alsoAffects: ["F05"],
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "static"],
    technique: ["PARSE", "XREF"],
    title: "Production runs a development server or debug mode",
    rationale:
      "Development servers (nodemon, runserver, flask run, next dev, vite) and debug flags are built for one developer: they reload on file changes, leak stack traces, are single-threaded or unoptimised, and make production behave differently from what was tested.",
    remediation: "Run a production server (gunicorn/uvicorn workers, next start, Puma, Kestrel) with debug disabled in every deployed environment.",
    docs: {
      bad: [{ file: "Procfile", code: "web: python manage.py runserver 0.0.0.0:$PORT" }, { file: "Dockerfile", code: 'CMD ["npm", "run", "dev"]' }],
      good: [{ file: "Procfile", code: "web: gunicorn mysite.wsgi" }],
    },
    sources: [
      { title: "12factor.net — Dev/prod parity", url: "https://12factor.net/dev-prod-parity" },
      { title: "bandit B201 flask_debug_true", url: "https://bandit.readthedocs.io/en/latest/plugins/b201_flask_debug_true.html" },
    ],
    deviations:
      "package.json `start` is judged only when a production start command runs it (npm start) or when no other start command exists. Django `DEBUG = True` literals in a non-dev settings module are reported with medium confidence (production may override the module). `go run` is medium and ts-node/tsx without watch is low (runtime compile rather than a dev server). v2 (accuracy bench old: shiori, human X pass / scanner partial — `go run` in Dockerfile.compose, built only by the dev compose, and in Dockerfile.e2e): Dockerfiles that build development/test images are not production start commands — named for e2e/test/dev/debug use (Dockerfile.e2e, dev.Dockerfile), or a non-default Dockerfile that only development compose files build and no CI workflow names. v4 (session 12, sbt support): the app served by the build tool in a production start command — `sbt run`, `sbt ~reStart`, xsbt-web-plugin's `sbt ~jetty:start` / `container:start` — is a development server. v5 (scoring v17): findings in a process a platform descriptor declares (Procfile, fly.toml, render.yaml, app.yaml, or the npm start script such a process runs) carry `platform: true`; the rule is advisory elsewhere (side images, overlays, debug settings modules: the judges passed X in 13 of 19 first-run repositories where it fired), material there.",
  },
  check(ctx) {
    const starts = ctx.startCommands().filter((s) => s.processType !== "release");
    const pkgStart = starts.find((s) => s.source === "package.json");
    const others = starts.filter((s) => s.source !== "package.json" && s.source !== "entrypoint-script");
    const npmStart = (c: ShellCommand) => /^(npm|yarn|pnpm|bun)$/.test(base(c.argv[0])) && (c.argv[1] === "start" || (c.argv[1] === "run" && c.argv[2] === "start"));
    const runsNpmStart = others.some((s) => s.commands.some(npmStart));
    const npmRun = (c: ShellCommand): string | null => (/^(npm|yarn|pnpm|bun)$/.test(base(c.argv[0])) && (c.argv[1] === "run" || c.argv[1] === "run-script") ? c.argv[2] ?? null : /^(yarn|pnpm)$/.test(base(c.argv[0])) && c.argv[1] && !["install", "start", "add", "ci", "build"].includes(c.argv[1]) ? c.argv[1] : null);
    // v2: an image built only for development or tests is not a production start command: a Dockerfile named for
    // e2e/test/dev use (Dockerfile.e2e, Dockerfile.dev), or one that only development compose files build and no
    // CI workflow names (shiori Dockerfile.compose: `go run` behind the dev compose; its release image is Dockerfile.alpine)
    const devImages = devOnlyDockerfiles(ctx);
    const judged: StartCommand[] = [...others, ...starts.filter((s) => s.source === "entrypoint-script")].filter((s) => !devImages.has(s.path));
    if (pkgStart && (runsNpmStart || others.length === 0)) judged.push(pkgStart);
    // v5: a process a platform descriptor declares (Procfile, fly.toml, render.yaml, app.yaml) — or the package.json start
    // script such a process runs with `npm start` — is the declared production process; findings there carry
    // `platform: true` (scoring v17 keeps those material while the rule is otherwise advisory)
    const platformNpmStart = others.some((s) => PLATFORM_SOURCES.has(s.source) && s.commands.some(npmStart));
    const onPlatform = (sc: StartCommand) => PLATFORM_SOURCES.has(sc.source) || (sc.source === "entrypoint-script" && sc.via === "procfile") || (sc === pkgStart && platformNpmStart);
    let anyJudged = judged.length > 0;
    const checkCommands = (sc: StartCommand, cmds: ShellCommand[], via?: string) => {
      for (const c of cmds) {
        for (const t of DEV_TOOLS) {
          if (!t.test(c.argv)) continue;
          ctx.report({
            path: sc.path,
            line: sc.line,
            message: t.severity === "low" ? "Production start command compiles TypeScript at runtime." : "Production start command runs a development server.",
            match: `${sc.processType}:${t.name}`,
            severity: t.severity,
            data: { tool: t.name, source: sc.source, ...(via ? { via } : {}), ...(onPlatform(sc) ? { platform: true } : {}) },
          });
        }
        for (const [k, v] of Object.entries(c.env)) if (isDebugEnv(k, v)) ctx.report({ path: sc.path, line: sc.line, message: "Production start command enables debug/development mode.", match: `${sc.processType}:${k}=${v}`, ...(onPlatform(sc) ? { data: { platform: true } } : {}) });
        // `npm run dev` in a production command: expand the script
        const script = npmRun(c);
        if (script && sc.source !== "package.json") {
          const pkgPath = ctx.unit.path === "." ? "package.json" : `${ctx.unit.path}/package.json`;
          const expanded = ctx.snapshot.packageJson(pkgPath)?.scripts?.[script];
          if (expanded) checkCommands(sc, parseShell(expandPackageScript(ctx.snapshot, pkgPath, script) ?? expanded), `npm run ${script}`);
        }
      }
    };
    for (const sc of judged) {
      let cmds = sc.commands;
      if (sc.source === "package.json") cmds = parseShell(sc.command.replace(/\s\[[^\]]*\]/g, ""));
      // v3: an entrypoint script's development modes (a `dev_server)` case branch, a `dev_worker()` function) run
      // only when asked for by name; the production CMD selects another branch
      if (sc.source === "entrypoint-script") {
        const prodOnly = withoutDevModes(sc.command);
        if (prodOnly !== sc.command) cmds = parseShell(prodOnly);
      }
      checkCommands(sc, cmds);
    }
    // debug flags in production manifests
    const inScope = new Set(ctx.files().map((f) => f.path));
    for (const df of ctx.snapshot.dockerfiles()) {
      const f = ctx.snapshot.file(df.path);
      if (!f || f.role === "dev" || f.env === "dev" || !inScope.has(df.path)) continue;
      const final = df.model.stages[df.model.stages.length - 1];
      for (const i of final?.instructions ?? []) {
        if (i.keyword !== "ENV") continue;
        for (const p of i.properties) if (isDebugEnv(p.name, p.value)) {
          anyJudged = true;
          ctx.report({ path: df.path, line: i.line, message: "Production image enables debug/development mode.", match: `ENV ${p.name}=${p.value}` });
        }
      }
    }
    for (const o of ctx.snapshot.k8sObjects()) {
      if (!inScope.has(o.path) || o.path.match(/(^|\/)(dev|local)[\w-]*\//)) continue;
      for (const c of o.containers) for (const e of c.env) if (isDebugEnv(e.name, e.value)) {
        anyJudged = true;
        ctx.report({ path: o.path, line: e.line, message: "Production manifest enables debug/development mode.", match: `${o.kind}/${o.name}:${e.name}=${e.value}` });
      }
    }
    const fly = ctx.files().find((f) => /(^|\/)fly\.toml$/.test(f.path));
    if (fly) {
      const env = (ctx.snapshot.toml(fly.path)?.env ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(env)) if (isDebugEnv(k, String(v))) ctx.report({ path: fly.path, line: ctx.snapshot.findLine(fly.path, new RegExp(`^\\s*${k}\\s*=`)), message: "Production manifest enables debug/development mode.", match: `fly:${k}=${v}` });
    }
    // Django DEBUG = True in a production-path settings module; Flask app.run(debug=True) as the entry
    for (const f of ctx.files({ languages: ["python"] })) {
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok) continue;
      if (/settings/.test(f.path) && f.env !== "dev" && f.env !== "test") {
        const m = /^DEBUG\s*=\s*True\b/m.exec(tok.code);
        if (m) {
          anyJudged = true;
          ctx.report({ path: f.path, line: tok.lineAt(m.index), message: "Django DEBUG is hard-coded to True in a settings module used in production.", match: "DEBUG = True", confidence: "medium" });
        }
      }
      const run = /\b\w+\.run\s*\([^)]*\bdebug\s*=\s*True/.exec(tok.code);
      if (run) {
        const line = tok.lineAt(run.index);
        const entry = judged.some((s) => s.commands.some((c) => /^python/.test(base(c.argv[0])) && c.argv.some((a) => a.endsWith(f.path.split("/").pop()!))));
        if (entry) ctx.report({ path: f.path, line, message: "Flask debug server is the production entry point.", match: "app.run(debug=True)" });
      }
    }
    if (!anyJudged) return ctx.na("no production start command or deploy manifest found");
  },
});

const DEV_DOCKERFILE_RE = /(^|\/)(Dockerfile[._-](e2e|test|tests|testing|ci|dev|develop|development|local|debug)|(e2e|test|tests|dev|development|local|debug)[._-]?Dockerfile|(e2e|test|dev|development|local)\.Dockerfile)$/i;

/** v2: Dockerfiles that build development/test images only. */
function devOnlyDockerfiles(ctx: Parameters<Parameters<typeof defineRule>[0]["check"]>[0]): Set<string> {
  const out = new Set<string>();
  const dir = (p: string) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");
  const norm = (p: string) => p.split("/").reduce<string[]>((a, seg) => (seg === "..") ? a.slice(0, -1) : seg === "." || seg === "" ? a : [...a, seg], []).join("/");
  const workflowText = ctx.snapshot.workflows().map((w) => ctx.snapshot.text(w.path) ?? "").join("\n");
  const builtBy = new Map<string, boolean[]>();
  for (const cf of ctx.snapshot.composeFiles()) for (const sv of cf.services) {
    if (!sv.build) continue;
    const ctxDir = norm(`${dir(cf.path)}/${sv.build.context}`);
    const df = sv.build.dockerfile ? norm(`${ctxDir}/${sv.build.dockerfile}`) : ctx.snapshot.dockerfilePath(ctxDir || ".");
    builtBy.set(df, [...(builtBy.get(df) ?? []), cf.dev]);
  }
  for (const df of ctx.snapshot.dockerfiles()) {
    const name = df.path.split("/").pop() ?? "";
    if (DEV_DOCKERFILE_RE.test(df.path)) { out.add(df.path); continue; }
    const users = builtBy.get(df.path);
    if (name !== "Dockerfile" && name !== "dockerfile" && users?.length && users.every((d) => d) && !workflowText.includes(name)) out.add(df.path);
  }
  return out;
}

const DEV_MODE_RE = /^(dev|devel|develop|development|debug|local|test|tests)([_-]\w+)?$|^\w+[_-](dev|debug|development)$/i;

/** v3: the script without its development-mode case branches and functions (named dev_server, debug, dev_worker …). */
export function withoutDevModes(script: string): string {
  const out: string[] = [];
  let skipUntil: RegExp | null = null;
  for (const line of script.split("\n")) {
    if (skipUntil) {
      if (skipUntil.test(line)) skipUntil = null;
      continue;
    }
    const branch = /^\s*\(?\s*([\w|"'-]+)\s*\)\s*$/.exec(line);
    if (branch && branch[1].split("|").every((l) => DEV_MODE_RE.test(l.replace(/["']/g, "")))) { skipUntil = /;;\s*$/; continue; }
    const fn = /^(\s*)(?:function\s+)?([\w-]+)\s*\(\s*\)\s*\{?\s*$/.exec(line);
    if (fn && DEV_MODE_RE.test(fn[2])) { skipUntil = new RegExp(`^${fn[1]}\\}\\s*$`); continue; }
    out.push(line);
  }
  return out.join("\n");
}
