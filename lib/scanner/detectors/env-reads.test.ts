import { describe, expect, it } from "vitest";
import { snapshotFromFiles } from "../testing.ts";
import { envReads, isToolingFile, PLATFORM_ENV_RE } from "./env-reads.ts";

async function run(files: Record<string, string>) {
  const { snapshot } = await snapshotFromFiles(files, { kind: "service" });
  return envReads(snapshot, snapshot.files).map((r) => `${r.path}:${r.line}:${r.name}${r.fallback ? "?" : ""}`);
}

describe("envReads", () => {
  it("reads JS, Python, Go, Ruby names with fallbacks", async () => {
    const r = await run({
      "a.js": "const u = process.env.DATABASE_URL;\nconst p = process.env.PORT ?? 3000;\n",
      "b.py": "import os\nx = os.environ['SECRET_KEY']\ny = os.getenv('REDIS_URL', 'redis://localhost')\n# os.getenv('COMMENTED')\n",
      "c.go": "package main\nimport \"os\"\nvar k = os.Getenv(\"API_KEY\")\ntype C struct { Url string `env:\"SERVICE_URL\" envDefault:\"x\"` }\n",
      "d.rb": "ENV.fetch('QUEUE') { 'default' }\nENV['MAILER_HOST']\n",
    });
    expect(r).toEqual(["a.js:1:DATABASE_URL", "a.js:2:PORT?", "b.py:2:SECRET_KEY", "b.py:3:REDIS_URL?", "c.go:3:API_KEY", "c.go:4:SERVICE_URL?", "d.rb:1:QUEUE?", "d.rb:2:MAILER_HOST"]);
  });
  it("session 11: reads Elixir System.fetch_env!/get_env names, with defaults; not Application.get_env or commented reads", async () => {
    const r = await run({
      "mix.exs": "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, deps: []]\nend\n",
      "config/runtime.exs": "import Config\n\nconfig :shop,\n  secret: System.fetch_env!(\"SECRET_KEY_BASE\"),\n  mode: System.get_env(\"SHOP_MODE\", \"web\"),\n  host: System.get_env(\"PHX_HOST\") || \"example.com\",\n  pool: System.get_env(\"POOL_SIZE\"),\n  # token: System.fetch_env!(\"COMMENTED\")\n  other: Application.get_env(:shop, :other)\n",
    });
    expect(r).toEqual(["config/runtime.exs:4:SECRET_KEY_BASE", "config/runtime.exs:5:SHOP_MODE?", "config/runtime.exs:6:PHX_HOST?", "config/runtime.exs:7:POOL_SIZE"]);
  });
  it("reads the keys of a schema validated against process.env", async () => {
    const r = await run({ "config.js": "const Joi = require('joi');\nconst schema = Joi.object().keys({\n  MONGODB_URL: Joi.string().required(),\n  PORT: Joi.number().default(3000),\n  label: Joi.string(),\n});\nconst { value } = schema.validate(process.env);\n" });
    expect(r).toEqual(["config.js:3:MONGODB_URL", "config.js:4:PORT?"]);
  });
  it("reads Spring placeholders", async () => {
    const r = await run({ "src/main/resources/application.yml": "spring:\n  datasource:\n    url: ${DB_URL}\n    password: ${DB_PASSWORD:secret}\n" });
    expect(r).toEqual(["src/main/resources/application.yml:3:DB_URL", "src/main/resources/application.yml:4:DB_PASSWORD?"]);
  });
  it("knows platform-provided names", () => {
    expect(PLATFORM_ENV_RE.test("PORT")).toBe(true);
    expect(PLATFORM_ENV_RE.test("DATABASE_URL")).toBe(false);
  });
});

describe("envReads: computed reads over a table of names", () => {
  it("takes the UPPER_CASE keys of the file's object literals when it reads process.env[key]", async () => {
    const r = await run({
      "src/env.ts": "import { z } from 'zod';\nconst validators = {\n  CLIENT_ENDPOINT: z.string(),\n  PORT: z.string().optional(),\n  MONGO_ENDPOINT: z.string().optional(),\n};\nconst out: Record<string, unknown> = {};\nObject.entries(validators).forEach(([key, v]) => { out[key] = v.parse(process.env[key]); });\nexport const get = (k: string) => out[k];\n",
    });
    expect(r).toEqual(["src/env.ts:3:CLIENT_ENDPOINT", "src/env.ts:4:PORT", "src/env.ts:5:MONGO_ENDPOINT"]);
  });
  it("does not take object keys from a file without a computed env read", async () => {
    const r = await run({ "src/consts.ts": "export const LIMITS = {\n  MAX_SIZE: 10,\n  MIN_SIZE: 1,\n};\n" });
    expect(r).toEqual([]);
  });
});

describe("isToolingFile", () => {
  it("a tools/ or scripts/ directory inside the app's source tree is app code; repository tooling and tool configs are not", () => {
    expect(isToolingFile("apps/server/src/tools/env.ts")).toBe(false);
    expect(isToolingFile("src/scripts/seed.ts")).toBe(false);
    expect(isToolingFile("tools/release.ts")).toBe(true);
    expect(isToolingFile("scripts/migrate.js")).toBe(true);
    expect(isToolingFile("src/tools/vite.config.ts")).toBe(true);
    expect(isToolingFile("src/server.ts")).toBe(false);
  });
});

describe("envReads: Scala (session 12)", () => {
  it("reads System.getenv, sys.env and Properties.envOrElse names with defaults; not in the sbt build definition", async () => {
    const r = await run({
      "build.sbt": "lazy val PLATFORM = Option(System.getenv(\"PLATFORM\")).getOrElse(\"amd64\")\n",
      "src/main/scala/app/Config.scala": "object Config {\n  val db = sys.env(\"DATABASE_URL\")\n  val port = sys.env.getOrElse(\"PORT\", \"8080\").toInt\n  val host = sys.env.get(\"HOST\").getOrElse(\"0.0.0.0\")\n  val key = System.getenv(\"API_KEY\")\n  val mode = scala.util.Properties.envOrElse(\"APP_MODE\", \"web\")\n  // val old = sys.env(\"COMMENTED\")\n}\n",
    });
    expect(r.filter((x) => !x.startsWith("build.sbt"))).toEqual(["src/main/scala/app/Config.scala:2:DATABASE_URL", "src/main/scala/app/Config.scala:3:PORT?", "src/main/scala/app/Config.scala:4:HOST?", "src/main/scala/app/Config.scala:5:API_KEY", "src/main/scala/app/Config.scala:6:APP_MODE?"]);
    expect(isToolingFile("build.sbt")).toBe(true);
    expect(isToolingFile("project/Deps.scala")).toBe(true);
    expect(isToolingFile("src/main/scala/app/Config.scala")).toBe(false);
  });
});
