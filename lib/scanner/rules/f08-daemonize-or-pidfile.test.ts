import rule from "./f08-daemonize-or-pidfile.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const server = "const app = require('express')();\napp.listen(process.env.PORT);\n";
const base = { "package.json": pkg, "server.js": server };
const py = { "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n" };

ruleTester(rule, {
  valid: [
    { name: "node in the foreground", files: { ...base, Dockerfile: "FROM node:22\nCMD [\"node\", \"server.js\"]\n" } },
    { name: "pm2-runtime is a foreground supervisor", files: { ...base, Dockerfile: "FROM node:22\nRUN npm i -g pm2\nCMD [\"pm2-runtime\", \"server.js\"]\n" } },
    { name: "nginx with daemon off", files: { Dockerfile: "FROM nginx:1.27\nCOPY dist /usr/share/nginx/html\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n" }, options: { kind: "service" } },
    {
      name: "nginx whose nginx.conf says daemon off",
      files: { Dockerfile: "FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\nCMD [\"nginx\"]\n", "nginx.conf": "daemon off;\nevents {}\nhttp { server { listen 8080; } }\n" },
      options: { kind: "service" },
    },
    {
      name: "Rails 7.1 puma.rb pidfile only when PIDFILE is set",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'puma'\n",
        "config/puma.rb": "threads 5, 5\nport ENV.fetch(\"PORT\") { 3000 }\npidfile ENV[\"PIDFILE\"] if ENV[\"PIDFILE\"]\n",
        Procfile: "web: bundle exec puma -C config/puma.rb\n",
      },
    },
    {
      name: "background helper before exec is not judged here (multi-process rule)",
      files: { ...base, Dockerfile: "FROM node:22\nCMD [\"sh\", \"-c\", \"node worker.js & exec node server.js\"]\n" },
    },
    {
      name: "pm2 start --no-daemon stays in the foreground",
      files: { "package.json": JSON.stringify({ name: "api", private: true, scripts: { start: "pm2 start ecosystem.config.json --no-daemon" }, dependencies: { express: "^4.19.0", pm2: "^5.0.0" } }), "server.js": server, Dockerfile: "FROM node:22\nCMD [\"npm\", \"start\"]\n" },
    },
    { name: "gunicorn in the foreground", files: { ...py, Procfile: "web: gunicorn -w 4 app:app\n" } },
    { name: "v2: a Celery worker in the foreground", files: { "requirements.txt": "celery==5.4\n", "proj/celery.py": "from celery import Celery\napp = Celery(\"proj\")\n", Procfile: "worker: celery -A proj worker -l info\n" }, options: { kind: "worker" } },
  ],
  invalid: [
    {
      name: "pm2 start in a Dockerfile is high",
      files: { ...base, Dockerfile: "FROM node:22\nRUN npm i -g pm2\nCMD pm2 start server.js && pm2 logs\n" },
      findings: [{ path: "Dockerfile", line: 3, severity: "high" }],
    },
    {
      name: "gunicorn --daemon with a pid file",
      files: { ...py, Procfile: "web: gunicorn --daemon --pid /tmp/app.pid app:app\n" },
      findings: [{ path: "Procfile", line: 1, severity: "medium" }, { path: "Procfile", line: 1, severity: "low" }],
    },
    {
      name: "entrypoint script ends by backgrounding the app",
      files: {
        ...base,
        Dockerfile: "FROM node:22\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"docker-entrypoint.sh\"]\n",
        "docker-entrypoint.sh": "#!/bin/sh\nset -e\nnode migrate.js\nnohup node server.js &\n",
      },
      findings: [{ path: "docker-entrypoint.sh", line: 4, severity: "medium" }],
    },
    {
      name: "older Rails puma.rb writes tmp/pids/server.pid",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails', '~> 6.1'\ngem 'puma'\n",
        "config/puma.rb": "threads 5, 5\nport ENV.fetch(\"PORT\") { 3000 }\npidfile ENV.fetch(\"PIDFILE\") { \"tmp/pids/server.pid\" }\n",
        Procfile: "web: bundle exec puma -C config/puma.rb\n",
      },
      findings: [{ path: "config/puma.rb", line: 3, severity: "low" }],
    },
    {
      name: "nginx as main process without daemon off",
      files: { Dockerfile: "FROM nginx:1.27\nCOPY dist /usr/share/nginx/html\nCMD [\"nginx\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "Dockerfile", line: 3, severity: "medium" }],
    },
    {
      name: "code writes a pid file",
      files: { ...base, Procfile: "web: node server.js\n", "src/pid.js": "const fs = require('fs');\nfs.writeFileSync('/var/run/app.pid', String(process.pid));\n" },
      findings: [{ path: "src/pid.js", line: 2, severity: "low" }],
    },
    { name: "v2 (session12a: mediacms): celery multi start detaches its workers", files: { "requirements.txt": "celery==5.4\n", "proj/celery.py": "from celery import Celery\napp = Celery(\"proj\")\n", Procfile: "worker: celery -A proj multi start w1 w2 -l info\n" }, options: { kind: "worker" }, findings: [{ path: "Procfile", line: 1, severity: "medium" }] },
  ],
});
