// Evaluate rules over units. A throwing rule becomes an `errored` result (the scan goes on); rules
// beyond the time budget become `unknown`. Findings are finalised here: defaults from meta, path-role
// and unit-kind downgrades (SD-2, §8 ○), config severity overrides, snippets, redaction and
// fingerprints (SD-12), inline / upstream pragmas (SD-13, §5.3). Config waivers are applied later
// (waivers.ts) so that both the raw and the waived score can be computed.
import type {
  Confidence, EvidenceItem, FileEntry, Finding, FindingInput, ProgressEvent, RuleOutcome, RuleResult, Severity, Unit, UnitKind,
} from "./types.ts";
import { lowerConfidence, lowerSeverity, minSeverity } from "./types.ts";
import type { RepoSnapshot } from "./snapshot/index.ts";
import type { FileFilter, RuleContext, RuleDefinition } from "./rules/define-rule.ts";
import { outcome } from "./rules/define-rule.ts";
import type { ScannerConfig } from "./config.ts";
import { unitScopeFiles } from "./classify/units.ts";
import { resolveStartCommands, type StartCommand } from "./detectors/start-command.ts";
import { clipSnippet, fingerprint, redactIn, redactUriPassword } from "./detectors/fingerprint.ts";
import { hadolintIgnores, parsePragmas, pragmaFor, type InlinePragma } from "./detectors/suppression.ts";
import picomatch from "picomatch";

export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 7.5, medium: 5, low: 2.5, info: 0 };
export const SEVERITY_PENALTY: Record<Severity, number> = { critical: 1, high: 0.5, medium: 0.25, low: 0.125, info: 0 };
export const CONFIDENCE_MULT: Record<Confidence, number> = { high: 1, medium: 0.75, low: 0.5 };

export interface RunRulesInput {
  snapshot: RepoSnapshot;
  units: readonly Unit[];
  repoKind: string;
  rules: readonly RuleDefinition[];
  config: ScannerConfig;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
  /** Absolute deadline (performance.now() based) after which rules become unknown. */
  deadline?: number;
}

export interface RuleRunNotice {
  code: string;
  rule: string;
  path: string;
  line: number;
  message: string;
}

export interface RunRulesOutput {
  results: RuleResult[];
  notices: RuleRunNotice[];
  timeBudgetHit: boolean;
}

/** Does `meta` apply to this unit kind? "full" | "reduced" | null. */
export function applicability(rule: RuleDefinition, kind: UnitKind): "full" | "reduced" | null {
  if (rule.meta.appliesTo.includes(kind)) return "full";
  if (rule.meta.reducedFor?.includes(kind)) return "reduced";
  return null;
}

function isEnabled(rule: RuleDefinition, config: ScannerConfig): boolean {
  const s = config.rules[rule.meta.id];
  if (s?.enabled === false && rule.meta.opinionated) return false;
  if (rule.meta.defaultEnabled === false) return s?.enabled === true;
  return true;
}

/** A unit spanning the whole repository, used for repo-scoped rules. */
export function repoUnit(snapshot: RepoSnapshot, units: readonly Unit[], repoKind: string): Unit {
  const main = units.find((u) => u.path === ".") ?? units[0];
  const kind: UnitKind = repoKind === "monorepo" ? "service" : ((repoKind as UnitKind) ?? main?.kind ?? "service");
  return {
    path: ".",
    kind,
    kindConfidence: main?.kindConfidence ?? "low",
    ambiguous: main?.ambiguous ?? false,
    declared: false,
    manifests: units.flatMap((u) => u.manifests),
    languages: [...new Set(units.flatMap((u) => u.languages))],
    frameworks: units.flatMap((u) => u.frameworks),
    signals: [],
    files: snapshot.files.map((f) => f.path),
    loc: units.reduce((a, u) => a + u.loc, 0),
  };
}

const DEFAULT_ROLES = ["source", "dev"] as const;

