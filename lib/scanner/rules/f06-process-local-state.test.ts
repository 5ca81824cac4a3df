import rule from "./f06-process-local-state.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const js = (body: string) => ({ "package.json": pkg, "src/server.js": "const express = require('express');\nconst app = express();\n" + body + "app.listen(process.env.PORT);\n" });

ruleTester(rule, {
  valid: [
    { name: "registry filled at startup, read in handlers", files: js("const routes = [];\nroutes.push('/a');\napp.get('/routes', (req, res) => res.json(routes));\n") },
    { name: "request-scoped local variable", files: js("app.post('/x', (req, res) => {\n  const seen = new Map();\n  seen.set('a', 1);\n  res.json([...seen]);\n});\n") },
    { name: "LRU cache library instance", files: js("const { LRUCache } = require('lru-cache');\nconst cache = new LRUCache({ max: 100 });\napp.get('/x', (req, res) => { cache.set(req.url, 1); res.end(); });\n") },
    { name: "state in Redis", files: js("const Redis = require('ioredis');\nconst redis = new Redis(process.env.REDIS_URL);\napp.post('/cart', async (req, res) => { await redis.set('cart', '1'); res.end(); });\n") },
    { name: "no handlers: na", files: { "package.json": pkg, "src/lib.js": "const items = [];\nexports.add = (x) => items.push(x);\n" }, status: "na" },
  ],
  invalid: [
    {
      name: "carts Map mutated in a POST handler (medium)",
      files: js("const carts = new Map();\napp.post('/cart', (req, res) => {\n  carts.set(req.user.id, req.body);\n  res.sendStatus(204);\n});\n"),
      findings: [{ path: "src/server.js", line: 3, severity: "medium" }],
    },
    {
      name: "object written by index inside a named handler",
      files: js("const sessions = {};\nfunction login(req, res) {\n  sessions[req.body.user] = Date.now();\n  res.end();\n}\napp.post('/login', login);\n"),
      findings: [{ path: "src/server.js", line: 3, severity: "medium" }],
    },
    {
      name: "cache-like name is low",
      files: js("const responseCache = {};\napp.get('/x', (req, res) => {\n  responseCache[req.url] = 'x';\n  res.end();\n});\n"),
      findings: [{ path: "src/server.js", line: 3, severity: "low" }],
    },
    {
      name: "Flask view appends to a module-level list",
      files: { "requirements.txt": "flask==3.0\n", "app.py": "from flask import Flask, request\napp = Flask(__name__)\ntodos = []\n\n@app.post('/todos')\ndef add():\n    todos.append(request.json)\n    return '', 201\n" },
      options: { kind: "service" },
      findings: [{ path: "app.py", line: 3, severity: "medium" }],
    },
  ],
});
