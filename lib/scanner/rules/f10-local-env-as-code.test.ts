import rule from "./f10-local-env-as-code.ts";
import { describe, expect, it } from "vitest";
import { expectRule, ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "a", private: true, dependencies: { express: "^4", ...deps } });
const server = "require('express')().listen(process.env.PORT);\n";

ruleTester(rule, {
  valid: [
    {
      name: "an embedded-SQLite Spring app whose build.gradle declares sourceCompatibility (v3)",
      files: {
        "build.gradle": "plugins {\n    id 'org.springframework.boot' version '2.6.3'\n}\nsourceCompatibility = '11'\ndependencies {\n    implementation 'org.springframework.boot:spring-boot-starter-web'\n    implementation 'org.xerial:sqlite-jdbc:3.36.0.3'\n}\n",
        "src/main/resources/application.properties": "spring.datasource.url=jdbc:sqlite:dev.db\n",
        "src/main/java/io/spring/App.java": "package io.spring;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n",
      },
      options: { kind: "service" },
    },
    {
      name: "compose starts postgres and redis, .nvmrc pins Node",
      files: { "package.json": pkg({ pg: "^8", ioredis: "^5" }), "server.js": server, ".nvmrc": "22\n", "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n" },
      status: "pass",
    },
    {
      name: "compose image overridable by a variable with a default (${POSTGRES_IMAGE:-postgres:18})",
      files: { "package.json": pkg({ pg: "^8" }), "server.js": server, ".nvmrc": "22\n", "docker-compose.yml": "services:\n  postgres:\n    image: ${POSTGRES_IMAGE:-postgres:18-bookworm}\n  cache:\n    image: ${REDIS_IMAGE-redis:7}\n" },
      status: "pass",
    },
    {
      name: "compose starts postgres, Node pinned by an exact `node` devDependency",
      files: { "package.json": JSON.stringify({ name: "a", private: true, dependencies: { express: "^4", pg: "^8" }, devDependencies: { node: "24.21.0" } }), "server.js": server, "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n" },
      status: "pass",
    },
    {
      name: "compose starts postgres, Node pinned by volta",
      files: { "package.json": JSON.stringify({ name: "a", private: true, dependencies: { express: "^4", pg: "^8" }, volta: { node: "22.11.0" } }), "server.js": server, "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n" },
      status: "pass",
    },
    {
      name: "devcontainer with compose",
      files: {
        "package.json": pkg({ mongoose: "^8" }), "server.js": server,
        ".devcontainer/devcontainer.json": "{ \"dockerComposeFile\": \"docker-compose.yml\", \"service\": \"app\" }",
        ".devcontainer/docker-compose.yml": "services:\n  app:\n    build: .\n  mongo:\n    image: mongo:7\n",
      },
      status: "pass",
    },
    { name: "no backing services, runtime pinned", files: { "package.json": pkg({}), "server.js": server, ".node-version": "22.11.0\n" }, status: "pass" },
    {
      name: "v4: networked database optional next to an embedded SQLite driver",
      files: { "package.json": pkg({ pg: "^8", sqlite3: "^5" }), "server.js": server, ".nvmrc": "22\n", "docker-compose.yml": "services:\n  app:\n    build: .\n" },
      status: "pass",
    },
    {
      name: "v4: multi-engine app, the local environment starts one of its databases",
      files: { "package.json": pkg({ pg: "^8", mysql2: "^3", mssql: "^10" }), "server.js": server, ".nvmrc": "22\n", "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n" },
      status: "pass",
    },
  ],
  invalid: [
    {
      name: "the same app without any language version declared (v3)",
      files: {
        "build.gradle": "plugins {\n    id 'org.springframework.boot' version '2.6.3'\n}\ndependencies {\n    implementation 'org.springframework.boot:spring-boot-starter-web'\n    implementation 'org.xerial:sqlite-jdbc:3.36.0.3'\n}\n",
        "src/main/resources/application.properties": "spring.datasource.url=jdbc:sqlite:dev.db\n",
        "src/main/java/io/spring/App.java": "package io.spring;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n",
      },
      options: { kind: "service" },
      status: "fail",
    },
    {
      name: "compose image that is only a variable (no default) does not count",
      files: { "package.json": pkg({ pg: "^8" }), "server.js": server, ".nvmrc": "22\n", "docker-compose.yml": "services:\n  db:\n    image: ${DB_IMAGE}\n" },
      status: "partial",
    },
    { name: "postgres app without any local environment", files: { "package.json": pkg({ pg: "^8" }), "server.js": server, ".nvmrc": "22\n" }, status: "fail" },
    {
      name: "compose misses the redis production uses",
      files: { "package.json": pkg({ pg: "^8", ioredis: "^5" }), "server.js": server, ".nvmrc": "22\n", "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n" },
      status: "partial",
    },
    {
      name: "a `node` devDependency range or engines range is not a pin",
      files: { "package.json": JSON.stringify({ name: "a", private: true, engines: { node: ">=22" }, dependencies: { express: "^4", pg: "^8" }, devDependencies: { node: "^24.0.0" } }), "server.js": server, "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n" },
      status: "partial",
    },
    {
      name: "services present but runtime not pinned",
      files: { "package.json": pkg({ pg: "^8" }), "server.js": server, "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n" },
      status: "partial",
    },
  ],
});