function makeContext(
  snapshot: RepoSnapshot,
  unit: Unit,
  units: readonly Unit[],
  rule: RuleDefinition,
  options: Record<string, unknown>,
  scope: "unit" | "repo",
  startCache: Map<string, readonly StartCommand[]>,
  sink: { findings: FindingInput[]; evidence: EvidenceItem[] },
  scopeCache: Map<string, FileEntry[]>,
): RuleContext {
  let scopeFiles: FileEntry[] | undefined;
  const filterCache = new Map<string, FileEntry[]>();
  const ctx: RuleContext = {
    snapshot,
    unit,
    units,
    options: Object.freeze({ ...options }),
    files(filter: FileFilter = {}) {
      const key = JSON.stringify([filter.roles, filter.languages, filter.glob, filter.name?.source, filter.name?.flags, filter.includeSkipped]);
      const hit = filterCache.get(key);
      if (hit) return [...hit];
      if (!scopeFiles) {
        // classification v2: a deployable's internal libraries (ProjectReference, module and workspace
        // dependencies) run in its process — the rules of III–XII see their files; I and II stay per manifest
        const withLinks = scope === "unit" && !!unit.links?.length && rule.meta.factor !== "F01" && rule.meta.factor !== "F02";
        const sk = `${scope}\0${unit.path}\0${withLinks ? 1 : 0}`;
        scopeFiles = scopeCache.get(sk);
        if (!scopeFiles) {
          scopeFiles = scope === "repo" ? [...snapshot.files] : unitScopeFiles(snapshot, unit, withLinks);
          scopeCache.set(sk, scopeFiles);
        }
      }
      const roles = filter.roles ?? DEFAULT_ROLES;
      const isMatch = filter.glob ? picomatch(filter.glob as string | string[], { dot: true }) : null;
      const out = scopeFiles.filter((f) =>
        roles.includes(f.role) &&
        (filter.includeSkipped || !f.skipped) &&
        (!filter.languages || (f.language !== null && filter.languages.includes(f.language))) &&
        (!isMatch || isMatch(f.path)) &&
        (!filter.name || filter.name.test(f.path.slice(f.path.lastIndexOf("/") + 1))),
      );
      filterCache.set(key, out);
      return [...out];
    },
    startCommands() {
      let sc = startCache.get(unit.path + "\0" + scope);
      if (!sc) {
        sc = resolveStartCommands(snapshot, unit);
        startCache.set(unit.path + "\0" + scope, sc);
      }
      return sc;
    },
    report(f) {
      if (!f || typeof f.path !== "string" || typeof f.message !== "string") throw new Error(`rule ${rule.meta.id} reported an invalid finding`);
      sink.findings.push(f);
    },
    evidence(e) {
      sink.evidence.push({ path: e.path, line: e.line ?? null, note: e.note });
    },
    na: outcome.na,
    unknown: outcome.unknown,
    score: outcome.score,
  };
  return Object.freeze(ctx);
}

interface FinaliseEnv {
  snapshot: RepoSnapshot;
  rule: RuleDefinition;
  unit: Unit;
  reduced: boolean;
  config: ScannerConfig;
  pragmaCache: Map<string, InlinePragma[]>;
  notices: RuleRunNotice[];
}

const HADOLINT_MAP: Record<string, string> = {
  DL3006: "F02-BASE-IMAGE-UNPINNED", DL3007: "F02-BASE-IMAGE-UNPINNED",
  DL3008: "F02-OS-PACKAGE-UNPINNED", DL3018: "F02-OS-PACKAGE-UNPINNED", DL3033: "F02-OS-PACKAGE-UNPINNED", DL3037: "F02-OS-PACKAGE-UNPINNED", DL3041: "F02-OS-PACKAGE-UNPINNED",
  DL3013: "F02-ADHOC-PACKAGE-INSTALL", DL3016: "F02-ADHOC-PACKAGE-INSTALL", DL3028: "F02-ADHOC-PACKAGE-INSTALL", DL3062: "F02-ADHOC-PACKAGE-INSTALL",
  DL3025: "F09-SIGNAL-SAFE-ENTRYPOINT", DL3001: "F08-DAEMONIZE-OR-PIDFILE",
};

