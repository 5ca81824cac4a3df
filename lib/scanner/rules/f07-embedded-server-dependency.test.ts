import rule from "./f07-embedded-server-dependency.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

ruleTester(rule, {
  valid: [
    {
      name: "v8: gunicorn installed by the Dockerfile and exec'd by the image's own entrypoint script",
      files: { "requirements.txt": "flask==3.0.0\n", Dockerfile: "FROM python:3.12-alpine\nADD . /src\nRUN pip install gunicorn -r /src/requirements.txt\nEXPOSE 8000\nENTRYPOINT [\"/src/conf/entrypoint.sh\"]\n", "conf/entrypoint.sh": "#!/bin/sh\nset -e\ncmd=\"exec gunicorn app.wsgi:application -b 0.0.0.0:$PORT\"\neval \"$cmd\"\n", "app/wsgi.py": "from flask import Flask\napplication = Flask(__name__)\n" },
      options: { kind: "service" },
    },
    {
      name: "uWSGI installed by the Dockerfile (not in requirements) and started by CMD (v4)",
      files: { "requirements.txt": "Django==5.0\n", "docker/Dockerfile": "FROM python:3.12-slim\nCOPY requirements.txt /tmp\nRUN pip install uwsgi -r /tmp/requirements.txt\nCOPY . /app\nCMD [\"uwsgi\", \"/app/docker/uwsgi.ini\"]\n", "hc/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n" },
      options: { kind: "service" },
    },
    {
      name: "express dependency",
      files: { "package.json": JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } }), "src/server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n" },
    },
    {
      name: "Django with gunicorn",
      files: { "requirements.txt": "Django==5.0\ngunicorn==22.0.0\n", Procfile: "web: gunicorn mysite.wsgi\n", "mysite/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n" },
    },
    {
      name: "Go net/http standard library server",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": 'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n\thttp.ListenAndServe(":"+os.Getenv("PORT"), nil)\n}\n' },
    },
    {
      name: "Spring Boot web starter",
      files: {
        "pom.xml": "<project>\n  <artifactId>app</artifactId>\n  <dependencies>\n    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n",
        "src/main/java/app/App.java": "package app;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n",
      },
      options: { kind: "service" },
    },
    {
      name: "Node http.createServer without framework dependency",
      files: { "package.json": JSON.stringify({ name: "x", private: true }), Dockerfile: 'FROM node:22\nCMD ["node", "server.js"]\n', "server.js": "const http = require('node:http');\nhttp.createServer((q, s) => s.end('ok')).listen(process.env.PORT);\n" },
      options: { kind: "service" },
    },
    {
      name: "uWSGI from requirements binds its own http-socket (v3)",
      files: { "requirements.txt": "Django>=5.0,<5.1\nuwsgi>=2.0.17,<2.1\n", Procfile: "web: uwsgi ./etc/uwsgi.ini\n", "etc/uwsgi.ini": "[uwsgi]\nhttp-socket=:$(PORT)\nwsgi-file=app/wsgi.py\n", "app/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n" },
      options: { kind: "service" },
    },
    {
      name: "fastapi[standard] in pyproject brings uvicorn and `fastapi run` (v2)",
      files: {
        "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n    "fastapi[standard]>=0.115,<1.0",\n    "sqlmodel",\n]\n',
        Dockerfile: 'FROM python:3.13\nCOPY . /app\nCMD ["fastapi", "run", "--workers", "4", "app/main.py"]\n',
        "app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
      },
      options: { kind: "service" },
    },
    {
      name: "v6: a Python program serving WSGI through the standard library's own server (wsgiref/socketserver)",
      files: { "pyproject.toml": "[project]\nname = \"cal\"\nversion = \"1\"\ndependencies = [\"vobject>=0.9\"]\n", "cal/server.py": "import socketserver\nimport wsgiref.simple_server\n\nclass ParallelHTTPServer(socketserver.ThreadingMixIn, wsgiref.simple_server.WSGIServer):\n    pass\n\ndef serve(app):\n    s = ParallelHTTPServer(('0.0.0.0', 5232), wsgiref.simple_server.WSGIRequestHandler)\n    s.set_app(app)\n    s.serve_forever()\n", Dockerfile: 'FROM python:3.13\nCOPY . /app\nRUN pip install /app\nCMD ["python", "-m", "cal"]\n' },
      options: { kind: "service" },
    },
    {
      name: "v6: a Sails app (the framework lifts its own HTTP server)",
      files: { "package.json": JSON.stringify({ name: "board", private: true, dependencies: { sails: "^1.5.0" } }), "app.js": "const sails = require('sails');\nsails.lift(require('rc')('sails'));\n", Dockerfile: 'FROM node:22\nCOPY . /app\nEXPOSE 1337\nCMD ["node", "app.js", "--prod"]\n' },
      options: { kind: "service" },
    },
    {
      name: "v7: a php-fpm image that installs nginx and exposes port 80 (the container binds its port)",
      files: { "composer.json": JSON.stringify({ require: { php: "^8.2", "laravel/framework": "^11.0" } }, null, 2), "composer.lock": "{}", artisan: "<?php\n", "public/index.php": "<?php\n", Dockerfile: "FROM php:8.2-fpm-alpine\nRUN apk add --no-cache supervisor nginx curl\nCOPY . /app\nCOPY docker/default.conf /etc/nginx/http.d/default.conf\nEXPOSE 80 443\nENTRYPOINT [\"/usr/bin/supervisord\", \"-n\"]\n" },
      options: { kind: "service" },
    },
    {
      name: "v10 (session 16: hortusfox-web, snipe-it, pixelfed): a php:*-apache image runs Apache with the app inside and binds port 80 itself",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }), Dockerfile: "FROM php:8.3-apache\nCOPY . /var/www/html\n", artisan: "<?php\n" },
      options: { kind: "service" },
    },
    {
      name: "v10: the php:*-apache image's entrypoint script keeps apache2-foreground as CMD",
      files: { "composer.json": JSON.stringify({ require: { php: "^8.3" } }), "public/index.php": "<?php\n", dockerfile: "FROM php:8.3.0-apache\nCOPY . /var/www/html\nEXPOSE 80\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"apache2-foreground\"]\n" },
      options: { kind: "service" },
    },
    {
      name: "v10: Apache with mod_php installed into the image and started in the foreground serves the port (FreshRSS; judges split, most say pass)",
      files: { "composer.json": JSON.stringify({ require: { php: ">=8.1" } }), "index.php": "<?php\necho 1;\n", Dockerfile: "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends apache2 libapache2-mod-php php-curl\nCOPY . /var/www/app\nEXPOSE 80\nCMD [\"apache2ctl\", \"-D\", \"FOREGROUND\"]\n" },
      options: { kind: "service" },
    },
  ],
  invalid: [
    {
      name: "v8 control: an entrypoint script that runs the Flask development server is not an embedded production server",
      files: { "requirements.txt": "flask==3.0.0\n", Dockerfile: "FROM python:3.12-alpine\nADD . /src\nEXPOSE 5000\nENTRYPOINT [\"/src/conf/entrypoint.sh\"]\n", "conf/entrypoint.sh": "#!/bin/sh\nset -e\nexec flask run --host 0.0.0.0\n", "app/wsgi.py": "from flask import Flask\napplication = Flask(__name__)\n" },
      options: { kind: "service" },
    },
    {
      name: "v7 control: a php-fpm image without a web server, with a variant image that adds nginx, still relies on an injected server (LinkAce)",
      files: { "composer.json": JSON.stringify({ require: { php: "^8.2", "laravel/framework": "^11.0" } }, null, 2), "composer.lock": "{}", artisan: "<?php\n", "public/index.php": "<?php\n", "docker/release.Dockerfile": "FROM php:8.3-fpm-alpine\nCOPY . /app\nCMD [\"php-fpm\"]\n", "docker/simple.Dockerfile": "FROM example/app:latest\nRUN apk add --no-cache nginx supervisor\nEXPOSE 80\nCMD [\"supervisord\"]\n" },
      options: { kind: "service" },
      status: "fail",
    },
    {
      name: "v7 control: the php-fpm image without a web server does not bind an HTTP port",
      files: { "composer.json": JSON.stringify({ require: { php: "^8.2", "laravel/framework": "^11.0" } }, null, 2), "composer.lock": "{}", artisan: "<?php\n", "public/index.php": "<?php\n", Dockerfile: "FROM php:8.2-fpm-alpine\nRUN apk add --no-cache curl\nCOPY . /app\nEXPOSE 9000\nCMD [\"php-fpm\"]\n" },
      options: { kind: "service" },
      status: "fail",
    },
    {
      name: "fastapi without extras and no ASGI server dependency (v2)",
      files: {
        "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\ndependencies = ["fastapi>=0.115", "pydantic[email]"]\n',
        Dockerfile: 'FROM python:3.13\nCOPY . /app\nCMD ["python", "-m", "app"]\n',
        "app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
      },
      options: { kind: "service" },
      status: "fail",
    },
    {
      name: "WAR deployed into Tomcat: no embedded server (medium confidence)",
      files: {
        "pom.xml": "<project>\n  <artifactId>app</artifactId>\n  <packaging>war</packaging>\n  <dependencies>\n    <dependency>\n      <groupId>javax.servlet</groupId>\n      <artifactId>javax.servlet-api</artifactId>\n      <scope>provided</scope>\n    </dependency>\n  </dependencies>\n</project>\n",
        "src/main/webapp/WEB-INF/web.xml": "<web-app/>\n",
      },
      options: { kind: "service" },
      status: "fail",
    },
    {
      name: "Flask without a production server (dev server only)",
      files: { "requirements.txt": "flask==3.0.0\n", Dockerfile: 'FROM python:3.12\nCOPY . .\nCMD ["flask", "run", "--host", "0.0.0.0"]\n', "app.py": "from flask import Flask\napp = Flask(__name__)\n" },
      options: { kind: "service" },
      status: "fail",
    },
    {
      name: "v10 control: a php:*-apache base whose final stage runs php-fpm instead of Apache",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }), Dockerfile: "FROM php:8.3-apache\nCOPY . /var/www/html\nCMD [\"php-fpm\"]\n", artisan: "<?php\n" },
      options: { kind: "service" },
      status: "fail",
    },
    {
      name: "v10 (session 16: monica, kimai): an Apache image that serves HTTP next to a php-fpm flavour that needs a web server in front",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }), artisan: "<?php\n", "apache/Dockerfile": "FROM php:8.3-apache\nCOPY . /var/www/html\nEXPOSE 80\nCMD [\"apache2-foreground\"]\n", "fpm/Dockerfile": "FROM php:8.3-fpm\nCOPY . /var/www/html\nCMD [\"php-fpm\"]\n" },
      options: { kind: "service" },
      status: "partial",
    },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("v9 (session12b gitbucket): a main class that starts Jetty is the embedded server, whatever scope the build gives the jars", async () => {
    const build = "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.scalatra\" %% \"scalatra\" % \"3.0.0\",\n  \"org.eclipse.jetty\" % \"jetty-webapp\" % \"10.0.26\" % \"provided\"\n)\n";
    const r = await runScala(rule, { "build.sbt": build, "src/main/java/JettyLauncher.java": "import org.eclipse.jetty.server.Server;\npublic class JettyLauncher {\n  public static void main(String[] a) throws Exception {\n    Server server = new Server(8080);\n    server.start();\n  }\n}\n", "src/main/webapp/WEB-INF/web.xml": "<web-app/>\n" }, { kind: "service" });
    expectScalaValue([r.result.status, r.result.score]).toEqual(["pass", 1]);
    const r2 = await runScala(rule, { "build.sbt": build, "src/main/webapp/WEB-INF/web.xml": "<web-app/>\n" }, { kind: "service" });
    expectScalaValue(r2.result.score).toBe(0);
  });
});
