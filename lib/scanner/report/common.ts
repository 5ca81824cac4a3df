// Helpers shared by the human-readable renderers.
import type { FactorReport, Finding, ScanReport, Severity } from "../types.ts";

export function fmtScore(n: number | null): string {
  return n === null ? "—" : Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function bar(score: number | null, width = 20): string {
  if (score === null) return "·".repeat(width);
  const full = Math.round((Math.max(0, Math.min(100, score)) / 100) * width);
  return "█".repeat(full) + "░".repeat(width - full);
}

export const SEVERITY_LABEL: Record<Severity, string> = { critical: "CRIT", high: "HIGH", medium: "MED", low: "LOW", info: "INFO" };

export function openFindings(f: FactorReport): Finding[] {
  return f.findings.filter((x) => !x.waived);
}

export function allFindings(report: ScanReport): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of report.factors) for (const x of f.findings) {
    if (seen.has(x.fingerprint)) continue;
    seen.add(x.fingerprint);
    out.push(x);
  }
  return out;
}

export function loc(f: Finding): string {
  return f.line ? `${f.path}:${f.line}` : f.path;
}

export function factorStatusLabel(f: FactorReport): string {
  if (f.status === "na") return f.insufficient ? "insufficient" : "n/a";
  return f.status + (f.insufficient ? "?" : "");
}
