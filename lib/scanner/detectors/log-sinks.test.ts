import { describe, expect, it } from "vitest";
import { snapshotFromFiles } from "../testing.ts";
import { logSinks } from "./log-sinks.ts";

/** Log sinks of the root unit, over the files F11-STDOUT-LOG-SINK / F11-FILE-LOG-SINK pass (non-dev/test), or all of them. */
async function sinks(files: Record<string, string>, all = false) {
  const { snapshot, units } = await snapshotFromFiles(files);
  const u = units[0];
  const scope = snapshot.files.filter((f) => u.files.includes(f.path) && (all || (f.env !== "dev" && f.env !== "test")));
  return logSinks(snapshot, scope).map((s) => `${s.kind}:${s.path}:${s.line}:${s.confidence}`);
}

const mixExs = 'defmodule Shop.MixProject do\n  use Mix.Project\n\n  def project do\n    [app: :shop, version: "0.1.0", deps: deps()]\n  end\n\n  defp deps do\n    [\n      {:phoenix, "~> 1.7"},\n      {:bandit, "~> 1.0"},\n      {:logger_file_backend, "~> 0.0.14"}\n    ]\n  end\nend\n';
const app = {
  "mix.exs": mixExs,
  "mix.lock": "%{}\n",
  "lib/shop_web/endpoint.ex": "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n",
  "lib/shop/worker.ex": "defmodule Shop.Worker do\n  require Logger\n  def run, do: Logger.info(\"working\")\nend\n",
};

describe("log sinks: Elixir Logger (session 11)", () => {
  it("an Elixir app with no logger configuration logs to the console through the default handler (medium)", async () => {
    expect(await sinks({ ...app, "config/config.exs": "import Config\nconfig :shop, ecto_repos: [Shop.Repo]\nimport_config \"#{config_env()}.exs\"\n" })).toEqual(["stdout:mix.exs:1:medium"]);
  });
  it("console formatter / default handler / :console backend configuration is explicit stdout evidence (hexpm config.exs)", async () => {
    expect(await sinks({ ...app, "config/config.exs": "import Config\n\nconfig :logger, :default_formatter, format: \"[$level] $metadata$message\\n\"\n" })).toEqual(["stdout:config/config.exs:3:high"]);
    expect(await sinks({ ...app, "config/prod.exs": "import Config\nconfig :logger, level: :info\nconfig :logger, :default_handler, level: :info\n" })).toEqual(["stdout:config/prod.exs:3:high"]);
    expect(await sinks({ ...app, "config/config.exs": "import Config\nconfig :logger,\n  backends: [:console]\nconfig :logger, :console, format: \"$time $message\\n\"\n" })).toEqual(["stdout:config/config.exs:4:high", "stdout:config/config.exs:3:high"]);
  });
  it("LoggerFileBackend configured for production is a file sink, and no console default is assumed", async () => {
    const r = await sinks({ ...app, "config/prod.exs": "import Config\n\nconfig :logger, backends: [{LoggerFileBackend, :info_log}]\n\nconfig :logger, :info_log,\n  path: \"/var/log/shop/info.log\",\n  level: :info\n" });
    expect(r).toEqual(["file:config/prod.exs:3:high"]);
  });
  it("the default handler or a logger_std_h handler with file: writes a file (runtime.exs, application code)", async () => {
    expect(await sinks({ ...app, "config/runtime.exs": "import Config\n\nif config_env() == :prod do\n  config :logger, :default_handler,\n    config: [file: ~c\"/var/log/shop.log\", filesync_repeat_interval: 5000]\nend\n" })).toEqual(["file:config/runtime.exs:4:high"]);
    expect(await sinks({ ...app, "lib/shop/application.ex": "defmodule Shop.Application do\n  def start(_, _) do\n    :logger.add_handler(:disk, :logger_std_h, %{config: %{file: ~c\"log/shop.log\"}})\n  end\nend\n" })).toEqual(["file:lib/shop/application.ex:3:high"]);
  });
  it("a file backend only in config/dev.exs or config/test.exs, or in a comment, is not a production file sink", async () => {
    const files = { ...app, "config/dev.exs": "import Config\nconfig :logger, backends: [{LoggerFileBackend, :dev_log}]\n", "config/test.exs": "import Config\nconfig :logger, :default_handler, config: [file: ~c\"test.log\"]\n", "config/prod.exs": "import Config\n# config :logger, backends: [{LoggerFileBackend, :info_log}]\n" };
    expect(await sinks(files)).toEqual(["stdout:mix.exs:1:medium"]);
    // the detector skips Mix's dev/test config files itself when a caller passes them
    expect(await sinks(files, true)).toEqual(["stdout:mix.exs:1:medium"]);
  });
  it("`config :logger, :default_handler, false` turns the console off: no default stdout evidence", async () => {
    expect(await sinks({ ...app, "config/config.exs": "import Config\nconfig :logger, :default_formatter, format: \"$message\\n\"\nconfig :logger, :default_handler, false\n" })).toEqual([]);
  });
  it("no mix.exs: no Elixir default (a Go service is unaffected)", async () => {
    expect(await sinks({ "go.mod": "module x\n\ngo 1.22\n", "main.go": "package main\n\nfunc main() {}\n" })).toEqual([]);
  });
});

