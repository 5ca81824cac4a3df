// Number and label formatting shared by the HTML and plain-text parts, so both say the same thing.
import type { FactorStatus, Severity } from "../db/generated/prisma/enums.ts";

/** Org and repository scores: one decimal ("73.8"), "–" when there is none. */
export function fmtScore(score: number | null | undefined): string {
  return score === null || score === undefined ? "–" : score.toFixed(1);
}

/** A change with its sign: "+0.4", "-20.0", "±0.0"; "new" when there was nothing to compare with. */
export function fmtDelta(delta: number | null | undefined): string {
  if (delta === null || delta === undefined) return "new";
  const rounded = Math.round(delta * 10) / 10;
  if (rounded === 0) return "±0.0";
  return `${rounded > 0 ? "+" : "-"}${Math.abs(rounded).toFixed(1)}`;
}

export function fmtStatus(status: FactorStatus | null): string {
  return status === null ? "none" : status === "NA" ? "n/a" : status.toLowerCase();
}

export function fmtSeverity(severity: Severity): string {
  return severity.toLowerCase();
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2026-W48" → "week 48, 2026". */
export function fmtWeek(week: string): string {
  const [year, w] = week.split("-W");
  return `week ${Number(w)}, ${year}`;
}
