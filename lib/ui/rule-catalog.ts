// The scanner's rule catalog as plain data for the web pages (title, rationale, remediation, good and
// bad examples per rule). The web bundle must not import the scanner (rules pull in ts-morph), so the
// catalog is a generated JSON file kept in sync by rule-catalog.test.ts:
//   npx tsx lib/ui/rule-catalog-source.ts --write
import catalog from "./rule-catalog.json" with { type: "json" };

export type DocExample = { file?: string; code: string; note?: string };

export type RuleDoc = {
  id: string;
  /** 1..12 */
  factor: number;
  kind: string;
  severity: string;
  /** Scoring v12: the rule's findings lower the factor's score but do not change its verdict on their own. */
  advisory: boolean;
  title: string;
  rationale: string;
  remediation: string;
  docs: { bad: DocExample[]; good: DocExample[] };
};

export const RULE_DOCS: readonly RuleDoc[] = catalog as RuleDoc[];

const byId = new Map(RULE_DOCS.map((r) => [r.id, r]));

export function ruleDoc(id: string): RuleDoc | undefined {
  return byId.get(id);
}

export function rulesOfFactor(factor: number): RuleDoc[] {
  return RULE_DOCS.filter((r) => r.factor === factor);
}
