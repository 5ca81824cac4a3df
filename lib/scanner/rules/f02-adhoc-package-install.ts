import { defineRule } from "./define-rule.ts";
import { effectiveBuildCommands, unitEcosystems, programName, unwrap, type BuildCommand } from "../detectors/build-commands.ts";
import { formatArgv } from "../detectors/shell.ts";
import { lowerSeverity, type Severity } from "../types.ts";

/** Package-manager / build-tool bootstraps: accepted when pinned. */
const BOOTSTRAP = new Set(["pip", "setuptools", "wheel", "poetry", "pipenv", "uv", "pip-tools", "pdm", "hatch", "virtualenv", "npm", "yarn", "pnpm", "corepack", "bundler", "bun"]);

interface Pkg {
  manager: string;
  name: string;
  pinned: boolean;
  /** Built as a wheel (`pip wheel`) to be installed into the image later. */
  wheel?: boolean;
  /** v8: built from source by a tool installer that resolves the tool's whole dependency graph anew (`go install x@latest`, `cargo install x` without --locked). */
  fromSource?: boolean;
}

/** `go install` build flags that take a value. */
const GO_VALUE_FLAGS = /^-(tags|ldflags|gcflags|asmflags|gccgoflags|o|mod|modfile|p|buildmode|compiler|installsuffix|pkgdir|toolexec|overlay|pgo|C|buildvcs)$/;

/** Value-taking flags per manager (their argument is not a package). */
const PIP_VALUE_FLAGS = new Set(["-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--target", "-t", "--prefix", "--root", "--trusted-host", "--platform", "--python-version", "--implementation", "--abi", "--cache-dir", "--src", "--progress-bar", "--report", "--config-settings", "-C", "--global-option", "--timeout", "--retries", "--proxy", "--log", "--only-binary", "--no-binary",
  // uv pip (v6: paperless-ngx `uv pip install --index https://pypi.org/simple --index-strategy unsafe-best-match --requirements requirements.txt`)
  "--index", "--default-index", "--python", "-p", "--python-preference", "--index-strategy", "--keyring-provider", "--exclude-newer", "--resolution", "--prerelease", "--link-mode", "--reinstall-package", "--upgrade-package", "-P", "--no-binary-package", "--only-binary-package", "--config-setting", "--python-platform", "--torch-backend", "--extra", "--group"]);

function pipPackages(args: string[]): Pkg[] | null {
  // null = installs from a manifest / local path (not ad hoc)
  const out: Pkg[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-r" || a === "--requirement" || a === "--requirements" || a === "-c" || a === "--constraint" || a === "--constraints" || a === "--overrides" || a === "-e" || a === "--editable" || /^--(requirements?|constraints?|overrides|editable)=/.test(a) || /^-r\S/.test(a)) {
      i++;
      continue;
    }
    if (PIP_VALUE_FLAGS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith("-")) continue;
    if (/^(\.|\/|~|\$)/.test(a) || /\.(whl|tar\.gz|zip|tgz)$/.test(a) || /^file:/.test(a)) continue;
    if (/^(git\+|hg\+|svn\+|bzr\+)/.test(a) || /@\s*(git\+|https?:)/.test(a)) {
      out.push({ manager: "pip", name: a.replace(/@.*$/, "").replace(/^git\+\S*\/([^/@]+?)(\.git)?$/, "$1"), pinned: /@[0-9a-f]{7,40}$|@v?\d+\.\d+/.test(a) });
      continue;
    }
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?(.*)$/.exec(a);
    if (!m) continue;
    out.push({ manager: "pip", name: m[1].toLowerCase(), pinned: /^\s*===?\s*[\w.*+!-]+$/.test(m[3]) && !m[3].includes("*") });
  }
  return out;
}

