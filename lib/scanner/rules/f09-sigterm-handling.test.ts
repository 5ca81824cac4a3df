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
