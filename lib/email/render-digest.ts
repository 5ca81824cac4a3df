// Renders the digest into the parts of one message: subject, HTML (React Email) and plain text.
import { render } from "@react-email/render";
import { createElement } from "react";
import type { OrgDigest } from "../db/digest.ts";
import { DigestEmail, previewLine } from "./digest-email.tsx";
import { fmtDelta, fmtScore, fmtSeverity, fmtStatus, fmtWeek, plural } from "./format.ts";
import type { DigestLinks } from "./links.ts";

export type RenderedDigest = { subject: string; html: string; text: string };

export function digestSubject(d: OrgDigest): string {
  const grade = d.score.gradeNow ? `grade ${d.score.gradeNow}, ${fmtScore(d.score.now)}` : "no score yet";
  return `${d.org.name} weekly twelvefactor report: ${grade} (${fmtDelta(d.score.delta)})`;
}

export async function renderDigest(d: OrgDigest, links: DigestLinks, recipientName: string | null): Promise<RenderedDigest> {
  const html = await render(createElement(DigestEmail, { digest: d, links, recipientName }));
  return { subject: digestSubject(d), html, text: digestText(d, links, recipientName) };
}

const BAR_WIDTH = 20;

/** The plain-text part: the same content as the HTML, readable in a terminal. */
export function digestText(d: OrgDigest, links: DigestLinks, recipientName: string | null): string {
  const out: string[] = [];
  const line = (s = "") => out.push(s);
  line(`${d.org.name} - weekly twelvefactor report, ${fmtWeek(d.week)}`);
  line("=".repeat(Math.min(72, out[0]!.length)));
  if (recipientName) line(`Hi ${recipientName}, here is what changed this week.`);
  line();
  line(`Grade ${d.score.gradeNow ?? "-"}, score ${fmtScore(d.score.now)} / 100 (${fmtDelta(d.score.delta)} since last week${d.score.gradeBefore && d.score.gradeBefore !== d.score.gradeNow ? `, was ${d.score.gradeBefore}` : ""})`);
  line(`${plural(d.score.reposScored, "repository", "repositories")} scored, ${plural(d.scansThisWeek, "scan")} this week.`);
  line(previewLine(d));
  line();
  line(`Trend (org score, last ${d.trend.length} weeks)`);
  for (const p of d.trend) {
    const bar = p.score === null ? "" : "#".repeat(Math.round((p.score / 100) * BAR_WIDTH));
    line(`  ${p.week}  ${bar.padEnd(BAR_WIDTH)}  ${fmtScore(p.score)}`);
  }
  line();
  const movers = (title: string, moves: OrgDigest["regressions"], none: string) => {
    line(title);
    if (!moves.length) line(`  ${none}`);
    for (const m of moves) {
      line(`  ${m.name}: ${fmtScore(m.before)} -> ${fmtScore(m.now)} (${fmtDelta(m.delta)})  ${links.repo(m.id)}`);
      for (const c of m.factorChanges) line(`    ${c.roman} ${c.name}: ${fmtStatus(c.before)} -> ${fmtStatus(c.now)}`);
    }
    line();
  };
  movers("Top regressions", d.regressions, "No repository lost points this week.");
  movers("Top improvements", d.improvements, "No repository gained points this week.");
  line("New high and critical findings");
  if (!d.newFindings.length) line("  None this week.");
  for (const f of d.newFindings) {
    line(`  [${fmtSeverity(f.severity)}] ${f.repoName}: ${f.message}${f.path ? ` (${f.path}${f.line ? `:${f.line}` : ""})` : ""}`);
    line(`    ${links.repo(f.repoId)}`);
  }
  if (d.newFindingsTotal > d.newFindings.length) line(`  ...and ${d.newFindingsTotal - d.newFindings.length} more in the dashboard.`);
  line();
  line("Fix these first");
  if (!d.topFixes.length) line("  Nothing to fix: no open findings above info.");
  d.topFixes.forEach((fix, i) => {
    line(`  ${i + 1}. ${fix.ruleId} (${fmtSeverity(fix.severity)}, ${plural(fix.repos.length, "repository", "repositories")}, factor ${fix.factor})`);
    if (fix.remediation) line(`     ${fix.remediation}`);
    line(`     In: ${fix.repos.map((r) => r.name).join(", ")}`);
  });
  line();
  line("Factors (pass / partial / fail, average, change)");
  for (const f of d.factors) {
    const label = `${f.roman} ${f.name}`.padEnd(24);
    line(`  ${label} ${`${f.now.pass} / ${f.now.partial} / ${f.now.fail}`.padEnd(12)} ${fmtScore(f.now.avgScore).padStart(5)}  ${f.avgDelta === null ? "-" : fmtDelta(f.avgDelta)}`);
  }
  line();
  line(`Scorecard: ${links.org}`);
  line();
  line("--");
  line(`You get this weekly report because you follow ${d.org.name} on twelvefactor.`);
  line(`Manage email preferences: ${links.preferences}`);
  line(`Unsubscribe: ${links.unsubscribe}`);
  return out.join("\n") + "\n";
}
