import { defineRule, type RuleContext } from "./define-rule.ts";
import type { FileEntry } from "../types.ts";
import { jsListenersIn, TOKEN_LISTENERS } from "../detectors/listeners.ts";
import { formatArgv, programOf } from "../detectors/shell.ts";

/** JS scheduler APIs: origin module → callee names (last segment) that register a recurring job. */
const JS_SCHEDULERS: Record<string, RegExp> = {
  "node-cron": /^(schedule|createTask)$/,
  cron: /^(CronJob|from|job)$/,
  "node-schedule": /^scheduleJob$/,
  "toad-scheduler": /^(addSimpleIntervalJob|addCronJob|addIntervalJob)$/,
  croner: /^(Cron)$/,
  bree: /^(Bree)$/,
  "@nestjs/schedule": /^(Cron|Interval)$/,
  "cron-schedule": /^(setInterval)$/,
  // v5: later / @breejs/later timers driven by a later schedule
  later: /^setInterval$/,
  "@breejs/later": /^setInterval$/,
};
/** Distributed locks / schedulers that coordinate across replicas. */
const JS_LOCK_DEPS = /^(redlock|@sesamecare-oss\/redlock|node-redlock|redis-lock|warlock|@nestjs\/bull|@nestjs\/bullmq|bullmq|bull|agenda|pg-boss|graphile-worker|@temporalio\/\w+)$/;
/** v2: distributed lock libraries (used from helpers/decorators) keep lowering every schedule of the unit. */
const JS_TRUE_LOCK_RE = /^(redlock|@sesamecare-oss\/redlock|node-redlock|redis-lock|warlock)$/;
const GUARD_ENV_RE = /CRON|SCHEDUL|JOBS?_?ENABLED|ENABLE_JOBS|LEADER|CLOCK|RUN_JOBS|WORKER_MODE|PROCESS_TYPE|ROLE/i;

function stem(p: string): string {
  return (p.split("/").pop() ?? "").replace(/\.[^.]+$/, "");
}

/** File stems that a non-web process type runs (Procfile `clock:`/`worker:`, k8s/compose containers…). */
function dedicatedProcessStems(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const sc of ctx.startCommands()) {
    if (/^(web|start|app|container|api|server|http)$/i.test(sc.processType)) continue;
    for (const c of sc.commands) for (const a of c.argv) if (/\.(m?[jt]s|c[jt]s|py|rb|go)$/.test(a)) out.add(stem(a));
  }
  return out;
}

function depNames(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const m of ctx.snapshot.manifests()) {
    if (!ctx.unit.manifests.includes(m.path) && ctx.snapshot.unitOf(m.path)?.path !== ctx.unit.path) continue;
    for (const d of m.deps) if (d.scope === "runtime" || d.scope === "build") out.add(d.name);
  }
  return out;
}

interface Site { path: string; line: number; what: string; match: string }

function jsSites(ctx: RuleContext, files: readonly FileEntry[]): { sites: Site[]; guarded: Set<string>; webFiles: Set<string> } {
  const sites: Site[] = [];
  const guarded = new Set<string>();
  const webFiles = new Set<string>();
  const importsOf = new Map<string, string[]>();
  for (const f of files) {
    const facts = ctx.snapshot.jsFacts(f.path);
    if (!facts) continue;
    if (jsListenersIn(ctx.snapshot, f.path).length) webFiles.add(f.path);
    importsOf.set(f.path, facts.imports.filter((i) => i.source.startsWith(".")).map((i) => stem(i.source)));
    if (facts.envReads.some((e) => e.name && GUARD_ENV_RE.test(e.name))) guarded.add(f.path);
    for (const c of facts.calls) {
      if (!c.origin) continue;
      const re = JS_SCHEDULERS[c.origin];
      if (!re || !re.test(c.name)) continue;
      sites.push({ path: f.path, line: c.line, what: `${c.origin} ${c.isNew ? "new " : ""}${c.callee}`, match: c.text.slice(0, 120) });
    }
  }
  // files imported by a file that listens run in the web process
  for (const w of [...webFiles]) for (const s of importsOf.get(w) ?? []) for (const f of files) if (stem(f.path) === s) webFiles.add(f.path);
  return { sites, guarded, webFiles };
}

/**
 * How a site runs: "schedule" = a trigger that fires in every process that starts it (once per replica);
 * "embedded" = a background-job runner started inside the web server (no separate worker/clock process);
 * "coordinated" = a scheduler whose trigger is coordinated through its storage (fires once across replicas): evidence only.
 */
