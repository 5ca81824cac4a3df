// Markdown report (PR comments, job summaries, the dashboard's export).
import type { ScanReport } from "../types.ts";
import { allFindings, factorStatusLabel, fmtScore, loc, SEVERITY_LABEL } from "./common.ts";

const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const STATUS_ICON: Record<string, string> = { pass: "✅", partial: "🟡", fail: "❌", na: "➖" };

export function renderMarkdown(report: ScanReport, opts: { maxFindings?: number } = {}): string {
  const out: string[] = [];
  out.push(`# Twelve-factor report: ${esc(report.repo.path)}`);
  out.push("");
  out.push(`**Grade ${report.gradeLabel}** · score ${fmtScore(report.score)}/100` + (report.rawScore !== report.score ? ` (${fmtScore(report.rawScore)} without waivers)` : "") + ` · confidence ${report.confidence} · kind \`${report.kind}\``);
  out.push("");
  out.push(`<sub>scanner ${report.scanner.version} · rules ${report.scanner.rulesVersion}${report.repo.commit ? ` · commit \`${report.repo.commit.slice(0, 12)}\`` : ""}</sub>`);
  out.push("");
  if (report.units.length > 1) {
    out.push("| Unit | Kind | Score | Grade |");
    out.push("|---|---|---:|---|");
    for (const u of report.units) out.push(`| \`${esc(u.path)}\` | ${u.kind} | ${fmtScore(u.score)} | ${u.gradeLabel} |`);
    out.push("");
  }
  out.push("| Factor | Score | Status | Confidence | Open findings |");
  out.push("|---|---:|---|---|---:|");
  for (const f of report.factors) {
    out.push(`| ${f.id}. ${f.name} | ${fmtScore(f.score)} | ${STATUS_ICON[f.status] ?? ""} ${factorStatusLabel(f)} | ${f.status === "na" ? "—" : f.confidence} | ${f.findings.filter((x) => !x.waived).length} |`);
  }
  out.push("");
  const findings = allFindings(report).filter((f) => !f.waived);
  const max = opts.maxFindings ?? 100;
  out.push(`## Findings (${findings.length})`);
  out.push("");
  if (!findings.length) out.push("No open findings.");
  for (const f of findings.slice(0, max)) {
    out.push(`- **${SEVERITY_LABEL[f.severity]}** \`${f.rule}\` — \`${esc(loc(f))}\`: ${esc(f.message)}`);
    if (f.snippet) out.push(`  \`\`\`\n  ${f.snippet.split("\n").join("\n  ")}\n  \`\`\``);
    out.push(`  *Fix:* ${esc(f.remediation)}`);
  }
  if (findings.length > max) out.push(`- … ${findings.length - max} more`);
  const waived = allFindings(report).filter((f) => f.waived);
  if (waived.length) {
    out.push("");
    out.push(`## Waived (${waived.length})`);
    out.push("");
    for (const f of waived) out.push(`- \`${f.rule}\` \`${esc(loc(f))}\` — ${esc(f.waiver?.reason ?? "")}${f.waiver?.expires ? ` (expires ${f.waiver.expires})` : ""}`);
  }
  if (report.notices.length) {
    out.push("");
    out.push("## Notices");
    out.push("");
    for (const n of report.notices) out.push(`- \`${n.code}\` ${esc(n.message)}`);
  }
  const sk = report.skipped;
  if (sk.total || sk.parseErrors.length || sk.rules.length) {
    out.push("");
    out.push(`<sub>Skipped ${sk.total} file(s) (${Object.entries(sk.byReason).map(([k, v]) => `${k}: ${v}`).join(", ") || "none"}); ${sk.parseErrors.length} parse error(s); ${sk.rules.length} rule(s) errored or undecided.</sub>`);
  }
  return out.join("\n") + "\n";
}
