// The rule contract. One rule per file (`lib/scanner/rules/<rule-id-lowercase>.ts`) exporting
// `defineRule({ meta, check })`. `check` is a pure function of the read-only snapshot and the unit:
// no fs, network, env or clock. See lib/scanner/AUTHORING.md.
import type {
  Confidence, EvidenceInput, FileEntry, FindingInput, Language, PathRole, RuleMeta, RuleOutcome, Unit,
} from "../types.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";
import type { StartCommand } from "../detectors/start-command.ts";

export interface FileFilter {
  /** Path roles to include (default: ["source", "dev"] — vendor/test/example excluded). */
  roles?: readonly PathRole[];
  languages?: readonly Language[];
  /** picomatch glob(s) on the repo-relative path. */
  glob?: string | readonly string[];
  /** Predicate on the file name (basename). */
  name?: RegExp;
  /** Include files whose content is unavailable (binary/oversized…). Default false. */
  includeSkipped?: boolean;
}

export interface RuleContext {
  readonly snapshot: RepoSnapshot;
  /** The unit being evaluated (for repo-scoped rules: a repo-wide unit covering every file). */
  readonly unit: Unit;
  readonly units: readonly Unit[];
  /** `rules.<RULE-ID>` options from .twelve-factor.yml (validated by nothing but the rule itself). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Files in scope: the unit's own files plus files that belong to no unit, filtered. Sorted by path. */
  files(filter?: FileFilter): FileEntry[];
  /** SD-4 production start commands of the unit (memoised). */
  startCommands(): readonly StartCommand[];
  /** Report a violation (violation rules) — or a negative observation on an evidence rule. */
  report(finding: FindingInput): void;
  /** Record positive evidence (shown in reports; evidence rules score 1.0 when any exists and no score is returned). */
  evidence(item: EvidenceInput): void;
  /** The rule does not apply (precondition absent: no Dockerfile, no database…). Never a free pass. */
  na(reason: string): RuleOutcome;
  /** The rule could not decide (unparseable input, unsupported language): lowers confidence, not the score. */
  unknown(reason: string): RuleOutcome;
  /** Evidence-rule score in [0,1]. `absence: true` marks a score derived from missing evidence (confidence forced low). */
  score(value: number, opts?: { confidence?: Confidence; reason?: string; absence?: boolean }): RuleOutcome;
}

export interface RuleDefinition {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): RuleOutcome | void;
}

const ID_RE = /^F(0[1-9]|1[0-2])-[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

/** Define a rule; validates the metadata eagerly so a malformed rule fails at import time. */
export function defineRule(def: RuleDefinition): RuleDefinition {
  const m = def.meta;
  const problems: string[] = [];
  if (!ID_RE.test(m.id)) problems.push(`id "${m.id}" must look like F07-HARDCODED-LISTEN-PORT`);
  if (!m.id.startsWith(m.factor + "-")) problems.push(`id "${m.id}" must start with its factor ${m.factor}`);
  if (!Number.isInteger(m.version) || m.version < 1) problems.push("version must be a positive integer");
  if (!m.appliesTo.length && !(m.reducedFor ?? []).length) problems.push("appliesTo must list at least one unit kind");
  for (const k of ["title", "rationale", "remediation"] as const) if (!m[k] || m[k].trim().length < 10) problems.push(`${k} is required (≥ 10 chars)`);
  if (!m.docs?.bad?.length || !m.docs?.good?.length) problems.push("docs.bad and docs.good need at least one example each");
  if (!m.sources?.length) problems.push("sources must cite at least one source");
  if (typeof def.check !== "function") problems.push("check must be a function");
  if (problems.length) throw new Error(`invalid rule ${m.id}: ${problems.join("; ")}`);
  return Object.freeze({ meta: Object.freeze({ ...m }), check: def.check });
}

/** Outcome helpers usable outside a context (e.g. in shared helpers). */
export const outcome = {
  na: (reason: string): RuleOutcome => ({ type: "na", reason }),
  unknown: (reason: string): RuleOutcome => ({ type: "unknown", reason }),
  score: (score: number, opts: { confidence?: Confidence; reason?: string; absence?: boolean } = {}): RuleOutcome => ({ type: "score", score: Math.max(0, Math.min(1, score)), ...opts }),
};
