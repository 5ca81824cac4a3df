import rule from "./f02-manifest-missing.ts";
import { ruleTester } from "../testing.ts";

ruleTester(rule, {
  valid: [
    { name: "python with requirements.txt", files: { "requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\n" } },
    { name: "stdlib-only python script", files: { "Dockerfile": 'FROM python:3.12-slim\nCMD ["python","server.py"]\n', "server.py": "import http.server, os\nhttp.server.test(port=int(os.environ['PORT']))\n" } },
    { name: "front-end JS assets in a Django app", files: { "requirements.txt": "django==5.0\n", "manage.py": "import django\n", "static/js/app.js": "import Chart from 'chart.js';\n" } },
    { name: "node script with only builtins", files: { "Dockerfile": 'FROM node:22\nCMD ["node","server.js"]\n', "server.js": "const http = require('node:http');\nhttp.createServer().listen(process.env.PORT);\n" } },
  ],
  invalid: [
    { name: "python imports without a manifest", files: { "Dockerfile": 'FROM python:3.12\nRUN pip install flask\nCMD ["python","app.py"]\n', "app.py": "from flask import Flask\napp = Flask(__name__)\n" }, findings: [{ path: "app.py", severity: "critical" }] },
    { name: "go code without go.mod", files: { "Dockerfile": 'FROM golang:1.22\nCMD ["go","run","main.go"]\n', "main.go": "package main\n\nfunc main() {}\n" }, findings: [{ path: "main.go" }] },
    { name: "helper scripts only are info", files: { "package.json": JSON.stringify({ name: "x", private: true, dependencies: { express: "^4" } }), "server.js": "require('express')().listen(process.env.PORT)\n", "scripts/report.py": "import requests\n" }, findings: [{ path: "scripts/report.py", severity: "info" }] },
  ],
});
