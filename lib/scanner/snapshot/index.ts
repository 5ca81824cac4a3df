// The repository snapshot: collected once per scan, shared read-only by every rule.
// All parsed views are memoised (parse on first access). Parse failures never throw: the accessor
// returns undefined and the failure is recorded (reported under `skipped.parseErrors`).
import picomatch from "picomatch";
import ignore, { type Ignore } from "ignore";
import { Project, ts, type SourceFile } from "ts-morph";
import type { FileEntry, ParseErrorRecord, ProgressEvent, ScanLimits, Unit } from "../types.ts";
import { collectInventory, type InventoryResult } from "./inventory.ts";
import {
  HELM_PLACEHOLDER, isFailure, parseDockerfile, parseDotenv, parseJson, parseProcfile, parseToml, parseXml,
  parseYamlDocs, preprocessHelmTemplate, type DockerfileModel, type DotenvEntry, type ProcfileEntry, type YamlDoc,
} from "./parsers.ts";
import { tokenize, tokenizerSupports, type TokenizedFile } from "./tokens.ts";
import { extractJsFacts, type JsFacts } from "./js-facts.ts";
import { isManifestPath, parseManifest, type DependencyManifest } from "./manifests.ts";
import {
  composeView, isComposePath, isHelmTemplatePath, isValuesFile, isWorkflowPath, k8sObjectsOf, parseHcl, workflowView,
  type ComposeFile, type K8sObject, type TfBlock, type Workflow,
} from "./deploy.ts";
import { basename, dirname } from "./roles.ts";
import { isBackingServiceImage } from "../detectors/image-ref.ts";

/** Infrastructure images that run next to an app in a compose stack but are not the app. */
const INFRA_IMAGE_RE = /^(nginx|traefik|caddy|haproxy|envoy|adminer|pgadmin4?|mailhog|mailpit|maildev|busybox|alpine|watchtower|portainer|cadvisor|node-exporter|otel-collector|opentelemetry-collector|jaeger|zipkin|kibana|logstash|fluentd|fluent-bit|promtail|pgweb|phpmyadmin|redis-commander|mongo-express)$/;

export type { YamlDoc, DockerfileModel, DockerStage, DockerInstruction, DotenvEntry, ProcfileEntry, YamlPath } from "./parsers.ts";
export type { JsFacts, JsCall, JsArg, JsImport, JsEnvRead, ValueSource, JsFunctionInfo, Literal } from "./js-facts.ts";
export type { TokenizedFile, StringToken, CommentToken } from "./tokens.ts";
export type { DependencyManifest, Dependency, Ecosystem, DepScope } from "./manifests.ts";
export type { ComposeFile, ComposeService, K8sObject, K8sContainer, Workflow, WorkflowJob, WorkflowStep, TfBlock, TfAttribute, EnvVarEntry } from "./deploy.ts";
export { HELM_PLACEHOLDER };

export interface PackageJson {
  name?: string;
  version?: string;
  private?: boolean;
  type?: string;
  main?: string;
  module?: string;
  types?: string;
  exports?: unknown;
  bin?: string | Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
  engines?: Record<string, string>;
  [key: string]: unknown;
}

export interface HelmChart {
  dir: string;
  chartPath: string;
  chart: Record<string, unknown>;
  valuesFiles: string[];
  templates: string[];
}

/** Read-only view of the repository shared by all rules. */
export interface RepoSnapshot {
  /** Absolute directory that was scanned (informational: rules must not read the filesystem). */
  readonly root: string;
  readonly commit: string | null;
  readonly commitDate: string | null;
  /** "git" when the file list came from `git ls-files`, "walk" otherwise. */
  readonly source: "git" | "walk";
  /** Every tracked file (including skipped ones, which have `skipped` set). Sorted by path. */
  readonly files: readonly FileEntry[];
  /** Units (classification, RULES.md §2). */
  readonly units: readonly Unit[];
  /** Submodule paths (gitlinks). */
  readonly submodules: readonly string[];

