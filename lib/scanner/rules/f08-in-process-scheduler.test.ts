import rule from "./f08-in-process-scheduler.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string> = {}) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", "node-cron": "^3.0.0", ...deps } });
const server = (extra = "") => `import express from 'express';\nimport cron from 'node-cron';\n${extra}const app = express();\ncron.schedule('0 2 * * *', async () => { await sendInvoices(); });\napp.listen(process.env.PORT);\nasync function sendInvoices() {}\n`;

// v5 fixtures: one per newly covered library, plus the nearest non-triggering shapes
const gomod = (req: string) => `module example.com/svc\n\ngo 1.22\n\nrequire ${req}\n`;
const goServer = 'package main\n\nimport (\n\t"net/http"\n\n\t"example.com/svc/internal/jobs"\n)\n\nfunc main() {\n\tjobs.Start()\n\thttp.ListenAndServe(":"+port(), nil)\n}\n';
const cargo = (deps: string) => `[package]\nname = "svc"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\naxum = "0.7"\ntokio = { version = "1", features = ["full"] }\n${deps}`;
const rustMain = (body: string, uses: string) => `${uses}\n#[tokio::main]\nasync fn main() {\n${body}\n    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();\n    axum::serve(listener, app()).await.unwrap();\n}\n`;
const webCsproj = (pkgs: string) => `<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n  <ItemGroup>${pkgs}</ItemGroup>\n</Project>\n`;
const pom = (deps: string) => `<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>svc</artifactId><version>1</version><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>${deps}</dependencies></project>\n`;
const springApp = "package x;\n@SpringBootApplication\n@EnableScheduling\npublic class Application { public static void main(String[] a) { SpringApplication.run(Application.class, a); } }\n";
const gemfile = (gems: string) => `source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "puma"\n${gems}`;

