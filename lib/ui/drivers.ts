// How a factor card words what raised its score. A passing *evidence* rule is a practice the scanner
// found ("Listening port comes from configuration"): it raised the score. A passing *violation* rule
// is a problem the scanner looked for and did not find ("Source code without a dependency manifest"):
// listed as checked and clear, not as "raised by", which would read as if the problem were present.
// Titles come from the rule catalog; unknown ids (older reports) fall back to the id in words.
import { ruleDoc } from "./rule-catalog.ts";

export type RuleLine = { rule: string; title: string };

/** "F03-HARDCODED-SECRET" → "Hardcoded secret". */
export function ruleIdInWords(ruleId: string): string {
  const words = ruleId.replace(/^F\d\d-/, "").toLowerCase().replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The catalog title of a rule, or its id in words. */
export function ruleLabel(ruleId: string): string {
  return ruleDoc(ruleId)?.title ?? ruleIdInWords(ruleId);
}

export function splitRaised(raised: readonly { rule: string }[]): { practices: RuleLine[]; clear: RuleLine[] } {
  const practices: RuleLine[] = [];
  const clear: RuleLine[] = [];
  for (const d of raised) {
    const line = { rule: d.rule, title: ruleLabel(d.rule) };
    if (ruleDoc(d.rule)?.kind === "violation") clear.push(line);
    else practices.push(line);
  }
  return { practices, clear };
}
