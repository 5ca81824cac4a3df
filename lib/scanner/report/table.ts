// Human report for terminals: grade, a per-factor table with bars, then findings with snippets
// and remediation, waivers and skipped inputs. Colour only when asked (the CLI passes isTTY).
import type { ScanReport, Severity } from "../types.ts";
import { allFindings, bar, factorStatusLabel, fmtScore, loc, openFindings, SEVERITY_LABEL } from "./common.ts";

const C = { reset: "\x1b[0m", bold: "\x1b[1m", dim: "\x1b[2m", red: "\x1b[31m", green: "\x1b[32m", yellow: "\x1b[33m", cyan: "\x1b[36m", magenta: "\x1b[35m" };

export interface TableOptions {
  color?: boolean;
  /** Max findings listed (default 50). */
  maxFindings?: number;
}

export function renderTable(report: ScanReport, opts: TableOptions = {}): string {
  const color = opts.color ?? false;
  const c = (code: keyof typeof C, s: string) => (color ? C[code] + s + C.reset : s);
  const sevColor = (s: Severity) => (s === "critical" || s === "high" ? "red" : s === "medium" ? "yellow" : "dim") as keyof typeof C;
  const statusColor = (s: string) => (s.startsWith("pass") ? "green" : s.startsWith("partial") ? "yellow" : s.startsWith("fail") ? "red" : "dim") as keyof typeof C;
  const out: string[] = [];
  out.push(c("bold", `twelvefactor ${report.scanner.version}`) + c("dim", ` · rules ${report.scanner.rulesVersion}`));
  out.push(`Repository: ${report.repo.path}${report.repo.commit ? c("dim", ` @ ${report.repo.commit.slice(0, 12)}`) : ""}`);
  out.push(`Kind: ${report.kind} (${report.kindConfidence} confidence)` + (report.units.length > 1 ? ` · ${report.units.length} units` : ""));
  const waiverNote = report.rawScore !== null && report.rawScore !== report.score ? c("dim", ` (without waivers ${fmtScore(report.rawScore)})`) : "";
  out.push(c("bold", `Score: ${fmtScore(report.score)}   Grade: ${report.gradeLabel}`) + waiverNote + `   Confidence: ${report.confidence}` + (report.gatesApplied.length ? c("dim", `   gates: ${report.gatesApplied.join(", ")}`) : ""));
  out.push("");
  if (report.units.length > 1) {
    out.push(c("bold", "Units"));
    for (const u of report.units) out.push(`  ${u.path.padEnd(30)} ${u.kind.padEnd(8)} ${fmtScore(u.score).padStart(5)}  ${u.gradeLabel}`);
    out.push("");
  }
  out.push(c("bold", "  Factor                    Score  " + "".padEnd(20) + "  Status        Conf    Top finding"));
  for (const f of report.factors) {
    const top = openFindings(f)[0];
    const label = factorStatusLabel(f);
    const topText = top ? `${SEVERITY_LABEL[top.severity]} ${top.rule}` : f.status === "na" ? c("dim", (f.reason ?? "").slice(0, 50)) : "";
    out.push(
      `  ${f.id.padEnd(5)}${f.name.padEnd(21)}${fmtScore(f.score).padStart(5)}  ${c(statusColor(label), bar(f.score))}  ${c(statusColor(label), label.padEnd(12))}  ${(f.status === "na" ? "—" : f.confidence).padEnd(6)}  ${topText}`,
    );
  }
  out.push("");
  const findings = allFindings(report).filter((f) => !f.waived);
  const max = opts.maxFindings ?? 50;
  out.push(c("bold", `Findings (${findings.length} open${report.waivers.active ? `, ${report.waivers.active} waived` : ""})`));
  if (!findings.length) out.push(c("dim", "  none"));
  for (const f of findings.slice(0, max)) {
    out.push(`  ${c(sevColor(f.severity), SEVERITY_LABEL[f.severity].padEnd(4))} ${c("cyan", f.rule)}  ${loc(f)}` + c("dim", ` (${f.confidence} confidence${f.adjusted ? `; ${f.adjusted}` : ""})`));
    out.push(`       ${f.message}`);
    if (f.snippet) for (const l of f.snippet.split("\n")) out.push(c("dim", `       > ${l}`));
    out.push(c("dim", `       fix: ${f.remediation}`));
  }
  if (findings.length > max) out.push(c("dim", `  … ${findings.length - max} more (use --format json for all)`));
  const evidence = report.factors.flatMap((f) => f.evidence.flatMap((e) => e.items.slice(0, 2).map((i) => ({ rule: e.rule, ...i }))));
  if (evidence.length) {
    out.push("");
    out.push(c("bold", "Evidence"));
    for (const e of evidence.slice(0, 20)) out.push(`  ${c("green", "✓")} ${e.note} ${c("dim", `(${e.path}${e.line ? ":" + e.line : ""}, ${e.rule})`)}`);
  }
  const notes: string[] = [];
  for (const n of report.notices) notes.push(`  ${n.code}: ${n.message}${n.path ? c("dim", ` (${n.path}${n.line ? ":" + n.line : ""})`) : ""}`);
  if (notes.length) {
    out.push("");
    out.push(c("bold", "Notices"));
    out.push(...notes);
  }
  const sk = report.skipped;
  const parts = Object.entries(sk.byReason).map(([k, v]) => `${k} ${v}`);
  out.push("");
  out.push(c("dim", `Scanned ${report.stats.files} files (${report.stats.filesRead} read, ${(report.stats.bytesRead / 1024).toFixed(0)} KB) in ${report.timings.totalMs ?? 0} ms` + (parts.length ? `; skipped: ${parts.join(", ")}` : "") + (sk.parseErrors.length ? `; ${sk.parseErrors.length} parse error(s)` : "") + (sk.rules.length ? `; ${sk.rules.length} rule(s) errored/unknown` : "") + (sk.limitsHit.length ? `; limits hit: ${sk.limitsHit.join(", ")}` : "")));
  return out.join("\n") + "\n";
}
