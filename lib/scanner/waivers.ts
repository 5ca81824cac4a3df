// Config waivers (RULES.md §5): match by rule + fingerprint or path globs, honour expiry, report
// WAIVER-EXPIRED / WAIVER-UNUSED, and re-score rule results with and without waivers.
import picomatch from "picomatch";
import type { Finding, Notice, RuleResult, Severity, WaiverSummary } from "./types.ts";
import type { ScannerConfig, Waiver } from "./config.ts";
import { violationScore } from "./run-rules.ts";

export interface WaiverOutcome {
  results: RuleResult[];
  notices: Notice[];
  summary: WaiverSummary;
}

function addDays(date: string, days: number): string {
  const d = new Date(date + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Re-compute status / score / rawScore of a result after its findings' waiver flags changed. */
export function rescore(r: RuleResult): RuleResult {
  if (r.status === "na" || r.status === "unknown" || r.status === "errored") return r;
  if (r.kind === "violation" && r.base === undefined) {
    const score = violationScore(r.findings, false);
    const rawScore = violationScore(r.findings, true);
    const open = r.findings.filter((f) => !f.waived);
    const status = r.findings.length === 0 ? "pass" : open.length === 0 ? "waived" : "fail";
    return { ...r, score, rawScore, status };
  }
  const base = r.base ?? r.score ?? 0;
  const score = Math.min(base, base * violationScore(r.findings, false));
  const rawScore = Math.min(base, base * violationScore(r.findings, true));
  const status = score >= 0.999 ? "pass" : score <= 0.001 ? "fail" : "partial";
  return { ...r, score, rawScore, status };
}

export function applyWaivers(results: readonly RuleResult[], config: ScannerConfig, today: string): WaiverOutcome {
  const notices: Notice[] = [];
  const used = new Set<string>();
  const expiredHit = new Set<string>();
  const matchers = config.waivers.map((w) => ({ w, isMatch: w.paths?.length ? picomatch(w.paths, { dot: true }) : null }));
  const matches = (w: Waiver, isMatch: ((p: string) => boolean) | null, f: Finding) =>
    w.rule === f.rule && (w.fingerprint ? w.fingerprint === f.fingerprint : isMatch ? isMatch(f.path) : false);

  const out = results.map((r) => {
    if (!r.findings.length) return r;
    let changed = false;
    const findings = r.findings.map((f) => {
      if (f.waived) return f;
      for (const { w, isMatch } of matchers) {
        if (!matches(w, isMatch, f)) continue;
        if (w.expires && w.expires < today) {
          expiredHit.add(w.id);
          continue;
        }
        used.add(w.id);
        changed = true;
        return { ...f, waived: true, waiver: { id: w.id, reason: w.reason, source: "config" as const, ...(w.expires ? { expires: w.expires } : {}) } };
      }
      return f;
    });
    return changed ? rescore({ ...r, findings }) : r;
  });

  for (const w of config.waivers) {
    if (expiredHit.has(w.id)) notices.push({ code: "WAIVER-EXPIRED", severity: "info", message: `waiver ${w.id} for ${w.rule} expired on ${w.expires}; the findings it covered count again`, rule: w.rule, path: config.path ?? undefined, line: w.line });
    else if (!used.has(w.id)) notices.push({ code: "WAIVER-UNUSED", severity: "info", message: `waiver ${w.id} for ${w.rule} matches no finding; remove it`, rule: w.rule, path: config.path ?? undefined, line: w.line });
  }

  // summary over unique findings
  const bySeverity: Partial<Record<Severity, number>> = {};
  const seen = new Set<string>();
  let active = 0;
  for (const r of out) for (const f of r.findings) {
    if (!f.waived || seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    active++;
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  }
  const soon = addDays(today, 30);
  const summary: WaiverSummary = {
    active,
    bySeverity,
    expiringSoon: config.waivers.filter((w) => w.expires && w.expires >= today && w.expires <= soon && used.has(w.id)).map((w) => ({ id: w.id, rule: w.rule, expires: w.expires! })),
    expired: config.waivers.filter((w) => w.expires && w.expires < today).map((w) => ({ id: w.id, rule: w.rule, expires: w.expires! })),
    unused: config.waivers.filter((w) => !used.has(w.id) && !expiredHit.has(w.id)).map((w) => ({ id: w.id, rule: w.rule })),
    naDeclarations: config.factors.map((f) => ({ factor: f.factor, units: f.units ?? ["*"], reason: f.reason })),
  };
  return { results: out, notices, summary };
}