  file(path: string): FileEntry | undefined;
  has(path: string): boolean;
  /** Files matching picomatch glob(s) (repo-relative, `dot: true`). */
  glob(patterns: string | readonly string[]): FileEntry[];
  /** Unit that owns a path (deepest unit directory containing it). */
  unitOf(path: string): Unit | undefined;
  /** Units sorted deepest first (set after classification). */
  readonly unitsDeepestFirst: readonly Unit[];
  /** True when `path` would be ignored by the repo's .gitignore files. */
  isGitIgnored(path: string): boolean;

  text(path: string): string | undefined;
  /** Text of a committed build-output file (`dist/config.js`), read for secret detection only; the entry stays skipped "vendor". */
  buildOutputText(path: string): string | undefined;
  lines(path: string): readonly string[];
  /** 1-based line of the first match of `needle` at or after line `fromLine`. */
  findLine(path: string, needle: string | RegExp, fromLine?: number): number | undefined;

  json(path: string): unknown;
  yaml(path: string): readonly YamlDoc[] | undefined;
  toml(path: string): Record<string, unknown> | undefined;
  xml(path: string): Record<string, unknown> | undefined;
  dockerfile(path: string): DockerfileModel | undefined;
  /**
   * The file `docker build <dir>` reads when no `-f` is given: `<dir>/Dockerfile`, else Docker's lowercase fallback
   * `<dir>/dockerfile`; `<dir>/Dockerfile` when neither exists.
   */
  dockerfilePath(dir: string): string;
  dotenv(path: string): readonly DotenvEntry[] | undefined;
  procfile(path: string): readonly ProcfileEntry[] | undefined;
  hcl(path: string): readonly TfBlock[] | undefined;
  packageJson(path: string): PackageJson | undefined;
  manifest(path: string): DependencyManifest | undefined;
  /** JS/TS facts: imports, call sites with SD-3 classified arguments, env reads, string literals. */
  jsFacts(path: string): JsFacts | undefined;
  /** Syntactic ts-morph SourceFile (no type checker). Costly: prefer jsFacts; do not mutate. */
  tsSourceFile(path: string): SourceFile | undefined;
  /** Comment/string-aware tokens for non-JS languages (and YAML/Dockerfile/shell …). */
  tokens(path: string): TokenizedFile | undefined;
  parseError(path: string): ParseErrorRecord | undefined;
  readonly parseErrors: readonly ParseErrorRecord[];

  manifests(): readonly DependencyManifest[];
  dockerfiles(): readonly { path: string; model: DockerfileModel }[];
  composeFiles(): readonly ComposeFile[];
  k8sObjects(): readonly K8sObject[];
  helmCharts(): readonly HelmChart[];
  workflows(): readonly Workflow[];
  procfiles(): readonly { path: string; entries: readonly ProcfileEntry[] }[];
  envFiles(): readonly FileEntry[];
  terraformFiles(): readonly FileEntry[];
}

export interface SnapshotLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  maxTsFiles: number;
  maxTsFileBytes: number;
}

export function resolveLimits(l: ScanLimits = {}): SnapshotLimits {
  return {
    maxFiles: l.maxFiles ?? 50_000,
    maxFileBytes: l.maxFileBytes ?? 2 * 1024 * 1024,
    maxTotalBytes: l.maxTotalBytes ?? 512 * 1024 * 1024,
    maxTsFiles: l.maxTsFiles ?? 20_000,
    maxTsFileBytes: l.maxTsFileBytes ?? 500 * 1024,
  };
}

const JS_RE = /\.(m?[jt]sx?|c[jt]s)$/i;
// `dockerfile`: Docker's builder falls back to the lowercase name when a context has no `Dockerfile`
const DOCKERFILE_RE = /^(Dockerfile|Containerfile)([._-][\w.-]+)?$|\.(dockerfile|Dockerfile)$|^dockerfile$/;
/**
 * Entries in each bounded memo (line arrays, token streams, ts-morph files: one LRU per kind). Lowering it to 200
 * did not move peak RSS on medusa (bench/scan.ts: 961 / 999 / 1142 MB vs 985 / 995 / 893 MB), so it stays at 1 500.
 * Session 9: the kinds used to share one 1 500-entry LRU; a rule reading `lines()` of every file then evicted the
 * token streams of the next rule (memos: 1 181 files, 397 of 816 token streams rebuilt, 457 line arrays re-split).
 */
