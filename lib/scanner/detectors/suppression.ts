// SD-13 inline suppression comments:
//   twelve-factor-ignore F06-PROCESS-LOCAL-STATE[,F07-…] -- <reason of at least 15 characters>
// Recognised on the same line or the line immediately above, in any comment syntax.
export interface InlinePragma {
  line: number;
  rules: string[];
  reason: string | null;
  /** Missing or too-short reason: the pragma is ignored and reported (PRAGMA-NO-REASON). */
  valid: boolean;
}

const PRAGMA_RE = /twelve-factor-ignore\s+([A-Z0-9*][A-Z0-9-]*(?:\s*,\s*[A-Z0-9][A-Z0-9-]*)*)(?:\s+--\s*(.*?))?\s*(?:\*\/|-->|#\}|%>)?\s*$/;

export function parsePragmas(lines: readonly string[]): InlinePragma[] {
  const out: InlinePragma[] = [];
  lines.forEach((l, i) => {
    if (!l.includes("twelve-factor-ignore")) return;
    const m = PRAGMA_RE.exec(l);
    if (!m) return;
    const rules = m[1].split(",").map((r) => r.trim()).filter(Boolean);
    const reason = m[2]?.trim() || null;
    out.push({ line: i + 1, rules, reason, valid: !!reason && reason.length >= 15 && !rules.includes("*") });
  });
  return out;
}

/** Pragma that covers `ruleId` at `line` (same line or the line above). */
export function pragmaFor(pragmas: readonly InlinePragma[], ruleId: string, line: number): InlinePragma | undefined {
  return pragmas.find((p) => (p.line === line || p.line === line - 1) && p.rules.includes(ruleId));
}

/** hadolint `# hadolint ignore=DL3006,DL3007` on the line above an instruction. */
export function hadolintIgnores(lines: readonly string[], line: number): string[] {
  const prev = lines[line - 2];
  if (!prev) return [];
  const m = /#\s*hadolint\s+ignore=([A-Z0-9,\s]+)/i.exec(prev);
  return m ? m[1].split(",").map((s) => s.trim().toUpperCase()).filter(Boolean) : [];
}
