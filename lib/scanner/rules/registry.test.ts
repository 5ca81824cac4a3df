// Proves every rule file is registered, documented and tested (valid + invalid cases).
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "./registry.ts";
import { RULES_VERSION, listRules } from "../catalog.ts";

const dir = path.dirname(new URL(import.meta.url).pathname);
const NON_RULE = new Set(["define-rule.ts", "registry.ts"]);
const ruleFiles = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !NON_RULE.has(f) && !f.startsWith("_"));

describe("rule registry", () => {
  it("registers every rule file exactly once, named after its id", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size, "duplicate rule ids").toBe(ids.length);
    const registered = new Set(ids.map((id) => id.toLowerCase() + ".ts"));
    const unregistered = ruleFiles.filter((f) => !registered.has(f));
    const orphans = [...registered].filter((f) => !ruleFiles.includes(f));
    expect(unregistered, "rule files not imported in registry.ts (or whose meta.id does not match the file name)").toEqual([]);
    expect(orphans, "registered rule ids without a matching <id-lowercase>.ts file").toEqual([]);
  });

  it("keeps the registry sorted by rule id", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
  });

  for (const rule of RULES) {
    const m = rule.meta;
    describe(m.id, () => {
      it("is documented", () => {
        expect(m.title.length).toBeGreaterThan(10);
        expect(m.rationale.length).toBeGreaterThan(40);
        expect(m.remediation.length).toBeGreaterThan(20);
        expect(m.docs.bad.length).toBeGreaterThan(0);
        expect(m.docs.good.length).toBeGreaterThan(0);
        for (const ex of [...m.docs.bad, ...m.docs.good]) expect(ex.code.trim().length).toBeGreaterThan(0);
        expect(m.sources.length).toBeGreaterThan(0);
        for (const s of m.sources) expect(s.url).toMatch(/^https:\/\//);
      });

      it("has a test file with valid and invalid cases", () => {
        const testFile = path.join(dir, m.id.toLowerCase() + ".test.ts");
        expect(existsSync(testFile), `${testFile} is missing`).toBe(true);
        const text = readFileSync(testFile, "utf8");
        const tester = /ruleTester\s*\(/.test(text);
        const hasValid = tester ? /\bvalid\s*:\s*\[\s*\{/.test(text) : /\.notToTrigger\s*\(/.test(text);
        const hasInvalid = tester ? /\binvalid\s*:\s*\[\s*\{/.test(text) : /\.toTrigger\s*\(/.test(text);
        expect(hasValid, "needs at least one valid (must-not-trigger) case").toBe(true);
        expect(hasInvalid, "needs at least one invalid (must-trigger) case").toBe(true);
      });
    });
  }

  it("exposes catalog metadata and a rules version that changes with rule ids/versions", () => {
    const list = listRules();
    expect(list.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    expect(RULES_VERSION).toMatch(/^\d+\.[0-9a-f]{12}$/);
  });
});
