import rule from "./f03-deploy-value-in-code.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", cors: "^2.8.5" } });

ruleTester(rule, {
  valid: [
    {
      name: "v2: OAuth authorize endpoints of third-party integrations are provider endpoints, not deploy values",
      files: { "package.json": pkg, "plugins/figma/shared/FigmaUtils.ts": 'export class FigmaUtils {\n  private static authBaseUrl = "https://www.figma.com/oauth";\n}\n', "plugins/linear/shared/LinearUtils.ts": 'export class LinearUtils {\n  private static authBaseUrl = "https://linear.app/oauth/authorize";\n  static tokenUrl = "https://api.linear.app/oauth/token";\n}\n' },
    },
    {
      name: "values from config; public API endpoints; localhost dev defaults",
      files: {
        "package.json": pkg,
        "src/app.ts": "import express from 'express';\nimport cors from 'cors';\nconst GITHUB_API_URL = 'https://api.github.com';\nconst baseUrl = 'http://localhost:3000';\nconst app = express();\napp.use(cors({ origin: process.env.CORS_ORIGINS?.split(',') }));\nconst schema = { $id: 'https://json-schema.org/draft/2020-12/schema' };\napp.listen(process.env.PORT);\n",
      },
    },
    {
      name: "environment-tagged config file is CONFIG-GROUPED-BY-ENV's business; tests ignored",
      files: {
        "package.json": pkg,
        "config/production.js": "module.exports = { baseUrl: 'https://app.acme.io' };\n",
        "test/app.test.js": "const baseUrl = 'https://staging.acme.io';\n",
        "src/server.js": "require('express')().listen(process.env.PORT);\n",
      },
    },
    {
      name: "non-deploy keys and file names",
      files: { "package.json": pkg, "src/x.js": "const logo = 'https://cdn.acme.io/logo.png';\nconst host = 'index.html';\nconst environment = 'node';\n" },
    },
    {
      name: "v3: client endpoints of three or more different providers are integrations; bare-word bucket names are app-internal",
      files: {
        "package.json": pkg,
        "src/providers.ts": "export const fireworks = { baseURL: 'https://api.fireworks.ai/inference/v1' };\nexport const sambanova = { baseURL: 'https://api.sambanova.ai/v1' };\nexport const cohere = { baseUrl: 'https://api.cohere.ai/v1' };\n",
        "src/bolt.go": "package engine\n\nconst (\n\tpostsBucketName = \"posts\"\n\tuserBucketName = \"users\"\n)\n",
      },
    },
  ],
  invalid: [
    {
      name: "v3: client endpoints of only two services, and a compound bucket name, are still reported",
      files: {
        "package.json": pkg,
        "src/providers.ts": "export const fireworks = { baseURL: 'https://api.fireworks.ai/inference/v1' };\nexport const own = { baseURL: 'https://api.acme.io/v1' };\n",
        "src/store.go": "package store\n\nconst uploadsBucketName = \"acme-prod-uploads\"\n",
      },
      findings: [{ path: "src/providers.ts", line: 1 }, { path: "src/providers.ts", line: 2 }, { path: "src/store.go", line: 3 }],
    },
    {
      name: "v2: the app's own base URL next to an OAuth endpoint is still reported",
      files: { "package.json": pkg, "src/urls.ts": 'export const authBaseUrl = "https://www.figma.com/oauth";\nexport const publicUrl = "https://app.acme.io/dashboard";\n' },
      findings: [{ path: "src/urls.ts", line: 2 }],
    },
    {
      name: "CORS origin and public base URL in JS",
      files: {
        "package.json": pkg,
        "src/app.js": "const express = require('express');\nconst cors = require('cors');\nconst PUBLIC_BASE_URL = 'https://app.acme.io';\nconst app = express();\napp.use(cors({ origin: ['https://app.acme.io', 'https://admin.acme.io'] }));\napp.listen(process.env.PORT);\n",
      },
      findings: [
        { path: "src/app.js", line: 3, severity: "medium" },
        { path: "src/app.js", line: 5, severity: "medium" },
      ],
    },
    {
      name: "Django ALLOWED_HOSTS and an S3 bucket; env fallback is low",
      files: {
        "requirements.txt": "django==5.0\n",
        "mysite/settings.py": "import os\nALLOWED_HOSTS = ['www.acme.io', 'acme.io']\nAWS_STORAGE_BUCKET_NAME = 'acme-prod-uploads'\nSITE_URL = os.environ.get('SITE_URL', 'https://www.acme.io')\n",
      },
      findings: [
        { path: "mysite/settings.py", line: 2, severity: "medium" },
        { path: "mysite/settings.py", line: 3, severity: "medium" },
        { path: "mysite/settings.py", line: 4, severity: "low" },
      ],
    },
    {
      name: "ASP.NET WithOrigins and an AWS account id",
      files: {
        "Api/Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>",
        "Api/Program.cs": "builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(\"https://app.acme.io\")));\nvar accountId = \"123456789012\";\n",
      },
      findings: [
        { path: "Api/Program.cs", line: 1 },
        { path: "Api/Program.cs", line: 2 },
      ],
    },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("Scala: the deploy's public URL as a constant is reported; from config it is not", async () => {
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Settings.scala": "package app\nobject Settings {\n  val publicUrl = \"https://shop.acme-corp.io\"\n}\n" }, { kind: "service" }).toTrigger([{ path: "src/main/scala/app/Settings.scala", line: 3 }]);
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Settings.scala": "package app\nobject Settings {\n  val publicUrl = sys.env(\"PUBLIC_URL\")\n}\n" }, { kind: "service" }).notToTrigger();
  });
});
