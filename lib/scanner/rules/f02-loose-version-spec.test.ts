import rule from "./f02-loose-version-spec.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const svc = (deps: Record<string, string>, extra: Record<string, unknown> = {}) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ...deps }, ...extra });
const server = { "server.js": "require('express')().listen(process.env.PORT);\n", Procfile: "web: node server.js\n" };
const mixExs = (deps: string) => `defmodule Shop.MixProject do\n  use Mix.Project\n\n  def project do\n    [app: :shop, version: "0.1.0", deps: deps()]\n  end\n\n  defp deps do\n    [\n${deps}\n    ]\n  end\nend\n`;
const phoenix = { "lib/shop_web/endpoint.ex": "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n" };

ruleTester(rule, {
  valid: [
    {
      name: "v4: mix.exs `~>` requirements, a pinned git ref, umbrella siblings, in-repo paths, `>=` covered by mix.lock",
      files: { ...phoenix, "mix.exs": mixExs('      {:phoenix, "~> 1.7"},\n      {:rustler, ">= 0.0.0"},\n      {:git_diff, github: "ericmj/git_diff", ref: "d47473d661ff0073ce4080ae04db1a439d78a62b"},\n      {:shop_core, in_umbrella: true},\n      {:vendored, path: "vendor_deps/vendored"}'), "mix.lock": "%{}\n", "vendor_deps/vendored/mix.exs": "defmodule Vendored.MixProject do\nend\n" },
    },
    {
      name: "caret ranges with a lockfile, pinned git commit, workspace links",
      files: { ...server, "package.json": svc({ lodash: "~4.17.21", mylib: "github:me/mylib#3f2a1bc", shared: "workspace:*", local: "file:./packages/local" }), "package-lock.json": "{}", "packages/local/package.json": "{\"name\":\"local\"}" },
    },
    {
      name: "fully pinned requirements and a pip-compile input file",
      files: { "requirements.txt": "flask==3.0.3\ngunicorn==22.0.0\n", "requirements.in": "flask\ngunicorn\n", "app.py": "import flask\n", Procfile: "web: gunicorn app:app\n" },
    },
    {
      name: "Maven managed versions and property versions",
      files: { "pom.xml": "<project><artifactId>x</artifactId><version>1.0.0</version><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>a</groupId><artifactId>b</artifactId><version>${b.version}</version></dependency></dependencies></project>\n", "src/main/java/App.java": "class App {}\n" },
    },
    {
      name: "uv project with >= ranges and uv.lock",
      files: { "pyproject.toml": "[project]\nname = 'api'\nversion = '0.1.0'\ndependencies = [\n  'fastapi>=0.110',\n  'pydantic>2.0',\n]\n", "uv.lock": "version = 1\n", "app/main.py": "import fastapi\n", Procfile: "web: uvicorn app.main:app\n" },
    },
    {
      name: "Go replace pointing inside the repository",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n\nrequire example.com/shared v0.0.0\n\nreplace example.com/shared => ./shared\n", "go.sum": "", "shared/go.mod": "module example.com/shared\n", "main.go": "package main\nfunc main() {}\n" },
    },
    { name: "Composer platform requirements (ext-*: \"*\") are not floating versions (v2)", files: { "composer.json": JSON.stringify({ require: { php: "^8.1.0", "ext-curl": "*", "ext-gd": "*", "laravel/framework": "^10.0" } }), "composer.lock": "{}" } },
  ],
  invalid: [
    {
      name: "v4: mix.exs without mix.lock — `>=` unbounded, no requirement, a git branch, a path outside the repository (medium); a test-only `>=` low",
      files: { ...phoenix, "mix.exs": mixExs('      {:phoenix, "~> 1.7"},\n      {:rustler, ">= 0.0.0"},\n      {:jason, override: true},\n      {:lumis, github: "ericmj/lumis", branch: "main"},\n      {:sibling, path: "../sibling"},\n      {:lazy_html, ">= 0.1.0", only: :test}') },
      findings: [
        { path: "mix.exs", line: 11, severity: "medium", message: "upper bound" },
        { path: "mix.exs", line: 12, severity: "medium", message: "wildcard" },
        { path: "mix.exs", line: 13, severity: "medium", message: "branch" },
        { path: "mix.exs", line: 14, severity: "medium", message: "outside the repository" },
        { path: "mix.exs", line: 15, severity: "low", message: "upper bound" },
      ],
    },
    {
      name: "v4: with mix.lock a git dependency on a branch is still reported, at low",
      files: { ...phoenix, "mix.exs": mixExs('      {:phoenix, "~> 1.7"},\n      {:lumis, github: "ericmj/lumis", branch: "vendor-haskell-parser", sparse: "packages/elixir/lumis"}'), "mix.lock": "%{}\n" },
      findings: [{ path: "mix.exs", line: 11, severity: "low", message: "branch" }],
    },
    { name: "a bare requirement in a CI helper script's requirements.txt under .github/ is low (v3)", files: { ...server, "package.json": svc({}), "package-lock.json": "{}", ".github/workflows/update/requirements.txt": "requests\n" }, findings: [{ path: ".github/workflows/update/requirements.txt", severity: "low" }] },
    { name: "the same bare requirement in the app's requirements.txt stays medium (v3 control)", files: { "requirements.txt": "requests\n", "app.py": "import requests\n" }, findings: [{ path: "requirements.txt", severity: "medium" }] },
    { name: "a Composer package at \"*\" next to platform requirements is still a wildcard (v2 control)", files: { "composer.json": JSON.stringify({ require: { "ext-curl": "*", "monolog/monolog": "*" } }), "composer.lock": "{}" }, findings: 1 },
    {
      name: "npm wildcard / latest / unbounded / branch without lockfile are medium",
      files: { ...server, "package.json": svc({ lodash: "*", axios: "latest", pg: ">=8.0.0", mylib: "github:me/mylib" }) },
      findings: [
        { path: "package.json", line: 1, severity: "medium", message: "wildcard" },
        { path: "package.json", message: "upper bound", severity: "medium" },
        { path: "package.json", message: "branch", severity: "medium" },
      ],
    },
    {
      name: "bare requirements without any lock are medium; dev requirements low",
      files: { "requirements.txt": "flask\nrequests>=2.0\ngunicorn==22.0.0\n", "requirements-dev.txt": "pytest\n", "app.py": "import flask\n", Procfile: "web: gunicorn app:app\n" },
      findings: [
        { path: "requirements.txt", line: 1, severity: "medium" },
        { path: "requirements.txt", line: 2, severity: "medium" },
        { path: "requirements-dev.txt", line: 1, severity: "low" },
      ],
    },
    {
      name: "with a lockfile: wildcard is low, unbounded is not reported",
      files: { ...server, "package.json": svc({ lodash: "*", pg: ">=8.0.0" }), "package-lock.json": "{}" },
      findings: [{ path: "package.json", message: "wildcard", severity: "low" }],
    },
    {
      name: "Maven version range and SNAPSHOT in a release",
      files: { "pom.xml": "<project>\n<artifactId>x</artifactId>\n<version>1.0.0</version>\n<dependencies>\n<dependency><groupId>a</groupId><artifactId>ranged</artifactId><version>[1.0,)</version></dependency>\n<dependency><groupId>a</groupId><artifactId>snap</artifactId><version>2.0-SNAPSHOT</version></dependency>\n</dependencies>\n</project>\n", "src/main/java/App.java": "class App {}\n" },
      findings: [
        { path: "pom.xml", line: 5, severity: "medium" },
        { path: "pom.xml", line: 6, severity: "medium" },
      ],
    },
    {
      name: "Go replace to a sibling checkout outside the repo",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n\nreplace example.com/shared => ../shared\n", "go.sum": "", "main.go": "package main\nfunc main() {}\n" },
      findings: [{ path: "go.mod", line: 5, severity: "medium" }],
    },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("v5: sbt revisions \u2014 latest.integration and 1.+ float, ranges are unbounded; pinned and resolved identifiers are not reported", async () => {
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.typelevel\" %% \"cats-core\" % \"latest.integration\",\n  \"io.circe\" %% \"circe-core\" % \"0.14.+\",\n  \"org.slf4j\" % \"slf4j-api\" % \"[2.0,)\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n" }, { kind: "service" }).toTrigger([{ path: "build.sbt", line: 4, severity: "medium" }, { path: "build.sbt", line: 5, severity: "medium" }, { path: "build.sbt", line: 6, severity: "medium" }]);
    await expectScala(rule, { "build.sbt": "val CirceVersion = \"0.14.9\"\n" + "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\",\n  \"io.circe\" %% \"circe-core\" % CirceVersion,\n  \"org.scala-lang\" % \"scala-reflect\" % scalaVersion.value,\n  \"org.typelevel\" %% \"cats-core\" % catsVersion\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n" }, { kind: "service" }).notToTrigger();
  });
});