function finaliseFinding(input: FindingInput, env: FinaliseEnv): Finding {
  const { snapshot, rule, unit, config } = env;
  const meta = rule.meta;
  const file = snapshot.file(input.path);
  let severity: Severity = input.severity ?? meta.severity;
  let confidence: Confidence = input.confidence ?? meta.confidence;
  const adjustments: string[] = [];
  const override = config.rules[meta.id]?.severity;
  if (override && !input.severity) severity = override;
  if (file && meta.pathRoleDowngrade !== false) {
    if (file.role === "test" || file.role === "example") {
      severity = lowerSeverity(severity);
      confidence = lowerConfidence(confidence);
      adjustments.push(`${file.role} path`);
    } else if ((file.role === "dev" || file.env === "dev") && (meta.factor === "F03" || meta.factor === "F04")) {
      severity = lowerSeverity(severity);
      adjustments.push("dev-only file");
    }
  }
  if (env.reduced) {
    const before = severity;
    severity = minSeverity(severity, "low");
    if (before !== severity) adjustments.push(`reduced for ${unit.kind}`);
  }
  const secrets = input.secret === undefined ? [] : Array.isArray(input.secret) ? input.secret : [input.secret];
  const line = input.line ?? null;
  const rawSnippet = input.snippet ?? (line ? (snapshot.lines(input.path)[line - 1] ?? "").trim() : "");
  const clean = (s: string) => redactUriPassword(redactIn(s, secrets));
  const snippet = clipSnippet(clean(rawSnippet));
  const match = input.match ?? rawSnippet ?? "";
  const fp = fingerprint(meta.id, input.path, match || `${input.message}@${line ?? 0}`);
  const finding: Finding = {
    rule: meta.id,
    ruleVersion: meta.version,
    factor: meta.factor,
    ...(meta.alsoAffects?.length ? { alsoAffects: meta.alsoAffects } : {}),
    severity,
    confidence,
    message: clean(input.message),
    path: input.path,
    line,
    column: input.column ?? null,
    endLine: input.endLine ?? null,
    snippet,
    fingerprint: fp,
    locator: `${input.path}:${meta.id}:${line ?? 0}`,
    unit: unit.path,
    remediation: meta.remediation,
    ...(input.related?.length ? { related: input.related.map((r) => ({ ...r, note: clean(r.note) })) } : {}),
    ...(input.data ? { data: Object.fromEntries(Object.entries(input.data).map(([k, v]) => [k, typeof v === "string" ? clean(v) : v])) } : {}),
    waived: false,
    ...(adjustments.length ? { adjusted: adjustments.join(", ") } : {}),
  };

  // SD-13 inline pragma
  if (line && config.suppressions.allowInline && file) {
    let pragmas = env.pragmaCache.get(input.path);
    if (!pragmas) {
      const text = snapshot.text(input.path);
      pragmas = text && text.includes("twelve-factor-ignore") ? parsePragmas(snapshot.lines(input.path)) : [];
      env.pragmaCache.set(input.path, pragmas);
    }
    const p = pragmaFor(pragmas, meta.id, line);
    if (p) {
      if (!p.valid) {
        env.notices.push({ code: "PRAGMA-NO-REASON", rule: meta.id, path: input.path, line: p.line, message: "twelve-factor-ignore pragma without a reason of at least 15 characters is ignored" });
      } else if (meta.secret && severity === "critical") {
        env.notices.push({ code: "PRAGMA-REFUSED", rule: meta.id, path: input.path, line: p.line, message: "inline pragmas cannot waive critical secret findings; use a fingerprint waiver" });
      } else {
        finding.waived = true;
        finding.waiver = { id: `inline:${input.path}:${p.line}`, reason: p.reason!, source: "inline" };
      }
    }
  }
  // §5.3 upstream hadolint pragmas
  if (!finding.waived && line && file?.language === "dockerfile" && config.suppressions.honorUpstream.includes("hadolint")) {
    const codes = hadolintIgnores(snapshot.lines(input.path), line);
    const hit = codes.find((c) => HADOLINT_MAP[c] === meta.id);
    if (hit) {
      finding.waived = true;
      finding.waiver = { id: `upstream:hadolint:${hit}:${input.path}:${line}`, reason: `upstream: hadolint ignore=${hit}`, source: "upstream" };
    }
  }
  return finding;
}

