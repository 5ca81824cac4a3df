import { defineRule } from "./define-rule.ts";
import { effectiveBuildCommands, unitEcosystems, unwrap, type BuildCommand } from "../detectors/build-commands.ts";
import { formatArgv } from "../detectors/shell.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";
import type { Severity } from "../types.ts";

const LOCKS = {
  npm: ["package-lock.json", "npm-shrinkwrap.json"],
  yarn: ["yarn.lock"],
  pnpm: ["pnpm-lock.yaml"],
  bun: ["bun.lock", "bun.lockb"],
  pipenv: ["Pipfile.lock"],
  uv: ["uv.lock"],
  poetry: ["poetry.lock"],
  bundler: ["Gemfile.lock"],
  composer: ["composer.lock"],
  nuget: ["packages.lock.json"],
  go: ["go.sum"],
} as const;
type Tool = keyof typeof LOCKS;
const TOOL_ECOSYSTEM: Record<Tool, string> = { npm: "npm", yarn: "npm", pnpm: "npm", bun: "npm", pipenv: "pypi", uv: "pypi", poetry: "pypi", bundler: "rubygems", composer: "composer", nuget: "nuget", go: "go" };

const dirOf = (p: string) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : ".");
const isAncestor = (dir: string, of: string) => dir === "." || of === dir || of.startsWith(dir + "/");

interface Problem {
  tool: Tool;
  fix: string;
  /** true when the lockfile must exist for the command to be a problem. */
  needsLock: boolean;
  /** Only a problem in Dockerfiles (CI sets CI=true, which makes the tool frozen by default). */
  dockerOnly?: boolean;
}

function has(argv: string[], ...flags: string[]): boolean {
  return argv.some((a) => flags.includes(a) || flags.some((f) => f.startsWith("--") && a.startsWith(f + "=")));
}

function classify(argvIn: string[], env: Record<string, string>, berry: boolean): Problem | null {
  let argv = argvIn;
  const p = (argv[0] ?? "").split("/").pop() ?? "";
  if (p === "composer" && (argv[1] ?? "").startsWith("-")) {
    // v5: composer's global options before the command (`composer --no-interaction update`, `composer -d app update`)
    let i = 1;
    while (i < argv.length && argv[i].startsWith("-")) i += /^(-d|--working-dir)$/.test(argv[i]) ? 2 : 1;
    argv = [argv[0], ...argv.slice(i)];
  }
  const sub = argv[1];
  const rest = argv.slice(2);
  const named = rest.some((a) => !a.startsWith("-"));
  if (p === "npm" && /^(install|i)$/.test(sub ?? "") && !named && !has(rest, "-g", "--global")) return { tool: "npm", fix: "npm ci", needsLock: true };
  if (p === "yarn" && (sub === undefined || sub === "install" || (sub?.startsWith("-") ?? false))) {
    const args = argv.slice(1);
    if (has(args, "--frozen-lockfile", "--immutable", "--pure-lockfile")) return null;
    if (/^(1|true)$/i.test(env.YARN_ENABLE_IMMUTABLE_INSTALLS ?? "")) return null;
    return { tool: "yarn", fix: berry ? "yarn install --immutable" : "yarn install --frozen-lockfile", needsLock: true, dockerOnly: berry };
  }
  if (p === "pnpm" && /^(install|i)$/.test(sub ?? "") && !named && !has(rest, "-g", "--global")) {
    if (has(rest, "--frozen-lockfile", "--prefer-frozen-lockfile")) return null;
    if (/^(1|true)$/i.test(env.CI ?? "")) return null;
    return { tool: "pnpm", fix: "pnpm install --frozen-lockfile", needsLock: true, dockerOnly: true };
  }
  if (p === "bun" && sub === "install" && !named && !has(rest, "--frozen-lockfile")) return { tool: "bun", fix: "bun install --frozen-lockfile", needsLock: true };
  if (p === "pipenv" && sub === "install" && !named && !has(rest, "--deploy", "--ignore-pipfile")) return { tool: "pipenv", fix: "pipenv install --deploy (or pipenv sync)", needsLock: true };
  if (p === "uv" && sub === "sync" && !has(rest, "--frozen", "--locked") && !/^(1|true)$/i.test(env.UV_FROZEN ?? env.UV_LOCKED ?? "")) return { tool: "uv", fix: "uv sync --locked", needsLock: true };
  if (p === "poetry" && (sub === "lock" || sub === "update")) return { tool: "poetry", fix: "commit poetry.lock and run poetry install", needsLock: false, dockerOnly: true };
  if (p === "bundle" && (sub === "install" || sub === undefined) && !has(rest, "--frozen", "--deployment") && !/^(1|true)$/i.test(env.BUNDLE_FROZEN ?? env.BUNDLE_DEPLOYMENT ?? "")) return { tool: "bundler", fix: "bundle config set frozen true && bundle install", needsLock: true };
  if (p === "bundle" && sub === "update") return { tool: "bundler", fix: "bundle install with a frozen Gemfile.lock", needsLock: false, dockerOnly: true };
  if (p === "composer" && sub === "update") return { tool: "composer", fix: "composer install", needsLock: false, dockerOnly: true };
  if (p === "dotnet" && sub === "restore" && !has(rest, "--locked-mode")) return { tool: "nuget", fix: "dotnet restore --locked-mode", needsLock: true };
  if (p === "go" && (sub === "get" || (sub === "mod" && rest[0] === "tidy"))) return { tool: "go", fix: "go mod download", needsLock: false, dockerOnly: true };
  return null;
}

