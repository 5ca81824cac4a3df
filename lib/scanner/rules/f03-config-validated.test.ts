import rule from "./f03-config-validated.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string> = {}) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ...deps } });

const goMod = "module example.com/app\n\ngo 1.22\n\nrequire github.com/ardanlabs/conf/v3 v3.1.7\n";
const goMain = "package main\n\nimport \"net/http\"\n\nfunc main() { _ = http.ListenAndServe(\":8080\", nil) }\n";

const mixApp = { "mix.exs": "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, deps: [{:phoenix, \"~> 1.7\"}]]\nend\n", "mix.lock": "%{}\n", "lib/shop_web/endpoint.ex": "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n" };

ruleTester(rule, {
  valid: [
    {
      name: "v6: Elixir config/runtime.exs reading required settings with System.fetch_env! (fails fast, central); dev.exs defaults do not count",
      files: { ...mixApp, "config/runtime.exs": "import Config\n\nif config_env() == :prod do\n  config :shop,\n    secret: System.fetch_env!(\"SHOP_SECRET\"),\n    bucket: System.fetch_env!(\"SHOP_BUCKET\"),\n    host: System.fetch_env!(\"SHOP_HOST\"),\n    cdn: System.fetch_env!(\"SHOP_CDN_URL\")\nend\n", "config/dev.exs": "import Config\nconfig :shop, a: System.get_env(\"A\", \"1\"), b: System.get_env(\"B\", \"2\")\n" },
      status: "pass",
    },
    {
      name: "v5: ardanlabs/conf parses every setting from env into a typed struct (validated, central)",
      files: { "go.mod": goMod, "main.go": goMain, "internal/config/conf.go": "package config\n\nimport \"github.com/ardanlabs/conf/v3\"\n\ntype Config struct {\n\tPort string `conf:\"default:7745\"`\n\tDSN  string `conf:\"required\"`\n}\n\nfunc New() (*Config, error) {\n\tvar cfg Config\n\t_, err := conf.Parse(\"HBOX\", &cfg)\n\treturn &cfg, err\n}\n" },
      options: { kind: "service" },
      status: "pass",
    },
    {
      name: "v5: go-flags options bound to env vars (validated, central)",
      files: { "go.mod": goMod, "main.go": goMain, "app/cmd/server.go": "package cmd\n\ntype ServerCommand struct {\n\tRemarkURL string `long:\"url\" env:\"REMARK_URL\" description:\"url to remark\"`\n\tSecret string `long:\"secret\" env:\"SECRET\" description:\"shared secret key\"`\n}\n" },
      options: { kind: "service" },
      status: "pass",
    },
    {
      name: "v5: plain os.Getenv reads in one file are central but not validated",
      files: { "go.mod": goMod, "main.go": goMain, "internal/config/conf.go": "package config\n\nimport \"os\"\n\nvar (\n\tPort = os.Getenv(\"PORT_X\")\n\tDSN = os.Getenv(\"DSN\")\n\tKey = os.Getenv(\"KEY\")\n)\n" },
      options: { kind: "service" },
      status: "partial",
    },
    {
      name: "v3: class-validator validate(this) of the env class in server/env.ts, other code reads through it",
      files: { "package.json": pkg({ "class-validator": "^0.14.0" }), "server/env.ts": "import { IsNotEmpty, IsUrl, validate } from 'class-validator';\nclass Environment {\n  @IsUrl() public DATABASE_URL = process.env.DATABASE_URL ?? '';\n  @IsNotEmpty() public SECRET_KEY = process.env.SECRET_KEY ?? '';\n  constructor() {\n    void validate(this).then((errors) => { if (errors.length) process.exit(1); });\n  }\n}\nexport default new Environment();\n", "server/main.ts": "import env from './env';\nexport const url = env.DATABASE_URL;\n" },
    },
    {
      name: "zod schema over an env object passed in (parseEnv(source = process.env))",
      files: {
        "package.json": pkg({ zod: "^4.0.0" }),
        "src/env.ts": "import { z } from 'zod';\nexport const envSchema = z.object({ DATABASE_URL: z.string().url(), PORT: z.coerce.number() });\nexport function parseEnv(source: Record<string, string | undefined> = process.env) {\n  const input = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, source[k] === '' ? undefined : source[k]]));\n  return envSchema.parse(input);\n}\n",
        "src/server.ts": "import { parseEnv } from './env';\nconst env = parseEnv();\nrequire('express')().listen(env.PORT);\n",
      },
      status: "pass",
    },
    {
      name: "envalid cleanEnv in one config module",
      files: {
        "package.json": pkg({ envalid: "^8.0.0" }),
        "src/config.ts": "import { cleanEnv, str, url, port } from 'envalid';\nexport const env = cleanEnv(process.env, { DATABASE_URL: url(), STRIPE_KEY: str(), PORT: port() });\n",
        "src/server.ts": "import express from 'express';\nimport { env } from './config';\nexpress().listen(env.PORT);\n",
      },
    },
    {
      name: "zod schema parse(process.env) with centralised reads",
      files: {
        "package.json": pkg({ zod: "^3.0.0" }),
        "src/env.ts": "import { z } from 'zod';\nconst schema = z.object({ DATABASE_URL: z.string().url() });\nexport const env = schema.parse(process.env);\nexport const a = process.env.A;\nexport const b = process.env.B;\nexport const c = process.env.C;\n",
      },
    },
    {
      name: "pydantic-settings BaseSettings",
      files: {
        "requirements.txt": "fastapi==0.110.0\npydantic-settings==2.2.1\n",
        "app/config.py": "from pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n    database_url: str\n    redis_url: str\n\nsettings = Settings()\n",
      },
    },
    {
      name: "no env reads at all is na",
      files: { "package.json": pkg(), "server.js": "require('express')().listen(8080);\n" },
      status: "na",
    },
    {
      name: "Ruby Konfig schema over an ENV source is validation; generated binstubs are tooling (v3)",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'puma'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n",
        "lib/app/config.rb": "require 'konfig'\nmodule App\n  def self.config\n    sources = [Konfig::Sources::Environment.new(ENV)]\n    Konfig::Config.build(ConfigSchema, sources: sources)\n  end\nend\n",
        "config/puma.rb": "port ENV.fetch('PORT', 5000)\n",
        "bin/bundle": "#!/usr/bin/env ruby\nENV['BUNDLE_GEMFILE'] ||= File.expand_path('../Gemfile', __dir__)\nversion = ENV['BUNDLER_VERSION']\n",
      },
      status: "pass",
    },
  ],
  invalid: [
    {
      name: "v6 control: Elixir System.get_env reads with defaults are centralised but not validated",
      files: { ...mixApp, "config/runtime.exs": "import Config\n\nconfig :shop,\n  secret: System.get_env(\"SHOP_SECRET\", \"dev\"),\n  bucket: System.get_env(\"SHOP_BUCKET\") || \"local\",\n  host: System.get_env(\"SHOP_HOST\", \"localhost\"),\n  cdn: System.fetch_env!(\"SHOP_CDN_URL\")\n" },
      status: "partial",
    },
    {
      name: "Ruby ENV reads scattered across app files with defaults and no schema → absence (v3 control)",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'puma'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n",
        "app/models/a.rb": "A = ENV['A'] || 'x'\n",
        "app/models/b.rb": "B = ENV['B'] || 'y'\n",
        "app/models/c.rb": "C = ENV['C'] || 'z'\n",
        "app/models/d.rb": "D = ENV['D'] || 'w'\n",
      },
      findings: [{ severity: "info", message: "without validation" }],
    },
    {
      name: "v3: class-validator validate() of request DTOs in a route module is not config validation",
      files: {
        "package.json": pkg({ "class-validator": "^0.14.0" }),
        "src/routes.ts": "import { validate } from 'class-validator';\nexport const handle = async (dto: object) => validate(dto);\n",
        "src/a.js": "exports.a = process.env.A;\n",
        "src/b.js": "exports.b = process.env.B;\n",
        "src/c.js": "exports.c = process.env.C;\n",
        "src/d.js": "exports.d = process.env.D;\n",
      },
      findings: 1,
    },
    {
      name: "zod parsing request bodies next to member env reads is not config validation",
      files: {
        "package.json": pkg({ zod: "^4.0.0" }),
        "src/config.js": "module.exports = { db: process.env.DATABASE_URL, redis: process.env.REDIS_URL, key: process.env.STRIPE_KEY };\n",
        "src/routes.ts": "import { z } from 'zod';\nconst body = z.object({ name: z.string() });\nexport const handle = (req: any) => body.parse(req.body) && process.env.FEATURE_X;\n",
      },
      status: "partial",
      findings: 0,
    },
    {
      name: "Laravel-style reads confined to config/ are centralised (partial without validation)",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }), "artisan": "#!/usr/bin/env php\n", "config/app.php": "<?php\nreturn ['name' => env('APP_NAME', 'Laravel'), 'env' => env('APP_ENV')];\n", "config/database.php": "<?php\nreturn ['url' => env('DB_URL')];\n", "config/mail.php": "<?php\nreturn ['host' => env('MAIL_HOST')];\n" },
      status: "partial",
      findings: 0,
    },
    {
      name: "env reads scattered across files, no validation → absence",
      files: {
        "package.json": pkg(),
        "src/a.js": "exports.a = process.env.A;\n",
        "src/b.js": "exports.b = process.env.B;\n",
        "src/c.js": "exports.c = process.env.C;\n",
        "src/d.js": "exports.d = process.env.D;\n",
      },
      findings: [{ severity: "info", message: "without validation" }],
    },
    {
      name: "centralised but unvalidated is partial",
      files: {
        "package.json": pkg(),
        "src/config.js": "module.exports = { db: process.env.DATABASE_URL, redis: process.env.REDIS_URL, key: process.env.STRIPE_KEY };\n",
        "src/server.js": "const c = require('./config');\nrequire('express')().listen(c.port);\n",
      },
      findings: 0,
      status: "partial",
    },
  ],
});
