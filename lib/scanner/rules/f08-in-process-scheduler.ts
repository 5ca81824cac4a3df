import { defineRule, type RuleContext } from "./define-rule.ts";
import type { FileEntry } from "../types.ts";
import { jsListenersIn } from "../detectors/listeners.ts";

/** JS scheduler APIs: origin module → callee names (last segment) that register a recurring job. */
const JS_SCHEDULERS: Record<string, RegExp> = {
  "node-cron": /^schedule$/,
  cron: /^(CronJob|from)$/,
  "node-schedule": /^scheduleJob$/,
  "toad-scheduler": /^(addSimpleIntervalJob|addCronJob|addIntervalJob)$/,
  croner: /^(Cron)$/,
  bree: /^(Bree)$/,
  "@nestjs/schedule": /^(Cron|Interval)$/,
  "cron-schedule": /^(setInterval)$/,
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

function tokenSites(ctx: RuleContext, files: readonly FileEntry[]): Site[] {
  const sites: Site[] = [];
  const patterns: Partial<Record<string, { re: RegExp; what: string }[]>> = {
    python: [
      { re: /\b(BackgroundScheduler|AsyncIOScheduler|GeventScheduler|TornadoScheduler|QtScheduler)\s*\(/g, what: "APScheduler" },
      // v2: fastapi-utils / fastapi-restful `@repeat_every(...)` periodic tasks started with the ASGI app
      { re: /@repeat_every\s*\(/g, what: "repeat_every periodic task" },
    ],
    java: [{ re: /@Scheduled\s*\(/g, what: "Spring @Scheduled" }],
    kotlin: [{ re: /@Scheduled\s*\(/g, what: "Spring @Scheduled" }],
    ruby: [{ re: /\bRufus::Scheduler\.(new|singleton|start_new)\b/g, what: "rufus-scheduler" }],
    go: [{ re: /\bcron\.New\s*\(/g, what: "robfig/cron" }],
  };
  for (const f of files) {
    const pats = f.language ? patterns[f.language] : undefined;
    if (!pats) continue;
    const tok = ctx.snapshot.tokens(f.path);
    if (!tok) continue;
    for (const p of pats) for (const m of tok.bare.matchAll(p.re)) sites.push({ path: f.path, line: tok.lineAt(m.index), what: p.what, match: m[0] });
  }
  return sites;
}

export default defineRule({
  meta: {
    id: "F08-IN-PROCESS-SCHEDULER",
    version: 4,
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
      "Bare setInterval() is not flagged: per-replica timers (cache refresh, metrics flush, heartbeats) are meant to run in every process and are the common case. A scheduler in a file that a non-web process type runs (Procfile clock/worker, a k8s/compose container command) and that the listening file does not import is a dedicated scheduler process → not flagged. A lock or coordinating queue in the runtime dependencies (redlock, BullMQ/Bull repeatable jobs, Agenda, pg-boss, ShedLock, clustered Quartz) or an env guard read in the same file (ENABLE_CRON, RUN_SCHEDULER, LEADER…) lowers the finding to low; ShedLock/@SchedulerLock on Spring passes outright. Go crons are flagged only in a package directory that also serves HTTP. APScheduler's BlockingScheduler (a dedicated clock process) and Celery beat are not flagged here (embedded `worker -B` belongs to worker units, which §8 excludes). v2 (accuracy bench sessions 5a/5a2: ghostfolio and docmost have Bull/BullMQ in their dependencies, which lowered every @nestjs/schedule @Cron/@Interval job to low): a queue library dependency (Bull, BullMQ, Agenda, pg-boss …) lowers a schedule only when the file that declares it imports the queue library; distributed lock libraries (redlock …) still lower every schedule. v3 (accuracy bench session5b: mealie VIII): Python `@repeat_every(...)` periodic tasks (fastapi-utils / fastapi-restful and copies of it) run inside the ASGI app process and are flagged like APScheduler. v4 (accuracy bench session 5c: listmonk, robfig/cron next to echo's `srv.Start(ko.String(\"app.address\"))`): a Go `Start`/`StartTLS` call whose argument is address-like (a literal, fmt/os call, or an expression naming an addr/address/port/listen/bind setting) serves HTTP in that directory.",
  },
  check(ctx) {
    const files = ctx.files();
    const deps = depNames(ctx);
    const js = files.filter((f) => f.language === "javascript" || f.language === "typescript");
    const { sites: jsHits, guarded, webFiles } = jsSites(ctx, js);
    const other = tokenSites(ctx, files.filter((f) => f.language !== "javascript" && f.language !== "typescript"));
    if (!jsHits.length && !other.length) return ctx.na("no in-process scheduler found");
    const dedicated = dedicatedProcessStems(ctx);
    const jsLock = [...deps].find((d) => JS_LOCK_DEPS.test(d));
    const shedlock = [...deps].some((d) => /shedlock/i.test(d)) || files.some((f) => (f.language === "java" || f.language === "kotlin") && /@SchedulerLock\b/.test(ctx.snapshot.tokens(f.path)?.bare ?? ""));
    const quartzClustered = files.some((f) => /\.(properties|ya?ml)$/.test(f.path) && /isClustered\s*[=:]\s*true/.test(ctx.snapshot.text(f.path) ?? ""));
    /** Go: a cron in a package directory that also serves HTTP (a separate cmd/scheduler binary is a dedicated process). */
    const dirOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf("/")));
    // stricter than TOKEN_LISTENERS.go, whose `\w+.Run()` alternative also matches robfig/cron's `c.Run()`
    // v2 (accuracy bench session 5c: listmonk `srv.Start(ko.String("app.address"))`): echo's Start with an
    // address-like argument (a config lookup of an address/port), not only a string literal
    const GO_LISTENER_RE = /\bListenAndServe(TLS)?\s*\(|\bnet\.Listen\s*\(|\.Run\s*\(\s*("|addr|port|fmt|os\.)|\.Start(TLS)?\s*\(\s*("|fmt\.|os\.|[^)\n]*\b(addr|address|port|listen|bind)\w*\b)|\bapp\.Listen\s*\(/i;
    const goListenerDirs = new Set(files.filter((f) => f.language === "go" && GO_LISTENER_RE.test(ctx.snapshot.tokens(f.path)?.code ?? "")).map((f) => dirOf(f.path)));
    for (const s of [...jsHits, ...other]) {
      const isJs = jsHits.includes(s);
      const lang = ctx.snapshot.file(s.path)?.language ?? "";
      if (isJs && dedicated.has(stem(s.path)) && !webFiles.has(s.path)) continue;
      if (!isJs && dedicated.has(stem(s.path))) continue;
      if (lang === "go" && !goListenerDirs.has(dirOf(s.path))) continue; // a standalone Go clock binary
      if ((lang === "java" || lang === "kotlin") && (shedlock || quartzClustered)) {
        ctx.evidence({ path: s.path, line: s.line, note: `${s.what} coordinated by ${shedlock ? "ShedLock" : "clustered Quartz"}` });
        continue;
      }
      if (lang === "ruby" && !/(^|\/)config\/initializers\//.test(s.path) && !/(^|\/)config\/(application|puma)\.rb$/.test(s.path)) continue;
      // v2: a queue/lock library coordinates a schedule only where the scheduling file uses it; an @Cron/@Interval
      // or node-cron job in a file that does not import it still runs once per replica
      const fileImports = isJs ? new Set((ctx.snapshot.jsFacts(s.path)?.imports ?? []).map((i) => i.source)) : new Set<string>();
      const lock = isJs && jsLock && (JS_TRUE_LOCK_RE.test(jsLock) || [...fileImports].some((src) => JS_LOCK_DEPS.test(src))) ? jsLock : undefined;
      const guard = isJs && guarded.has(s.path);
      ctx.report({
        path: s.path,
        line: s.line,
        message: "Recurring job scheduled inside the web process runs once per replica.",
        match: s.match,
        severity: lock || guard ? "low" : "medium",
        data: { scheduler: s.what, lock: lock ?? null, envGuard: guard },
      });
    }
  },
});
