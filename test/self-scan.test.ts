// The product must itself be a model twelve-factor app: its own scanner grades this repository A.
// A change that makes the repository worse (or a rule change that misjudges it) fails here.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scanRepository } from "../lib/scanner/scan.ts";

describe("self-scan", () => {
  it("grades this repository A with no open finding above info", async () => {
    const report = await scanRepository(path.resolve(import.meta.dirname, ".."));
    const open = report.factors.flatMap((f) => f.findings).filter((f) => !f.waived && f.severity !== "info");
    const summary = report.factors.map((f) => `${f.id} ${f.status} ${f.score}`).join(", ");
    expect(open.map((f) => `${f.rule} ${f.path}:${f.line}`), summary).toEqual([]);
    expect(report.grade, summary).toBe("A");
    expect(report.factors.filter((f) => f.status === "fail" || f.status === "partial").map((f) => f.id), summary).toEqual([]);
  }, 120_000);
});
