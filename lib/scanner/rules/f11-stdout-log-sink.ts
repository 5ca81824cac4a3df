import { defineRule } from "./define-rule.ts";
import { CONSOLE_CALLS_NOTE, logSinks } from "../detectors/log-sinks.ts";
import { hasFramework } from "../detectors/frameworks.ts";

export default defineRule({
  meta: {
    id: "F11-STDOUT-LOG-SINK",
    version: 18,
    factor: "F11",
    kind: "evidence",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker"],
    technique: ["TS-AST", "TOKEN", "PARSE"],
    title: "Logs go to stdout/stderr",
    rationale:
      "Each running process should write its event stream, unbuffered, to stdout; the platform (Logplex, Fluent Bit, CloudWatch agent) then routes it. A console/stream sink as the only production sink is the positive evidence for this factor.",
    remediation: "Configure your logger's console/stdout handler as the only production sink.",
    docs: {
      bad: [{ file: "config/logback.xml", code: '<appender name="F" class="ch.qos.logback.core.rolling.RollingFileAppender">' }],
      good: [{ file: "src/log.ts", code: "export const log = pino(); // stdout, one JSON event per line" }],
    },
    sources: [{ title: "12factor.net — Logs", url: "https://12factor.net/logs" }],
    deviations:
      "Framework defaults count as stdout evidence at 0.75 (Spring Boot without a file appender, ASP.NET Core console logger, Rails ≥ 7.1 / RAILS_LOG_TO_STDOUT, Django/gunicorn capture): the app logs to the console unless told otherwise. v2 (accuracy bench: rails-realworld-example-app, Rails 4.2, human XI fail / scanner pass): the Rails condition is now applied — with Gemfile.lock `rails (x.y.z)` < 7.1 and no RAILS_LOG_TO_STDOUT / rails_12factor / rails_stdout_logging / explicit logger, production logs to log/production.log, which the shared log-sink inventory reports as a (medium-confidence) file sink: no stdout evidence, score 0, and with F11-FILE-LOG-SINK the factor is capped at 40. Rails without a Gemfile.lock keeps the framework default. v3 (cachet XI): `console.*` in browser code (resources/js, resources/assets, app/javascript, public/, static/, assets/) is not a stdout sink of the service; the Laravel default file channel (see F11-FILE-LOG-SINK v4) counts as a file sink. v4 (accuracy bench session5b, BookStack keeps its Laravel config in app/Config/): a relocated or module config directory (app/Config/logging.php) counts like config/logging.php. v5 (accuracy bench session5b2): Symfony Monolog stream handlers to php://stderr|stdout count as stdout sinks and stream/rotating_file handlers to files as file sinks. v6 (accuracy bench session5b: mealie): StreamHandlers in Python logging dictConfig data files (logconf.prod.json) count as stdout sinks. v7 (accuracy bench session6z: CTFd `logging.StreamHandler(stream=sys.stdout)` next to rotating files, halo Spring `logging.file.name`; human XI partial / scanner fail with no stdout sink seen): the keyword form `StreamHandler(stream=sys.stdout)` is a stdout sink, and Spring Boot `logging.file.*` without an own logback/log4j2 configuration keeps the default console appender (a stdout sink next to the file: both, not file only); Go leveled loggers imported as `log`/`logrus` (`log.Info(…)`, `log.Errorf(…)`: writefreely, human XI pass / scanner partial) are stdout evidence at medium confidence. v8 (accuracy bench session7a: filebrowser `switch logMethod { case 'stdout': …; case 'stderr': …; default: lumberjack.Logger{Filename: logMethod} }`, human XI pass / scanner partial): a file sink on the branch a configured destination selects, right after explicit stdout/stderr choices, is an operator opt-in (LogSink.optIn) and not counted as a file sink; Go `log.SetOutput(os.Stdout)` is stdout evidence. Also in this version (accuracy bench session7b: tubearchivist and snipe-it XI, human partial / scanner pass): nginx or Apache installed from distribution packages into the app image writes /var/log/<server> files unless the image links them to stdout/stderr or the server configuration streams them (a file sink: high at an explicit ErrorLog/access_log file directive, medium for the package default); a Laravel LOG_CHANNEL=stderr|stdout|errorlog chosen in an env template or deploy file is stdout evidence. Session 9 (shared log-sink detector, after looking at session9a: lemmy and atuin XI were human pass / scanner partial): the Rust logging ecosystem is read — tracing-subscriber's fmt subscriber/layer (stdout unless given another writer), env_logger, pretty_env_logger, simple_logger, simplelog TermLogger, log4rs ConsoleAppender, fern to std::io::stdout/stderr and slog-term are stdout/stderr sinks (medium); tracing-appender's rolling writers, log4rs FileAppender/RollingFileAppender, flexi_logger log_to_file, fern::log_file and simplelog WriteLogger are file sinks. v10 (session 11, after looking at session11a: dradis-ce, human XI fail / scanner pass): the `if ENV[\"RAILS_LOG_TO_STDOUT\"].present?` block Rails 5–7.0 generate in production.rb is the framework's template, not a choice — it and the STDOUT logger inside it count only when a deploy file sets the variable (an image ENV, compose, env template, fly.toml/render.yaml) or app.json deploys with Heroku's Ruby buildpack (which sets it); otherwise the Rails default log/production.log stands. Also in this version (session 11: hexpm, Elixir now detected): Elixir's Logger writes to the console through its default handler unless Mix config (config.exs, prod.exs, runtime.exs; not dev.exs/test.exs) adds a file backend (LoggerFileBackend, `:default_handler` or `logger_std_h` with `file:`, `logger_disk_log_h`), which is a file sink. v11 (session 11, after looking at session11c: Gokapi, human XI fail / scanner pass): a Go file that opens a path variable for appending (`os.OpenFile(logPath, os.O_APPEND|…)`) and names a log file in a string literal (`\"config/log.txt\"`, `*.log`) writes a log file (medium). v12 (accuracy bench session12b: komf XI, human pass / scanner partial — a Ktor app with logback-classic and no logback.xml, where no sink was seen): a JVM unit whose Maven/Gradle build declares logback-classic (or slf4j-simple) as a runtime dependency and has no logging configuration of its own (no logback.xml/logback.groovy or log4j2 file in the repository, no slf4j-simple logFile, no sink configured in JVM code or config) logs to the console through the binding's default configuration (shared log-sink detector, stdout at medium confidence); Logback appenders built in Java/Kotlin code (`RollingFileAppender<…>()`, `ConsoleAppender`) are read as file/stdout sinks. Not either when Logback is configured in Java/Kotlin code anywhere in the repository (a module the service builds in may add a file appender without being one of its links: accuracy bench session5c2, Suwayomi-Server, human XI partial). v13 (accuracy bench session12a: reproxy): a file sink behind a log setting that is off by default (inside `if cfg.Log.Enabled {` / `if opts.LogFile != \"\" {`, or after a Go `if !opts.Logger.Enabled { return … }`) is an opt-in and does not count against stdout (shared log-sink detector). v14 (accuracy bench session12b: gitbucket XI, human pass / scanner partial): logback/log4j2 XML comments are not configuration (a commented-out FileAppender no longer makes the console appender one of two sinks), and an unreferenced logback appender writes nothing. v15 (session 14): a CodeIgniter file log (log_threshold above 0, FileHandler) is the app's file sink, seen next to stdout evidence (detectors/log-sinks.ts codeIgniterLogSink). v17 (session 17, after looking at session18c: cryptpad, human XI fail / scanner pass): a configuration that turns console logging off (`logToStdout: false`, `log_to_console = no`, `LOG_TO_STDOUT=false`) and names a log directory or file (`logPath: './data/logs'`) is a file sink at high confidence (shared log-sink detector), so the console.* fallback of the app's own logger is not its stream. v18 (session 17, after looking at session18a: roundcubemail — `$config['log_driver'] = 'file'` in config/defaults.inc.php, and console.* only in its browser scripts; human XI fail): a default configuration that selects the file log driver is a file sink (shared log-sink detector), and in a unit whose main language is not JavaScript/TypeScript the console.* calls are browser code, so a configured file sink in any language decides.",
  },
  check(ctx) {
    const files = ctx.files().filter((f) => f.env !== "dev" && f.env !== "test");
    const sinks = logSinks(ctx.snapshot, files);
    const stdout = sinks.filter((s) => s.kind === "stdout");
    const file = sinks.filter((s) => s.kind === "file" && !s.optIn);
    for (const s of stdout.slice(0, 5)) ctx.evidence({ path: s.path, line: s.line, note: s.note });
    if (stdout.length && !file.length) return ctx.score(1, { confidence: stdout.some((s) => s.confidence === "high") ? "high" : "medium" });
    // v16 (session 16: peppermint, the Fastify logger given a write stream to ./logs.log, human XI fail): when a logger the
    // app configures writes to a file and the only console output is scattered console.* calls, the configured logger is
    // the app's event stream and the console calls are not; it logs to a file
    const consoleOnly = stdout.every((s) => s.note === CONSOLE_CALLS_NOTE);
    // v18 (after looking at session18a: roundcubemail, a PHP app whose only console output is console.* in its browser
    // scripts, human XI fail): in a unit whose server code is not JavaScript, console.* calls run in the browser, so a
    // configured file sink in any language is the app's stream
    const jsServer = ["javascript", "typescript"].includes(ctx.unit.languages[0] ?? "");
    if (stdout.length && file.length && consoleOnly && file.some((s) => s.confidence === "high" && (!jsServer || /\.(m?[jt]sx?|c[jt]s)$/.test(s.path)))) {
      return ctx.score(0, { confidence: "medium", reason: "the configured logger writes to a file; console.* calls are not its stream" });
    }
    if (stdout.length && file.length) return ctx.score(0.5, { reason: "stdout and file sinks both configured" });
    if (file.length) return ctx.score(0, { confidence: "high", reason: "only file sinks configured" });
    const fw = ctx.unit.frameworks;
    const defaultConsole = hasFramework(fw, "spring-boot", "aspnetcore", "quarkus", "micronaut", "nestjs", "next", "django", "gunicorn", "uvicorn", "rails", "puma", "gin", "fastapi", "flask");
    if (defaultConsole) {
      const f = fw.find((x) => ["spring-boot", "aspnetcore", "quarkus", "micronaut", "nestjs", "next", "django", "gunicorn", "uvicorn", "rails", "puma", "gin", "fastapi", "flask"].includes(x.id))!;
      ctx.evidence({ path: f.path, note: `framework default: ${f.id} logs to the console` });
      return ctx.score(0.75, { confidence: "medium", reason: `framework default (${f.id})` });
    }
    return ctx.score(0, { absence: true, reason: "no log sink found" });
  },
});
