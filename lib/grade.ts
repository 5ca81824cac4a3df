// Grade and status thresholds, applied to the score as it is displayed.
// Scores are computed with one decimal (69.5) but every surface shows whole numbers (lib/ui/format.ts
// formatScore, the badge, the e-mail digest): thresholds are applied to that same rounded number, so a
// report never shows "70 · D" or a factor "80" marked partial. Plain functions, no rule imports, so the web
// bundle (lib/factors.ts) can share them with the scanner; outside lib/scanner, so the web import graph
// (test/web-import-graph.test.ts) stays free of scanner modules.
import type { FactorStatus, Grade } from "./scanner/types.ts";

/** The score as the UI shows it: rounded to a whole number (half up, like Math.round). */
export function displayedScore(score: number): number {
  return Math.round(score);
}

/** Letter grade of a 0..100 score: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F — of the displayed (rounded) score. */
export function gradeOf(score: number): Grade {
  const s = displayedScore(score);
  return s >= 90 ? "A" : s >= 80 ? "B" : s >= 70 ? "C" : s >= 60 ? "D" : "F";
}

/** Factor status of a 0..100 factor score: pass ≥ 80, partial ≥ 50, else fail — of the displayed score. */
export function statusOf(score: number): Exclude<FactorStatus, "na"> {
  const s = displayedScore(score);
  return s >= 80 ? "pass" : s >= 50 ? "partial" : "fail";
}
