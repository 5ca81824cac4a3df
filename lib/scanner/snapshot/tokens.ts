// TOKEN engine (RULES.md §7.3): a small lexer per language that separates code, strings and
// comments while keeping original line/column positions. Code regexes run on `code` (comments
// blanked, strings kept) or `bare` (comments and string contents blanked); string rules iterate
// `strings`.
import type { Language } from "../types.ts";

export interface StringToken {
  /** Decoded-ish content (escapes left as written, quotes removed). */
  value: string;
  /** 1-based line / column of the opening quote. */
  line: number;
  column: number;
  /** Offset of the opening quote in the source. */
  start: number;
  end: number;
}

export interface CommentToken {
  text: string;
  line: number;
}

export interface TokenizedFile {
  /** Source with comments replaced by spaces (newlines kept): same length, same positions. */
  readonly code: string;
  /** Source with comments AND string contents replaced by spaces (quotes kept). */
  readonly bare: string;
  readonly strings: readonly StringToken[];
  readonly comments: readonly CommentToken[];
  /** 1-based line of an offset. */
  lineAt(offset: number): number;
  /** Lines of `code` (comments blanked). */
  codeLines(): string[];
}

type Syntax = {
  line: string[];          // line comment starters
  block: [string, string][]; // block comment delimiters
  quotes: string[];        // simple quote characters
  triple?: boolean;        // Python """ / '''
  raw?: "go" | "csharp" | "rust"; // raw string forms
  rubyBlock?: boolean;     // =begin/=end
  heredoc?: boolean;       // PHP/Ruby/shell heredocs
  hashIsComment?: boolean;
};

const SYNTAX: Partial<Record<Language, Syntax>> = {
  python: { line: ["#"], block: [], quotes: ['"', "'"], triple: true },
  go: { line: ["//"], block: [["/*", "*/"]], quotes: ['"', "'"], raw: "go" },
  java: { line: ["//"], block: [["/*", "*/"]], quotes: ['"', "'"], triple: true },
  kotlin: { line: ["//"], block: [["/*", "*/"]], quotes: ['"', "'"], triple: true },
  groovy: { line: ["//"], block: [["/*", "*/"]], quotes: ['"', "'"], triple: true },
  // session 12: Scala ("""raw""" strings, 'c' character literals; interpolators s"…"/f"…" are plain strings here)
  scala: { line: ["//"], block: [["/*", "*/"]], quotes: ['"', "'"], triple: true },
  csharp: { line: ["//"], block: [["/*", "*/"]], quotes: ['"', "'"], raw: "csharp" },
  rust: { line: ["//"], block: [["/*", "*/"]], quotes: ['"'], raw: "rust" },
  ruby: { line: ["#"], block: [], quotes: ['"', "'", "`"], rubyBlock: true, heredoc: true },
  // session 11: Elixir (`#` comments, "strings" and 'charlists' that may span lines, """ / ''' heredocs; sigils are not read)
  elixir: { line: ["#"], block: [], quotes: ['"', "'"], triple: true },
  php: { line: ["//", "#"], block: [["/*", "*/"]], quotes: ['"', "'"], heredoc: true },
  shell: { line: ["#"], block: [], quotes: ['"', "'"], heredoc: true },
  makefile: { line: ["#"], block: [], quotes: ['"', "'"] },
  dockerfile: { line: ["#"], block: [], quotes: ['"', "'"] },
  yaml: { line: ["#"], block: [], quotes: ['"', "'"] },
  toml: { line: ["#"], block: [], quotes: ['"', "'"], triple: true },
  properties: { line: ["#", "!"], block: [], quotes: [] },
  ini: { line: ["#", ";"], block: [], quotes: ['"'] },
  dotenv: { line: ["#"], block: [], quotes: ['"', "'"] },
  hcl: { line: ["#", "//"], block: [["/*", "*/"]], quotes: ['"'] },
  javascript: { line: ["//"], block: [["/*", "*/"]], quotes: ['"', "'", "`"] },
  typescript: { line: ["//"], block: [["/*", "*/"]], quotes: ['"', "'", "`"] },
  sql: { line: ["--"], block: [["/*", "*/"]], quotes: ["'", '"'] },
  css: { line: [], block: [["/*", "*/"]], quotes: ['"', "'"] },
  xml: { line: [], block: [["<!--", "-->"]], quotes: [] },
  html: { line: [], block: [["<!--", "-->"]], quotes: [] },
};