const LRU_ENTRIES = 1500;
/**
 * Session 14: token streams and line arrays are bounded by the size of the source behind them, not by a count. Rules
 * run rule by rule over every unit, and a unit's scope includes the internal libraries it links; a shared library of
 * more than 1 500 files was then read in a cycle longer than the LRU and every visit rebuilt every token stream
 * (bitwarden-server: 42 units linking src/Core, tokenize 29 % of a 57 s scan, 0 % hits). Up to LRU_SOURCE_CHARS of
 * source (and LRU_MAX_ENTRIES files) stay cached per kind, which holds the whole source of such a repository; a
 * larger repository still evicts, oldest first.
 */
const LRU_SOURCE_CHARS = 32 * 1024 * 1024;
const LRU_MAX_ENTRIES = 50_000;


export class Snapshot implements RepoSnapshot {
  readonly root: string;
  readonly commit: string | null;
  readonly commitDate: string | null;
  readonly source: "git" | "walk";
  readonly files: readonly FileEntry[];
  readonly submodules: readonly string[];
  units: readonly Unit[] = [];
  readonly stats: { bytesRead: number; filesRead: number };
  readonly limitsHit: string[];

  private readonly byPath = new Map<string, FileEntry>();
  private readonly contents: Map<string, string>;
  private readonly buildOutput: Map<string, string>;
  private readonly cache = new Map<string, unknown>();
  private readonly errors = new Map<string, ParseErrorRecord>();
  private readonly limits: SnapshotLimits;
  private tsProject: Project | undefined;
  private tsParsed = 0;
  private gitignores: { base: string; ig: Ignore }[] | undefined;
  private unitDirsSorted: Unit[] = [];
  /** Units sorted deepest first (used by callers that need containment order). */
  get unitsDeepestFirst(): readonly Unit[] {
    return this.unitDirsSorted;
  }

  constructor(root: string, inv: InventoryResult, limits: SnapshotLimits) {
    this.root = root;
    this.commit = inv.commit;
    this.commitDate = inv.commitDate;
    this.source = inv.source;
    this.files = inv.files;
    this.submodules = inv.submodules;
    this.contents = inv.contents;
    this.buildOutput = inv.buildOutput ?? new Map();
    this.limits = limits;
    this.stats = { bytesRead: inv.bytesRead, filesRead: inv.filesRead };
    this.limitsHit = [...inv.limitsHit];
    for (const f of inv.files) this.byPath.set(f.path, f);
  }

  private ownerByDir = new Map<string, Unit>();
  private ownerCache = new Map<string, Unit | null>();

  /** Set once by classification. */
  setUnits(units: readonly Unit[]): void {
    this.units = units;
    this.unitDirsSorted = [...units].sort((a, b) => b.path.length - a.path.length);
    this.ownerByDir = new Map(units.map((u) => [u.path, u]));
    this.ownerCache.clear();
  }

  private memo<T>(key: string, fn: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const v = fn();
    this.cache.set(key, v);
    return v;
  }
  /**
   * Bounded memo for views that are cheap to rebuild but large (line arrays, token streams, ts-morph
   * source files): keeps peak memory flat on 10k-file repositories.
   */
  private readonly lrus = new Map<string, { entries: Map<string, unknown>; weights: Map<string, number>; weight: number; evicting: boolean }>();
  private lruMemo<T>(kind: string, path: string, fn: () => T, weightOf?: () => number): T {
    let lru = this.lrus.get(kind);
    if (!lru) this.lrus.set(kind, (lru = { entries: new Map(), weights: new Map(), weight: 0, evicting: false }));
    const { entries } = lru;
    if (entries.has(path)) {
      const v = entries.get(path) as T;
      // recency only matters once the kind has had to evict (most scans never do: the bookkeeping was 5 % of a
      // bitwarden-server scan)
      if (lru.evicting) {
        entries.delete(path);
        entries.set(path, v);
      }
      return v;
    }
    const v = fn();
    entries.set(path, v);
    // weighted kinds (token streams, line arrays): bounded by source size; the others (ts-morph files) by count
    const w = weightOf ? weightOf() : 1;
    lru.weights.set(path, w);
    lru.weight += w;
    const overBudget = () => weightOf ? lru.weight > LRU_SOURCE_CHARS || entries.size > LRU_MAX_ENTRIES : entries.size > LRU_ENTRIES;
    while (entries.size > 1 && overBudget()) {
      lru.evicting = true;
      const oldest = entries.keys().next().value as string;
      const ov = entries.get(oldest);
      entries.delete(oldest);
      lru.weight -= lru.weights.get(oldest) ?? 0;
      lru.weights.delete(oldest);
      if (kind === "tsm" && ov) {
        try {
          (ov as SourceFile).forget();
        } catch {
          // already removed
        }
      }
    }
    return v;
  }
  private fail(path: string, format: string, message: string, line?: number): undefined {
    if (!this.errors.has(path)) this.errors.set(path, { path, format, message, ...(line ? { line } : {}) });
    return undefined;
  }

