// Builds lib/ui/rule-catalog.json from the scanner's catalog (run: npx tsx lib/ui/rule-catalog-source.ts --write).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { listRules } from "../scanner/catalog.ts";
import { ADVISORY_RULES } from "../scanner/score.ts";
import type { RuleDoc } from "./rule-catalog.ts";

export function buildRuleDocs(): RuleDoc[] {
  return listRules()
    .map((r) => ({
      id: r.id,
      factor: Number(r.factor.slice(1)),
      kind: r.kind,
      severity: r.severity,
      advisory: ADVISORY_RULES.has(r.id),
      title: r.title,
      rationale: r.rationale,
      remediation: r.remediation,
      docs: { bad: r.docs.bad, good: r.docs.good },
    }))
    .sort((a, b) => a.factor - b.factor || a.id.localeCompare(b.id));
}

export const CATALOG_PATH = fileURLToPath(new URL("./rule-catalog.json", import.meta.url));

if (process.argv.includes("--write")) {
  writeFileSync(CATALOG_PATH, JSON.stringify(buildRuleDocs(), null, 1) + "\n");
  console.log(`wrote ${CATALOG_PATH}`);
}
