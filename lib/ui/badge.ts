// Shields-style "flat" SVG badges (label on grey, message on a grade colour). Text widths come from a
// Verdana 11px width table (the font shields.io measures with), so badges fit their text without a
// browser. Pure: string in, SVG out.
import { gradeForScore } from "../factors.ts";

/** Advance widths in px of Verdana at 11px (printable ASCII; others fall back to DEFAULT_WIDTH). */
const WIDTHS: Record<string, number> = {
  " ": 3.87, "!": 4.33, '"': 5.05, "#": 9.0, $: 6.99, "%": 11.84, "&": 7.99, "'": 2.95, "(": 4.99, ")": 4.99, "*": 6.99,
  "+": 9.0, ",": 4.0, "-": 4.99, ".": 4.0, "/": 4.99, "0": 6.99, "1": 6.99, "2": 6.99, "3": 6.99, "4": 6.99, "5": 6.99,
  "6": 6.99, "7": 6.99, "8": 6.99, "9": 6.99, ":": 4.99, ";": 4.99, "<": 9.0, "=": 9.0, ">": 9.0, "?": 6.0, "@": 11.0,
  A: 7.52, B: 7.54, C: 7.68, D: 8.48, E: 6.96, F: 6.32, G: 8.53, H: 8.27, I: 4.63, J: 5.0, K: 7.62, L: 6.12, M: 9.27,
  N: 8.23, O: 8.66, P: 6.63, Q: 8.66, R: 7.65, S: 7.52, T: 6.78, U: 8.05, V: 7.52, W: 10.87, X: 7.54, Y: 6.77, Z: 7.54,
  "[": 4.99, "\\": 4.99, "]": 4.99, "^": 9.0, _: 6.99, "`": 6.99, a: 6.61, b: 6.85, c: 5.73, d: 6.85, e: 6.55, f: 3.87,
  g: 6.85, h: 6.96, i: 3.02, j: 3.79, k: 6.51, l: 3.02, m: 10.7, n: 6.96, o: 6.68, p: 6.85, q: 6.85, r: 4.69, s: 5.73,
  t: 4.33, u: 6.96, v: 6.51, w: 8.98, x: 6.51, y: 6.51, z: 5.78, "{": 6.98, "|": 4.99, "}": 6.98, "~": 9.0,
  "·": 4.0, "–": 6.99,
};
const DEFAULT_WIDTH = 7.5;

/** Width in px of `text` in Verdana 11px. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDTHS[ch] ?? DEFAULT_WIDTH;
  return Math.round(w * 10) / 10;
}

export const GRADE_COLORS: Record<string, string> = {
  A: "#2e7d32",
  B: "#558b2f",
  C: "#b7791f",
  D: "#c05621",
  F: "#c53030",
};
export const GREY = "#6b7280";

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** A flat badge: `label | message` with the message on `color`. */
export function renderBadge(label: string, message: string, color: string): string {
  const lw = Math.round(textWidth(label) + 10);
  const mw = Math.round(textWidth(message) + 10);
  const w = lw + mw;
  const l = escapeXml(label);
  const m = escapeXml(message);
  const title = `${l}: ${m}`;
  const text = (t: string, x: number, width: number) =>
    `<text aria-hidden="true" x="${x * 10}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${(width - 10) * 10}">${t}</text>` +
    `<text x="${x * 10}" y="140" transform="scale(.1)" fill="#fff" textLength="${(width - 10) * 10}">${t}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${title}"><title>${title}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${color}"/><rect width="${w}" height="20" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">` +
    text(l, lw / 2, lw) +
    text(m, lw + mw / 2, mw) +
    `</g></svg>`
  );
}

export const BADGE_LABEL = "twelve-factor";

/** Badge for a grade and score ("B · 84"); "not scored" in grey without a score. */
export function scoreBadge(grade: string | null, score: number | null): string {
  if (score === null) return renderBadge(BADGE_LABEL, "not scored", GREY);
  const letter = (grade?.trim().charAt(0).toUpperCase() || gradeForScore(score)) as string;
  return renderBadge(BADGE_LABEL, `${letter} · ${Math.round(score)}`, GRADE_COLORS[letter] ?? GREY);
}

export function notFoundBadge(): string {
  return renderBadge(BADGE_LABEL, "not found", GREY);
}

/** The answer to an anonymous request without a token (a viewer-only badge URL used where nobody is signed in). */
export function signInBadge(): string {
  return renderBadge(BADGE_LABEL, "sign-in required", GREY);
}
