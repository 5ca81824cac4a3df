// Repository and unit classification (RULES.md §2): unit discovery from manifests/Dockerfiles,
// workspace roots, kind scoring with signals (winner ≥ 3 points and margin ≥ 2, else ambiguous),
// and the repository kind (monorepo / infra / docs / the single unit's kind).
import type { Confidence, FileEntry, KindSignal, Language, RepoKind, Unit, UnitKind } from "../types.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";
import type { DockerfileModel } from "../snapshot/parsers.ts";
import { basename, dirname, resolvePath, SOURCE_LANGUAGES } from "../snapshot/roles.ts";
import { isManifestPath, isSbtMetaBuild } from "../snapshot/manifests.ts";
import { detectFrameworks } from "../detectors/frameworks.ts";
import { jsListenersIn, jvmEmbeddedServerStart, TOKEN_LISTENERS } from "../detectors/listeners.ts";
import { dockerfileStart, expandScriptRefs } from "../detectors/start-command.ts";
import { unwrapArgv } from "../detectors/command-argv.ts";
import { parseShell } from "../detectors/shell.ts";
import { readmeKindSignals } from "./readme.ts";
import { isDebugListener } from "../detectors/ports.ts";

/** A listen address with a port in a start command: `0.0.0.0:5232`, `[::]:8000`, `:::80`. */
const BIND_ADDRESS_RE = /(?:^|[\s"'=,])(?:0\.0\.0\.0|\[::\]|::):\d{2,5}\b/;

export interface DeclaredUnit {
  path: string;
  kind: UnitKind;
}

export interface Classification {
  units: Unit[];
  repoKind: RepoKind;
  repoKindConfidence: Confidence;
  workspaceRoots: string[];
}

const DOCKERFILE_NAME_RE = /^(Dockerfile|Containerfile|dockerfile)$/;
const UNIT_MARKER_RE = /^(package\.json|pyproject\.toml|setup\.py|requirements\.txt|Pipfile|go\.mod|pom\.xml|build\.gradle(\.kts)?|Gemfile|[\w.-]+\.gemspec|composer\.json|[\w.-]+\.(csproj|fsproj)|Cargo\.toml|mix\.exs|build\.sbt|deno\.jsonc?|Dockerfile|Containerfile)$/;
const HELPER_DIR_RE = /(^|\/)(scripts?|hooks|tools?|hack|bin|\.github|\.husky|ci|\.ci|build-tools|docs?)\//;
const ROOT_CONFIG_FILE_RE = /(^|\/)([\w.-]+\.config\.[cm]?[jt]s|\.[\w-]+rc\.[cm]?js|gulpfile\.[jt]s|Gruntfile\.js|jest\.setup\.[jt]s|setup\.py|conftest\.py|noxfile\.py|tasks\.py|fabfile\.py|manage\.py|Rakefile|Dangerfile)$/;

function under(dir: string, path: string): boolean {
  return dir === "." || path === dir || path.startsWith(dir + "/");
}

function isWorkspaceRoot(snapshot: RepoSnapshot, dir: string): boolean {
  const p = (name: string) => (dir === "." ? name : `${dir}/${name}`);
  const pj = snapshot.packageJson(p("package.json"));
  if (pj?.workspaces) return true;
  for (const f of ["pnpm-workspace.yaml", "lerna.json", "nx.json", "turbo.json", "rush.json", "go.work", "MODULE.bazel", "WORKSPACE", "WORKSPACE.bazel", "pants.toml"]) {
    if (snapshot.has(p(f))) return true;
  }
  for (const g of ["settings.gradle", "settings.gradle.kts"]) {
    const t = snapshot.text(p(g));
    if (t && /^\s*include\b/m.test(t)) return true;
  }
  const pom = snapshot.text(p("pom.xml"));
  if (pom && /<modules>\s*<module>/.test(pom)) return true;
  const cargo = snapshot.toml(p("Cargo.toml"));
  if (cargo && cargo.workspace) return true;
  const pyproject = snapshot.toml(p("pyproject.toml")) as { tool?: { uv?: { workspace?: unknown } } } | undefined;
  if (pyproject?.tool?.uv?.workspace) return true;
  // an Elixir umbrella project (`apps_path: "apps"` in the root mix.exs) holds one Mix app per directory under apps/
  if (/\bapps_path:\s*"/.test(snapshot.text(p("mix.exs")) ?? "")) return true;
  const slns = snapshot.glob(dir === "." ? "*.sln" : `${dir}/*.sln`);
  for (const s of slns) {
    const t = snapshot.text(s.path) ?? "";
    if ((t.match(/^Project\(/gm) ?? []).length >= 2) return true;
  }
  return false;
}

/** Documentation-site generators: next to server code they document the app. */
const DOCS_GENERATOR_MARKERS = new Set(["mkdocs.yml", "_config.yml", "docusaurus.config.js", "docusaurus.config.ts", ".vitepress/config.ts", ".vitepress/config.js"]);

export function classifyRepository(snapshot: RepoSnapshot, declared: readonly DeclaredUnit[] = []): Classification {
  const files = snapshot.files;
  // 1. candidate unit directories
  const candidates = new Set<string>();
  for (const f of files) {
    if (f.role === "vendor" || f.role === "test" || f.role === "example" || f.role === "dev") continue;
    const name = basename(f.path);
    // session 12: an sbt meta-build (`project/build.sbt`, `project/plugins.sbt`) is the build's tooling, not a unit of its own
    if (isSbtMetaBuild(f.path)) continue;
    if (UNIT_MARKER_RE.test(name) || (isManifestPath(f.path) && /^requirements\.txt$/.test(name))) candidates.add(dirname(f.path));
  }
  for (const d of declared) candidates.add(d.path.replace(/^\.\//, "").replace(/\/$/, "") || ".");
  // classification v10 (session 17: osTicket, a PHP app with no root manifest whose vendored include/laminas-mail and
  // include/mpdf became its only units): application code at the repository root — source files in the root directory
  // itself, and a good part of all source outside every manifest directory — makes the root a unit, so the nested
  // manifests merge into it unless the root is a workspace
  if (!candidates.has(".") && candidates.size) {
    const code = files.filter((f) => f.role === "source" && f.language && SOURCE_LANGUAGES.has(f.language) && !ROOT_CONFIG_FILE_RE.test(f.path));
    const rootLevel = code.filter((f) => !f.path.includes("/"));
    const orphan = code.filter((f) => ![...candidates].some((c) => under(c, f.path)));
    if (rootLevel.length >= 3 && orphan.length >= 0.25 * code.length) candidates.add(".");
  }

  // 2. nesting: nested candidates are units only under a workspace root (or when declared)
  const sorted = [...candidates].sort((a, b) => (a === "." ? -1 : b === "." ? 1 : a.length - b.length || (a < b ? -1 : 1)));
  const workspaceRoots = sorted.filter((d) => isWorkspaceRoot(snapshot, d));
  const declaredPaths = new Set(declared.map((d) => d.path.replace(/^\.\//, "").replace(/\/$/, "") || "."));
  const unitDirs: string[] = [];
  for (const dir of sorted) {
    const ancestors = unitDirs.filter((u) => u !== dir && under(u, dir));
    if (ancestors.length === 0 || declaredPaths.has(dir)) {
      unitDirs.push(dir);
      continue;
    }
    const nearest = ancestors.sort((a, b) => (a === "." ? 0 : a.length) - (b === "." ? 0 : b.length)).pop()!;
    // nested manifests become separate units only under a workspace root (otherwise they merge)
    if (workspaceRoots.includes(nearest)) unitDirs.push(dir);
  }

  // 3. a workspace root without its own source is not a unit (its files are shared by all units)
  const ownFiles = (dir: string, all: string[]) =>
    files.filter((f) => under(dir, f.path) && !all.some((o) => o !== dir && under(o, f.path) && (dir === "." || o.length > dir.length)));
  let dirs = [...unitDirs];
  for (const ws of workspaceRoots) {
    if (!dirs.includes(ws)) continue;
    const nested = dirs.filter((d) => d !== ws && under(ws, d));
    if (!nested.length) continue;
    const own = ownFiles(ws, dirs).filter((f) => f.role === "source" && f.language && SOURCE_LANGUAGES.has(f.language) && !ROOT_CONFIG_FILE_RE.test(f.path) && !HELPER_DIR_RE.test(f.path) && (ws === "." ? f.path.includes("/") : true));
    // A Dockerfile at a source-less workspace root builds the nested units (BaGetter: the .sln root's
    // Dockerfile publishes src/BaGetter): it is shared by them, not a deployable of its own.
    if (own.length < 3 && !declaredPaths.has(ws)) dirs = dirs.filter((d) => d !== ws);
  }
  // classification v4: the workspace root's image or Procfile starts one workspace package by name
  // (`CMD ["pnpm","run","prod"]` whose root script is `pnpm --filter ep_etherpad-lite run prod`: accuracy bench
  // session6z etherpad-lite, a service judged as a library) — that package is what the root deploys
  const rootStarted = new Map<string, KindSignal>();
  for (const ws of workspaceRoots) {
    if (dirs.includes(ws)) continue;
    for (const t of workspaceStartTargets(snapshot, ws)) {
      const dir = dirs.find((d) => d !== ws && under(ws, d) && snapshot.packageJson(d === "." ? "package.json" : `${d}/package.json`)?.name === t.name);
      if (dir && !rootStarted.has(dir)) rootStarted.set(dir, { kind: "service", points: 4, reason: `${t.via} at the workspace root starts this package (${t.command.slice(0, 80)})`, deploy: "descriptor", path: t.path, ...(t.line ? { line: t.line } : {}) });
    }
  }

  // classification v7 (session 11): the source-less workspace root's image runs a binary built from one nested unit and
  // exposes a port (`ENTRYPOINT ["/app/unleash-edge"]` + `EXPOSE 3063` at a Cargo workspace root): that unit is the
  // service the image deploys, even when its own crate shows no listener (the server is wired in sibling crates).
  // Matched by executable name against the unit's Cargo package name, Go main package directory or directory name.
  for (const ws of workspaceRoots) {
    if (dirs.includes(ws)) continue;
    const target = rootImageBinary(snapshot, ws);
    if (!target) continue;
    const matches = dirs.filter((d) => d !== ws && under(ws, d) && unitBinaryNames(snapshot, d).has(target.name));
    if (matches.length === 1 && !rootStarted.has(matches[0])) {
      rootStarted.set(matches[0], { kind: "service", points: 4, reason: `the workspace root's Dockerfile runs this unit's binary ${target.name} and exposes a port`, deploy: "descriptor", path: target.path, ...(target.line ? { line: target.line } : {}) });
    }
  }

  // 4. orphan source code (no manifest anywhere above it) → a root unit so F02-MANIFEST-MISSING can see it
  const covered = (p: string) => dirs.some((d) => under(d, p));
  const orphanSource = files.filter((f) => f.role === "source" && f.language && SOURCE_LANGUAGES.has(f.language) && !covered(f.path));
  if (orphanSource.length && !dirs.includes(".") && dirs.length === 0) dirs.push(".");

  // owner of every file = deepest unit directory above it (O(files × depth))
  const dirSet = new Set(dirs);
  const ownedBy = new Map<string, FileEntry[]>(dirs.map((d) => [d, []]));
  for (const f of files) {
    let d = f.path;
    let owner: string | null = null;
    while (owner === null) {
      const i = d.lastIndexOf("/");
      d = i === -1 ? "." : d.slice(0, i);
      if (dirSet.has(d)) owner = d;
      else if (d === ".") break;
    }
    if (owner !== null) ownedBy.get(owner)!.push(f);
  }
  const built: Unit[] = dirs.map((dir) => buildUnit(snapshot, dir, ownedBy.get(dir)!, declared, workspaceRoots.some((w) => w !== dir && under(w, dir)), rootStarted.get(dir))).sort((a, b) => (a.path === "." ? -1 : b.path === "." ? 1 : a.path < b.path ? -1 : 1));
  const units = linkInternalLibraries(snapshot, built, dirSet);

  // 5. repository kind
  let repoKind: RepoKind;
  let repoKindConfidence: Confidence = "high";
  const deployable = units.filter((u) => u.kind === "service" || u.kind === "worker");
  if (units.length === 0) {
    const nonDoc = files.filter((f) => f.role !== "vendor");
    const docsLike = nonDoc.filter((f) => f.role === "example" || /\.(md|mdx|rst|adoc|txt|png|jpe?g|gif|svg|webp|ico|pdf)$/i.test(f.path) || /^(LICENSE|NOTICE|AUTHORS|CODEOWNERS|\.gitignore|\.gitattributes|\.editorconfig)$/i.test(basename(f.path)) || f.path.startsWith(".github/"));
    const infraLike = nonDoc.filter((f) => /\.(tf|tfvars|hcl)$/.test(f.path) || (/\.ya?ml$/.test(f.path) && /^\s*(apiVersion|AWSTemplateFormatVersion|hosts):/m.test(snapshot.text(f.path) ?? "")) || /(^|\/)(Chart\.yaml|values[\w.-]*\.ya?ml|kustomization\.ya?ml|Pulumi\.ya?ml|playbook[\w.-]*\.ya?ml|ansible\.cfg)$/.test(f.path) || /(^|\/)(roles|templates|charts)\//.test(f.path));
    const meaningful = nonDoc.filter((f) => !docsLike.includes(f));
    if (infraLike.length > 0 && infraLike.length >= 0.8 * meaningful.length) repoKind = "infra";
    else if (nonDoc.length === 0 || docsLike.length >= 0.8 * nonDoc.length) repoKind = "docs";
    else {
      repoKind = "docs";
      repoKindConfidence = "low";
    }
    // a pseudo unit at the root so repo-level rules have a home
    units.push(pseudoUnit(snapshot, repoKind === "infra" ? "infra" : "docs", repoKindConfidence));
  } else if (deployable.length === 1 && units.length >= 2 && units.every((u) => u === deployable[0] || u.linkedBy?.includes(deployable[0].path))) {
    // classification v2: one deployable and nothing but its own internal libraries (a .NET solution of a web
    // project and the class libraries it references, a Maven parent of an app module and its jar modules) is
    // that one service, not a monorepo (accuracy bench: BaGetter, eShopOnWeb were judged as one service)
    repoKind = deployable[0].kind;
    repoKindConfidence = "medium";
  } else if (deployable.length >= 2 || (workspaceRoots.length > 0 && units.length >= 2)) {
    repoKind = "monorepo";
  } else if (units.length === 1) {
    repoKind = units[0].kind;
    repoKindConfidence = units[0].kindConfidence;
  } else {
    // several units, at most one deployable: the repo is what its main unit is (deployable first, else largest)
    const main = deployable[0] ?? [...units].sort((a, b) => b.loc - a.loc)[0];
    repoKind = main.kind;
    repoKindConfidence = units.length > 1 ? "medium" : main.kindConfidence;
  }
  return { units, repoKind, repoKindConfidence, workspaceRoots };
}

function normPath(parts: string[]): string {
  const out: string[] = [];
  for (const p of parts) {
    if (!p || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return out.join("/") || ".";
}

/**
 * Internal dependencies between units (classification v2): which units each unit builds into itself.
 * - .NET: `<ProjectReference Include="..\Core\Core.csproj" />` in the unit's project files;
 * - Maven: a `<dependency>` whose artifactId is another module's artifactId;
 * - Gradle: `project(":core")` / `project(path: ":core")` in the unit's build script;
 * - JS workspaces: a `dependencies` entry naming another unit's package.json `name`.
 */
function directUnitDeps(snapshot: RepoSnapshot, units: readonly Unit[], dirSet: ReadonlySet<string>): Map<string, Set<string>> {
  const ownerDir = (path: string): string | null => {
    let d = path;
    for (;;) {
      const i = d.lastIndexOf("/");
      d = i === -1 ? "." : d.slice(0, i);
      if (dirSet.has(d)) return d;
      if (d === ".") return null;
    }
  };
  const byMavenId = new Map<string, string>();
  const byPkgName = new Map<string, string>();
  const byCrateName = new Map<string, string>();
  for (const u of units) {
    const at = (n: string) => (u.path === "." ? n : `${u.path}/${n}`);
    const pom = snapshot.text(at("pom.xml"));
    if (pom) {
      const m = /<artifactId>\s*([\w.-]+)\s*<\/artifactId>/.exec(pom.replace(/<parent>[\s\S]*?<\/parent>/, ""));
      if (m) byMavenId.set(m[1], u.path);
    }
    const name = snapshot.packageJson(at("package.json"))?.name;
    if (typeof name === "string" && name) byPkgName.set(name, u.path);
    const crate = (snapshot.toml(at("Cargo.toml")) as { package?: { name?: unknown } } | undefined)?.package?.name;
    if (typeof crate === "string" && crate) byCrateName.set(crate, u.path);
  }
  // classification v9: Cargo workspace members a crate depends on (`kellnr-db.workspace = true`, `db = { path = "../db" }`),
  // resolved by package name (a renamed dependency names its package in `package = "…"`)
  const cargoDeps = (t: Record<string, unknown> | undefined): string[] => {
    const out: string[] = [];
    // [dependencies] and per-target dependencies run in the binary; build- and dev-dependencies do not
    const tables: unknown[] = [t?.dependencies];
    const target = t?.target as Record<string, Record<string, unknown>> | undefined;
    if (target && typeof target === "object") for (const v of Object.values(target)) if (v && typeof v === "object") tables.push(v.dependencies);
    for (const tab of tables) {
      if (!tab || typeof tab !== "object") continue;
      for (const [k, v] of Object.entries(tab as Record<string, unknown>)) {
        const pkg = v && typeof v === "object" && typeof (v as { package?: unknown }).package === "string" ? (v as { package: string }).package : k;
        out.push(pkg);
      }
    }
    return out;
  };
  const deps = new Map<string, Set<string>>();
  for (const u of units) {
    const out = new Set<string>();
    const at = (n: string) => (u.path === "." ? n : `${u.path}/${n}`);
    for (const p of u.files) {
      if (!/\.(csproj|fsproj|vbproj)$/.test(p)) continue;
      const f = snapshot.file(p);
      if (!f || f.role === "test" || f.role === "example") continue;
      const t = snapshot.text(p) ?? "";
      for (const m of t.matchAll(/<ProjectReference\s+Include\s*=\s*"([^"]+)"/g)) {
        const target = normPath([...dirname(p).split("/"), ...m[1].replace(/\\/g, "/").split("/")]);
        const owner = ownerDir(target);
        if (owner !== null) out.add(owner);
      }
    }
    const pom = snapshot.text(at("pom.xml"));
    if (pom) {
      const body = pom.replace(/<parent>[\s\S]*?<\/parent>/, "").replace(/<dependencyManagement>[\s\S]*?<\/dependencyManagement>/g, "");
      for (const d of body.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
        if (/<scope>\s*test\s*<\/scope>/.test(d[1])) continue;
        const a = /<artifactId>\s*([\w.-]+)\s*<\/artifactId>/.exec(d[1]);
        const target = a && byMavenId.get(a[1]);
        if (target) out.add(target);
      }
    }
    for (const g of ["build.gradle", "build.gradle.kts"]) {
      const t = snapshot.text(at(g));
      if (!t) continue;
      for (const m of t.matchAll(/^\s*(?:implementation|api|compile|runtimeOnly|compileOnly)\b[^\n]*?project\s*\(\s*(?:path\s*[:=]\s*)?["']:?([\w.:-]+)["']/gm)) {
        const rel = m[1].replace(/:/g, "/");
        const target = units.find((x) => x.path !== u.path && (x.path === rel || x.path.endsWith("/" + rel)));
        if (target) out.add(target.path);
      }
    }
    const pj = snapshot.packageJson(at("package.json"));
    const jsDeps = pj?.dependencies as Record<string, unknown> | undefined;
    if (jsDeps) for (const n of Object.keys(jsDeps)) {
      const target = byPkgName.get(n);
      if (target) out.add(target);
    }
    for (const n of cargoDeps(snapshot.toml(at("Cargo.toml")))) {
      const target = byCrateName.get(n);
      if (target) out.add(target);
    }
    out.delete(u.path);
    deps.set(u.path, out);
  }
  return deps;
}

/**
 * classification v2: a deployable's internal libraries. A unit another unit builds into itself, with no deploy
 * signal of its own (no Dockerfile, Procfile, platform descriptor, listener, web/worker SDK), is a library of that
 * product even when it depends on a web framework (eShopOnWeb's Infrastructure references ASP.NET Core Identity).
 * Every service/worker gets the transitive set of its internal libraries in `links`; the rules of III–XII look at
 * their files too (their config, secrets, storage and migration code runs in its process).
 */
function linkInternalLibraries(snapshot: RepoSnapshot, units: readonly Unit[], dirSet: ReadonlySet<string>): Unit[] {
  if (units.length < 2) return [...units];
  const deps = directUnitDeps(snapshot, units, dirSet);
  const referenced = new Set([...deps.values()].flatMap((s) => [...s]));
  const byPath = new Map(units.map((u) => [u.path, u]));
  const libraryOf = (u: Unit) =>
    referenced.has(u.path) && !u.declared && u.kind !== "static" && !u.signals.some((s) => (s.kind === "service" || s.kind === "worker") && s.deploy !== undefined);
  const reclassified = new Map<string, Unit>();
  for (const u of units) {
    if (libraryOf(u) && u.kind !== "library") {
      reclassified.set(u.path, { ...u, kind: "library", kindConfidence: "medium", ambiguous: false, signals: [...u.signals, { kind: "library", points: 0, reason: "internal library: built into another unit of the repository, no deploy signal of its own" }] });
    }
  }
  const current = (p: string) => reclassified.get(p) ?? byPath.get(p)!;
  const links = new Map<string, string[]>();
  for (const u of units) {
    const cu = current(u.path);
    if (cu.kind !== "service" && cu.kind !== "worker") continue;
    const seen = new Set<string>();
    const stack = [...(deps.get(u.path) ?? [])];
    while (stack.length) {
      const p = stack.pop()!;
      if (seen.has(p) || p === u.path) continue;
      const t = current(p);
      if (t.kind !== "library") continue;
      seen.add(p);
      stack.push(...(deps.get(p) ?? []));
    }
    if (seen.size) links.set(u.path, [...seen].sort());
  }
  const linkedBy = new Map<string, string[]>();
  for (const [d, ls] of links) for (const l of ls) linkedBy.set(l, [...(linkedBy.get(l) ?? []), d]);
  return units.map((u) => {
    const cu = current(u.path);
    const l = links.get(u.path);
    const b = linkedBy.get(u.path);
    return l || b ? { ...cu, ...(l ? { links: l } : {}), ...(b ? { linkedBy: b } : {}) } : cu;
  });
}

/** Lines with a non-whitespace character, counted without splitting (no per-line string garbage on 15k-file repos). */
export function nonBlankLines(t: string): number {
  let n = 0;
  let seen = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 10) {
      if (seen) n++;
      seen = false;
    } else if (!seen && c !== 32 && c !== 9 && c !== 13 && c !== 11 && c !== 12 && c !== 0xa0 && c !== 0xfeff) seen = true;
  }
  return seen ? n + 1 : n;
}

function pseudoUnit(snapshot: RepoSnapshot, kind: UnitKind, conf: Confidence): Unit {
  return {
    path: ".", kind, kindConfidence: conf, ambiguous: false, declared: false, manifests: [],
    languages: [], frameworks: [], signals: [{ kind, points: 0, reason: `no code units; repository looks like ${kind}` }],
    files: snapshot.files.map((f) => f.path), loc: 0,
  };
}

/**
 * Workspace packages a source-less workspace root's Dockerfile (final stage CMD/ENTRYPOINT) or Procfile web
 * process starts by name: `pnpm --filter <pkg>`, `npm … -w <pkg>`/`--workspace=<pkg>`, `yarn workspace <pkg>`,
 * `turbo run … --filter=<pkg>`, also behind a root package.json script (`pnpm run prod` → the root's `prod`).
 */
function workspaceStartTargets(snapshot: RepoSnapshot, ws: string): { name: string; via: string; command: string; path: string; line?: number }[] {
  const prefix = ws === "." ? "" : ws + "/";
  const starts: { via: string; command: string; path: string; line?: number }[] = [];
  const dfPath = snapshot.dockerfilePath(ws);
  const df = snapshot.dockerfile(dfPath);
  const final = df?.stages[df.stages.length - 1];
  const dstart = final ? dockerfileStart(dfPath, final) : null;
  if (dstart) starts.push({ via: "Dockerfile", command: dstart.command, path: dstart.path, line: dstart.line });
  for (const e of snapshot.procfile(prefix + "Procfile") ?? []) if (e.type === "web") starts.push({ via: "Procfile", command: e.command, path: prefix + "Procfile", line: e.line });
  const out: { name: string; via: string; command: string; path: string; line?: number }[] = [];
  for (const st of starts) {
    // expand `npm|pnpm|yarn|bun [run] <script>` through the root package.json's scripts
    const text = expandScriptRefs(snapshot, prefix + "package.json", st.command);
    const re = /\bpnpm\b[^[\]&|;]*?(?:--filter[= ]|-F\s*)["']?([@\w./-]+)|\bnpm\b[^[\]&|;]*?(?:-w|--workspace)[= ]["']?([@\w./-]+)|\byarn\s+workspace\s+["']?([@\w./-]+)|\bturbo\b[^[\]&|;]*?--filter[= ]["']?([@\w./-]+)/g;
    for (const m of text.matchAll(re)) {
      const name = m[1] ?? m[2] ?? m[3] ?? m[4];
      if (name && !/[*{]/.test(name)) out.push({ name: name.replace(/^\.\//, ""), ...st });
    }
  }
  return out;
}

/** The executable a workspace root's image starts, when its final stage also exposes a port (EXPOSE or a bind address). */
function rootImageBinary(snapshot: RepoSnapshot, ws: string): { name: string; path: string; line?: number } | null {
  const dfPath = snapshot.dockerfilePath(ws);
  const df = snapshot.dockerfile(dfPath);
  const final = df?.stages[df.stages.length - 1];
  if (!final) return null;
  const exposes = final.instructions.some((i) => i.keyword === "EXPOSE" || ((i.keyword === "CMD" || i.keyword === "ENTRYPOINT") && BIND_ADDRESS_RE.test(i.args)));
  const start = exposes ? dockerfileStart(dfPath, final) : null;
  // the program each command runs once launchers are stripped (exec, env, tini --, gosu user …); a shell is looked through
  const name = (start?.commands ?? []).map((c) => unwrapArgv(c.argv)[0] ?? "").find((prog) => prog && !/^(sh|bash|ash|dash|zsh)$/.test(prog)) ?? "";
  return name && /^[\w.-]+$/.test(name) ? { name, path: start!.path, line: start!.line } : null;
}

/** Names under which a unit's binary is installed: its Cargo package and [[bin]] names, its directory name. */
function unitBinaryNames(snapshot: RepoSnapshot, dir: string): Set<string> {
  const names = new Set<string>([basename(dir)]);
  const cargo = snapshot.toml(`${dir}/Cargo.toml`);
  const pkgName = (cargo?.package as Record<string, unknown> | undefined)?.name;
  if (typeof pkgName === "string") names.add(pkgName);
  const bins = cargo?.bin;
  if (Array.isArray(bins)) for (const b of bins) if (b && typeof (b as Record<string, unknown>).name === "string") names.add((b as Record<string, unknown>).name as string);
  return names;
}

function buildUnit(snapshot: RepoSnapshot, dir: string, own: FileEntry[], declared: readonly DeclaredUnit[], inWorkspace: boolean, rootStart?: KindSignal): Unit {
  const prefix = dir === "." ? "" : dir + "/";
  const manifests = own.filter((f) => dirname(f.path) === dir && (isManifestPath(f.path) || DOCKERFILE_NAME_RE.test(basename(f.path)))).map((f) => f.path);
  const manifestViews = own.filter((f) => isManifestPath(f.path) && f.role !== "vendor" && f.role !== "test" && f.role !== "example").map((f) => snapshot.manifest(f.path)).filter((m) => !!m);
  const frameworks = detectFrameworks(manifestViews, (p) => snapshot.text(p));
  const langCount = new Map<Language, number>();
  let loc = 0;
  for (const f of own) {
    if (f.role !== "source" || !f.language || !SOURCE_LANGUAGES.has(f.language)) continue;
    langCount.set(f.language, (langCount.get(f.language) ?? 0) + 1);
    const t = snapshot.text(f.path);
    if (t) loc += nonBlankLines(t);
  }
  const languages = [...langCount.entries()].sort((a, b) => b[1] - a[1]).map(([l]) => l);
  // a unit the workspace root starts as a server (classification v4/v7) is not a command-line tool because its own
  // files show no listener: the root's start command says it serves
  const signals = kindSignals(snapshot, dir, prefix, own, frameworks).filter((x) => !(rootStart?.kind === "service" && x.kind === "cli" && /without a listener/.test(x.reason)));
  if (rootStart) signals.push(rootStart);
  const decl = declared.find((d) => (d.path.replace(/^\.\//, "").replace(/\/$/, "") || ".") === dir);
  const totals = new Map<UnitKind, number>();
  for (const s of signals) totals.set(s.kind, (totals.get(s.kind) ?? 0) + s.points);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  const [top, second] = [ranked[0], ranked[1]];
  let kind: UnitKind;
  let conf: Confidence;
  let ambiguous = false;
  if (decl) {
    kind = decl.kind;
    conf = "high";
  } else if (top && top[1] >= 3 && (!second || top[1] - second[1] >= 2)) {
    kind = top[0];
    conf = top[1] - (second?.[1] ?? 0) >= 4 ? "high" : "medium";
  } else if (dir !== "." && inWorkspace && signals.every((x) => x.kind === "library")) {
    // a workspace package with no deploy, server, publish or CLI signal is an internal library, and so is one
    // whose only (weak) signals say library (xxl-job-core: a Maven jar module without the Boot plugin)
    kind = "library";
    conf = "low";
    ambiguous = true;
  } else {
    // ambiguous: scored as a service for applicability (RULES.md §2.2)
    kind = top && top[1] >= 3 && second && top[0] !== "service" && second[0] !== "service" ? top[0] : "service";
    conf = "low";
    ambiguous = true;
  }
  return { path: dir, kind, kindConfidence: conf, ambiguous, declared: !!decl, manifests, languages, frameworks, signals, files: own.map((f) => f.path), loc };
}

/** A start command that runs a test suite: a test-runner image (go test, npm test, pytest, test/runner.rb…). */
const TEST_RUNNER_START_RE = /(^|[\s'"\/])(tests?|spec)\/[\w.\/-]*\.(rb|py|js|ts|sh)\b|\b(go|cargo|npm|yarn|pnpm|bun|dotnet|mix|make)\s+(run\s+)?test\b|\b(pytest|rspec|phpunit|tox)\b/;
/** man/man1/x.1, man1/x.1.gz, docs/x.1.md: a manual page for a user command. */
const MAN1_RE = /(^|\/)man1?\/(man1\/)?[\w.-]+\.1(\.(gz|md|ronn|in))?$|(^|\/)docs?\/[\w.-]+\.1(\.(md|ronn|txt))?$/;

/** The package's bin when it is a shell control script with `start)`/`stop)` case arms and a pid file (an init.d-style daemon wrapper). */
function daemonControlBin(snapshot: RepoSnapshot, at: (name: string) => string, bin: unknown): string | null {
  const targets = typeof bin === "string" ? [bin] : bin && typeof bin === "object" ? Object.values(bin as Record<string, unknown>).filter((v): v is string => typeof v === "string") : [];
  for (const t of targets) {
    const p = at(t.replace(/^\.\//, ""));
    if (!/\.(sh|bash)$/.test(p)) continue;
    const text = snapshot.text(p) ?? "";
    if (/^\s*["']?start["']?\)/m.test(text) && /^\s*["']?stop["']?\)/m.test(text) && /\bpid_?file\b|\.pid\b/i.test(text)) return p;
  }
  return null;
}

/** A package.json whose only module API is npm init's default `"main": "index.js"`, naming a file that does not exist. */
function npmInitMain(snapshot: RepoSnapshot, at: (name: string) => string, pj: NonNullable<ReturnType<RepoSnapshot["packageJson"]>>): boolean {
  if (pj.exports || pj.module || pj.types || (pj as { typings?: unknown }).typings || Array.isArray(pj.files) || pj.bin) return false;
  return typeof pj.main === "string" && /^(\.\/)?index\.js$/.test(pj.main) && !snapshot.has(at("index.js"));
}

function kindSignals(snapshot: RepoSnapshot, dir: string, prefix: string, own: FileEntry[], frameworks: Unit["frameworks"]): KindSignal[] {
  const s: KindSignal[] = [];
  const add = (kind: UnitKind, points: number, reason: string, path?: string, line?: number, deploy?: KindSignal["deploy"]) => s.push({ kind, points, reason, ...(path ? { path } : {}), ...(line ? { line } : {}), ...(deploy ? { deploy } : {}) });
  const at = (name: string) => prefix + name;
  const ownSet = new Set(own.map((f) => f.path));

  // Platform descriptors
  const procfile = snapshot.procfile(at("Procfile"));
  if (procfile?.length) {
    const web = procfile.find((e) => e.type === "web");
    if (web) add("service", 4, "Procfile declares a web process", at("Procfile"), web.line, "descriptor");
    else add("worker", 4, "Procfile declares only non-web processes", at("Procfile"), procfile[0].line, "descriptor");
  }
  const fly = snapshot.toml(at("fly.toml"));
  if (fly) {
    if (fly.http_service || fly.services) add("service", 4, "fly.toml exposes an HTTP service", at("fly.toml"), undefined, "descriptor");
    else add("worker", 3, "fly.toml without [http_service]", at("fly.toml"), undefined, "descriptor");
  }
  const render = snapshot.yaml(at("render.yaml"))?.[0]?.data as { services?: { type?: string }[] } | undefined;
  if (render?.services?.length) {
    if (render.services.some((x) => x.type === "web")) add("service", 4, "render.yaml has a web service", at("render.yaml"), undefined, "descriptor");
    else if (render.services.some((x) => x.type === "worker" || x.type === "cron")) add("worker", 4, "render.yaml has worker/cron services only", at("render.yaml"), undefined, "descriptor");
    else if (render.services.some((x) => x.type === "static")) add("static", 4, "render.yaml static site", at("render.yaml"), undefined, "descriptor");
  }
  if (ownSet.has(at("app.json")) && snapshot.json(at("app.json"))) add("service", 2, "Heroku app.json", at("app.json"), undefined, "descriptor");
  if (ownSet.has(at("app.yaml")) && /^\s*runtime:/m.test(snapshot.text(at("app.yaml")) ?? "")) add("service", 4, "App Engine app.yaml", at("app.yaml"), undefined, "descriptor");

  // Dockerfile
  // classification v9: the image may be built from a conventional docker/ directory of the unit (zigbee2mqtt's
  // docker/Dockerfile runs `node index.js`) when there is none at the unit's root
  const rootDf = snapshot.dockerfilePath(dir);
  const found: { path: string; model: DockerfileModel } | undefined =
    [rootDf, at("Containerfile"), ...["docker/Dockerfile", ".docker/Dockerfile", "build/Dockerfile", "deploy/Dockerfile"].map(at).filter((p) => ownSet.has(p))]
      .map((p) => ({ path: p, model: snapshot.dockerfile(p) }))
      .find((x): x is { path: string; model: DockerfileModel } => x.model !== undefined) ??
    composeBuiltDockerfile(snapshot, dir, ownSet) ?? commandBuiltDockerfile(snapshot, dir, ownSet);
  const dockerfile = found?.model;
  const dfPath = found?.path ?? rootDf;
  const webFw = frameworks.filter((f) => f.role === "web");
  const workerFw = frameworks.filter((f) => f.role === "worker");
  if (dockerfile) {
    const final = dockerfile.stages[dockerfile.stages.length - 1];
    const hasCmd = final?.instructions.some((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT");
    // session 10: a start command that binds an address (`CMD ["--hosts", "0.0.0.0:5232"]`, `--bind [::]:8000`) says
    // the same as EXPOSE: the image runs a process that listens
    const expose = final?.instructions.some((i) => i.keyword === "EXPOSE") ||
      (final?.instructions.some((i) => (i.keyword === "CMD" || i.keyword === "ENTRYPOINT") && BIND_ADDRESS_RE.test(i.args)) ?? false);
    const nginx = final && /^(nginx|httpd|caddy)(:|$)/.test(final.from.resolved ?? "");
    const start = final?.instructions.filter((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT").map((i) => i.args).join(" ") ?? "";
    // an image whose start command runs the test suite is a test harness, not a deployable (fzf: tmux + test/runner.rb)
    if (hasCmd && TEST_RUNNER_START_RE.test(start)) {
      /* no kind evidence */
    } else if (nginx && !webFw.length) add("static", 3, "Dockerfile serves files with a web server image", dfPath, final.from.line, "descriptor");
    else if (hasCmd && (expose || webFw.length)) add("service", 3, "Dockerfile starts a process that exposes a port", dfPath, undefined, "descriptor");
    else if (hasCmd && workerFw.length) add("worker", 3, "Dockerfile starts a queue consumer", dfPath, undefined, "descriptor");
    else if (hasCmd) add("service", 2, "Dockerfile with CMD/ENTRYPOINT", dfPath, undefined, "descriptor");
    else add("service", 1, "Dockerfile", dfPath, undefined, "descriptor");
  }

  // classification v5: systemd service units shipped with the app (contrib/netbox.service `ExecStart=…/gunicorn …`) are
  // how it is deployed on a host: a long-running web server or queue consumer started by the init system
  const systemdExecs = own.filter((f) => /\.service$/.test(f.path) && f.role !== "test")
    .map((f) => ({ path: f.path, t: snapshot.text(f.path) ?? "" }))
    .filter((x) => /^\s*\[Service\]/m.test(x.t))
    .map((x) => ({ path: x.path, exec: /^\s*ExecStart\s*=\s*(.+)$/m.exec(x.t)?.[1] ?? "" }));
  const systemdServer = systemdExecs.find((x) => /\b(gunicorn|uwsgi|uvicorn|hypercorn|daphne|puma|unicorn|passenger|php-fpm|java\s+-jar|node|bun|deno|dotnet)\b|\b(runserver|serve|server|web)\b/.test(x.exec));
  const systemdWorker = systemdExecs.find((x) => /\b(celery|rqworker|sidekiq|worker)\b/.test(x.exec));
  if (systemdServer) add("service", 3, `systemd unit ${basename(systemdServer.path)} runs a server`, systemdServer.path, undefined, "descriptor");
  else if (systemdWorker) add("worker", 3, `systemd unit ${basename(systemdWorker.path)} runs a worker`, systemdWorker.path, undefined, "descriptor");

  // Server entrypoint in code
  let listener: { path: string; line: number } | null = null;
  for (const f of own) {
    if (f.role !== "source" || !f.language) continue;
    if (f.language === "javascript" || f.language === "typescript") {
      const l = jsListenersIn(snapshot, f.path)[0];
      if (l) {
        listener = { path: f.path, line: l.call.line };
        break;
      }
    } else {
      const re = TOKEN_LISTENERS[f.language];
      if (!re) continue;
      const tok = snapshot.tokens(f.path);
      if (!tok) continue;
      // classification v5: a profiling/debug endpoint on a loopback address (`if cliArgs.Profile { go
      // http.ListenAndServe("localhost:6060", nil) }`, net/http/pprof) serves the developer, not users: it does not
      // make a command-line tool a service (accuracy bench session8b: lazygit, a TUI, was classified as a service)
      const g = new RegExp(re.source, "g");
      let m: RegExpExecArray | null;
      let hit: RegExpExecArray | null = null;
      while ((m = g.exec(tok.code))) {
        // …and code inside a string literal (a Go raw string holding a generated program: lazygit's integration
        // fixtures) is not the unit's code
        const inString = tok.bare[m.index] !== tok.code[m.index];
        if (!inString && !isDebugListener(tok.code, m.index)) {
          hit = m;
          break;
        }
        if (m[0].length === 0) g.lastIndex++;
      }
      if (hit) {
        listener = { path: f.path, line: tok.lineAt(hit.index) };
        break;
      }
      // session 12: a JVM main class that starts Jetty/Undertow/embedded Tomcat itself (gitbucket's JettyLauncher)
      const jvm = f.language === "java" || f.language === "kotlin" || f.language === "scala" ? jvmEmbeddedServerStart(tok.code) : null;
      if (jvm) {
        listener = { path: f.path, line: tok.lineAt(jvm.index) };
        break;
      }
    }
  }
  if (!listener) {
    for (const name of ["manage.py", "wsgi.py", "asgi.py", "config.ru", "artisan"]) {
      // wsgi.py/asgi.py is a server entrypoint when it exposes the callable a WSGI/ASGI server loads (Django's
      // `application = get_wsgi_application()`, `app = create_app()`); a module that merely has the name (httpx's
      // `_transports/wsgi.py`, a client transport that calls WSGI apps) is not
      const hit = own.find((f) => basename(f.path) === name && f.role === "source" &&
        (!/^(wsgi|asgi)\.py$/.test(name) || /^(application|app)\s*[:=]/m.test(snapshot.text(f.path) ?? "")));
      if (hit) {
        listener = { path: hit.path, line: 1 };
        break;
      }
    }
  }
  // classification v8 (accuracy bench session12a: indico, a Flask application installed from PyPI and served by uWSGI
  // per its production guide, was a library with IV–XII na): a `.wsgi` file — the mod_wsgi/uWSGI script convention —
  // that binds the WSGI callable (`application = make_app()`) exists only for a WSGI server to load in deployment: it
  // says the package is served, whatever else (a publish workflow, console scripts) it has
  const wsgiScript = own.find((f) => f.role === "source" && /\.wsgi$/.test(f.path) && /^application\s*=/m.test(snapshot.text(f.path) ?? ""));
  // classification v12 (session 18, after looking at session20c: ckan ships ckan-uwsgi.ini, `[uwsgi]` with `http =` and
  // `module = wsgi:application`): a uWSGI or gunicorn configuration at the unit's root is how the application is
  // served in deployment, like a .wsgi script
  const serverConfig = own.find((f) => dirname(f.path) === dir && ((/\.ini$/.test(f.path) && /^\s*\[uwsgi\]/m.test(snapshot.text(f.path) ?? "") && /^\s*(wsgi-file|module|mount|http|http-socket|socket)\s*=/m.test(snapshot.text(f.path) ?? "")) ||
    (/(^|\/)gunicorn[._-]?(conf|config)\w*\.py$/.test(f.path) && /^\s*(bind|workers|wsgi_app)\s*=/m.test(snapshot.text(f.path) ?? ""))));
  if (serverConfig) add("service", 3, `${/\.ini$/.test(serverConfig.path) ? "uWSGI" : "gunicorn"} configuration serves the application`, serverConfig.path, undefined, "descriptor");
  if (wsgiScript) add("service", 3, "WSGI application script (mod_wsgi/uWSGI convention)", wsgiScript.path, (snapshot.text(wsgiScript.path) ?? "").split("\n").findIndex((l) => /^application\s*=/.test(l)) + 1, "descriptor");
  if (listener) add("service", 3, "server entrypoint in code", listener.path, listener.line, "entrypoint");
  else if (webFw.some((f) => ["next", "nuxt", "remix", "sveltekit", "django", "rails", "laravel", "spring-boot", "aspnetcore", "symfony", "quarkus", "micronaut", "phoenix", "play"].includes(f.id))) {
    add("service", 3, `web framework ${webFw[0].id} serves requests`, webFw[0].path);
  } else if (webFw.length) add("service", 1, `web framework dependency ${webFw[0].id}`, webFw[0].path);
  if (workerFw.length && !listener) add("worker", 2, `queue consumer dependency ${workerFw[0].id} and no listener`, workerFw[0].path);

  // Library signals
  const pj = snapshot.packageJson(at("package.json"));
  let npmServer = false;
  if (pj) {
    // `npm init` writes "main": "index.js" into every app: with a web framework and a listener in code the
    // field is weak evidence of a library (nestjs-realworld-example-app was ambiguous because of it)
    const appLike = !!listener && webFw.length > 0;
    // classification v2: a package whose `bin` starts a long-running web server (a listener and a web framework in
    // its code) and that exposes no module API (no main/exports/module/types) is an application distributed
    // through npm — `npm i -g x && x start` — not a library: publishing is how it ships (accuracy bench
    // session5z: thelounge, judged a service, was a library with IV–XII na)
    npmServer = !!pj.bin && appLike && !pj.main && !pj.exports && !pj.module && !pj.types;
    if (npmServer) add("service", 3, "package bin starts a long-running web server (listener and web framework, no module API): an application distributed through npm", at("package.json"));
    // classification v10 (session 16: hortusfox-web, a PHP app whose package.json only builds its front-end assets): the
    // `"main": "index.js"` that `npm init` writes, naming a file the repository does not have, with no other module API
    // (exports/module/types/files), publishes nothing
    else if (npmInitMain(snapshot, at, pj)) { /* no library evidence */ }
    else if (pj.private !== true && (pj.main || pj.exports || pj.module || pj.types)) add("library", appLike && !pj.exports && !pj.types && !pj.module ? 1 : 3, "publishable package.json (main/exports, not private)", at("package.json"));
    // classification v12 (session 18, after looking at session20c: ckan, a Flask application whose package.json only
    // builds its front-end assets, was a library): `"keywords": []` is what `npm init` writes into every package.json;
    // only keywords someone filled in say the package is meant for a registry
    else if (pj.private !== true && pj.version && (Array.isArray(pj.files) || (Array.isArray(pj.keywords) && pj.keywords.length > 0) || pj.publishConfig)) add("library", 3, "publishable package.json (files/keywords, not private)", at("package.json"));
    if (pj.peerDependencies && Object.keys(pj.peerDependencies).length) add("library", 1, "peerDependencies", at("package.json"));
    // classification v10 (accuracy bench session9a: Cronicle, `"bin": "bin/control.sh"`, human service / scanner cli): a
    // bin that is an init-style control script — `start)` and `stop)` arms around a pid file — runs the package as a
    // background daemon; it is how the service is operated, not a command-line tool
    const daemonCtl = daemonControlBin(snapshot, at, pj.bin);
    if (daemonCtl) add("service", 3, "package.json bin is a daemon control script (start/stop with a pid file)", daemonCtl);
    else if (pj.bin) add("cli", 3, "package.json bin", at("package.json"));
  }
  const pyproject = snapshot.toml(at("pyproject.toml"));
  if (pyproject) {
    const project = pyproject.project as Record<string, unknown> | undefined;
    const poetry = (pyproject.tool as Record<string, unknown> | undefined)?.poetry as Record<string, unknown> | undefined;
    if (pyproject["build-system"] && (project || poetry) && !(poetry && poetry["package-mode"] === false)) {
      // uv/poetry apps declare a build-system too: weak evidence when the project depends on a web framework
      add("library", webFw.length || workerFw.length ? 1 : 3, "pyproject [build-system] + [project]", at("pyproject.toml"));
    }
    if (project?.scripts || poetry?.scripts) add("cli", 3, "pyproject console scripts", at("pyproject.toml"));
  }
  // setuptools projects without [project] in pyproject declare their commands in setup.cfg / setup.py (httpie)
  const setupCfg = ownSet.has(at("setup.cfg")) ? snapshot.text(at("setup.cfg")) ?? "" : "";
  const setupPy = ownSet.has(at("setup.py")) ? snapshot.text(at("setup.py")) ?? "" : "";
  if (!(pyproject?.project as Record<string, unknown> | undefined)?.scripts) {
    if (/^\[options\.entry_points\][^[]*^\s*console_scripts\s*=/m.test(setupCfg)) add("cli", 3, "setup.cfg console_scripts", at("setup.cfg"));
    else if (/\bentry_points\s*=[\s\S]{0,600}?['"]console_scripts['"]/.test(setupPy)) add("cli", 3, "setup.py console_scripts", at("setup.py"));
  }
  // classification v10 (session 17: archivy, a Flask app installed from PyPI whose `archivy run` serves it, human service
  // / scanner cli): a command group built on flask.cli.FlaskGroup is the app's own `flask`-style command line — its
  // `run` subcommand serves the web app, so the console script is how the service starts
  const flaskGroup = webFw.some((f) => f.id === "flask") ? own.find((f) => f.language === "python" && f.role === "source" && /\bfrom\s+flask\.cli\s+import\b[^\n]*\bFlaskGroup\b|\bflask\.cli\.FlaskGroup\b/.test(snapshot.text(f.path) ?? "")) : undefined;
  if (flaskGroup) add("service", 3, "console script is a FlaskGroup (its `run` command serves the app)", flaskGroup.path, undefined, "entrypoint");
  if (own.some((f) => f.path.endsWith(".gemspec") && dirname(f.path) === dir)) add("library", 3, "gemspec", own.find((f) => f.path.endsWith(".gemspec"))!.path);
  const composer = snapshot.json(at("composer.json")) as Record<string, unknown> | undefined;
  if (composer?.type === "library") add("library", 3, "composer type library", at("composer.json"));
  // session 20 (matomo: composer type "project", a root index.php front controller and no Dockerfile; it was a
  // library on its publishable front-end package.json): a PHP front controller at the unit root, outside a composer
  // library, is the docroot of a web application served by Apache/nginx+PHP-FPM. A public/index.php alone is not
  // (a framework skeleton's composer project without a deployable descriptor stays undecided: hortusfox-web)
  const phpFront = composer?.type !== "library" ? [at("index.php")].find((p) => ownSet.has(p)) : undefined;
  if (phpFront && ownSet.has(at("composer.json"))) add("service", composer?.type === "project" ? 4 : 3, `PHP front controller ${phpFront.slice(prefix.length)} served by a web server`, phpFront, undefined, "entrypoint");
  for (const f of own.filter((x) => /\.(csproj|fsproj)$/.test(x.path) && dirname(x.path) === dir)) {
    const t = snapshot.text(f.path) ?? "";
    if (/<OutputType>\s*Library|<IsPackable>\s*true|<PackageId>/i.test(t) && !/Sdk="Microsoft\.NET\.Sdk\.Web"/.test(t)) add("library", 3, "packable .NET project", f.path);
    if (/<OutputType>\s*Exe/i.test(t) && !/Sdk="Microsoft\.NET\.Sdk\.(Web|Worker)"/.test(t)) add("cli", 1, ".NET console app", f.path);
    // the project SDK says what the build produces: an ASP.NET Core web host or a worker-service host
    if (/<Project\s+Sdk="Microsoft\.NET\.Sdk\.Web"/.test(t)) add("service", 3, "ASP.NET Core web project (Microsoft.NET.Sdk.Web)", f.path, undefined, "entrypoint");
    else if (/<Project\s+Sdk="Microsoft\.NET\.Sdk\.Worker"/.test(t)) add("worker", 3, ".NET worker service project (Microsoft.NET.Sdk.Worker)", f.path, undefined, "entrypoint");
  }
  if (snapshot.has(at("go.mod"))) {
    const goFiles = own.filter((f) => f.language === "go" && f.role === "source");
    // classification v9: a `package main` under .github/ (workflow generators, CI helpers) is repository tooling, not the
    // unit's program (headscale: .github/workflows/gh-action-integration-generator.go made a server a CLI)
    const mains = goFiles.filter((f) => !/(^|\/)\.github\//.test(f.path) && /^package\s+main\b/m.test(snapshot.text(f.path) ?? ""));
    if (goFiles.length && mains.length === 0) add("library", 3, "Go module without package main", at("go.mod"));
    else if (mains.length && !listener) add("cli", 2, "Go package main without a listener", mains[0].path);
  }
  const pom = snapshot.text(at("pom.xml"));
  // classification v7 (session 11: dotenv-java, a library with no signal at all, was judged as an ambiguous service): a
  // pom without <packaging> builds a jar too (Maven's default), and a jar with no main class that is deployed to a
  // Maven repository (distributionManagement, a signing or Central publishing plugin) is a published library
  const mavenJar = !!pom && !/spring-boot-maven-plugin/.test(pom) && (/<packaging>\s*jar\s*<\/packaging>/.test(pom) || !/<packaging>/.test(pom)) && !/<mainClass>|<Main-Class>/.test(pom);
  if (pom && mavenJar && !listener) {
    const published = /<distributionManagement>|maven-gpg-plugin|central-publishing-maven-plugin|nexus-staging-maven-plugin/.test(pom);
    add("library", published ? 3 : 2, published ? "Maven jar published to a repository (distributionManagement / signing / Central publishing), no main class" : "Maven jar without spring-boot-maven-plugin", at("pom.xml"));
  }
  // classification v10 (session 17: killbill's profiles/killbill, `<packaging>war</packaging>`, human service / scanner
  // library): a WAR is a web application packaged for a servlet container — deployable, whatever VII makes of the
  // container it needs
  if (pom && /<packaging>\s*war\s*<\/packaging>/.test(pom) && !listener) add("service", 3, "Maven WAR packaging: a web application deployed to a servlet container", at("pom.xml"), undefined, "descriptor");
  // classification v8 (session 12, sbt support): an sbt build published to a Maven repository (publishTo, Sonatype,
  // sbt-ci-release) that packages no application (no main class, no assembly/native-packager/docker/war plugin) is a
  // published library, like the Maven jar of v7
  const sbtBuild = ownSet.has(at("build.sbt")) ? snapshot.text(at("build.sbt")) ?? "" : "";
  if (sbtBuild && !listener) {
    const meta = own.filter((f) => dirname(f.path) === at("project").replace(/\/$/, "") && /\.(sbt|scala)$/.test(f.path)).map((f) => snapshot.text(f.path) ?? "").join("\n");
    const published = /\bpublishTo\b|\bsonatype\w*|sbt-ci-release|sbt-sonatype|\bpublishMavenStyle\b/.test(sbtBuild + meta);
    const app = /\bmainClass\b|Package\.MainClass|\b(JavaAppPackaging|JavaServerAppPackaging|DockerPlugin|GraalVMNativeImagePlugin|Play\w+|WarPlugin|JettyPlugin|TomcatPlugin)\b|sbt-assembly|sbt-native-packager|sbt-docker|sbt-revolver|xsbt-web-plugin/.test(sbtBuild + meta);
    if (published && !app) add("library", 3, "sbt build published to a repository (publishTo / Sonatype / sbt-ci-release), no main class or app packaging", at("build.sbt"));
  }
  const cargo = snapshot.toml(at("Cargo.toml"));
  const rustBinTarget = !!cargo && (!!cargo.bin || own.some((f) => /^src\/(main\.rs|bin\/[^/]+\.rs|bin\/[^/]+\/main\.rs)$/.test(f.path.slice(prefix.length))));
  // classification v6 (after looking at session9a: lemmy's workspace crates `routes`, `utils`, `apub/send` hold the
  // server's listener code and were scored as services): a crate with only a library target (`[lib]` or src/lib.rs, no
  // src/main.rs, src/bin/ or [[bin]]) cannot be run on its own — whatever listens in it runs in the binary that links it
  if (cargo && !rustBinTarget && (cargo.lib || own.some((f) => f.path.slice(prefix.length) === "src/lib.rs"))) add("library", listener ? 5 : 3, listener ? "Rust library crate (no binary target: its listener runs in the binary that links it)" : "Cargo [lib]", at("Cargo.toml"));
  // classification v3: a Rust binary crate ([[bin]] or src/main.rs) that never binds a listener is a command-line
  // tool, as a Go package main without one is (session6z: bat, a clap CLI with no other signal, fell through to
  // the ambiguous default and was judged as a service)
  else if (rustBinTarget && !listener) add("cli", 2, "Rust binary crate without a listener", at("Cargo.toml"));

  // Publish workflows (repo-level, count for units when single-unit or when the command mentions the dir)
  for (const wf of snapshot.workflows()) {
    const t = snapshot.text(wf.path) ?? "";
    if (/\bnpm publish\b|pypa\/gh-action-pypi-publish|twine upload|\bgem push\b|dotnet nuget push|\bmvn\b[^\n]*\bdeploy\b|cargo publish|changeset(s)? publish|\bpnpm publish\b|\byarn npm publish\b|\buv publish\b|\bpoetry publish\b/.test(t)) {
      if ((dir === "." || t.includes(dir)) && !npmServer) {
        add("library", 3, "publish workflow", wf.path);
        break;
      }
    }
  }
  // classification v9: goreleaser also releases servers — a config that builds container images (`dockers:`, `kos:`) or
  // packages a systemd unit is a server's release, not a command-line tool's (headscale)
  const goreleaser = own.find((f) => /^\.goreleaser\.ya?ml$/.test(basename(f.path)));
  if (goreleaser) {
    const t = snapshot.text(goreleaser.path) ?? "";
    if (!/^(dockers|kos|docker_manifests)\s*:/m.test(t) && !/\.service\b/.test(t)) add("cli", 3, "goreleaser config");
  }
  // a section-1 manual page documents a user command (man/man1/tool.1, docs/tool.1.md)
  const manPage = own.find((f) => MAN1_RE.test(f.path.slice(prefix.length)));
  if (manPage) add("cli", 2, "section-1 man page", manPage.path);
  const cliFw = frameworks.filter((f) => f.role === "cli");
  if (cliFw.length && !listener) add("cli", 2, `CLI toolkit ${cliFw[0].id}`, cliFw[0].path);

  // classification v6: what the unit's README tells people to run (a container with a published port, a command
  // installed with brew/cargo/go install, the package imported in an example) — see classify/readme.ts
  const readme = own.find((f) => dirname(f.path) === dir && /^readme(\.(md|markdown|rst|txt))?$/i.test(basename(f.path)));
  if (readme) {
    const text = snapshot.text(readme.path);
    if (text) {
      const names = unitNames(snapshot, dir, prefix);
      // an installed command that serves (a listener in the unit's code: `npm i -g x && x start`) is an application
      // distributed through a package manager, not a command-line tool
      for (const r of readmeKindSignals(text, names)) if (!(r.kind === "cli" && listener)) add(r.kind, 2, r.reason, readme.path, r.line);
    }
  }

  // Static sites
  const staticMarkers = ["hugo.toml", "hugo.yaml", "_config.yml", "mkdocs.yml", "docusaurus.config.js", "docusaurus.config.ts", "gatsby-config.js", "gatsby-config.ts", ".vitepress/config.ts", ".vitepress/config.js", "astro.config.mjs", "astro.config.ts", ".eleventy.js", "eleventy.config.js"];
  for (const m of staticMarkers) {
    if (ownSet.has(at(m))) {
      // classification v5: a documentation generator (mkdocs, Docusaurus, VitePress, Jekyll) next to server code documents
      // the app; it is not what the unit is (accuracy bench session8a: netbox's mkdocs.yml outweighed its Django project)
      const docsOfApp = DOCS_GENERATOR_MARKERS.has(m) && (!!listener || webFw.length > 0);
      add("static", docsOfApp ? 1 : 4, `static site generator config ${m}${docsOfApp ? " (documentation of the app)" : ""}`, at(m), undefined, docsOfApp ? undefined : "descriptor");
      break;
    }
  }
  const nextConfig = own.find((f) => /^next\.config\.[cm]?[jt]s$/.test(basename(f.path)) && dirname(f.path) === dir);
  if (nextConfig && /output\s*:\s*['"]export['"]/.test(snapshot.text(nextConfig.path) ?? "")) add("static", 5, "next.config output: 'export'", nextConfig.path, undefined, "descriptor");
  const staticFw = frameworks.filter((f) => f.role === "static");
  if (staticFw.length && !listener && !webFw.length) add("static", 3, `SPA/SSG build tool ${staticFw[0].id} without server code`, staticFw[0].path);
  return s;
}

/** The unit's own names: its directory (or the repository's), and the names its manifests publish it under. */
function unitNames(snapshot: RepoSnapshot, dir: string, prefix: string): string[] {
  const names = [basename(dir === "." ? snapshot.root.replace(/\/+$/, "") : dir)];
  const pj = snapshot.packageJson(prefix + "package.json");
  if (typeof pj?.name === "string") names.push(pj.name, pj.name.replace(/^@[^/]+\//, ""));
  if (pj?.bin && typeof pj.bin === "object") names.push(...Object.keys(pj.bin));
  const py = snapshot.toml(prefix + "pyproject.toml") as { project?: { name?: unknown }; tool?: { poetry?: { name?: unknown } } } | undefined;
  for (const n of [py?.project?.name, py?.tool?.poetry?.name]) if (typeof n === "string") names.push(n, n.replace(/-/g, "_"));
  const cargo = snapshot.toml(prefix + "Cargo.toml") as { package?: { name?: unknown }; bin?: { name?: unknown }[] } | undefined;
  if (typeof cargo?.package?.name === "string") names.push(cargo.package.name);
  for (const b of Array.isArray(cargo?.bin) ? cargo.bin : []) if (typeof b?.name === "string") names.push(b.name);
  const mod = /^module\s+(\S+)/m.exec(snapshot.text(prefix + "go.mod") ?? "")?.[1];
  if (mod) names.push(mod, mod.replace(/\/v\d+$/, "").split("/").pop()!);
  return [...new Set(names.filter(Boolean))];
}

/** Files a unit-scoped rule looks at: the unit's own files plus files that belong to no unit (root CI, deploy/). */
export function unitScopeFiles(snapshot: RepoSnapshot, unit: Unit, withLinks = false): FileEntry[] {
  const own = new Set(unit.files);
  const links = withLinks && unit.links?.length ? new Set(unit.links) : null;
  return snapshot.files.filter((f) => {
    if (own.has(f.path)) return true;
    const owner = snapshot.unitOf(f.path);
    return owner === undefined || (links !== null && links.has(owner.path));
  });
}

/**
 * Classification v11 (session 17, after looking at session18b: papermerge-core keeps its images in docker/standard/ and
 * docker/oidc/, and docker/standard/docker-compose.yml builds `{ context: ../.., dockerfile: docker/standard/Dockerfile }`):
 * the Dockerfile that a compose file builds with the unit's own directory as its context is the unit's image, wherever
 * the Dockerfile sits (not a development or test Dockerfile).
 */
const DEV_DOCKERFILE_RE = /(^|\/)(dev|devel|development|test|tests|ci|\.devcontainer)\/|(^|[./_-])(dev|devel|development|test|ci|devcontainer)([./_-]|$)[^/]*$/i;

/**
 * The unit's image among the Dockerfiles built with `context` (resolved against `base`) and `file` (`-f`, compose
 * `dockerfile:`, resolved against `fileBase`): only when the context is the unit's directory and the Dockerfile is one of
 * the unit's files and not a development or test image (Dockerfile.dev, dev/Dockerfile).
 */
function unitImage(snapshot: RepoSnapshot, unitDir: string, ownSet: ReadonlySet<string>, base: string, context: string, file: string | undefined, fileBase: string): { path: string; model: DockerfileModel } | undefined {
  if (/\$\{?|\{\{/.test(context + (file ?? ""))) return undefined;
  const ctx = resolvePath(base, context);
  if (ctx !== unitDir) return undefined;
  const dfPath = file ? resolvePath(fileBase, file) : snapshot.dockerfilePath(ctx);
  const model = ownSet.has(dfPath) && !DEV_DOCKERFILE_RE.test(dfPath) ? snapshot.dockerfile(dfPath) : undefined;
  return model ? { path: dfPath, model } : undefined;
}

function composeBuiltDockerfile(snapshot: RepoSnapshot, dir: string, ownSet: ReadonlySet<string>): { path: string; model: DockerfileModel } | undefined {
  const unitDir = dir === "" ? "." : dir;
  for (const cf of snapshot.composeFiles()) {
    const cfDir = dirname(cf.path);
    // a dev container's compose file (.devcontainer/docker-compose.yml) builds a developer's workstation
    if (!ownSet.has(cf.path) || DEV_DOCKERFILE_RE.test(cfDir === "." ? "" : `${cfDir}/`)) continue;
    for (const s of cf.services) {
      if (!s.build) continue;
      // compose resolves `dockerfile:` against the build context
      const hit = unitImage(snapshot, unitDir, ownSet, cfDir, s.build.context, s.build.dockerfile ?? undefined, resolvePath(cfDir, s.build.context));
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * Classification v12 (session 18, after looking at session20a: cnpmcore keeps its images in .docker/debian/ and
 * .docker/alpine/, built by its release workflow's `docker/build-push-action` with `context: .` and
 * `file: .docker/debian/Dockerfile`, and by the npm script `docker build -f .docker/debian/Dockerfile .`; with no other
 * deploy signal it was a library with IV–XII na): the Dockerfile that a CI step or a build command builds with the unit's
 * own directory as its context is the unit's image, like the one a compose file builds.
 */
function commandBuiltDockerfile(snapshot: RepoSnapshot, dir: string, ownSet: ReadonlySet<string>): { path: string; model: DockerfileModel } | undefined {
  const unitDir = dir === "" ? "." : dir;
  // `docker build -f FILE CTX` (and podman, buildx): both paths relative to the command's working directory
  const fromCommand = (base: string, text: string) => {
    for (const cmd of parseShell(text)) {
      const argv = unwrapArgv(cmd.argv);
      const prog = (argv[0] ?? "").split("/").pop();
      if (prog !== "docker" && prog !== "podman") continue;
      const args = argv.slice(argv[1] === "buildx" ? 2 : 1);
      if (args[0] !== "build") continue;
      let file: string | undefined;
      const positional: string[] = [];
      for (let i = 1; i < args.length; i++) {
        const t = args[i];
        if (t === "-f" || t === "--file") file = args[++i];
        else if (t.startsWith("--file=")) file = t.slice(7);
        else if (t.startsWith("-")) { if (!t.includes("=") && BUILD_VALUE_FLAG_RE.test(t)) i++; }
        else positional.push(t);
      }
      const hit = file && positional.length === 1 ? unitImage(snapshot, unitDir, ownSet, base, positional[0], file, base) : undefined;
      if (hit) return hit;
    }
    return undefined;
  };
  for (const wf of snapshot.workflows()) {
    for (const job of wf.jobs) {
      for (const step of job.steps) {
        // build-push-action resolves `file:` against the repository, not the context
        const hit = step.uses && /^docker\/build-push-action@/.test(step.uses) && typeof step.with.file === "string"
          ? unitImage(snapshot, unitDir, ownSet, ".", typeof step.with.context === "string" ? step.with.context : ".", step.with.file, ".")
          : step.run ? fromCommand(".", step.run) : undefined;
        if (hit) return hit;
      }
    }
  }
  const pj = snapshot.packageJson(unitDir === "." ? "package.json" : `${unitDir}/package.json`);
  for (const script of Object.values(pj?.scripts ?? {})) {
    const hit = typeof script === "string" ? fromCommand(unitDir, script) : undefined;
    if (hit) return hit;
  }
  for (const mk of [...ownSet].filter((p) => /(^|\/)(Makefile|GNUmakefile|justfile|Taskfile\.ya?ml)$/.test(p))) {
    const hit = fromCommand(dirname(mk), snapshot.text(mk) ?? "");
    if (hit) return hit;
  }
  return undefined;
}
/** `docker build` options that take a value as the next word. */
const BUILD_VALUE_FLAG_RE = /^(-t|--tag|--build-arg|--platform|--target|--label|--secret|--cache-from|--cache-to|-o|--output|--progress|--network|--ssh|--builder)$/;