describe("F10-LOCAL-ENV-AS-CODE v4: a needed service nothing starts locally is observed", () => {
  it("scores 0 at medium confidence, not as low-confidence absence", async () => {
    const run = await expectRule(rule, { "package.json": JSON.stringify({ name: "a", private: true, dependencies: { express: "^4", pg: "^8" } }), "server.js": "require('express')().listen(process.env.PORT);\n", ".nvmrc": "22\n" }).toTrigger(0, "fail");
    expect(run.result.confidence).toBe("medium");
    expect(run.result.absence).toBeFalsy();
  });
});

describe("F10-LOCAL-ENV-AS-CODE v4: an env template naming the locator keeps the absence semantics", () => {
  it("scores 0 as low-confidence absence", async () => {
    const run = await expectRule(rule, { "package.json": JSON.stringify({ name: "a", private: true, dependencies: { express: "^4", pg: "^8" } }), "server.js": "require('express')().listen(process.env.PORT);\n", ".nvmrc": "22\n", ".env.example": "DATABASE_URL=\n" }).toTrigger(0, "fail");
    expect(run.result.absence).toBe(true);
  });
});

describe("F10-LOCAL-ENV-AS-CODE v4: a localhost locator in the env template is a server installed by hand", () => {
  it("stays an observed 0 (medium confidence)", async () => {
    const run = await expectRule(rule, { "package.json": JSON.stringify({ name: "a", private: true, dependencies: { express: "^4", pg: "^8" } }), "server.js": "require('express')().listen(process.env.PORT);\n", ".nvmrc": "22\n", ".env.example": "DATABASE_URL=postgres://app:app@localhost:5432/app\n" }).toTrigger(0, "fail");
    expect(run.result.confidence).toBe("medium");
    expect(run.result.absence).toBeFalsy();
  });
});

describe("F10-LOCAL-ENV-AS-CODE v5 (session 12): build.sbt's scalaVersion / JVM release is the runtime pin", () => {
  const main = "package app\nobject Main extends App {\n  Http().newServerAt(\"0.0.0.0\", 8080).bind(routes)\n}\n";
  it("an sbt service that needs no backing service and declares its Scala version passes", async () => {
    const run = await expectRule(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.14\"\nlibraryDependencies += \"com.typesafe.akka\" %% \"akka-http\" % \"10.5.3\"\n", "src/main/scala/app/Main.scala": main }, { kind: "service" }).notToTrigger(["pass"]);
    expect(run.result.score).toBe(1);
  });
  it("without a declared Scala version or JVM target there is no pin", async () => {
    const run = await expectRule(rule, { "build.sbt": "name := \"svc\"\nlibraryDependencies += \"com.typesafe.akka\" %% \"akka-http\" % \"10.5.3\"\n", "src/main/scala/app/Main.scala": main }, { kind: "service" }).notToTrigger(["fail"]);
    expect(run.result.score).toBe(0);
  });
});
