import rule from "./f02-lockfile-missing.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4.19.0" } });
const server = "require('express')().listen(process.env.PORT);\n";
const mixExs = (deps: string) => `defmodule Shop.MixProject do\n  use Mix.Project\n\n  def project do\n    [app: :shop, version: "0.1.0", deps: deps()]\n  end\n\n  defp deps do\n    [\n${deps}\n    ]\n  end\nend\n`;
const phoenix = { "lib/shop_web/endpoint.ex": "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n" };

ruleTester(rule, {
  valid: [
    { name: "v6: a Phoenix app's mix.exs with mix.lock committed", files: { ...phoenix, "mix.exs": mixExs('      {:phoenix, "~> 1.7"},\n      {:bandit, "~> 1.5"}'), "mix.lock": "%{\n  \"phoenix\": {:hex, :phoenix, \"1.7.14\"},\n}\n" } },
    { name: "package-lock committed", files: { "package.json": pkg, "package-lock.json": "{}", "server.js": server } },
    { name: "workspace root lockfile covers packages", files: { "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["apps/*"] }), "pnpm-lock.yaml": "lockfileVersion: 9\n", "apps/api/package.json": pkg, "apps/api/server.js": server, "apps/web/package.json": pkg, "apps/web/server.js": server } },
    { name: "pinned requirements/base.txt in a requirements/ directory counts as the lockfile (v2)", files: { "requirements.txt": "-r requirements/base.txt\n", "requirements/base.txt": "django==5.0.6\ngunicorn==22.0.0\n", "manage.py": "" }, options: { kind: "service" } },
    { name: "pinned requirements.txt", files: { "requirements.txt": "django==5.0.6\ngunicorn==22.0.0 ; python_version >= '3.10'\n", "manage.py": "" } },
    { name: "go.sum committed", files: { "go.mod": "module x\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.1\n", "go.sum": "github.com/gin-gonic/gin v1.9.1 h1:x\n", "main.go": "package main\n" } },
    { name: "package.json without dependencies", files: { "package.json": JSON.stringify({ name: "site", private: true, scripts: { test: "true" } }), "index.js": "console.log(1)\n" } },
    { name: "maven needs none", files: { "pom.xml": "<project><artifactId>a</artifactId><dependencies><dependency><groupId>g</groupId><artifactId>x</artifactId><version>1.0</version></dependency></dependencies></project>" }, options: { kind: "service" } },
  ],
  invalid: [
    { name: "v6: assets/package.json with devDependencies only next to mix.lock is asset tooling (v5 exemption): low", files: { ...phoenix, "mix.exs": mixExs('      {:phoenix, "~> 1.7"}'), "mix.lock": "%{}\n", "assets/package.json": JSON.stringify({ private: true, devDependencies: { esbuild: "^0.20" } }) }, findings: [{ path: "assets/package.json", severity: "low" }] },
    { name: "v6: a Phoenix app's mix.exs without mix.lock", files: { ...phoenix, "mix.exs": mixExs('      {:phoenix, "~> 1.7"},\n      {:bandit, "~> 1.5"}') }, findings: [{ path: "mix.exs", severity: "high", message: "no committed lockfile" }] },
    { name: "ranged requirements/base.txt without a lockfile (v2)", files: { "requirements.txt": "-r requirements/base.txt\n", "requirements/base.txt": "Django>=6.0,<6.1\nwagtail>=7.4,<7.5\n", "manage.py": "" }, options: { kind: "service" }, findings: [{ path: "requirements/base.txt" }] },
    { name: "npm app without a lockfile", files: { "package.json": pkg, "server.js": server }, findings: [{ path: "package.json", severity: "high", message: "no committed lockfile" }] },
    { name: "lockfile ignored by .gitignore", files: { "package.json": pkg, "server.js": server, ".gitignore": "package-lock.json\n" }, findings: [{ path: "package.json", message: "excluded by .gitignore" }] },
    { name: "a dev-tooling requirements file without a lock is reported at low severity (v3)", files: { "requirements.txt": "flask==3.0.3\ngunicorn==22.0.0\n", "requirements-dev.txt": "pytest==8.2.0\ndocutils>=0.21.2; python_version <= '3.11'\n", "app.py": "" }, options: { kind: "service" }, findings: [{ path: "requirements-dev.txt", severity: "low" }] },
    { name: "a devDependencies-only package.json (laravel-mix) next to composer.lock is asset tooling: low (v5)", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }), "composer.lock": "{}", "artisan": "", "package.json": JSON.stringify({ private: true, scripts: { production: "webpack" }, devDependencies: { "laravel-mix": "0.*", vue: "^2.1.10" } }) }, options: { kind: "service" }, findings: [{ path: "package.json", severity: "low" }] },
    { name: "v8 (session27d bagisto): a private package whose scripts only bundle with vite, its Vue libraries under dependencies, next to composer.lock is asset tooling: low", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }), "composer.lock": "{}", artisan: "", "packages/Webkul/Admin/package.json": JSON.stringify({ private: true, type: "module", scripts: { dev: "vite", build: "vite build" }, devDependencies: { vite: "^6.4.2" }, dependencies: { vue: "^3.5.13", "vee-validate": "^4.9.1" } }) }, options: { kind: "service" }, findings: [{ path: "packages/Webkul/Admin/package.json", severity: "low" }] },
    { name: "v8 control: a package with a start script that runs node is the app's runtime, not asset tooling: high", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }), "composer.lock": "{}", artisan: "", "realtime/package.json": JSON.stringify({ private: true, scripts: { build: "vite build", start: "node server.js" }, dependencies: { "socket.io": "^4.7.0" } }) }, options: { kind: "service" }, findings: [{ path: "realtime/package.json", severity: "high" }] },
    { name: "the same package.json without another ecosystem's lockfile stays high (v5 control)", files: { "package.json": JSON.stringify({ private: true, scripts: { production: "webpack" }, devDependencies: { "laravel-mix": "0.*", vue: "^2.1.10" } }), "src/main.js": "import Vue from 'vue';\n" }, options: { kind: "static" }, findings: [{ path: "package.json", severity: "high" }] },
    { name: "a CI helper script's requirements.txt under .github/ is tooling: low severity (v4)", files: { "go.mod": "module x\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.1\n", "go.sum": "github.com/gin-gonic/gin v1.9.1 h1:x\n", "main.go": "package main\n", ".github/workflows/update-currencies/requirements.txt": "requests\n" }, options: { kind: "service" }, findings: [{ path: ".github/workflows/update-currencies/requirements.txt", severity: "low" }] },
    { name: "the same requirements.txt in the app's own directory stays high (v4 control)", files: { "go.mod": "module x\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.1\n", "go.sum": "github.com/gin-gonic/gin v1.9.1 h1:x\n", "main.go": "package main\n", "tools/currencies/requirements.txt": "requests\n" }, options: { kind: "service" }, findings: [{ path: "tools/currencies/requirements.txt", severity: "high" }] },
    { name: "a docs-only requirements.txt (mkdocs) in a Go service is tooling: low severity (v3)", files: { "go.mod": "module x\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.1\n", "go.sum": "github.com/gin-gonic/gin v1.9.1 h1:x\n", "main.go": "package main\n", "requirements.txt": "# docs\nmkdocs-material\nmkdocs-minify-plugin\n" }, options: { kind: "service" }, findings: [{ path: "requirements.txt", severity: "low" }] },
    { name: "loose requirements without a lock", files: { "requirements.txt": "django>=4\ngunicorn\n", "manage.py": "" }, findings: [{ path: "requirements.txt" }] },
    { name: "Gemfile without Gemfile.lock", files: { "Gemfile": "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\n", "config.ru": "run Rails.application\n" }, findings: [{ path: "Gemfile" }] },
    { name: "library is reported at info", files: { "package.json": JSON.stringify({ name: "lib", version: "1.0.0", main: "index.js", dependencies: { lodash: "^4" } }), "index.js": "module.exports = 1\n", ".github/workflows/release.yml": "on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n" }, findings: [{ path: "package.json", severity: "info" }] },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("v7: an sbt build pins exact versions like Maven: no lockfile expected", async () => {
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n" }, { kind: "service" }).notToTrigger(["na", "pass"]);
    // the same service with a floating npm front-end next to it is still judged for npm
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n", "package.json": JSON.stringify({ name: "web", private: true, dependencies: { react: "^18" } }) }, { kind: "service" }).toTrigger(1);
  });
});
