import { defineRule } from "./define-rule.ts";
import { logSinks } from "../detectors/log-sinks.ts";

export default defineRule({
  meta: {
    id: "F11-FILE-LOG-SINK",
    version: 18,
    factor: "F11",
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker"],
    reducedFor: ["cli"],
    technique: ["TS-AST", "TOKEN", "PARSE"],
    title: "Application writes logs to files",
    rationale:
      "A twelve-factor app never concerns itself with routing or storage of its output stream. Log files inside a container are lost on restart, fill the disk, are invisible to the platform's log router and need rotation that the app should not manage.",
    remediation: "Write logs to stdout/stderr (one event per line) and let the execution environment capture, route and retain them.",
    docs: {
      bad: [
        { file: "src/logger.ts", code: "new winston.transports.File({ filename: 'logs/app.log' })" },
        { file: "app/logging.py", code: "handler = logging.handlers.RotatingFileHandler('app.log')" },
      ],
      good: [
        { file: "src/logger.ts", code: "const logger = pino(); // JSON lines on stdout" },
        { file: "app/logging.py", code: "handler = logging.StreamHandler(sys.stdout)" },
      ],
    },
    sources: [
      { title: "12factor.net — Logs", url: "https://12factor.net/logs" },
      { title: "twelve-factor CHECKLIST (FileHandler, createWriteStream.*log)", url: "https://github.com/twelve-factor/twelve-factor" },
    ],
    deviations:
      "Test/dev logging configs (logback-test.xml, dev-only files, test paths) are skipped rather than downgraded. Spring `logging.file.*` is only flagged in non-dev profiles. The F11 cap of 40 when no stdout sink exists is applied by the scorer together with F11-STDOUT-LOG-SINK. v2: Rails < 7.1 (Gemfile.lock) without RAILS_LOG_TO_STDOUT, rails_12factor/rails_stdout_logging or an explicit logger is reported at medium confidence: its production default is log/production.log. v3 (accuracy bench session 4: lobsters): `Logger.new(Rails.root.join(\"log/rails.log\"))` — a path inside log/ given as one string, here one of the loggers of an ActiveSupport::BroadcastLogger next to $stdout — is a file sink. v4 (accuracy bench session 4b: cachet XI, human fail / scanner pass): Laravel's default channel — config/logging.php `default` (env LOG_CHANNEL fallback, a `stack` resolved to its channels or LOG_STACK fallback) or ≤ 5.5 config/app.php `log` — of `single`/`daily` is a file sink (storage/logs/laravel.log) unless an env template or deploy file sets LOG_CHANNEL to a stream channel. v5 (accuracy bench session 4d: LinkAce `.env.docker` LOG_CHANNEL=stack was read as an override to a stream): only a stream channel (stderr, stdout, errorlog, syslog, papertrail) in an env template or deploy file overrides the default; `single`/`daily`/`stack` there is resolved like the default. v6 (accuracy bench session 5a2: jellyseerr logs to daily-rotated files through `new winston.transports.DailyRotateFile(…)`, unseen because winston-daily-rotate-file registers the transport by a side-effect import): winston\u2019s DailyRotateFile transport is a file sink like transports.File. v10 (accuracy bench session5b, BookStack keeps its Laravel config in app/Config/): a relocated or module config directory (app/Config/logging.php) counts like config/logging.php. v10 (accuracy bench session5b2: wallabag XI, human fail / scanner partial): Symfony MonologBundle handlers in non-dev YAML (`monolog:` or `when@prod:`) of type stream/rotating_file are file sinks unless their path is php://stderr|stdout (default %kernel.logs_dir%/<env>.log); errorlog/syslog handlers count as stream sinks. v10 (accuracy bench session5b: mealie XI): Python logging dictConfig data files (a *log*.json / *log*.yaml such as logconf.prod.json with `\"class\": \"logging.handlers.RotatingFileHandler\"`) are read like a LOGGING dict in code; dev/test-tagged variants (logconf.dev.json) are skipped as before. v10 (accuracy bench session5b2: huginn XI): puma `stdout_redirect` to .log files (config/puma.rb) is a file sink at medium confidence (it is usually conditional on RAILS_LOG_TO_STDOUT being unset). v11 (accuracy bench session6z: paperless-ngx XI, human partial / scanner pass — its LOGGING dict writes rotating files through `concurrent_log_handler.ConcurrentRotatingFileHandler`): any `*Rotating*FileHandler`/`*Watched*FileHandler` class of a third-party package in a LOGGING dict or dictConfig file is a file sink like the stdlib ones. v12 (accuracy bench session7a: filebrowser `switch logMethod { case 'stdout': …; case 'stderr': …; default: lumberjack.Logger{Filename: logMethod} }`, human XI pass / scanner partial): a file sink on the branch a configured destination selects, right after explicit stdout/stderr choices, is an operator opt-in (LogSink.optIn) and not counted as a file sink; Go `log.SetOutput(os.Stdout)` is stdout evidence. Also in this version (accuracy bench session7b: tubearchivist and snipe-it XI, human partial / scanner pass): nginx or Apache installed from distribution packages into the app image writes /var/log/<server> files unless the image links them to stdout/stderr or the server configuration streams them (a file sink: high at an explicit ErrorLog/access_log file directive, medium for the package default); a Laravel LOG_CHANNEL=stderr|stdout|errorlog chosen in an env template or deploy file is stdout evidence. Also v12 (accuracy bench session7a: bitwarden-server's AddSerilogFileLogging, human XI partial / scanner pass): the Microsoft.Extensions.Logging file provider `logging.AddFile(…)` (Serilog.Extensions.Logging.File, NReco) on a logging builder or logger factory is a file sink. Session 9 (shared log-sink detector, after looking at session9a: lemmy and atuin XI were human pass / scanner partial): the Rust logging ecosystem is read — tracing-subscriber's fmt subscriber/layer (stdout unless given another writer), env_logger, pretty_env_logger, simple_logger, simplelog TermLogger, log4rs ConsoleAppender, fern to std::io::stdout/stderr and slog-term are stdout/stderr sinks (medium); tracing-appender's rolling writers, log4rs FileAppender/RollingFileAppender, flexi_logger log_to_file, fern::log_file and simplelog WriteLogger are file sinks. v14 (session 11, after looking at session11a: dradis-ce, human XI fail / scanner pass): the `if ENV[\"RAILS_LOG_TO_STDOUT\"].present?` block Rails 5–7.0 generate in production.rb is the framework's template, not a choice — it and the STDOUT logger inside it count only when a deploy file sets the variable (an image ENV, compose, env template, fly.toml/render.yaml) or app.json deploys with Heroku's Ruby buildpack (which sets it); otherwise the Rails default log/production.log stands. Also in this version (session 11: hexpm, Elixir now detected): Elixir's Logger writes to the console through its default handler unless Mix config (config.exs, prod.exs, runtime.exs; not dev.exs/test.exs) adds a file backend (LoggerFileBackend, `:default_handler` or `logger_std_h` with `file:`, `logger_disk_log_h`), which is a file sink. v15 (session 11, after looking at session11c: Gokapi, human XI fail / scanner pass): a Go file that opens a path variable for appending (`os.OpenFile(logPath, os.O_APPEND|…)`) and names a log file in a string literal (`\"config/log.txt\"`, `*.log`) writes a log file (medium). v16 (accuracy bench session12b: komf XI, human pass / scanner partial — a Ktor app with logback-classic and no logback.xml, where no sink was seen): a JVM unit whose Maven/Gradle build declares logback-classic (or slf4j-simple) as a runtime dependency and has no logging configuration of its own (no logback.xml/logback.groovy or log4j2 file in the repository, no slf4j-simple logFile, no sink configured in JVM code or config) logs to the console through the binding's default configuration (shared log-sink detector, stdout at medium confidence); Logback appenders built in Java/Kotlin code (`RollingFileAppender<…>()`, `ConsoleAppender`) are read as file/stdout sinks. Not either when Logback is configured in Java/Kotlin code anywhere in the repository (a module the service builds in may add a file appender without being one of its links: accuracy bench session5c2, Suwayomi-Server, human XI partial). v17 (accuracy bench session12a: reproxy XI, human pass / scanner partial — makeAccessLogWriter returns io.Discard unless opts.Logger.Enabled and only then builds a lumberjack logger): a file sink written only when a log setting turns it on is an operator opt-in (LogSink.optIn) — inside an `if` whose condition enables a log setting (`if cfg.Log.Enabled {`, `if opts.LogFile != \"\" {`, `len(logFile) > 0`; Go, Rust, Java, Kotlin, C#), or after a Go early return on the setting being off (`if !opts.Logger.Enabled { return … }`, `if cfg.LogFile == \"\" { return … }`) in the same function. Not when a configuration file the unit ships (YAML/TOML/JSON/INI, env templates) names a log file (`filename: ./data/app.log`, `LOG_FILE=app.log`): the setting is then on by default (after looking at session11a: Artalk generates its config from conf/artalk.example.yml, which enables a lumberjack file; human XI partial). v18 (accuracy bench session12b: gitbucket XI, human pass / scanner partial — logback.xml keeps its FileAppender inside `<!-- … -->`): logback/log4j2 XML comments are not configuration, and a logback appender that no `<appender-ref>` uses (in a file that references appenders) writes nothing.",
  },
  check(ctx) {
    const files = ctx.files().filter((f) => !/logback-test\.xml$|log4j2-test\.xml$/.test(f.path) && f.env !== "dev" && f.env !== "test");
    const sinks = logSinks(ctx.snapshot, files);
    // v12: a file sink the operator opts into by configuration, next to explicit stdout/stderr choices, is not the default
    const fileSinks = sinks.filter((s) => s.kind === "file" && !s.optIn);
    const hasStdout = sinks.some((s) => s.kind === "stdout");
    for (const s of fileSinks) {
      ctx.report({
        path: s.path,
        line: s.line,
        message: hasStdout ? "Logs are also written to a file in addition to stdout." : "Logs are written to a file instead of stdout.",
        match: s.match,
        confidence: s.confidence,
        data: { sink: s.note },
      });
    }
    if (!fileSinks.length && !sinks.length) return ctx.na("no logging configuration found");
  },
});
