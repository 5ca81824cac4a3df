// SD-6 shell command parsing (a pragmatic POSIX subset): splits a command line into simple commands
// on `&& || ; | &` and newlines, honours quotes and escapes, strips leading VAR=value assignments,
// and recurses into `sh -c "…"` / `bash -lc '…'`. Each command gets its argv and the operator that
// follows it. Not a full shell: no expansions are evaluated.
export interface ShellCommand {
  argv: string[];
  /** Environment assignments that prefix the command (`NODE_ENV=production node x`). */
  env: Record<string, string>;
  /** Operator after the command: "&&", "||", ";", "|", "&", or null at the end. */
  next: string | null;
  /** 0-based index of the line (within the parsed text) where the command starts. */
  lineOffset: number;
  /** Nested inside `sh -c` of an outer command. */
  nested: boolean;
  /** Prefixed with `exec`. */
  exec: boolean;
}

function tokenizeShell(src: string): { tokens: { t: string; op: boolean; line: number }[] } {
  const tokens: { t: string; op: boolean; line: number }[] = [];
  let cur = "";
  let has = false;
  let line = 0;
  let i = 0;
  let parenDepth = 0;
  const n = src.length;
  const flush = () => {
    if (has) tokens.push({ t: cur, op: false, line });
    cur = "";
    has = false;
  };
  while (i < n) {
    const c = src[i];
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      line++;
      continue;
    }
    if (c === "\\") {
      cur += src[i + 1] ?? "";
      has = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      const stop = end === -1 ? n : end;
      cur += src.slice(i + 1, stop);
      line += (src.slice(i + 1, stop).match(/\n/g) ?? []).length;
      has = true;
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== '"') {
        if (src[j] === "\\" && j + 1 < n) {
          cur += src[j + 1];
          j += 2;
          continue;
        }
        if (src[j] === "\n") line++;
        cur += src[j];
        j++;
      }
      has = true;
      i = j + 1;
      continue;
    }
    if (c === "#" && !has) {
      const end = src.indexOf("\n", i);
      i = end === -1 ? n : end;
      continue;
    }
    if (c === "\n") {
      flush();
      tokens.push({ t: ";", op: true, line });
      line++;
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      flush();
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === "&&" || two === "||") {
      flush();
      tokens.push({ t: two, op: true, line });
      i += 2;
      continue;
    }
    if (c === ";" || c === "|" || (c === "&" && src[i + 1] !== ">" && src[i - 1] !== ">")) {
      flush();
      tokens.push({ t: c, op: true, line });
      i++;
      continue;
    }
    if (c === "(" || c === ")") {
      // v2: a `case` pattern label (`npm)`, `yarn|pnpm)`, `*)`) ends at a `)` that closes no `(` of the current command
      // and follows only the label word(s): drop the label and start a new command, so `npm) npm install` is
      // `npm install` and a lone `yarn)` is not the command `yarn`
      const labelStart = tokens.length === 0 || tokens[tokens.length - 1].op;
      if (c === ")" && parenDepth === 0 && has && labelStart) {
        cur = "";
        has = false;
        tokens.push({ t: ";", op: true, line });
        i++;
        continue;
      }
      if (c === "(") parenDepth++;
      else if (parenDepth > 0) parenDepth--;
      flush();
      i++;
      continue;
    }
    cur += c;
    has = true;
    i++;
  }
  flush();
  return { tokens };
}

const ASSIGN_RE = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

export function parseShell(src: string, nested = false, depth = 0): ShellCommand[] {
  const { tokens } = tokenizeShell(src);
  const out: ShellCommand[] = [];
  let words: { t: string; line: number }[] = [];
  const emit = (next: string | null) => {
    if (!words.length) return;
    const env: Record<string, string> = {};
    let k = 0;
    while (k < words.length && ASSIGN_RE.test(words[k].t)) {
      const m = ASSIGN_RE.exec(words[k].t)!;
      env[m[1]] = m[2];
      k++;
    }
    let argv = words.slice(k).map((w) => w.t);
    let exec = false;
    if (argv[0] === "exec") {
      exec = true;
      argv = argv.slice(1);
    }
    // `env FOO=bar cmd`
    if (argv[0] === "env") {
      argv = argv.slice(1);
      while (argv.length && ASSIGN_RE.test(argv[0])) {
        const m = ASSIGN_RE.exec(argv[0])!;
        env[m[1]] = m[2];
        argv = argv.slice(1);
      }
    }
    const lineOffset = words[0].line;
    if (argv.length) {
      out.push({ argv, env, next, lineOffset, nested, exec });
      // recurse into sh -c "…"
      const base = argv[0].split("/").pop() ?? "";
      if (/^(sh|bash|ash|dash|zsh)$/.test(base) && depth < 3) {
        const ci = argv.findIndex((a, idx) => idx > 0 && /^-[a-z]*c[a-z]*$/.test(a));
        if (ci !== -1 && argv[ci + 1] !== undefined) {
          for (const inner of parseShell(argv[ci + 1], true, depth + 1)) out.push({ ...inner, lineOffset });
        }
      }
    }
    words = [];
  };
  for (const tok of tokens) {
    if (tok.op) emit(tok.t);
    else words.push({ t: tok.t, line: tok.line });
  }
  emit(null);
  return out;
}

/** Program name of a command (basename of argv[0]); skips sudo / nice / npx-like wrappers when asked. */
export function programOf(cmd: ShellCommand): string {
  return (cmd.argv[0] ?? "").split("/").pop() ?? "";
}

/** Join argv back to a readable string (for snippets). */
export function formatArgv(argv: readonly string[]): string {
  return argv.map((a) => (/[\s"'$]/.test(a) ? JSON.stringify(a) : a)).join(" ");
}
