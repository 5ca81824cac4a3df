import rule from "./f03-config-file-primary.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "chat", private: true, dependencies: { express: "^4.19.0", "js-yaml": "^4.1.0" } });
const homeConfig =
  "import path from 'path';\nexport let values: any;\nexport function load() {\n  const home = process.env.CHAT_HOME || '/var/opt/chat';\n  const configPath = path.join(home, 'config.js');\n  values = require(configPath);\n}\n";
const server = "import express from 'express';\nimport { values } from './config';\nexpress().listen(values.port);\n";

ruleTester(rule, {
  valid: [
    {
      name: "v3 control: the runtime stage's ENV setting two app settings configures the app through the environment",
      files: { "go.mod": "module example.com/dns\n\ngo 1.22\n\nrequire gopkg.in/yaml.v3 v3.0.1\n", "config/config.go": "package config\n\nimport (\n\t\"os\"\n\t\"gopkg.in/yaml.v3\"\n)\n\nfunc LoadConfig(path string) (*Config, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tvar cfg Config\n\terr = yaml.Unmarshal(data, &cfg)\n\treturn &cfg, err\n}\n", "main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n\t\"example.com/dns/config\"\n)\n\nfunc main() {\n\tcfg, _ := config.LoadConfig(os.Getenv(\"DNS_CONFIG_FILE\"))\n\thttp.ListenAndServe(cfg.Listen, nil)\n}\n", "log/logger.go": "package log\n\nimport \"os\"\n\nvar noColor = os.Getenv(\"NO_COLOR\") != \"\"\n", "tz.go": "package main\n\nimport \"os\"\n\nfunc init() {\n\tif tz := os.Getenv(\"TZ\"); tz != \"\" {\n\t\t_ = tz\n\t}\n}\n", "Dockerfile": "FROM golang:1.22 AS build\nRUN go build -o /blocky\nFROM alpine:3.20\nCOPY --from=build /blocky /app/blocky\nENV BLOCKY_UPSTREAM=1.1.1.1 BLOCKY_REDIS_ADDRESS=redis:6379\nENTRYPOINT [\"/app/blocky\"]\n" },
    },
    {
      name: "v3: yaml.Unmarshal outside a configuration module (an API payload decoder) loads no config file",
      files: { "go.mod": "module example.com/dns\n\ngo 1.22\n\nrequire gopkg.in/yaml.v3 v3.0.1\n", "api/handler.go": "package api\n\nimport (\n\t\"os\"\n\t\"gopkg.in/yaml.v3\"\n)\n\nfunc LoadConfig(path string) (*Config, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tvar cfg Config\n\terr = yaml.Unmarshal(data, &cfg)\n\treturn &cfg, err\n}\n", "main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n\t\"example.com/dns/config\"\n)\n\nfunc main() {\n\tcfg, _ := config.LoadConfig(os.Getenv(\"DNS_CONFIG_FILE\"))\n\thttp.ListenAndServe(cfg.Listen, nil)\n}\n" },
      status: "na",
    },
    {
      name: "v3: a Go config module whose env vars cover the deploy settings is not reported",
      files: { "go.mod": "module example.com/dns\n\ngo 1.22\n\nrequire gopkg.in/yaml.v3 v3.0.1\n", "config/config.go": "package config\n\nimport (\n\t\"os\"\n\t\"gopkg.in/yaml.v3\"\n)\n\nfunc LoadConfig(path string) (*Config, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tvar cfg Config\n\terr = yaml.Unmarshal(data, &cfg)\n\treturn &cfg, err\n}\n" + "\nvar Port = os.Getenv(\"DNS_PORT\")\nvar Upstream = os.Getenv(\"DNS_UPSTREAM\")\n", "main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n\t\"example.com/dns/config\"\n)\n\nfunc main() {\n\tcfg, _ := config.LoadConfig(os.Getenv(\"DNS_CONFIG_FILE\"))\n\thttp.ListenAndServe(cfg.Listen, nil)\n}\n" },
    },
    {
      name: "optional YAML file with an environment variable for each deploy setting",
      files: {
        "package.json": pkg,
        "src/config.ts": "import yaml from 'js-yaml';\nimport fs from 'fs';\nconst file = yaml.load(fs.readFileSync(process.env.APP_CONFIG_FILE || '/etc/app.yml', 'utf8')) as any;\nexport const config = {\n  port: process.env.APP_PORT ?? file.port,\n  databaseUrl: process.env.APP_DATABASE_URL ?? file.databaseUrl,\n  smtpHost: process.env.APP_SMTP_HOST ?? file.smtpHost,\n};\n",
        "src/server.ts": server,
      },
    },
    {
      name: "the file is read but the shipped compose file configures the app through the environment",
      files: {
        "package.json": pkg,
        "src/config.ts": homeConfig,
        "src/server.ts": server,
        "docker-compose.yml": "services:\n  chat:\n    image: acme/chat:1.0\n    environment:\n      - CHAT_HOME=/data\n      - CHAT_DATABASE_URL=postgres://db/chat\n      - CHAT_PUBLIC_URL=https://chat.example.com\n",
      },
    },
    {
      name: "a config layer that maps env variables onto every key (nconf.env) is not judged",
      files: { "package.json": pkg, "src/config.ts": "import nconf from 'nconf';\nnconf.argv().env({ separator: '__' });\n" + homeConfig, "src/server.ts": server },
      status: ["na", "pass"],
    },
    {
      name: "no config file loaded",
      files: { "package.json": pkg, "src/server.ts": "import express from 'express';\nexpress().listen(process.env.PORT);\n" },
      status: "na",
    },
  ],
  invalid: [
    {
      name: "v3 (blocky): a Go config module decodes the YAML file; the environment only names the file (TZ and NO_COLOR are not app configuration)",
      files: { "go.mod": "module example.com/dns\n\ngo 1.22\n\nrequire gopkg.in/yaml.v3 v3.0.1\n", "config/config.go": "package config\n\nimport (\n\t\"os\"\n\t\"gopkg.in/yaml.v3\"\n)\n\nfunc LoadConfig(path string) (*Config, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tvar cfg Config\n\terr = yaml.Unmarshal(data, &cfg)\n\treturn &cfg, err\n}\n", "main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n\t\"example.com/dns/config\"\n)\n\nfunc main() {\n\tcfg, _ := config.LoadConfig(os.Getenv(\"DNS_CONFIG_FILE\"))\n\thttp.ListenAndServe(cfg.Listen, nil)\n}\n", "log/logger.go": "package log\n\nimport \"os\"\n\nvar noColor = os.Getenv(\"NO_COLOR\") != \"\"\n", "tz.go": "package main\n\nimport \"os\"\n\nfunc init() {\n\tif tz := os.Getenv(\"TZ\"); tz != \"\" {\n\t\t_ = tz\n\t}\n}\n" },
      findings: [{ path: "config/config.go", line: 14 }],
    },
    {
      name: "v3 (blocky): a build stage's ENV (GOOS, CGO_ENABLED …) does not configure the running app",
      files: { "go.mod": "module example.com/dns\n\ngo 1.22\n\nrequire gopkg.in/yaml.v3 v3.0.1\n", "config/config.go": "package config\n\nimport (\n\t\"os\"\n\t\"gopkg.in/yaml.v3\"\n)\n\nfunc LoadConfig(path string) (*Config, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tvar cfg Config\n\terr = yaml.Unmarshal(data, &cfg)\n\treturn &cfg, err\n}\n", "main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n\t\"example.com/dns/config\"\n)\n\nfunc main() {\n\tcfg, _ := config.LoadConfig(os.Getenv(\"DNS_CONFIG_FILE\"))\n\thttp.ListenAndServe(cfg.Listen, nil)\n}\n", "log/logger.go": "package log\n\nimport \"os\"\n\nvar noColor = os.Getenv(\"NO_COLOR\") != \"\"\n", "tz.go": "package main\n\nimport \"os\"\n\nfunc init() {\n\tif tz := os.Getenv(\"TZ\"); tz != \"\" {\n\t\t_ = tz\n\t}\n}\n", "Dockerfile": "FROM golang:1.22 AS build\nENV GO_SKIP_GENERATE=1 GOOS=linux CGO_ENABLED=0\nRUN go build -o /blocky\nFROM alpine:3.20\nCOPY --from=build /blocky /app/blocky\nENV BLOCKY_CONFIG_FILE=/app/config.yml\nENTRYPOINT [\"/app/blocky\"]\n" },
      findings: [{ path: "config/config.go", line: 14 }],
    },
    {
      name: "v3 (glances): Python ConfigParser() reads the INI file, nothing from the environment",
      files: { "pyproject.toml": "[project]\nname = \"mon\"\ndependencies = [\"fastapi\", \"uvicorn\"]\n", "mon/conf.py": "from configparser import ConfigParser\n\nclass Config:\n    def __init__(self, path):\n        self.parser = ConfigParser()\n        self.parser.read(path)\n", "mon/main.py": "import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\nuvicorn.run(app, host='0.0.0.0', port=61208)\n" },
      findings: [{ path: "mon/conf.py", line: 5 }],
    },
    {
      name: "config.js required from the app's home directory; only the home comes from the environment",
      files: { "package.json": pkg, "src/config.ts": homeConfig, "src/server.ts": server, "Dockerfile": "FROM node:20.11.1\nENV CHAT_HOME=/var/opt/chat\nCOPY . .\nCMD [\"node\", \"dist/server.js\"]\n" },
      findings: [{ path: "src/config.ts", line: 6, severity: "medium" }],
    },
    {
      name: "Java: XML properties file, environment honoured only behind one switch",
      files: {
        "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>org.acme</groupId><artifactId>tracker</artifactId><version>1.0</version><dependencies><dependency><groupId>io.netty</groupId><artifactId>netty-all</artifactId><version>4.1.100.Final</version></dependency></dependencies></project>\n",
        "src/main/java/org/acme/config/Config.java": "package org.acme.config;\n\nimport java.io.FileInputStream;\nimport java.util.Properties;\n\npublic class Config {\n    private final Properties properties = new Properties();\n    private boolean useEnvironmentVariables;\n    public Config(String file) throws Exception {\n        try (var in = new FileInputStream(file)) {\n            properties.loadFromXML(in);\n        }\n        useEnvironmentVariables = Boolean.parseBoolean(System.getenv(\"CONFIG_USE_ENVIRONMENT_VARIABLES\"));\n    }\n}\n",
        "src/main/java/org/acme/Main.java": "package org.acme;\n\npublic class Main {\n    public static void main(String[] args) throws Exception {\n        new org.acme.config.Config(args[0]);\n        new java.net.ServerSocket(5055).accept();\n    }\n}\n",
      },
      findings: [{ path: "src/main/java/org/acme/config/Config.java", line: 11 }],
    },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("Scala: an XML properties file loaded as the app's configuration is reported; none loaded, nothing to judge", async () => {
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n", "src/main/scala/app/Conf.scala": "package app\nobject Conf {\n  val props = new java.util.Properties()\n  props.loadFromXML(new java.io.FileInputStream(\"conf.xml\"))\n}\n" }, { kind: "service" }).toTrigger([{ path: "src/main/scala/app/Conf.scala" }], ["fail", "partial"]);
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n" }, { kind: "service" }).notToTrigger();
  });
});
