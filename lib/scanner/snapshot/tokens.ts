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
  csharp: { line: ["//"], block: [["/*", "*/"]], quotes: ['"', "'"], raw: "csharp" },
  rust: { line: ["//"], block: [["/*", "*/"]], quotes: ['"'], raw: "rust" },
  ruby: { line: ["#"], block: [], quotes: ['"', "'", "`"], rubyBlock: true, heredoc: true },
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

// Code/bare views are built in UTF-16 code-unit buffers (2 bytes a character) rather than `split("")`
// arrays (8 bytes a character): every token-based rule re-tokenises files beyond the memo window, and the
// arrays were the largest source of garbage on 15k-file repositories (bench/scan.ts peak RSS).
function blank(chars: Uint16Array, from: number, to: number) {
  for (let k = from; k < to; k++) if (chars[k] !== 10 && chars[k] !== 13) chars[k] = 32;
}

function fromCodes(chars: Uint16Array): string {
  const parts: string[] = [];
  for (let k = 0; k < chars.length; k += 8192) parts.push(String.fromCharCode.apply(null, chars.subarray(k, k + 8192) as unknown as number[]));
  return parts.join("");
}

export function tokenize(text: string, lang: Language): TokenizedFile {
  const syn = SYNTAX[lang] ?? { line: [], block: [], quotes: ['"', "'"] };
  const n = text.length;
  const codeChars = new Uint16Array(n);
  for (let k = 0; k < n; k++) codeChars[k] = text.charCodeAt(k);
  const bareChars = codeChars.slice();
  let codeBlanked = false;
  let bareBlanked = false;
  const strings: StringToken[] = [];
  const comments: CommentToken[] = [];
  // line starts for position lookups
  const lineStarts: number[] = [0];
  for (let k = 0; k < n; k++) if (text.charCodeAt(k) === 10) lineStarts.push(k + 1);
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
    blank(bareChars, contentStart, contentEnd);
    bareBlanked = true;
  };
  const addComment = (start: number, end: number) => {
    comments.push({ text: text.slice(start, end), line: lineAt(start) });
    blank(codeChars, start, end);
    blank(bareChars, start, end);
    codeBlanked = bareBlanked = true;
  };

  let i = 0;
  let atLineStart = true;
  outer: while (i < n) {
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
      if (c === "'" && (lang === "rust") && !/^'(\\.|[^'\\])'/.test(text.slice(i, i + 4))) {
        i++;
        continue;
      }
      let j = i + 1;
      const allowNewline = c === "`" || lang === "shell" || lang === "ruby" || lang === "php";
      while (j < n && text[j] !== c) {
        if (text[j] === "\\" && c !== "'" ) j += 2;
        else if (text[j] === "\\" && c === "'" && lang !== "shell") j += 2;
        else if (text[j] === "\n" && !allowNewline) break;
        else j++;
      }
      addString(i, i + 1, Math.min(j, n), Math.min(j + 1, n));
      i = j + 1;
      continue;
    }
    i++;
  }
  const code = codeBlanked ? fromCodes(codeChars) : text;
  const bare = bareBlanked ? fromCodes(bareChars) : text;
  let codeLinesCache: string[] | undefined;
  return {
    code,
    bare,
    strings,
    comments,
    lineAt,
    codeLines: () => (codeLinesCache ??= code.split("\n")),
  };
}
