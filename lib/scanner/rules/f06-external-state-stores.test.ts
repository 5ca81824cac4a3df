import rule from "./f06-external-state-stores.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ...deps } });

ruleTester(rule, {
  valid: [
    {
      name: "express-session with connect-redis",
      files: { "package.json": pkg({ "express-session": "^1", "connect-redis": "^7", redis: "^4" }), "src/app.js": "const session = require('express-session');\nconst RedisStore = require('connect-redis').default;\nmodule.exports = session({ store: new RedisStore({}) });\n" },
    },
    {
      name: "uploads to S3",
      files: { "package.json": pkg({ multer: "^1", "@aws-sdk/client-s3": "^3" }), "src/upload.js": "const multer = require('multer');\nconst { S3Client } = require('@aws-sdk/client-s3');\nmodule.exports = new S3Client({});\n" },
    },
    {
      name: "Django with default DB sessions and S3 storage",
      files: { "requirements.txt": "django==5.0\ndjango-storages==1.14\n", "mysite/settings.py": "INSTALLED_APPS = ['django.contrib.sessions']\nSTORAGES = {'default': {'BACKEND': 'storages.backends.s3.S3Storage'}}\n" },
    },
    { name: "stateless API: na", files: { "package.json": pkg({}), "src/app.js": "require('express')().listen(process.env.PORT);\n" }, status: "na" },
    {
      name: "redis import in a test only does not count (na)",
      files: { "package.json": pkg({}), "src/app.js": "require('express')().listen(process.env.PORT);\n", "test/x.test.js": "require('ioredis');\n" },
      status: "na",
    },
  ],
  invalid: [
    {
      name: "express-session and multer with no external store",
      files: { "package.json": pkg({ "express-session": "^1", multer: "^1" }), "src/app.js": "const session = require('express-session');\nconst multer = require('multer');\nmodule.exports = [session({ secret: process.env.S }), multer({ dest: 'uploads/' })];\n" },
      status: "fail",
    },
    {
      name: "PHP session_start without a shared handler",
      files: { "composer.json": JSON.stringify({ require: { "slim/slim": "^4" } }), "public/index.php": "<?php\nsession_start();\n" },
      options: { kind: "service" },
      status: "fail",
    },
  ],
});

// v2: spring-session-core is not a session store
const boot = (sessionDep: string) => ({
  "pom.xml": `<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>app</artifactId><version>1</version><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId><version>3.4.1</version></dependency><dependency><groupId>org.springframework.session</groupId><artifactId>${sessionDep}</artifactId><version>3.4.1</version></dependency></dependencies></project>\n`,
  "src/main/java/x/LoginController.java": "package x;\npublic class LoginController {\n    public String login(HttpSession session) { session.setAttribute(\"u\", 1); return \"ok\"; }\n}\n",
});
ruleTester(rule, {
  valid: [{ name: "v2: spring-session-data-redis keeps HttpSession state in Redis", files: boot("spring-session-data-redis"), options: { kind: "service" } }],
  invalid: [{ name: "v2: spring-session-core alone keeps sessions in memory", files: boot("spring-session-core"), options: { kind: "service" } }],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("Scala servlet code that keeps HttpSession state with no external store is judged; with a Redis client it is externalised", async () => {
    const login = "package app\nimport javax.servlet.http.HttpSession\nclass Login {\n  def login(session: HttpSession): Unit = session.setAttribute(\"user\", 1)\n}\n";
    const r = await runScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.scalatra\" %% \"scalatra\" % \"3.0.0\"\n)\n", "src/main/scala/app/Login.scala": login }, { kind: "service" });
    expectScalaValue([r.result.status, r.result.score]).toEqual(["fail", 0]);
    const ok = await runScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.scalatra\" %% \"scalatra\" % \"3.0.0\",\n  \"io.lettuce\" % \"lettuce-core\" % \"6.3.2.RELEASE\"\n)\n", "src/main/scala/app/Login.scala": login }, { kind: "service" });
    expectScalaValue([ok.result.status, ok.result.score]).toEqual(["pass", 1]);
  });
});