describe("log sinks: JVM logging defaults (session 12: komf)", () => {
  const gradle = (deps: string) => `plugins { kotlin("jvm") version "2.0.0"; application }\n\ndependencies {\n${deps}}\n`;
  const main = { "src/main/kotlin/app/Main.kt": "package app\n\nimport io.github.oshai.kotlinlogging.KotlinLogging\n\nprivate val logger = KotlinLogging.logger {}\n\nfun main() { logger.info { \"up\" } }\n" };
  it("logback-classic without a logback.xml logs to the console through Logback's default configuration (medium)", async () => {
    expect(await sinks({ "build.gradle.kts": gradle('    implementation("ch.qos.logback:logback-classic:1.5.19")\n'), ...main })).toEqual(["stdout:build.gradle.kts:4:medium"]);
  });
  it("a logback.xml of the app's own, or an appender built in code, decides instead", async () => {
    const xml = '<configuration>\n  <appender name="F" class="ch.qos.logback.core.rolling.RollingFileAppender"/>\n  <root><appender-ref ref="F"/></root>\n</configuration>\n';
    expect(await sinks({ "build.gradle.kts": gradle('    implementation("ch.qos.logback:logback-classic:1.5.19")\n'), ...main, "src/main/resources/logback.xml": xml })).toEqual(["file:src/main/resources/logback.xml:2:high"]);
    const code = "package app\n\nimport ch.qos.logback.core.rolling.RollingFileAppender\n\nfun setup() {\n    val appender = RollingFileAppender<Any>()\n    appender.start()\n}\n";
    expect(await sinks({ "build.gradle.kts": gradle('    implementation("ch.qos.logback:logback-classic:1.5.19")\n'), ...main, "src/main/kotlin/app/Log.kt": code })).toEqual(["file:src/main/kotlin/app/Log.kt:6:high"]);
  });
  it("Logback only as a test dependency, or no logging binding at all, is no evidence", async () => {
    expect(await sinks({ "build.gradle.kts": gradle('    testImplementation("ch.qos.logback:logback-classic:1.5.19")\n'), ...main })).toEqual([]);
    expect(await sinks({ "build.gradle.kts": gradle('    implementation("org.slf4j:slf4j-api:2.0.17")\n'), ...main })).toEqual([]);
  });
});

