import rule from "./f01-env-specific-code-copies.ts";
import { ruleTester } from "../testing.ts";

const server = (host: string) => `const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send('ok'));\napp.get('/health', (req, res) => res.send('up'));\nconst api = '${host}';\nfunction handler(req, res) { res.json({ api }); }\napp.get('/api', handler);\napp.listen(process.env.PORT);\n`;
const pkg = JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4" } });

ruleTester(rule, {
  valid: [
    { name: "per-env config files are not code copies", files: { "package.json": pkg, "server.js": server("x"), "config/production.js": server("https://api.example.com"), "config/default.js": server("http://localhost") } },
    { name: "different files that merely share a prefix", files: { "package.json": pkg, "src/server.js": server("x"), "src/server.test.js": "test('x', () => {});\n" } },
    { name: "prod file that is genuinely different", files: { "package.json": pkg, "src/app.js": server("x"), "src/app.prod.js": "module.exports = require('./app');\n// thin wrapper with extra logging\nconsole.log('prod');\nconsole.log('start');\nconsole.log('ready');\nconsole.log('more');\n" } },
  ],
  invalid: [
    { name: "server.prod.js copy of server.js", files: { "package.json": pkg, "src/server.js": server("http://localhost:4000"), "src/server.prod.js": server("https://api.example.com") }, findings: [{ path: "src/server.prod.js", severity: "high" }] },
    { name: "staging directory mirrors src", files: { "package.json": pkg, "src/server.js": server("a"), "src/worker.js": server("w"), "src_staging/server.js": server("b"), "src_staging/worker.js": server("w2") }, findings: [{ path: "src_staging/server.js" }, { path: "src_staging/worker.js" }] },
  ],
});
