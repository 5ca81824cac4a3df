import rule from "./f11-stdout-log-sink.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4.0.0", ...deps } });
const railsLock = (v: string, extra = "") => `GEM\n  remote: https://rubygems.org/\n  specs:\n    rails (${v})\n      actionpack (= ${v})\n${extra}\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  rails (= ${v})\n`;
const railsApp = (v: string, extra: Record<string, string> = {}, lockExtra = "") => ({ Gemfile: "source 'https://rubygems.org'\ngem 'rails', '" + v + "'\ngem 'puma'\n", "Gemfile.lock": railsLock(v, lockExtra), "config/environments/production.rb": "Rails.application.configure do\n  config.log_level = :info\nend\n", ...extra });
const server = "import express from 'express';\nconst app = express();\napp.listen(process.env.PORT);\n";

ruleTester(rule, {
  valid: [
    { name: "pino() default", files: { "package.json": pkg({ pino: "^9" }), "src/server.ts": server, "src/log.ts": "import pino from 'pino';\nexport const log = pino();\n" } },
    { name: "Python StreamHandler(sys.stdout)", files: { "requirements.txt": "flask==3.0.0\n", "app.py": "import logging, sys\nfrom flask import Flask\napp = Flask(__name__)\nlogging.getLogger().addHandler(logging.StreamHandler(sys.stdout))\n" }, options: { kind: "service" } },
    { name: "Ruby Logger to STDOUT", files: { "Gemfile": "gem 'sinatra'\n", "app.rb": "require 'logger'\nLOG = Logger.new(STDOUT)\n" }, options: { kind: "service" } },
    { name: "Rails 7.1 logs to STDOUT by default", files: railsApp("7.1.3"), options: { kind: "service" }, status: "partial" /* framework default, 0.75 */ },
    { name: "Rails 4.2 with rails_12factor", files: railsApp("4.2.6", {}, "    rails_12factor (0.0.3)\n"), options: { kind: "service" }, status: "partial" /* framework default, 0.75 */ },
    { name: "Rails 5.2 with the RAILS_LOG_TO_STDOUT switch", files: railsApp("5.2.8", { "config/environments/production.rb": "Rails.application.configure do\n  if ENV[\"RAILS_LOG_TO_STDOUT\"].present?\n    config.logger = ActiveSupport::Logger.new(STDOUT)\n  end\nend\n" }), options: { kind: "service" } },
    { name: "Symfony monolog when@prod stream to php://stderr is a stdout sink (v5)", files: { "composer.json": JSON.stringify({ require: { "symfony/framework-bundle": "^7.0", "symfony/monolog-bundle": "^3.10" } }), "bin/console": "#!/usr/bin/env php\n<?php\n", "public/index.php": "<?php\n", "config/packages/monolog.yaml": "when@prod:\n    monolog:\n        handlers:\n            main:\n                type: stream\n                path: php://stderr\n" }, options: { kind: "service" }, status: "pass" },
  ],
  invalid: [
    { name: "Symfony monolog prod stream to a log file is not a stdout sink (v5 control)", files: { "composer.json": JSON.stringify({ require: { "symfony/framework-bundle": "^7.0", "symfony/monolog-bundle": "^3.10" } }), "bin/console": "#!/usr/bin/env php\n<?php\n", "public/index.php": "<?php\n", "config/packages/monolog.yaml": "when@prod:\n    monolog:\n        handlers:\n            main:\n                type: stream\n                path: \"%kernel.logs_dir%/%kernel.environment%.log\"\n" }, options: { kind: "service" }, status: "fail" },
    { name: "Rails 4.2 default production logger writes log/production.log", files: railsApp("4.2.6"), options: { kind: "service" }, status: "fail" },
    { name: "Laravel default stack -> single channel writes storage/logs/laravel.log; browser console.log is not a stdout sink (v3)", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "config/logging.php": "<?php\n\nreturn [\n    'default' => env('LOG_CHANNEL', 'stack'),\n    'channels' => [\n        'stack' => [\n            'driver'   => 'stack',\n            'channels' => ['single'],\n        ],\n        'single' => [\n            'driver' => 'single',\n            'path'   => storage_path('logs/laravel.log'),\n        ],\n        'stderr' => [\n            'driver'  => 'monolog',\n            'handler' => StreamHandler::class,\n            'with'    => ['stream' => 'php://stderr'],\n        ],\n    ],\n];\n", "resources/js/bootstrap.js": "window.axios = require('axios');\nconsole.log('booted');\n" }, options: { kind: "service" }, status: "fail" },
    { name: "only a file sink", files: { "package.json": pkg({ winston: "^3" }), "src/server.ts": server, "src/log.ts": "import winston from 'winston';\nexport const log = winston.createLogger({ transports: [new winston.transports.File({ filename: 'app.log' })] });\n" }, status: "fail" },
    { name: "stdout and file sinks both", files: { "package.json": pkg({ winston: "^3" }), "src/server.ts": server, "src/log.ts": "import winston from 'winston';\nexport const log = winston.createLogger({ transports: [new winston.transports.Console(), new winston.transports.File({ filename: 'app.log' })] });\n" }, status: "partial" },
    { name: "no sink at all in a Go worker", files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": "package main\n\nfunc main() {}\n" }, options: { kind: "worker" }, status: "fail" },
  ],
});