/** Rule score from findings (RULES.md §4.2): max(0, 1 − Σ u·c), one count per file and message. */
export function violationScore(findings: readonly Finding[], includeWaived: boolean): number {
  const counted = new Map<string, number>();
  for (const f of findings) {
    if (f.waived && !includeWaived) continue;
    const key = `${f.path}\0${f.message}`;
    const pen = SEVERITY_PENALTY[f.severity] * CONFIDENCE_MULT[f.confidence];
    counted.set(key, Math.max(counted.get(key) ?? 0, pen));
  }
  let total = 0;
  for (const v of counted.values()) total += v;
  return Math.max(0, 1 - total);
}

export function buildResult(
  rule: RuleDefinition,
  unit: Unit,
  reduced: boolean,
  out: RuleOutcome | void,
  findings: Finding[],
  evidence: EvidenceItem[],
  durationMs: number,
): RuleResult {
  const meta = rule.meta;
  const weight = SEVERITY_WEIGHT[reduced ? minSeverity(meta.severity, "low") : meta.severity];
  const base = { rule: meta.id, version: meta.version, factor: meta.factor, kind: meta.kind, unit: unit.path, weight, findings, evidence, durationMs };
  if (out && out.type === "na" && findings.length === 0) return { ...base, status: "na", score: null, rawScore: null, confidence: meta.confidence, reason: out.reason };
  if (out && out.type === "unknown" && findings.length === 0) return { ...base, status: "unknown", score: null, rawScore: null, confidence: "low", reason: out.reason };
  if (meta.kind === "violation" && !(out && out.type === "score")) {
    const score = violationScore(findings, false);
    const rawScore = violationScore(findings, true);
    const open = findings.filter((f) => !f.waived);
    // Info findings are report-only (weight 0): a rule whose open findings are all info still passes.
    const material = open.filter((f) => f.severity !== "info");
    const status = findings.length === 0 ? "pass" : open.length === 0 ? "waived" : material.length === 0 ? "pass" : "fail";
    return { ...base, status, score, rawScore, confidence: meta.confidence, ...(out ? { reason: out.reason } : {}) };
  }
  // evidence rule (or a violation rule returning an explicit score)
  let s: number;
  let conf: Confidence = meta.confidence;
  let reason: string | undefined;
  let absence = false;
  if (out && out.type === "score") {
    s = out.score;
    if (out.confidence) conf = out.confidence;
    if (out.absence) {
      conf = "low";
      absence = true;
    }
    reason = out.reason;
  } else {
    s = evidence.length > 0 ? 1 : 0;
    if (s === 0) {
      conf = "low";
      absence = true;
      reason = "no evidence found";
    }
  }
  // violations reported by an evidence rule reduce it like a violation rule would
  const penalised = Math.min(s, s * violationScore(findings, false));
  const rawPenalised = Math.min(s, s * violationScore(findings, true));
  const status = penalised >= 0.999 ? "pass" : penalised <= 0.001 ? "fail" : "partial";
  return { ...base, status, score: penalised, rawScore: rawPenalised, confidence: conf, base: s, ...(absence ? { absence } : {}), ...(reason ? { reason } : {}) };
}

