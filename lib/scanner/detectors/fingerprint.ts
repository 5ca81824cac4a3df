// SD-12 fingerprints and redaction. Fingerprints exclude line numbers so they survive unrelated
// edits; secret values are never printed in full anywhere (JSON, SARIF, logs, table).
import { createHash } from "node:crypto";

export function normaliseMatch(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** `sha256:<hex>` of ruleId \0 path \0 normalised match. */
export function fingerprint(ruleId: string, path: string, match: string): string {
  const h = createHash("sha256");
  h.update(ruleId);
  h.update("\0");
  h.update(path.replace(/^\.\//, ""));
  h.update("\0");
  h.update(normaliseMatch(match));
  return "sha256:" + h.digest("hex");
}

/** First 4 characters + "…" + (len=N). Short values (< 8 chars) show nothing but the length. */
export function redact(secret: string): string {
  if (secret.length < 8) return `…(len=${secret.length})`;
  return `${secret.slice(0, 4)}…(len=${secret.length})`;
}

/** Replace every occurrence of each secret in `text` with its redaction. */
export function redactIn(text: string, secrets: readonly string[]): string {
  let out = text;
  const sorted = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  for (const s of sorted) out = out.split(s).join(redact(s));
  return out;
}

/** Redact the password part of a credentialed URI (`scheme://user:pass@host`). */
export function redactUriPassword(text: string): string {
  return text.replace(/([a-z][\w+.-]{0,24}:\/\/[^\s:/@'"`]+:)([^\s@'"`]+)(@)/gi, (m, a, pw: string, c) => (pw.includes("…(len=") || /^\$|^\*+$|^\{/.test(pw) ? m : a + redact(pw) + c));
}

/** Trim a snippet to ≤ maxLines lines of ≤ maxChars each. */
export function clipSnippet(s: string, maxLines = 3, maxChars = 200): string {
  return s
    .split(/\r?\n/)
    .slice(0, maxLines)
    .map((l) => (l.length > maxChars ? l.slice(0, maxChars) + "…" : l))
    .join("\n");
}
