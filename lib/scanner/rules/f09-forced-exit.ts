import { defineRule, type RuleContext } from "./define-rule.ts";
import type { FileEntry } from "../types.ts";
import { jsListenersIn } from "../detectors/listeners.ts";

const JS_LANGS = ["javascript", "typescript"] as const;
/** Admin / one-off / CLI code may exit: 12factor admin processes are run-to-completion. */
const SCRIPT_DIR_RE = /(^|\/)(scripts?|bin|cli|cmd|tools?|tasks?|commands?|migrations?|migrate|seeds?|seeders?|bench(marks?)?|hack|jobs?\/oneoff)\//i;
const SCRIPT_NAME_RE = /(^|\/)([\w.-]*\.config\.[cm]?[jt]s|seed[\w.-]*|migrate[\w.-]*|setup[\w.-]*|manage\.py|artisan|Program\.cs|main\.go)$/i;
const CONFIG_MODULE_RE = /(^|\/)(config|configs|configuration|env|environment|settings)(\.[cm]?[jt]s|\/)/i;
/** Functions whose job is starting or stopping the process: exiting there is the point. */
const LIFECYCLE_FN_RE = /^(main|bootstrap|boot|start\w*|run|init(ialize)?(App|Server)?|launch|serve|listen\w*)$|shutdown|graceful|terminat|signal|cleanup|teardown|exitHandler|onExit|handleExit|die|fatal|crash|stop\w*$/i;
/** Event handlers where exiting is the documented behaviour (crash-only on uncaught errors, exit after drain). */
const EXIT_EVENTS = new Set(["SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR2", "uncaughtException", "unhandledRejection", "beforeExit", "exit"]);
const ESLINT_DISABLE_RE = /eslint-disable(-next-line|-line)?\b[^\n]*\b(n|node)\/no-process-exit|eslint-disable(-next-line|-line)?\s*(\*\/|$)/;

function stem(p: string): string {
  return (p.split("/").pop() ?? "").replace(/\.[^.]+$/, "");
}

/** Basenames (without extension) of the unit's entrypoints: package.json main/bin, start commands. */
function entryStems(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  const prefix = ctx.unit.path === "." ? "" : ctx.unit.path + "/";
  const pj = ctx.snapshot.packageJson(prefix + "package.json");
  if (pj?.main) out.add(stem(pj.main));
  if (typeof pj?.bin === "string") out.add(stem(pj.bin));
  else if (pj?.bin) for (const v of Object.values(pj.bin)) out.add(stem(v));
  for (const sc of ctx.startCommands()) {
    for (const c of sc.commands) for (const a of c.argv) if (/\.[cm]?[jt]sx?$/.test(a)) out.add(stem(a));
  }
  if (!out.size) out.add("index");
  return out;
}

function isEntryFile(ctx: RuleContext, f: FileEntry, stems: Set<string>): boolean {
  const facts = ctx.snapshot.jsFacts(f.path);
  if (facts?.hasShebang) return true;
  if (jsListenersIn(ctx.snapshot, f.path).length) return true;
  const rel = ctx.unit.path === "." ? f.path : f.path.slice(ctx.unit.path.length + 1);
  const depth = rel.split("/").length;
  return stems.has(stem(f.path)) && depth <= 3;
}

function suppressedByEslint(lines: readonly string[], line: number): boolean {
  return ESLINT_DISABLE_RE.test(lines[line - 1] ?? "") && /eslint-disable-line/.test(lines[line - 1] ?? "") || /eslint-disable-next-line/.test(lines[line - 2] ?? "") && ESLINT_DISABLE_RE.test(lines[line - 2] ?? "");
}

// ---------------------------------------------------------------------------------------------
// Other languages (TOKEN, medium confidence)
// ---------------------------------------------------------------------------------------------