function lockfileFor(snapshot: RepoSnapshot, tool: Tool, dirs: string[]): string | null {
  const names = new Set<string>(LOCKS[tool]);
  for (const f of snapshot.files) {
    const base = f.path.split("/").pop() ?? "";
    if (!names.has(base)) continue;
    const d = dirOf(f.path);
    if (dirs.some((x) => isAncestor(d, x))) return f.path;
  }
  return null;
}

export default defineRule({
  meta: {
    id: "F02-NON-FROZEN-INSTALL",
    version: 5,
    factor: "F02",
    kind: "violation",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker", "cli", "static"],
    reducedFor: ["library"],
    technique: ["PARSE"],
    title: "Install commands that may rewrite or ignore the lockfile",
    rationale:
      "A committed lockfile only makes builds reproducible if the build installs from it. `npm install`, `yarn install` or `bundle install` without the frozen flag silently resolve new versions when the manifest and lockfile disagree, so the image can contain dependencies nobody reviewed.",
    remediation:
      "Use the frozen install command (`npm ci`, `yarn install --immutable`, `pnpm install --frozen-lockfile`, `pipenv install --deploy`, `uv sync --locked`, `bundle config set frozen true`, `composer install`) so builds fail instead of silently resolving new versions.",
    docs: {
      bad: [{ file: "Dockerfile", code: "COPY package*.json ./\nRUN npm install" }],
      good: [{ file: "Dockerfile", code: "COPY package*.json ./\nRUN npm ci --omit=dev" }],
    },
    sources: [
      { title: "OpenSSF Scorecard Pinned-Dependencies (npmCommand, pipCommand)", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
      { title: "npm ci", url: "https://docs.npmjs.com/cli/commands/npm-ci" },
      { title: "zizmor adhoc-packages", url: "https://docs.zizmor.sh/audits/" },
    ],
    deviations:
      "Only reported when the tool's lockfile exists in the command's directory, the unit or an ancestor (without a lockfile this is F02-LOCKFILE-MISSING). In CI, `pnpm install` and Yarn 2+ `yarn install` are already frozen because CI=true, so they are only flagged in Dockerfiles. `go get`/`go mod tidy`, `poetry lock|update`, `bundle update` and `composer update` are flagged in Dockerfiles only (in CI they are usually deliberate update jobs). Shell scripts count only when the Dockerfile/CI references them. Shared CI workflows are in every unit's scope, so a CI install is only judged for units of the tool's ecosystem (no `uv sync` findings on a frontend unit). Severity: medium (Dockerfile, final or build stage — the build stage produces the shipped artifacts), low (CI), info (development-only Dockerfile). v2 (accuracy bench session5b: BookStack dev/docker/): Dockerfiles and scripts under a development directory (env tag dev, e.g. dev/docker/Dockerfile, dev/docker/entrypoint.node.sh) count as development-only, like Dockerfile.dev. v3 (accuracy bench session5b2: wallabag docker/php/Dockerfile): a Dockerfile outside the repository root that only a development compose file builds, and that no production compose file or CI workflow mentions, is development-only. v5 (coverage): composer's global options before the command (`composer --no-interaction update`, `composer -d app update`) are skipped, so the update is still recognized. `composer update` stays uncapped in scoring (the humans judged snipe-it pass with a `composer update --no-dev` in Dockerfile.fpm-alpine).",
  },
  check(ctx) {
    const files = ctx.files();
    const cmds = effectiveBuildCommands(ctx.snapshot, files);
    if (!cmds.length && !files.some((f) => f.language === "dockerfile")) return ctx.na("no Dockerfile, CI step or build script");
    const berry = files.some((f) => /(^|\/)\.yarnrc\.yml$/.test(f.path)) || /"packageManager"\s*:\s*"yarn@[2-9]/.test(ctx.snapshot.text(ctx.unit.path === "." ? "package.json" : `${ctx.unit.path}/package.json`) ?? "");
    const ecosystems = unitEcosystems(ctx.snapshot, ctx.unit);
    const frozenSeen = new Set<string>();
    for (const c of cmds) {
      const argv = unwrap(c.cmd);
      const env = { ...c.stageEnv, ...c.cmd.env };
      const prob = classify(argv, env, berry);
      if (!prob) {
        // v4: remember frozen installs per Dockerfile, so a later production prune of the same tool is not flagged
        const tool = jsTool(argv);
        if (tool && c.origin === "dockerfile") frozenSeen.add(`${c.path}\0${tool}`);
        continue;
      }
      // v4 (accuracy bench session7b: overseerr `yarn install --frozen-lockfile` … `yarn install --production
      // --prefer-offline`): a production-only re-install after a frozen install of the same tool in the same Dockerfile
      // prunes the dev dependencies the lockfile already resolved; it resolves nothing new
      if (c.origin === "dockerfile" && frozenSeen.has(`${c.path}\0${prob.tool}`) && has(argv.slice(1), "--production", "--prod", "--omit")) continue;
      if (prob.dockerOnly && c.origin === "ci") continue;
      // Shared CI files are in every unit's scope: only judge installs of the unit's own ecosystem there.
      if (c.origin === "ci" && !ecosystems.has(TOOL_ECOSYSTEM[prob.tool])) continue;
      if (prob.tool === "bundler" && frozenConfigured(c)) continue;
      const lock = lockfileFor(ctx.snapshot, prob.tool, [dirOf(c.path), ctx.unit.path]);
      if (prob.needsLock && !lock) continue;
      const severity: Severity = c.dev ? "info" : c.origin === "ci" ? "low" : "medium";
      // v4: a JS package manager in a production image whose final stage runs a JS runtime (node/bun/deno base): the
      // re-resolvable install produces the node_modules the running process loads (scored as at most partial)
      const runtimeModules = severity === "medium" && JS_TOOLS.has(prob.tool) && c.origin === "dockerfile" && finalStageRunsJs(ctx.snapshot, c.path);
      ctx.report({
        path: c.path,
        line: c.line,
        message: "Install command may resolve versions outside the committed lockfile.",
        match: formatArgv(argv),
        snippet: formatArgv(argv).slice(0, 200),
        severity,
        data: { tool: prob.tool, use: prob.fix, lockfile: lock, ...(runtimeModules ? { runtimeModules: true } : {}) },
      });
    }
  },
});

const JS_TOOLS = new Set<Tool>(["npm", "yarn", "pnpm", "bun"]);
function jsTool(argv: string[]): Tool | null {
  const p = (argv[0] ?? "").split("/").pop() ?? "";
  const sub = argv[1];
  if (p === "npm" && /^(install|i|ci)$/.test(sub ?? "")) return "npm";
  if (p === "yarn" && (sub === undefined || sub === "install" || (sub?.startsWith("-") ?? false))) return "yarn";
  if (p === "pnpm" && /^(install|i)$/.test(sub ?? "")) return "pnpm";
  if (p === "bun" && sub === "install") return "bun";
  return null;
}

/** The Dockerfile's final stage (followed through `FROM <stage>`) is based on a JS runtime image (node, bun, deno). */
function finalStageRunsJs(snapshot: RepoSnapshot, path: string): boolean {
  const model = snapshot.dockerfile(path);
  if (!model?.stages.length) return false;
  const byName = new Map(model.stages.map((s) => [s.name ?? String(s.index), s] as const));
  let st: (typeof model.stages)[number] | undefined = model.stages[model.stages.length - 1];
  for (let hops = 0; st && st.fromStage && hops < 10; hops++) st = byName.get(st.fromStage.toLowerCase());
  const image = (st?.from.resolved ?? st?.from.raw ?? "").toLowerCase().split("@")[0];
  const name = image.split(":")[0].split("/").pop() ?? "";
  return /^(node|bun|deno)$/.test(name) || /^oven\/bun/.test(image.split(":")[0]) || /^denoland\/deno/.test(image.split(":")[0]);
}

/** `bundle config set frozen true` / `--local deployment true` earlier in the same sequence. */
function frozenConfigured(c: BuildCommand): boolean {
  return c.group.slice(0, c.index).some((g) => g.argv[0] === "bundle" && g.argv[1] === "config" && g.argv.some((a) => /^(frozen|deployment)$/.test(a)) && g.argv.includes("true"));
}
