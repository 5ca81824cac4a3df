import rule from "./f11-structured-logs.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>, dev: Record<string, string> = {}) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ...deps }, devDependencies: dev });

ruleTester(rule, {
  valid: [
    { name: "pino dependency", files: { "package.json": pkg({ pino: "^9.0.0" }), "server.js": "require('express')().listen(process.env.PORT);\n" } },
    { name: "winston with format.json()", files: { "package.json": pkg({ winston: "^3.0.0" }), "src/log.js": "const winston = require('winston');\nmodule.exports = winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Console()] });\n" } },
    { name: "Go slog JSON handler", files: { "go.mod": "module example.com/x\n\ngo 1.22\n", "main.go": "package main\n\nimport (\n\t\"log/slog\"\n\t\"os\"\n)\n\nfunc main() {\n\tslog.SetDefault(slog.New(slog.NewJSONHandler(os.Stdout, nil)))\n}\n" }, options: { kind: "service" } },
  ],
  invalid: [
    { name: "console.log text logging only → 0.5", files: { "package.json": pkg({}), "server.js": "console.log('listening');\nrequire('express')().listen(process.env.PORT);\n" }, status: "partial", findings: 0 },
    { name: "pino only as a devDependency does not count", files: { "package.json": pkg({}, { pino: "^9.0.0" }), "server.js": "require('express')().listen(process.env.PORT);\n" }, status: "partial", findings: 0 },
  ],
});
