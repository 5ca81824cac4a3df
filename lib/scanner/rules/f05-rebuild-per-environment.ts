import { defineRule } from "./define-rule.ts";
import { parseShell } from "../detectors/shell.ts";
import { unwrapArgv } from "../detectors/command-argv.ts";
import { shellSnippets } from "../detectors/shell-snippets.ts";

const ENV_ARG_RE = /^(ENV|ENVIRONMENT|APP_ENV|NODE_ENV|STAGE|TARGET_ENV|BUILD_ENV|DEPLOY_ENV|RAILS_ENV|FLAVOR|CONFIGURATION|PROFILE|SPRING_PROFILES_ACTIVE|ASPNETCORE_ENVIRONMENT|VITE_ENV|REACT_APP_ENV|NEXT_PUBLIC_ENV)$/i;
const ENV_NAME_RE = /^(prod|production|prd|live|stag|stage|staging|preprod|uat|qa|test|testing|dev|development|sandbox|demo)$/i;
const VARYING_RE = /\$\{\{\s*(matrix|inputs|github\.event\.inputs|env|vars)\.[\w-]*(env|stage|environment|target)[\w-]*\s*\}\}|\$\{?(ENV|ENVIRONMENT|STAGE|TARGET_ENV|DEPLOY_ENV|CI_ENVIRONMENT_NAME|BUILD_ENV)\}?/i;
const ENV_FILE_TAG = /(^|[._-])(prod|production|prd|live|stag|staging|preprod|uat|qa)([._-]|$)/i;

/** Collapse GitHub expressions so the shell splitter keeps `${{ matrix.env }}` in one word. */
const gh = (text: string) => text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, e: string) => `\${{${e.replace(/\s+/g, "")}}}`);

