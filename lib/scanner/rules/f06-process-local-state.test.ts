import rule from "./f06-process-local-state.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const js = (body: string) => ({ "package.json": pkg, "src/server.js": "const express = require('express');\nconst app = express();\n" + body + "app.listen(process.env.PORT);\n" });

const ioPkg = (deps: Record<string, string> = {}) => JSON.stringify({ name: "room", private: true, dependencies: { "socket.io": "^4.7.0", ...deps } });
const ioServer = "import http from 'node:http';\nimport { Server } from 'socket.io';\nconst server = http.createServer();\nconst io = new Server(server);\nio.on('connection', (socket) => {\n  socket.on('join-room', (room) => socket.join(room));\n  socket.on('broadcast', (room, data) => socket.broadcast.to(room).emit('client-broadcast', data));\n});\nserver.listen(process.env.PORT);\n";

ruleTester(rule, {
  valid: [
    { name: "v2: socket.io with the Redis adapter shares rooms between instances", files: { "package.json": ioPkg({ "@socket.io/redis-adapter": "^8.3.0", redis: "^4.6.0" }), "src/index.ts": "import { createAdapter } from '@socket.io/redis-adapter';\nimport { createClient } from 'redis';\n" + ioServer + "const pub = createClient({ url: process.env.REDIS_URL });\nio.adapter(createAdapter(pub, pub.duplicate()));\n" } },
    { name: "v2: the adapter attached in another module (io.adapter(...))", files: { "package.json": ioPkg(), "src/index.ts": ioServer + "import { socketAdapter } from './db';\nio.adapter(await socketAdapter());\n", "src/db.ts": "export async function socketAdapter() { return require('socket.io-redis')({ host: process.env.REDIS_HOST }); }\n" } },
    { name: "v2: only the socket.io client (a browser app) is not a server", files: { "package.json": JSON.stringify({ name: "ui", private: true, dependencies: { "socket.io-client": "^4.7.0" } }), "src/app.ts": "import { io } from 'socket.io-client';\nexport const socket = io(location.origin);\n" }, status: "na" },
    { name: "registry filled at startup, read in handlers", files: js("const routes = [];\nroutes.push('/a');\napp.get('/routes', (req, res) => res.json(routes));\n") },
    { name: "request-scoped local variable", files: js("app.post('/x', (req, res) => {\n  const seen = new Map();\n  seen.set('a', 1);\n  res.json([...seen]);\n});\n") },
    { name: "LRU cache library instance", files: js("const { LRUCache } = require('lru-cache');\nconst cache = new LRUCache({ max: 100 });\napp.get('/x', (req, res) => { cache.set(req.url, 1); res.end(); });\n") },
    { name: "state in Redis", files: js("const Redis = require('ioredis');\nconst redis = new Redis(process.env.REDIS_URL);\napp.post('/cart', async (req, res) => { await redis.set('cart', '1'); res.end(); });\n") },
    { name: "no handlers: na", files: { "package.json": pkg, "src/lib.js": "const items = [];\nexports.add = (x) => items.push(x);\n" }, status: "na" },
  ],
  invalid: [
    { name: "v2: a socket.io server with the default in-memory adapter", files: { "package.json": ioPkg(), "src/index.ts": ioServer }, findings: [{ path: "src/index.ts", line: 2, severity: "medium", confidence: "high", message: "in-memory adapter" }] },
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
