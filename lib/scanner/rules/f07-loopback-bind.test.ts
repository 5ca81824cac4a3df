import rule from "./f07-loopback-bind.ts";
import { ruleTester } from "../testing.ts";

const expressPkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const fastifyPkg = JSON.stringify({ name: "api", private: true, dependencies: { fastify: "^4.0.0" } });
const nodeDocker = 'FROM node:22\nCOPY . .\nCMD ["node", "src/server.js"]\n';

ruleTester(rule, {
  valid: [
    {
      name: "express listen on 0.0.0.0 in a container",
      files: { "package.json": expressPkg, Dockerfile: nodeDocker, "src/server.js": "const app = require('express')();\napp.listen(process.env.PORT, '0.0.0.0');\n" },
    },
    {
      name: "express listen without host (Node binds all interfaces)",
      files: { "package.json": expressPkg, Dockerfile: nodeDocker, "src/server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n" },
    },
    {
      name: "fastify with host 0.0.0.0",
      files: { "package.json": fastifyPkg, Dockerfile: nodeDocker, "src/server.js": "const Fastify = require('fastify');\nconst app = Fastify();\napp.listen({ port: Number(process.env.PORT), host: '0.0.0.0' });\n" },
    },
    {
      name: "uvicorn with --host 0.0.0.0",
      files: {
        "requirements.txt": "fastapi==0.110.0\nuvicorn==0.29.0\n",
        Dockerfile: 'FROM python:3.12\nCOPY . .\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
        "main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
      },
    },
    {
      name: "uvicorn host from UVICORN_HOST in the Dockerfile",
      files: {
        "requirements.txt": "fastapi==0.110.0\nuvicorn==0.29.0\n",
        Dockerfile: 'FROM python:3.12\nENV UVICORN_HOST=0.0.0.0\nCOPY . .\nCMD ["uvicorn", "main:app"]\n',
        "main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
      },
    },
    {
      name: "session 9: a pprof endpoint on 127.0.0.1:6060 under a profiling flag is not the app's listener",
      files: {
        "go.mod": "module example.com/svc\n\ngo 1.22\n",
        "main.go": 'package main\n\nimport (\n\t"net/http"\n\t_ "net/http/pprof"\n\t"os"\n)\n\nfunc main() {\n\tif cfg.EnablePprof {\n\t\tgo func() {\n\t\t\t_ = http.ListenAndServe("127.0.0.1:6060", nil)\n\t\t}()\n\t}\n\thttp.ListenAndServe(":"+os.Getenv("PORT"), router)\n}\n',
        "deploy/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc\nspec:\n  template:\n    spec:\n      containers:\n        - name: svc\n          image: ghcr.io/acme/svc:1.0.0\n",
      },
    },
    {
      name: "gunicorn without --bind is not judged (binds $PORT when set)",
      files: { "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", Procfile: "web: gunicorn app:app\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n\nif __name__ == '__main__':\n    app.run(port=5000)\n" },
    },
    {
      name: "loopback listener but no container/platform: na",
      files: { "package.json": expressPkg, "src/server.js": "const app = require('express')();\napp.listen(3000, 'localhost');\n" },
      options: { kind: "service" },
      status: "na",
    },
    {
      name: "loopback listener behind an envoy sidecar is intended",
      files: {
        "package.json": expressPkg,
        "src/server.js": "const app = require('express')();\napp.listen(8081, '127.0.0.1');\n",
        "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.0.0\n        - name: proxy\n          image: envoyproxy/envoy:v1.30.0\n",
      },
    },
    {
      name: "free-port probe on 127.0.0.1 port 0 (dev database helper) is not the service listener",
      files: {
        "package.json": JSON.stringify({ name: "api", private: true, dependencies: { next: "^15.0.0" }, scripts: { start: "next start" } }),
        Dockerfile: 'FROM node:22\nCOPY . .\nCMD ["npm", "start"]\n',
        "lib/db/embedded.ts": "import { createServer } from 'node:net';\nexport function freePort(): Promise<number> {\n  return new Promise((resolve, reject) => {\n    const server = createServer();\n    server.on('error', reject);\n    server.listen(0, '127.0.0.1', () => {\n      const { port } = server.address() as { port: number };\n      server.close(() => resolve(port));\n    });\n  });\n}\n",
      },
    },
    {
      name: "session 21 (session27d grist-core): a listen on localhost whose callback only closes the server is a free-port check",
      files: {
        "package.json": expressPkg, Dockerfile: nodeDocker,
        "src/server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n",
        "src/ports.ts": "import * as net from 'net';\nexport function isFree(port: number): Promise<boolean> {\n  return new Promise((resolve) => {\n    const server = net.createServer();\n    server.on('error', () => resolve(false));\n    server.on('close', () => resolve(true));\n    server.listen(port, 'localhost', () => server.close());\n  });\n}\n",
      },
    },
    {
      name: "metrics listener on localhost is not the service",
      files: { "package.json": expressPkg, Dockerfile: nodeDocker, "src/server.js": "const app = require('express')();\nconst metrics = require('express')();\napp.listen(process.env.PORT);\nmetrics.listen(9090, '127.0.0.1');\n" },
    },
    {
      name: "Flask app.run(host='0.0.0.0') started by python",
      files: { "requirements.txt": "flask==3.0.0\n", Dockerfile: 'FROM python:3.12\nCOPY . .\nCMD ["python", "app.py"]\n', "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\napp.run(host='0.0.0.0', port=int(os.environ.get('PORT', 5000)))\n" },
    },
  ],
  invalid: [
    {
      name: "session 21 control: a localhost listener whose callback logs (not a probe) is still reported",
      files: {
        "package.json": expressPkg, Dockerfile: nodeDocker,
        "src/server.js": "const app = require('express')();\nconst server = require('http').createServer(app);\nserver.listen(process.env.PORT, 'localhost', () => console.log('listening'));\n",
      },
      findings: [{ path: "src/server.js", line: 3, severity: "high" }],
    },
    {
      name: "loopback service listener still reported next to a port-0 probe",
      files: {
        "package.json": expressPkg, Dockerfile: nodeDocker,
        "src/server.js": "const net = require('node:net');\nconst app = require('express')();\nnet.createServer().listen(0, '127.0.0.1');\napp.listen(process.env.PORT, '127.0.0.1');\n",
      },
      findings: [{ path: "src/server.js", line: 4, severity: "high" }],
    },
    {
      name: "express listen(port, '127.0.0.1') in a container",
      files: { "package.json": expressPkg, Dockerfile: nodeDocker, "src/server.js": "const app = require('express')();\nconst port = process.env.PORT;\napp.listen(port, '127.0.0.1');\n" },
      findings: [{ path: "src/server.js", line: 3, severity: "high" }],
    },
    {
      name: "fastify listen without host on Render",
      files: { "package.json": fastifyPkg, "render.yaml": "services:\n  - type: web\n    name: api\n    startCommand: node src/server.js\n", "src/server.js": "const Fastify = require('fastify');\nconst app = Fastify();\napp.listen({ port: Number(process.env.PORT) });\n" },
      findings: [{ path: "src/server.js", line: 3, severity: "high", message: "Fastify" }],
    },
    {
      name: "uvicorn without --host in Dockerfile CMD",
      files: {
        "requirements.txt": "fastapi==0.110.0\nuvicorn==0.29.0\n",
        Dockerfile: 'FROM python:3.12\nCOPY . .\nCMD ["uvicorn", "main:app", "--port", "8000"]\n',
        "main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
      },
      findings: [{ path: "Dockerfile", line: 3, severity: "high" }],
    },
    {
      name: "gunicorn --bind 127.0.0.1 in the Procfile",
      files: { "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", Procfile: "web: gunicorn --bind 127.0.0.1:$PORT app:app\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n" },
      findings: [{ path: "Procfile", line: 1, severity: "high" }],
    },
    {
      name: "python app.py runs Flask app.run() without host",
      files: { "requirements.txt": "flask==3.0.0\n", Dockerfile: 'FROM python:3.12\nCOPY . .\nCMD ["python", "app.py"]\n', "app.py": "from flask import Flask\napp = Flask(__name__)\n\nif __name__ == '__main__':\n    app.run(port=8080)\n" },
      findings: [{ path: "app.py", line: 5, severity: "high" }],
    },
    {
      name: "Go ListenAndServe on localhost in Kubernetes",
      files: {
        "go.mod": "module example.com/svc\n\ngo 1.22\n",
        "main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe("localhost:8080", nil)\n}\n',
        "deploy/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc\nspec:\n  template:\n    spec:\n      containers:\n        - name: svc\n          image: ghcr.io/acme/svc:1.0.0\n",
      },
      findings: [{ path: "main.go", line: 6, severity: "high" }],
    },
    {
      name: "entrypoint script runs php artisan serve without --host",
      files: {
        "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }),
        artisan: "#!/usr/bin/env php\n<?php\n",
        Dockerfile: 'FROM php:8.3-cli\nCOPY . /app\nENTRYPOINT ["./docker-entrypoint.sh"]\n',
        "docker-entrypoint.sh": "#!/bin/sh\nset -e\nphp artisan serve --port=8000\n",
      },
      options: { kind: "service" },
      findings: [{ path: "docker-entrypoint.sh", line: 3, severity: "high" }],
    },
    {
      name: "NestJS on the Fastify adapter with app.listen(port)",
      files: {
        "package.json": JSON.stringify({ name: "api", private: true, dependencies: { "@nestjs/core": "^10.0.0", "@nestjs/platform-fastify": "^10.0.0" } }),
        Dockerfile: 'FROM node:22\nCOPY . .\nCMD ["node", "dist/main.js"]\n',
        "src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { FastifyAdapter } from '@nestjs/platform-fastify';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule, new FastifyAdapter());\n  await app.listen(process.env.PORT ?? 3000);\n}\nbootstrap();\n",
      },
      findings: [{ path: "src/main.ts", line: 6 }],
    },
  ],
});