  // ---- files
  file(path: string) {
    return this.byPath.get(path);
  }
  has(path: string) {
    return this.byPath.has(path);
  }
  glob(patterns: string | readonly string[]): FileEntry[] {
    const key = `glob:${Array.isArray(patterns) ? patterns.join("\0") : patterns}`;
    return this.memo(key, () => {
      const isMatch = picomatch(patterns as string | string[], { dot: true });
      return this.files.filter((f) => isMatch(f.path));
    });
  }
  unitOf(path: string): Unit | undefined {
    const cached = this.ownerCache.get(path);
    if (cached !== undefined) return cached ?? undefined;
    // walk up the directory chain: O(depth) instead of O(units)
    let found: Unit | null = null;
    if (this.ownerByDir.has(path)) found = this.ownerByDir.get(path)!;
    let d = path;
    while (!found) {
      const i = d.lastIndexOf("/");
      d = i === -1 ? "." : d.slice(0, i);
      const u = this.ownerByDir.get(d);
      if (u) found = u;
      if (d === ".") break;
    }
    this.ownerCache.set(path, found);
    return found ?? undefined;
  }
  isGitIgnored(path: string): boolean {
    if (!this.gitignores) {
      this.gitignores = [];
      for (const f of this.files) {
        if (basename(f.path) !== ".gitignore") continue;
        const t = this.text(f.path);
        if (t === undefined) continue;
        const base = dirname(f.path);
        this.gitignores.push({ base: base === "." ? "" : base, ig: ignore().add(t) });
      }
    }
    return this.gitignores.some(({ base, ig }) => {
      if (base && !path.startsWith(base + "/")) return false;
      const rel = base ? path.slice(base.length + 1) : path;
      return rel !== "" && ig.ignores(rel);
    });
  }

  // ---- content
  text(path: string): string | undefined {
    return this.contents.get(path);
  }
  buildOutputText(path: string): string | undefined {
    return this.buildOutput.get(path);
  }
  lines(path: string): readonly string[] {
    return this.lruMemo("lines", path, () => this.text(path)?.split(/\r?\n/) ?? [], () => this.text(path)?.length ?? 0);
  }
  findLine(path: string, needle: string | RegExp, fromLine = 1): number | undefined {
    const lines = this.lines(path);
    for (let i = Math.max(0, fromLine - 1); i < lines.length; i++) {
      if (typeof needle === "string" ? lines[i].includes(needle) : needle.test(lines[i])) return i + 1;
    }
    return undefined;
  }

