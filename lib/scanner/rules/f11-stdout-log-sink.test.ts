import rule from "./f11-stdout-log-sink.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4.0.0", ...deps } });
const server = "import express from 'express';\nconst app = express();\napp.listen(process.env.PORT);\n";

ruleTester(rule, {
  valid: [
    { name: "pino() default", files: { "package.json": pkg({ pino: "^9" }), "src/server.ts": server, "src/log.ts": "import pino from 'pino';\nexport const log = pino();\n" } },
    { name: "Python StreamHandler(sys.stdout)", files: { "requirements.txt": "flask==3.0.0\n", "app.py": "import logging, sys\nfrom flask import Flask\napp = Flask(__name__)\nlogging.getLogger().addHandler(logging.StreamHandler(sys.stdout))\n" }, options: { kind: "service" } },
    { name: "Ruby Logger to STDOUT", files: { "Gemfile": "gem 'sinatra'\n", "app.rb": "require 'logger'\nLOG = Logger.new(STDOUT)\n" }, options: { kind: "service" } },
  ],
  invalid: [
    { name: "only a file sink", files: { "package.json": pkg({ winston: "^3" }), "src/server.ts": server, "src/log.ts": "import winston from 'winston';\nexport const log = winston.createLogger({ transports: [new winston.transports.File({ filename: 'app.log' })] });\n" }, status: "fail" },
    { name: "stdout and file sinks both", files: { "package.json": pkg({ winston: "^3" }), "src/server.ts": server, "src/log.ts": "import winston from 'winston';\nexport const log = winston.createLogger({ transports: [new winston.transports.Console(), new winston.transports.File({ filename: 'app.log' })] });\n" }, status: "partial" },
    { name: "no sink at all in a Go worker", files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": "package main\n\nfunc main() {}\n" }, options: { kind: "worker" }, status: "fail" },
  ],
});
