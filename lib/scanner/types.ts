// Core types of the twelve-factor scanner. Everything here is plain data: no fs, no env, no clock.
// The JSON report contract (ScanReport) is binding for other tools: add fields, never rename or
// remove them without bumping SCHEMA_VERSION.

export const SCHEMA_VERSION = 1 as const;

// ---------------------------------------------------------------------------------------------
// Factors
// ---------------------------------------------------------------------------------------------

export type FactorCode =
  | "F01" | "F02" | "F03" | "F04" | "F05" | "F06"
  | "F07" | "F08" | "F09" | "F10" | "F11" | "F12";

export type FactorId = "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X" | "XI" | "XII";

export interface FactorInfo {
  code: FactorCode;
  id: FactorId;
  name: string;
  /** Default weight ω_f of the factor in the overall score (RULES.md §4.6). */
  weight: number;
}

export const FACTORS: readonly FactorInfo[] = [
  { code: "F01", id: "I", name: "Codebase", weight: 0.5 },
  { code: "F02", id: "II", name: "Dependencies", weight: 1.25 },
  { code: "F03", id: "III", name: "Config", weight: 1.5 },
  { code: "F04", id: "IV", name: "Backing services", weight: 1.0 },
  { code: "F05", id: "V", name: "Build, release, run", weight: 1.25 },
  { code: "F06", id: "VI", name: "Processes", weight: 1.0 },
  { code: "F07", id: "VII", name: "Port binding", weight: 0.75 },
  { code: "F08", id: "VIII", name: "Concurrency", weight: 0.75 },
  { code: "F09", id: "IX", name: "Disposability", weight: 1.0 },
  { code: "F10", id: "X", name: "Dev/prod parity", weight: 0.75 },
  { code: "F11", id: "XI", name: "Logs", weight: 1.0 },
  { code: "F12", id: "XII", name: "Admin processes", weight: 0.75 },
];

export function factorInfo(code: FactorCode): FactorInfo {
  const f = FACTORS.find((x) => x.code === code);
  if (!f) throw new Error(`unknown factor ${code}`);
  return f;
}

// ---------------------------------------------------------------------------------------------
// Severity / confidence
// ---------------------------------------------------------------------------------------------

export type Severity = "critical" | "high" | "medium" | "low" | "info";
export type Confidence = "high" | "medium" | "low";

export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];
export const CONFIDENCES: readonly Confidence[] = ["high", "medium", "low"];

/** One level less severe (critical → high … low → info, info stays info). */
export function lowerSeverity(s: Severity, levels = 1): Severity {
  const i = Math.min(SEVERITIES.indexOf(s) + levels, SEVERITIES.length - 1);
  return SEVERITIES[i];
}
/** One level less confident (high → medium → low). */
export function lowerConfidence(c: Confidence, levels = 1): Confidence {
  const i = Math.min(CONFIDENCES.indexOf(c) + levels, CONFIDENCES.length - 1);
  return CONFIDENCES[i];
}
/** The less severe of two severities. */
export function minSeverity(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b;
}
export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s); // critical 5 … info 1
}

// ---------------------------------------------------------------------------------------------
// Files, roles, languages
// ---------------------------------------------------------------------------------------------

/**
 * SD-2 path role. Exactly one per file.
 * - vendor: vendored or generated code (node_modules/, dist/, *.min.js, "DO NOT EDIT" headers…)
 * - test: tests, fixtures, testdata
 * - example: examples, samples, demos, docs and prose files (*.md …)
 * - dev: development-only config (docker-compose.override.yml, .devcontainer/, .env.development …)
 * - source: everything else
 */
export type PathRole = "vendor" | "test" | "example" | "dev" | "source";

/** SD-2 environment tag derived from file/directory names (`values-prod.yaml` → prod). */
export type EnvTag = "prod" | "staging" | "test" | "dev";

