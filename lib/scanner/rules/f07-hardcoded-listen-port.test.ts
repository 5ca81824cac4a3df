import rule from "./f07-hardcoded-listen-port.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });

ruleTester(rule, {
  valid: [
    {
      name: "port from PORT with a fallback",
      files: { "package.json": pkg, "src/server.ts": "import express from 'express';\nconst app = express();\napp.listen(Number(process.env.PORT ?? 3000));\n" },
    },
    {
      name: "port from a config module",
      files: {
        "package.json": pkg,
        "src/config.ts": "export const config = { port: Number(process.env.PORT) };\n",
        "src/server.ts": "import express from 'express';\nimport { config } from './config';\nconst app = express();\napp.listen(config.port);\n",
      },
    },
    {
      name: "destructured env with default",
      files: { "package.json": pkg, "src/server.js": "const express = require('express');\nconst { PORT = 8080 } = process.env;\nexpress().listen(PORT);\n" },
    },
    {
      name: "literal port in a test file is ignored",
      files: { "package.json": pkg, "src/server.ts": "import express from 'express';\nexport const app = express();\n", "test/server.test.ts": "import { app } from '../src/server';\napp.listen(4000);\n" },
    },
    {
      name: "metrics listener is not the service port",
      files: { "package.json": pkg, "src/server.ts": "import express from 'express';\nconst app = express();\nconst metrics = express();\napp.listen(process.env.PORT);\nmetrics.listen(9090);\n" },
    },
    {
      name: "session 9: the ACME HTTP-01 challenge listener on :80 next to a TLS server is not the app's port",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": 'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n\tgo http.ListenAndServe(":80", certManager.HTTPHandler(nil))\n\thttp.ListenAndServe(":"+os.Getenv("PORT"), nil)\n}\n' },
    },
    {
      name: "session 25 (statping-ng): a pprof router's listener on :9090 and a Let's Encrypt redirect on :80 are secondary listeners, even with app.json injecting PORT",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "app.json": '{"name": "statping", "env": {"PORT": {"value": "8080"}}}', "handlers/routes.go": 'package handlers\n\nimport (\n\t"net/http"\n\t"net/http/pprof"\n)\n\nfunc debug(r *http.ServeMux) {\n\tgo func() {\n\t\tr.HandleFunc("/debug/pprof/", pprof.Index)\n\t\tr.HandleFunc("/debug/pprof/trace", pprof.Trace)\n\t\thttp.ListenAndServe(":9090", r)\n\t}()\n}\n', "handlers/server.go": 'package handlers\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nfunc Start() {\n\tgo http.ListenAndServe(":80", http.HandlerFunc(simplecert.Redirect))\n\thttp.ListenAndServe(":"+os.Getenv("PORT"), nil)\n}\n' },
    },
    {
      name: "session 9: a loopback pprof listener (port 6060) is not the app's port",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": 'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n\tgo http.ListenAndServe("localhost:6060", nil)\n\thttp.ListenAndServe(":"+os.Getenv("PORT"), nil)\n}\n' },
    },
    {
      name: "session 19: Go worker pools started with a count (gotosocial `Workers.Client.Start(1)`) are not listeners",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": 'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n\tstate.Workers.Client.Start(1)\n\tstate.Workers.Federator.Start(4)\n\thttp.ListenAndServe(":"+os.Getenv("PORT"), nil)\n}\n' },
    },
    {
      name: "Go service reading PORT",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": 'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n\thttp.ListenAndServe(":"+os.Getenv("PORT"), nil)\n}\n' },
    },
    {
      name: "Flask dev entry when gunicorn serves production",
      files: {
        "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
        "Procfile": "web: gunicorn app:app\n",
        "app.py": "from flask import Flask\napp = Flask(__name__)\n\nif __name__ == '__main__':\n    app.run(port=5000)\n",
      },
    },
    {
      name: "v3 (session12b: squidex): a Kestrel listen inside an IsDevelopment() block is development-only",
      files: { "app.json": JSON.stringify({ name: "svc" }), "Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n</Project>\n", "Program.cs": "using Microsoft.AspNetCore.Hosting;\n\nvar builder = WebApplication.CreateBuilder(args);\nbuilder.WebHost.ConfigureKestrel((context, serverOptions) =>\n{\n    if (context.HostingEnvironment.IsDevelopment() || context.Configuration.GetValue<bool>(\"devMode:enable\"))\n    {\n        serverOptions.ListenAnyIP(5000);\n    }\n});\nvar app = builder.Build();\napp.Run();\n" },
    },
  ],
  invalid: [
    {
      name: "express listen(3000) on Heroku is medium",
      files: { "package.json": pkg, "Procfile": "web: node src/server.js\n", "src/server.js": "const express = require('express');\nconst app = express();\n// start\napp.listen(3000, () => console.log('up'));\n" },
      findings: [{ path: "src/server.js", line: 4, severity: "medium" }],
    },
    {
      name: "http.createServer().listen(8080) without a platform is low",
      files: { "package.json": JSON.stringify({ name: "x", private: true }), "Dockerfile": "FROM node:22\nCMD [\"node\",\"server.js\"]\n", "server.js": "const http = require('node:http');\nconst server = http.createServer((req, res) => res.end('ok'));\nserver.listen(8080);\n" },
      findings: [{ path: "server.js", line: 3, severity: "low" }],
    },
    {
      name: "literal matching every declared container port is info",
      files: { "package.json": pkg, "Dockerfile": "FROM node:22\nEXPOSE 3000\nCMD [\"node\",\"server.js\"]\n", "server.js": "const app = require('express')();\napp.listen(3000);\n" },
      findings: [{ path: "server.js", line: 2, severity: "info" }],
    },
    {
      name: "fastify listen({ port: 3000 })",
      files: { "package.json": JSON.stringify({ name: "x", private: true, dependencies: { fastify: "^4.0.0" } }), "src/index.ts": "import Fastify from 'fastify';\nconst app = Fastify();\nawait app.listen({ port: 3000, host: '0.0.0.0' });\n" },
      findings: [{ path: "src/index.ts", line: 3 }],
    },
    {
      name: "Go ListenAndServe(\":8080\")",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n' },
      findings: [{ path: "main.go", line: 6 }],
    },
    {
      name: "session 19 control: a Go server started on a bare port number is still a literal port",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": 'package main\n\nfunc main() {\n\tsrv := NewServer()\n\tsrv.Start(8080)\n}\n' },
      findings: [{ path: "main.go", line: 5 }],
    },
    {
      name: "Flask app.run(port=5000) is the production entry",
      files: { "requirements.txt": "flask==3.0.0\n", "Dockerfile": "FROM python:3.12\nCMD [\"python\", \"app.py\"]\n", "app.py": "from flask import Flask\napp = Flask(__name__)\napp.run(host='0.0.0.0', port=5000)\n" },
      findings: [{ path: "app.py", line: 3 }],
    },
    {
      name: "v3 control: the same listen under a negated development check runs in production",
      files: { "app.json": JSON.stringify({ name: "svc" }), "Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n</Project>\n", "Program.cs": "using Microsoft.AspNetCore.Hosting;\n\nvar builder = WebApplication.CreateBuilder(args);\nbuilder.WebHost.ConfigureKestrel((context, serverOptions) =>\n{\n    if (!context.HostingEnvironment.IsDevelopment())\n    {\n        serverOptions.ListenAnyIP(5000);\n    }\n});\nvar app = builder.Build();\napp.Run();\n" },
      findings: [{ path: "Program.cs", line: 8, severity: "medium" }],
    },
  ],
});