export function runRules(input: RunRulesInput): RunRulesOutput {
  const { snapshot, units, rules, config } = input;
  const results: RuleResult[] = [];
  const notices: RuleRunNotice[] = [];
  const startCache = new Map<string, readonly StartCommand[]>();
  const pragmaCache = new Map<string, InlinePragma[]>();
  const scopeCache = new Map<string, FileEntry[]>();
  const repo = repoUnit(snapshot, units, input.repoKind);
  let timeBudgetHit = false;
  let done = 0;
  const total = rules.length;

  const evaluate = (rule: RuleDefinition, unit: Unit, scope: "unit" | "repo", reduced: boolean): RuleResult => {
    const t0 = performance.now();
    if (input.deadline !== undefined && t0 > input.deadline) {
      timeBudgetHit = true;
      return buildResult(rule, unit, reduced, outcome.unknown("time budget exceeded"), [], [], 0);
    }
    const sink = { findings: [] as FindingInput[], evidence: [] as EvidenceItem[] };
    const options = { ...(config.rules[rule.meta.id] ?? {}) };
    delete options.enabled;
    delete options.severity;
    const ctx = makeContext(snapshot, unit, units, rule, options, scope, startCache, sink, scopeCache);
    let out: RuleOutcome | void;
    try {
      out = rule.check(ctx);
      if (out && typeof (out as unknown as Promise<unknown>).then === "function") throw new Error("check() must be synchronous");
      if (out && !["na", "unknown", "score"].includes((out as RuleOutcome).type)) throw new Error("check() returned an invalid outcome");
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return {
        rule: rule.meta.id, version: rule.meta.version, factor: rule.meta.factor, kind: rule.meta.kind, unit: unit.path,
        status: "errored", score: null, rawScore: null, weight: SEVERITY_WEIGHT[rule.meta.severity], confidence: "low",
        findings: [], evidence: [], error: msg.slice(0, 500), reason: "rule threw an error", durationMs: performance.now() - t0,
      };
    }
    const env: FinaliseEnv = { snapshot, rule, unit, reduced, config, pragmaCache, notices };
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const fi of sink.findings) {
      const f = finaliseFinding(fi, env);
      if (seen.has(f.fingerprint)) continue;
      seen.add(f.fingerprint);
      findings.push(f);
    }
    findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0)));
    const ev = sink.evidence.slice(0, 50);
    return buildResult(rule, unit, reduced, out, findings, ev, performance.now() - t0);
  };

  for (const rule of rules) {
    if (input.signal?.aborted) throw input.signal.reason ?? new Error("aborted");
    if (!isEnabled(rule, config)) {
      done++;
      continue;
    }
    if ((rule.meta.scope ?? "unit") === "repo") {
      const applicableUnits = units.filter((u) => applicability(rule, u.kind));
      if (!applicableUnits.length) {
        for (const u of units) results.push(buildResult(rule, u, false, outcome.na(`not applicable to ${u.kind}`), [], [], 0));
      } else {
        const allReduced = applicableUnits.every((u) => applicability(rule, u.kind) === "reduced");
        const r = evaluate(rule, repo, "repo", allReduced);
        // fan the single repo-level result out to every unit (RULES.md §4.7); its time is charged once, to the
        // first copy, so per-rule timings summed over units are not multiplied by the unit count (medusa: one
        // repo rule showed 165 s in an 11 s scan)
        let charged = false;
        const charge = (): number => (charged ? 0 : ((charged = true), r.durationMs));
        for (const u of units) {
          const app = applicability(rule, u.kind);
          if (!app) results.push(buildResult(rule, u, false, outcome.na(`not applicable to ${u.kind}`), [], [], 0));
          else {
            const reduced = app === "reduced";
            const findings = reduced ? r.findings.map((f) => ({ ...f, severity: minSeverity(f.severity, "low") })) : r.findings;
            const passthrough = r.status === "errored" || r.status === "unknown" || r.status === "na" || rule.meta.kind === "evidence";
            const rr = passthrough ? { ...r } : buildResult(rule, u, reduced, undefined, findings, r.evidence, 0);
            results.push({ ...rr, unit: u.path, durationMs: charge() });
          }
        }
      }
    } else {
      for (const u of units) {
        const app = applicability(rule, u.kind);
        if (!app) {
          results.push(buildResult(rule, u, false, outcome.na(`not applicable to ${u.kind}`), [], [], 0));
          continue;
        }
        results.push(evaluate(rule, u, "unit", app === "reduced"));
      }
    }
    done++;
    if (done % 5 === 0 || done === total) input.onProgress?.({ phase: "rules", done, total });
  }
  return { results, notices, timeBudgetHit };
}
