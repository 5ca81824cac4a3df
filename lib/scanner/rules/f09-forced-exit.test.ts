import rule from "./f09-forced-exit.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, main: "dist/server.js", dependencies: { express: "^4.19.0" } });
const server = "import express from 'express';\nconst app = express();\napp.listen(process.env.PORT);\n";
const base = { "package.json": pkg, "src/server.ts": server };

ruleTester(rule, {
  valid: [
    {
      name: "exit in the server entry file after startup failure",
      files: { ...base, "src/server.ts": server + "function fail(err: Error) {\n  console.error(err);\n  process.exit(1);\n}\n" },
    },
    {
      name: "exit in a SIGTERM handler after draining",
      files: {
        ...base,
        "src/lifecycle.ts": "export function install(server: any) {\n  process.on('SIGTERM', () => {\n    server.close(() => process.exit(0));\n  });\n}\n",
      },
    },
    {
      name: "exit on uncaughtException (crash-only)",
      files: { ...base, "src/errors.ts": "export function installCrashHandler() {\n  process.on('uncaughtException', (err) => {\n    console.error(err);\n    process.exit(1);\n  });\n}\n" },
    },
    {
      name: "fail-fast config validation at module load",
      files: { ...base, "src/config.ts": "const url = process.env.DATABASE_URL;\nif (!url) {\n  console.error('DATABASE_URL missing');\n  process.exit(1);\n}\nexport const config = { url };\n" },
    },
    {
      name: "one-off scripts and CLI files",
      files: {
        ...base,
        "scripts/backfill.ts": "async function run() { await work(); process.exit(0); }\nasync function work() {}\nrun();\n",
        "src/tools/cli.js": "#!/usr/bin/env node\nfunction go() { process.exit(2); }\ngo();\n",
      },
    },
    {
      name: "top-level bootstrap catch",
      files: { ...base, "src/app.ts": "async function createApp() {}\ncreateApp().catch((err) => {\n  console.error(err);\n  process.exit(1);\n});\n" },
    },
    {
      name: "eslint-disable-next-line n/no-process-exit",
      files: { ...base, "src/db.ts": "export function onFatal(e: Error) {\n  // eslint-disable-next-line n/no-process-exit\n  process.exit(1);\n}\n" },
    },
    {
      name: "file-level eslint-disable n/no-process-exit",
      files: { ...base, "src/worker-pool.ts": "/* eslint-disable n/no-process-exit */\nexport function onFatal() {\n  process.exit(1);\n}\n" },
    },
    {
      name: "Go log.Fatal in package main",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": 'package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\nfunc main() {\n\tlog.Fatal(http.ListenAndServe(":"+port(), nil))\n}\n' },
    },
    {
      name: "Go signal helper exits on a second signal",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n", "main.go": 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n', "pkg/signals/signal.go": 'package signals\n\nimport (\n\t"os"\n\t"os/signal"\n\t"syscall"\n)\n\nfunc Setup() <-chan struct{} {\n\tstop := make(chan struct{})\n\tc := make(chan os.Signal, 2)\n\tsignal.Notify(c, syscall.SIGTERM)\n\tgo func() {\n\t\t<-c\n\t\tclose(stop)\n\t\t<-c\n\t\tos.Exit(1)\n\t}()\n\treturn stop\n}\n' },
    },
  ],
  invalid: [
    {
      name: "process.exit in a database helper",
      files: { ...base, "src/db.ts": "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function query(sql: string) {\n  try {\n    return await pool.query(sql);\n  } catch (err) {\n    process.exit(1);\n  }\n}\n" },
      findings: [{ path: "src/db.ts", line: 7, severity: "low" }],
    },
    {
      name: "process.exit inside an express route handler",
      files: { ...base, "src/routes/admin.ts": "import { Router } from 'express';\nexport const router = Router();\nrouter.post('/reset', (req, res) => {\n  res.send('bye');\n  process.exit(0);\n});\n" },
      findings: [{ path: "src/routes/admin.ts", line: 5 }],
    },
    {
      name: "Go os.Exit in a library package",
      files: {
        "go.mod": "module example.com/svc\n\ngo 1.22\n",
        "main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n',
        "internal/store/store.go": 'package store\n\nimport (\n\t"log"\n\t"os"\n)\n\nfunc Open() {\n\tif err := connect(); err != nil {\n\t\tlog.Fatalf("db: %v", err)\n\t}\n\tos.Exit(3)\n}\n',
      },
      findings: [{ path: "internal/store/store.go", line: 10 }, { path: "internal/store/store.go", line: 12 }],
    },
    {
      name: "Python sys.exit inside a Flask route",
      files: {
        "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
        "Procfile": "web: gunicorn app:app\n",
        "app.py": "import sys\nfrom flask import Flask\napp = Flask(__name__)\n\n@app.route('/shutdown', methods=['POST'])\ndef shutdown_now():\n    if not ok():\n        sys.exit(1)\n    return 'ok'\n\ndef ok():\n    return True\n",
      },
      findings: [{ path: "app.py", line: 8 }],
    },
    {
      name: "Java System.exit in a service class",
      files: {
        "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>svc</artifactId><version>1</version><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>\n",
        "src/main/java/x/Application.java": "package x;\n@SpringBootApplication\npublic class Application {\n  public static void main(String[] args) { SpringApplication.run(Application.class, args); }\n}\n",
        "src/main/java/x/PaymentService.java": "package x;\npublic class PaymentService {\n  void charge() {\n    if (broken) {\n      System.exit(1);\n    }\n  }\n}\n",
      },
      findings: [{ path: "src/main/java/x/PaymentService.java", line: 5 }],
    },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("v3: Scala exits outside the entrypoint are reported; in an `extends App`/IOApp main or the sbt build they are not", async () => {
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n", "src/main/scala/app/Payments.scala": "package app\nobject Payments {\n  def charge(): Unit = {\n    if (broken) sys.exit(1)\n  }\n}\n" }, { kind: "service" }).toTrigger([{ path: "src/main/scala/app/Payments.scala", line: 4 }]);
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n" + "val check = if (sys.props.contains(\"x\")) sys.exit(1)\n", "src/main/scala/app/Main.scala": "package app\nobject Main extends IOApp.Simple {\n  def run = IO(if (bad) System.exit(2))\n}\n" }, { kind: "service" }).notToTrigger();
  });
});