export function tokenizerSupports(lang: Language | null): boolean {
  return !!lang && SYNTAX[lang] !== undefined;
}

// Code/bare views are built from slices of the source: the blanked ranges (comments; comments and string
// contents) are recorded as [from, to) pairs and only they are rewritten. Blanking is idempotent, so the view
// is the source with the union of its ranges blanked (every character but CR/LF becomes a space).
function blankSegment(seg: string): string {
  return seg.indexOf("\n") === -1 && seg.indexOf("\r") === -1 ? " ".repeat(seg.length) : seg.replace(/[^\n\r]/g, " ");
}

function blankRanges(text: string, ranges: number[]): string {
  if (ranges.length === 0) return text;
  const n = text.length;
  let sorted = true;
  for (let k = 2; k < ranges.length; k += 2) if (ranges[k] < ranges[k - 2]) sorted = false;
  if (!sorted) {
    const pairs: [number, number][] = [];
    for (let k = 0; k < ranges.length; k += 2) pairs.push([ranges[k], ranges[k + 1]]);
    pairs.sort((a, b) => a[0] - b[0]);
    ranges = pairs.flat();
  }
  const parts: string[] = [];
  let done = 0; // text before `done` is already emitted
  for (let k = 0; k < ranges.length; k += 2) {
    const from = Math.max(ranges[k], done);
    const to = Math.min(ranges[k + 1], n);
    if (from >= to) continue;
    if (from > done) parts.push(text.slice(done, from));
    parts.push(blankSegment(text.slice(from, to)));
    done = to;
  }
  if (done === 0 && parts.length === 0) return text;
  if (done < n) parts.push(text.slice(done));
  return parts.join("");
}

// Characters (ASCII) that can start a token of a syntax; the lexer steps over every other character.
const starters = new WeakMap<Syntax, Uint8Array>();
function startersOf(syn: Syntax): Uint8Array {
  let t = starters.get(syn);
  if (t) return t;
  t = new Uint8Array(128);
  const mark = (s: string) => {
    const c = s.charCodeAt(0);
    if (c < 128) t![c] = 1;
    else throw new Error("non-ASCII token starter");
  };
  mark("\n");
  if (syn.rubyBlock) mark("=");
  for (const lc of syn.line) mark(lc);
  for (const [open] of syn.block) mark(open);
  for (const q of syn.quotes) mark(q);
  if (syn.raw === "go") mark("`");
  if (syn.raw === "csharp") for (const c of ["@", "$", '"']) mark(c);
  if (syn.raw === "rust") mark("r");
  if (syn.heredoc) mark("<");
  if (syn.triple) for (const c of ['"', "'"]) mark(c);
  starters.set(syn, t);
  return t;
}