  // ---- parsed views
  json(path: string): unknown {
    return this.memo(`json:${path}`, () => {
      const t = this.text(path);
      if (t === undefined) return undefined;
      const r = parseJson(t);
      return isFailure(r) ? this.fail(path, "json", r.error.message, r.error.line) : r.value;
    });
  }
  yaml(path: string): readonly YamlDoc[] | undefined {
    return this.memo(`yaml:${path}`, () => {
      let t = this.text(path);
      if (t === undefined) return undefined;
      const helm = this.isHelmTemplate(path);
      if (helm) t = preprocessHelmTemplate(t);
      const { docs, errors } = parseYamlDocs(t);
      if (errors.length) {
        // Helm templates that still do not parse are expected now and then: TOKEN rules cover them.
        this.fail(path, helm ? "helm-template" : "yaml", errors[0].message, errors[0].line);
        if (!docs.length) return undefined;
      }
      return docs;
    });
  }
  toml(path: string) {
    return this.memo(`toml:${path}`, () => {
      const t = this.text(path);
      if (t === undefined) return undefined;
      const r = parseToml(t);
      return isFailure(r) ? this.fail(path, "toml", r.error.message, r.error.line) : r.value;
    });
  }
  xml(path: string) {
    return this.memo(`xml:${path}`, () => {
      const t = this.text(path);
      if (t === undefined) return undefined;
      const r = parseXml(t);
      return isFailure(r) ? this.fail(path, "xml", r.error.message, r.error.line) : r.value;
    });
  }
  dockerfile(path: string) {
    return this.memo(`docker:${path}`, () => {
      const t = this.text(path);
      if (t === undefined) return undefined;
      const r = parseDockerfile(t);
      if (isFailure(r)) return this.fail(path, "dockerfile", r.error.message, r.error.line);
      if (r.value.stages.length === 0 && t.trim()) this.fail(path, "dockerfile", "no FROM instruction");
      return r.value;
    });
  }
  dockerfilePath(dir: string): string {
    const prefix = dir === "." || dir === "" ? "" : dir.replace(/\/$/, "") + "/";
    return !this.byPath.has(prefix + "Dockerfile") && this.byPath.has(prefix + "dockerfile") ? prefix + "dockerfile" : prefix + "Dockerfile";
  }
  dotenv(path: string) {
    return this.memo(`dotenv:${path}`, () => {
      const t = this.text(path);
      return t === undefined ? undefined : parseDotenv(t);
    });
  }
  procfile(path: string) {
    return this.memo(`procfile:${path}`, () => {
      const t = this.text(path);
      return t === undefined ? undefined : parseProcfile(t);
    });
  }
  hcl(path: string) {
    return this.memo(`hcl:${path}`, () => {
      const t = this.text(path);
      if (t === undefined) return undefined;
      try {
        return parseHcl(t);
      } catch (e) {
        return this.fail(path, "hcl", (e as Error).message);
      }
    });
  }
  packageJson(path: string): PackageJson | undefined {
    const v = this.json(path);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as PackageJson) : undefined;
  }
  manifest(path: string): DependencyManifest | undefined {
    return this.memo(`manifest:${path}`, () => {
      try {
        return parseManifest(path, {
          text: (p) => this.text(p),
          list: (d) => this.files.filter((f) => dirname(f.path) === d && this.readable(f)).map((f) => f.path),
          json: (p) => this.json(p),
          toml: (p) => this.toml(p),
          xml: (p) => this.xml(p),
        }) ?? undefined;
      } catch (e) {
        return this.fail(path, "manifest", (e as Error).message);
      }
    });
  }
  jsFacts(path: string): JsFacts | undefined {
    return this.memo(`js:${path}`, () => {
      const f = this.byPath.get(path);
      const t = this.text(path);
      if (!f || t === undefined || !JS_RE.test(path) || f.role === "vendor") return undefined;
      if (t.length > this.limits.maxTsFileBytes) {
        if (!this.limitsHit.includes("maxTsFileBytes")) this.limitsHit.push("maxTsFileBytes");
        return undefined;
      }
      if (this.tsParsed >= this.limits.maxTsFiles) {
        if (!this.limitsHit.includes("maxTsFiles")) this.limitsHit.push("maxTsFiles");
        return undefined;
      }
      this.tsParsed++;
      try {
        const facts = extractJsFacts(path, t);
        if (facts.syntaxErrors > 0 && !this.errors.has(path)) this.fail(path, "typescript", `${facts.syntaxErrors} syntax error(s)`);
        return facts;
      } catch (e) {
        return this.fail(path, "typescript", (e as Error).message);
      }
    });
  }
  tsSourceFile(path: string): SourceFile | undefined {
    return this.lruMemo("tsm", path, () => {
      const t = this.text(path);
      if (t === undefined || !JS_RE.test(path) || t.length > this.limits.maxTsFileBytes) return undefined;
      this.tsProject ??= new Project({
        useInMemoryFileSystem: true,
        skipAddingFilesFromTsConfig: true,
        skipFileDependencyResolution: true,
        skipLoadingLibFiles: true,
        compilerOptions: { allowJs: true, checkJs: false, noEmit: true, noLib: true, noResolve: true, jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.Latest },
      });
      try {
        return this.tsProject.createSourceFile("/" + path, t, { overwrite: true });
      } catch (e) {
        return this.fail(path, "typescript", (e as Error).message);
      }
    });
  }
  tokens(path: string): TokenizedFile | undefined {
    return this.lruMemo("tok", path, () => {
      const f = this.byPath.get(path);
      const t = this.text(path);
      if (!f || t === undefined || !tokenizerSupports(f.language)) return undefined;
      return tokenize(t, f.language!);
    }, () => this.text(path)?.length ?? 0);
  }
  parseError(path: string) {
    return this.errors.get(path);
  }
  get parseErrors(): readonly ParseErrorRecord[] {
    return [...this.errors.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  // ---- aggregated views
  private readable(f: FileEntry): boolean {
    return !f.skipped && f.role !== "vendor";
  }
  manifests() {
    return this.memo("agg:manifests", () =>
      this.files.filter((f) => this.readable(f) && isManifestPath(f.path)).map((f) => this.manifest(f.path)).filter((m): m is DependencyManifest => !!m),
    );
  }
  dockerfiles() {
    return this.memo("agg:dockerfiles", () =>
      this.files
        .filter((f) => this.readable(f) && DOCKERFILE_RE.test(basename(f.path)))
        .map((f) => ({ path: f.path, model: this.dockerfile(f.path) }))
        .filter((d): d is { path: string; model: DockerfileModel } => !!d.model && d.model.stages.length > 0),
    );
  }
  composeFiles() {
    return this.memo("agg:compose", () => {
      const out: ComposeFile[] = [];
      for (const f of this.files) {
        if (!this.readable(f) || !isComposePath(f.path)) continue;
        const docs = this.yaml(f.path);
        if (!docs) continue;
        const view = composeView(f.path, [...docs], f.role === "dev" || f.env === "dev" || f.env === "test" || this.composeIsDevOnly(f));
        if (view) out.push(view);
      }
      return out;
    });
  }
  /** SD-2: plain docker-compose.yml is dev-only unless it has a prod token or a deploy workflow uses it. */
  private composeIsDevOnly(f: FileEntry): boolean {
    if (f.env === "prod" || f.env === "staging") return false;
    const name = basename(f.path);
    const text = this.text(f.path) ?? "";
    if (/^\s+deploy:\s*$/m.test(text) && /^\s+replicas:/m.test(text)) return false; // swarm stack file
    // a self-hosting stack: an app service that pulls a published image (no build:) and is kept running with a
    // restart policy is how the release is run, not a dev environment (uptime-kuma compose.yaml, piggymetrics)
    if (this.composeRunsPublishedApp(f.path)) return false;
    const deployRef = this.files.some((w) => {
      if (!isWorkflowPath(w.path) && !/(^|\/)(deploy[\w.-]*\.sh|Makefile)$/.test(w.path)) return false;
      const t = this.text(w.path) ?? "";
      return t.includes(name) && /(docker[- ]compose|docker stack deploy|compose)[^\n]*(up|deploy)/.test(t) && /(ssh|deploy|production|prod)/i.test(t);
    });
    return !deployRef;
  }
  private composeRunsPublishedApp(path: string): boolean {
    const doc = this.yaml(path)?.[0]?.data as { services?: Record<string, Record<string, unknown> | null> } | undefined;
    const services = doc?.services && typeof doc.services === "object" ? Object.values(doc.services) : [];
    return services.some((s) => {
      // session 11 (rustypaste: `image: orhunp/rustypaste:${IMAGE_TAG:-latest}` + `build: .` + `restart: always`, its
      // upload directory bind-mounted): a service that names the published image it runs and can also build it is the
      // same self-hosting stack; `build:` with a local image name (no owner) stays a development setup
      if (!s || typeof s !== "object" || typeof s.image !== "string") return false;
      if (!/^(always|unless-stopped|on-failure)/.test(String(s.restart ?? ""))) return false;
      const image = s.image.split("@")[0].replace(/:[^/]*$/, "");
      const base = image.split("/").pop() ?? "";
      // owner/app or registry/owner/app, not a backing service or infrastructure image (proxy, admin UI …)
      return /\//.test(image) && !isBackingServiceImage(s.image) && !INFRA_IMAGE_RE.test(base);
    });
  }
  helmCharts() {
    return this.memo("agg:helm", () => {
      const charts: HelmChart[] = [];
      for (const f of this.files) {
        if (basename(f.path) !== "Chart.yaml" || f.role === "vendor") continue;
        const dir = dirname(f.path);
        const docs = this.yaml(f.path);
        const prefix = dir === "." ? "" : dir + "/";
        const under = this.files.filter((x) => x.path.startsWith(prefix) && !x.skipped);
        charts.push({
          dir,
          chartPath: f.path,
          chart: (docs?.[0]?.data as Record<string, unknown>) ?? {},
          valuesFiles: under.filter((x) => dirname(x.path) === dir && isValuesFile(x.path)).map((x) => x.path),
          templates: under.filter((x) => x.path.startsWith(prefix + "templates/") && /\.(ya?ml|tpl)$/.test(x.path)).map((x) => x.path),
        });
      }
      return charts;
    });
  }
  private chartDirs(): ReadonlySet<string> {
    return this.memo("agg:chartDirs", () => new Set(this.helmCharts().map((c) => c.dir)));
  }
  private isHelmTemplate(path: string): boolean {
    // Chart.yaml is never a template (and helmCharts() parses it: asking chartDirs() here would recurse)
    if (basename(path) === "Chart.yaml" || !/(^|\/)templates\//.test(path)) return false;
    return isHelmTemplatePath(path, this.chartDirs());
  }
  k8sObjects() {
    return this.memo("agg:k8s", () => {
      const out: K8sObject[] = [];
      for (const f of this.files) {
        if (!this.readable(f) || !/\.ya?ml$/i.test(f.path)) continue;
        if (isWorkflowPath(f.path) || isComposePath(f.path)) continue;
        const t = this.text(f.path);
        if (!t || !/^\s*apiVersion\s*:/m.test(t) || !/^\s*kind\s*:/m.test(t)) continue;
        const docs = this.yaml(f.path);
        if (!docs) continue;
        out.push(...k8sObjectsOf(f.path, [...docs], this.isHelmTemplate(f.path)));
      }
      return out;
    });
  }
  workflows() {
    return this.memo("agg:workflows", () =>
      this.files
        .filter((f) => !f.skipped && isWorkflowPath(f.path))
        .map((f) => {
          const docs = this.yaml(f.path);
          return docs ? workflowView(f.path, [...docs]) : null;
        })
        .filter((w): w is Workflow => !!w),
    );
  }
  procfiles() {
    return this.memo("agg:procfiles", () =>
      this.files
        .filter((f) => this.readable(f) && /^Procfile(\.[\w-]+)?$/.test(basename(f.path)))
        .map((f) => ({ path: f.path, entries: this.procfile(f.path) ?? [] })),
    );
  }
  envFiles() {
    return this.memo("agg:env", () => this.files.filter((f) => /^\.env(\..+)?$|\.env$/.test(basename(f.path)) && f.role !== "vendor"));
  }
  terraformFiles() {
    return this.memo("agg:tf", () => this.files.filter((f) => this.readable(f) && /\.(tf|tfvars)$/.test(f.path)));
  }

  /** Eagerly parse JS/TS facts (progress-reported) so rule timings are not charged with parsing. */
  warmJs(onProgress?: (e: ProgressEvent) => void, signal?: AbortSignal): void {
    const targets = this.files.filter((f) => JS_RE.test(f.path) && this.readable(f) && (f.role === "source" || f.role === "dev"));
    let done = 0;
    for (const f of targets) {
      if (signal?.aborted) throw signal.reason ?? new Error("aborted");
      this.jsFacts(f.path);
      done++;
      if (done % 200 === 0) onProgress?.({ phase: "parse", done, total: targets.length });
    }
    onProgress?.({ phase: "parse", done, total: targets.length });
  }
}

export async function collectSnapshot(
  dir: string,
  opts: { limits?: ScanLimits; onProgress?: (e: ProgressEvent) => void; signal?: AbortSignal } = {},
): Promise<Snapshot> {
  const limits = resolveLimits(opts.limits);
  const inv = await collectInventory(dir, limits, { onProgress: opts.onProgress, signal: opts.signal });
  return new Snapshot(dir, inv, limits);
}
