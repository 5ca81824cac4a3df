// `.twelve-factor.yml` (RULES.md §5.1–5.2): parsed with zod, then validated against the rule
// catalog. Invalid entries are ignored and reported as CONFIG-* notices; they never abort a scan.
import { z } from "zod";
import { LineCounter, parseDocument, isSeq } from "yaml";
import type { FactorCode, RuleMeta, Severity, UnitKind } from "./types.ts";
import { SEVERITIES, UNIT_KINDS } from "./types.ts";

export const CONFIG_FILE_NAMES = [".twelve-factor.yml", ".twelve-factor.yaml", ".config/twelve-factor.yml"];

export interface ConfigNotice {
  code: string; // CONFIG-INVALID, CONFIG-WAIVER-REJECTED, …
  message: string;
  line?: number;
}

export interface Waiver {
  id: string;
  rule: string;
  paths: string[] | null;
  fingerprint: string | null;
  reason: string;
  owner: string | null;
  ticket: string | null;
  /** YYYY-MM-DD (inclusive last day), null when absent. */
  expires: string | null;
  line?: number;
}

export interface FactorNaDeclaration {
  factor: FactorCode;
  units: string[] | null;
  reason: string;
}

export interface RuleSettings {
  enabled?: boolean;
  severity?: Severity;
  [option: string]: unknown;
}

export interface ScannerConfig {
  path: string | null;
  units: { path: string; kind: UnitKind }[];
  factors: FactorNaDeclaration[];
  rules: Record<string, RuleSettings>;
  waivers: Waiver[];
  suppressions: { allowInline: boolean; honorUpstream: string[]; honorUpstreamSecretPragmas: boolean };
  scoring: { factorWeights: Partial<Record<FactorCode, number>>; includeInsufficient: boolean; strictTestParity: boolean };
  notices: ConfigNotice[];
}

export function emptyConfig(): ScannerConfig {
  return {
    path: null,
    units: [],
    factors: [],
    rules: {},
    waivers: [],
    suppressions: { allowInline: true, honorUpstream: ["hadolint", "kube-score", "polaris", "eslint"], honorUpstreamSecretPragmas: false },
    scoring: { factorWeights: {}, includeInsufficient: false, strictTestParity: false },
    notices: [],
  };
}

