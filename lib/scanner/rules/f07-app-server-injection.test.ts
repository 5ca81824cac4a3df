import rule from "./f07-app-server-injection.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const warPom = (extra = "") =>
  `<project>\n  <artifactId>app</artifactId>\n  <packaging>war</packaging>\n  <dependencies>\n    <dependency>\n      <groupId>javax.servlet</groupId>\n      <artifactId>javax.servlet-api</artifactId>\n      <scope>provided</scope>\n    </dependency>\n${extra}  </dependencies>\n</project>\n`;

ruleTester(rule, {
  valid: [
    {
      name: "Spring Boot executable jar",
      files: {
        "pom.xml": "<project>\n  <artifactId>app</artifactId>\n  <dependencies>\n    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n",
        Dockerfile: 'FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n',
      },
      options: { kind: "service" },
    },
    {
      name: "executable Spring Boot WAR (boot plugin, embedded Tomcat not provided)",
      files: {
        "pom.xml": "<project>\n  <artifactId>app</artifactId>\n  <packaging>war</packaging>\n  <dependencies>\n    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n  </dependencies>\n  <build>\n    <plugins>\n      <plugin>\n        <groupId>org.springframework.boot</groupId>\n        <artifactId>spring-boot-maven-plugin</artifactId>\n      </plugin>\n    </plugins>\n  </build>\n</project>\n",
      },
      options: { kind: "service" },
    },
    {
      name: "express service embeds its server",
      files: { "package.json": JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } }), "src/server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n" },
    },
    {
      name: "Laravel Octane with RoadRunner on a CLI image",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0", "laravel/octane": "^2.0" } }), Dockerfile: 'FROM php:8.3-cli\nCOPY . /app\nCMD ["php", "artisan", "octane:start", "--host=0.0.0.0"]\n', artisan: "<?php\n" },
      options: { kind: "service" },
    },
    {
      name: "nothing to judge: na",
      files: { "README.md": "# x\n", Dockerfile: "FROM alpine:3.20\nCMD [\"sh\"]\n" },
      options: { kind: "service" },
      status: "na",
    },
    {
      name: "v6: a Laravel image built FROM a named stage on serversideup/php:*-fpm-nginx (the base exposes its port; no EXPOSE here) serves HTTP itself",
      files: { "composer.json": JSON.stringify({ require: { php: "^8.2", "laravel/framework": "^11.0" } }, null, 2), "composer.lock": "{}", artisan: "<?php\n", "public/index.php": "<?php\n", "docker/production/Dockerfile": "FROM node:24 AS static_builder\nRUN npm ci && npm run build\nFROM serversideup/php:8.4-fpm-nginx-alpine AS base\nCOPY . /var/www/html\nFROM base AS production\nUSER www-data\n" },
      options: { kind: "service" },
    },
    {
      name: "session 10: nginx installed in the same php-fpm image that exposes port 80 serves HTTP at the container boundary (no injection)",
      files: { "composer.json": JSON.stringify({ require: { php: "^8.2", "laravel/framework": "^11.0" } }, null, 2), "composer.lock": "{}", artisan: "<?php\n", "public/index.php": "<?php\n", Dockerfile: "FROM php:8.2-fpm-alpine\nRUN apk add --no-cache supervisor nginx curl\nCOPY . /app\nCOPY docker/default.conf /etc/nginx/http.d/default.conf\nEXPOSE 80 443\nENTRYPOINT [\"/usr/bin/supervisord\", \"-n\"]\n" },
      options: { kind: "service" },
    },
    {
      name: "v10 (session 18: projectsend): a php-fpm-only Dockerfile that only the development compose builds is not the release image next to an nginx + php-fpm one",
      files: { "composer.json": JSON.stringify({ require: { php: "^8.2", "laravel/framework": "^11.0" } }, null, 2), "composer.lock": "{}", artisan: "<?php\n", "public/index.php": "<?php\n", "docker/production/Dockerfile": "FROM php:8.4-fpm-alpine\nRUN apk add --no-cache supervisor nginx\nCOPY . /var/www/html\nEXPOSE 80\nENTRYPOINT [\"/usr/bin/supervisord\", \"-n\"]\n", "docker/app/Dockerfile": "FROM php:8.4-fpm-alpine\nWORKDIR /var/www/html\nCMD [\"php-fpm\"]\n", "compose.yaml": "services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/app/Dockerfile\n    volumes:\n      - .:/var/www/html\n" },
      options: { kind: "service" },
    },
    {
      name: "v8 (session 16: hortusfox-web, snipe-it, pixelfed): a php:*-apache image serves HTTP itself, Apache with mod_php in the container",
      files: { "composer.json": JSON.stringify({ require: { "slim/slim": "^4.0" } }), Dockerfile: "FROM php:8.3-apache\nCOPY . /var/www/html\n", "public/index.php": "<?php\n" },
      options: { kind: "service" },
    },
  ],
  invalid: [
    {
      name: "v10 control: the same php-fpm-only Dockerfile signals when CI also builds it",
      files: { "composer.json": JSON.stringify({ require: { php: "^8.2", "laravel/framework": "^11.0" } }, null, 2), "composer.lock": "{}", artisan: "<?php\n", "public/index.php": "<?php\n", "docker/production/Dockerfile": "FROM php:8.4-fpm-alpine\nRUN apk add --no-cache supervisor nginx\nCOPY . /var/www/html\nEXPOSE 80\nENTRYPOINT [\"/usr/bin/supervisord\", \"-n\"]\n", "docker/app/Dockerfile": "FROM php:8.4-fpm-alpine\nWORKDIR /var/www/html\nCMD [\"php-fpm\"]\n", "compose.yaml": "services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/app/Dockerfile\n    volumes:\n      - .:/var/www/html\n", ".github/workflows/image.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -f docker/app/Dockerfile .\n" },
      options: { kind: "service" },
      findings: [{ path: "docker/app/Dockerfile", line: 1 }],
    },
    {
      name: "session 10 control: the same Laravel app in a php-fpm image without a web server needs an injected one",
      files: { "composer.json": JSON.stringify({ require: { php: "^8.2", "laravel/framework": "^11.0" } }, null, 2), "composer.lock": "{}", artisan: "<?php\n", "public/index.php": "<?php\n", Dockerfile: "FROM php:8.2-fpm-alpine\nRUN apk add --no-cache curl\nCOPY . /app\nEXPOSE 9000\nCMD [\"php-fpm\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "Dockerfile", severity: "low" }],
    },
    {
      name: "WAR packaging for an external servlet container",
      files: { "pom.xml": warPom(), "src/main/webapp/WEB-INF/web.xml": "<web-app/>\n" },
      options: { kind: "service" },
      findings: [{ path: "pom.xml", line: 3, severity: "medium" }],
    },
    {
      name: "Tomcat image with the WAR copied into webapps is low",
      files: { "pom.xml": warPom(), Dockerfile: "FROM tomcat:10.1-jre17\nCOPY target/app.war /usr/local/tomcat/webapps/ROOT.war\n" },
      options: { kind: "service" },
      findings: [{ path: "Dockerfile", line: 1, severity: "low" }],
    },
    {
      name: "Gradle war plugin",
      files: { "build.gradle": "plugins {\n    id 'java'\n    id 'war'\n}\ndependencies {\n    compileOnly 'javax.servlet:javax.servlet-api:4.0.1'\n}\n" },
      options: { kind: "service" },
      findings: [{ path: "build.gradle", line: 3, severity: "medium" }],
    },
    {
      name: "a Laravel app with no embedded PHP server and no Dockerfile is served by an injected server (v3)",
      files: { "composer.json": JSON.stringify({ require: { php: "^8.2", "laravel/framework": "^11.0" } }, null, 2), "composer.lock": "{}", artisan: "<?php\n", "public/index.php": "<?php\n" },
      options: { kind: "service" },
      findings: [{ path: "composer.json", severity: "medium", confidence: "high", message: "injected web server" }],
    },
    {
      name: "v8 control: a php:*-apache base whose final stage starts php-fpm instead of Apache",
      files: { "composer.json": JSON.stringify({ require: { "slim/slim": "^4.0" } }), Dockerfile: "FROM php:8.3-apache\nCOPY . /var/www/html\nCMD [\"php-fpm\"]\n", "public/index.php": "<?php\n" },
      options: { kind: "service" },
      findings: [{ path: "Dockerfile", line: 1, severity: "low" }],
    },
    {
      name: "mod_wsgi vhost in the repo",
      files: { "requirements.txt": "django==5.0\n", "deploy/apache/site.conf": "<VirtualHost *:80>\n  WSGIScriptAlias / /srv/app/mysite/wsgi.py\n</VirtualHost>\n", "mysite/wsgi.py": "application = None\n" },
      options: { kind: "service" },
      findings: [{ path: "deploy/apache/site.conf", line: 2, severity: "medium" }],
    },
    {
      name: "v6: an Apache mod_wsgi template next to an image that runs gunicorn is an alternative recipe: low/low",
      files: { "pyproject.toml": '[project]\nname = "app"\nversion = "1"\ndependencies = ["flask==3.0.0", "gunicorn==22.0.0"]\n', "app/conf-templates/apache-vhost.conf.j2": "<VirtualHost *:80>\n  WSGIScriptAlias / {{ wsgi }}\n</VirtualHost>\n", "app/wsgi.py": "application = None\n", Dockerfile: 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app.wsgi"]\n' },
      options: { kind: "service" },
      findings: [{ path: "app/conf-templates/apache-vhost.conf.j2", line: 2, severity: "low", confidence: "low" }],
    },
    {
      name: "v6: the same template in a unit without a server of its own still signals at medium",
      files: { "requirements.txt": "flask==3.0.0\n", "app/conf-templates/apache-vhost.conf.j2": "<VirtualHost *:80>\n  WSGIScriptAlias / {{ wsgi }}\n</VirtualHost>\n", "app/wsgi.py": "application = None\n" },
      options: { kind: "service" },
      findings: [{ path: "app/conf-templates/apache-vhost.conf.j2", line: 2, severity: "medium" }],
    },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("v7 (session12b gitbucket): WAR packaging next to the app's own Jetty launcher is an alternative recipe (low/low); without it, medium", async () => {
    const build = "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlazy val root = (project in file(\".\")).enablePlugins(JettyPlugin)\nlibraryDependencies ++= Seq(\n  \"org.scalatra\" %% \"scalatra\" % \"3.0.0\"\n)\n";
    await expectScala(rule, { "build.sbt": build, "src/main/scala/app/Routes.scala": "package app\nclass Routes extends ScalatraServlet\n" }, { kind: "service" }).toTrigger([{ path: "build.sbt", severity: "medium" }]);
    await expectScala(rule, { "build.sbt": build, "src/main/java/JettyLauncher.java": "import org.eclipse.jetty.server.Server;\npublic class JettyLauncher {\n  public static void main(String[] a) throws Exception {\n    Server server = new Server(8080);\n    server.start();\n  }\n}\n" }, { kind: "service" }).toTrigger([{ path: "build.sbt", severity: "low", confidence: "low" }], ["fail", "partial", "pass"]);
  });
});

describeScala("a symlinked index.php entry point (session 25: Baikal)", () => {
  itScala("html/index.php linking into the framework's web root is the app's entry: reported like a plain file", async () => {
    const { writeFixture } = await import("../testing.ts");
    const { mkdir, symlink } = await import("node:fs/promises");
    const path = await import("node:path");
    const { scanRepository } = await import("../scan.ts");
    const fx = await writeFixture({
      ".twelve-factor.yml": "units:\n  - path: .\n    kind: service\n",
      "composer.json": JSON.stringify({ name: "acme/dav", require: { php: ">=8.1", "sabre/dav": "~4.6.0" } }),
      "Core/Frameworks/App/WWWRoot/index.php": "<?php\nrequire __DIR__ . '/../../../../vendor/autoload.php';\n$server = new Sabre\\DAV\\Server([]);\n$server->start();\n",
      "Core/Frameworks/App/Core/Tools.php": "<?php\nnamespace App\\Core;\nclass Tools { public static function hash($s) { return md5($s); } }\n",
    });
    try {
      await mkdir(path.join(fx.dir, "html"), { recursive: true });
      await symlink("../Core/Frameworks/App/WWWRoot/index.php", path.join(fx.dir, "html/index.php"));
      const report = await scanRepository(fx.dir);
      const vii = report.factors.find((f) => f.id === "VII")!;
      expectScalaValue(vii.findings.map((f) => `${f.rule} ${f.path}`)).toContain("F07-APP-SERVER-INJECTION html/index.php");
    } finally {
      await fx.cleanup();
    }
  });
});
