import rule from "./f04-hardcoded-internal-endpoint.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });

ruleTester(rule, {
  valid: [
    {
      name: "Docker Desktop / Podman host aliases are the developer's machine, not another service",
      files: { "package.json": pkg, "src/hosts.ts": "export const isLocal = (host: string) => host === \"host.docker.internal\" || host === 'host.containers.internal';\nexport const GATEWAY = 'http://gateway.docker.internal:8080';\n" },
    },
    { name: "endpoint from env", files: { "package.json": pkg, "src/billing.ts": "export const BILLING_URL = process.env.BILLING_URL;\n" } },
    { name: "trusted proxy CIDR list", files: { "package.json": pkg, "src/app.js": "const app = require('express')();\napp.set('trust proxy', ['10.0.0.0/8', '172.16.0.0/12']);\napp.set('trust proxy', '10.0.0.1');\n" } },
    { name: "cloud metadata endpoint", files: { "package.json": pkg, "src/meta.js": "const url = 'http://169.254.169.254/latest/meta-data/';\n" } },
    { name: "IP inside a log message", files: { "package.json": pkg, "src/log.js": "console.log('could not reach 10.0.0.1, retrying');\n" } },
    { name: "version-like string", files: { "package.json": pkg, "src/v.js": "const MIN_VERSION = '10.0.3.1';\n" } },
    { name: "public host", files: { "package.json": pkg, "src/api.js": "const API = 'https://api.stripe.com/v1';\n" } },
    { name: "internal host in a test file", files: { "package.json": pkg, "src/x.js": "module.exports = 1;\n", "test/x.test.js": "const u = 'http://orders.default.svc.cluster.local';\n" } },
    { name: "Django ALLOWED_HOSTS / INTERNAL_IPS", files: { "requirements.txt": "django==5.0\n", "mysite/settings.py": "ALLOWED_HOSTS = ['api.internal', '10.0.0.5']\nINTERNAL_IPS = [\n    '192.168.1.10',\n]\n" }, options: { kind: "service" } },
    { name: "comment mentioning an internal host", files: { "package.json": pkg, "src/a.js": "// was: http://10.1.2.3:8080\nmodule.exports = process.env.A;\n" } },
  ],
  invalid: [
    {
      name: "cluster DNS URL in TS",
      files: { "package.json": pkg, "src/billing.ts": "export const BILLING_URL = 'http://billing.payments.svc.cluster.local:8080/api';\n" },
      findings: [{ path: "src/billing.ts", line: 1, severity: "medium" }],
    },
    {
      name: "private IP host:port in Python",
      files: { "requirements.txt": "requests==2.31\n", "app/clients.py": "import requests\nINVENTORY = '10.12.0.7:9000'\n" },
      options: { kind: "service" },
      findings: [{ path: "app/clients.py", line: 2, severity: "medium" }],
    },
    {
      name: "env fallback to a private IP is low",
      files: { "package.json": pkg, "src/c.js": "const url = process.env.SEARCH_URL || 'http://192.168.10.20:9200';\n" },
      findings: [{ path: "src/c.js", line: 1, severity: "low" }],
    },
    {
      name: "Go consul name",
      files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": 'package main\n\nconst usersAddr = "users.service.consul:7000"\n' },
      options: { kind: "service" },
      findings: [{ path: "main.go", line: 3 }],
    },
    {
      name: "C# connection string with a private IP",
      files: { "Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n', "Db.cs": 'class Db { const string Cs = "Server=10.0.4.4;Database=app;User Id=app"; }\n' },
      options: { kind: "service" },
      findings: [{ path: "Db.cs", line: 1 }],
    },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("Scala: a cluster-internal service address in code is reported; one read from the environment is not", async () => {
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Billing.scala": "package app\nobject Billing {\n  val url = \"http://billing.internal:8080/charge\"\n}\n" }, { kind: "service" }).toTrigger([{ path: "src/main/scala/app/Billing.scala", line: 3 }]);
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Billing.scala": "package app\nobject Billing {\n  val url = sys.env(\"BILLING_URL\")\n}\n" }, { kind: "service" }).notToTrigger();
  });
});
