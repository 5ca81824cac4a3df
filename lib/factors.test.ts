import { describe, expect, it } from "vitest";
import { FACTORS, factorInfo, gradeForScore } from "./factors.ts";
import { gradeOf } from "./scanner/score.ts";
import { formatScore } from "./ui/format.ts";

describe("FACTORS", () => {
  it("lists the twelve factors in order with the scanner's names and numerals", () => {
    expect(FACTORS.map((f) => f.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(FACTORS.map((f) => f.roman)).toEqual(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]);
    expect(factorInfo(3)).toMatchObject({ name: "Config", weight: 1.5 });
    for (const f of FACTORS) expect(f.summary.length && f.explanation.length).toBeGreaterThan(0);
  });

  it("rejects a factor number outside 1..12", () => {
    expect(() => factorInfo(0)).toThrow("unknown factor 0");
    expect(() => factorInfo(13)).toThrow("unknown factor 13");
  });
});

describe("gradeForScore", () => {
  it.each([
    [100, "A"],
    [90, "A"],
    [89.9, "A"],
    [89.4, "B"],
    [80, "B"],
    [70, "C"],
    [69.5, "C"],
    [69.4, "D"],
    [60, "D"],
    [59.99, "D"],
    [59.49, "F"],
    [0, "F"],
  ])("%d → %s (thresholds on the displayed whole number)", (score, grade) => {
    expect(gradeForScore(score)).toBe(grade);
  });
  it("agrees with the number the UI shows and with the scanner's grade", () => {
    for (let tenths = 0; tenths <= 1000; tenths++) {
      const score = tenths / 10;
      expect(gradeForScore(score)).toBe(gradeForScore(Number(formatScore(score))));
      expect(gradeForScore(score)).toBe(gradeOf(score));
    }
  });
});