function npmLike(manager: string, args: string[]): Pkg[] {
  const out: Pkg[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--prefix" || a === "--registry" || a === "-C" || a === "--cache") {
      i++;
      continue;
    }
    if (a.startsWith("-")) continue;
    if (/^(\.|\/|~|\$|file:|https?:|git[+:]|github:)/.test(a) || /\.tgz$/.test(a)) continue;
    const m = /^(@[^/@\s]+\/[^@\s]+|[^@\s]+)(?:@(.+))?$/.exec(a);
    if (!m) continue;
    out.push({ manager, name: m[1], pinned: !!m[2] && /^v?\d+\.\d+\.\d+([-+][\w.]+)?$/.test(m[2]) });
  }
  return out;
}

/** Named packages of a Python `add`-style command (`poetry add x==1.2.3`, `uv add "x>=1"`, `pdm add x@1.2.3`). */
function addArgs(manager: string, args: string[], valueFlags: RegExp): Pkg[] {
  const out: Pkg[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (valueFlags.test(a)) {
      i++;
      continue;
    }
    if (a.startsWith("-") || /^(\.|\/|~|\$|file:|git\+|https?:)/.test(a)) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?(.*)$/.exec(a);
    if (!m) continue;
    out.push({ manager, name: m[1].toLowerCase(), pinned: /^\s*(===?|@)\s*v?\d+(\.\d+)*$/.test(m[3]) });
  }
  return out;
}