export type Language =
  | "javascript" | "typescript" | "python" | "go" | "java" | "kotlin" | "ruby" | "php" | "csharp"
  | "rust" | "shell" | "dockerfile" | "yaml" | "json" | "toml" | "xml" | "hcl" | "properties"
  | "ini" | "dotenv" | "markdown" | "html" | "css" | "sql" | "text" | "groovy" | "makefile" | "elixir" | "scala";

export type SkipReason =
  | "binary"      // NUL byte in the first 8 KB
  | "size"        // larger than limits.maxFileBytes
  | "minified"    // minified JS/CSS (mean line length > 300)
  | "generated"   // generated-code marker in the first 5 lines (content still indexed as vendor)
  | "vendor"      // vendored / build-output path (node_modules/, dist/ …): never read
  | "symlink"     // symbolic links are not followed (they may point outside the repository)
  | "unreadable"  // I/O error, not a regular file, submodule
  | "limit";      // beyond limits.maxFiles / maxTotalBytes / time budget

export interface FileEntry {
  /** Repo-relative POSIX path, no leading "./". */
  readonly path: string;
  /** Size in bytes (0 when unknown). */
  readonly size: number;
  readonly language: Language | null;
  readonly role: PathRole;
  readonly env: EnvTag | null;
  /** Set when the content is not available to rules. */
  readonly skipped?: SkipReason;
  /** True when the bytes were not valid UTF-8 (content was decoded with replacement characters). */
  readonly invalidUtf8?: boolean;
}

export interface ParseErrorRecord {
  path: string;
  format: string;
  message: string;
  line?: number;
}

// ---------------------------------------------------------------------------------------------
// Units and classification (RULES.md §2)
// ---------------------------------------------------------------------------------------------

export type UnitKind = "service" | "worker" | "library" | "cli" | "static" | "infra" | "docs";
export type RepoKind = UnitKind | "monorepo";
export const UNIT_KINDS: readonly UnitKind[] = ["service", "worker", "library", "cli", "static", "infra", "docs"];

export interface KindSignal {
  kind: UnitKind;
  points: number;
  reason: string;
  /**
   * The signal says the unit is deployed by itself: "descriptor" — a deploy file of its own (Procfile, fly.toml,
   * render.yaml, app.json, App Engine app.yaml, Dockerfile, SSG config, Next.js static export, or the workspace
   * root's image starting it by name); "entrypoint" — a server/worker entrypoint of its own (a listener in code,
   * an ASP.NET Core web or .NET worker SDK project). Absent for dependency-only evidence.
   */
  deploy?: "descriptor" | "entrypoint";
  path?: string;
  line?: number;
}

export interface FrameworkInfo {
  /** Stable id, e.g. "express", "django", "spring-boot", "gin". */
  id: string;
  runtime: "node" | "python" | "go" | "java" | "ruby" | "php" | "dotnet" | "rust" | "elixir";
  /** Manifest that declared it. */
  path: string;
  /** "web" frameworks serve HTTP; "worker" are queue consumers; "cli" are CLI toolkits; "static" SSGs. */
  role: "web" | "worker" | "cli" | "static" | "orm" | "log" | "other";
}

