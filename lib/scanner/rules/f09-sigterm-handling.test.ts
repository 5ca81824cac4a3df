import rule from "./f09-sigterm-handling.ts";
import { describe, expect, it } from "vitest";
import { ruleTester, runRule } from "../testing.ts";

const pkg = (deps: Record<string, string> = { express: "^4" }) => JSON.stringify({ name: "svc", private: true, dependencies: deps });
const server = "import express from 'express';\nconst app = express();\nconst server = app.listen(process.env.PORT);\n";

ruleTester(rule, {
  valid: [
    { name: "SIGTERM handler closes the server", files: { "package.json": pkg(), "src/server.ts": server + "process.on('SIGTERM', () => {\n  server.close(() => process.exit(0));\n});\n" } },
    { name: "handler declared as a named function", files: { "package.json": pkg(), "src/server.ts": server + "function shutdown() { server.close(); }\nprocess.once('SIGTERM', shutdown);\n" } },
    { name: "terminus", files: { "package.json": pkg({ express: "^4", "@godaddy/terminus": "^4" }), "src/server.ts": "import { createTerminus } from '@godaddy/terminus';\n" + server + "createTerminus(server, {});\n" } },
    { name: "Go Notify + Shutdown", files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": 'package main\n\nimport (\n\t"context"\n\t"net/http"\n\t"os/signal"\n\t"syscall"\n)\n\nfunc main() {\n\tsrv := &http.Server{Addr: ":8080"}\n\tctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)\n\tdefer stop()\n\tgo srv.ListenAndServe()\n\t<-ctx.Done()\n\tsrv.Shutdown(context.Background())\n}\n' } },
    {
      name: "Go Notify with a per-OS signal slice declared in another file; the servers drain elsewhere",
      files: {
        "go.mod": "module x\n\ngo 1.22\n",
        "pkg/signals/signal.go": 'package signals\n\nimport (\n\t"os"\n\t"os/signal"\n)\n\nfunc Setup() <-chan struct{} {\n\tstop := make(chan struct{})\n\tc := make(chan os.Signal, 2)\n\tsignal.Notify(c, shutdownSignals...)\n\tgo func() { <-c; close(stop) }()\n\treturn stop\n}\n',
        "pkg/signals/signal_posix.go": '//go:build !windows\n\npackage signals\n\nimport (\n\t"os"\n\t"syscall"\n)\n\nvar shutdownSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}\n',
        "pkg/api/server.go": 'package api\n\nimport (\n\t"context"\n\t"net/http"\n)\n\nfunc Run(stop <-chan struct{}) {\n\tsrv := &http.Server{Addr: ":8080"}\n\tgo srv.ListenAndServe()\n\t<-stop\n\t_ = srv.Shutdown(context.Background())\n}\n',
        "main.go": 'package main\n\nimport (\n\t"x/pkg/api"\n\t"x/pkg/signals"\n)\n\nfunc main() { api.Run(signals.Setup()) }\n',
      },
    },
    {
      name: "v18 (session30d: ergo): Notify with the exported signal slice of another package (`utils.ServerExitSignals...`)",
      files: {
        "go.mod": "module x\n\ngo 1.22\n",
        "irc/utils/signals.go": '//go:build !windows\n\npackage utils\n\nimport (\n\t"os"\n\t"syscall"\n)\n\nvar (\n\tServerExitSignals = []os.Signal{\n\t\tsyscall.SIGINT,\n\t\tsyscall.SIGTERM,\n\t}\n)\n',
        "irc/server.go": 'package irc\n\nimport (\n\t"context"\n\t"net/http"\n\t"os"\n\t"os/signal"\n\t"x/irc/utils"\n)\n\nfunc Run() {\n\tsrv := &http.Server{Addr: ":8080"}\n\tc := make(chan os.Signal, 1)\n\tsignal.Notify(c, utils.ServerExitSignals...)\n\tgo srv.ListenAndServe()\n\t<-c\n\t_ = srv.Shutdown(context.Background())\n}\n',
        "main.go": 'package main\n\nimport "x/irc"\n\nfunc main() { irc.Run() }\n',
      },
    },
    { name: "v16 (session18c: asciinema-server): an Elixir/Phoenix release is stopped in order by the BEAM on SIGTERM", files: { "mix.exs": "defmodule Asc.MixProject do\n  use Mix.Project\n  def project, do: [app: :asc, version: \"0.1.0\", deps: [{:phoenix, \"~> 1.7\"}, {:bandit, \"~> 1.0\"}]]\nend\n", "mix.lock": "%{}\n", "lib/asc/application.ex": "defmodule Asc.Application do\n  use Application\n  def start(_type, _args), do: Supervisor.start_link([AscWeb.Endpoint], strategy: :one_for_one)\nend\n", "assets/js/app.js": "console.log('hi');\n" }, options: { kind: "service" }, status: ["pass", "partial"] },
    { name: "Symfony app: PHP request-model default (v4)", files: { "composer.json": JSON.stringify({ require: { "symfony/framework-bundle": "^7.0" } }), "public/index.php": "<?php\nuse App\\Kernel;\nreturn fn (array $context) => new Kernel($context['APP_ENV'], (bool) $context['APP_DEBUG']);\n", "src/Kernel.php": "<?php\nnamespace App;\nclass Kernel {}\n" }, options: { kind: "service" }, status: ["pass", "partial"] },
  ],
  invalid: [
    { name: "a plain PHP app without a framework or php-fpm image gets no default (v4 control)", files: { "composer.json": JSON.stringify({ require: { "monolog/monolog": "^3.0" } }), "public/index.php": "<?php\necho 'hi';\n", Dockerfile: "FROM php:8.3-cli\nCOPY . /app\nCMD [\"php\", \"-S\", \"0.0.0.0:8080\", \"-t\", \"/app/public\"]\n" }, options: { kind: "service" }, status: "fail" },
    {
      name: "Go Notify with a slice that holds only os.Interrupt",
      files: {
        "go.mod": "module x\n\ngo 1.22\n",
        "main.go": 'package main\n\nimport (\n\t"context"\n\t"net/http"\n\t"os"\n\t"os/signal"\n)\n\nvar sigs = []os.Signal{os.Interrupt}\n\nfunc main() {\n\tsrv := &http.Server{Addr: ":8080"}\n\tc := make(chan os.Signal, 1)\n\tsignal.Notify(c, sigs...)\n\tgo srv.ListenAndServe()\n\t<-c\n\t_ = srv.Shutdown(context.Background())\n}\n',
      },
      status: "fail",
    },
    { name: "v4: Quarkus stops the application on SIGTERM (framework default, 0.75)", files: { "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>heroes</artifactId><version>1</version><dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency></dependencies></project>\n", "src/main/java/x/HeroResource.java": "package x;\n@Path(\"/heroes\")\npublic class HeroResource { @GET public String hello() { return \"hi\"; } }\n" }, options: { kind: "service" }, status: "partial" },
    { name: "v4: a plain Java service without a framework still has no SIGTERM handling", files: { "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>svc</artifactId><version>1</version></project>\n", "src/main/java/x/Main.java": "package x;\npublic class Main { public static void main(String[] a) throws Exception { new java.net.ServerSocket(8080).accept(); } }\n" }, options: { kind: "service" }, status: "fail" },
    { name: "no handler in an express app", files: { "package.json": pkg(), "src/server.ts": server }, status: "fail" },
    { name: "handler only exits", files: { "package.json": pkg(), "src/server.ts": server + "process.on('SIGTERM', () => process.exit(0));\n" }, status: "partial" },
    { name: "SIGINT only", files: { "package.json": pkg(), "src/server.ts": server + "process.on('SIGINT', () => server.close());\n" }, status: "partial" },
    { name: "Go Notify without Shutdown", files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": 'package main\n\nimport (\n\t"net/http"\n\t"os"\n\t"os/signal"\n\t"syscall"\n)\n\nfunc main() {\n\tc := make(chan os.Signal, 1)\n\tsignal.Notify(c, syscall.SIGTERM)\n\tgo func() { <-c; os.Exit(0) }()\n\thttp.ListenAndServe(":8080", nil)\n}\n' }, status: "partial" },
  ],
});

describe("Spring Boot default by version (v3)", () => {
  const boot = (version: string, props = "server.port=8080\n") => ({
    "pom.xml": `<project>\n  <parent>\n    <groupId>org.springframework.boot</groupId>\n    <artifactId>spring-boot-starter-parent</artifactId>\n    <version>${version}</version>\n  </parent>\n  <artifactId>app</artifactId>\n  <dependencies>\n    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n`,
    "src/main/resources/application.properties": props,
    "src/main/java/app/App.java": "package app;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n",
  });
  it("Spring Boot 2.0 without server.shutdown=graceful: half credit", async () => {
    const run = await runRule(rule, boot("2.0.3.RELEASE"), { kind: "service" });
    expect(run.result.score).toBe(0.5);
    expect(run.result.reason).toMatch(/Spring Boot 2\.0 without server\.shutdown=graceful/);
  });
  it("Spring Boot 3.4+ drains by default (0.75, the framework default)", async () => {
    const run = await runRule(rule, boot("3.4.1"), { kind: "service" });
    expect(run.result.score).toBe(0.75);
  });
  it("an old Boot with server.shutdown=graceful drains", async () => {
    const run = await runRule(rule, boot("2.7.18", "server.shutdown=graceful\n"), { kind: "service" });
    expect(run.result.score).toBe(1);
  });
});

describe("v6: JVM shutdown hooks that stop the server; PHP under Apache in the foreground", () => {
  const kt = (hook: string) => ({
    "build.gradle.kts": "plugins { kotlin(\"jvm\") version \"2.0.0\" }\ndependencies { implementation(\"io.javalin:javalin:6.1.0\") }\n",
    "src/main/kotlin/app/Main.kt": `package app\n\nfun main() {\n    val app = Javalin.create().start(4567)\n    Runtime.getRuntime().addShutdownHook(\n        thread(start = false) {\n            ${hook}\n        },\n    )\n}\n`,
  });
  it("a shutdown hook that stops the embedded server scores 1", async () => {
    const run = await runRule(rule, kt("app.stop()"), { kind: "service" });
    expect(run.result.score).toBe(1);
    expect(run.result.reason).toMatch(/shutdown hook stops the server/);
  });
  it("a shutdown hook that only logs stays at 0.75", async () => {
    const run = await runRule(rule, kt("println(\"bye\")"), { kind: "service" });
    expect(run.result.score).toBe(0.75);
  });
  const php = (cmd: string) => ({
    "composer.json": JSON.stringify({ require: { "monolog/monolog": "^3.0" } }),
    "public/index.php": "<?php\necho 'hi';\n",
    Dockerfile: `FROM debian:12-slim\nRUN apt-get install -y apache2 libapache2-mod-php\nCOPY . /var/www\nCMD ${cmd}\n`,
  });
  it("a PHP app with Apache exec'd in the foreground gets the request-model default (0.75)", async () => {
    const run = await runRule(rule, php(". /etc/apache2/envvars && exec apache2 -D FOREGROUND"), { kind: "service" });
    expect(run.result.score).toBe(0.75);
  });
  it("an entrypoint script in ENTRYPOINT and Apache in a shell-form CMD still counts", async () => {
    const files = { ...php(". /etc/apache2/envvars && exec apache2 -D FOREGROUND"), "Docker/entrypoint.sh": "#!/bin/sh\nexec \"$@\"\n" };
    files.Dockerfile = files.Dockerfile.replace("CMD", "ENTRYPOINT [\"./Docker/entrypoint.sh\"]\nCMD");
    const run = await runRule(rule, files, { kind: "service" });
    expect(run.result.score).toBe(0.75);
  });
  it("a PHP app served by the built-in php -S server gets no default", async () => {
    const run = await runRule(rule, php("[\"php\", \"-S\", \"0.0.0.0:8080\", \"-t\", \"/var/www/public\"]"), { kind: "service" });
    expect(run.result.score).toBe(0);
  });
});

describe("v7: multi-line Go Notify, server Close/Stop drains, pm2's SIGINT", () => {
  const goMod = "module x\n\ngo 1.22\n";
  it("signal.NotifyContext with the signals on separate lines + Server.Shutdown scores 1", async () => {
    const main = 'package main\n\nimport (\n\t"context"\n\t"net/http"\n\t"os"\n\t"os/signal"\n\t"syscall"\n)\n\nfunc mainContext(ctx context.Context) (context.Context, context.CancelFunc) {\n\treturn signal.NotifyContext(ctx,\n\t\tos.Interrupt,\n\t\tsyscall.SIGHUP,\n\t\tsyscall.SIGTERM,\n\t)\n}\n\nfunc main() {\n\tctx, stop := mainContext(context.Background())\n\tdefer stop()\n\tsrv := &http.Server{Addr: ":8080"}\n\tgo srv.ListenAndServe()\n\t<-ctx.Done()\n\t_ = srv.Shutdown(context.Background())\n}\n';
    const run = await runRule(rule, { "go.mod": goMod, "main.go": main }, { kind: "service" });
    expect(run.result.score).toBe(1);
  });
  it("a multi-line Notify that lists only os.Interrupt is not SIGTERM handling", async () => {
    const main = 'package main\n\nimport (\n\t"net/http"\n\t"os"\n\t"os/signal"\n)\n\nfunc main() {\n\tc := make(chan os.Signal, 1)\n\tsignal.Notify(c,\n\t\tos.Interrupt,\n\t)\n\thttp.ListenAndServe(":8080", nil)\n}\n\n// syscall.SIGTERM is mentioned after the call only\n';
    const run = await runRule(rule, { "go.mod": goMod, "main.go": main }, { kind: "service" });
    expect(run.result.score).toBe(0);
  });
  it("the signal handler stops an echo server with e.Close() (in another file): drains", async () => {
    const main = 'package main\n\nimport (\n\t"context"\n\t"os/signal"\n\t"syscall"\n\t"x/server"\n)\n\nfunc main() {\n\tctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)\n\tdefer stop()\n\ts := server.New()\n\tgo s.Start()\n\t<-ctx.Done()\n\ts.Stop()\n}\n';
    const srv = 'package server\n\nimport "github.com/labstack/echo/v4"\n\ntype Server struct{ echo *echo.Echo }\n\nfunc New() *Server { return &Server{echo: echo.New()} }\nfunc (s *Server) Start() { _ = s.echo.Start(":6157") }\nfunc (s *Server) Stop() { _ = s.echo.Close() }\n';
    const run = await runRule(rule, { "go.mod": goMod, "main.go": main, "server/server.go": srv }, { kind: "service" });
    expect(run.result.score).toBe(1);
  });
  it("a handler that closes the database and exits, while the HTTP server is never stopped: 0.5", async () => {
    const main = 'package main\n\nimport (\n\t"database/sql"\n\t"net"\n\t"net/http"\n\t"os"\n\t"os/signal"\n\t"syscall"\n)\n\nfunc main() {\n\tdb, _ := sql.Open("mysql", os.Getenv("DSN"))\n\tc := make(chan os.Signal, 2)\n\tsignal.Notify(c, os.Interrupt, syscall.SIGTERM)\n\tgo func() {\n\t\t<-c\n\t\tdb.Close()\n\t\tos.Exit(0)\n\t}()\n\tlistener, _ := net.Listen("unix", "/tmp/app.sock")\n\tdefer listener.Close()\n\thttp.Serve(listener, nil)\n}\n';
    const run = await runRule(rule, { "go.mod": goMod, "main.go": main }, { kind: "service" });
    expect(run.result.score).toBe(0.5);
  });
  const pm2App = (start: string, handlers: string, extra: Record<string, string> = {}) => ({
    "package.json": JSON.stringify({ name: "svc", private: true, scripts: { start }, dependencies: { express: "^4", pm2: "^5" } }),
    "src/index.js": "const express = require('express');\nconst app = express();\nconst server = app.listen(process.env.PORT);\n" + handlers,
    Dockerfile: "FROM node:20-alpine\nCOPY . .\nCMD [\"yarn\", \"start\"]\n",
    ...extra,
  });
  it("pm2 start --no-daemon and a SIGTERM-only handler: pm2 sends SIGINT (0.25)", async () => {
    const run = await runRule(rule, pm2App("pm2 start ecosystem.config.json --no-daemon", "process.on('SIGTERM', () => { server.close(); });\n", { "ecosystem.config.json": JSON.stringify({ apps: [{ name: "app", script: "src/index.js" }] }) }), { kind: "service" });
    expect(run.result.score).toBe(0.25);
    expect(run.result.reason).toMatch(/pm2 stops it with SIGINT/);
  });
  it("pm2 with kill_signal SIGTERM in the ecosystem file keeps the drain", async () => {
    const run = await runRule(rule, pm2App("pm2-runtime ecosystem.config.json", "process.on('SIGTERM', () => { server.close(); });\n", { "ecosystem.config.json": JSON.stringify({ apps: [{ name: "app", script: "src/index.js", kill_signal: "SIGTERM" }] }) }), { kind: "service" });
    expect(run.result.score).toBe(1);
  });
  it("pm2 and a handler for both SIGINT and SIGTERM keeps the drain", async () => {
    const run = await runRule(rule, pm2App("pm2 start src/index.js --no-daemon", "const stop = () => server.close();\nprocess.on('SIGTERM', stop);\nprocess.on('SIGINT', stop);\n"), { kind: "service" });
    expect(run.result.score).toBe(1);
  });
  it("plain node start with a SIGTERM-only handler is unaffected", async () => {
    const run = await runRule(rule, pm2App("node src/index.js", "process.on('SIGTERM', () => { server.close(); });\n"), { kind: "service" });
    expect(run.result.score).toBe(1);
  });
});

describe("v7: framework defaults from the internal libraries a service builds in", () => {
  const files = (apiDeps: string) => ({
    "settings.gradle": "rootProject.name = 'halo'\ninclude 'api', 'application'\n",
    "api/build.gradle": `plugins { id 'java-library' }\ndependencies {\n${apiDeps}}\n`,
    "api/src/main/java/run/halo/api/Extension.java": "package run.halo.api;\npublic interface Extension {}\n",
    "application/build.gradle": "plugins { id 'java' }\ndependencies {\n    implementation project(':api')\n}\n",
    "application/src/main/java/run/halo/app/Application.java": "package run.halo.app;\n@SpringBootApplication\npublic class Application { public static void main(String[] a) { SpringApplication.run(Application.class, a); } }\n",
    Dockerfile: "FROM eclipse-temurin:21-jre\nCOPY application/build/libs/app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n",
  });
  it("Spring Boot starters declared by the service's api project give the Spring Boot default", async () => {
    const run = await runRule(rule, files("    api 'org.springframework.boot:spring-boot-starter-webflux'\n"));
    const app = run.results.find((r) => r.unit === "application")!;
    expect(app.score).toBe(0.75);
    expect(app.reason).toMatch(/Spring Boot/);
  });
  it("a linked library without a framework adds no default", async () => {
    const run = await runRule(rule, files("    api 'com.google.guava:guava:33.0.0-jre'\n"));
    const app = run.results.find((r) => r.unit === "application")!;
    expect(app.score).toBe(0);
  });
});

describe("v8: Go lifecycle libraries, Nuxt/Nitro, Next.js standalone", () => {
  const goMod = "module x\n\ngo 1.22\n\nrequire github.com/hay-kot/httpkit v0.0.11\n";
  const runner = (serverFn: string) => ({
    "go.mod": goMod,
    "main.go": `package main\n\nimport (\n\t"context"\n\t"net/http"\n\n\t"github.com/hay-kot/httpkit/graceful"\n)\n\nfunc main() {\n\trunner := graceful.NewRunner()\n\trunner.AddFunc("server", func(ctx context.Context) error {\n\t\tsrv := http.Server{Addr: ":8080"}\n${serverFn}\t\treturn srv.ListenAndServe()\n\t})\n\t_ = runner.Start(context.Background())\n}\n`,
  });
  it("httpkit's graceful runner traps SIGTERM and the server function shuts the server down: 1", async () => {
    const run = await runRule(rule, runner("\t\tgo func() { <-ctx.Done(); _ = srv.Shutdown(context.Background()) }()\n"), { kind: "service" });
    expect(run.result.score).toBe(1);
  });
  it("the runner without a server shutdown: 0.75", async () => {
    const run = await runRule(rule, runner(""), { kind: "service" });
    expect(run.result.score).toBe(0.75);
  });
  it("a Go server without any signal handling or lifecycle library still scores 0", async () => {
    const run = await runRule(rule, { "go.mod": "module x\n\ngo 1.22\n", "main.go": 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n' }, { kind: "service" });
    expect(run.result.score).toBe(0);
  });
  it("a Nuxt app (Nitro node server) gets the framework default", async () => {
    const run = await runRule(rule, { "package.json": JSON.stringify({ name: "web", private: true, dependencies: { nuxt: "^4.0.0" } }), "server/api/hello.ts": "export default defineEventHandler(() => 'hi');\n", Dockerfile: 'FROM node:22-slim\nCOPY .output /app\nCMD ["node", "/app/server/index.mjs"]\n' }, { kind: "service" });
    expect(run.result.score).toBe(0.75);
  });
  const next = (config: string) => ({ "package.json": JSON.stringify({ name: "web", private: true, dependencies: { next: "14.2.0", react: "18.3.0" } }), "next.config.js": config, "pages/index.tsx": "export default function Home() { return null; }\n", Dockerfile: 'FROM node:22-slim\nCOPY .next/standalone ./\nCMD ["node", "server.js"]\n' });
  it("a Next.js standalone build started with node server.js gets the next start default", async () => {
    const run = await runRule(rule, next("module.exports = { output: 'standalone' };\n"), { kind: "service" });
    expect(run.result.score).toBe(0.75);
  });
  it("a Next.js app started by node server.js without a standalone build gets no default", async () => {
    const run = await runRule(rule, next("module.exports = { reactStrictMode: true };\n"), { kind: "service" });
    expect(run.result.score).toBe(0);
  });
});

describe("v9: Go signal-context helpers of other packages", () => {
  const app = (shutdown: string) => ({
    "go.mod": "module x\n\ngo 1.22\n\nrequire github.com/italypaleale/go-kit v0.1.0\n",
    "cmd/root.go": 'package cmd\n\nimport (\n\t"context"\n\n\t"github.com/italypaleale/go-kit/signals"\n\t"x/server"\n)\n\nfunc Execute() {\n\tctx := signals.SignalContext(context.Background())\n\t_ = server.Run(ctx)\n}\n',
    "server/server.go": `package server\n\nimport (\n\t"context"\n\t"net/http"\n\t"time"\n)\n\nfunc Run(ctx context.Context) error {\n\tsrv := &http.Server{Addr: ":8080"}\n\tgo srv.ListenAndServe()\n\t<-ctx.Done()\n${shutdown}\treturn nil\n}\n`,
  });
  it("signals.SignalContext cancels the context and the server shuts down with a timeout: 1", async () => {
    const run = await runRule(rule, app("\tc, cancel := context.WithTimeout(context.Background(), 10*time.Second)\n\tdefer cancel()\n\t_ = srv.Shutdown(c)\n"), { kind: "service" });
    expect(run.result.score).toBe(1);
  });
  it("the helper without a server shutdown: 0.75", async () => {
    const run = await runRule(rule, app(""), { kind: "service" });
    expect(run.result.score).toBe(0.75);
  });
});

describe("v10: what drains on SIGTERM by default or by a known opt-in, across ecosystems", () => {
  const score = async (files: Record<string, string>) => (await runRule(rule, files, { kind: "service" })).result.score;
  const node = (deps: Record<string, string>, code: string, extra: Record<string, string> = {}) => ({ "package.json": pkg(deps), "src/server.ts": code, ...extra });
  // ---- Node
  it("signals named in an array and handled in a loop: the SIGTERM handler drains", async () => {
    expect(await score(node({ express: "^4" }, server + "for (const sig of ['SIGINT', 'SIGTERM']) {\n  process.on(sig, () => { server.close(); });\n}\n"))).toBe(1);
    expect(await score(node({ express: "^4" }, server + "['SIGTERM', 'SIGINT'].forEach((s) => process.once(s, () => server.close()));\n"))).toBe(1);
  });
  it("a loop over SIGINT only is still SIGINT only", async () => {
    expect(await score(node({ express: "^4" }, server + "for (const sig of ['SIGINT']) process.on(sig, () => server.close());\n"))).toBe(0.25);
  });
  it("a handler imported from another module: judged by its name", async () => {
    expect(await score(node({ express: "^4" }, "import { gracefulShutdown } from './shutdown';\n" + server + "process.on('SIGTERM', gracefulShutdown);\n"))).toBe(1);
    expect(await score(node({ express: "^4" }, "import { onSignal } from './lifecycle';\n" + server + "process.on('SIGTERM', onSignal);\n"))).toBe(0.75);
  });
  it("a same-file handler that only exits is still 0.5", async () => {
    expect(await score(node({ express: "^4" }, server + "function bye() { process.exit(0); }\nprocess.on('SIGTERM', bye);\n"))).toBe(0.5);
  });
  it("a SIGINT handler counts when the image's STOPSIGNAL is SIGINT", async () => {
    const code = server + "process.on('SIGINT', () => server.close());\n";
    expect(await score(node({ express: "^4" }, code, { Dockerfile: 'FROM node:22-slim\nCOPY . .\nSTOPSIGNAL SIGINT\nCMD ["node", "dist/server.js"]\n' }))).toBe(1);
    expect(await score(node({ express: "^4" }, code, { Dockerfile: 'FROM node:22-slim\nCOPY . .\nCMD ["node", "dist/server.js"]\n' }))).toBe(0.25);
  });
  it("Deno.addSignalListener('SIGTERM', …) that shuts the server down", async () => {
    expect(await score({ "deno.json": "{}\n", "package.json": pkg({ hono: "^4" }), "main.ts": "const ac = new AbortController();\nconst server = Deno.serve({ signal: ac.signal }, () => new Response('hi'));\nDeno.addSignalListener('SIGTERM', () => { server.shutdown(); });\n" })).toBe(1);
  });
  it("node-graceful-shutdown / fastify-graceful-shutdown libraries", async () => {
    expect(await score(node({ fastify: "^4", "fastify-graceful-shutdown": "^4" }, "import Fastify from 'fastify';\nimport gs from 'fastify-graceful-shutdown';\nconst app = Fastify();\napp.register(gs);\napp.listen({ port: Number(process.env.PORT) });\n"))).toBe(1);
  });
  it("a LoopBack 4 application stops itself on SIGTERM (0.75)", async () => {
    expect(await score(node({ "@loopback/core": "^6", "@loopback/rest": "^14" }, "import { RestApplication } from '@loopback/rest';\nconst app = new RestApplication({ rest: { port: Number(process.env.PORT) } });\napp.start();\n"))).toBe(0.75);
  });
  it("standalone Nitro and SvelteKit adapter-node 5+: framework default; adapter-node 4 is not", async () => {
    expect(await score(node({ nitropack: "^2.9" }, "export default defineEventHandler(() => 'hi');\n"))).toBe(0.75);
    expect(await score({ "package.json": JSON.stringify({ name: "web", private: true, devDependencies: { "@sveltejs/kit": "^2", "@sveltejs/adapter-node": "^5.2.0" } }), "src/routes/+page.server.ts": "export const load = () => ({});\n" })).toBe(0.75);
    expect(await score({ "package.json": JSON.stringify({ name: "web", private: true, devDependencies: { "@sveltejs/kit": "^1", "@sveltejs/adapter-node": "^1.3.1" } }), "src/routes/+page.server.ts": "export const load = () => ({});\n" })).toBe(0);
  });
  it("a string 'SIGTERM' in a log message does not make a SIGINT handler a SIGTERM one", async () => {
    expect(await score(node({ express: "^4" }, server + "console.log('send SIGTERM to stop');\nprocess.on('SIGINT', () => server.close());\n"))).toBe(0.25);
  });
  // ---- Go
  const goMain = (imports: string, body: string) => ({ "go.mod": "module x\n\ngo 1.22\n", "main.go": `package main\n\nimport (\n${imports})\n\nfunc main() {\n${body}}\n` });
  it("fiber ShutdownWithContext after signal.NotifyContext", async () => {
    expect(await score(goMain('\t"context"\n\t"os/signal"\n\t"syscall"\n\n\t"github.com/gofiber/fiber/v2"\n', "\tctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)\n\tdefer stop()\n\tapp := fiber.New()\n\tgo app.Listen(\":3000\")\n\t<-ctx.Done()\n\t_ = app.ShutdownWithContext(context.Background())\n"))).toBe(1);
  });
  it("oklog/run SignalHandler and a server shutdown in the group", async () => {
    expect(await score(goMain('\t"context"\n\t"net/http"\n\t"syscall"\n\n\t"github.com/oklog/run"\n', "\tvar g run.Group\n\tg.Add(run.SignalHandler(context.Background(), syscall.SIGINT, syscall.SIGTERM))\n\tsrv := &http.Server{Addr: \":8080\"}\n\tg.Add(srv.ListenAndServe, func(error) { _ = srv.Shutdown(context.Background()) })\n\t_ = g.Run()\n"))).toBe(1);
  });
  it("a PocketBase app (Start traps SIGTERM, OnTerminate shuts the server down)", async () => {
    expect(await score(goMain('\t"log"\n\n\t"github.com/pocketbase/pocketbase"\n', "\tapp := pocketbase.New()\n\tif err := app.Start(); err != nil {\n\t\tlog.Fatal(err)\n\t}\n"))).toBe(0.75);
  });
  it("asynq Server.Run drains its workers on SIGTERM; an asynq client alone does not", async () => {
    expect(await score(goMain('\t"log"\n\n\t"github.com/hibiken/asynq"\n', "\tsrv := asynq.NewServer(asynq.RedisClientOpt{Addr: \"redis:6379\"}, asynq.Config{Concurrency: 10})\n\tmux := asynq.NewServeMux()\n\tif err := srv.Run(mux); err != nil {\n\t\tlog.Fatal(err)\n\t}\n"))).toBe(1);
    expect(await score(goMain('\t"net/http"\n\n\t"github.com/hibiken/asynq"\n', "\tclient := asynq.NewClient(asynq.RedisClientOpt{Addr: \"redis:6379\"})\n\tdefer client.Close()\n\thttp.ListenAndServe(\":8080\", nil)\n"))).toBe(0);
  });
  it("a Temporal worker run with worker.InterruptCh()", async () => {
    expect(await score(goMain('\t"go.temporal.io/sdk/client"\n\t"go.temporal.io/sdk/worker"\n', "\tc, _ := client.Dial(client.Options{})\n\tw := worker.New(c, \"q\", worker.Options{})\n\t_ = w.Run(worker.InterruptCh())\n"))).toBe(0.75);
  });
  it("a watermill router with the SignalsHandler plugin (closes the router on SIGINT/SIGTERM)", async () => {
    expect(await score(goMain('\t"github.com/ThreeDotsLabs/watermill/message"\n\t"github.com/ThreeDotsLabs/watermill/message/router/plugin"\n', "\trouter, _ := message.NewRouter(message.RouterConfig{}, logger)\n\trouter.AddPlugin(plugin.SignalsHandler)\n\t_ = router.Run(ctx)\n"))).toBe(0.75);
  });
  it("signal.Notify for SIGTERM used to kill a child is not a handler (nothing caught)", async () => {
    expect(await score(goMain('\t"net/http"\n\t"os/exec"\n\t"syscall"\n', "\tcmd := exec.Command(\"worker\")\n\t_ = cmd.Start()\n\t_ = cmd.Process.Signal(syscall.SIGTERM)\n\thttp.ListenAndServe(\":8080\", nil)\n"))).toBe(0);
  });
  // ---- Rust
  const cargo = (deps: string) => `[package]\nname = "svc"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n${deps}`;
  it("actix-web and Rocket 0.5 drain on SIGTERM by default; Rocket 0.4 and actix with disable_signals() do not", async () => {
    const actix = 'use actix_web::{App, HttpServer};\n\n#[actix_web::main]\nasync fn main() -> std::io::Result<()> {\n    HttpServer::new(|| App::new()).bind(("0.0.0.0", 8080))?.run().await\n}\n';
    expect(await score({ "Cargo.toml": cargo('actix-web = "4"\n'), "src/main.rs": actix })).toBe(0.75);
    expect(await score({ "Cargo.toml": cargo('actix-web = "4"\n'), "src/main.rs": actix.replace(".run()", ".disable_signals().run()") })).toBe(0);
    const rocket = "#[macro_use] extern crate rocket;\n\n#[get(\"/\")]\nfn index() -> &'static str { \"hi\" }\n\n#[launch]\nfn rocket() -> _ { rocket::build().mount(\"/\", routes![index]) }\n";
    expect(await score({ "Cargo.toml": cargo('rocket = "0.5.1"\n'), "src/main.rs": rocket })).toBe(0.75);
    expect(await score({ "Cargo.toml": cargo('rocket = "0.4.11"\n'), "src/main.rs": rocket })).toBe(0);
  });
  it("axum with_graceful_shutdown, warp bind_with_graceful_shutdown, tonic serve_with_shutdown, imported SignalKind::terminate", async () => {
    const cases = [
      "axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await.unwrap();",
      "let (_addr, server) = warp::serve(routes).bind_with_graceful_shutdown(([0, 0, 0, 0], 8080), async { rx.await.ok(); });",
      "Server::builder().add_service(svc).serve_with_shutdown(addr, shutdown()).await?;",
      "let mut term = signal(SignalKind::terminate())?;\nterm.recv().await;",
    ];
    for (const c of cases) expect(await score({ "Cargo.toml": cargo('axum = "0.7"\ntokio = "1"\n'), "src/main.rs": `use tokio::signal::unix::{signal, SignalKind};\n\nasync fn run() {\n    ${c}\n}\n` })).toBe(1);
  });
  it("v12: SignalKind::terminate() held in a variable before signal(…) counts in a file using tokio's unix signals; elsewhere it does not", async () => {
    const held = "let sigterm = tokio::signal::unix::SignalKind::terminate();\n    let mut term = tokio::signal::unix::signal(sigterm).unwrap();\n    tokio::select! { _ = term.recv() => { core.shutdown().await; } }";
    expect(await score({ "Cargo.toml": cargo('tokio = "1"\n'), "src/main.rs": `#[tokio::main]\nasync fn main() {\n    ${held}\n}\n` })).toBe(1);
    expect(await score({ "Cargo.toml": cargo('tokio = "1"\n'), "src/main.rs": "// SignalKind::terminate() is what we would need here\nfn kinds() -> Vec<&'static str> { vec![\"SignalKind::terminate()\"] }\n" })).toBe(0);
  });
  it("axum without graceful shutdown gets no default (low-confidence absence)", async () => {
    expect(await score({ "Cargo.toml": cargo('axum = "0.7"\ntokio = "1"\n'), "src/main.rs": "#[tokio::main]\nasync fn main() {\n    axum::serve(listener, app).await.unwrap();\n}\n" })).toBe(0);
  });
  // ---- Python
  it("Python: SIGTERM imported from signal, a loop over a signal tuple, aiohttp run_app", async () => {
    expect(await score({ "requirements.txt": "requests==2.31\n", "worker.py": "from signal import SIGTERM, signal\n\nsignal(SIGTERM, lambda *a: stop())\n" })).toBe(1);
    expect(await score({ "requirements.txt": "requests==2.31\n", "worker.py": "import asyncio, signal\n\nloop = asyncio.get_event_loop()\nfor sig in (signal.SIGINT, signal.SIGTERM):\n    loop.add_signal_handler(sig, stop)\n" })).toBe(1);
    expect(await score({ "requirements.txt": "aiohttp==3.9\n", "app.py": "from aiohttp import web\n\napp = web.Application()\nweb.run_app(app, port=int(os.environ['PORT']))\n" })).toBe(0.75);
  });
  it("Python: a SIGINT handler in a file that sends SIGTERM to a child is not a SIGTERM handler", async () => {
    expect(await score({ "requirements.txt": "requests==2.31\n", "run.py": "import os, signal\n\nsignal.signal(signal.SIGINT, handler)\nos.kill(child, signal.SIGTERM)\n" })).toBe(0);
  });
  it("Django with gunicorn in the requirements but started with runserver gets no server default", async () => {
    const files = { "requirements.txt": "django==5.0\ngunicorn==22.0\n", "manage.py": "import django\n", Procfile: "web: python manage.py runserver 0.0.0.0:$PORT\n" };
    expect(await score(files)).toBe(0);
    expect(await score({ ...files, Procfile: "web: gunicorn app.wsgi\n" })).toBe(0.75);
  });
  // ---- Ruby
  it("Ruby: trap without parentheses / with a symbol", async () => {
    expect(await score({ Gemfile: "source 'https://rubygems.org'\ngem 'redis'\n", "worker.rb": "Signal.trap(:TERM) { @stop = true }\n" })).toBe(1);
    expect(await score({ Gemfile: "source 'https://rubygems.org'\ngem 'redis'\n", "worker.rb": "trap 'TERM' do\n  @stop = true\nend\n" })).toBe(1);
  });
  it("unicorn without puma: TERM is a quick shutdown unless STOPSIGNAL SIGQUIT", async () => {
    const files = { Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'unicorn'\n", "config/application.rb": "module App; class Application < Rails::Application; end; end\n", Dockerfile: 'FROM ruby:3.3\nCOPY . .\nCMD ["bundle", "exec", "unicorn", "-c", "config/unicorn.rb"]\n' };
    expect(await score(files)).toBe(0);
    expect(await score({ ...files, Dockerfile: files.Dockerfile.replace("CMD", "STOPSIGNAL SIGQUIT\nCMD") })).toBe(0.75);
    expect(await score({ ...files, Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'puma'\n" })).toBe(0.75);
  });
  // ---- .NET
  it(".NET: a console project on the Generic Host; PosixSignalRegistration(SIGTERM); not a bare ProcessExit handler", async () => {
    const proj = '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n</Project>\n';
    expect(await score({ "App.csproj": proj, "Program.cs": "var builder = Host.CreateApplicationBuilder(args);\nbuilder.Services.AddHostedService<Worker>();\nbuilder.Build().Run();\n" })).toBe(0.75);
    expect(await score({ "App.csproj": proj, "Program.cs": "using var reg = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; cts.Cancel(); });\n" })).toBe(1);
    expect(await score({ "App.csproj": proj, "Program.cs": "AppDomain.CurrentDomain.ProcessExit += (s, e) => Flush();\nRunLoop();\n" })).toBe(0);
  });
  it(".NET v12: ASP.NET Core's older WebHost (WebHost.CreateDefaultBuilder … Run()) stops on SIGTERM like the Generic Host", async () => {
    const proj = '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup>\n</Project>\n';
    const program = "public static class Program {\n  public static void Main(string[] args) => CreateWebHostBuilder(args).Build().Run();\n  public static IWebHostBuilder CreateWebHostBuilder(string[] args) => WebHost.CreateDefaultBuilder(args).UseStartup<Startup>();\n}\n";
    expect(await score({ "App.csproj": proj.replace(".Web", ""), "Program.cs": program })).toBe(0.75);
    expect(await score({ "App.csproj": proj.replace(".Web", ""), "Program.cs": "public static class Program {\n  public static void Main(string[] args) { var l = new TcpListener(IPAddress.Any, 8080); l.Start(); Loop(l); }\n}\n" })).toBe(0);
  });
  // ---- JVM
  it("JVM: a Spring Boot worker without a web starter, Dropwizard, Signal.handle(TERM)", async () => {
    const pom = (deps: string) => `<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>svc</artifactId><version>1</version><dependencies>${deps}</dependencies></project>\n`;
    expect(await score({ "pom.xml": pom("<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter</artifactId></dependency><dependency><groupId>org.springframework.kafka</groupId><artifactId>spring-kafka</artifactId></dependency>"), "src/main/java/x/App.java": "package x;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n" })).toBe(0.75);
    expect(await score({ "pom.xml": pom("<dependency><groupId>io.dropwizard</groupId><artifactId>dropwizard-core</artifactId></dependency>"), "src/main/java/x/App.java": "package x;\npublic class App extends Application<Cfg> { public static void main(String[] a) throws Exception { new App().run(a); } }\n" })).toBe(0.75);
    expect(await score({ "pom.xml": pom(""), "src/main/java/x/Main.java": "package x;\nimport sun.misc.Signal;\npublic class Main { public static void main(String[] a) { Signal.handle(new Signal(\"TERM\"), s -> server.stop()); } }\n" })).toBe(1);
  });
  it("JVM v13 (session12b gitbucket): Jetty setStopAtShutdown(true) stops the server on SIGTERM; Scala IOApp / CoordinatedShutdown / Play", async () => {
    const sbt = (deps: string, extra = "") => `name := "svc"\nscalaVersion := "2.13.12"\n${extra}libraryDependencies ++= Seq(\n${deps}\n)\n`;
    const launcher = "import org.eclipse.jetty.server.Server;\npublic class JettyLauncher {\n  public static void main(String[] a) throws Exception {\n    Server server = new Server(8080);\n    server.setStopAtShutdown(true);\n    server.setStopTimeout(7000);\n    server.start();\n    server.join();\n  }\n}\n";
    const jetty = sbt('  "org.eclipse.jetty" % "jetty-server" % "10.0.26"');
    expect(await score({ "build.sbt": jetty, "src/main/java/JettyLauncher.java": launcher })).toBe(1);
    // the same launcher without setStopAtShutdown: nothing stops the server on SIGTERM
    expect(await score({ "build.sbt": jetty, "src/main/java/JettyLauncher.java": launcher.replace("    server.setStopAtShutdown(true);\n", "") })).toBe(0);
    // Scala: the same call, a cats-effect IOApp (0.75), an Akka HTTP binding added to CoordinatedShutdown (1), Play's default (0.75)
    expect(await score({ "build.sbt": jetty, "src/main/scala/Main.scala": "import org.eclipse.jetty.server.Server\nobject Main {\n  def main(args: Array[String]): Unit = {\n    val server = new Server(8080)\n    server.setStopAtShutdown(true)\n    server.start()\n  }\n}\n" })).toBe(1);
    expect(await score({ "build.sbt": sbt('  "org.http4s" %% "http4s-ember-server" % "0.23.27"'), "src/main/scala/Main.scala": "import cats.effect.{IO, IOApp}\nobject Main extends IOApp.Simple {\n  def run: IO[Unit] = EmberServerBuilder.default[IO].build.useForever\n}\n" })).toBe(0.75);
    expect(await score({ "build.sbt": sbt('  "com.typesafe.akka" %% "akka-http" % "10.5.3"'), "src/main/scala/Main.scala": "object Main extends App {\n  Http().newServerAt(\"0.0.0.0\", 8080).bind(routes).map(_.addToCoordinatedShutdown(10.seconds))\n}\n" })).toBe(1);
    expect(await score({ "build.sbt": sbt('  guice', "lazy val root = (project in file(\".\")).enablePlugins(PlayScala)\n"), "app/controllers/HomeController.scala": "package controllers\nclass HomeController\n" })).toBe(0.75);
    // an sbt build file is not the app (no IOApp there), and a plain Scala main without any of these stays at 0
    expect(await score({ "build.sbt": sbt('  "com.typesafe.akka" %% "akka-http" % "10.5.3"'), "src/main/scala/Main.scala": "object Main extends App {\n  Http().newServerAt(\"0.0.0.0\", 8080).bind(routes)\n}\n" })).toBe(0);
  });
  // ---- PHP
  it("PHP: RoadRunner (rr serve) and Laravel Octane count like php-fpm", async () => {
    expect(await score({ "composer.json": JSON.stringify({ require: { "spiral/roadrunner-http": "^3.0" } }), "worker.php": "<?php\n$worker = Spiral\\RoadRunner\\Worker::create();\n", Dockerfile: 'FROM php:8.3-cli\nCOPY . /app\nCMD ["rr", "serve", "-c", ".rr.yaml"]\n' })).toBe(0.75);
  });
});

describe("v11: the PHP request model however the app is served", () => {
  const plainPhp = {
    "composer.json": JSON.stringify({ require: { "php": ">=8.2", "slim/slim": "^4.0" } }),
    "public/index.php": "<?php\nrequire __DIR__ . '/../vendor/autoload.php';\n$app = \\Slim\\Factory\\AppFactory::create();\n$app->run();\n",
    "src/Controller.php": "<?php\nnamespace App;\nclass Controller {}\n",
  };
  it("a plain PHP app whose image runs s6 with php-fpm and nginx (or with no image in the repository) gets the default", async () => {
    const s6 = { ...plainPhp, Dockerfile: 'FROM alpine:3.20\nRUN apk add php83-fpm nginx s6\nCOPY . /var/www\nENTRYPOINT ["/bin/s6-svscan", "/etc/services.d"]\n', "docker/services.d/php/run": "#!/bin/sh\nexec php-fpm83 -F\n" };
    expect((await runRule(rule, s6, { kind: "service" })).result.score).toBe(0.75);
    expect((await runRule(rule, plainPhp, { kind: "service" })).result.score).toBe(0.75);
  });
  it("a PHP app whose own start command is a long-running PHP process gets no default", async () => {
    const daemon = { ...plainPhp, Dockerfile: 'FROM alpine:3.20\nRUN apk add php83\nCOPY . /app\nCMD ["php", "/app/server.php"]\n', "server.php": "<?php\n$loop = React\\EventLoop\\Loop::get();\n$loop->run();\n" };
    expect((await runRule(rule, daemon, { kind: "service" })).result.score).toBe(0);
    // a unit whose main language is not PHP (a Node app with a few PHP templates) gets no PHP default
    const node = { "package.json": JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } }), "server.js": "require('./routes');\nrequire('express')().listen(process.env.PORT);\n", "routes.js": "module.exports = {};\n", "legacy/a.php": "<?php echo 1;\n" };
    expect((await runRule(rule, node, { kind: "service" })).result.score).toBe(0);
  });
});

describe("v13: Go graceful-shutdown managers own SIGTERM (accuracy bench session12a: gorush)", () => {
  const goMod = "module x\n\ngo 1.22\n\nrequire github.com/appleboy/graceful v1.3.0\n";
  const main = (imp: string, serverBody: string) => ({
    "go.mod": goMod,
    "main.go": `package main\n\nimport (\n\t"context"\n\n\t"${imp}"\n\t"x/router"\n)\n\nfunc main() {\n\tg := graceful.NewManager()\n\tg.AddRunningJob(func(ctx context.Context) error { return router.Run(ctx) })\n\t<-g.Done()\n}\n`,
    "router/server.go": `package router\n\nimport (\n\t"context"\n\t"net/http"\n)\n\nfunc Run(ctx context.Context) error {\n\ts := &http.Server{Addr: ":8088"}\n${serverBody}\treturn s.ListenAndServe()\n}\n`,
  });
  it("appleboy/graceful's manager cancels the job context and the server shuts down: 1", async () => {
    const run = await runRule(rule, main("github.com/appleboy/graceful", "\tgo func() { <-ctx.Done(); _ = s.Shutdown(context.Background()) }()\n"), { kind: "service" });
    expect(run.result.score).toBe(1);
  });
  it("the manager without a server shutdown: 0.75", async () => {
    const run = await runRule(rule, main("github.com/appleboy/graceful", ""), { kind: "service" });
    expect(run.result.score).toBe(0.75);
  });
  it("another package of the same owner traps nothing: still 0", async () => {
    const run = await runRule(rule, main("github.com/appleboy/gin-jwt", "\tgo func() { <-ctx.Done(); _ = s.Shutdown(context.Background()) }()\n"), { kind: "service" });
    expect(run.result.score).toBe(0);
  });
});

describe("v14: a SIGTERM handler that exits without stopping the server (accuracy bench session12b: cross-seed)", () => {
  const serverTs = "import Fastify from 'fastify';\nexport async function serve() {\n  const server = Fastify();\n  await server.listen({ port: 2468, host: '0.0.0.0' });\n  function stop() { server.close(); }\n  process.on('SIGINT', stop);\n  process.on('SIGTERM', stop);\n}\n";
  const files = (startup: string) => ({ "package.json": JSON.stringify({ name: "svc", private: true, dependencies: { fastify: "^5", knex: "^3" } }), "src/server.ts": serverTs, "src/startup.ts": startup });
  it("another handler destroys the DB pool and calls process.exit(): the server's drain is cut (0.5, medium)", async () => {
    const run = await runRule(rule, files("import { db } from './db';\nexport async function exitGracefully() {\n  await db.destroy();\n  process.exit();\n}\nprocess.on('SIGINT', exitGracefully);\nprocess.on('SIGTERM', exitGracefully);\n"), { kind: "service" });
    expect(run.result.score).toBe(0.5);
    expect(run.result.confidence).toBe("medium");
  });
  it("an express server whose only handler disconnects the database and exits: 0.5", async () => {
    const run = await runRule(rule, { "package.json": pkg(), "src/server.ts": server + "process.on('SIGTERM', async () => {\n  await prisma.$disconnect();\n  process.exit(0);\n});\n" }, { kind: "service" });
    expect(run.result.score).toBe(0.5);
  });
  it("exiting only after a timeout, or from a handler that stops the server itself, does not cut the drain: 1", async () => {
    expect((await runRule(rule, files("process.on('SIGTERM', () => {\n  setTimeout(() => process.exit(1), 30000).unref();\n});\n"), { kind: "service" })).result.score).toBe(1);
    expect((await runRule(rule, files("import { shutdownServer } from './server';\nexport async function exitGracefully() {\n  await shutdownServer();\n  process.exit();\n}\nprocess.on('SIGTERM', exitGracefully);\n"), { kind: "service" })).result.score).toBe(1);
  });
  it("a queue worker without a server that closes its worker and exits: 1", async () => {
    const run = await runRule(rule, { "package.json": JSON.stringify({ name: "w", private: true, dependencies: { bullmq: "^5" } }), "src/worker.ts": "import { Worker } from 'bullmq';\nconst worker = new Worker('q', async () => {});\nprocess.on('SIGTERM', async () => {\n  await worker.close();\n  process.exit(0);\n});\n" }, { kind: "worker" });
    expect(run.result.score).toBe(1);
  });
});

describe("v17 (session27d grist-core): signals registered through a wrapper the unit calls with \"SIGTERM\"", () => {
  const shutdownLib = "export function cleanupOnSignals(...names) {\n  for (const signal of names) {\n    process.once(signal, signalExit.bind(null, signal));\n  }\n}\nfunction signalExit(signal) {\n  runCleanupHandlers().then(() => process.exit(0));\n}\n";
  it("the wrapper called with 'SIGTERM' in another file handles SIGTERM (0.75: a named handler in a module)", async () => {
    const run = await runRule(rule, { "package.json": pkg(), "src/shutdown.js": shutdownLib, "src/server.ts": server + "import * as shutdown from './shutdown';\nshutdown.cleanupOnSignals('SIGINT', 'SIGTERM');\n" }, { kind: "service" });
    expect(run.result.score).toBe(0.75);
  });
  it("control: the same wrapper called only with 'SIGUSR2' does not handle SIGTERM", async () => {
    const run = await runRule(rule, { "package.json": pkg(), "src/shutdown.js": shutdownLib, "src/server.ts": server + "import * as shutdown from './shutdown';\nshutdown.cleanupOnSignals('SIGUSR2');\n" }, { kind: "service" });
    expect(run.result.score).toBe(0);
  });
});