/** `--build-arg KEY=VALUE` pairs that select an environment. */
function envBuildArgs(argv: readonly string[]): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (let i = 0; i < argv.length; i++) {
    let kv: string | null = null;
    if (argv[i] === "--build-arg") kv = argv[i + 1] ?? null;
    else if (argv[i].startsWith("--build-arg=")) kv = argv[i].slice("--build-arg=".length);
    if (!kv) continue;
    const eq = kv.indexOf("=");
    if (eq === -1) continue;
    const key = kv.slice(0, eq);
    const value = kv.slice(eq + 1).replace(/^['"]|['"]$/g, "");
    if (ENV_ARG_RE.test(key)) out.push({ key, value });
  }
  return out;
}
const perEnv = (value: string) => VARYING_RE.test(value) || (ENV_NAME_RE.test(value) && !/^(prod|production)$/i.test(value));

function isBuild(argv0: readonly string[]): boolean {
  const argv = unwrapArgv(argv0);
  const [p = "", a1 = "", a2 = ""] = argv;
  return (/^(docker|podman)$/.test(p) && (a1 === "build" || (a1 === "buildx" && a2 === "build"))) ||
    (/^(npm|pnpm|yarn|bun)$/.test(p) && /^(build|run)$/.test(a1) && (a1 === "build" || /^build/.test(a2))) ||
    /^(next|vite|ng|nuxt|react-scripts|gatsby|astro)$/.test(p) && /^(build|generate)$/.test(a1) ||
    (p === "go" && a1 === "build") || (/^(mvn|mvnw|gradle|gradlew)$/.test(p) && argv.some((a) => /package|build|bootJar|jib/.test(a))) || (p === "dotnet" && a1 === "publish");
}

export default defineRule({
  meta: {
    id: "F05-REBUILD-PER-ENVIRONMENT",
    version: 1,
    factor: "F05",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker", "static"],
    technique: ["FILE", "PARSE"],
    title: "Separate builds per environment",
    rationale:
      "The release stage combines one build with each deploy's config. Building a different artifact per environment (per-env Dockerfiles, `--build-arg ENV=staging`, env-baked frontend bundles) means production runs an artifact that was never tested in staging, and promoting or rolling back means rebuilding.",
    remediation: "Build once and inject environment-specific config at release/run time (env vars, mounted config, or a runtime `config.json` for SPAs), so the artifact you tested is the one you ship.",
    docs: {
      bad: [{ file: ".github/workflows/deploy.yml", code: "docker build --build-arg APP_ENV=${{ matrix.env }} -t api:${{ matrix.env }} ." }],
      good: [{ file: ".github/workflows/deploy.yml", code: "docker build -t api:${{ github.sha }} .\n# each environment deploys api:${{ github.sha }} with its own env vars" }],
    },
    sources: [{ title: "12factor.net — Build, release, run", url: "https://12factor.net/build-release-run" }],
    deviations:
      "`--build-arg NODE_ENV=production` alone is not a per-environment build (every environment gets the same artifact); a finding needs a non-production env name or a value that varies (matrix/inputs/env reference). Per-environment Dockerfiles count only when at least two deploy environments (prod, staging, qa, uat…) have their own Dockerfile with differing instructions; `Dockerfile.dev` for local development is not a deploy artifact. Build steps in ≥ 2 GitHub Actions jobs with different `environment:` values count. package.json with ≥ 2 env-named build scripts (`build:staging`, `build:prod`) and Angular `fileReplacements` in ≥ 2 configurations count. Multi-arch/variant matrices are ignored.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source", "dev"] });
    let judged = 0;

    // Build args selecting an environment (CI, Makefiles, scripts).
    for (const s of shellSnippets(ctx.snapshot, files)) {
      for (const c of parseShell(gh(s.text))) {
        if (!isBuild(c.argv)) continue;
        judged++;
        for (const a of envBuildArgs(c.argv)) {
          if (perEnv(a.value)) ctx.report({ path: s.path, line: s.line + c.lineOffset, message: "The build is parameterised by environment (--build-arg), producing a different artifact per environment.", match: `--build-arg ${a.key}=${a.value}`, data: { key: a.key, value: a.value } });
        }
      }
    }

    // GitHub Actions: build-push-action build-args; builds in jobs of different environments.
    const envBuildJobs = new Map<string, { path: string; line: number | undefined; job: string }>();
    for (const wf of ctx.snapshot.workflows()) {
      if (!files.some((f) => f.path === wf.path)) continue;
      for (const job of wf.jobs) {
        for (const st of job.steps) {
          const buildStep = /^docker\/build-push-action@|^docker\/bake-action@/.test(st.uses ?? "") || (st.run ? parseShell(gh(st.run)).some((c) => isBuild(c.argv)) : false);
          if (!buildStep) continue;
          judged++;
          if (st.uses) {
            const args = String(st.with["build-args"] ?? "");
            for (const l of args.split(/\n/)) {
              const m = /^\s*([\w-]+)\s*=\s*(.+?)\s*$/.exec(l);
              if (m && ENV_ARG_RE.test(m[1]) && perEnv(m[2])) ctx.report({ path: wf.path, line: st.keyLine ?? st.line, message: "The build is parameterised by environment (build-args), producing a different artifact per environment.", match: `build-args ${m[1]}=${m[2]}`, data: { key: m[1], value: m[2] } });
            }
          }
          const env = job.environment;
          if (env && !/\$\{\{/.test(env) && !envBuildJobs.has(env.toLowerCase())) envBuildJobs.set(env.toLowerCase(), { path: wf.path, line: job.line, job: job.id });
          else if (env && /\$\{\{\s*(matrix|inputs)\./.test(env)) ctx.report({ path: wf.path, line: job.line, message: "The build job runs once per environment (environment from a matrix/input).", match: `job ${job.id} environment ${env}`, data: { job: job.id, environment: env } });
        }
      }
    }
    if (envBuildJobs.size >= 2) {
      const list = [...envBuildJobs.entries()];
      ctx.report({
        path: list[0][1].path, line: list[0][1].line, message: "Separate CI jobs build the artifact for each environment.",
        match: `build per environment: ${list.map(([e]) => e).sort().join(",")}`, data: { environments: list.map(([e]) => e).join(", ") },
        related: list.slice(1).map(([e, j]) => ({ path: j.path, line: j.line, note: `build job ${j.job} for ${e}` })),
      });
    }

    // Per-environment Dockerfiles with divergent instructions.
    const envDockerfiles = ctx.snapshot.dockerfiles().filter((d) => files.some((f) => f.path === d.path) && ENV_FILE_TAG.test(d.path.split("/").pop()!.replace(/^Dockerfile/i, "")));
    if (envDockerfiles.length) judged++;
    const byEnv = new Map<string, (typeof envDockerfiles)[number]>();
    for (const d of envDockerfiles) {
      const tag = ENV_FILE_TAG.exec(d.path.split("/").pop()!.replace(/^Dockerfile/i, ""))![2].toLowerCase().replace(/^(production|prd|live)$/, "prod").replace(/^(staging|stag)$/, "stage");
      if (!byEnv.has(tag)) byEnv.set(tag, d);
    }
    if (byEnv.size >= 2) {
      const sig = (d: (typeof envDockerfiles)[number]) => d.model.instructions.map((i) => `${i.keyword} ${i.args}`).join("\n");
      const list = [...byEnv.values()];
      if (new Set(list.map(sig)).size > 1) {
        ctx.report({ path: list[0].path, line: 1, message: "Each environment has its own Dockerfile with different instructions.", match: `per-env Dockerfiles ${list.map((d) => d.path).sort().join(",")}`, related: list.slice(1).map((d) => ({ path: d.path, note: "another environment's Dockerfile" })) });
      }
    }

    // package.json env-named build scripts; Angular fileReplacements; Go ldflags -X …env=prod.
    for (const f of files) {
      const name = f.path.split("/").pop()!;
      if (name === "package.json") {
        const scripts = ctx.snapshot.packageJson(f.path)?.scripts ?? {};
        const envBuilds = Object.keys(scripts).filter((k) => /^build[:_-](prod|production|stag|staging|qa|uat|preprod|test|dev|development)$/i.test(k));
        if (Object.keys(scripts).some((k) => /^build/.test(k))) judged++;
        if (envBuilds.length >= 2) ctx.report({ path: f.path, line: ctx.snapshot.findLine(f.path, new RegExp(`"${envBuilds[0]}"\\s*:`)), message: "package.json defines a separate build per environment.", match: `scripts ${envBuilds.sort().join(",")}`, data: { scripts: envBuilds.join(", ") } });
      } else if (name === "angular.json") {
        judged++;
        const text = ctx.snapshot.text(f.path) ?? "";
        const count = (text.match(/"fileReplacements"\s*:/g) ?? []).length;
        if (count >= 2) ctx.report({ path: f.path, line: ctx.snapshot.findLine(f.path, /"fileReplacements"/), message: "Angular fileReplacements bake per-environment config into separate builds.", match: "angular fileReplacements" });
      }
    }
    for (const s of shellSnippets(ctx.snapshot, files)) {
      const m = /-X\s+['"]?[\w./-]+\.(env|environment|stage|Env|Environment)=([\w$.{}-]+)/.exec(s.text);
      if (m && perEnv(m[2].replace(/^\$\{?|\}$/g, "").replace(/^(ENV|ENVIRONMENT|STAGE)$/, "$$$1"))) ctx.report({ path: s.path, line: s.line, message: "The Go build bakes the environment name into the binary (-ldflags -X).", match: m[0] });
    }
    if (!judged) return ctx.na("no build steps, Dockerfiles or build scripts to compare across environments");
  },
});
