import rule from "./f08-in-process-scheduler.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string> = {}) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", "node-cron": "^3.0.0", ...deps } });
const server = (extra = "") => `import express from 'express';\nimport cron from 'node-cron';\n${extra}const app = express();\ncron.schedule('0 2 * * *', async () => { await sendInvoices(); });\napp.listen(process.env.PORT);\nasync function sendInvoices() {}\n`;

ruleTester(rule, {
  valid: [
    {
      name: "dedicated clock process type",
      files: {
        "package.json": pkg(),
        Procfile: "web: node dist/server.js\nclock: node dist/clock.js\n",
        "src/server.ts": "import express from 'express';\nconst app = express();\napp.listen(process.env.PORT);\n",
        "src/clock.ts": "import cron from 'node-cron';\ncron.schedule('0 2 * * *', () => {});\n",
      },
    },
    {
      name: "setInterval cache refresh in the web process is per-replica by design",
      files: { "package.json": pkg(), "src/server.ts": "import express from 'express';\nconst app = express();\nsetInterval(() => refreshCache(), 60000);\napp.listen(process.env.PORT);\nfunction refreshCache() {}\n" },
      status: "na",
    },
    {
      name: "Spring @Scheduled with ShedLock",
      files: {
        "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>svc</artifactId><version>1</version><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>net.javacrumbs.shedlock</groupId><artifactId>shedlock-spring</artifactId><version>5.10.0</version></dependency></dependencies></project>\n",
        "src/main/java/x/Application.java": "package x;\n@SpringBootApplication\n@EnableScheduling\npublic class Application { public static void main(String[] a) { SpringApplication.run(Application.class, a); } }\n",
        "src/main/java/x/Jobs.java": "package x;\npublic class Jobs {\n  @Scheduled(cron = \"0 0 2 * * *\")\n  @SchedulerLock(name = \"invoices\")\n  public void invoices() {}\n}\n",
      },
    },
    {
      name: "Go cron in a separate cmd/scheduler binary",
      files: {
        "go.mod": "module example.com/svc\n\ngo 1.22\n\nrequire github.com/robfig/cron/v3 v3.0.1\n",
        "cmd/server/main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":"+port(), nil)\n}\n',
        "cmd/scheduler/main.go": 'package main\n\nimport "github.com/robfig/cron/v3"\n\nfunc main() {\n\tc := cron.New()\n\tc.AddFunc("@hourly", func() {})\n\tc.Run()\n}\n',
      },
      options: { kind: "service" },
    },
    {
      name: "v2: a Go worker whose Start(ctx) is not a listener keeps its cron (dedicated clock process)",
      files: {
        "go.mod": "module example.com/svc\n\ngo 1.22\n\nrequire github.com/robfig/cron/v3 v3.0.1\n",
        "cmd/server/main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":"+port(), nil)\n}\n',
        "cmd/clock/main.go": 'package main\n\nimport "github.com/robfig/cron/v3"\n\nfunc main() {\n\tc := cron.New()\n\tc.AddFunc("@hourly", func() {})\n\tworker.Start(ctx)\n\tc.Run()\n}\n',
      },
      options: { kind: "service" },
    },
    {
      name: "no scheduler at all",
      files: { "package.json": pkg(), "src/server.ts": "import express from 'express';\nconst app = express();\napp.listen(process.env.PORT);\n" },
      status: "na",
    },
    {
      name: "a retry helper named repeat_every_n without the decorator is not a scheduler (v2)",
      files: {
        "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.0\n",
        Procfile: "web: uvicorn app.main:app --host 0.0.0.0 --port $PORT\n",
        "app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n\ndef repeat_every_n(items, n):\n    return items[::n]\n",
      },
      status: "na",
    },
  ],
  invalid: [
    {
      name: "node-cron in the file that listens",
      files: { "package.json": pkg(), "src/server.ts": server() },
      findings: [{ path: "src/server.ts", line: 4, severity: "medium" }],
    },
    {
      name: "scheduler module imported by the server",
      files: {
        "package.json": pkg({ cron: "^3.1.0" }),
        Procfile: "web: node dist/server.js\n",
        "src/server.ts": "import express from 'express';\nimport './jobs';\nconst app = express();\napp.listen(process.env.PORT);\n",
        "src/jobs.ts": "import { CronJob } from 'cron';\nnew CronJob('*/5 * * * *', () => {}).start();\n",
      },
      findings: [{ path: "src/jobs.ts", line: 2, severity: "medium" }],
    },
    {
      name: "v2: NestJS @Cron with Bull in the dependencies but not used by the cron file stays medium",
      files: {
        "package.json": JSON.stringify({ name: "api", private: true, dependencies: { "@nestjs/core": "^10.0.0", "@nestjs/schedule": "^4.0.0", "@nestjs/bull": "^10.0.0", bull: "^4.0.0" } }),
        "src/main.ts": "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(process.env.PORT); }\nbootstrap();\n",
        "src/cron.service.ts": "import { Injectable } from '@nestjs/common';\nimport { Cron } from '@nestjs/schedule';\n@Injectable()\nexport class CronService {\n  @Cron('0 * * * *')\n  gather() {}\n}\n",
      },
      findings: [{ path: "src/cron.service.ts", line: 5, severity: "medium" }],
    },
    {
      name: "v2: an @Interval job in a file that enqueues through BullMQ is low",
      files: {
        "package.json": JSON.stringify({ name: "api", private: true, dependencies: { "@nestjs/core": "^10.0.0", "@nestjs/schedule": "^4.0.0", "@nestjs/bullmq": "^10.0.0", bullmq: "^5.0.0" } }),
        "src/main.ts": "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(process.env.PORT); }\nbootstrap();\n",
        "src/cleanup.service.ts": "import { Injectable } from '@nestjs/common';\nimport { Interval } from '@nestjs/schedule';\nimport { Queue } from 'bullmq';\n@Injectable()\nexport class CleanupService {\n  constructor(private queue: Queue) {}\n  @Interval('cleanup', 86400000)\n  run() { return this.queue.add('cleanup', {}, { jobId: 'cleanup' }); }\n}\n",
      },
      findings: [{ path: "src/cleanup.service.ts", line: 7, severity: "low" }],
    },
    {
      name: "NestJS @Cron with redlock is low",
      files: {
        "package.json": JSON.stringify({ name: "api", private: true, dependencies: { "@nestjs/core": "^10.0.0", "@nestjs/schedule": "^4.0.0", redlock: "^5.0.0" } }),
        "src/main.ts": "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(process.env.PORT); }\nbootstrap();\n",
        "src/tasks.service.ts": "import { Injectable } from '@nestjs/common';\nimport { Cron } from '@nestjs/schedule';\n@Injectable()\nexport class TasksService {\n  @Cron('0 * * * *')\n  handle() {}\n}\n",
      },
      findings: [{ path: "src/tasks.service.ts", line: 5, severity: "low" }],
    },
    {
      name: "@repeat_every periodic task started by a FastAPI app (v2)",
      files: {
        "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.0\nfastapi-utils==0.7.0\n",
        Procfile: "web: uvicorn app.main:app --host 0.0.0.0 --port $PORT\n",
        "app/main.py": "from fastapi import FastAPI\nfrom fastapi_utils.tasks import repeat_every\napp = FastAPI()\n\n@app.on_event('startup')\n@repeat_every(seconds=3600)\ndef purge_tokens() -> None:\n    pass\n",
      },
      findings: [{ path: "app/main.py", line: 6, severity: "medium" }],
    },
    {
      name: "APScheduler BackgroundScheduler in a Flask app",
      files: {
        "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\napscheduler==3.10.4\n",
        Procfile: "web: gunicorn app:app\n",
        "app.py": "from flask import Flask\nfrom apscheduler.schedulers.background import BackgroundScheduler\napp = Flask(__name__)\nscheduler = BackgroundScheduler()\nscheduler.add_job(lambda: None, 'interval', minutes=5)\nscheduler.start()\n",
      },
      findings: [{ path: "app.py", line: 4, severity: "medium" }],
    },
    {
      name: "Go robfig/cron started next to ListenAndServe",
      files: {
        "go.mod": "module example.com/svc\n\ngo 1.22\n\nrequire github.com/robfig/cron/v3 v3.0.1\n",
        "main.go": 'package main\n\nimport (\n\t"net/http"\n\t"github.com/robfig/cron/v3"\n)\n\nfunc main() {\n\tc := cron.New()\n\tc.AddFunc("@hourly", func() {})\n\tc.Start()\n\thttp.ListenAndServe(":"+port(), nil)\n}\n',
      },
      options: { kind: "service" },
      findings: [{ path: "main.go", line: 9 }],
    },
    {
      name: "v2: Go robfig/cron next to echo's srv.Start(<configured address>) (listmonk)",
      files: {
        "go.mod": "module example.com/svc\n\ngo 1.22\n\nrequire (\n\tgithub.com/robfig/cron/v3 v3.0.1\n\tgithub.com/labstack/echo/v4 v4.12.0\n)\n",
        "cmd/init.go": 'package main\n\nimport (\n\t"github.com/labstack/echo/v4"\n\t"github.com/robfig/cron/v3"\n)\n\nfunc initCron() {\n\tc := cron.New()\n\tc.AddFunc("@hourly", func() {})\n\tc.Start()\n}\n\nfunc initHTTP() {\n\tsrv := echo.New()\n\tsrv.Start(ko.String("app.address"))\n}\n',
      },
      options: { kind: "service" },
      findings: [{ path: "cmd/init.go", line: 9 }],
    },
    {
      name: "Spring @Scheduled without a lock",
      files: {
        "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>svc</artifactId><version>1</version><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>\n",
        "src/main/java/x/Application.java": "package x;\n@SpringBootApplication\n@EnableScheduling\npublic class Application { public static void main(String[] a) { SpringApplication.run(Application.class, a); } }\n",
        "src/main/java/x/Jobs.java": "package x;\npublic class Jobs {\n  @Scheduled(cron = \"0 0 2 * * *\")\n  public void invoices() {}\n}\n",
      },
      findings: [{ path: "src/main/java/x/Jobs.java", line: 3 }],
    },
  ],
});
