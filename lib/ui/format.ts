// Display helpers shared by pages and client components (pure: no clock unless passed in).

export type ScanStatusName = "QUEUED" | "CLONING" | "SCANNING" | "DONE" | "FAILED" | "SKIPPED";
export type FactorStatusName = "PASS" | "PARTIAL" | "FAIL" | "NA";

export const SCAN_STATUS_LABEL: Record<ScanStatusName, string> = {
  QUEUED: "Queued",
  CLONING: "Cloning",
  SCANNING: "Scanning",
  DONE: "Done",
  FAILED: "Failed",
  SKIPPED: "Skipped",
};

export const FACTOR_STATUS_LABEL: Record<FactorStatusName, string> = {
  PASS: "pass",
  PARTIAL: "partial",
  FAIL: "fail",
  NA: "not applicable",
};

/** Scores are stored as floats 0..100; the UI shows whole numbers. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? "–" : String(Math.round(score));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 minutes ago", "yesterday", "just now". */
export function formatRelativeTime(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / 60), "minute");
}

const absolute = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** "26 Nov 2026, 11:24 UTC" (the server has no idea of the viewer's zone; UTC is unambiguous). */
export function formatDateTime(date: Date): string {
  return `${absolute.format(date)} UTC`;
}

export function shortSha(sha: string | null | undefined): string | null {
  return sha ? sha.slice(0, 7) : null;
}

/** "src/server.ts:41" (or just the path, or null when the finding has no location). */
export function formatLocation(path: string | null, line: number | null): string | null {
  if (!path) return null;
  return line ? `${path}:${line}` : path;
}

export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/**
 * One or two letters for an avatar placeholder: the first letters of the first and last word of a
 * display name ("Ada M. Lovelace" → "AL"), else the first letter or digit of the login. Upper case,
 * whole code points (not UTF-16 halves).
 */
export function initials(name: string | null | undefined, login: string): string {
  const words = (name ?? "").split(/\s+/).filter((w) => /^[\p{L}\p{N}]/u.test(w));
  const first = (w: string) => Array.from(w)[0]!.toLocaleUpperCase();
  if (words.length >= 2) return first(words[0]!) + first(words.at(-1)!);
  if (words.length === 1) return first(words[0]!);
  const ch = Array.from(login).find((c) => /[\p{L}\p{N}]/u.test(c));
  return ch ? ch.toLocaleUpperCase() : "?";
}