ruleTester(rule, {
  valid: [
    {
      name: "v6: a TaskiqScheduler run by `taskiq scheduler` as its own process",
      files: {
        "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.0\ntaskiq==0.11.0\n",
        Procfile: "web: uvicorn app.main:app --host 0.0.0.0 --port $PORT\nscheduler: taskiq scheduler app.scheduler:scheduler\n",
        "app/scheduler.py": "from taskiq import TaskiqScheduler\nfrom app.broker import broker\n\nscheduler = TaskiqScheduler(broker, sources=[])\n",
        "app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
      },
    },
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

    {
      name: "v5: Go gocron in cmd/worker (package main, does not serve) while cmd/server serves",
      files: {
        "go.mod": gomod("github.com/go-co-op/gocron/v2 v2.2.0"),
        "cmd/server/main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":"+port(), nil)\n}\n',
        "cmd/worker/main.go": 'package main\n\nimport "github.com/go-co-op/gocron/v2"\n\nfunc main() {\n\ts, _ := gocron.NewScheduler()\n\ts.Start()\n\tselect {}\n}\n',
      },
      options: { kind: "service" },
    },
    {
      name: "v5: Go internal/jobs package reached only by a non-serving cmd/clock binary",
      files: {
        "go.mod": gomod("github.com/robfig/cron/v3 v3.0.1"),
        "cmd/api/main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":"+port(), nil)\n}\n',
        "cmd/clock/main.go": 'package main\n\nimport "example.com/svc/internal/jobs"\n\nfunc main() {\n\tjobs.Start()\n\tselect {}\n}\n',
        "internal/jobs/jobs.go": 'package jobs\n\nimport "github.com/robfig/cron/v3"\n\nfunc Start() {\n\tc := cron.New()\n\tc.AddFunc("@hourly", func() {})\n\tc.Start()\n}\n',
      },
      options: { kind: "service" },
    },
    {
      name: "v5: a local Go package named cron (not a scheduler library) is not flagged",
      files: {
        "go.mod": gomod("github.com/gin-gonic/gin v1.10.0"),
        "main.go": 'package main\n\nimport (\n\t"net/http"\n\n\t"example.com/svc/internal/cron"\n)\n\nfunc main() {\n\tcron.New()\n\thttp.ListenAndServe(":"+port(), nil)\n}\n',
      },
      options: { kind: "service" },
      status: "na",
    },
    {
      name: "v5: Go cron run by a Procfile clock subcommand (internal/scheduler) of the single binary",
      files: {
        "go.mod": gomod("github.com/robfig/cron/v3 v3.0.1"),
        Procfile: "web: ./bin/app serve\nclock: ./bin/app scheduler\n",
        "main.go": 'package main\n\nimport (\n\t"net/http"\n\n\t"example.com/svc/internal/scheduler"\n)\n\nfunc main() {\n\tif len(os.Args) > 1 && os.Args[1] == "scheduler" {\n\t\tscheduler.Run()\n\t\treturn\n\t}\n\thttp.ListenAndServe(":"+port(), nil)\n}\n',
        "internal/scheduler/scheduler.go": 'package scheduler\n\nimport "github.com/robfig/cron/v3"\n\nfunc Run() {\n\tc := cron.New()\n\tc.AddFunc("@hourly", func() {})\n\tc.Run()\n}\n',
      },
      options: { kind: "service" },
    },
    {
      name: "v5: Rust periodic tokio::spawn + interval loop is a per-replica timer, not flagged",
      files: {
        "Cargo.toml": cargo(""),
        "src/main.rs": rustMain("    tokio::spawn(async { let mut t = tokio::time::interval(std::time::Duration::from_secs(60)); loop { t.tick().await; refresh().await; } });", "use axum::Router;"),
      },
      options: { kind: "service" },
      status: "na",
    },
    {
      name: "v5: Rust tokio-cron-scheduler in a src/bin/scheduler.rs binary that does not serve",
      files: {
        "Cargo.toml": cargo('tokio-cron-scheduler = "0.10"\n'),
        "src/main.rs": rustMain("", "use axum::Router;"),
        "src/bin/scheduler.rs": 'use tokio_cron_scheduler::{Job, JobScheduler};\n#[tokio::main]\nasync fn main() {\n    let sched = JobScheduler::new().await.unwrap();\n    sched.start().await.unwrap();\n}\n',
      },
      options: { kind: "service" },
    },
    {
      name: "v5: Rust Scheduler::new from another crate without clokwerk is not flagged",
      files: {
        "Cargo.toml": cargo('my-sched = "0.1"\n'),
        "src/main.rs": rustMain("    let s = Scheduler::new();", "use my_sched::Scheduler;"),
      },
      options: { kind: "service" },
      status: "na",
    },
    {
      name: "v5: Hangfire RecurringJob.AddOrUpdate is coordinated through its storage (evidence, no finding)",
      files: {
        "Api/Api.csproj": webCsproj('<PackageReference Include="Hangfire.AspNetCore" Version="1.8.6" />'),
        "Api/Program.cs": 'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHangfire(c => c.UseSqlServerStorage(cs));\nbuilder.Services.AddHangfireServer();\nvar app = builder.Build();\nRecurringJob.AddOrUpdate<InvoiceJob>("invoices", j => j.Run(), Cron.Daily);\napp.Run();\n',
      },
      options: { kind: "service" },
    },
    {
      name: "v5: Quartz.NET with UseClustering on a persistent store is coordinated",
      files: {
        "Api/Api.csproj": webCsproj('<PackageReference Include="Quartz.Extensions.Hosting" Version="3.8.0" />'),
        "Api/Program.cs": 'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddQuartz(q => { q.UsePersistentStore(s => { s.UseSqlServer(cs); s.UseClustering(); }); });\nbuilder.Services.AddQuartzHostedService();\nvar app = builder.Build();\napp.Run();\n',
      },
      options: { kind: "service" },
    },
    {
      name: "v5: Quartz.NET in a Worker SDK project (its own process) next to the web project",
      files: {
        "Api/Api.csproj": webCsproj(""),
        "Api/Program.cs": "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.Run();\n",
        "Jobs/Jobs.csproj": '<Project Sdk="Microsoft.NET.Sdk.Worker">\n  <ItemGroup><PackageReference Include="Quartz.Extensions.Hosting" Version="3.8.0" /></ItemGroup>\n</Project>\n',
        "Jobs/Program.cs": "var builder = Host.CreateApplicationBuilder(args);\nbuilder.Services.AddQuartz();\nbuilder.Services.AddQuartzHostedService();\nbuilder.Build().Run();\n",
      },
      options: { kind: "service" },
    },
    {
      name: "v5: NCrontab parse outside any hosted service (a validator) is not flagged",
      files: {
        "Api/Api.csproj": webCsproj('<PackageReference Include="ncrontab" Version="3.3.3" />'),
        "Api/Program.cs": "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.Run();\n",
        "Api/CronValidator.cs": "using NCrontab;\npublic static class CronValidator { public static bool Ok(string s) => CrontabSchedule.TryParse(s) != null; }\n",
      },
      options: { kind: "service" },
      status: "na",
    },
    {
      name: "v5: Spring Quartz with isClustered=true is coordinated",
      files: {
        "pom.xml": pom("<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-quartz</artifactId></dependency>"),
        "src/main/java/x/Application.java": springApp,
        "src/main/java/x/InvoiceJob.java": "package x;\nimport org.springframework.scheduling.quartz.QuartzJobBean;\npublic class InvoiceJob extends QuartzJobBean {\n  protected void executeInternal(JobExecutionContext c) {}\n}\n",
        "src/main/resources/application.yml": "spring:\n  quartz:\n    job-store-type: jdbc\n    properties:\n      org.quartz.jobStore.isClustered: true\n",
      },
    },
    {
      name: "v5: ScheduledExecutorService.scheduleAtFixedRate is a per-replica timer, not flagged",
      files: {
        "pom.xml": pom(""),
        "src/main/java/x/Application.java": springApp,
        "src/main/java/x/Metrics.java": "package x;\nimport java.util.concurrent.*;\npublic class Metrics {\n  private final ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor();\n  void start() { ex.scheduleAtFixedRate(this::flush, 0, 10, TimeUnit.SECONDS); }\n  void flush() {}\n}\n",
      },
      status: "na",
    },
    {
      name: "v5: JobRunr recurring jobs are coordinated through its storage",
      files: {
        "pom.xml": pom("<dependency><groupId>org.jobrunr</groupId><artifactId>jobrunr-spring-boot-3-starter</artifactId><version>7.0.0</version></dependency>"),
        "src/main/java/x/Application.java": springApp,
        "src/main/java/x/Jobs.java": "package x;\nimport org.jobrunr.jobs.annotations.Recurring;\npublic class Jobs {\n  @Recurring(id = \"invoices\", cron = \"0 2 * * *\")\n  public void invoices() {}\n}\n",
      },
    },
    {
      name: "v5: a standalone `schedule` clock script (no web framework, no thread) is a dedicated process",
      files: {
        "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\nschedule==1.2.0\n",
        Procfile: "web: gunicorn app:app\n",
        "app.py": "from flask import Flask\napp = Flask(__name__)\n",
        "clock_loop.py": "import time\nimport schedule\n\nschedule.every(10).minutes.do(lambda: None)\nwhile True:\n    schedule.run_pending()\n    time.sleep(1)\n",
      },
      status: "na",
    },
    {
      name: "v5: APScheduler in a package a Procfile `clock` process runs by module name",
      files: {
        "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.0\napscheduler==3.10.4\n",
        Procfile: "web: uvicorn app.main:app --host 0.0.0.0 --port $PORT\nclock: python -m app.scheduler\n",
        "app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
        "app/scheduler/__init__.py": "from apscheduler.schedulers.asyncio import AsyncIOScheduler\nsched = AsyncIOScheduler()\nsched.start()\n",
      },
    },
    {
      name: "v5: GoodJob async mode only in config/environments/development.rb",
      files: {
        Gemfile: gemfile('gem "good_job"\n'),
        "config.ru": "run Rails.application\n",
        "config/environments/development.rb": "Rails.application.configure do\n  config.good_job.execution_mode = :async\nend\n",
      },
      status: "na",
    },
    {
      name: "v5: sidekiq-cron runs in the Sidekiq process (coordinated through Redis), not flagged",
      files: {
        Gemfile: gemfile('gem "sidekiq"\ngem "sidekiq-cron"\n'),
        Procfile: "web: bundle exec puma -C config/puma.rb\nworker: bundle exec sidekiq\n",
        "config.ru": "run Rails.application\n",
        "config/initializers/sidekiq.rb": "Sidekiq.configure_server do |config|\n  Sidekiq::Cron::Job.load_from_hash(YAML.load_file('config/schedule.yml'))\nend\n",
      },
      status: "na",
    },
    {
      name: "v5: a comment mentioning Sidekiq.configure_embed is not code",
      files: {
        Gemfile: gemfile('gem "sidekiq"\n'),
        "config.ru": "run Rails.application\n",
        "config/puma.rb": "# To run Sidekiq inside Puma, see Sidekiq.configure_embed\nport ENV.fetch('PORT', 3000)\n",
      },
      status: "na",
    },
    {
      name: "v5: node-cron job in a test file is not production",
      files: { "package.json": pkg(), "src/server.ts": "import express from 'express';\nconst app = express();\napp.listen(process.env.PORT);\n", "test/cron.test.ts": "import cron from 'node-cron';\ncron.schedule('* * * * *', () => {});\n" },
      status: "na",
    },

    {
      name: "v5: celery beat as its own Procfile process type is dedicated",
      files: {
        "requirements.txt": "django==5.0\ngunicorn==22.0.0\ncelery==5.3.0\n",
        Procfile: "web: gunicorn proj.wsgi\nworker: celery -A proj worker -B\n",
        "proj/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n",
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
      name: "v6 (MediaManager): the FastAPI lifespan runs taskiq's SchedulerLoop built in the app's scheduler module",
      files: {
        "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.0\ntaskiq==0.11.0\n",
        Procfile: "web: uvicorn app.main:app --host 0.0.0.0 --port $PORT\n",
        "app/scheduler.py": "from taskiq import TaskiqScheduler\nfrom taskiq.cli.scheduler.run import SchedulerLoop\nfrom app.broker import broker\n\nscheduler = TaskiqScheduler(broker, sources=[])\n\n\ndef build_scheduler_loop():\n    return SchedulerLoop(scheduler)\n",
        "app/main.py": "import asyncio\nfrom contextlib import asynccontextmanager\nfrom fastapi import FastAPI\nfrom app.scheduler import build_scheduler_loop\n\n\n@asynccontextmanager\nasync def lifespan(app):\n    loop = build_scheduler_loop()\n    task = asyncio.create_task(loop.run())\n    yield\n\napp = FastAPI(lifespan=lifespan)\n",
      },
      findings: [{ path: "app/scheduler.py", line: 9, severity: "medium" }],
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

    {
      name: "v5: Go robfig/cron in internal/jobs started by the serving binary (single-binary service)",
      files: {
        "go.mod": gomod("github.com/robfig/cron/v3 v3.0.1"),
        "cmd/server/main.go": goServer,
        "internal/jobs/jobs.go": 'package jobs\n\nimport "github.com/robfig/cron/v3"\n\nfunc Start() {\n\tc := cron.New(cron.WithSeconds())\n\tc.AddFunc("@hourly", func() {})\n\tc.Start()\n}\n',
      },
      options: { kind: "service" },
      findings: [{ path: "internal/jobs/jobs.go", line: 6, severity: "medium" }],
    },
    {
      name: "v5: Go go-co-op/gocron v2 with an import alias",
      files: {
        "go.mod": gomod("github.com/go-co-op/gocron/v2 v2.2.0"),
        "cmd/server/main.go": goServer,
        "internal/jobs/jobs.go": 'package jobs\n\nimport gc "github.com/go-co-op/gocron/v2"\n\nfunc Start() {\n\ts, _ := gc.NewScheduler()\n\ts.Start()\n}\n',
      },
      options: { kind: "service" },
      findings: [{ path: "internal/jobs/jobs.go", line: 6, severity: "medium" }],
    },
    {
      name: "v5: Go jasonlvhit/gocron Every(...) next to the server",
      files: {
        "go.mod": gomod("github.com/jasonlvhit/gocron v0.0.1"),
        "main.go": 'package main\n\nimport (\n\t"net/http"\n\t"github.com/jasonlvhit/gocron"\n)\n\nfunc main() {\n\tgocron.Every(1).Hour().Do(task)\n\tgocron.Start()\n\thttp.ListenAndServe(":8080", nil)\n}\n',
      },
      options: { kind: "service" },
      findings: [{ path: "main.go", line: 9 }],
    },
    {
      name: "v5: Go madflojo/tasks scheduler in the server package",
      files: {
        "go.mod": gomod("github.com/madflojo/tasks v1.2.0"),
        "main.go": 'package main\n\nimport (\n\t"net/http"\n\t"github.com/madflojo/tasks"\n)\n\nfunc main() {\n\tscheduler := tasks.New()\n\tdefer scheduler.Stop()\n\thttp.ListenAndServe(":8080", nil)\n}\n',
      },
      options: { kind: "service" },
      findings: [{ path: "main.go", line: 9 }],
    },
    {
      name: "v5: Go reugn/go-quartz scheduler in the server package",
      files: {
        "go.mod": gomod("github.com/reugn/go-quartz v0.12.0"),
        "main.go": 'package main\n\nimport (\n\t"net/http"\n\t"github.com/reugn/go-quartz/quartz"\n)\n\nfunc main() {\n\tsched, _ := quartz.NewStdScheduler()\n\tsched.Start(ctx)\n\thttp.ListenAndServe(":8080", nil)\n}\n',
      },
      options: { kind: "service" },
      findings: [{ path: "main.go", line: 9 }],
    },
    {
      name: "v5: Rust tokio-cron-scheduler in the axum binary",
      files: {
        "Cargo.toml": cargo('tokio-cron-scheduler = "0.10"\n'),
        "src/main.rs": rustMain("    let sched = JobScheduler::new().await.unwrap();\n    sched.add(Job::new_async(\"0 0 * * * *\", |_, _| Box::pin(async {})).unwrap()).await.unwrap();\n    sched.start().await.unwrap();", "use tokio_cron_scheduler::{Job, JobScheduler};"),
      },
      options: { kind: "service" },
      findings: [{ path: "src/main.rs", line: 4, severity: "medium" }],
    },
    {
      name: "v5: Rust clokwerk AsyncScheduler in the server",
      files: {
        "Cargo.toml": cargo('clokwerk = "0.4"\n'),
        "src/main.rs": rustMain("    let mut scheduler = AsyncScheduler::new();\n    scheduler.every(1.hour()).run(|| async {});", "use clokwerk::{AsyncScheduler, TimeUnits};"),
      },
      options: { kind: "service" },
      findings: [{ path: "src/main.rs", line: 4 }],
    },
    {
      name: "v5: Rust apalis-cron CronStream in the server",
      files: {
        "Cargo.toml": cargo('apalis = "0.5"\napalis-cron = "0.5"\n'),
        "src/main.rs": rustMain("    let stream = CronStream::new(schedule);", "use apalis_cron::CronStream;"),
      },
      options: { kind: "service" },
      findings: [{ path: "src/main.rs", line: 4 }],
    },
    {
      name: "v5: Quartz.NET hosted service in the ASP.NET Core host (non-clustered)",
      files: {
        "Api/Api.csproj": webCsproj('<PackageReference Include="Quartz.Extensions.Hosting" Version="3.8.0" />'),
        "Api/Program.cs": 'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddQuartz(q => { q.ScheduleJob<InvoiceJob>(t => t.WithCronSchedule("0 0 2 * * ?")); });\nbuilder.Services.AddQuartzHostedService();\nvar app = builder.Build();\napp.Run();\n',
      },
      options: { kind: "service" },
      findings: [{ path: "Api/Program.cs", line: 2, severity: "medium" }],
    },
    {
      name: "v5: Coravel scheduler in the web host",
      files: {
        "Api/Api.csproj": webCsproj('<PackageReference Include="coravel" Version="5.0.0" />'),
        "Api/Program.cs": "using Coravel;\nvar builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddScheduler();\nvar app = builder.Build();\napp.Services.UseScheduler(s => s.Schedule<InvoiceJob>().DailyAt(2, 0));\napp.Run();\n",
      },
      options: { kind: "service" },
      findings: [{ path: "Api/Program.cs", line: 5 }],
    },
    {
      name: "v5: Cronos schedule driven by a BackgroundService of the web host",
      files: {
        "Api/Api.csproj": webCsproj('<PackageReference Include="Cronos" Version="0.8.0" />'),
        "Api/Program.cs": "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<CleanupService>();\nvar app = builder.Build();\napp.Run();\n",
        "Api/CleanupService.cs": 'using Cronos;\npublic class CleanupService : BackgroundService {\n  private readonly CronExpression _cron = CronExpression.Parse("0 3 * * *");\n  protected override async Task ExecuteAsync(CancellationToken ct) { }\n}\n',
      },
      options: { kind: "service" },
      findings: [{ path: "Api/CleanupService.cs", line: 3 }],
    },
    {
      name: "v5: Spring Boot Quartz job (spring-boot-starter-quartz, in-memory store)",
      files: {
        "pom.xml": pom("<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-quartz</artifactId></dependency>"),
        "src/main/java/x/Application.java": springApp,
        "src/main/java/x/InvoiceJob.java": "package x;\nimport org.springframework.scheduling.quartz.QuartzJobBean;\npublic class InvoiceJob extends QuartzJobBean {\n  protected void executeInternal(JobExecutionContext c) {}\n}\n",
      },
      findings: [{ path: "src/main/java/x/InvoiceJob.java", line: 3 }],
    },
    {
      name: "v5: Spring TaskScheduler with a CronTrigger",
      files: {
        "pom.xml": pom(""),
        "src/main/java/x/Application.java": springApp,
        "src/main/java/x/Jobs.java": "package x;\nimport org.springframework.scheduling.TaskScheduler;\nimport org.springframework.scheduling.support.CronTrigger;\npublic class Jobs {\n  Jobs(TaskScheduler s) { s.schedule(this::run, new CronTrigger(\"0 0 2 * * *\")); }\n  void run() {}\n}\n",
      },
      findings: [{ path: "src/main/java/x/Jobs.java", line: 5 }],
    },
    {
      name: "v5: Spring @Scheduled with an @ConditionalOnProperty scheduling switch is low",
      files: {
        "pom.xml": pom(""),
        "src/main/java/x/Application.java": springApp,
        "src/main/java/x/Jobs.java": "package x;\n@ConditionalOnProperty(name = \"scheduler.enabled\", havingValue = \"true\")\npublic class Jobs {\n  @Scheduled(cron = \"0 0 2 * * *\")\n  public void invoices() {}\n}\n",
      },
      findings: [{ path: "src/main/java/x/Jobs.java", line: 4, severity: "low" }],
    },
    {
      name: "v5: Flask-APScheduler started by the Flask app",
      files: {
        "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\nFlask-APScheduler==1.13.1\n",
        Procfile: "web: gunicorn app:app\n",
        "app.py": "from flask import Flask\nfrom flask_apscheduler import APScheduler\napp = Flask(__name__)\nscheduler = APScheduler()\nscheduler.init_app(app)\nscheduler.start()\n",
      },
      findings: [{ path: "app.py", line: 4, severity: "medium" }],
    },
    {
      name: "v5: `schedule` library run in a thread of the Flask app",
      files: {
        "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\nschedule==1.2.0\n",
        Procfile: "web: gunicorn app:app\n",
        "app.py": "import threading\nimport schedule\nfrom flask import Flask\napp = Flask(__name__)\nschedule.every(10).minutes.do(lambda: None)\nthreading.Thread(target=lambda: schedule.run_pending(), daemon=True).start()\n",
      },
      findings: [{ path: "app.py", line: 5 }],
    },
    {
      name: "v5: rocketry app started alongside FastAPI",
      files: {
        "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.0\nrocketry==2.5.0\n",
        "main.py": "import asyncio\nimport uvicorn\nfrom fastapi import FastAPI\nfrom rocketry import Rocketry\napp = Rocketry()\napi = FastAPI()\n",
      },
      findings: [{ path: "main.py", line: 5 }],
    },
    {
      name: "v5: APScheduler with an ENABLE_SCHEDULER env switch in the file is low",
      files: {
        "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\napscheduler==3.10.4\n",
        Procfile: "web: gunicorn app:app\n",
        "app.py": "import os\nfrom flask import Flask\nfrom apscheduler.schedulers.background import BackgroundScheduler\napp = Flask(__name__)\nif os.environ.get('ENABLE_SCHEDULER') == '1':\n    scheduler = BackgroundScheduler()\n    scheduler.start()\n",
      },
      findings: [{ path: "app.py", line: 6, severity: "low" }],
    },
    {
      name: "v5: Sidekiq embedded in Puma",
      files: {
        Gemfile: gemfile('gem "sidekiq", "~> 7.2"\n'),
        "config.ru": "run Rails.application\n",
        "config/puma.rb": "port ENV.fetch('PORT', 3000)\nworkers 2\non_worker_boot do\n  @sidekiq = Sidekiq.configure_embed do |config|\n    config.concurrency = 2\n  end\n  @sidekiq.run\nend\n",
      },
      findings: [{ path: "config/puma.rb", line: 4, severity: "medium" }],
    },
    {
      name: "v5: Solid Queue Puma plugin behind SOLID_QUEUE_IN_PUMA (Rails 8 default) is low",
      files: {
        Gemfile: gemfile('gem "solid_queue"\n'),
        "config.ru": "run Rails.application\n",
        "config/puma.rb": 'port ENV.fetch("PORT", 3000)\nplugin :solid_queue if ENV["SOLID_QUEUE_IN_PUMA"]\n',
      },
      findings: [{ path: "config/puma.rb", line: 2, severity: "low" }],
    },
    {
      name: "v5: GoodJob async execution with cron in production",
      files: {
        Gemfile: gemfile('gem "good_job"\n'),
        "config.ru": "run Rails.application\n",
        "config/environments/production.rb": "Rails.application.configure do\n  config.good_job.execution_mode = :async\n  config.good_job.enable_cron = true\nend\n",
      },
      findings: [{ path: "config/environments/production.rb", line: 2, severity: "medium" }],
    },
    {
      name: "v5: cron package CronJob.from in the server file",
      files: {
        "package.json": pkg({ cron: "^3.1.0" }),
        "src/server.ts": "import express from 'express';\nimport { CronJob } from 'cron';\nconst app = express();\nCronJob.from({ cronTime: '0 * * * *', onTick: () => {}, start: true });\napp.listen(process.env.PORT);\n",
      },
      findings: [{ path: "src/server.ts", line: 4, severity: "medium" }],
    },
    {
      name: "v5: later.setInterval in the server file",
      files: {
        "package.json": pkg({ later: "^1.2.0" }),
        "src/server.js": "const express = require('express');\nconst later = require('later');\nconst app = express();\nlater.setInterval(() => {}, later.parse.text('every 5 min'));\napp.listen(process.env.PORT);\n",
      },
      findings: [{ path: "src/server.js", line: 4, severity: "medium" }],
    },

    {
      name: "v5: celery beat started by the web process's command next to gunicorn",
      files: {
        "requirements.txt": "django==5.0\ngunicorn==22.0.0\ncelery==5.3.0\n",
        Procfile: "web: celery -A proj beat --detach && gunicorn proj.wsgi\n",
        "proj/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n",
      },
      findings: [{ path: "Procfile", line: 1, severity: "medium" }],
    },

    {
      name: "v5: a robfig/cron fork (github.com/gdgvda/cron) in the serving package",
      files: {
        "go.mod": gomod("github.com/gdgvda/cron v0.3.0"),
        "main.go": 'package main\n\nimport (\n\t"net/http"\n\t"github.com/gdgvda/cron"\n)\n\nfunc main() {\n\tc := cron.New()\n\tc.Start()\n\thttp.ListenAndServe(":8080", nil)\n}\n',
      },
      options: { kind: "service" },
      findings: [{ path: "main.go", line: 9, severity: "medium" }],
    },
    {
      name: "v5: a Go cron whose package acquires a DB lock per action is low",
      files: {
        "go.mod": gomod("github.com/robfig/cron/v3 v3.0.1"),
        "cmd/server/main.go": goServer,
        "internal/jobs/jobs.go": 'package jobs\n\nimport "github.com/robfig/cron/v3"\n\nfunc Start() {\n\tc := cron.New()\n\tc.AddFunc("@hourly", run)\n\tc.Start()\n}\n',
        "internal/jobs/run.go": 'package jobs\n\nfunc run() {\n\tok, _ := db.AcquireLock("purge", time.Hour)\n\tif !ok {\n\t\treturn\n\t}\n}\n',
      },
      options: { kind: "service" },
      findings: [{ path: "internal/jobs/jobs.go", line: 6, severity: "low" }],
    },
  ],
});