describe("log sinks: Logback configured in code outside the unit's files (session5c2: Suwayomi-Server)", () => {
  it("an appender built anywhere in the repository rules out the default-console assumption", async () => {
    const files = {
      "build.gradle.kts": 'plugins { kotlin("jvm") version "2.0.0"; application }\n\ndependencies {\n    implementation("ch.qos.logback:logback-classic:1.5.19")\n}\n',
      "src/main/kotlin/app/Main.kt": "package app\n\nfun main() { println(\"up\") }\n",
      "shared/config/src/main/kotlin/cfg/Logging.kt": "package cfg\n\nimport ch.qos.logback.core.rolling.RollingFileAppender\n\nfun files(): Any = RollingFileAppender<Any>().apply { }\n",
    };
    const { snapshot } = await snapshotFromFiles(files);
    const scope = snapshot.files.filter((f) => !f.path.startsWith("shared/"));
    expect(logSinks(snapshot, scope).map((s) => s.kind)).toEqual([]);
    const without = await snapshotFromFiles({ "build.gradle.kts": files["build.gradle.kts"], "src/main/kotlin/app/Main.kt": files["src/main/kotlin/app/Main.kt"] });
    expect(logSinks(without.snapshot, without.snapshot.files).map((s) => s.kind)).toEqual(["stdout"]);
  });
});

describe("logback/log4j2 configuration (session 12)", () => {
  const logback = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<configuration>\n  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">\n    <encoder><pattern>%msg%n</pattern></encoder>\n  </appender>\n${body}  <root level="INFO">\n    <appender-ref ref="STDOUT" />\n  </root>\n</configuration>\n`;
  it("a FileAppender kept inside an XML comment, or defined but never referenced, writes nothing", async () => {
    const commented = logback("  <!--\n  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n    <file>app.log</file>\n  </appender>\n  -->\n");
    expect(await sinks({ "pom.xml": "<project><artifactId>a</artifactId></project>\n", "src/main/resources/logback.xml": commented })).toEqual(["stdout:src/main/resources/logback.xml:3:high"]);
    const unused = logback("  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n    <file>app.log</file>\n  </appender>\n");
    expect(await sinks({ "pom.xml": "<project><artifactId>a</artifactId></project>\n", "src/main/resources/logback.xml": unused })).toEqual(["stdout:src/main/resources/logback.xml:3:high"]);
  });
  it("a referenced FileAppender is a file sink", async () => {
    const used = logback("  <appender name=\"FILE\" class=\"ch.qos.logback.core.rolling.RollingFileAppender\">\n    <file>app.log</file>\n  </appender>\n").replace("<appender-ref ref=\"STDOUT\" />", "<appender-ref ref=\"STDOUT\" />\n    <appender-ref ref=\"FILE\" />");
    expect(await sinks({ "pom.xml": "<project><artifactId>a</artifactId></project>\n", "src/main/resources/logback.xml": used })).toEqual(["stdout:src/main/resources/logback.xml:3:high", "file:src/main/resources/logback.xml:6:high"]);
  });
});

describe("log sinks: memoized per file, settled per file list (session 14)", () => {
  const goMain = "package main\n\nimport (\n\t\"io\"\n\t\"log\"\n\t\"net/http\"\n\t\"os\"\n\n\t\"gopkg.in/natefinch/lumberjack.v2\"\n)\n\nfunc accessLog() io.Writer {\n\tvar w io.Writer = io.Discard\n\tif cfg.AccessLogFile != \"\" {\n\t\tw = &lumberjack.Logger{Filename: cfg.AccessLogFile}\n\t}\n\treturn w\n}\n\nfunc main() {\n\tlog.SetOutput(os.Stdout)\n\t_ = accessLog()\n\thttp.ListenAndServe(\":\"+os.Getenv(\"PORT\"), nil)\n}\n";
  it("a file sink behind a log switch is an opt-in for a list without a shipped log-file setting and not for one with it, whatever the order of the calls", async () => {
    const { snapshot } = await snapshotFromFiles({ "go.mod": "module x\n\ngo 1.22\n", "main.go": goMain, "config.yml": "server:\n  access_log_file: /var/log/app/access.log\n" });
    const file = (p: string) => snapshot.files.find((f) => f.path === p)!;
    const lumber = (files: string[]) => logSinks(snapshot, files.map(file)).filter((s) => s.kind === "file").map((s) => `${s.path}:${s.line}:${s.optIn === true}`);
    expect(lumber(["main.go"])).toEqual(["main.go:15:true"]);
    expect(lumber(["config.yml", "main.go"])).toEqual(["main.go:15:false"]);
    // the per-file item was not rewritten by the first call, nor by the second
    expect(lumber(["main.go"])).toEqual(["main.go:15:true"]);
    expect(lumber(["main.go", "config.yml"])).toEqual(["main.go:15:false"]);
  });
});

