import rule from "./f02-manifest-missing.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

/** v13 fixtures: a Flask backend with its manifest in backend/, built by a root Dockerfile. */
const FLASK_BACKEND = {
  "backend/pyproject.toml": "[project]\nname = \"app\"\ndependencies = [\"flask\"]\n", "backend/app.py": "from flask import Flask\napp = Flask(__name__)\n",
  "Dockerfile": "FROM python:3.12\nCOPY backend /app\nCMD [\"flask\", \"run\"]\n",
};

ruleTester(rule, {
  valid: [
    {
      name: "v14 (phpipam): a PHP file loading functions/vendor/autoload.php is covered by functions/composer.json",
      files: { "functions/composer.json": "{\"require\": {\"firehed/cbor\": \"^0.1.0\"}}", "functions/composer.lock": "{}", "index.php": "<?php\nrequire_once 'functions/vendor/autoload.php';\n", "app/login/check.php": "<?php\nrequire __DIR__ . '/../../functions/vendor/autoload.php';\nuse Firehed\\Cbor\\Decoder;\n" },
      options: { kind: "service" },
    },
    {
      name: "v15 (osTicket): a vendored Composer tree with its manifest covers the files that use its namespaces, and a path-constant autoload require",
      files: { "include/laminas-mail/composer.json": "{\"require\": {\"laminas/laminas-mail\": \"^2.25\"}}", "include/laminas-mail/composer.lock": "{}", "include/laminas-mail/vendor/autoload.php": "<?php\nreturn require __DIR__ . '/composer/autoload_real.php';\n", "include/laminas-mail/vendor/laminas/laminas-mail/src/Message.php": "<?php\nnamespace Laminas\\Mail;\nclass Message {}\n", "index.php": "<?php\nrequire_once 'include/class.email.php';\n", "include/class.email.php": "<?php\nrequire_once(INCLUDE_DIR.'laminas-mail/vendor/autoload.php');\nuse Laminas\\Mail\\Storage;\n", "include/class.mail.php": "<?php\nuse Laminas\\Mail;\nuse Laminas\\Mime\\Message as MimeMessage;\n" },
      options: { kind: "service" },
    },
    {
      name: "v15 (mirotalk): one API call written in four languages side by side is a usage sample, not a program",
      files: { "package.json": JSON.stringify({ name: "p2p", private: true, dependencies: { express: "^4" } }), "package-lock.json": "{}", "app/src/server.js": "require('express')().listen(process.env.PORT);\n", ...Object.fromEntries(["join", "meeting", "meetings", "stats", "token"].flatMap((n) => [[`app/api/${n}/${n}.py`, "import requests\nrequests.post('https://example.com/api')\n"], [`app/api/${n}/${n}.js`, "const fetch = require('node-fetch');\n"], [`app/api/${n}/${n}.php`, "<?php\n$ch = curl_init();\n"], [`app/api/${n}/${n}.sh`, "curl -X POST https://example.com/api\n"]])) },
      options: { kind: "service" },
    },
    {
      name: "v13 (session20b: kitchenowl): a script whose only third-party import sits in a try block handles its absence",
      files: {
        ...FLASK_BACKEND,
        "icons/generate.py": "#!/usr/bin/env python3\nimport sys\n\ntry:\n    import fontforge\nexcept ImportError:\n    sys.stderr.write('fontforge not found')\n    sys.exit(1)\n",
      },
      options: { kind: "service" },
    },
    {
      name: "v9: a plugin for a host platform (Moodle) declares a namespace and uses the host's classes: nothing for Composer",
      files: {
        "requirements.txt": "django==5.0\n", "manage.py": "import django\n",
        "lms-plugins/moodle/filter/classes/hooks.php": "<?php\nnamespace filter_media;\n\nuse core\\hook\\output\\before_standard_head_html_generation;\n\nclass hooks {}\n",
      },
      options: { kind: "service" },
    },
    {
      name: "v6: a shared C# version file outside every project using only System namespaces imports no package",
      files: {
        "Server/Server.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup><ItemGroup><Compile Include=\"..\\SharedVersion.cs\" /><PackageReference Include=\"Serilog\" Version=\"4.0.0\" /></ItemGroup></Project>",
        "Server/Program.cs": "using Serilog;\nvar app = WebApplication.Create(args);\napp.Run();\n",
        "SharedVersion.cs": "using System.Reflection;\n\n[assembly: AssemblyVersion(\"12.0.0\")]\n",
      },
      options: { kind: "service" },
    },
    {
      name: "code-generator templates under a hidden scaffold directory are not a program (v5)",
      files: {
        "backend/go.mod": "module x\n\ngo 1.22\n", "backend/go.sum": "", "backend/main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n",
        ".scaffold/model/templates/model.go": "package {{ .Pkg }}\n\nimport \"entgo.io/ent\"\n\ntype {{ .Name }} struct{ ent.Schema }\n",
      },
      options: { kind: "service" },
    },
    {
      name: "k6 load-test scripts under perf/load are run by k6, not a program of the app (v5)",
      files: {
        "go.mod": "module x\n\ngo 1.22\n", "go.sum": "", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n",
        "perf/load/config.js": "import http from 'k6/http';\nimport { check } from 'k6';\nexport const options = { vus: 10 };\n",
        "perf/load/groups.js": "import http from 'k6/http';\nexport default function () { http.get(__ENV.URL); }\n",
      },
      options: { kind: "service" },
    },
    {
      name: "example snippets in a push-examples/ directory are not app code (v3)",
      files: {
        "package.json": JSON.stringify({ name: "kuma", private: true, dependencies: { express: "^4" } }), "package-lock.json": "{}",
        "server/server.js": "require('express')().listen(process.env.PORT);\n",
        "extra/push-examples/java/index.java": "import okhttp3.OkHttpClient;\nclass Index {}\n",
      },
      options: { kind: "service" },
    },
    {
      name: "a root .prettierrc.js requiring prettier plugins, the front end's package.json in a subdirectory (v4)",
      files: {
        "requirements.txt": "django==5.0\n", "manage.py": "import django\n",
        ".prettierrc.js": "module.exports = { plugins: [require('prettier-plugin-organize-imports')] };\n",
        "eslint.config.mjs": "import js from '@eslint/js';\nexport default [js.configs.recommended];\n",
        "src-ui/package.json": JSON.stringify({ name: "ui", private: true, devDependencies: { prettier: "3.3.3" } }),
      },
      options: { kind: "service" },
    },
    { name: "python with requirements.txt", files: { "requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\n" } },
    { name: "stdlib-only python script", files: { "Dockerfile": 'FROM python:3.12-slim\nCMD ["python","server.py"]\n', "server.py": "import http.server, os\nhttp.server.test(port=int(os.environ['PORT']))\n" } },
    { name: "front-end JS assets in a Django app", files: { "requirements.txt": "django==5.0\n", "manage.py": "import django\n", "static/js/app.js": "import Chart from 'chart.js';\n" } },
    { name: "node script with only builtins", files: { "Dockerfile": 'FROM node:22\nCMD ["node","server.js"]\n', "server.js": "const http = require('node:http');\nhttp.createServer().listen(process.env.PORT);\n" } },
    {
      name: "importmap-rails: config/importmap.rb pins the browser modules of app/javascript (v2)",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'importmap-rails'\n",
        "Gemfile.lock": "GEM\n  specs:\n    rails (8.0.0)\n",
        "config/importmap.rb": 'pin "application"\npin "autosize", to: "autosize.js"\n',
        "app/javascript/application.js": 'import autosize from "autosize";\n',
      },
    },
    {
      name: "v8: a CI script under .github/ seen from a C# project in a subdirectory is not a program of the app",
      files: {
        "src/App/App.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><ItemGroup><PackageReference Include=\"Serilog\" Version=\"4.0.0\" /></ItemGroup></Project>",
        "src/App/Program.cs": "using Serilog;\nvar app = WebApplication.Create(args);\napp.Run();\n",
        ".github/workflows/scripts/redeliver.mjs": "import { Octokit } from '@octokit/rest';\nawait new Octokit().request('GET /');\n",
      },
      options: { units: [{ path: "src/App", kind: "service" }] },
    },
    {
      name: "v8: a vendored UMD browser library under an ASP.NET Content/libs folder is an asset, not a Node program",
      files: {
        "Web/Web.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><ItemGroup><PackageReference Include=\"Serilog\" Version=\"4.0.0\" /></ItemGroup></Project>",
        "Web/Program.cs": "using Serilog;\nvar app = WebApplication.Create(args);\napp.Run();\n",
        "Web/Content/libs/notify.js": "(function (factory) {\n  if (typeof define === 'function' && define.amd) { define(['jquery'], factory); }\n  else if (typeof exports === 'object') { factory(require('jquery')); }\n  else { factory(jQuery); }\n}(function ($) { $.notify = function () {}; }));\n",
        "Web/ui/notify.js": "(function (factory) {\n  if (typeof define === 'function' && define.amd) { define(['jquery'], factory); }\n  else { factory(require('jquery')); }\n}(function ($) {}));\n",
      },
      options: { units: [{ path: "Web", kind: "service" }] },
    },
  ],
  invalid: [
    {
      name: "v13: a third-party import outside a try block still needs a manifest, even next to a guarded one",
      files: {
        ...FLASK_BACKEND,
        "icons/generate.py": "import sys\nimport requests\n\ntry:\n    import fontforge\nexcept ImportError:\n    sys.exit(1)\n",
      },
      options: { kind: "service" },
      findings: [{ path: "icons/generate.py" }],
    },
    {
      name: "v9: PHP code using a Composer package's namespace with no composer.json",
      files: { "index.php": "<?php\nuse Symfony\\Component\\HttpFoundation\\Request;\n$r = Request::createFromGlobals();\n" },
      options: { kind: "service" },
      findings: [{ path: "index.php" }],
    },
    {
      name: "v14 control (phpipam): loading the autoloader of a directory without composer.json still needs a manifest",
      files: { "functions/composer.json": "{\"require\": {\"firehed/cbor\": \"^0.1.0\"}}", "functions/composer.lock": "{}", "app/login/check.php": "<?php\nrequire __DIR__ . '/../../lib/vendor/autoload.php';\nuse Firehed\\Cbor\\Decoder;\n" },
      options: { kind: "service" },
      findings: [{ path: "app/login/check.php" }],
    },
    {
      name: "v15 control: a vendored Composer tree does not cover a namespace it does not hold",
      files: { "include/laminas-mail/composer.json": "{\"require\": {\"laminas/laminas-mail\": \"^2.25\"}}", "include/laminas-mail/vendor/autoload.php": "<?php\n", "include/laminas-mail/vendor/laminas/laminas-mail/src/Message.php": "<?php\nnamespace Laminas\\Mail;\nclass Message {}\n", "index.php": "<?php\nrequire_once 'src/app.php';\n", "src/app.php": "<?php\nuse Symfony\\Component\\HttpFoundation\\Request;\n" },
      options: { kind: "service" },
      findings: [{ path: "src/app.php" }],
    },
    {
      name: "v9: PHP code loading Composer's autoloader with no composer.json",
      files: { "public/index.php": "<?php\nrequire __DIR__ . '/../vendor/autoload.php';\n" },
      options: { kind: "service" },
      findings: [{ path: "public/index.php" }],
    },
    {
      name: "v6: a C# file outside every project that uses a package namespace still needs a manifest",
      files: {
        "Server/Server.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup><ItemGroup><Compile Include=\"..\\SharedVersion.cs\" /><PackageReference Include=\"Serilog\" Version=\"4.0.0\" /></ItemGroup></Project>",
        "Server/Program.cs": "using Serilog;\nvar app = WebApplication.Create(args);\napp.Run();\n",
        "tools/Seed.cs": "using System;\nusing Newtonsoft.Json;\n\npublic static class Seed { public static string Run() => JsonConvert.SerializeObject(new { }); }\n",
      },
      options: { kind: "service" },
      findings: [{ path: "tools/Seed.cs" }],
    },
    {
      name: "a container helper script under docker/ importing a package is a helper (info), not the app's missing manifest (v5)",
      files: {
        "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }), "composer.lock": "{}", artisan: "<?php\n",
        "docker/supervisor-exit-event-listener.py": "#!/usr/bin/env python3\nimport os\nfrom supervisor import childutils\n",
      },
      options: { kind: "service" },
      findings: [{ path: "docker/supervisor-exit-event-listener.py", severity: "info" }],
    },
    {
      name: "a helper Go program under extra/ and example snippets under push-examples/ (v3)",
      files: {
        "package.json": JSON.stringify({ name: "kuma", private: true, dependencies: { express: "^4" } }), "package-lock.json": "{}",
        "server/server.js": "require('express')().listen(process.env.PORT);\n",
        "extra/healthcheck.go": "package main\n\nimport \"github.com/mattn/go-isatty\"\n\nfunc main() { _ = isatty.IsTerminal(1) }\n",
      },
      options: { kind: "service" },
      findings: [{ path: "extra/healthcheck.go", severity: "info" }],
    },
    {
      name: "a Go helper under dev/ without go.mod is a helper-directory finding, info (v4)",
      files: {
        "package.json": JSON.stringify({ name: "wiki", private: true, dependencies: { express: "^4" } }), "yarn.lock": "",
        "server/index.js": "require('express')().listen(process.env.PORT);\n",
        "dev/installer/main.go": "package main\n\nimport \"github.com/fatih/color\"\n\nfunc main() { color.Red(\"x\") }\n",
      },
      options: { kind: "service" },
      findings: [{ path: "dev/installer/main.go", severity: "info" }],
    },
    {
      name: "a tool-config-looking name is not enough when it is app code elsewhere: src/app.js still needs package.json (v4)",
      files: {
        "Dockerfile": 'FROM node:22\nCMD ["node","src/app.js"]\n',
        ".prettierrc.js": "module.exports = {};\n",
        "src/app.js": "const express = require('express');\nexpress().listen(process.env.PORT);\n",
      },
      options: { kind: "service" },
      findings: [{ path: "src/app.js", severity: "critical" }],
    },
    {
      name: "app/javascript importing packages with no importmap pins and no package.json (v2)",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails'\n",
        "config/importmap.rb": "# Pin npm packages by running ./bin/importmap\n",
        "app/javascript/application.js": 'import autosize from "autosize";\n',
        // v11: more than three files, so they are not taken for auxiliary scripts in a second language
        ...Object.fromEntries([1, 2, 3].map((i) => [`app/javascript/controllers/c${i}.js`, 'import { Controller } from "@hotwired/stimulus";\n'])),
      },
      options: { kind: "service" },
      findings: [{ path: "app/javascript/application.js", severity: "critical" }],
    },
    { name: "python imports without a manifest", files: { "Dockerfile": 'FROM python:3.12\nRUN pip install flask\nCMD ["python","app.py"]\n', "app.py": "from flask import Flask\napp = Flask(__name__)\n" }, findings: [{ path: "app.py", severity: "critical" }] },
    { name: "go code without go.mod", files: { "Dockerfile": 'FROM golang:1.22\nCMD ["go","run","main.go"]\n', "main.go": "package main\n\nfunc main() {}\n" }, findings: [{ path: "main.go" }] },
    { name: "v7: six Python maintenance scripts under scripts/ of a Go service are tooling (info)", files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "go.sum": "", ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`internal/h${i}.go`, "package internal\n"])), "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":3000\", nil) }\n", ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`scripts/task${i}.py`, "import requests\n"])) }, findings: [{ path: "scripts/task1.py", severity: "info" }] },
    { name: "v8 control: the same script in the app's own source directory (not under .github/) is still a missing manifest", files: { "src/App/App.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><ItemGroup><PackageReference Include=\"Serilog\" Version=\"4.0.0\" /></ItemGroup></Project>", "src/App/Program.cs": "using Serilog;\nvar app = WebApplication.Create(args);\napp.Run();\n", "src/App/jobs/redeliver.mjs": "import { Octokit } from '@octokit/rest';\nawait new Octokit().request('GET /');\n", ...Object.fromEntries([1, 2, 3].map((i) => [`src/App/jobs/job${i}.mjs`, "import { Octokit } from '@octokit/rest';\n"])) }, options: { units: [{ path: "src/App", kind: "service" }] }, findings: [{ path: "src/App/jobs/job1.mjs", severity: "critical" }] },
    { name: "v8 control: a CommonJS module without the UMD define.amd guard needs a manifest", files: { "Web/Web.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>", "Web/Program.cs": "var app = WebApplication.Create(args);\napp.Run();\n", "Web/ui/notify.js": "const $ = require('jquery');\nmodule.exports = () => $;\n", ...Object.fromEntries([1, 2, 3].map((i) => [`Web/ui/widget${i}.js`, "const $ = require('jquery');\n"])) }, options: { units: [{ path: "Web", kind: "service" }] }, findings: [{ path: "Web/ui/notify.js", severity: "critical" }] },
    { name: "v11 (redmine): one Python helper of a Ruby app with a Gemfile, outside any helper directory, is an auxiliary script (info)", files: { "Gemfile": "source 'https://rubygems.org'\ngem 'rails', '~> 7.2'\n", "Gemfile.lock": "", "config.ru": "require_relative 'config/environment'\nrun Rails.application\n", "app/models/issue.rb": "class Issue < ApplicationRecord\nend\n", "lib/redmine/scm/adapters/mercurial/redminehelper.py": "from mercurial import cmdutil, error\n" }, options: { kind: "service" }, findings: [{ path: "lib/redmine/scm/adapters/mercurial/redminehelper.py", severity: "info" }] },
    { name: "v11 control: four Python files next to the Ruby app are more than auxiliary scripts", files: { "Gemfile": "source 'https://rubygems.org'\ngem 'rails', '~> 7.2'\n", "Gemfile.lock": "", "config.ru": "require_relative 'config/environment'\nrun Rails.application\n", ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`app/models/m${i}.rb`, "class M < ApplicationRecord\nend\n"])), ...Object.fromEntries([1, 2, 3, 4].map((i) => [`lib/ml/model${i}.py`, "import numpy\n"])) }, options: { kind: "service" }, findings: [{ path: "lib/ml/model1.py", severity: "critical" }] },
    { name: "v11 control (NodeBB): the unit's main language without its manifest stays critical, however few files", files: { "Dockerfile": "FROM node:22\nCOPY . .\nCMD [\"node\", \"app.js\"]\n", "app.js": "const nconf = require('nconf');\nrequire('./src/start');\n", "src/start.js": "const express = require('express');\n" }, options: { kind: "service" }, findings: [{ path: "app.js", severity: "critical" }] },
    { name: "v7 control: the same Python files outside a helper directory are the app's missing manifest", files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "go.sum": "", ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`internal/h${i}.go`, "package internal\n"])), "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":3000\", nil) }\n", ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`worker/task${i}.py`, "import requests\n"])) }, findings: [{ path: "worker/task1.py", severity: "critical" }] },
    { name: "v12 (endurain): a Python script under aux_scripts/ next to a backend/ with its own pyproject.toml is a helper (info)", files: { "backend/pyproject.toml": "[project]\nname = \"app\"\ndependencies = [\"fastapi==0.115.0\"]\n", "backend/poetry.lock": "", "backend/app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n", "aux_scripts/aux_gc_getbcstats.py": "import requests\n" }, options: { kind: "service" }, findings: [{ path: "aux_scripts/aux_gc_getbcstats.py", severity: "info" }] },
    { name: "v12 control: a directory merely ending in 'scripts' without a separator (transcripts/) is not a helper directory", files: { "backend/pyproject.toml": "[project]\nname = \"app\"\ndependencies = [\"fastapi==0.115.0\"]\n", "backend/app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n", "transcripts/t1.py": "import requests\n" }, options: { kind: "service" }, findings: [{ path: "transcripts/t1.py", severity: "critical" }] },
    { name: "v15 (duplicati): seven Python scripts under Tools/ of a C# service are tooling (info), whatever the directory's case", files: { "Server/Server.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><ItemGroup><PackageReference Include=\"Serilog\" Version=\"3.1.1\" /></ItemGroup></Project>\n", "Server/Program.cs": "using Serilog;\nvar app = WebApplication.Create(args);\napp.Run();\n", ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => [`Server/Service${i}.cs`, `namespace Server;\npublic class Service${i} { }\n`])), ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`Tools/Commandline/tool${i}.py`, "import requests\n"])) }, options: { kind: "service" }, findings: [{ path: "Tools/Commandline/tool1.py", severity: "info" }] },
    { name: "helper scripts only are info", files: { "package.json": JSON.stringify({ name: "x", private: true, dependencies: { express: "^4" } }), "server.js": "require('express')().listen(process.env.PORT)\n", "scripts/report.py": "import requests\n" }, findings: [{ path: "scripts/report.py", severity: "info" }] },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("Scala code is covered by build.sbt; without any build file it has no manifest", async () => {
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n", "src/main/java/app/Util.java": "package app;\nimport com.google.common.base.Strings;\nclass Util {}\n" }, { kind: "service" }).notToTrigger();
    await expectScala(rule, { "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n" }, { kind: "service" }).toTrigger([{ path: "src/main/scala/app/Main.scala", severity: "critical" }]);
  });
});