export interface Unit {
  /** Unit directory, repo-relative ("." for the root). Also its id. */
  readonly path: string;
  readonly kind: UnitKind;
  readonly kindConfidence: Confidence;
  /** True when no kind won clearly (scored as service for applicability, RULES.md §2.2). */
  readonly ambiguous: boolean;
  /** Kind forced by .twelve-factor.yml `units:`. */
  readonly declared: boolean;
  /** Dependency manifests / Dockerfiles that make this directory a unit. */
  readonly manifests: readonly string[];
  readonly languages: readonly Language[];
  readonly frameworks: readonly FrameworkInfo[];
  readonly signals: readonly KindSignal[];
  /** Files owned by the unit (under its directory, not inside a nested unit), all roles. */
  readonly files: readonly string[];
  /** Non-blank lines of code in source files of the unit (for monorepo weighting). */
  readonly loc: number;
  /**
   * Internal library units this deployable builds into itself (.NET ProjectReference, Maven/Gradle module
   * dependency, JS workspace dependency), transitively. Their code runs in this unit's process, so the rules
   * of factors III–XII look at their files too (classification v2).
   */
  readonly links?: readonly string[];
  /** Deployable units that build this internal library into themselves (the inverse of `links`). */
  readonly linkedBy?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

export type RuleKind = "violation" | "evidence";
export type Technique = "TS-AST" | "TOKEN" | "PARSE" | "FILE" | "XREF" | "GIT";

export interface RuleSource {
  title: string;
  url: string;
}

export interface DocExample {
  /** File name the snippet belongs to (tells the language): "src/server.ts", "Dockerfile". */
  file: string;
  code: string;
  note?: string;
}

export interface RuleMeta {
  /** `Fnn-SLUG`, stable forever. */
  id: string;
  /** Bump when behaviour changes (changes RULES_VERSION). */
  version: number;
  factor: FactorCode;
  /** Other factors this problem also hurts (reported, not scored twice). */
  alsoAffects?: FactorCode[];
  kind: RuleKind;
  /** Highest declared severity (violation) or importance (evidence). Sets the rule weight. */
  severity: Severity;
  /** Intrinsic precision of the detector. */
  confidence: Confidence;
  /** Unit kinds the rule applies to at full strength (RULES.md §8 ✓). */
  appliesTo: UnitKind[];
  /** Unit kinds where it applies at reduced severity (RULES.md §8 ○): findings capped at `low`. */
  reducedFor?: UnitKind[];
  /**
   * "unit" (default): evaluated once per unit. "repo": evaluated once for the whole repository
   * (findings are added to every unit, RULES.md §4.7).
   */
  scope?: "unit" | "repo";
  technique: Technique[];
  /** Opinionated rules may be disabled in .twelve-factor.yml (RULES.md §5.2 rule 6). */
  opinionated?: boolean;
  /** Off unless enabled in config (e.g. F02-OS-PACKAGE-UNPINNED). */
  defaultEnabled?: boolean;
  /** Secret rules: waivers need a fingerprint; inline pragmas are refused for critical findings. */
  secret?: boolean;
  /** When false, findings in test/example paths are NOT downgraded automatically. Default true. */
  pathRoleDowngrade?: boolean;
  title: string;
  rationale: string;
  remediation: string;
  docs: { bad: DocExample[]; good: DocExample[] };
  sources: RuleSource[];
  /** Where and why this implementation deliberately differs from RULES.md. */
  deviations?: string;
  /** Upstream pragmas that map onto this rule (e.g. ["hadolint:DL3007"]). */
  upstream?: string[];
}

/** What a rule reports: a location plus a static message. */
export interface FindingInput {
  path: string;
  line?: number;
  column?: number;
  endLine?: number;
  /** Short, static message; variable details go in `data`. */
  message: string;
  /** Snippet shown to users (≤ 3 lines). Defaults to the source line. Secrets are redacted. */
  snippet?: string;
  /**
   * Text used for the fingerprint (whitespace-collapsed). Defaults to the snippet. Choose something
   * stable across unrelated edits (the matched expression, not the whole line).
   */
  match?: string;
  /** Secret value(s) to redact from snippet/message/match everywhere (SD-12). */
  secret?: string | string[];
  severity?: Severity;
  confidence?: Confidence;
  related?: { path: string; line?: number; note: string }[];
  data?: Record<string, string | number | boolean | null>;
}

export interface EvidenceInput {
  path: string;
  line?: number;
  note: string;
}

export type RuleOutcome =
  | { type: "na"; reason: string }
  | { type: "unknown"; reason: string }
  | { type: "score"; score: number; confidence?: Confidence; reason?: string; absence?: boolean };

export interface Finding {
  rule: string;
  ruleVersion: number;
  factor: FactorCode;
  alsoAffects?: FactorCode[];
  severity: Severity;
  confidence: Confidence;
  message: string;
  path: string;
  line: number | null;
  column: number | null;
  endLine: number | null;
  snippet: string;
  /** `sha256:<hex>` over rule id, path and normalised match (SD-12). Stable across line moves. */
  fingerprint: string;
  /** gitleaks-style `path:RULE:line` locator for humans. */
  locator: string;
  unit: string;
  remediation: string;
  related?: { path: string; line?: number; note: string }[];
  data?: Record<string, string | number | boolean | null>;
  waived: boolean;
  waiver?: { id: string; reason: string; source: "config" | "inline" | "upstream"; expires?: string };
  /** Present when path role (test/example/dev) or unit kind lowered the severity/confidence. */
  adjusted?: string;
}

export type RuleStatus = "pass" | "fail" | "partial" | "na" | "unknown" | "waived" | "errored";

export interface EvidenceItem {
  path: string;
  line: number | null;
  note: string;
}

export interface RuleResult {
  rule: string;
  version: number;
  factor: FactorCode;
  kind: RuleKind;
  unit: string;
  status: RuleStatus;
  /** Rule score s_r ∈ [0,1] with waivers applied (null when na/unknown/errored). */
  score: number | null;
  /** Rule score without waivers. */
  rawScore: number | null;
  /** Weight w_r (from declared severity; reduced kinds use `low`). */
  weight: number;
  /** Effective confidence of the rule result. */
  confidence: Confidence;
  findings: Finding[];
  evidence: EvidenceItem[];
  reason?: string;
  /** Evidence rules: score before penalties from reported findings (used to re-score after waivers). */
  base?: number;
  /** Evidence rules: the score comes from missing evidence (a weak negative, RULES.md §0.1). */
  absence?: boolean;
  /** Error message when status is "errored". */
  error?: string;
  durationMs: number;
}

// ---------------------------------------------------------------------------------------------
// Report (the JSON contract, issue 3)
// ---------------------------------------------------------------------------------------------

export type FactorStatus = "pass" | "partial" | "fail" | "na";
export type Grade = "A" | "B" | "C" | "D" | "F";

export interface FactorRuleSummary {
  id: string;
  status: RuleStatus;
  score: number | null;
  weight: number;
  confidence: Confidence;
  findings: number;
  reason?: string;
}

export interface FactorReport {
  id: FactorId;
  code: FactorCode;
  name: string;
  /** 0–100 with waivers, null when na. */
  score: number | null;
  /** 0–100 without waivers, null when na. */
  rawScore: number | null;
  status: FactorStatus;
  confidence: Confidence;
  /** Evidence coverage in [0,1] (RULES.md §4.5). */
  coverage: number;
  /** Cap applied (30/70/40/20) or null. */
  cap: number | null;
  /** Too little evidence to count in the overall score (RULES.md §4.4). */
  insufficient: boolean;
  /** Why the factor is na / insufficient, or the declared N/A reason. */
  reason?: string;
  findings: Finding[];
  evidence: { rule: string; score: number | null; items: EvidenceItem[] }[];
  rules: FactorRuleSummary[];
}

export interface UnitReport {
  path: string;
  kind: UnitKind;
  kindConfidence: Confidence;
  ambiguous: boolean;
  languages: Language[];
  frameworks: string[];
  score: number | null;
  rawScore: number | null;
  grade: Grade | null;
  gradeLabel: string;
  gatesApplied: string[];
  confidence: Confidence;
  loc: number;
  factors: FactorReport[];
  signals: KindSignal[];
}

export interface SkippedSummary {
  total: number;
  byReason: Partial<Record<SkipReason, number>>;
  /** First entries (capped) — path + reason. */
  files: { path: string; reason: SkipReason; size?: number }[];
  parseErrors: ParseErrorRecord[];
  /** Rules that could not run (errored) or could not decide (unknown). */
  rules: { rule: string; unit: string; status: "errored" | "unknown"; reason: string }[];
  /** Limits hit during the scan (maxFiles, maxTotalBytes, timeBudget, tsFiles …). */
  limitsHit: string[];
}

export interface Notice {
  /** CONFIG-INVALID, CONFIG-WAIVER-REJECTED, WAIVER-EXPIRED, WAIVER-UNUSED, PRAGMA-NO-REASON, NA-CONTRADICTED … */
  code: string;
  severity: "info";
  message: string;
  path?: string;
  line?: number;
  rule?: string;
  unit?: string;
}

export interface WaiverSummary {
  active: number;
  bySeverity: Partial<Record<Severity, number>>;
  expiringSoon: { id: string; rule: string; expires: string }[];
  expired: { id: string; rule: string; expires: string }[];
  unused: { id: string; rule: string }[];
  naDeclarations: { factor: FactorCode; units: string[]; reason: string }[];
}

export interface ScanReport {
  schemaVersion: typeof SCHEMA_VERSION;
  scanner: { version: string; rulesVersion: string; scoringVersion: number };
  repo: { path: string; commit: string | null; configPath: string | null };
  kind: RepoKind;
  kindConfidence: Confidence;
  units: UnitReport[];
  /** Overall 0–100 with waivers (null for docs repos / nothing applicable). */
  score: number | null;
  /** Overall without waivers. */
  rawScore: number | null;
  grade: Grade | null;
  /** e.g. "B", "B (provisional)", "N/A (docs)". */
  gradeLabel: string;
  gatesApplied: string[];
  confidence: Confidence;
  /** Exactly twelve entries, I..XII in order. */
  factors: FactorReport[];
  /** Config / waiver / pragma diagnostics (CONFIG-*, WAIVER-EXPIRED, WAIVER-UNUSED, PRAGMA-*, NA-CONTRADICTED). */
  notices: Notice[];
  waivers: WaiverSummary;
  skipped: SkippedSummary;
  stats: { files: number; filesRead: number; bytesRead: number; rules: number; rulesErrored: number };
  timings: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// Scan options / progress
// ---------------------------------------------------------------------------------------------

export type ScanPhase = "inventory" | "read" | "parse" | "classify" | "rules" | "score" | "done";

export interface ProgressEvent {
  phase: ScanPhase;
  /** Items done in this phase (files read, rules evaluated …). */
  done: number;
  /** Total items in this phase, when known. */
  total?: number;
  message?: string;
}

export interface ScanLimits {
  /** Max tracked files considered (default 50 000). Further files are skipped with reason "limit". */
  maxFiles?: number;
  /** Max bytes per file read (default 2 MB). Larger files are skipped with reason "size". */
  maxFileBytes?: number;
  /** Max total bytes read (default 512 MB). */
  maxTotalBytes?: number;
  /** Wall-clock budget in ms (default 10 min). When exceeded, remaining rules become "unknown". */
  timeBudgetMs?: number;
  /** Max JS/TS files parsed with ts-morph per scan (default 20 000). */
  maxTsFiles?: number;
  /** Max bytes for a JS/TS file to be parsed (default 500 KB). */
  maxTsFileBytes?: number;
}

export interface ScanOptions {
  /** Path to a config file used instead of the repo's .twelve-factor.yml. */
  configFile?: string;
  /** Config contents (already read) — takes precedence over configFile. */
  configText?: string;
  /** Reference time for waiver expiry (default: HEAD commit date, else the current time). */
  now?: Date;
  onProgress?: (event: ProgressEvent) => void;
  limits?: ScanLimits;
  signal?: AbortSignal;
  /** Restrict to these rule ids (tests, debugging). */
  rules?: string[];
  /** Use these rule definitions instead of the registry (tests). */
  ruleSet?: readonly import("./rules/define-rule.ts").RuleDefinition[];
  /** Display path for the report (e.g. the git URL); defaults to `dir`. */
  displayPath?: string;
  /** Commit sha when known by the caller (otherwise read with git). */
  commit?: string;
  /**
   * Receives the scoring input (units, waived rule results, config, repository kind) just before scoring.
   * Tooling only: bench/accuracy.ts caches it to re-score many repositories after a scoring change without
   * scanning them again. Never changes the scan.
   */
  onScoreInput?: (input: import("./score.ts").ScoreInput) => void;
}