/** Packages installed by name by one command (empty when the command installs from a manifest). */
function adhocPackages(argvIn: string[]): Pkg[] {
  let argv = argvIn;
  const p0 = (argv[0] ?? "").split("/").pop() ?? "";
  if (/^python[\d.]*$/.test(p0) && argv[1] === "-m" && argv[2] === "pip") argv = ["pip", ...argv.slice(3)];
  const p = (argv[0] ?? "").split("/").pop() ?? "";
  if (p === "composer" && (argv[1] ?? "").startsWith("-")) {
    // v8: composer's global options before the command (`composer --no-ansi require …`, `composer -d dir require …`)
    let i = 1;
    while (i < argv.length && argv[i].startsWith("-")) i += /^(-d|--working-dir)$/.test(argv[i]) ? 2 : 1;
    argv = [argv[0], ...argv.slice(i)];
  }
  if (/^(npm|yarn|pnpm|bun)$/.test(p) && (argv[1] ?? "").startsWith("-")) {
    // global options before the subcommand: `pnpm --allow-build=x add …`, `npm --prefix dir install …`
    let i = 1;
    while (i < argv.length && argv[i].startsWith("-")) i += /^(-C|--dir|--filter|-F|--prefix|--cwd)$/.test(argv[i]) ? 2 : 1;
    argv = [argv[0], ...argv.slice(i)];
  }
  const sub = argv[1];
  const rest = argv.slice(2);
  if (/^pip[\d.]*$/.test(p) && sub === "install") return pipPackages(rest) ?? [];
  // `pip wheel --wheel-dir /wheels apprise uwsgi -r requirements.txt` in a builder stage: wheels are built to be
  // installed into the image, so named packages there are runtime dependencies outside the manifest (wheel: true)
  if (/^pip[\d.]*$/.test(p) && sub === "wheel") return (pipPackages(rest.filter((a, i) => !/^(-w|--wheel-dir)$/.test(rest[i - 1] ?? ""))) ?? []).map((x) => ({ ...x, wheel: true }));
  if (p === "uv" && sub === "pip" && argv[2] === "install") return pipPackages(argv.slice(3)) ?? [];
  if (p === "uv" && sub === "tool" && argv[2] === "install") return pipPackages(argv.slice(3)) ?? [];
  if (p === "pipx" && sub === "install") return pipPackages(rest) ?? [];
  if (p === "npm" && /^(install|i|add|isntall)$/.test(sub ?? "")) return npmLike("npm", rest);
  if (p === "yarn" && sub === "global" && argv[2] === "add") return npmLike("yarn", argv.slice(3));
  if (p === "yarn" && sub === "add") return npmLike("yarn", rest);
  if (p === "pnpm" && (sub === "add" || (/^(install|i)$/.test(sub ?? "") && rest.some((a) => a === "-g" || a === "--global")))) return npmLike("pnpm", rest);
  if (p === "bun" && sub === "add") return npmLike("bun", rest);
  if (p === "gem" && sub === "install") {
    if (rest.some((a) => a === "-g" || a === "--file" || /^--file=/.test(a))) return [];
    const pinned = rest.some((a) => a === "-v" || a === "--version" || /^--version=/.test(a));
    return rest.filter((a, i) => !a.startsWith("-") && !/^(-v|--version)$/.test(rest[i - 1] ?? "") && !/\.gem$/.test(a)).map((name) => ({ manager: "gem", name: name.replace(/:.*$/, ""), pinned: pinned || /:\d/.test(name) }));
  }
  if (p === "go" && sub === "install") {
    // v8: the build flags' values (`-tags 'clickhouse'`, `-ldflags '-s -w'`, `-o bin`) are not packages; a version
    // from a build argument (`@${MIGRATE_VERSION}`) is pinned by the Dockerfile's ARG
    return rest
      .filter((a, i) => !a.startsWith("-") && !/^(\.|\/)/.test(a) && !GO_VALUE_FLAGS.test(rest[i - 1] ?? ""))
      .map((a) => ({ manager: "go", name: a.replace(/@.*$/, ""), pinned: /@v?\d|@\$/.test(a) && !/@(latest|master|main|HEAD)$/.test(a), fromSource: true }));
  }
  if (p === "cargo" && sub === "install") {
    if (rest.some((a) => a === "--path" || /^--path=/.test(a))) return [];
    const pinned = rest.some((a) => a === "--version" || /^--version=/.test(a) || a === "--rev" || a === "--tag");
    // v8: `--locked` builds the tool from its own published Cargo.lock (the humans accept `cargo install --locked monolith`)
    const locked = rest.includes("--locked");
    return rest
      .filter((a, i) => !a.startsWith("-") && !/^(--version|--vers|--git|--rev|--tag|--branch|--root|--target|--features|-F|--bin|--example|--registry|--index|--profile|-j|--jobs|--target-dir|--config|-Z|--color)$/.test(rest[i - 1] ?? ""))
      .map((a) => ({ manager: "cargo", name: a.replace(/@.*$/, ""), pinned: pinned || /@\d/.test(a), fromSource: !locked }));
  }
  if (p === "dotnet" && sub === "tool" && argv[2] === "install") {
    const r = argv.slice(3);
    const pinned = r.some((a) => a === "--version" || /^--version=/.test(a));
    if (!r.some((a) => a === "-g" || a === "--global" || a === "--tool-path")) return [];
    return r.filter((a, i) => !a.startsWith("-") && !/^(--version|--tool-path|--add-source|--configfile|--framework)$/.test(r[i - 1] ?? "")).slice(0, 1).map((a) => ({ manager: "dotnet", name: a, pinned }));
  }
  // v9: manifest-editing `add` commands run in an image build (`poetry add gunicorn`, `uv add x`, `pdm add x`, `pipenv
  // install x`, `bundle add x`, `cargo add x`, `dotnet add package X`, `deno add|install npm:x`) resolve a package the
  // committed manifest and lockfile do not declare, at build time; development groups are not runtime installs
  if ((p === "poetry" || p === "uv" || p === "pdm") && sub === "add") {
    if (rest.some((a) => /^(-D|--dev|-d|-G|--group|--optional)$/.test(a) || /^--(group|optional)=/.test(a))) return [];
    return addArgs(p, rest, /^(-G|--group|-E|--extras|--source|--python|-p|--index|--extra-index-url|--tag|--branch|--rev|--directory|--project|--package)$/);
  }
  if (p === "pipenv" && sub === "install") {
    if (rest.some((a) => a === "--dev" || a === "-d" || a === "--categories")) return [];
    return addArgs("pipenv", rest.filter((a) => !/\.(txt|in)$/.test(a)), /^(-r|--requirements|--python|--index|--extra-index-url)$/);
  }
  if (p === "bundle" && sub === "add") {
    if (rest.some((a) => /^--group(=|$)/.test(a))) return [];
    const pinned = rest.some((a) => a === "--version" || a === "-v" || /^--version=/.test(a));
    return rest.filter((a, i) => !a.startsWith("-") && !/^(--version|-v|--source|--git|--branch|--ref|--path|--require)$/.test(rest[i - 1] ?? "")).map((name) => ({ manager: "bundler", name, pinned }));
  }
  if (p === "cargo" && sub === "add") {
    if (rest.some((a) => a === "--dev" || a === "--build" || a === "--path" || /^--path=/.test(a))) return [];
    return rest
      .filter((a, i) => !a.startsWith("-") && !/^(-F|--features|--rename|--registry|--git|--branch|--tag|--rev|-p|--package|--manifest-path|--target)$/.test(rest[i - 1] ?? ""))
      .map((a) => ({ manager: "cargo", name: a.replace(/@.*$/, ""), pinned: /@=?\d+\.\d+\.\d+$/.test(a) }));
  }
  if (p === "dotnet" && sub === "add" && argv.includes("package")) {
    const r = argv.slice(argv.indexOf("package") + 1);
    const pinned = r.some((a) => a === "--version" || a === "-v" || /^--version=/.test(a));
    return r.filter((a, i) => !a.startsWith("-") && !/^(--version|-v|--source|-s|--framework|-f|--package-directory)$/.test(r[i - 1] ?? "")).slice(0, 1).map((name) => ({ manager: "dotnet", name, pinned }));
  }
  if (p === "deno" && (sub === "add" || sub === "install")) {
    if (rest.some((a) => a === "--dev" || a === "-D")) return [];
    // `deno install` without a package installs from deno.json / package.json (not ad hoc)
    return rest
      .filter((a, i) => /^(npm|jsr):/.test(a) && !/^(-n|--name|--root|-c|--config)$/.test(rest[i - 1] ?? ""))
      .map((a) => {
        const spec = a.replace(/^(npm|jsr):/, "");
        const m = /^(@[^/@]+\/[^@]+|[^@]+)(?:@(.+))?$/.exec(spec);
        return { manager: "deno", name: m?.[1] ?? spec, pinned: !!m?.[2] && /^v?\d+\.\d+\.\d+([-+][\w.]+)?$/.test(m[2]) };
      });
  }
  if (p === "composer" && sub === "global" && argv[2] === "require") {
    return argv.slice(3).filter((a) => !a.startsWith("-")).map((a) => ({ manager: "composer", name: a.replace(/:.*$/, ""), pinned: /:\s*v?\d+\.\d+\.\d+$/.test(a) }));
  }
  // v8: `composer require vendor/pkg` in an image build adds a package the committed composer.json/composer.lock do
  // not declare and resolves it (and whatever it pulls in) at build time; `--dev` requires are development tooling
  if (p === "composer" && sub === "require") {
    if (rest.includes("--dev")) return [];
    return rest
      .filter((a, i) => !a.startsWith("-") && !/^(-d|--working-dir)$/.test(rest[i - 1] ?? "") && /^[\w.-]+\/[\w.-]+/.test(a))
      .map((a) => ({ manager: "composer", name: a.replace(/[:=].*$/, ""), pinned: /[:=]\s*v?\d+\.\d+\.\d+$/.test(a) }));
  }
  return [];
}

