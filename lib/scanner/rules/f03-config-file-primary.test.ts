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
      name: "v5 (AdGuardHome): os.Environ() handed to a re-exec'd child is no config layer over the environment",
      files: { "go.mod": "module example.com/dns\n\ngo 1.22\n\nrequire gopkg.in/yaml.v3 v3.0.1\n", "config/config.go": "package config\n\nimport (\n\t\"os\"\n\t\"gopkg.in/yaml.v3\"\n)\n\nfunc LoadConfig(path string) (*Config, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tvar cfg Config\n\terr = yaml.Unmarshal(data, &cfg)\n\treturn &cfg, err\n}\n", "update/update.go": "package update\n\nimport (\n\t\"os\"\n\t\"syscall\"\n)\n\nfunc Restart(path string) error {\n\treturn syscall.Exec(path, os.Args, os.Environ())\n}\n" },
      options: { kind: "service" },
      findings: [{ path: "config/config.go", line: 14 }],
    },
    {
      name: "v5 (AdGuardHome): the web client's development server config (client/webpack.dev.js) is not the app's configuration",
      files: { "go.mod": "module example.com/dns\n\ngo 1.22\n\nrequire gopkg.in/yaml.v3 v3.0.1\n", "config/config.go": "package config\n\nimport (\n\t\"os\"\n\t\"gopkg.in/yaml.v3\"\n)\n\nfunc LoadConfig(path string) (*Config, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tvar cfg Config\n\terr = yaml.Unmarshal(data, &cfg)\n\treturn &cfg, err\n}\n", "client/webpack.dev.js": "const yaml = require('js-yaml');\nconst fs = require('fs');\nconst conf = yaml.load(fs.readFileSync('../AdGuardHome.yaml', 'utf8'));\nmodule.exports = { devServer: { port: process.env.DEV_SERVER_PORT || 3000, hot: !!process.env.WEBPACK_DEV_SERVER, proxy: conf.http } };\n" },
      options: { kind: "service" },
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

// v4 (session 24): PHP config templates copied to an untracked config file the code includes.
describeScala("PHP config templates (v4)", () => {
  const dockerfile = "FROM php:8.3-apache\nCOPY . /var/www/html/\nEXPOSE 80\n";
  const composer = JSON.stringify({ name: "acme/shortener", require: { php: ">=8.1", "ext-pdo": "*" } });
  const loader = "<?php\nrequire_once __DIR__ . '/../user/config.php';\n$db = new PDO('mysql:host=' . APP_DB_HOST, APP_DB_USER, APP_DB_PASS);\n";
  const template = "<?php\n/** Copy to config.php */\ndefine('APP_DB_USER', 'your db user name');\ndefine('APP_DB_PASS', 'your db password');\ndefine('APP_DB_HOST', 'localhost');\ndefine('APP_COOKIEKEY', 'modify this text');\n";
  const base = { "composer.json": composer, Dockerfile: dockerfile, "includes/load.php": loader, "user/config-sample.php": template, "index.php": "<?php\nrequire __DIR__ . '/includes/load.php';\n" };

  itScala("a sample config copied to the untracked config.php the code includes, no env read of its settings: high, instance file only", async () => {
    const run = await expectScala(rule, base, { kind: "service" }).toTrigger([{ path: "user/config-sample.php", severity: "high", confidence: "high", message: "user/config.php" }]);
    expectScalaValue(run.findings[0].data).toMatchObject({ instanceFileOnly: true, envBoundKeys: 0 });
  });

  itScala("the installer reads the environment to write the file (install/ code): still only the file at runtime", async () => {
    const run = await expectScala(rule, { ...base, "install/index.php": "<?php\n$user = getenv('APP_DB_USER');\n$pass = getenv('APP_DB_PASS');\nfile_put_contents(__DIR__ . '/../user/config.php', \"<?php define('APP_DB_USER', '$user');\");\n" }, { kind: "service" }).toTrigger([{ path: "user/config-sample.php", severity: "high" }]);
    expectScalaValue(run.findings[0].data?.instanceFileOnly).toBe(true);
  });

  itScala("a Docker variant of the config file reads the settings from the environment: medium, not instance-only", async () => {
    const run = await expectScala(rule, { ...base, "user/config.docker.php": "<?php\ndefine('APP_DB_USER', getenv('APP_DB_USER'));\ndefine('APP_DB_PASS', getenv('APP_DB_PASS'));\ndefine('APP_DB_HOST', getenv('APP_DB_HOST'));\n" }, { kind: "service" }).toTrigger([{ path: "user/config-sample.php", severity: "medium", message: "user/config.docker.php" }]);
    expectScalaValue(run.findings[0].data?.instanceFileOnly).toBeUndefined();
  });

  itScala("the app's own code binds an environment variable to each setting (kanboard's constants.php): not reported", async () => {
    await expectScala(rule, { ...base, "includes/constants.php": "<?php\ndefined('APP_DB_USER') or define('APP_DB_USER', getenv('APP_DB_USER') ?: 'root');\ndefined('APP_DB_PASS') or define('APP_DB_PASS', getenv('APP_DB_PASS') ?: '');\ndefined('APP_DB_HOST') or define('APP_DB_HOST', getenv('APP_DB_HOST') ?: 'localhost');\n" }, { kind: "service" }).notToTrigger();
  });

  itScala("a prefixed lookup for every key (grocy's getenv('GROCY_' . $name)): not reported", async () => {
    await expectScala(rule, { ...base, "includes/settings.php": "<?php\nfunction setting($name, $default) {\n  $v = getenv('APP_' . $name);\n  return $v === false ? $default : $v;\n}\n" }, { kind: "service" }).notToTrigger();
  });

  itScala("the config file is tracked, a plugin's or a dev tool's template, or never included: not this pattern", async () => {
    await expectScala(rule, { ...base, "user/config.php": template }, { kind: "service" }).notToTrigger();
    const { "user/config-sample.php": _t, ...noTemplate } = base;
    await expectScala(rule, { ...noTemplate, "plugins/acl/config.inc.php.dist": template, "includes/acl.php": "<?php\nrequire 'config.inc.php';\n" }, { kind: "service" }).notToTrigger();
    await expectScala(rule, { ...noTemplate, "config/params/app_dev_env.php.dist": template, "includes/dev.php": "<?php\nrequire 'app_dev_env.php';\n" }, { kind: "service" }).notToTrigger();
    await expectScala(rule, { ...base, "includes/load.php": "<?php\n$db = new PDO(getenv('DATABASE_DSN'));\n" }, { kind: "service" }).notToTrigger();
  });

  itScala("other template names: database.php.original, ost-sampleconfig.php", async () => {
    const { "user/config-sample.php": _t, "includes/load.php": _l, ...rest } = base;
    await expectScala(rule, { ...rest, "content/config/database.php.original": "<?php\n$DB['server'] = '';\n$DB['user'] = '';\n$DB['password'] = '';\n", "src/Bootstrap.php": "<?php\nrequire CONFIG_DIR . '/database.php';\n" }, { kind: "service" }).toTrigger([{ path: "content/config/database.php.original", severity: "high" }]);
    await expectScala(rule, { ...rest, "include/ost-sampleconfig.php": "<?php\ndefine('DBHOST', '%CONFIG-DBHOST');\ndefine('DBUSER', '%CONFIG-DBUSER');\ndefine('SECRET_SALT', '%CONFIG-SIRI');\n", "bootstrap.php": "<?php\ninclude INCLUDE_DIR . 'ost-config.php';\n" }, { kind: "service" }).toTrigger([{ path: "include/ost-sampleconfig.php", message: "include/ost-config.php" }]);
  });
});

describeScala("PHP config written by the installer, no template (v5)", () => {
  const dockerfile = "FROM php:8.3-apache\nCOPY . /var/www/html/\nEXPOSE 80\n";
  const base = {
    Dockerfile: dockerfile,
    "index.php": "<?php\ninclude_once 'include/common.inc.php';\n",
    "include/common.inc.php": "<?php\n@include(ROOT_PATH . LOCAL_DIR . 'config/database.inc.php');\n$db = mysqli_connect($conf['db_host'], $conf['db_user'], $conf['db_password']);\n$host = $_SERVER['HTTP_HOST'];\n",
    "install.php": "<?php\n$config_file = ROOT_PATH . LOCAL_DIR . 'config/database.inc.php';\n$content = \"<?php\\n\\$conf['db_host'] = '$dbhost';\\n\";\nif (!($fp = @fopen($config_file, 'w'))) { die('cannot write'); }\nfwrite($fp, $content);\n",
  };

  itScala("the installer writes the untracked config file the app includes, no env read: high, instance file only", async () => {
    const run = await expectScala(rule, base, { kind: "service" }).toTrigger([{ path: "include/common.inc.php", line: 2, severity: "high", confidence: "high", message: "config/database.inc.php" }]);
    expectScalaValue(run.findings[0].data).toMatchObject({ instanceFileOnly: true, writer: "install.php" });
  });

  const flarum = {
    Dockerfile: "FROM php:8.3-apache\nCOPY . /var/www/html/\nEXPOSE 80\n",
    "src/Foundation/Site.php": "<?php\nclass Site {\n  public static function load($basePath) {\n    $config = include \"$basePath/config.php\";\n    return $config;\n  }\n}\n",
    "src/Install/Installation.php": "<?php\nclass Installation {\n  public function configPath() { return $this->base . '/' . ($this->configPath ?? 'config.php'); }\n}\n",
    "src/Install/Steps/StoreConfig.php": "<?php\nclass StoreConfig {\n  public function run() { file_put_contents($this->configFile, '<?php return ' . var_export($this->config, true) . ';'); }\n}\n",
  };

  itScala("a bare file name is tracked only at the root or beside its includer: another directory's config.php does not hide it", async () => {
    await expectScala(rule, { ...flarum, "extensions/tags/config.php": "<?php\nreturn ['tags' => true];\n" }, { kind: "service" }).toTrigger([{ path: "src/Foundation/Site.php", line: 4 }]);
    await expectScala(rule, { ...flarum, "config.php": "<?php\nreturn ['database' => ['host' => getenv('DB_HOST')]];\n" }, { kind: "service" }).notToTrigger();
  });

  itScala("Flarum's shape: an Install/ step writes it with file_put_contents, Install/Installation.php names it", async () => {
    await expectScala(rule, {
      Dockerfile: dockerfile,
      "src/Foundation/Site.php": "<?php\nclass Site {\n  public static function load($basePath) {\n    $config = include \"$basePath/config.php\";\n    return $config;\n  }\n}\n",
      "src/Install/Installation.php": "<?php\nclass Installation {\n  public function configPath() { return $this->base . '/' . ($this->configPath ?? 'config.php'); }\n}\n",
      "src/Install/Steps/StoreConfig.php": "<?php\nclass StoreConfig {\n  public function run() { file_put_contents($this->configFile, '<?php return ' . var_export($this->config, true) . ';'); }\n}\n",
    }, { kind: "service" }).toTrigger([{ path: "src/Foundation/Site.php", line: 4, severity: "high" }]);
  });

  itScala("not reported: the file is tracked, the installer never names or writes it, or the app reads its settings from the environment", async () => {
    await expectScala(rule, { ...base, "local/config/database.inc.php": "<?php\n$conf['db_host'] = getenv('DB_HOST');\n" }, { kind: "service" }).notToTrigger();
    await expectScala(rule, { ...base, "install.php": "<?php\necho 'Create config/database.inc.php by hand';\n" }, { kind: "service" }).notToTrigger();
    await expectScala(rule, { ...base, "install.php": "<?php\n$f = 'config/database.inc.php';\nif (!file_exists($f)) die('missing');\n" }, { kind: "service" }).notToTrigger();
    await expectScala(rule, { ...base, "include/env.php": "<?php\n$conf['db_host'] = getenv('APP_DB_HOST');\n$conf['db_user'] = getenv('APP_DB_USER');\n$conf['db_password'] = getenv('APP_DB_PASSWORD');\n" }, { kind: "service" }).notToTrigger();
  });
});
