import { defineRule } from "./define-rule.ts";
import type { Language } from "../types.ts";

/** Dependencies that log structured (JSON / key-value) by default. */
const STRUCTURED_DEPS: Record<string, string> = {
  pino: "pino (JSON lines)", "pino-http": "pino-http (JSON lines)", bunyan: "bunyan (JSON lines)", "@nestjs/pino": "nestjs-pino", "nestjs-pino": "nestjs-pino",
  structlog: "structlog", "python-json-logger": "python-json-logger", "json-log-formatter": "json-log-formatter", "ecs-logging": "ecs-logging",
  "go.uber.org/zap": "zap", "github.com/rs/zerolog": "zerolog", "github.com/uber-go/zap": "zap",
  "net.logstash.logback:logstash-logback-encoder": "logstash-logback-encoder", "co.elastic.logging:logback-ecs-encoder": "logback ECS encoder",
  "Serilog.Formatting.Compact": "Serilog compact JSON", "NLog.StructuredLogging.Json": "NLog JSON",
  lograge: "lograge", ougai: "ougai (JSON)", "semantic_logger": "semantic_logger",
};

const CODE_PATTERNS: { langs: Language[]; re: RegExp; note: string }[] = [
  { langs: ["javascript", "typescript"], re: /\bformat\.json\s*\(|\bformat\s*:\s*winston\.format\.json/, note: "winston JSON format" },
  { langs: ["python"], re: /\bJSONRenderer\s*\(|\bjsonlogger\.JsonFormatter\b|\bJsonFormatter\b|\bserialize\s*=\s*True/, note: "JSON log formatter" },
  { langs: ["go"], re: /\bslog\.NewJSONHandler\s*\(|\b&?logrus\.JSONFormatter\b|\blogrus\.SetFormatter\(\s*&logrus\.JSONFormatter/, note: "JSON log handler" },
  { langs: ["csharp"], re: /\b(Rendered)?CompactJsonFormatter\b|\bnew\s+JsonFormatter\s*\(|\.AddJsonConsole\s*\(/, note: "JSON console formatter" },
  { langs: ["php"], re: /\bnew\s+\\?(?:Monolog\\Formatter\\)?JsonFormatter\s*\(/, note: "Monolog JsonFormatter" },
  { langs: ["ruby"], re: /Lograge::Formatters::(Json|Logstash)|\bSemanticLogger\.add_appender\([^)]*formatter:\s*:json/, note: "lograge/semantic_logger JSON" },
  { langs: ["xml"], re: /LogstashEncoder|JsonEncoder|EcsEncoder|JsonTemplateLayout|JsonLayout|JsonLayout/, note: "JSON encoder/layout" },
  { langs: ["properties", "yaml"], re: /logging\.structured\.format\.console|structured:\s*$|format:\s*\n?\s*console:\s*(ecs|logstash|gelf)/, note: "Spring Boot structured logging" },
  { langs: ["json"], re: /CompactJsonFormatter|RenderedCompactJsonFormatter|"formatter"\s*:\s*"[^"]*Json/i, note: "Serilog JSON formatter" },
];

export default defineRule({
  meta: {
    id: "F11-STRUCTURED-LOGS",
    version: 1,
    factor: "F11",
    kind: "evidence",
    severity: "low",
    confidence: "high",
    appliesTo: ["service", "worker"],
    technique: ["PARSE", "TOKEN"],
    opinionated: true,
    title: "One machine-parseable event per line",
    rationale:
      "A log stream of one JSON (or key=value) event per line can be routed, indexed and queried by the platform without fragile regex parsing, and multi-line stack traces stay inside one event. Plain one-line text logs are still compliant, so this is a low-importance positive signal.",
    remediation: "Emit one JSON object per line (pino, structlog, zap/zerolog/slog JSON, logstash-logback-encoder, Serilog compact JSON) so the log router can index fields.",
    docs: {
      bad: [{ file: "src/log.ts", code: "console.log(`user ${id} logged in at ${new Date()}`);" }],
      good: [{ file: "src/log.ts", code: "logger.info({ userId: id }, 'user logged in'); // pino → one JSON line" }],
    },
    sources: [
      { title: "12factor.net — Logs", url: "https://12factor.net/logs" },
      { title: "twelve-factor CHECKLIST (structured logging)", url: "https://github.com/twelve-factor/twelve-factor" },
    ],
    deviations:
      "Libraries that log JSON (or key=value) by default (pino, bunyan, zap, zerolog, structlog, lograge …) count as evidence from the manifest alone; winston/logrus/Monolog/Serilog need an explicit JSON formatter. When nothing is found the score is 0.5 (plain text is compliant) marked as absence (low confidence) per the authoring contract, instead of RULES.md's medium confidence. Opinionated: may be disabled in .twelve-factor.yml.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source"] });
    const inScope = new Set(files.map((f) => f.path));
    let found = 0;
    for (const m of ctx.snapshot.manifests()) {
      if (!inScope.has(m.path)) continue;
      for (const d of m.deps) {
        if (d.scope === "dev" || d.scope === "test") continue;
        const note = STRUCTURED_DEPS[d.name];
        if (note) {
          found++;
          ctx.evidence({ path: m.path, line: d.line, note });
        }
      }
    }
    for (const f of files) {
      const pats = CODE_PATTERNS.filter((p) => f.language && p.langs.includes(f.language));
      if (!pats.length) continue;
      if ((f.language === "properties" || f.language === "yaml") && !/(^|\/)application[\w-]*\.(properties|ya?ml)$/.test(f.path)) continue;
      if (f.language === "json" && !/appsettings[\w.-]*\.json$/i.test(f.path)) continue;
      if (f.language === "xml" && !/(logback|log4j2?|nlog)[\w.-]*\.xml$/i.test(f.path)) continue;
      const text = ctx.snapshot.tokens(f.path)?.code ?? ctx.snapshot.text(f.path);
      if (!text) continue;
      for (const p of pats) {
        const m = p.re.exec(text);
        if (!m) continue;
        found++;
        ctx.evidence({ path: f.path, line: text.slice(0, m.index).split("\n").length, note: p.note });
        break;
      }
    }
    if (found) return ctx.score(1, { reason: "structured (JSON/key-value) logging configured" });
    return ctx.score(0.5, { absence: true, reason: "no structured logging library or JSON formatter found (plain one-line text is still compliant)" });
  },
});
