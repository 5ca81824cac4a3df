import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildRuleDocs, CATALOG_PATH } from "./rule-catalog-source.ts";
import { ruleDoc, rulesOfFactor } from "./rule-catalog.ts";

describe("rule catalog for the web", () => {
  it("matches the scanner's catalog (regenerate: npx tsx lib/ui/rule-catalog-source.ts --write)", () => {
    expect(JSON.parse(readFileSync(CATALOG_PATH, "utf8"))).toEqual(buildRuleDocs());
  });

  it("finds rules by id and by factor, with examples", () => {
    expect(ruleDoc("F03-HARDCODED-SECRET")).toMatchObject({ factor: 3, severity: "critical" });
    expect(rulesOfFactor(3).length).toBeGreaterThan(3);
    expect(rulesOfFactor(3).every((r) => r.factor === 3)).toBe(true);
    expect(rulesOfFactor(3).some((r) => r.docs.good.length > 0 && r.docs.bad.length > 0)).toBe(true);
  });
});
