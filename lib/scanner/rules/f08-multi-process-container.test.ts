import rule from "./f08-multi-process-container.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const base = { "package.json": pkg, "server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n", "worker.js": "setInterval(() => {}, 1000);\n" };
const supervisor = (programs: string[]) => "[supervisord]\nnodaemon=true\n\n" + programs.map((p) => `[program:${p}]\ncommand=/usr/local/bin/${p}\n`).join("\n");

ruleTester(rule, {
  valid: [
    { name: "one process per container", files: { ...base, Dockerfile: "FROM node:22\nCMD [\"node\", \"server.js\"]\n" } },
    { name: "process types in a Procfile", files: { ...base, Procfile: "web: node server.js\nworker: node worker.js\n" } },
    {
      name: "entrypoint script with setup then exec",
      files: {
        ...base,
        Dockerfile: "FROM node:22\nCOPY entrypoint.sh /\nENTRYPOINT [\"/entrypoint.sh\"]\nCMD [\"node\", \"server.js\"]\n",
        "entrypoint.sh": "#!/bin/sh\nset -e\nenvsubst < config.tpl > config.json\nsleep 2 &\nexec \"$@\"\n",
      },
    },
    {
      name: "supervisord with a single program",
      files: { ...base, Dockerfile: "FROM node:22\nCOPY supervisord.conf /etc/supervisord.conf\nCMD [\"supervisord\", \"-c\", \"/etc/supervisord.conf\"]\n", "supervisord.conf": supervisor(["web"]) },
    },
    { name: "no start command", files: { ...base }, status: "na" },
  ],
  invalid: [
    {
      name: "supervisord running web, worker and cron",
      files: { ...base, Dockerfile: "FROM node:22\nCOPY supervisord.conf /etc/supervisord.conf\nCMD [\"supervisord\", \"-c\", \"/etc/supervisord.conf\"]\n", "supervisord.conf": supervisor(["web", "worker", "cron"]) },
      findings: [{ path: "Dockerfile", line: 3, severity: "medium" }],
    },
    {
      name: "worker backgrounded before exec web",
      files: { ...base, Dockerfile: "FROM node:22\nCMD [\"sh\", \"-c\", \"node worker.js & exec node server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 2, severity: "medium" }],
    },
    {
      name: "nginx + php-fpm pair is low",
      files: { "composer.json": "{\"require\":{\"laravel/framework\":\"^11.0\"}}", Dockerfile: "FROM php:8.3-fpm\nCMD php-fpm -D && nginx -g 'daemon off;'\n" },
      findings: [{ path: "Dockerfile", line: 2, severity: "low" }],
    },
    {
      name: "foreman start in the image with two process types",
      files: { ...base, Procfile: "web: node server.js\nworker: node worker.js\n", Dockerfile: "FROM node:22\nRUN npm i -g foreman\nCMD [\"nf\", \"start\"]\n" },
      findings: [{ path: "Dockerfile", line: 3, severity: "medium" }],
    },
    {
      name: "concurrently in the production start script",
      files: { "package.json": JSON.stringify({ name: "api", private: true, scripts: { start: "concurrently \"node server.js\" \"node worker.js\"" }, dependencies: { express: "^4.19.0" } }), "server.js": base["server.js"] },
      findings: [{ path: "package.json", severity: "medium" }],
    },
  ],
});

// v2: s6-overlay supervision trees and uWSGI attach-daemons
const py = { "requirements.txt": "django==5.0\nuwsgi==2.0.26\n", "manage.py": "import django\n", "app/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n" };
const uwsgiIni = (extra: string) => `[uwsgi]\nmaster\nhttp-socket = :8000\nprocesses = 4\nmodule = app.wsgi:application\n${extra}`;
const s6 = (types: Record<string, string>) => Object.fromEntries(Object.entries(types).flatMap(([svc, type]) => [[`docker/rootfs/etc/s6-overlay/s6-rc.d/${svc}/type`, `${type}\n`], [`docker/rootfs/etc/s6-overlay/s6-rc.d/${svc}/run`, `#!/command/with-contenv sh\nexec ${svc}\n`]]));
const s6Dockerfile = "FROM python:3.12-slim\nADD https://github.com/just-containers/s6-overlay/releases/download/v3.2.0.0/s6-overlay-noarch.tar.xz /tmp\nCOPY docker/rootfs /\nCOPY . /app\nENTRYPOINT [\"/init\"]\n";

ruleTester(rule, {
  valid: [
    { name: "v2: uWSGI config without attach-daemon", files: { ...py, Dockerfile: "FROM python:3.12\nCOPY . /app\nCMD [\"uwsgi\", \"/app/docker/uwsgi.ini\"]\n", "docker/uwsgi.ini": uwsgiIni("# attach-daemon = ./manage.py sendalerts\n") }, options: { kind: "service" } },
    { name: "v2: s6-overlay with one longrun service and oneshot init steps", files: { ...py, Dockerfile: s6Dockerfile, ...s6({ "svc-web": "longrun", "init-migrations": "oneshot", "init-folders": "oneshot" }) }, options: { kind: "service" } },
  ],
  invalid: [
    {
      name: "v2: uWSGI attaches background daemons",
      files: { ...py, Dockerfile: "FROM python:3.12\nCOPY . /app\nCMD [\"uwsgi\", \"/app/docker/uwsgi.ini\"]\n", "docker/uwsgi.ini": uwsgiIni("hook-pre-app = exec:./manage.py migrate\nattach-daemon = ./manage.py sendalerts\nattach-daemon = ./manage.py sendreports --loop\n") },
      options: { kind: "service" },
      findings: [{ path: "Dockerfile", line: 3, severity: "medium" }],
    },
    {
      name: "v2: s6-overlay runs web, worker and scheduler as longrun services",
      files: { ...py, Dockerfile: s6Dockerfile, ...s6({ "svc-webserver": "longrun", "svc-worker": "longrun", "svc-scheduler": "longrun", "init-migrations": "oneshot" }) },
      options: { kind: "service" },
      findings: [{ path: "Dockerfile", line: 5, severity: "medium" }],
    },
  ],
});

ruleTester(rule, {
  valid: [
    {
      name: "v2: a supervisord.ini with a single program",
      files: {
        "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n",
        "docker/supervisord.ini": "[supervisord]\nnodaemon=true\n\n[program:php-fpm]\ncommand=/usr/local/sbin/php-fpm -F\n",
        Dockerfile: "FROM php:8.3-fpm\nCOPY docker/supervisord.ini /etc/supervisord.conf\nCMD [\"/usr/bin/supervisord\", \"-c\", \"/etc/supervisord.conf\"]\n",
      },
      options: { kind: "service" },
    },
  ],
  invalid: [
    {
      name: "v3 (session27d bagisto): the image's supervisord configs are counted together — a web pair plus a database copied from shared/db/${DB_ENGINE}/ is a medium finding, though the first config in the repository is another image's web pair",
      files: {
        "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }), artisan: "<?php\n",
        "docker/production/apache/config/supervisord.conf": "[program:apache]\ncommand=/usr/sbin/apache2ctl -D FOREGROUND\n\n[program:php-fpm]\ncommand=/usr/sbin/php-fpm8.3 -F\n",
        "docker/production/nginx/config/supervisord.conf": "[program:php-fpm]\ncommand=/usr/sbin/php-fpm8.3 -F\n\n[program:nginx]\ncommand=/usr/sbin/nginx -g 'daemon off;'\n",
        "docker/production/shared/db/mysql/supervisord.conf": "[program:mysql]\ncommand=/usr/sbin/mysqld --user=mysql --datadir=/var/lib/mysql\n",
        "docker/production/nginx/Dockerfile": "FROM ubuntu:24.04\nARG DB_ENGINE=mysql\nCOPY nginx/config/supervisord.conf /etc/supervisor/conf.d/app.conf\nCOPY shared/db/${DB_ENGINE}/supervisord.conf /etc/supervisor/conf.d/database.conf\nCMD [\"/usr/bin/supervisord\", \"-n\", \"-c\", \"/etc/supervisor/supervisord.conf\"]\n",
      },
      options: { kind: "service" },
      findings: [{ path: "docker/production/nginx/Dockerfile", line: 5, severity: "medium" }],
    },
    {
      name: "v3 control: an image that copies only its web-pair config stays low, whatever other supervisord configs the repository holds",
      files: {
        "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }), artisan: "<?php\n",
        "deploy/all-in-one/supervisord.conf": "[program:php-fpm]\ncommand=/usr/sbin/php-fpm8.3 -F\n\n[program:nginx]\ncommand=/usr/sbin/nginx\n\n[program:queue]\ncommand=php artisan queue:work\n",
        "docker/supervisord.conf": "[program:php-fpm]\ncommand=/usr/sbin/php-fpm8.3 -F\n\n[program:nginx]\ncommand=/usr/sbin/nginx -g 'daemon off;'\n",
        Dockerfile: "FROM ubuntu:24.04\nCOPY docker/supervisord.conf /etc/supervisor/conf.d/app.conf\nCMD [\"/usr/bin/supervisord\", \"-n\"]\n",
      },
      options: { kind: "service" },
      findings: [{ path: "Dockerfile", line: 3, severity: "low" }],
    },
    {
      name: "v2: a supervisord.ini running nginx + php-fpm is read (the web pair: low, high confidence)",
      files: {
        "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n",
        "resources/docker/supervisord.ini": "[supervisord]\nnodaemon=true\n\n[program:php-fpm]\ncommand=/usr/local/sbin/php-fpm -F\n\n[program:nginx]\ncommand=/usr/sbin/nginx -g 'daemon off;'\n",
        Dockerfile: "FROM php:8.3-fpm\nCOPY resources/docker/supervisord.ini /etc/supervisord.conf\nCMD [\"/usr/bin/supervisord\", \"-c\", \"/etc/supervisord.conf\"]\n",
      },
      options: { kind: "service" },
      findings: [{ path: "Dockerfile", line: 3, severity: "low" }],
    },
  ],
});