function goFindings(ctx: RuleContext, f: FileEntry): void {
  const tok = ctx.snapshot.tokens(f.path);
  if (!tok) return;
  const pkg = /^\s*package\s+(\w+)/m.exec(tok.bare)?.[1];
  if (!pkg || pkg === "main") return;
  // a signal-handling helper (signal.Notify in the file) exiting on a second signal is the shutdown path
  // itself, like exits in Node signal handlers (accuracy bench: podinfo pkg/signals)
  if (/\bsignal\.Notify(Context)?\s*\(/.test(tok.code)) return;
  const usesStdLog = /"log"/.test(tok.code);
  const re = usesStdLog ? /\bos\.Exit\s*\(|\blog\.Fatal(f|ln)?\s*\(/g : /\bos\.Exit\s*\(/g;
  for (const m of tok.bare.matchAll(re)) {
    const line = tok.lineAt(m.index);
    ctx.report({ path: f.path, line, message: "os.Exit/log.Fatal in a non-main package skips deferred cleanup.", match: m[0], confidence: "medium", data: { package: pkg } });
  }
}

/** Java/C#: exits outside the class that declares `main`. */
function jvmClrFindings(ctx: RuleContext, f: FileEntry, lang: "java" | "kotlin" | "scala" | "csharp"): void {
  // v3 (session 12): sbt build definitions (build.sbt, project/*.scala) are not the app
  if (lang === "scala" && /\.sbt$|(^|\/)project\/[\w.-]+\.scala$/.test(f.path)) return;
  const tok = ctx.snapshot.tokens(f.path);
  if (!tok) return;
  // v3: a Scala entrypoint is a `def main(…)`, an `extends App`/IOApp/ZIOApp object or a Scala 3 `@main` method
  const mainRe = lang === "csharp" ? /\bstatic\s+(async\s+)?[\w<>]+\s+Main\s*\(/ : lang === "scala" ? /\bdef\s+main\s*\(|\bextends\s+(App|IOApp|ZIOAppDefault|ZIOApp|CommandIOApp)\b|@main\b/ : /\bstatic\s+void\s+main\s*\(|^\s*fun\s+main\s*\(/m;
  if (mainRe.test(tok.bare)) return;
  const re = lang === "csharp" ? /\bEnvironment\.(Exit|FailFast)\s*\(/g : /\b(System\.exit|sys\.exit|Runtime\.getRuntime\(\)\.(exit|halt)|exitProcess)\s*\(/g;
  for (const m of tok.bare.matchAll(re)) {
    ctx.report({ path: f.path, line: tok.lineAt(m.index), message: "Process exit outside the program entrypoint.", match: m[0], confidence: "medium" });
  }
}

const PY_HANDLER_DECORATOR_RE = /^\s*@[\w.]*\b(route|get|post|put|patch|delete|api_route|websocket|api_view|action|task|shared_task|actor|job)\b/;

/** Python: sys.exit / os._exit inside request handlers, views and task functions (indentation scopes). */
function pythonFindings(ctx: RuleContext, f: FileEntry): void {
  const tok = ctx.snapshot.tokens(f.path);
  if (!tok) return;
  const lines = tok.bare.split("\n");
  const isViewsFile = /(^|\/)(views|handlers|routes|endpoints|tasks)\.py$/.test(f.path);
  let handlerIndent = -1;
  let handlerName = "";
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim()) continue;
    const indent = l.length - l.trimStart().length;
    if (handlerIndent >= 0 && indent <= handlerIndent && !/^\s*[@)]/.test(l)) handlerIndent = -1;
    const def = /^(\s*)(async\s+)?def\s+(\w+)/.exec(l);
    if (def && handlerIndent < 0) {
      let j = i - 1;
      let decorated = false;
      while (j >= 0 && /^\s*@/.test(lines[j])) {
        if (PY_HANDLER_DECORATOR_RE.test(lines[j])) decorated = true;
        j--;
      }
      if (decorated || (isViewsFile && def[1].length === 0 && !def[3].startsWith("_"))) {
        handlerIndent = def[1].length;
        handlerName = def[3];
      }
      continue;
    }
    if (handlerIndent < 0) continue;
    const m = /\b(sys\.exit|os\._exit|exit|quit)\s*\(/.exec(l);
    if (!m) continue;
    // bare exit()/quit() only when it is not a method call (`conn.exit()`)
    if (!m[1].includes(".") && /\.\s*$/.test(l.slice(0, m.index))) continue;
    ctx.report({ path: f.path, line: i + 1, message: "Process exit inside a request handler or task.", match: `${handlerName}:${m[1]}`, confidence: "medium", data: { handler: handlerName } });
  }
}

export default defineRule({
  meta: {
    id: "F09-FORCED-EXIT",
    version: 3,
    factor: "F09",
    kind: "violation",
    severity: "low",
    confidence: "high",
    appliesTo: ["service", "worker"],
    technique: ["TS-AST", "TOKEN"],
    upstream: ["eslint:n/no-process-exit"],
    title: "Abrupt process exits from library/request code",
    rationale:
      "A process that calls exit from deep inside request or job code dies without draining: in-flight requests are dropped, jobs are not returned to the queue and shutdown hooks never run. Robust disposable processes let errors propagate and leave exiting to the entrypoint or the signal handler.",
    remediation: "Throw or return errors to the caller and let the entrypoint decide to exit, so shutdown hooks and in-flight requests can complete.",
    docs: {
      bad: [{ file: "src/db.ts", code: "export async function query(sql) {\n  try { return await pool.query(sql); }\n  catch (err) { console.error(err); process.exit(1); }\n}" }],
      good: [{ file: "src/db.ts", code: "export async function query(sql) {\n  return pool.query(sql); // let the caller / error middleware handle it\n}" }],
    },
    sources: [
      { title: "eslint-plugin-n no-process-exit", url: "https://github.com/eslint-community/eslint-plugin-n/blob/HEAD/docs/rules/no-process-exit.md" },
      { title: "12factor.net — Disposability", url: "https://12factor.net/disposability" },
    ],
    deviations:
      "Besides RULES.md's exclusions (entry files: package.json main/bin, shebang, files that listen or are named in a start command; scripts/ and bin/; exits in signal handlers and top-level bootstrap .catch()), exits are also accepted in: module top-level code and config modules (fail-fast validation at startup is F03-CONFIG-VALIDATED's recommended behaviour), handlers for uncaughtException/unhandledRejection (crash-only is the Node.js recommendation after an unknown error), functions named like lifecycle code (main/bootstrap/start…/shutdown/graceful…/cleanup), and admin/one-off directories (migrations, seeds, tasks, commands, tools). Python is limited to route/view/task handler bodies (sys.exit elsewhere is usually a CLI); Java/Kotlin/C# skip files that declare main. Go flags os.Exit and std log.Fatal* only in non-main packages, and not in files that install a signal handler (signal.Notify: exiting on a second signal is the shutdown path). eslint `n/no-process-exit` disables are honoured by skipping (the scanner core does not map eslint pragmas to waivers yet). v3 (session 12, sbt support): Scala code is judged like Java — System.exit/sys.exit/Runtime.exit|halt outside a file that declares the entrypoint (`def main`, `extends App`/IOApp/ZIOApp, `@main`); sbt build definitions (*.sbt, project/*.scala) are skipped.",
  },
  check(ctx) {
    const files = ctx.files();
    const code = files.filter((f) => f.language && ["javascript", "typescript", "go", "python", "java", "kotlin", "scala", "csharp"].includes(f.language));
    if (!code.length) return ctx.na("no application source in a supported language");
    const stems = entryStems(ctx);
    for (const f of code) {
      if (SCRIPT_DIR_RE.test("/" + f.path) || SCRIPT_NAME_RE.test(f.path)) continue;
      if (f.language === "go") goFindings(ctx, f);
      else if (f.language === "python") pythonFindings(ctx, f);
      else if (f.language === "java" || f.language === "kotlin" || f.language === "scala" || f.language === "csharp") jvmClrFindings(ctx, f, f.language);
      else if ((JS_LANGS as readonly string[]).includes(f.language!)) jsFindings(ctx, f, stems);
    }
  },
});

function jsFindings(ctx: RuleContext, f: FileEntry, stems: Set<string>): void {
  if (CONFIG_MODULE_RE.test(f.path)) return;
  const facts = ctx.snapshot.jsFacts(f.path);
  if (!facts) return;
  const exits = facts.calls.filter((c) => c.callee === "process.exit" || c.callee === "process.abort" || c.callee === "process.reallyExit");
  if (!exits.length || isEntryFile(ctx, f, stems)) return;
  // handler ranges in which exiting is expected
  const allowed: { from: number; to: number }[] = [];
  for (const c of facts.calls) {
    const isProcessOn = /^process\.(on|once|addListener|prependListener|prependOnceListener)$/.test(c.callee);
    const ev = c.args[0]?.source.kind === "literal" ? String(c.args[0].source.value) : null;
    const bootstrapCatch = c.name === "catch" && c.topLevel;
    if (!(isProcessOn && ev && EXIT_EVENTS.has(ev)) && !bootstrapCatch) continue;
    for (const a of c.args) if (a.fn) allowed.push({ from: a.fn.line, to: a.fn.endLine });
  }
  const lines = ctx.snapshot.lines(f.path);
  // file-level `/* eslint-disable n/no-process-exit */` (block form, not -line/-next-line)
  if (lines.some((l) => /\/\*\s*eslint-disable\s+[^*]*\b(n|node)\/no-process-exit\b|\/\*\s*eslint-disable\s+[^*]*(^|[\s,])no-process-exit\b/.test(l))) return;
  for (const e of exits) {
    if (e.topLevel) continue;
    if (e.enclosing && LIFECYCLE_FN_RE.test(e.enclosing)) continue;
    if (allowed.some((r) => e.line >= r.from && e.line <= r.to)) continue;
    if (suppressedByEslint(lines, e.line)) continue;
    ctx.report({
      path: f.path,
      line: e.line,
      column: e.column,
      message: "process.exit() outside an entrypoint.",
      match: `${e.enclosing ?? "<anonymous>"}:${e.text}`,
      data: { enclosing: e.enclosing },
    });
  }
}
