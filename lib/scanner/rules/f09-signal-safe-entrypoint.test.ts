import rule from "./f09-signal-safe-entrypoint.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "svc", private: true, scripts: { start: "node server.js" }, dependencies: { express: "^4" } });
const server = { "package.json": pkg, "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    { name: "session 23: a script given by a relative path from the repository root (docker/Dockerfile, context = root) that execs the app", files: { "requirements.txt": "gunicorn==22.0.0\nflask==3.0.0\n", "wsgi.py": "from flask import Flask\napp = Flask(__name__)\n", "docker/Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT [ \"./scripts/entrypoint.sh\" ]\n", "scripts/entrypoint.sh": "#!/bin/bash\necho Booting\nexec ./venv/bin/gunicorn --bind 0.0.0.0:5000 'wsgi:app'\n" } },
    { name: "v6: dumb-init in front of a script (it signals the whole process group) is not judged by the script", files: { ...server, "run.sh": "#!/bin/bash\nnode migrate.js\nnode server.js\n", Dockerfile: 'FROM node:22-slim\nCOPY run.sh ./\nCMD ["/usr/bin/dumb-init", "./run.sh"]\n' } },
    { name: "v6: tini in front of a script that execs the app", files: { ...server, "run.sh": "#!/bin/bash\nnode migrate.js\nexec node server.js\n", Dockerfile: 'FROM node:22-slim\nCOPY run.sh ./\nCMD ["/bin/tini", "--", "./run.sh"]\n' } },
    { name: "v6: tini -g signals the child's process group", files: { ...server, "run.sh": "#!/bin/bash\nnode server.js\n", Dockerfile: 'FROM node:22-slim\nCOPY run.sh ./\nENTRYPOINT ["tini", "-g", "--"]\nCMD ["./run.sh"]\n' } },
    { name: "v6: a CMD script behind an exec \"$@\" entrypoint that execs the app", files: { ...server, "docker/user.sh": "#!/bin/sh\nadduser -D app\nexec su-exec app \"$@\"\n", "docker/start.sh": "#!/bin/sh\nnode migrate.js\nexec node server.js\n", Dockerfile: 'FROM node:22-slim\nCOPY docker ./docker\nENTRYPOINT ["sh", "./docker/user.sh"]\nCMD ["sh", "./docker/start.sh"]\n' } },
    { name: "v6: background processes and a wait with a TERM trap that forwards the signal", files: { ...server, "start.sh": "#!/bin/sh\ntrap 'kill -TERM $pid1 $pid2' TERM\nnode worker.js &\npid1=$!\nnode server.js &\npid2=$!\nwait\n", Dockerfile: 'FROM node:22-slim\nCOPY start.sh ./\nCMD ["./start.sh"]\n' } },
    { name: "v6: the Dockerfile of a CI action under .github/ is not the app's image", files: { ...server, Dockerfile: 'FROM node:22-slim\nCOPY . .\nCMD ["node", "server.js"]\n', ".github/actions/deploy/Dockerfile": 'FROM alpine:3.20\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n', ".github/actions/deploy/entrypoint.sh": "#!/bin/sh\nansible-playbook deploy.yml\n" } },
    { name: "v6: a development start script (run_dev.sh) is not the production entrypoint", files: { ...server, "Dockerfile.client": 'FROM node:22-slim\nCOPY . .\nENTRYPOINT ["sh", "/app/scripts/run/run_dev.sh"]\n', "scripts/run/run_dev.sh": "#!/bin/sh\nnpm install\nnpm run dev\n" } },
    { name: "v5: sh -c with a single command (the shell execs it itself)", files: { ...server, Dockerfile: "FROM node:22-slim\nCOPY . .\nENTRYPOINT [\"sh\",\"-c\",\"node ${NODE_OPTS:+$NODE_OPTS} server.js $PARAMS\"]\n" } },
    { name: "v5: an entrypoint script ending in a case dispatch to functions that exec", files: { ...server, Dockerfile: "FROM node:22-slim\nCOPY . .\nENTRYPOINT [\"/app/bin/docker-entrypoint\"]\nCMD [\"server\"]\n", "bin/docker-entrypoint": "#!/bin/bash\nset -e\nserver() {\n  exec node server.js\n}\nworker() {\n  exec node worker.js\n}\ncase \"$1\" in\n  server)\n    shift\n    server\n    ;;\n  worker)\n    worker\n    ;;\nesac\n" } },
    { name: "v10 (evcc): a branch ending in a nested if/elif chain whose every branch execs the server", files: { ...server, Dockerfile: "FROM node:22-slim\nCOPY . .\nENTRYPOINT [\"/app/entrypoint.sh\"]\nCMD [\"node\", \"server.js\"]\n", "entrypoint.sh": "#!/bin/sh\nset -e\nif [ -f /data/options.json ]; then\n  CONFIG=$(cat /data/options.json)\n  if [ -n \"$CONFIG\" ]; then\n    exec node server.js --config \"$CONFIG\"\n  elif [ -n \"$DB\" ]; then\n    exec env DB=\"$DB\" node server.js\n  fi\nelse\n  exec \"$@\"\nfi\n" } },
    { name: "v5: the entrypoint script ends in an if/else whose every branch execs its server", files: { ...server, Dockerfile: "FROM node:22-slim\nCOPY . .\nCMD [\"./bootstrap.sh\"]\n", "bootstrap.sh": "#!/usr/bin/env bash\nnpx prisma migrate deploy\nif [ \"$SUPERVISED\" = \"1\" ]; then\n  exec supervisord -c all.conf\nelse\n  if [ \"$NO_TASKS\" != \"1\" ]; then\n    supervisord -c tasks.conf\n  fi\n  exec node server.js\nfi\n" } },
    { name: "v5: a Procfile start script that execs the server", files: { ...server, Procfile: "web: bash start.sh\n", "start.sh": "#!/bin/bash\nnode migrate.js\nexec node server.js\n" } },
    { name: "v3: an entrypoint script copied from scripts/ by a later stage that execs the app", files: { ...server, "docker/Dockerfile": "FROM node:22 AS builder\nWORKDIR /app\nCOPY . .\nFROM node:22-slim\nWORKDIR /app\nCOPY --from=builder /app/scripts/docker-start.sh ./\nCMD [\"./docker-start.sh\"]\n", "scripts/docker-start.sh": "#!/bin/sh\nset -e\nnpx prisma migrate deploy\nexec node server.js\n" } },
    {
      name: "a packaging image whose CMD runs the .deb build script is not a service entrypoint (v2)",
      files: {
        "go.mod": "module x\n\ngo 1.22\n",
        "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n",
        "packaging/debian/Dockerfile": "FROM golang:1.22-bookworm\nCOPY . /src\nCMD [\"/src/packaging/debian/build.sh\"]\n",
        "packaging/debian/build.sh": "#!/bin/sh\nset -e\ncd /src && make miniflux\ndpkg-buildpackage -us -uc -b\ncp ../*.deb /pkg/\n",
      },
      options: { kind: "service" },
    },
    { name: "exec form node", files: { ...server, "Dockerfile": 'FROM node:22-slim\nCOPY . .\nCMD ["node", "server.js"]\n' } },
    { name: "tini as init", files: { ...server, "Dockerfile": 'FROM node:22-slim\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["npm", "start"]\n' } },
    { name: "entrypoint script that execs", files: { ...server, "docker-entrypoint.sh": '#!/bin/sh\nset -e\nnode migrate.js\nexec "$@"\n', "Dockerfile": 'FROM node:22-slim\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["node", "server.js"]\n' } },
    { name: "sh -c that execs", files: { ...server, "Dockerfile": 'FROM node:22-slim\nCMD ["sh", "-c", "node migrate.js && exec node server.js"]\n' } },
    { name: "no CMD inherits the base image", files: { "index.html": "<h1>hi</h1>\n", "Dockerfile": "FROM nginx:1.27\nCOPY index.html /usr/share/nginx/html/\n" }, options: { kind: "service" } },
    { name: "hadolint ignore DL3025 is honoured", files: { ...server, "Dockerfile": "FROM node:22-slim\n# hadolint ignore=DL3025\nCMD node server.js\n" } },
    { name: "v3: bash given a script that execs the app", files: { ...server, "entrypoint.sh": "#!/bin/bash\ncp -n /tmp/a /kavita/a\nexec ./Kavita\n", Dockerfile: 'FROM ubuntu:22.04\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT [ "/bin/bash" ]\nCMD ["/entrypoint.sh"]\n' } },
    { name: "v9 control: `bash -l start.sh` whose script execs the server", files: { ...server, "start.sh": "#!/bin/bash -l\nbundle check || bundle install\nexec bundle exec passenger start -p 4000\n", Dockerfile: 'FROM ruby:3.3\nCOPY . /app\nCMD [ "bash", "-l", "start.sh" ]\n' } },
    { name: "v7: a supervised Celery worker in the foreground", files: { "requirements.txt": "django==5.0\ncelery==5.4\ngunicorn==22.0\n", "cms/celery.py": "from celery import Celery\napp = Celery(\"cms\")\n", Dockerfile: 'FROM python:3.12\nRUN apt-get update && apt-get install -y supervisor\nCOPY deploy/supervisord /etc/supervisor/conf.d\nCMD ["/usr/bin/supervisord", "-n"]\n', "deploy/supervisord/supervisord-celery.conf": "[program:celery_short]\nstdout_logfile=/dev/stdout\nnumprocs=1\ncommand=/app/bin/celery -A cms worker --loglevel=INFO -Q short_tasks\n" }, options: { kind: "service" } },
  ],
  invalid: [
    { name: "session 23 (session29a: LibreTranslate): docker/Dockerfile runs ./scripts/entrypoint.sh from the repository root, which starts gunicorn without exec", files: { "requirements.txt": "gunicorn==22.0.0\nflask==3.0.0\n", "wsgi.py": "from flask import Flask\napp = Flask(__name__)\n", "docker/Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT [ \"./scripts/entrypoint.sh\" ]\n", "scripts/entrypoint.sh": "#!/bin/bash\necho Booting\n./venv/bin/gunicorn --bind 0.0.0.0:5000 'wsgi:app'\n" }, findings: [{ path: "scripts/entrypoint.sh", line: 3 }] },
    { name: "v6: tini signals only run.sh, which backgrounds workers and runs the server without exec", files: { ...server, "run.sh": "#!/bin/bash\nset -e\nnode migrate.js\nnginx &\nnode worker.js &\nnode server.js\n", Dockerfile: 'FROM node:22-slim\nCOPY run.sh ./\nCMD ["/bin/tini", "--", "./run.sh"]\n' }, findings: [{ path: "run.sh", line: 6 }] },
    { name: "v6: ENTRYPOINT tini with a CMD script that does not exec", files: { ...server, "start.sh": "#!/bin/sh\nnode server.js\n", Dockerfile: 'FROM node:22-slim\nCOPY start.sh ./\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["./start.sh"]\n' }, findings: [{ path: "start.sh", line: 2 }] },
    { name: "v6: the CMD script behind an exec \"$@\" entrypoint backgrounds the servers and waits without a trap", files: { ...server, "docker/user.sh": "#!/bin/sh\n[ \"$(id -u)\" -ne 0 ] && exec \"$@\"\nadduser -D app\nexec su-exec app \"$@\"\n", "docker/start.sh": "#!/bin/sh\nnode frontend.js &\nnode server.js &\nwait -n\n", Dockerfile: 'FROM node:22-slim\nCOPY docker ./docker\nENTRYPOINT ["sh", "./docker/user.sh"]\nCMD ["sh", "./docker/start.sh"]\n' }, findings: [{ path: "docker/start.sh", line: 2, message: "background" }] },
    { name: "v5: sh -c with a command list still leaves the shell as parent", files: { ...server, Dockerfile: "FROM node:22-slim\nCOPY . .\nENTRYPOINT [\"sh\",\"-c\",\"node migrate.js && node server.js\"]\n" }, findings: [{ path: "Dockerfile", line: 3 }] },
    { name: "v10: a nested if-block at the end of a branch with one branch that starts the server without exec", files: { ...server, Dockerfile: "FROM node:22-slim\nCOPY . .\nCMD [\"./entrypoint.sh\"]\n", "entrypoint.sh": "#!/bin/sh\nif [ -f /data/options.json ]; then\n  if [ -n \"$CONFIG\" ]; then\n    exec node server.js --config \"$CONFIG\"\n  else\n    node server.js\n  fi\nelse\n  exec node server.js\nfi\n" }, findings: [{ path: "entrypoint.sh", line: 6 }] },
    { name: "v5: an if/else at the end of the entrypoint script with a branch that starts the server without exec", files: { ...server, Dockerfile: "FROM node:22-slim\nCOPY . .\nCMD [\"./bootstrap.sh\"]\n", "bootstrap.sh": "#!/usr/bin/env bash\nif [ \"$SUPERVISED\" = \"1\" ]; then\n  exec supervisord -c all.conf\nelse\n  node server.js\nfi\n" }, findings: [{ path: "bootstrap.sh", line: 5 }] },
    { name: "v5: the Procfile runs `bash Procfile.sh`, which starts gunicorn without exec (medium: the platform signals the process group)", files: { "manage.py": "import django\n", "requirements.txt": "django==5.0\ngunicorn==22.0.0\n", "app/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n", Procfile: "web: bash Procfile.sh\n", "Procfile.sh": "#!/bin/bash\n\npython manage.py migrate\n\ngunicorn app.wsgi:application --log-file -\n" }, options: { kind: "service" }, findings: [{ path: "Procfile.sh", line: 5, severity: "medium" }] },
    { name: "v3: bash given a script that starts the app without exec (Kavita)", files: { ...server, "entrypoint.sh": "#!/bin/bash\ncp -n /tmp/a /kavita/a\n./Kavita\n", Dockerfile: 'FROM ubuntu:22.04\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT [ "/bin/bash" ]\nCMD ["/entrypoint.sh"]\n' }, findings: [{ path: "entrypoint.sh", line: 3 }] },
    { name: "v9 (plots2): `bash -l start.sh` — a shell option before the script — whose script runs the server without exec", files: { ...server, "start.sh": "#!/bin/bash -l\nbundle check || bundle install\nbundle exec passenger start -p 4000\n", Dockerfile: 'FROM ruby:3.3\nCOPY . /app\nCMD [ "bash", "-l", "start.sh" ]\n' }, findings: [{ path: "start.sh", line: 3 }] },
    {
      name: "v3: an entrypoint script copied from scripts/ (not next to the Dockerfile) that runs node without exec is reported",
      files: { ...server, "docker/Dockerfile": "FROM node:22 AS builder\nWORKDIR /app\nCOPY . .\nFROM node:22-slim\nWORKDIR /app\nCOPY --from=builder /app/scripts/docker-start.sh ./\nCMD [\"./docker-start.sh\"]\n", "scripts/docker-start.sh": "#!/bin/sh\nset -e\nnpx prisma migrate deploy\nnode server.js\n" },
      findings: [{ path: "scripts/docker-start.sh", line: 4 }],
    },
    {
      name: "an entrypoint script at the root that runs the app without exec is still reported (v2)",
      files: {
        "go.mod": "module x\n\ngo 1.22\n",
        "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n",
        Dockerfile: "FROM golang:1.22\nCOPY . /app\nCOPY docker-entrypoint.sh /docker-entrypoint.sh\nENTRYPOINT [\"/docker-entrypoint.sh\"]\n",
        "docker-entrypoint.sh": "#!/bin/sh\nset -e\n/app/server\n",
      },
      options: { kind: "service" },
      findings: [{ path: "docker-entrypoint.sh", line: 3 }],
    },
    { name: "shell form CMD", files: { ...server, "Dockerfile": "FROM node:22-slim\nCOPY . .\nCMD node server.js\n" }, findings: [{ path: "Dockerfile", line: 3, message: "shell form" }] },
    { name: "npm start as PID 1", files: { ...server, "Dockerfile": 'FROM node:22-slim\nCMD ["npm", "start"]\n' }, findings: [{ path: "Dockerfile", line: 2, message: "package manager" }] },
    { name: "entrypoint script without exec", files: { ...server, "entrypoint.sh": "#!/bin/sh\nset -e\nnode migrate.js\nnode server.js\n", "Dockerfile": 'FROM node:22-slim\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n' }, findings: [{ path: "entrypoint.sh", line: 4 }] },
    { name: "k8s sh -c without exec", files: { ...server, "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: acme/api:1.0.0\n          command: [\"sh\", \"-c\", \"node migrate.js && node server.js\"]\n" }, findings: [{ path: "k8s/deploy.yaml", line: 9 }] },
    {
      name: "v7 (session12a: mediacms): supervisord starts Celery with `celery multi start`, which detaches the workers",
      files: { "requirements.txt": "django==5.0\ncelery==5.4\ngunicorn==22.0\n", "cms/celery.py": "from celery import Celery\napp = Celery(\"cms\")\n", Dockerfile: 'FROM python:3.12\nRUN apt-get update && apt-get install -y supervisor\nCOPY deploy/supervisord /etc/supervisor/conf.d\nCMD ["/usr/bin/supervisord", "-n"]\n', "deploy/supervisord/supervisord-celery.conf": "[program:celery_short]\nstdout_logfile=/dev/stdout\nnumprocs=1\ncommand=/app/bin/celery multi start short1 short2 --pidfile=/var/run/app/%%n.pid --loglevel=INFO -Q short_tasks\n" },
      options: { kind: "service" },
      findings: [{ path: "deploy/supervisord/supervisord-celery.conf", line: 4, severity: "high" }],
    },
  ],
});
