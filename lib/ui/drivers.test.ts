import { describe, expect, it } from "vitest";
import { ruleLabel, splitRaised } from "./drivers.ts";
import { ruleDoc } from "./rule-catalog.ts";

describe("factor card drivers", () => {
  it("lists passing evidence rules as what raised the score and passing violation rules as checked and clear", () => {
    const { practices, clear } = splitRaised([{ rule: "F07-PORT-FROM-ENV" }, { rule: "F02-MANIFEST-MISSING" }, { rule: "F02-UNDECLARED-IMPORT" }]);
    expect(ruleDoc("F07-PORT-FROM-ENV")?.kind).toBe("evidence");
    expect(practices).toEqual([{ rule: "F07-PORT-FROM-ENV", title: ruleDoc("F07-PORT-FROM-ENV")!.title }]);
    expect(clear.map((c) => c.rule)).toEqual(["F02-MANIFEST-MISSING", "F02-UNDECLARED-IMPORT"]);
    expect(clear[0]!.title).toBe(ruleDoc("F02-MANIFEST-MISSING")!.title);
  });

  it("words unknown rule ids (older reports) and counts them as practices", () => {
    expect(ruleLabel("F04-SOMETHING-RETIRED")).toBe("Something retired");
    expect(splitRaised([{ rule: "F04-SOMETHING-RETIRED" }])).toEqual({ practices: [{ rule: "F04-SOMETHING-RETIRED", title: "Something retired" }], clear: [] });
  });
});