const factorKey = z.string().regex(/^(F(0[1-9]|1[0-2])|I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$/);
const configSchema = z.object({
  version: z.union([z.literal(1), z.literal("1")]).optional(),
  units: z.array(z.object({ path: z.string().min(1), kind: z.enum(UNIT_KINDS as [UnitKind, ...UnitKind[]]) })).optional(),
  factors: z.record(factorKey, z.object({ applicable: z.boolean().optional(), units: z.array(z.string()).optional(), reason: z.string().optional() })).optional(),
  rules: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  waivers: z.array(z.record(z.string(), z.unknown())).optional(),
  suppressions: z.object({
    allowInline: z.boolean().optional(),
    honorUpstream: z.array(z.string()).optional(),
    honorUpstreamSecretPragmas: z.boolean().optional(),
  }).optional(),
  scoring: z.object({
    factorWeights: z.record(factorKey, z.number().min(0).max(10)).optional(),
    includeInsufficient: z.boolean().optional(),
    strictTestParity: z.boolean().optional(),
  }).optional(),
}).passthrough();

const ROMAN: Record<string, FactorCode> = { I: "F01", II: "F02", III: "F03", IV: "F04", V: "F05", VI: "F06", VII: "F07", VIII: "F08", IX: "F09", X: "F10", XI: "F11", XII: "F12" };
const toFactorCode = (k: string): FactorCode => (ROMAN[k] ?? k) as FactorCode;

const LAZY_REASON_RE = /^\s*(false[ -]?positive|n\/?a|ignore|ignored|wontfix|won't fix|not needed|todo|tbd|fp|none|-)\s*[.!]?\s*$/i;

export function isAcceptableReason(reason: unknown): reason is string {
  if (typeof reason !== "string") return false;
  const r = reason.trim();
  if (r.length < 15) return false;
  if (LAZY_REASON_RE.test(r)) return false;
  // "false positive" alone (even padded) is lazy; "false-positive: <explanation>" is fine
  if (/^false[ -]?positive\W*$/i.test(r)) return false;
  return true;
}

/** Parse the YAML text into a config (syntax + schema only). */
export function parseConfig(text: string, path: string | null): ScannerConfig {
  const cfg = emptyConfig();
  cfg.path = path;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    cfg.notices.push({ code: "CONFIG-INVALID", message: `config file is not valid YAML: ${doc.errors[0].message.split("\n")[0]}`, line: doc.errors[0].linePos?.[0]?.line });
    return cfg;
  }
  const raw = doc.toJS() ?? {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    cfg.notices.push({ code: "CONFIG-INVALID", message: `config file does not match the schema at ${issue.path.join(".") || "(root)"}: ${issue.message}` });
    return cfg;
  }
  const c = parsed.data;
  const waiverLines: number[] = [];
  const wNode = doc.get("waivers", true);
  if (isSeq(wNode)) {
    for (const item of wNode.items) {
      const range = (item as { range?: [number, number, number] } | null)?.range;
      waiverLines.push(range ? lc.linePos(range[0]).line : 0);
    }
  }
  cfg.units = (c.units ?? []).map((u) => ({ path: u.path.replace(/^\.\//, "").replace(/\/$/, "") || ".", kind: u.kind }));
  for (const [k, v] of Object.entries(c.factors ?? {})) {
    if (v.applicable === false) {
      if (!isAcceptableReason(v.reason)) {
        cfg.notices.push({ code: "CONFIG-NA-NO-REASON", message: `factor ${k} declared not applicable without an acceptable reason (≥ 15 characters); declaration ignored` });
        continue;
      }
      cfg.factors.push({ factor: toFactorCode(k), units: v.units ?? null, reason: v.reason!.trim() });
    }
  }
  cfg.rules = (c.rules ?? {}) as Record<string, RuleSettings>;
  (c.waivers ?? []).forEach((w, i) => {
    const line = waiverLines[i] || undefined;
    const rule = typeof w.rule === "string" ? w.rule : "";
    const id = typeof w.id === "string" && w.id ? w.id : `W-${String(i + 1).padStart(3, "0")}`;
    const paths = Array.isArray(w.paths) ? w.paths.filter((p): p is string => typeof p === "string") : typeof w.path === "string" ? [w.path] : null;
    const expiresRaw = (w.expires as unknown) instanceof Date ? (w.expires as Date).toISOString().slice(0, 10) : typeof w.expires === "string" ? w.expires : null;
    if (!rule) {
      cfg.notices.push({ code: "CONFIG-WAIVER-REJECTED", message: `waiver ${id}: "rule" is required`, line });
      return;
    }
    if (expiresRaw !== null && !/^\d{4}-\d{2}-\d{2}$/.test(expiresRaw)) {
      cfg.notices.push({ code: "CONFIG-WAIVER-REJECTED", message: `waiver ${id}: "expires" must be a YYYY-MM-DD date`, line });
      return;
    }
    cfg.waivers.push({
      id,
      rule,
      paths,
      fingerprint: typeof w.fingerprint === "string" ? w.fingerprint : null,
      reason: typeof w.reason === "string" ? w.reason.trim() : "",
      owner: typeof w.owner === "string" ? w.owner : null,
      ticket: typeof w.ticket === "string" ? w.ticket : null,
      expires: expiresRaw,
      line,
    });
  });
  const s = c.suppressions ?? {};
  cfg.suppressions = {
    allowInline: s.allowInline ?? true,
    honorUpstream: s.honorUpstream ?? cfg.suppressions.honorUpstream,
    honorUpstreamSecretPragmas: s.honorUpstreamSecretPragmas ?? false,
  };
  const sc = c.scoring ?? {};
  cfg.scoring = {
    factorWeights: Object.fromEntries(Object.entries(sc.factorWeights ?? {}).map(([k, v]) => [toFactorCode(k), v])),
    includeInsufficient: sc.includeInsufficient ?? false,
    strictTestParity: sc.strictTestParity ?? false,
  };
  return cfg;
}

function addDays(date: string, days: number): string {
  const d = new Date(date + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** RULES.md §5.2 validation against the catalog. Returns a config with rejected entries removed. */
export function validateConfig(cfg: ScannerConfig, catalog: readonly RuleMeta[], today: string): ScannerConfig {
  const byId = new Map(catalog.map((m) => [m.id, m]));
  const notices = [...cfg.notices];
  const waivers: Waiver[] = [];
  for (const w of cfg.waivers) {
    const meta = byId.get(w.rule);
    const reject = (why: string) => notices.push({ code: "CONFIG-WAIVER-REJECTED", message: `waiver ${w.id} (${w.rule}): ${why}`, line: w.line });
    if (w.rule === "*") {
      reject('rule "*" is not allowed');
      continue;
    }
    if (!meta) {
      reject("unknown rule id");
      continue;
    }
    if (!isAcceptableReason(w.reason)) {
      reject("a reason of at least 15 characters is required (lazy phrases such as \"false positive\" need an explanation)");
      continue;
    }
    if (!w.paths?.length && !w.fingerprint) {
      reject('needs "paths" (globs) or "fingerprint"');
      continue;
    }
    const strong = meta.severity === "critical" || meta.severity === "high";
    if (strong && !w.expires) {
      reject(`"expires" is required for ${meta.severity} rules`);
      continue;
    }
    if (w.expires && w.expires > addDays(today, 365)) {
      reject("expiry may be at most 365 days ahead");
      continue;
    }
    if (meta.secret && !w.fingerprint) {
      reject("secret rules can only be waived by fingerprint (a glob would also hide the next secret)");
      continue;
    }
    if (meta.secret && w.paths?.length) {
      reject("secret rules cannot be waived by path glob");
      continue;
    }
    if (strong && w.paths?.some((p) => p === "**" || p === "**/*" || p === "*")) {
      reject("a catch-all glob is not allowed for critical/high rules");
      continue;
    }
    waivers.push(w);
  }
  const rules: Record<string, RuleSettings> = {};
  for (const [id, settings] of Object.entries(cfg.rules)) {
    const meta = byId.get(id);
    if (!meta) {
      notices.push({ code: "CONFIG-UNKNOWN-RULE", message: `rules.${id}: unknown rule id; ignored` });
      continue;
    }
    const s: RuleSettings = { ...settings };
    if (s.enabled === false && !meta.opinionated) {
      notices.push({ code: "CONFIG-RULE-NOT-DISABLEABLE", message: `rules.${id}.enabled: only opinionated rules can be disabled; kept enabled` });
      delete s.enabled;
    }
    if (s.severity !== undefined) {
      const from = SEVERITIES.indexOf(meta.severity);
      const to = SEVERITIES.indexOf(s.severity as Severity);
      if (to === -1 || to < from || to > from + 1 || (meta.secret && meta.severity === "critical")) {
        notices.push({ code: "CONFIG-SEVERITY-REJECTED", message: `rules.${id}.severity: may only lower the severity by one level (and never for critical secret rules); ignored` });
        delete s.severity;
      }
    }
    rules[id] = s;
  }
  return { ...cfg, waivers, rules, notices };
}