export default defineRule({
  meta: {
    id: "F02-ADHOC-PACKAGE-INSTALL",
    version: 9,
    factor: "F02",
    kind: "violation",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker", "cli", "static"],
    reducedFor: ["library"],
    technique: ["PARSE"],
    upstream: ["hadolint:DL3013", "hadolint:DL3016", "hadolint:DL3028", "hadolint:DL3062"],
    title: "Language packages installed by name outside the manifest",
    rationale:
      "`pip install gunicorn` or `npm install -g pm2` in a Dockerfile adds a dependency that no manifest or lockfile declares: its version floats between builds, dependency scanners and update bots never see it, and a developer's environment differs from the image.",
    remediation:
      "Declare the package in the project manifest and lockfile (or a tools manifest such as `.config/dotnet-tools.json`, `tools.go`, devDependencies) and install from it.",
    docs: {
      bad: [{ file: "Dockerfile", code: "RUN pip install -r requirements.txt && pip install gunicorn" }],
      good: [{ file: "Dockerfile", code: "# gunicorn==22.0.0 is listed in requirements.txt\nRUN pip install --no-cache-dir -r requirements.txt" }],
    },
    sources: [
      { title: "hadolint DL3013 / DL3016 / DL3028 / DL3062", url: "https://github.com/hadolint/hadolint/wiki/DL3013" },
      { title: "zizmor adhoc-packages", url: "https://docs.zizmor.sh/audits/" },
      { title: "12factor.net — Dependencies", url: "https://12factor.net/dependencies" },
    ],
    deviations:
      "Severity: medium for installs in the final image stage or in a shell script referenced by the Dockerfile/CI; low in earlier build stages and CI steps (build tooling does not reach the runtime); info when the package is version-pinned (declared exactly, just outside the manifest). Bootstrapping the package manager / build tool itself (pip, setuptools, wheel, poetry, pipenv, uv, npm, yarn, pnpm, bundler) is accepted when pinned and low when unpinned (it does not change the app's resolved dependency set; hadolint flags it). `npx` is not flagged here: whether npx downloads depends on the resolved node_modules, which is F02-UNDECLARED-IMPORT territory. Development-only Dockerfiles drop one level. Unreferenced shell scripts (developer setup scripts) are ignored. Shared CI workflows are in every unit's scope, so CI installs are only judged for units of the package manager's ecosystem. v2 (accuracy bench session 4b: umami `pnpm --allow-build=… add npm-run-all dotenv chalk semver` in the final stage was missed): npm/yarn/pnpm/bun global options before the subcommand are skipped. v3 (accuracy bench session5b: BookStack dev/docker/): Dockerfiles and scripts under a development directory (env tag dev, e.g. dev/docker/Dockerfile, dev/docker/entrypoint.node.sh) count as development-only, like Dockerfile.dev. v4 (accuracy bench session5b2: wallabag docker/php/Dockerfile): a Dockerfile outside the repository root that only a development compose file builds, and that no production compose file or CI workflow mentions, is development-only. v5 (accuracy bench session6y: searxng II, human pass / scanner partial — `pip install -U pyyaml msgspec …` in utils/searxng.sh, a bare-metal installer that only the documentation workflow runs): a shell script referenced only by CI steps is judged like a CI step (low); only scripts a Dockerfile runs (or entrypoint scripts) are medium. v6 (accuracy bench session6z: paperless-ngx II, human pass / scanner partial): uv pip's value-taking options (`--index URL`, `--index-strategy`, `--python-preference`, `--requirements FILE` …) are not package names. v7 (accuracy bench: healthchecks II, human partial — `pip wheel --wheel-dir /wheels apprise uwsgi mysqlclient -r requirements.txt` in the builder stage, the wheels installed in the final stage): packages named to `pip wheel` are runtime installs outside the manifest (medium in any stage). v8 (coverage across tool installers; accuracy bench session8a/8b: vikunja `go install github.com/magefile/mage@latest`, lldap `cargo install wasm-pack cargo-chef` in builder stages and kimai `composer --no-ansi require laminas/laminas-ldap` in the prod stage, all human II partial): an unpinned `go install tool@latest|@master|<no version>` or `cargo install tool` without --version and without --locked is medium in any Dockerfile stage (the tool is built from a freshly resolved dependency graph and produces the shipped artifact; `cargo install --locked`, which the humans accepted, keeps the build-stage low); `go install` build-flag values (`-tags clickhouse`, `-ldflags`) are no longer read as packages and `@${VERSION}` from a build argument counts as pinned; plain `composer require vendor/pkg` (not `--dev`) is an install outside composer.lock, and composer's global options before the command are skipped. Not flagged as material (humans split on them): `npm install -g corepack` / `corepack prepare pnpm@latest` (pass on homepage and karakeep), npm/yarn/pnpm build tools installed globally in a build stage (documenso turbo: pass), `releases/latest/download` artifacts (karakeep yt-dlp: pass). v9 (coverage across package managers): the manifest-editing add commands run in an image build or a referenced script — `poetry add`, `uv add`, `pdm add`, `pipenv install <name>`, `bundle add`, `cargo add`, `dotnet add package`, `deno add|install npm:/jsr:` — name packages outside the committed lockfile (pinned when given an exact version); their development groups (`--dev`, `--group`, `-D`, `cargo add --dev|--build`) and path dependencies are not flagged. The same install repeated in an earlier stage no longer hides the final-stage one (findings sharing a path and match keep the most severe; accuracy bench session8a: kimai's dev-stage `composer require laminas/laminas-ldap` shadowed the prod-stage one).",
  },
  check(ctx) {
    const files = ctx.files();
    const cmds = effectiveBuildCommands(ctx.snapshot, files);
    if (!cmds.length && !files.some((f) => f.language === "dockerfile")) return ctx.na("no Dockerfile, CI step or build script");
    const MANAGER_ECOSYSTEM: Record<string, string> = { poetry: "pypi", uv: "pypi", pdm: "pypi", pipenv: "pypi", bundler: "rubygems", deno: "npm", pip: "pypi", npm: "npm", yarn: "npm", pnpm: "npm", bun: "npm", gem: "rubygems", go: "go", cargo: "cargo", dotnet: "nuget", composer: "composer" };
    const ecosystems = unitEcosystems(ctx.snapshot, ctx.unit);
    // v9: findings are fingerprinted by path + match and the first one wins, so the same install in an earlier
    // (development/build) stage would hide the final-stage one: keep the most severe finding per path + match
    const pending = new Map<string, Parameters<typeof ctx.report>[0]>();
    const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
    const report = (r: Parameters<typeof ctx.report>[0] & { severity: Severity; match: string }) => {
      const key = `${r.path}\0${r.match}`;
      const prev = pending.get(key) as { severity: Severity } | undefined;
      if (!prev || RANK[r.severity] > RANK[prev.severity]) pending.set(key, r);
    };
    for (const c of cmds) {
      const pkgs = adhocPackages(unwrap(c.cmd));
      if (!pkgs.length) continue;
      if (c.origin === "ci" && ecosystems.size && !ecosystems.has(MANAGER_ECOSYSTEM[pkgs[0].manager])) continue;
      const bootstrap = pkgs.every((p) => BOOTSTRAP.has(p.name.toLowerCase()));
      const pinned = pkgs.every((p) => p.pinned);
      if (bootstrap && pinned) continue;
      let sev: Severity;
      if (bootstrap) sev = "low";
      else if (pinned) sev = "info";
      // v5: a script only CI runs (a docs workflow's `./utils/install.sh buildhost`) installs onto the CI machine,
      // like a CI step — low; scripts the image runs stay medium
      else if ((c.origin === "dockerfile" && (c.stage?.isFinal || pkgs.some((x) => x.wheel))) || (c.origin === "script" && c.referencedBy !== "ci")) sev = "medium";
      // v8: an unpinned `go install tool@latest` / `cargo install tool` (no --version, no --locked) in any image stage builds
      // the tool that produces the shipped binary from whatever its dependency graph resolves to at build time
      else if (c.origin === "dockerfile" && pkgs.some((x) => x.fromSource && !x.pinned)) sev = "medium";
      else sev = "low";
      if (c.dev) sev = lowerSeverity(sev);
      const names = pkgs.filter((p) => !(BOOTSTRAP.has(p.name.toLowerCase()) && p.pinned)).map((p) => p.name);
      report({
        path: c.path,
        line: c.line,
        message: pinned ? "Package installed by name outside the manifest (pinned)." : "Package installed by name outside the manifest, unpinned.",
        match: `${programName(c.cmd)} ${names.join(" ")}`,
        snippet: formatArgv(unwrap(c.cmd)).slice(0, 200),
        severity: sev,
        data: { manager: pkgs[0].manager, packages: names.join(", "), origin: c.origin, stage: describeStage(c) },
      });
    }
    for (const r of pending.values()) ctx.report(r);
  },
});

function describeStage(c: BuildCommand): string | null {
  if (!c.stage) return null;
  return `${c.stage.name ?? c.stage.index}${c.stage.isFinal ? " (final)" : ""}`;
}
