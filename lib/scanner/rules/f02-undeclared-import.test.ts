import rule from "./f02-undeclared-import.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>, dev: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ...deps }, devDependencies: dev, ...extra }, null, 2);

ruleTester(rule, {
  valid: [
    {
      name: "a vendored browser bundle under public/js/plugins/ is the library itself, not the app's imports (v5)",
      files: {
        "package.json": pkg({}), "package-lock.json": "{}", "server.js": "require('express')().listen(process.env.PORT);\n",
        "public/js/plugins/select2/select2.full.js": "(function (factory) { if (typeof module === 'object') { require('jquery.mousewheel'); factory(require('jquery')); } })();\n",
        "public/js/vendor.min.js": "var x = require('moment');\n",
      },
    },
    {
      name: "a nested front-end package.json declares the imports of the files below it (v2)",
      files: {
        "package.json": JSON.stringify({ name: "shiori", private: true, devDependencies: { prettier: "^3" } }), "package-lock.json": "{}",
        "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n", "go.mod": "module x\n\ngo 1.22\n",
        "webapp/package.json": JSON.stringify({ name: "webapp", private: true, dependencies: { vue: "^3.5.0", "vue-router": "^4.5.0" } }),
        "webapp/src/main.ts": "import { createApp } from 'vue';\nimport { createRouter } from 'vue-router';\nexport const app = createApp({});\nexport const r = createRouter;\n",
      },
      options: { kind: "service" },
    },
    {
      name: "declared deps, builtins, relative, type-only, scoped subpaths",
      files: {
        "package.json": pkg({ "@aws-sdk/client-s3": "^3.0.0", pg: "^8.0.0" }, { "@types/express": "^4.0.0", vitest: "^1.0.0" }),
        "src/server.ts": "import express from 'express';\nimport fs from 'node:fs';\nimport path from 'path';\nimport { S3Client } from '@aws-sdk/client-s3';\nimport { Pool } from 'pg';\nimport type { Request } from 'express-serve-static-core';\nimport { helper } from './helper';\nexpress().listen(process.env.PORT);\n",
        "src/helper.ts": "export const helper = 1;\n",
        "vite.config.ts": "import { defineConfig } from 'vitest/config';\nexport default defineConfig({});\n",
        "test/server.test.ts": "import supertest from 'supertest';\n",
      },
    },
    {
      name: "tsconfig baseUrl makes top-level folders importable",
      files: { "package.json": pkg({}), "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: "." } }), "types/index.d.ts": "export type Plan = {};\n", "lib/db.ts": "export const db = 1;\n", "app/page.tsx": "import express from 'express';\nimport { Plan } from 'types';\nimport { db } from 'lib/db';\n" },
    },
    {
      name: "TS path aliases and workspace packages",
      files: {
        "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["apps/*", "packages/*"] }),
        "apps/api/package.json": JSON.stringify({ name: "@acme/api", private: true, dependencies: { express: "^4.19.0", "@acme/shared": "*" } }),
        "apps/api/tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@lib/*": ["./src/lib/*"] } } }),
        "apps/api/src/index.ts": "import express from 'express';\nimport { x } from '@lib/x';\nimport { util } from '@acme/shared';\nexpress().listen(process.env.PORT);\n",
        "packages/shared/package.json": JSON.stringify({ name: "@acme/shared", version: "1.0.0", main: "index.js" }),
        "packages/other/package.json": JSON.stringify({ name: "@acme/other", version: "1.0.0", main: "index.js" }),
      },
    },
    {
      name: "Python: declared distributions with different import names, local modules, optional imports",
      files: {
        "requirements.txt": "Django==5.0\nPyYAML==6.0\npsycopg2-binary==2.9.9\ndjangorestframework==3.15\npython-dotenv==1.0\ngoogle-cloud-storage==2.16\n",
        "mysite/settings.py": "import os\nimport yaml\nimport psycopg2\nfrom rest_framework import serializers\nfrom dotenv import load_dotenv\nfrom google.cloud import storage\nfrom mysite.utils import x\nfrom . import local\ntry:\n    import ujson as json\nexcept ImportError:\n    import json\n",
        "mysite/utils.py": "x = 1\n",
        "manage.py": "import sys\nfrom django.core.management import execute_from_command_line\n",
      },
    },
    { name: "v3: a bare import of a generated JSON file resolved through baseUrl is local", files: { "package.json": JSON.stringify({ name: "web", private: true, dependencies: { "@angular/core": "^18" } }), "package-lock.json": "{}", "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: "./" } }), "src/loader.ts": "import { Injectable } from '@angular/core';\nimport cacheBusting from 'i18n-cache-busting.json';\nexport const x = [Injectable, cacheBusting];\n" } },
    {
      name: "setup.cfg install_requires after an extra (requests[socks]) are declared (v3)",
      files: { "setup.cfg": "[metadata]\nname = fetcher\n\n[options]\ninstall_requires =\n    requests[socks] >=2.22.0\n    Pygments>=2.5.2\n    rich>=9.10.0\n", "fetcher/core.py": "import requests\nfrom pygments import highlight\nfrom rich.console import Console\n" },
      options: { kind: "cli" },
    },
  ],
  invalid: [
    { name: "v5 control: app code under public/js (not a vendor/plugins directory) is still judged", files: { "package.json": pkg({}), "package-lock.json": "{}", "public/js/app.js": "const m = require('mousetrap');\n" }, findings: [{ path: "public/js/app.js", line: 1 }] },
    { name: "v3: without a baseUrl a bare specifier ending in .json is still judged as a package", files: { "package.json": JSON.stringify({ name: "web", private: true, dependencies: {} }), "package-lock.json": "{}", "src/loader.ts": "import data from 'some-data.json';\nexport const x = data;\n" }, findings: [{ path: "src/loader.ts", line: 1 }] },
    {
      name: "setup.cfg: an import missing from install_requires is still undeclared (v3 control)",
      files: { "setup.cfg": "[metadata]\nname = fetcher\n\n[options]\ninstall_requires =\n    requests[socks] >=2.22.0\n    Pygments>=2.5.2\n    rich>=9.10.0\n", "fetcher/core.py": "import requests\nimport multidict\n" },
      options: { kind: "cli" },
      findings: [{ path: "fetcher/core.py", line: 2 }],
    },
    {
      name: "an import that neither the nested nor the root package.json declares (v2)",
      files: {
        "package.json": JSON.stringify({ name: "shiori", private: true, dependencies: { express: "^4" } }), "package-lock.json": "{}",
        "server.js": "require('express')().listen(process.env.PORT);\n",
        "webapp/package.json": JSON.stringify({ name: "webapp", private: true, dependencies: { vue: "^3.5.0" } }),
        "webapp/src/main.ts": "import { createApp } from 'vue';\nimport axios from 'axios';\nexport const app = createApp({});\nexport const a = axios;\n",
      },
      options: { kind: "service" },
      findings: [{ path: "webapp/src/main.ts", line: 2, severity: "high" }],
    },
    {
      name: "JS runtime import not declared anywhere is high",
      files: {
        "package.json": pkg({}),
        "src/db.js": "const express = require('express');\nconst { Pool } = require('pg');\nmodule.exports = new Pool();\n",
      },
      findings: [{ path: "src/db.js", line: 2, severity: "high", message: "does not declare" }],
    },
    {
      name: "JS import present only as a transitive dependency in the lockfile is low",
      files: {
        "package.json": pkg({}),
        "package-lock.json": JSON.stringify({ lockfileVersion: 3, packages: { "": {}, "node_modules/express": {}, "node_modules/debug": {} } }, null, 2),
        "src/app.js": "const express = require('express');\nconst debug = require('debug')('app');\n",
      },
      findings: [{ path: "src/app.js", line: 2, severity: "low", message: "transitive" }],
    },
    {
      name: "undeclared workspace package is low",
      files: {
        "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["apps/*", "packages/*"] }),
        "apps/api/package.json": JSON.stringify({ name: "@acme/api", private: true, dependencies: { express: "^4.19.0" } }),
        "apps/api/src/index.ts": "import express from 'express';\nimport { other } from '@acme/other';\nexpress().listen(process.env.PORT);\n",
        "packages/other/package.json": JSON.stringify({ name: "@acme/other", version: "1.0.0", main: "index.js" }),
      },
      findings: [{ path: "apps/api/src/index.ts", line: 2, severity: "low", message: "workspace" }],
    },
    {
      name: "Python import of an undeclared package (high) and a transitive one (low)",
      files: {
        "requirements.txt": "flask==3.0.0\n",
        "uv.lock": "version = 1\n[[package]]\nname = \"flask\"\n",
        "app.py": "from flask import Flask\nimport requests\nfrom werkzeug.utils import secure_filename\napp = Flask(__name__)\n",
      },
      findings: [
        { path: "app.py", line: 2, severity: "high" },
        { path: "app.py", line: 3, severity: "low" },
      ],
    },
    {
      name: "Python without a lockfile: undeclared import is medium (may be transitive)",
      files: { "requirements.txt": "-r requirements/base.txt\n", "requirements/base.txt": "wagtail==7.0\n", "app/models.py": "from wagtail.models import Page\nfrom taggit.models import Tag\n" },
      findings: [{ path: "app/models.py", line: 2, severity: "medium" }],
    },
  ],
});
