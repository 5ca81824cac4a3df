import { defineRule } from "./define-rule.ts";

const PY_GLOBAL_RE = /^(?:logging\.basicConfig\s*\(|logging\.(?:getLogger\(\s*\)|root)\.(?:addHandler|setLevel|handlers\.append)\s*\(|logging\.config\.(?:dictConfig|fileConfig)\s*\(|\w+\s*=\s*logging\.(?:handlers\.)?(?:Rotating|TimedRotating|Watched)?FileHandler\s*\()/;
const JS_TOPLEVEL_RE = /^(?:console\.(?:log|info|warn|error|debug)\s*=(?!=)|(?:winston|log4js)\.(?:configure|add)\s*\()/;
const GO_GLOBAL_RE = /\b(?:log\.Set(?:Output|Flags|Prefix)|slog\.SetDefault|logrus\.Set(?:Output|Formatter|Level|ReportCaller)|zap\.ReplaceGlobals|zerolog\.SetGlobalLevel)\s*\(/;
const CS_GLOBAL_RE = /\b(?:Log\.Logger\s*=\s*new\s+LoggerConfiguration|\.UseSerilog\s*\(|\.AddSerilog\s*\(|LogManager\.Setup\s*\(|LogManager\.Configuration\s*=)/;
const JVM_CONFIG_RE = /(^|\/)src\/main\/resources\/(logback|logback-spring|log4j2|log4j2-spring)\.(xml|yaml|yml|json|properties)$|(^|\/)src\/main\/resources\/log4j\.(properties|xml)$/;

export default defineRule({
  meta: {
    id: "F11-LIBRARY-CONFIGURES-LOGGING",
    version: 2,
    factor: "F11",
    kind: "violation",
    severity: "low",
    confidence: "high",
    appliesTo: ["library", "cli"],
    technique: ["TS-AST", "TOKEN", "FILE"],
    title: "A library configures global logging or files",
    rationale:
      "Logging destinations belong to the application that runs the process. A library that calls logging.basicConfig() at import time, replaces console.log, ships a logback.xml in its jar or sets the global Go logger silently overrides the host app's log stream and format.",
    remediation: "In libraries, only obtain a named logger (Python: add `logging.NullHandler()`), and leave handlers, levels and destinations to the application.",
    docs: {
      bad: [{ file: "mylib/__init__.py", code: "import logging\nlogging.basicConfig(level=logging.DEBUG)" }],
      good: [{ file: "mylib/__init__.py", code: "import logging\nlogging.getLogger(__name__).addHandler(logging.NullHandler())" }],
    },
    sources: [
      { title: "Python logging HOWTO — Configuring Logging for a Library", url: "https://docs.python.org/3/howto/logging.html#configuring-logging-for-a-library" },
      { title: "12factor.net — Logs", url: "https://12factor.net/logs" },
    ],
    deviations:
      "Python and JS are judged at module level only (indentation 0 / outside functions), so CLIs configuring logging inside main() or `if __name__ == \"__main__\":` pass; CLI entry files (`__main__.py`, `cli.py`, shebang/bin files, Go package main) may configure logging at top level. JVM logging config in src/main/resources, Go global-logger setters in non-main packages and .NET host logger setup are only reported for libraries (an application, CLI included, owns its logging). v2 (session 12, sbt support): Scala library code is judged like Java/Kotlin (a library with JVM code and no bundled logging configuration passes instead of na).",
  },
  check(ctx) {
    const lib = ctx.unit.kind === "library";
    const bins = new Set<string>();
    const pj = ctx.snapshot.packageJson(ctx.unit.path === "." ? "package.json" : `${ctx.unit.path}/package.json`) as { bin?: unknown } | undefined;
    if (pj?.bin) for (const b of typeof pj.bin === "string" ? [pj.bin] : Object.values(pj.bin as Record<string, string>)) bins.add(String(b).replace(/^\.\//, ""));
    const isEntry = (p: string) => /(^|\/)(__main__|cli|main|manage)\.py$|(^|\/)(bin|cmd)\//.test(p) || [...bins].some((b) => p.endsWith(b));
    let judged = false;
    for (const f of ctx.files({ roles: ["source"] })) {
      if (f.language === "python") {
        judged = true;
        if (!lib && isEntry(f.path)) continue;
        ctx.snapshot.tokens(f.path)?.codeLines().forEach((l, i) => {
          if (PY_GLOBAL_RE.test(l)) ctx.report({ path: f.path, line: i + 1, message: "Library configures global logging at import time.", match: l.trim().slice(0, 80) });
        });
      } else if (f.language === "javascript" || f.language === "typescript") {
        judged = true;
        const facts = ctx.snapshot.jsFacts(f.path);
        if (!facts || (!lib && (facts.hasShebang || isEntry(f.path)))) continue;
        for (const c of facts.calls) {
          if (!c.topLevel) continue;
          if ((c.isNew && /(^|\.)transports\.File$/.test(c.callee)) || (c.isNew && c.origin === "winston-daily-rotate-file")) {
            ctx.report({ path: f.path, line: c.line, message: "Library creates a file log transport at module load.", match: c.callee });
          }
        }
        const tok = ctx.snapshot.tokens(f.path);
        (tok?.codeLines() ?? [...ctx.snapshot.lines(f.path)]).forEach((l, i) => {
          if (JS_TOPLEVEL_RE.test(l)) ctx.report({ path: f.path, line: i + 1, message: "Library configures global logging at import time.", match: l.trim().slice(0, 80) });
        });
      } else if (lib && f.language === "go") {
        judged = true;
        const tok = ctx.snapshot.tokens(f.path);
        if (!tok || /^\s*package\s+main\b/m.test(tok.code)) continue;
        tok.codeLines().forEach((l, i) => {
          const m = GO_GLOBAL_RE.exec(l);
          if (m) ctx.report({ path: f.path, line: i + 1, message: "Library replaces the process-wide logger.", match: m[0] });
        });
      } else if (lib && f.language === "csharp") {
        judged = true;
        ctx.snapshot.tokens(f.path)?.codeLines().forEach((l, i) => {
          const m = CS_GLOBAL_RE.exec(l);
          if (m) ctx.report({ path: f.path, line: i + 1, message: "Library configures the host's logging.", match: m[0] });
        });
      } else if (lib && JVM_CONFIG_RE.test(f.path)) {
        judged = true;
        ctx.report({ path: f.path, message: "Library ships a logging configuration that overrides the host application's.", match: f.path.split("/").pop()! });
      } else if (f.language === "java" || f.language === "kotlin" || f.language === "scala") judged = true;
    }
    if (!judged) return ctx.na("no library code in a supported language");
  },
});