type SiteKind = "schedule" | "embedded" | "coordinated";
interface TokenPattern {
  re: RegExp;
  what: string;
  kind?: SiteKind;
  /** the file's text must match (an import of the library), so a same-named local helper is not taken for it */
  requires?: RegExp;
  /** v5: only in a file that serves or starts a thread (library whose typical use is a standalone clock loop) */
  webOnly?: boolean;
  /** …or the unit depends on this package (global usings) */
  requiresDep?: RegExp;
  /** one site per file */
  once?: boolean;
  /** a literal every match contains: files without it are not searched (the pattern's leading `\w*` is slow on large code bases) */
  needle?: string;
}
const PY_WEBISH_RE = /^\s*(from|import)\s+(flask|fastapi|django|starlette|aiohttp|sanic|tornado|quart|litestar|bottle|falcon|uvicorn)\b|\bThread\s*\(|^\s*(from|import)\s+threading\b/m;
const TOKEN_PATTERNS: Partial<Record<string, TokenPattern[]>> = {
  python: [
    { re: /\b(BackgroundScheduler|AsyncIOScheduler|GeventScheduler|TornadoScheduler|QtScheduler|TwistedScheduler)\s*\(/g, what: "APScheduler" },
    // v5: APScheduler 4 (`from apscheduler import AsyncScheduler`), Flask-APScheduler (`APScheduler()` + `scheduler.start()`)
    { re: /\bAsyncScheduler\s*\(/g, what: "APScheduler", requires: /\bapscheduler\b/ },
    { re: /\bAPScheduler\s*\(/g, what: "Flask-APScheduler", requires: /\bflask_apscheduler\b/ },
    // v2: fastapi-utils / fastapi-restful `@repeat_every(...)` periodic tasks started with the ASGI app; v5: fastapi-utilities `@repeat_at(cron=…)`
    { re: /@repeat_every\s*\(/g, what: "repeat_every periodic task" },
    { re: /@repeat_at\s*\(/g, what: "repeat_at periodic task", requires: /\bfastapi_utilities\b/ },
    // v5: `schedule` / rocketry / aiocron — standalone clock scripts as often as in-app threads: only where the file serves or threads
    { re: /\bschedule\.every\s*\(/g, what: "schedule", requires: /^\s*import\s+schedule\b/m, webOnly: true },
    { re: /\bRocketry\s*\(/g, what: "rocketry", requires: /^\s*(from|import)\s+rocketry\b/m, webOnly: true },
    { re: /\baiocron\.crontab\s*\(|@crontab\s*\(/g, what: "aiocron", requires: /^\s*(from|import)\s+aiocron\b/m, webOnly: true },
    // v6 (session 26, fresh set session32e: MediaManager's FastAPI lifespan starts taskiq's SchedulerLoop next to a Receiver;
    // human VIII partial / scanner pass): the taskiq CLI's SchedulerLoop built by the app runs its schedules in the app's own
    // process (a TaskiqScheduler alone is run by `taskiq scheduler`, its own process, and is not flagged)
    { re: /\bSchedulerLoop\s*\(/g, what: "taskiq scheduler loop", requires: /^\s*from\s+taskiq\.cli\.scheduler\b/m },
  ],
  java: [
    { re: /@Scheduled\s*\(/g, what: "Spring @Scheduled" },
    // v5: Quartz started by the app (plain StdSchedulerFactory, Spring's SchedulerFactoryBean / spring-boot-starter-quartz jobs)
    { re: /\bnew\s+StdSchedulerFactory\s*\(|\bStdSchedulerFactory\.getDefaultScheduler\s*\(|\bnew\s+SchedulerFactoryBean\s*\(|\bextends\s+QuartzJobBean\b/g, what: "Quartz" },
    // v5: Spring TaskScheduler with a CronTrigger / SchedulingConfigurer registrar tasks
    { re: /\bnew\s+CronTrigger\s*\(|\.add(Cron|FixedRate|FixedDelay|Trigger)Task\s*\(/g, what: "Spring TaskScheduler", requires: /\borg\.springframework\.scheduling\b/ },
    // v5: JobRunr recurring jobs are coordinated through its storage
    { re: /\.scheduleRecurrently\s*\(|@Recurring\s*\(/g, what: "JobRunr recurring job", kind: "coordinated", requires: /\borg\.jobrunr\b/ },
  ],
  kotlin: [
    { re: /@Scheduled\s*\(/g, what: "Spring @Scheduled" },
    { re: /\bStdSchedulerFactory\s*\(|\bStdSchedulerFactory\.getDefaultScheduler\s*\(|\bSchedulerFactoryBean\s*\(|:\s*QuartzJobBean\s*\(/g, what: "Quartz" },
    { re: /\bCronTrigger\s*\(|\.add(Cron|FixedRate|FixedDelay|Trigger)Task\s*\(/g, what: "Spring TaskScheduler", requires: /\borg\.springframework\.scheduling\b/ },
    { re: /\.scheduleRecurrently\s*\(|@Recurring\s*\(/g, what: "JobRunr recurring job", kind: "coordinated", requires: /\borg\.jobrunr\b/ },
  ],
  ruby: [
    { re: /\bRufus::Scheduler\.(new|singleton|start_new)\b/g, what: "rufus-scheduler" },
    // v5: a job runner started inside Puma — Sidekiq 7 embedding, Solid Queue's Puma plugin, GoodJob's async execution mode
    { re: /\bSidekiq\.configure_embed\b/g, what: "Sidekiq embedded in the web server", kind: "embedded" },
    { re: /^\s*plugin\s+:solid_queue\b/gm, what: "Solid Queue Puma plugin", kind: "embedded" },
    { re: /\bgood_job\.execution_mode\s*=\s*:async\b|\bexecution_mode:\s*:async\b/g, what: "GoodJob async execution in the web process", kind: "embedded", requires: /\bgood_job\b/ },
  ],
  csharp: [
    // v5: Quartz.NET (non-clustered: every host fires its triggers), Coravel's scheduler, NCrontab/Cronos driven by a hosted service
    { re: /\bnew\s+StdSchedulerFactory\s*\(|\.AddQuartz\s*\(|\.AddQuartzHostedService\s*\(|\.AddQuartzServer\s*\(/g, what: "Quartz.NET", once: true },
    { re: /\.UseScheduler\s*\(/g, what: "Coravel scheduler", requires: /\bCoravel\b/, requiresDep: /^Coravel$/i, once: true },
    { re: /\bCrontabSchedule\.(Try)?Parse\s*\(|\bCronExpression\.Parse\s*\(/g, what: "cron expression in a hosted service", requires: /\b(BackgroundService|IHostedService)\b/ },
    // v5: Hangfire recurring jobs fire once across servers (storage distributed lock): coordinated
    { re: /\bRecurringJob\.AddOrUpdate\b|\b\w*[rR]ecurringJob(Manager|s)\.AddOrUpdate\b/g, what: "Hangfire recurring job", kind: "coordinated", needle: ".AddOrUpdate" },
  ],
  rust: [
    // v5: tokio-cron-scheduler / job_scheduler / job_scheduler_ng, clokwerk, apalis-cron. Plain tokio::spawn + interval loops are not flagged.
    { re: /\bJobScheduler::new\s*\(/g, what: "JobScheduler", requires: /\b(tokio_cron_scheduler|job_scheduler(_ng)?)\b/ },
    { re: /\b(Async)?Scheduler::(new|with_tz)\s*\(/g, what: "clokwerk", requires: /\bclokwerk\b/ },
    { re: /\bCronStream::new(_with_timezone)?\s*\(/g, what: "apalis-cron", requires: /\bapalis_cron\b|\bapalis::cron\b/ },
  ],
};

/** v5: Go scheduler libraries by import path → default package name and the constructor(s) that start a schedule. */
const GO_SCHEDULERS: { path: RegExp; name: string; calls: string; what: string }[] = [
  { path: /^(github\.com\/robfig\/cron(\/v\d+)?|gopkg\.in\/robfig\/cron\.v\d+)$/, name: "cron", calls: "New|NewWithLocation", what: "robfig/cron" },
  { path: /^github\.com\/go-co-op\/gocron(\/v\d+)?$/, name: "gocron", calls: "NewScheduler", what: "go-co-op/gocron" },
  { path: /^github\.com\/jasonlvhit\/gocron$/, name: "gocron", calls: "NewScheduler|Every", what: "jasonlvhit/gocron" },
  { path: /^github\.com\/madflojo\/tasks$/, name: "tasks", calls: "New", what: "madflojo/tasks" },
  { path: /^github\.com\/reugn\/go-quartz\/quartz$/, name: "quartz", calls: "NewStdScheduler", what: "reugn/go-quartz" },
  { path: /^github\.com\/mileusna\/crontab$/, name: "crontab", calls: "New", what: "mileusna/crontab" },
  { path: /^github\.com\/adhocore\/gronx\/pkg\/tasker$/, name: "tasker", calls: "New", what: "gronx tasker" },
];
const GO_IMPORT_RE = /(?:^|[\s(])(?:([A-Za-z_]\w*|\.)\s+)?"([^"\s]+)"/g;

function goImports(code: string): { alias: string | null; path: string }[] {
  const out: { alias: string | null; path: string }[] = [];
  for (const block of code.matchAll(/^import\s*(\([\s\S]*?\)|[^\n]*)/gm)) {
    for (const m of block[1].matchAll(GO_IMPORT_RE)) out.push({ alias: m[1] ?? null, path: m[2] });
  }
  return out;
}

function tokenSites(ctx: RuleContext, files: readonly FileEntry[], deps: Set<string>): (Site & { kind: SiteKind })[] {
  const sites: (Site & { kind: SiteKind })[] = [];
  for (const f of files) {
    // v5: development/test environment settings (config/environments/development.rb) are not the production process
    if (f.env === "dev" || f.env === "test" || /(^|\/)config\/environments\/(development|test)\.rb$/.test(f.path)) continue;
    const tok = f.language ? ctx.snapshot.tokens(f.path) : undefined;
    if (!tok) continue;
    if (f.language === "go") {
      for (const imp of goImports(tok.code)) {
        // robfig/cron forks (github.com/gdgvda/cron, netresearch/go-cron …) keep its API: an external import path ending in /cron
        const lib = GO_SCHEDULERS.find((g) => g.path.test(imp.path)) ?? (/^[\w.-]+\.[a-z]+\/[\w.-]+\/(go-)?cron(\/v\d+)?$/.test(imp.path) && !ctx.snapshot.files.some((f) => f.path === "go.mod" && (ctx.snapshot.text(f.path) ?? "").includes(`module ${imp.path.split("/").slice(0, 3).join("/")}`)) ? GO_SCHEDULERS[0] : undefined);
        if (!lib || imp.alias === "_") continue;
        const re = imp.alias === "." ? new RegExp(`(?<![\\w.])(${lib.calls})\\s*\\(`, "g") : new RegExp(`\\b${imp.alias ?? lib.name}\\.(${lib.calls})\\s*\\(`, "g");
        const m = re.exec(tok.bare);
        if (m) sites.push({ path: f.path, line: tok.lineAt(m.index), what: lib.what, match: m[0], kind: "schedule" });
      }
      continue;
    }
    const pats = TOKEN_PATTERNS[f.language ?? ""];
    if (!pats) continue;
    for (const p of pats) {
      if (p.requires && !p.requires.test(tok.code) && !(p.requiresDep && [...deps].some((d) => p.requiresDep!.test(d)))) continue;
      if (p.webOnly && !PY_WEBISH_RE.test(tok.code)) continue;
      if (p.needle && !tok.bare.includes(p.needle)) continue;
      for (const m of tok.bare.matchAll(p.re)) {
        sites.push({ path: f.path, line: tok.lineAt(m.index), what: p.what, match: m[0], kind: p.kind ?? "schedule" });
        if (p.once) break; // AddQuartz + AddQuartzHostedService are one scheduler
      }
    }
  }
  return sites;
}


/** v5: scheduler-ish words naming a non-web process (its type, or a subcommand/module of its command). */
const DEDICATED_WORD_RE = /^(scheduler|schedulers|schedule|cron|crons|cronjob|cronjobs|clock|beat|timer|timers|worker|workers)$/i;
function dedicatedProcessWords(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const sc of ctx.startCommands()) {
    if (/^(web|start|app|container|api|server|http)$/i.test(sc.processType)) continue;
    if (DEDICATED_WORD_RE.test(sc.processType)) out.add(sc.processType.toLowerCase());
    for (const c of sc.commands) for (const a of c.argv.slice(1)) {
      if (a.startsWith("-")) continue;
      for (const w of a.split(/[:/.\\=]/)) if (DEDICATED_WORD_RE.test(w)) out.add(w.toLowerCase());
    }
  }
  return out;
}
/** A site whose directory or file stem is named after a dedicated process (internal/scheduler/…, app/clock.py). */
function inDedicatedProcess(path: string, words: Set<string>): boolean {
  if (!words.size) return false;
  const segs = path.split("/");
  segs[segs.length - 1] = stem(path);
  return segs.some((s) => words.has(s.toLowerCase()));
}

const TOKEN_ENV_READ_RE = /\b(?:getenv|environ(?:\.get)?|ENV(?:\.fetch)?|Getenv|LookupEnv|env::var|GetEnvironmentVariable|ConditionalOnProperty|GetValue<bool>)\s*[[(]\s*(?:(?:name|value|prefix)\s*=\s*)?["']([^"']+)["']/g;
const TOKEN_GUARD_NAME_RE = /(ENABLE|DISABLE|LEADER|RUN_|_MODE\b|MODE$|\bROLE\b|^ROLE|_ROLE$|PROCESS_TYPE|IN_PUMA|IN_WEB|EMBED|^IS_|enabled|disabled)/i;
function tokenEnvGuard(code: string): boolean {
  for (const m of code.matchAll(TOKEN_ENV_READ_RE)) if (/CRON|SCHEDUL|JOB|WORKER|LEADER|CLOCK|ROLE|PROCESS_TYPE|QUEUE|TASK/i.test(m[1]) && TOKEN_GUARD_NAME_RE.test(m[1])) return true;
  return false;
}

/** v5: the nearest .csproj of a C# file: a web host unless it declares another SDK (Worker, plain console). */
function dotnetWebProject(ctx: RuleContext, path: string): boolean {
  let dir = path.slice(0, Math.max(0, path.lastIndexOf("/")));
  for (;;) {
    const proj = ctx.snapshot.files.find((f) => f.path.endsWith(".csproj") && f.path.slice(0, Math.max(0, f.path.lastIndexOf("/"))) === dir);
    if (proj) {
      const t = ctx.snapshot.text(proj.path) ?? "";
      return /Microsoft\.NET\.Sdk\.Web\b|Microsoft\.AspNetCore/.test(t);
    }
    if (!dir) return true;
    dir = dir.includes("/") ? dir.slice(0, dir.lastIndexOf("/")) : "";
  }
}

/**
 * v5: Go process graph. A scheduler runs in the web process when some `package main` directory that serves (a listener in
 * its own directory or in a module package it imports, transitively) reaches the scheduler's package. A scheduler that
 * only non-serving binaries reach (cmd/scheduler) is a dedicated clock process. When no binary of the unit reaches the
 * package (import graph unresolved), it counts when it is not itself a non-serving `package main`.
 */
function goProcessGraph(ctx: RuleContext, files: readonly FileEntry[]): (path: string) => boolean {
  const dirOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf("/")));
  const goFiles = files.filter((f) => f.language === "go");
  if (!goFiles.length) return () => true;
  // stricter than TOKEN_LISTENERS.go, whose `\w+.Run()` alternative also matches robfig/cron's `c.Run()`
  // v2 (accuracy bench session 5c: listmonk `srv.Start(ko.String("app.address"))`): echo's Start with an
  // address-like argument (a config lookup of an address/port), not only a string literal
  const GO_LISTENER_RE = /\bListenAndServe(TLS)?\s*\(|\bnet\.Listen\s*\(|\.Run\s*\(\s*("|addr|port|fmt|os\.)|\.Start(TLS)?\s*\(\s*("|fmt\.|os\.|[^)\n]*\b(addr|address|port|listen|bind)\w*\b)|\bapp\.Listen\s*\(|\.Serve\s*\(\s*(lis|listener|ln|l|\w+Listener)\s*[,)]/i;
  const modules: { root: string; path: string }[] = [];
  for (const f of ctx.snapshot.files) {
    if (!/(^|\/)go\.mod$/.test(f.path)) continue;
    const m = /^module\s+(\S+)/m.exec(ctx.snapshot.text(f.path) ?? "");
    if (m) modules.push({ root: dirOf(f.path), path: m[1].replace(/^"|"$/g, "") });
  }
  const listenerDirs = new Set<string>();
  const mainDirs = new Set<string>();
  const importsOf = new Map<string, Set<string>>();
  for (const f of goFiles) {
    const code = ctx.snapshot.tokens(f.path)?.code ?? "";
    const d = dirOf(f.path);
    if (GO_LISTENER_RE.test(code)) listenerDirs.add(d);
    if (/^package\s+main\b/m.test(code)) mainDirs.add(d);
    const set = importsOf.get(d) ?? new Set<string>();
    for (const imp of goImports(code)) {
      const mod = modules.find((m) => imp.path === m.path || imp.path.startsWith(m.path + "/"));
      if (!mod) continue;
      const rel = imp.path.slice(mod.path.length).replace(/^\//, "");
      set.add([mod.root, rel].filter(Boolean).join("/"));
    }
    importsOf.set(d, set);
  }
  const reach = new Map<string, Set<string>>();
  for (const m of mainDirs) {
    const seen = new Set<string>([m]);
    const stack = [m];
    while (stack.length) for (const n of importsOf.get(stack.pop()!) ?? []) if (!seen.has(n)) { seen.add(n); stack.push(n); }
    reach.set(m, seen);
  }
  const serves = (m: string) => [...reach.get(m)!].some((d) => listenerDirs.has(d));
  return (path: string) => {
    const d = dirOf(path);
    const mains = [...mainDirs].filter((m) => reach.get(m)!.has(d));
    if (mains.length) return mains.some(serves);
    return !mainDirs.has(d) && listenerDirs.size > 0;
  };
}


/** v5: Python web servers a start command runs. */
const PY_WEB_SERVER_RE = /^(gunicorn|uvicorn|daphne|hypercorn|granian|waitress-serve|uwsgi)$/;
/**
 * v5: a Python scheduler/job runner started by the same start command as the web server (`celery -A app beat & gunicorn …`,
 * `celery worker -B`, `rq worker --with-scheduler`, `rqscheduler`, `huey_consumer`, `manage.py qcluster`): the web container
 * runs the periodic tasks, so every web replica runs them.
 */
function startCommandSites(ctx: RuleContext): (Site & { kind: SiteKind })[] {
  const out: (Site & { kind: SiteKind })[] = [];
  for (const sc of ctx.startCommands()) {
    const argvs = sc.commands.map((c) => { const a = [...c.argv]; if (/^python[\d.]*$/.test(programOf(c)) && a[1] === "-m") a.splice(0, 2); return a; });
    const prog = (a: string[]) => (a[0] ?? "").split("/").pop() ?? "";
    const web = argvs.some((a) => PY_WEB_SERVER_RE.test(prog(a)) || (/manage\.py$/.test(a[1] ?? "") && a[2] === "runserver") || (/^(flask)$/.test(prog(a)) && a.includes("run")));
    if (!web) continue;
    const sched = argvs.find((a) =>
      (prog(a) === "celery" && (a.includes("beat") || a.includes("-B") || a.includes("--beat"))) ||
      (prog(a) === "rq" && a.includes("worker") && a.includes("--with-scheduler")) || /^(rqscheduler|huey_consumer(\.py)?)$/.test(prog(a)) ||
      (/manage\.py$/.test(a[1] ?? "") && /^(qcluster|run_huey|runapscheduler)$/.test(a[2] ?? "")));
    if (sched) out.push({ path: sc.path, line: sc.line ?? 1, what: `${prog(sched)} started with the web server`, match: formatArgv(sched.slice(0, 4)), kind: "embedded" });
  }
  return out;
}

export default defineRule({
  meta: {
    id: "F08-IN-PROCESS-SCHEDULER",
    version: 6,
    factor: "F08",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service"],
    technique: ["TS-AST", "TOKEN", "XREF"],
    title: "Recurring jobs scheduled inside every web replica",
    rationale:
      "A cron library started inside the web process runs its jobs once per replica: scale the web to five processes and the nightly invoice job runs five times. Scheduled work is a process type of its own (clock/CronJob) or needs a distributed lock so scaling the web tier stays a safe, mechanical operation.",
    remediation: "Run scheduled work as its own process type (Kubernetes CronJob, Procfile `clock:`, render `type: cron`) or guard it with a distributed lock/leader election.",
    docs: {
      bad: [{ file: "src/server.ts", code: "cron.schedule('0 2 * * *', sendInvoices);\napp.listen(process.env.PORT);" }],
      good: [{ file: "Procfile", code: "web: node dist/server.js\nclock: node dist/clock.js" }],
    },
    sources: [
      { title: "12factor.net — Concurrency", url: "https://12factor.net/concurrency" },
      { title: "Celery — periodic tasks (beat runs once)", url: "https://docs.celeryq.dev/en/stable/userguide/periodic-tasks.html#starting-the-scheduler" },
      { title: "ShedLock", url: "https://github.com/lukas-krecan/ShedLock" },
    ],
    deviations:
      "Bare setInterval() is not flagged: per-replica timers (cache refresh, metrics flush, heartbeats) are meant to run in every process and are the common case. A scheduler in a file that a non-web process type runs (Procfile clock/worker, a k8s/compose container command) and that the listening file does not import is a dedicated scheduler process → not flagged. A lock or coordinating queue in the runtime dependencies (redlock, BullMQ/Bull repeatable jobs, Agenda, pg-boss, ShedLock, clustered Quartz) or an env guard read in the same file (ENABLE_CRON, RUN_SCHEDULER, LEADER…) lowers the finding to low; ShedLock/@SchedulerLock on Spring passes outright. Go crons are flagged only in a package directory that also serves HTTP (replaced in v5). APScheduler's BlockingScheduler (a dedicated clock process) and Celery beat are not flagged here (embedded `worker -B` belongs to worker units, which §8 excludes). v2 (accuracy bench sessions 5a/5a2: ghostfolio and docmost have Bull/BullMQ in their dependencies, which lowered every @nestjs/schedule @Cron/@Interval job to low): a queue library dependency (Bull, BullMQ, Agenda, pg-boss …) lowers a schedule only when the file that declares it imports the queue library; distributed lock libraries (redlock …) still lower every schedule. v3 (accuracy bench session5b: mealie VIII): Python `@repeat_every(...)` periodic tasks (fastapi-utils / fastapi-restful and copies of it) run inside the ASGI app process and are flagged like APScheduler. v4 (accuracy bench session 5c: listmonk, robfig/cron next to echo's `srv.Start(ko.String(\"app.address\"))`): a Go `Start`/`StartTLS` call whose argument is address-like (a literal, fmt/os call, or an expression naming an addr/address/port/listen/bind setting) serves HTTP in that directory. v5 (session 9, ecosystem coverage — on fresh repositories most in-process schedulers were missed because only a handful of libraries were known): Go schedulers are recognised by import path (robfig/cron incl. NewWithLocation, go-co-op/gocron, jasonlvhit/gocron, madflojo/tasks, reugn/go-quartz, mileusna/crontab, gronx tasker; aliases honoured, a local package named cron is not a scheduler) and the same-directory restriction is replaced by the process graph: a scheduler counts when a serving `package main` reaches its package through module imports, and is skipped only when just non-serving binaries (cmd/clock) reach it; Rust tokio-cron-scheduler / job_scheduler(_ng) JobScheduler, clokwerk and apalis-cron CronStream (src/bin/<x>.rs that does not serve is its own process; plain tokio::spawn + interval loops are per-replica timers, not flagged); .NET Quartz.NET (AddQuartz/AddQuartzHostedService/StdSchedulerFactory; UseClustering or jobStore.clustered coordinates), Coravel UseScheduler, NCrontab/Cronos in a BackgroundService/IHostedService, only in a Microsoft.NET.Sdk.Web project; Hangfire RecurringJob.AddOrUpdate is treated as coordinated (each recurring job fires once across servers through the storage's distributed lock) and recorded as evidence, like ShedLock; Java/Kotlin Quartz (StdSchedulerFactory, SchedulerFactoryBean, QuartzJobBean; isClustered coordinates) and Spring TaskScheduler CronTrigger / ScheduledTaskRegistrar tasks, JobRunr recurring jobs coordinated; ScheduledExecutorService.scheduleAtFixedRate and Kotlin fixedRateTimer are per-replica timers like setInterval and are not flagged; Python Flask-APScheduler, APScheduler 4 AsyncScheduler, fastapi-utilities @repeat_at, and `schedule` / rocketry / aiocron only in a file that imports a web framework or starts a thread (otherwise they are standalone clock loops), plus a start command that runs celery beat / worker -B / rq --with-scheduler / rqscheduler / huey_consumer / qcluster together with the web server; Ruby job runners started inside Puma (Sidekiq.configure_embed, `plugin :solid_queue`, GoodJob execution_mode :async outside development/test) as embedded runners (no separate worker process), while sidekiq-cron / sidekiq-scheduler / Laravel's schedule:run / Celery beat as its own process are not in-process; Node node-cron createTask, cron's job(), later / @breejs/later setInterval (Agenda, Bull/BullMQ repeatable jobs, pg-boss, graphile-worker stay coordinating queues). A non-web process type whose name or command names a scheduler (clock, scheduler, cron, beat, worker: `./app scheduler`, `python -m app.scheduler`) makes a scheduler in a directory/file of that name dedicated; an env/property switch read in the same file (ENABLE_SCHEDULER, SOLID_QUEUE_IN_PUMA, @ConditionalOnProperty(name = \"scheduler.enabled\")) lowers non-JS findings to low like the JS env guard; development/test environment files are skipped; a lock acquired in the scheduler's Go package or file (AcquireLock/TryLock, pg_try_advisory_lock, redsync, leaderelection) lowers to low (accuracy bench session5c2: opengist's DB action lock), and external Go import paths ending in /cron are robfig/cron forks (session5c: listmonk github.com/gdgvda/cron). Scoring: a medium finding caps VIII at 75 (partial, RULE_CAPS); a low one (lock, env switch) does not cap. v6 (session 26, fresh set session32e: MediaManager's FastAPI lifespan runs taskiq's SchedulerLoop and a Receiver in the web process; human VIII partial / scanner pass): the taskiq CLI's SchedulerLoop built and run by the app's own code is an in-process scheduler, like APScheduler; a TaskiqScheduler run by `taskiq scheduler` as its own process is not.",
  },
  check(ctx) {
    const files = ctx.files();
    const deps = depNames(ctx);
    const js = files.filter((f) => f.language === "javascript" || f.language === "typescript");
    const { sites: jsHits, guarded, webFiles } = jsSites(ctx, js);
    const other = tokenSites(ctx, files.filter((f) => f.language !== "javascript" && f.language !== "typescript"), deps);
    const started = startCommandSites(ctx);
    if (!jsHits.length && !other.length && !started.length) return ctx.na("no in-process scheduler found");
    const dedicated = dedicatedProcessStems(ctx);
    const dedicatedWords = dedicatedProcessWords(ctx);
    const jsLock = [...deps].find((d) => JS_LOCK_DEPS.test(d));
    const shedlock = [...deps].some((d) => /shedlock/i.test(d)) || files.some((f) => (f.language === "java" || f.language === "kotlin") && /@SchedulerLock\b/.test(ctx.snapshot.tokens(f.path)?.bare ?? ""));
    const quartzClustered = files.some((f) => /\.(properties|ya?ml)$/.test(f.path) && /isClustered\s*[=:]\s*true/.test(ctx.snapshot.text(f.path) ?? ""));
    // v5: Quartz.NET clustering (`UseClustering()` on a persistent store, or `quartz.jobStore.clustered: true` in settings)
    const quartzNetClustered = files.some((f) => (f.language === "csharp" && /\.UseClustering\s*\(/.test(ctx.snapshot.tokens(f.path)?.bare ?? "")) || (/\.(json|config|properties|ya?ml)$/.test(f.path) && /jobStore\.clustered"?\s*[=:]\s*"?true/i.test(ctx.snapshot.text(f.path) ?? "")));
    const goRuns = goProcessGraph(ctx, files);
    // v5: a distributed/DB lock acquired in the scheduler's package (Go) or file (AcquireLock, pg_try_advisory_lock, redsync)
    const LOCK_RE = /\b(Acquire|Try|Obtain)(Advisory)?Lock\s*\(|pg_try_advisory(_xact)?_lock|\bredsync\b|\bredislock\b|\bleaderelection\b/;
    const lockedPackage = (path: string) => {
      const lang = ctx.snapshot.file(path)?.language;
      const dir = path.slice(0, Math.max(0, path.lastIndexOf("/")));
      const pool = lang === "go" ? files.filter((f) => f.language === "go" && f.path.slice(0, Math.max(0, f.path.lastIndexOf("/"))) === dir) : [{ path }];
      return pool.some((f) => LOCK_RE.test(ctx.snapshot.tokens(f.path)?.code ?? ""));
    };
    for (const s of jsHits) {
      if (dedicated.has(stem(s.path)) && !webFiles.has(s.path)) continue;
      if (inDedicatedProcess(s.path, dedicatedWords) && !webFiles.has(s.path)) continue;
      // v2: a queue/lock library coordinates a schedule only where the scheduling file uses it; an @Cron/@Interval
      // or node-cron job in a file that does not import it still runs once per replica
      const fileImports = new Set((ctx.snapshot.jsFacts(s.path)?.imports ?? []).map((i) => i.source));
      const lock = jsLock && (JS_TRUE_LOCK_RE.test(jsLock) || [...fileImports].some((src) => JS_LOCK_DEPS.test(src))) ? jsLock : undefined;
      const guard = guarded.has(s.path);
      ctx.report({
        path: s.path,
        line: s.line,
        message: "Recurring job scheduled inside the web process runs once per replica.",
        match: s.match,
        severity: lock || guard ? "low" : "medium",
        data: { scheduler: s.what, lock: lock ?? null, envGuard: guard },
      });
    }
    for (const s of other) {
      const lang = ctx.snapshot.file(s.path)?.language ?? "";
      if (s.kind !== "embedded" && dedicated.has(stem(s.path))) continue;
      // v5: a Go scheduler runs in the web process when a serving binary (`package main` that serves, directly or through
      // the packages it imports) reaches its package; a cmd/<x> binary that does not serve is a dedicated clock process
      if (lang === "go" && !goRuns(s.path)) continue;
      // v5: a Rust src/bin/<x>.rs binary that does not serve is its own process
      if (lang === "rust" && /(^|\/)src\/bin\//.test(s.path) && !TOKEN_LISTENERS.rust!.test(ctx.snapshot.tokens(s.path)?.code ?? "")) continue;
      // v5: a .NET scheduler in a project that is not a web host (Microsoft.NET.Sdk.Worker / console) is its own process
      if (lang === "csharp" && !dotnetWebProject(ctx, s.path)) continue;
      if (inDedicatedProcess(s.path, dedicatedWords)) continue;
      if (lang === "ruby" && s.kind === "schedule" && !/(^|\/)config\/initializers\//.test(s.path) && !/(^|\/)config\/(application|puma)\.rb$/.test(s.path)) continue;
      const coordinatedBy =
        s.kind === "coordinated" ? s.what
        : (lang === "java" || lang === "kotlin") && (shedlock || quartzClustered) ? (shedlock ? "ShedLock" : "clustered Quartz")
        : lang === "csharp" && s.what === "Quartz.NET" && quartzNetClustered ? "clustered Quartz.NET"
        : null;
      if (coordinatedBy) {
        ctx.evidence({ path: s.path, line: s.line, note: `${s.what} coordinated by ${coordinatedBy}` });
        continue;
      }
      // v5: an environment/property switch in the same file (ENABLE_SCHEDULER, SOLID_QUEUE_IN_PUMA, @ConditionalOnProperty
      // "scheduling.enabled") lets the deploy run the jobs in one process only → low, like the JS env guard
      const guard = tokenEnvGuard(ctx.snapshot.tokens(s.path)?.code ?? "") || lockedPackage(s.path);
      ctx.report({
        path: s.path,
        line: s.line,
        message: s.kind === "embedded" ? "Background-job runner started inside the web process." : "Recurring job scheduled inside the web process runs once per replica.",
        match: s.match,
        severity: guard ? "low" : "medium",
        data: { scheduler: s.what, lock: null, envGuard: guard, embeddedRunner: s.kind === "embedded" },
      });
    }
    for (const s of started) {
      ctx.report({ path: s.path, line: s.line, message: "Periodic-task scheduler started together with the web server.", match: s.match, severity: "medium", data: { scheduler: s.what, lock: null, envGuard: false, embeddedRunner: true } });
    }
  },
});