export function tokenize(text: string, lang: Language): TokenizedFile {
  const syn = SYNTAX[lang] ?? { line: [], block: [], quotes: ['"', "'"] };
  const n = text.length;
  const starter = startersOf(syn);
  // blanked [from, to) ranges of the code view (comments) and the bare view (comments and string contents)
  const codeRanges: number[] = [];
  const bareRanges: number[] = [];
  const strings: StringToken[] = [];
  const comments: CommentToken[] = [];
  // line starts for position lookups
  const lineStarts: number[] = [0];
  for (let k = text.indexOf("\n"); k !== -1; k = text.indexOf("\n", k + 1)) lineStarts.push(k + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const colAt = (offset: number) => offset - lineStarts[lineAt(offset) - 1] + 1;
  const addString = (start: number, contentStart: number, contentEnd: number, end: number) => {
    strings.push({ value: text.slice(contentStart, contentEnd), line: lineAt(start), column: colAt(start), start, end });
    bareRanges.push(contentStart, contentEnd);
  };
  const addComment = (start: number, end: number) => {
    comments.push({ text: text.slice(start, end), line: lineAt(start) });
    codeRanges.push(start, end);
    bareRanges.push(start, end);
  };

  let i = 0;
  let atLineStart = true;
  outer: while (i < n) {
    const cc = text.charCodeAt(i);
    if (cc >= 128 || starter[cc] === 0) {
      // no token starts here: only the line-start state changes
      if (cc !== 32 && cc !== 9) atLineStart = false;
      i++;
      continue;
    }
    const c = text[i];
    if (c === "\n") {
      atLineStart = true;
      i++;
      continue;
    }
    // Ruby =begin … =end
    if (syn.rubyBlock && atLineStart && text.startsWith("=begin", i)) {
      const end = text.indexOf("\n=end", i);
      const stop = end === -1 ? n : end + 5;
      addComment(i, stop);
      i = stop;
      continue;
    }
    if (c !== " " && c !== "\t") atLineStart = false;
    for (const lc of syn.line) {
      if (text.startsWith(lc, i)) {
        // `#` in shell/yaml only starts a comment at a word boundary
        if (lc === "#" && (lang === "shell" || lang === "yaml" || lang === "dockerfile" || lang === "makefile" || lang === "dotenv") && i > 0 && !/\s/.test(text[i - 1])) break;
        // `#!` shebang / PHP `#[` attributes are not comments
        if (lc === "#" && lang === "php" && text[i + 1] === "[") break;
        // Elixir's character literal `?#` is not a comment
        if (lc === "#" && lang === "elixir" && text[i - 1] === "?") break;
        let end = text.indexOf("\n", i);
        if (end === -1) end = n;
        addComment(i, end);
        i = end;
        continue outer;
      }
    }
    for (const [open, close] of syn.block) {
      if (text.startsWith(open, i)) {
        let end = text.indexOf(close, i + open.length);
        end = end === -1 ? n : end + close.length;
        addComment(i, end);
        i = end;
        continue outer;
      }
    }
    // raw strings
    if (syn.raw === "go" && c === "`") {
      let end = text.indexOf("`", i + 1);
      if (end === -1) end = n - 1;
      addString(i, i + 1, end, end + 1);
      i = end + 1;
      continue;
    }
    if (syn.raw === "csharp" && (text.startsWith('@"', i) || text.startsWith('$@"', i) || text.startsWith('@$"', i))) {
      const q = text.indexOf('"', i);
      let j = q + 1;
      while (j < n) {
        if (text[j] === '"' && text[j + 1] === '"') j += 2;
        else if (text[j] === '"') break;
        else j++;
      }
      addString(i, q + 1, Math.min(j, n), Math.min(j + 1, n));
      i = j + 1;
      continue;
    }
    if (syn.raw === "csharp" && text.startsWith('"""', i)) {
      const end = text.indexOf('"""', i + 3);
      const stop = end === -1 ? n : end;
      addString(i, i + 3, stop, Math.min(stop + 3, n));
      i = stop + 3;
      continue;
    }
    if (syn.raw === "rust" && c === "r" && (text[i + 1] === '"' || text[i + 1] === "#") && !/\w/.test(text[i - 1] ?? "")) {
      const m = /^r(#*)"/.exec(text.slice(i, i + 10));
      if (m) {
        const close = '"' + m[1];
        const end = text.indexOf(close, i + m[0].length);
        const stop = end === -1 ? n : end;
        addString(i, i + m[0].length, stop, Math.min(stop + close.length, n));
        i = stop + close.length;
        continue;
      }
    }
    // heredocs (PHP <<<EOT, Ruby <<~EOS / <<-EOS, shell <<EOF)
    if (syn.heredoc && c === "<" && text[i + 1] === "<") {
      const m = lang === "php"
        ? /^<<<\s*['"]?([A-Za-z_]\w*)['"]?\r?\n/.exec(text.slice(i, i + 80))
        : /^<<[~-]?\s*['"]?([A-Za-z_]\w*)['"]?/.exec(text.slice(i, i + 80));
      if (m) {
        const tag = m[1];
        const bodyStart = text.indexOf("\n", i) + 1;
        if (bodyStart > 0) {
          const re = new RegExp(`\\n[ \\t]*${tag}\\b`, "g");
          re.lastIndex = bodyStart - 1;
          const mm = re.exec(text);
          const bodyEnd = mm ? mm.index + 1 : n;
          addString(i, bodyStart, bodyEnd, bodyEnd);
          i = mm ? mm.index + mm[0].length : n;
          continue;
        }
      }
    }
    if (syn.triple && (text.startsWith('"""', i) || text.startsWith("'''", i))) {
      const q = text.slice(i, i + 3);
      // Python string prefixes are part of the preceding identifier chars; fine.
      const end = text.indexOf(q, i + 3);
      const stop = end === -1 ? n : end;
      addString(i, i + 3, stop, Math.min(stop + 3, n));
      i = stop + 3;
      continue;
    }
    if (syn.quotes.includes(c)) {
      // Rust/Go/Java char literals and Rust lifetimes: treat 'x' normally; a lone ' in Rust is a lifetime.
      // Scala symbols and quoted macro splices (`'sym`, `'{ … }`) are not strings either (session 12)
      if (c === "'" && (lang === "rust" || lang === "scala") && !/^'(\\.|[^'\\])'/.test(text.slice(i, i + 4))) {
        i++;
        continue;
      }
      let j = i + 1;
      const allowNewline = c === "`" || lang === "shell" || lang === "ruby" || lang === "php" || lang === "elixir";
      const escapes = c !== "'" || lang !== "shell"; // a backslash escapes the next character
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === cc) break;
        if (d === 92 && escapes) j += 2;
        else if (d === 10 && !allowNewline) break;
        else j++;
      }
      addString(i, i + 1, Math.min(j, n), Math.min(j + 1, n));
      i = j + 1;
      continue;
    }
    i++;
  }
  let code = blankRanges(text, codeRanges);
  let bare = blankRanges(text, bareRanges);
  let keptStrings = strings;
  let keptComments = comments;
  // Rust unit tests live in the source file itself, in a `#[cfg(test)] mod tests { … }` block compiled only for `cargo
  // test`: test code, not the program (openobserve's SSRF-guard tests assert on `http://10.0.0.1/…` literals). The block
  // is blanked from both views and its strings and comments dropped, as a file with the test role would be judged apart.
  if (lang === "rust") {
    const tests = rustTestModules(bare);
    if (tests.length) {
      const inTest = (offset: number) => tests.some(([a, b]) => offset >= a && offset < b);
      const flat = tests.flat();
      code = blankRanges(code, flat);
      bare = blankRanges(bare, flat);
      keptStrings = strings.filter((t) => !inTest(t.start));
      keptComments = comments.filter((t) => !inTest(lineStarts[t.line - 1]));
    }
  }
  let codeLinesCache: string[] | undefined;
  return {
    code,
    bare,
    strings: keptStrings,
    comments: keptComments,
    lineAt,
    codeLines: () => (codeLinesCache ??= code.split("\n")),
  };
}

/**
 * [start, end) ranges of `#[cfg(test)] mod name { … }` blocks in a Rust file's bare view (comments and string contents
 * blanked, so braces in them do not count). An unbalanced block (a truncated file) runs to the end of the file.
 */
function rustTestModules(bare: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /#\[cfg\(test\)\]\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{/g;
  for (let m = re.exec(bare); m; m = re.exec(bare)) {
    let depth = 0;
    let k = m.index + m[0].length - 1;
    for (; k < bare.length; k++) {
      const c = bare.charCodeAt(k);
      if (c === 123) depth++;
      else if (c === 125 && --depth === 0) break;
    }
    const end = Math.min(k + 1, bare.length);
    out.push([m.index, end]);
    re.lastIndex = end;
  }
  return out;
}
