import rule from "./f11-file-log-sink.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4.0.0", ...deps } });
const server = "import express from 'express';\nconst app = express();\napp.listen(process.env.PORT);\n";

ruleTester(rule, {
  valid: [
    { name: "v6: winston Console transport only", files: { "package.json": pkg({ winston: "^3.0.0" }), "server/index.ts": server, "server/logger.ts": "import winston from 'winston';\nexport const logger = winston.createLogger({ transports: [new winston.transports.Console()] });\n" }, options: { kind: "service" } },
    { name: "Laravel with LOG_CHANNEL=stderr in the env template (v4)", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", ".env.example": "APP_ENV=production\nLOG_CHANNEL=stderr\n", "config/logging.php": "<?php\n\nreturn [\n    'default' => env('LOG_CHANNEL', 'stack'),\n    'channels' => [\n        'stack' => [\n            'driver'   => 'stack',\n            'channels' => ['single'],\n        ],\n        'single' => [\n            'driver' => 'single',\n            'path'   => storage_path('logs/laravel.log'),\n        ],\n        'stderr' => [\n            'driver'  => 'monolog',\n            'handler' => StreamHandler::class,\n            'with'    => ['stream' => 'php://stderr'],\n        ],\n    ],\n];\n", "resources/js/bootstrap.js": "window.axios = require('axios');\nconsole.log('booted');\n" }, options: { kind: "service" } },
    { name: "pino to stdout", files: { "package.json": pkg({ pino: "^9" }), "src/server.ts": server, "src/log.ts": "import pino from 'pino';\nexport const log = pino();\n" } },
    { name: "winston console transport", files: { "package.json": pkg({ winston: "^3" }), "src/server.ts": server, "src/log.ts": "import winston from 'winston';\nexport const log = winston.createLogger({ transports: [new winston.transports.Console()] });\n" } },
    { name: "pino.destination(1) is stdout", files: { "package.json": pkg({ pino: "^9" }), "src/server.ts": server, "src/log.ts": "import pino from 'pino';\nexport const log = pino({}, pino.destination(1));\n" } },
    { name: "file handler only in a test", files: { "requirements.txt": "flask==3.0.0\n", "app.py": "import logging, sys\nlogging.basicConfig(stream=sys.stdout)\n", "tests/test_log.py": "import logging\nh = logging.FileHandler('test.log')\n" } },
    { name: "logback-test.xml is ignored", files: { "pom.xml": "<project><artifactId>a</artifactId></project>", "src/main/resources/logback-test.xml": '<configuration><appender name="F" class="ch.qos.logback.core.FileAppender"/></configuration>', "src/main/resources/logback.xml": '<configuration><appender name="C" class="ch.qos.logback.core.ConsoleAppender"/></configuration>' }, options: { kind: "service" } },
    {
      name: "Rails 8 production logger to $stdout only (v3)",
      files: {
        Gemfile: "gem 'rails'\n", "Gemfile.lock": "GEM\n  specs:\n    rails (8.0.1)\n",
        "config/environments/production.rb": "Rails.application.configure do\n  config.logger = ActiveSupport::Logger.new($stdout)\nend\n",
      },
      options: { kind: "service" },
    },
    { name: "Laravel config in app/Config with LOG_CHANNEL defaulting to stderr (v6)", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "app/Config/logging.php": "<?php\n\nreturn [\n    'default' => env('LOG_CHANNEL', 'stderr'),\n    'channels' => [\n        'stderr' => [\n            'driver'  => 'monolog',\n            'handler' => StreamHandler::class,\n            'with'    => ['stream' => 'php://stderr'],\n        ],\n    ],\n];\n" }, options: { kind: "service" } },
    { name: "Symfony monolog when@prod streams to php://stderr (v7)", files: { "composer.json": JSON.stringify({ require: { "symfony/framework-bundle": "^7.0", "symfony/monolog-bundle": "^3.10" } }), "bin/console": "#!/usr/bin/env php\n<?php\n", "public/index.php": "<?php\nrequire dirname(__DIR__).'/vendor/autoload_runtime.php';\n", "config/packages/monolog.yaml": "monolog:\n    channels: [deprecation]\nwhen@prod:\n    monolog:\n        handlers:\n            main:\n                type: fingers_crossed\n                handler: nested\n            nested:\n                type: stream\n                path: php://stderr\n" }, options: { kind: "service" } },
    { name: "Python dictConfig JSON with only a StreamHandler (v8)", files: { "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.0\n", "app/main.py": "import json, logging.config\nfrom fastapi import FastAPI\nlogging.config.dictConfig(json.load(open('app/logconf.prod.json')))\napp = FastAPI()\n", "app/logconf.prod.json": "{\n  \"version\": 1,\n  \"handlers\": {\n    \"stdout\": {\n      \"class\": \"logging.StreamHandler\",\n      \"stream\": \"ext://sys.stdout\"\n    }\n  }\n}\n" }, options: { kind: "service" } },
    { name: "puma config without stdout_redirect logs to stdout (v9)", files: { Gemfile: "gem 'rails'\ngem 'puma'\n", "Gemfile.lock": "GEM\n  specs:\n    rails (7.2.0)\n", "config.ru": "run Rails.application\n", "config/puma.rb": "port ENV.fetch('PORT', 3000)\n", "config/environments/production.rb": "Rails.application.configure do\n  config.logger = ActiveSupport::TaggedLogging.new(Logger.new(STDOUT))\nend\n" }, options: { kind: "service" } },
    { name: "v12: Go lumberjack on the default branch of a configured destination that offers stdout/stderr is an opt-in, not a file sink", files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": "package main\n\nimport (\n\t\"io\"\n\t\"log\"\n\t\"net/http\"\n\t\"os\"\n\n\t\"gopkg.in/natefinch/lumberjack.v2\"\n)\n\nfunc setupLog(method string) {\n\tswitch method {\n\tcase \"stdout\":\n\t\tlog.SetOutput(os.Stdout)\n\tcase \"stderr\":\n\t\tlog.SetOutput(os.Stderr)\n\tcase \"\":\n\t\tlog.SetOutput(io.Discard)\n\tdefault:\n\t\tlog.SetOutput(&lumberjack.Logger{Filename: method, MaxSize: 100})\n\t}\n}\n\nfunc main() {\n\tsetupLog(os.Getenv(\"LOG\"))\n\thttp.ListenAndServe(\":\"+os.Getenv(\"PORT\"), nil)\n}\n" }, options: { kind: "service" } },
  ],
  invalid: [
    { name: "Django LOGGING with a third-party rotating file handler next to a StreamHandler (v11)", files: { "requirements.txt": "django==5.0\nconcurrent-log-handler==0.9.25\n", "manage.py": "import django\n", "app/settings.py": "LOGGING = {\n    'version': 1,\n    'handlers': {\n        'console': {'class': 'logging.StreamHandler'},\n        'file': {\n            'class': 'concurrent_log_handler.ConcurrentRotatingFileHandler',\n            'filename': '/data/log/app.log',\n        },\n    },\n}\n" }, options: { kind: "service" }, findings: [{ path: "app/settings.py", line: 6 }] },
    { name: "puma stdout_redirect to log files (v9)", files: { Gemfile: "gem 'rails'\ngem 'puma'\n", "Gemfile.lock": "GEM\n  specs:\n    rails (7.2.0)\n", "config.ru": "run Rails.application\n", "config/puma.rb": "app_dir = File.expand_path('..', __dir__)\nif ENV['RAILS_LOG_TO_STDOUT'].blank?\n  stdout_redirect File.join(app_dir, 'log/stdout.log'), File.join(app_dir, 'log/stderr.log'), true\nend\nport ENV.fetch('PORT', 3000)\n" }, options: { kind: "service" }, findings: [{ path: "config/puma.rb", line: 3, confidence: "medium" }] },
    { name: "Python dictConfig JSON with a RotatingFileHandler next to stdout (v8)", files: { "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.0\n", "app/main.py": "import json, logging.config\nfrom fastapi import FastAPI\nlogging.config.dictConfig(json.load(open('app/logconf.prod.json')))\napp = FastAPI()\n", "app/logconf.prod.json": "{\n  \"version\": 1,\n  \"handlers\": {\n    \"stdout\": {\n      \"class\": \"logging.StreamHandler\"\n    },\n    \"file\": {\n      \"class\": \"logging.handlers.RotatingFileHandler\",\n      \"filename\": \"data/app.log\"\n    }\n  }\n}\n" }, options: { kind: "service" }, findings: [{ path: "app/logconf.prod.json", line: 8 }] },
    { name: "Symfony monolog prod stream handler writing %kernel.logs_dir% (v7)", files: { "composer.json": JSON.stringify({ require: { "symfony/framework-bundle": "^7.0", "symfony/monolog-bundle": "^3.10" } }), "bin/console": "#!/usr/bin/env php\n<?php\n", "public/index.php": "<?php\nrequire dirname(__DIR__).'/vendor/autoload_runtime.php';\n", "app/config/config_prod.yml": "monolog:\n    handlers:\n        main:\n            type: fingers_crossed\n            handler: nested\n        nested:\n            type: stream\n            path: \"%kernel.logs_dir%/%kernel.environment%.log\"\n" }, options: { kind: "service" }, findings: [{ path: "app/config/config_prod.yml", line: 6 }] },
    { name: "Laravel config in app/Config with LOG_CHANNEL defaulting to single (v6)", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "app/Config/logging.php": "<?php\n\nreturn [\n    'default' => env('LOG_CHANNEL', 'single'),\n    'channels' => [\n        'single' => [\n            'driver' => 'single',\n            'path'   => storage_path('logs/laravel.log'),\n        ],\n    ],\n];\n" }, options: { kind: "service" }, findings: 1 },
    {
      name: "v6: winston.transports.DailyRotateFile (registered by a side-effect import of winston-daily-rotate-file) is a file sink",
      files: { "package.json": pkg({ winston: "^3.0.0", "winston-daily-rotate-file": "^5.0.0" }), "server/index.ts": server, "server/logger.ts": "import winston from 'winston';\nimport 'winston-daily-rotate-file';\nexport const logger = winston.createLogger({\n  transports: [\n    new winston.transports.Console(),\n    new winston.transports.DailyRotateFile({ filename: 'config/logs/app-%DATE%.log' }),\n  ],\n});\n" },
      options: { kind: "service" },
      findings: [{ path: "server/logger.ts", line: 6 }],
    },
    {
      name: "LOG_CHANNEL=stack in an env template is still the file channel (v5)",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", ".env.docker": "APP_ENV=production\nLOG_CHANNEL=stack\n", "config/logging.php": "<?php\n\nreturn [\n    'default' => env('LOG_CHANNEL', 'stack'),\n    'channels' => [\n        'stack' => [\n            'driver'   => 'stack',\n            'channels' => ['single'],\n        ],\n        'single' => [\n            'driver' => 'single',\n            'path'   => storage_path('logs/laravel.log'),\n        ],\n        'stderr' => [\n            'driver'  => 'monolog',\n            'handler' => StreamHandler::class,\n            'with'    => ['stream' => 'php://stderr'],\n        ],\n    ],\n];\n", "resources/js/bootstrap.js": "window.axios = require('axios');\nconsole.log('booted');\n" },
      options: { kind: "service" },
      findings: [{ path: "config/logging.php", line: 4, severity: "high" }],
    },
    {
      name: "Laravel default log channel stack -> single (storage/logs/laravel.log) (v4)",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "config/logging.php": "<?php\n\nreturn [\n    'default' => env('LOG_CHANNEL', 'stack'),\n    'channels' => [\n        'stack' => [\n            'driver'   => 'stack',\n            'channels' => ['single'],\n        ],\n        'single' => [\n            'driver' => 'single',\n            'path'   => storage_path('logs/laravel.log'),\n        ],\n        'stderr' => [\n            'driver'  => 'monolog',\n            'handler' => StreamHandler::class,\n            'with'    => ['stream' => 'php://stderr'],\n        ],\n    ],\n];\n", "resources/js/bootstrap.js": "window.axios = require('axios');\nconsole.log('booted');\n" },
      options: { kind: "service" },
      findings: [{ path: "config/logging.php", line: 4, severity: "high", message: "instead of stdout" }],
    },
    {
      name: "Rails BroadcastLogger to $stdout and Rails.root.join(\"log/rails.log\") (v3)",
      files: {
        Gemfile: "gem 'rails'\n", "Gemfile.lock": "GEM\n  specs:\n    rails (8.0.1)\n",
        "config/environments/production.rb": 'Rails.application.configure do\n  config.logger = ActiveSupport::BroadcastLogger.new(\n    ActiveSupport::Logger.new($stdout),\n    ActiveSupport::Logger.new(Rails.root.join("log/rails.log"))\n  )\nend\n',
      },
      options: { kind: "service" },
      findings: [{ path: "config/environments/production.rb", line: 4, message: "in addition to stdout" }],
    },
    {
      name: "Rails 4.2 default production logger (log/production.log)",
      files: { Gemfile: "gem 'rails', '4.2.6'\n", "Gemfile.lock": "GEM\n  specs:\n    rails (4.2.6)\n      actionpack (= 4.2.6)\n", "config/environments/production.rb": "Rails.application.configure do\nend\n" },
      options: { kind: "service" },
      findings: [{ path: "Gemfile.lock", line: 3 }],
    },
    { name: "winston file transport", files: { "package.json": pkg({ winston: "^3" }), "src/server.ts": server, "src/log.ts": "import winston from 'winston';\nexport const log = winston.createLogger({\n  transports: [new winston.transports.File({ filename: 'logs/app.log' })],\n});\n" }, findings: [{ path: "src/log.ts", line: 3, message: "instead of stdout" }] },
    { name: "Python RotatingFileHandler", files: { "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", "Procfile": "web: gunicorn app:app\n", "app.py": "import logging\nfrom logging.handlers import RotatingFileHandler\nhandler = RotatingFileHandler('app.log', maxBytes=1000)\n" }, findings: [{ path: "app.py", line: 3 }] },
    { name: "logback RollingFileAppender", files: { "pom.xml": "<project><artifactId>a</artifactId></project>", "src/main/resources/logback.xml": '<configuration>\n  <appender name="F" class="ch.qos.logback.core.rolling.RollingFileAppender">\n  </appender>\n</configuration>\n' }, options: { kind: "service" }, findings: [{ path: "src/main/resources/logback.xml", line: 2 }] },
    { name: "Go lumberjack", files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": 'package main\n\nimport (\n\t"log"\n\t"net/http"\n\t"gopkg.in/natefinch/lumberjack.v2"\n)\n\nfunc main() {\n\tlog.SetOutput(&lumberjack.Logger{Filename: "/var/log/app.log"})\n\thttp.ListenAndServe(":8080", nil)\n}\n' }, findings: [{ path: "main.go", line: 10, message: "instead of stdout" }] },
    { name: "Serilog WriteTo.File", files: { "Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>', "Program.cs": 'var builder = WebApplication.CreateBuilder(args);\nLog.Logger = new LoggerConfiguration().WriteTo.File("logs/app.txt").CreateLogger();\n' }, findings: [{ path: "Program.cs", line: 2 }] },
  ],
});