describe("log sinks: CodeIgniter (session 14)", () => {
  const ci3 = (threshold: string) => ({ "composer.json": "{\"require\": {\"php\": \">=8.1\"}}", "index.php": "<?php\nrequire_once BASEPATH . 'core/CodeIgniter.php';\n", "application/config/config.php": `<?php\n$config['base_url'] = '';\n$config['log_threshold'] = ${threshold};\n$config['log_path'] = __DIR__ . '/../../storage/logs/';\n` });
  it("CodeIgniter 3 with log_threshold above 0 writes log files; 0 turns logging off", async () => {
    expect(await sinks(ci3("1"))).toEqual(["file:application/config/config.php:3:high"]);
    expect(await sinks(ci3("[1, 3]"))).toEqual(["file:application/config/config.php:3:high"]);
    expect(await sinks(ci3("0"))).toEqual([]);
  });
  it("CodeIgniter 4 with a FileHandler in app/Config/Logger.php writes log files; a config without it does not", async () => {
    const ci4 = (handlers: string) => ({ "composer.json": "{\"require\": {\"codeigniter4/framework\": \"^4.5\"}}", "public/index.php": "<?php\n", "app/Config/Logger.php": `<?php\nnamespace Config;\n\nclass Logger extends BaseConfig\n{\n    public $threshold = (ENVIRONMENT === 'production') ? 4 : 9;\n    public array $handlers = [\n        ${handlers} => ['handles' => ['critical', 'error']],\n    ];\n}\n` });
    expect(await sinks(ci4("FileHandler::class"))).toEqual(["file:app/Config/Logger.php:8:medium"]);
    expect(await sinks(ci4("ErrorlogHandler::class"))).toEqual([]);
  });
});

describe("log sinks: a configuration that turns console logging off (session 17: cryptpad)", () => {
  const base = { "package.json": JSON.stringify({ name: "pad", private: true, dependencies: { express: "^4.0.0" } }), "server.js": "const express = require('express');\nexpress().listen(3000);\n" };
  it("`logToStdout: false` next to a log path is a file sink at the path's line", async () => {
    expect(await sinks({ ...base, "config/config.example.js": "module.exports = {\n    logPath: './data/logs',\n    logToStdout: false,\n};\n" })).toEqual(["file:config/config.example.js:2:high"]);
    expect(await sinks({ ...base, "config.yml": "log_to_console: no\nlog_dir: \"/var/log/pad\"\n" })).toEqual(["file:config.yml:2:high"]);
    // (session18a: roundcubemail) a default configuration selecting the file log driver
    expect(await sinks({ ...base, "config/defaults.inc.php": "<?php\n$config = [];\n$config['log_driver'] = 'file';\n" })).toEqual(["file:config/defaults.inc.php:3:high"]);
    expect(await sinks({ ...base, "config/defaults.inc.php": "<?php\n$config = [];\n$config['log_driver'] = 'syslog';\n" })).toEqual([]);
  });
  it("console logging left on, or turned off without a log location, or a location pointing at /dev/stdout, is not", async () => {
    expect(await sinks({ ...base, "config/config.example.js": "module.exports = {\n    logPath: './data/logs',\n    logToStdout: true,\n};\n" })).toEqual([]);
    expect(await sinks({ ...base, "config/initializers/good_job.rb": "GoodJob::CLI.log_to_stdout = false\n" })).toEqual([]);
    expect(await sinks({ ...base, "config.yml": "log_to_stdout: false\nlog_file: \"/dev/stdout\"\n" })).toEqual([]);
    // only configuration files: a source module that merely mentions such settings (a linter's rule text) configures nothing
    expect(await sinks({ ...base, "lib/rules/log-rule.js": "export const doc = \"logPath: './data/logs', logToStdout: false\";\n" })).toEqual([]);
  });
});
