import rule from "./f10-dev-server-in-prod.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const pkg = (scripts: Record<string, string>, deps: Record<string, string> = { express: "^4" }) => JSON.stringify({ name: "svc", private: true, scripts, dependencies: deps });
const server = "require('express')().listen(process.env.PORT);\n";

ruleTester(rule, {
  valid: [
    { name: "node in the Dockerfile, nodemon only in dev script", files: { "package.json": pkg({ start: "node server.js", dev: "nodemon server.js" }), "server.js": server, "Dockerfile": 'FROM node:22\nCMD ["node", "server.js"]\n' } },
    { name: "gunicorn in Procfile", files: { "requirements.txt": "django==5.0\ngunicorn==22\n", "Procfile": "web: gunicorn mysite.wsgi\nrelease: python manage.py migrate\n", "manage.py": "", "mysite/settings.py": "import os\nDEBUG = os.environ.get('DEBUG') == '1'\n" } },
    { name: "dev compose may run the dev server", files: { "package.json": pkg({ start: "node server.js" }), "server.js": server, "docker-compose.yml": "services:\n  app:\n    build: .\n    command: npx nodemon server.js\n", "Dockerfile": 'FROM node:22\nCMD ["node", "server.js"]\n' } },
    { name: "v2: go run in Dockerfile.e2e (a test image)", files: { "go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\nfunc main() {}\n", Dockerfile: 'FROM golang:1.22\nRUN go build -o /app .\nCMD ["/app"]\n', "Dockerfile.e2e": 'FROM golang:1.22\nCMD ["go", "run", "main.go"]\n' } },
    { name: "v2: go run in a Dockerfile only the development compose builds", files: { "go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\nfunc main() {}\n", Dockerfile: 'FROM golang:1.22\nRUN go build -o /app .\nCMD ["/app"]\n', "Dockerfile.compose": 'FROM golang:1.22\nCMD ["go", "run", "main.go"]\n', "docker-compose.yaml": "services:\n  shiori:\n    build:\n      context: .\n      dockerfile: Dockerfile.compose\n" } },
    { name: "v3: the entrypoint's dev_server case branch and dev_worker function are development modes", files: { "requirements.txt": "flask==3.0\ngunicorn==22\n", "manage.py": "", Dockerfile: 'FROM python:3.12\nCOPY bin/docker-entrypoint /app/bin/docker-entrypoint\nENTRYPOINT ["/app/bin/docker-entrypoint"]\nCMD ["server"]\n', "bin/docker-entrypoint": "#!/bin/bash\nset -e\ndev_worker() {\n  exec watchmedo auto-restart -- ./manage.py rq worker\n}\ncase \"$1\" in\n  server)\n    exec gunicorn -b 0.0.0.0:5000 app:app\n    ;;\n  dev_server)\n    exec flask run --debug --reload\n    ;;\nesac\n" } },
    { name: "next start", files: { "package.json": pkg({ start: "next start", dev: "next dev" }, { next: "15.0.0" }), "Dockerfile": 'FROM node:22\nCMD ["npm", "start"]\n' } },
  ],
  invalid: [
    { name: "runserver in the Procfile", files: { "requirements.txt": "django==5.0\n", "Procfile": "web: python manage.py runserver 0.0.0.0:$PORT\n", "manage.py": "" }, findings: [{ path: "Procfile", line: 1, severity: "high" }] },
    { name: "npm start runs nodemon", files: { "package.json": pkg({ start: "nodemon server.js" }), "server.js": server, "Dockerfile": 'FROM node:22\nCMD ["npm", "start"]\n' }, findings: [{ path: "package.json", message: "development server" }] },
    { name: "npm run dev in the Dockerfile", files: { "package.json": pkg({ start: "node server.js", dev: "next dev" }, { next: "15.0.0" }), "Dockerfile": 'FROM node:22\nCMD ["npm", "run", "dev"]\n' }, findings: [{ path: "Dockerfile", line: 2 }] },
    { name: "NODE_ENV=development in the image", files: { "package.json": pkg({ start: "node server.js" }), "server.js": server, "Dockerfile": 'FROM node:22\nENV NODE_ENV=development\nCMD ["node", "server.js"]\n' }, findings: [{ path: "Dockerfile", line: 2 }] },
    { name: "Django DEBUG = True", files: { "requirements.txt": "django==5.0\ngunicorn==22\n", "Procfile": "web: gunicorn mysite.wsgi\n", "manage.py": "", "mysite/settings.py": "SECRET_KEY = 'x'\nDEBUG = True\n" }, findings: [{ path: "mysite/settings.py", line: 2, severity: "high" }] },
    { name: "v2: the same Dockerfile built by a release workflow is production", files: { "go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\nfunc main() {}\n", "Dockerfile.compose": 'FROM golang:1.22\nCMD ["go", "run", "main.go"]\n', "docker-compose.yaml": "services:\n  app:\n    build:\n      context: .\n      dockerfile: Dockerfile.compose\n", ".github/workflows/release.yml": "name: release\non:\n  push:\n    tags: ['v*']\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -f Dockerfile.compose -t app .\n" }, findings: [{ path: "Dockerfile.compose", severity: "medium" }] },
    { name: "v3: an if/else default to the dev server in the entrypoint is still production", files: { "requirements.txt": "flask==3.0\ngunicorn==22\n", "manage.py": "", Dockerfile: 'FROM python:3.12\nCOPY bin/docker-entrypoint /app/bin/docker-entrypoint\nENTRYPOINT ["/app/bin/docker-entrypoint"]\nCMD ["server"]\n', "bin/docker-entrypoint": "#!/bin/bash\nif [ \"$USE_GUNICORN\" = \"True\" ]; then\n  exec gunicorn app:app\nelse\n  exec flask run --debug\nfi\n" }, findings: 1 },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("session 12: the app served by sbt (`sbt run`, `sbt ~jetty:start`) in production is a development server; a staged start script is not", async () => {
    const base = { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n" };
    await expectScala(rule, { ...base, Dockerfile: "FROM sbtscala/scala-sbt:eclipse-temurin-21.0.2_13_1.10.1_2.13.14\nCOPY . /app\nEXPOSE 8080\nCMD [\"sbt\", \"~jetty:start\"]\n" }, { kind: "service" }).toTrigger([{ path: "Dockerfile" }]);
    await expectScala(rule, { ...base, Dockerfile: "FROM eclipse-temurin:21-jre\nCOPY target/universal/stage /app\nEXPOSE 8080\nCMD [\"/app/bin/svc\"]\n" }, { kind: "service" }).notToTrigger();
  });
});

describeScala("v5: the platform flag (scoring v17 keeps platform-declared dev servers material)", () => {
  itScala("flags a dev server a platform descriptor declares, directly or through `npm start`, and not one in an image", async () => {
    const flags = async (files: Record<string, string>) => (await runScala(rule, files)).findings.map((f) => [f.path, f.data?.platform === true]);
    expectScalaValue(await flags({ "requirements.txt": "django==5.0\n", "Procfile": "web: python manage.py runserver 0.0.0.0:$PORT\n", "manage.py": "" })).toEqual([["Procfile", true]]);
    expectScalaValue(await flags({ "package.json": pkg({ start: "nodemon server.js" }), "server.js": server, "Procfile": "web: npm start\n" })).toEqual([["package.json", true]]);
    expectScalaValue(await flags({ "package.json": pkg({ start: "nodemon server.js" }), "server.js": server, "Dockerfile": 'FROM node:22\nCMD ["npm", "start"]\n' })).toEqual([["package.json", false]]);
    expectScalaValue(await flags({ "package.json": pkg({ start: "node server.js", dev: "next dev" }, { next: "15.0.0" }), "Dockerfile": 'FROM node:22\nCMD ["npm", "run", "dev"]\n' })).toEqual([["Dockerfile", false]]);
  });
});
