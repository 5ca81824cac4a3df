// Enclosing `{ … }` blocks of a position in brace-language code (C#, Java, Kotlin, Go, Rust, JS …), read from the
// TOKEN views: `bare` (comments and string contents blanked) finds the braces, `code` gives the header text.

/** How far back the walk looks for the enclosing blocks (characters). */
const MAX_BACK = 20_000;
/** How much of a block's header (the text before its `{`) is kept. */
const MAX_HEAD = 400;

/** Start of the statement or header that ends at `end`: just after the previous `;`, `{` or `}` (in `bare`). */
function statementStart(bare: string, end: number): number {
  const from = Math.max(0, end - MAX_HEAD);
  for (let i = end - 1; i >= from; i--) {
    const c = bare[i];
    if (c === ";" || c === "{" || c === "}") return i + 1;
  }
  return from;
}

/** Keywords that open a block header on their line (`if`, `else`, `for`, `func`, `switch` …). */
const HEADER_START_RE = /^\s*(?:}\s*)?(?:if|else|for|foreach|while|switch|select|func|fn|class|struct|impl|try|catch|finally|using|match|when|loop|do|case|default)\b/;

/**
 * The header proper: languages without `;` (Go, Kotlin) leave the previous statements in front of it, so it starts at
 * the last line that opens with a block keyword (`var w = x` ⏎ `if cfg.File != "" ` → `if cfg.File != "" `).
 */
function trimHead(text: string): string {
  const lines = text.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) if (HEADER_START_RE.test(lines[i])) return lines.slice(i).join("\n");
  return text;
}

/**
 * The headers of the blocks that enclose `index`, innermost first (`if (env.IsDevelopment())`, `func run() error`,
 * `else`), up to `max` levels, each with the offset of its `{`. The first entry, with `open` -1, is the head of the
 * statement `index` sits in (`if (dev) app.Run(…)` without braces).
 */
export function enclosingBlockHeads(bare: string, code: string, index: number, max = 6): { head: string; open: number }[] {
  const out: { head: string; open: number }[] = [{ head: trimHead(code.slice(statementStart(bare, index), index)), open: -1 }];
  let depth = 0;
  const stop = Math.max(0, index - MAX_BACK);
  for (let i = index - 1; i >= stop && out.length <= max; i--) {
    const c = bare[i];
    if (c === "}") depth++;
    else if (c === "{") {
      if (depth > 0) depth--;
      else out.push({ head: trimHead(code.slice(statementStart(bare, i), i)), open: i });
    }
  }
  return out;
}

/**
 * A condition that holds only in the development environment, not negated: ASP.NET Core `env.IsDevelopment()`,
 * `IsEnvironment("Development")`, `Environments.Development`, an `isDev()`/`isDevelopment()` helper, a comparison with
 * "development"/"dev".
 */
const DEV_CHECK_RE = /(!\s*(?:\(\s*)?)?(?:\b(?:[\w.]+\.)?[Ii]s(?:Development|Dev)(?:Environment|Mode)?\s*\(\s*\)|\bIsEnvironment\s*\(\s*"Development"\s*\)|\bEnvironments\.Development\b|[!=]==?\s*["'](?:development|Development|dev)["']|["'](?:development|Development|dev)["']\s*[!=]==?)/g;

/** Does `head` (an `if` header) test for the development environment? A negated or `!=` test does not count. */
export function isDevelopmentCondition(head: string): boolean {
  const h = head.trim();
  if (!/^(?:}\s*)?(?:else\s+)?if\b/.test(h)) return false;
  DEV_CHECK_RE.lastIndex = 0;
  for (let m = DEV_CHECK_RE.exec(h); m; m = DEV_CHECK_RE.exec(h)) {
    if (m[1] || /^!=|!=\s*$/.test(m[0].replace(/["'][^"']*["']/, "").trim())) continue;
    return true;
  }
  return false;
}

/** Is `index` inside a block (or a brace-less `if` statement) that runs only in the development environment? */
export function inDevelopmentOnlyBlock(bare: string, code: string, index: number): boolean {
  return enclosingBlockHeads(bare, code, index).some((b) => isDevelopmentCondition(b.head));
}

/**
 * The header lines (trimmed) of the Python blocks that enclose the line holding `index`, innermost first: each earlier
 * non-blank line indented less than the block it opens, up to and including a `def`/`class` line or the module level,
 * within `maxLines` lines back. `try:` around an import, `if self.log_file:` around a handler.
 */
export function pythonEnclosingHeads(code: string, index: number, maxLines = 60): string[] {
  const out: string[] = [];
  const lineStart = code.lastIndexOf("\n", index - 1) + 1;
  let indent = /^[ \t]*/.exec(code.slice(lineStart))![0].length;
  let end = lineStart - 1;
  for (let n = 0; n < maxLines && end > 0 && indent > 0; n++) {
    const start = code.lastIndexOf("\n", end - 1) + 1;
    const line = code.slice(start, end);
    end = start - 1;
    if (!line.trim()) continue;
    const ind = /^[ \t]*/.exec(line)![0].length;
    if (ind >= indent) continue;
    out.push(line.trim());
    if (/^(def|class|async\s+def)\b/.test(line.trim())) break;
    indent = ind;
  }
  return out;
}
