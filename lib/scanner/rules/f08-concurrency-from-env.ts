import { defineRule, type RuleContext } from "./define-rule.ts";
import { programOf } from "../detectors/shell.ts";

interface Obs { score: number; path: string; line: number | undefined; note: string }

const ENV_RE = /\$\{?[A-Z_][A-Z0-9_]*|ENV\[|ENV\.fetch|os\.environ|os\.getenv|getenv|process\.env/;
const CPU_RE = /\b(multiprocessing\.cpu_count|os\.cpu_count|os\.cpus\(\)\.length|availableParallelism\s*\(|Etc\.nprocessors|nproc\b)/;

/** Value of a worker-count flag: "-w 4", "--workers=4", "-c $N" … */
function flagValue(argv: readonly string[], flags: RegExp): string | null {
  for (let i = 1; i < argv.length; i++) {
    const m = /^(--?[\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !flags.test(m[1])) continue;
    return m[2] ?? argv[i + 1] ?? null;
  }
  return null;
}

const SERVERS: Record<string, { flags: RegExp; envDefault: string | null; label: string }> = {
  gunicorn: { flags: /^(-w|--workers)$/, envDefault: "WEB_CONCURRENCY", label: "gunicorn workers" },
  uvicorn: { flags: /^--workers$/, envDefault: "WEB_CONCURRENCY", label: "uvicorn workers" },
  hypercorn: { flags: /^(-w|--workers)$/, envDefault: null, label: "hypercorn workers" },
  puma: { flags: /^(-w|--workers)$/, envDefault: null, label: "puma workers" },
  sidekiq: { flags: /^(-c|--concurrency)$/, envDefault: null, label: "sidekiq concurrency" },
  celery: { flags: /^(-c|--concurrency)$/, envDefault: null, label: "celery concurrency" },
};

function classify(value: string): "env" | "cpu" | "literal" | "other" {
  if (ENV_RE.test(value)) return "env";
  if (CPU_RE.test(value)) return "cpu";
  if (/^\s*\d+\s*$/.test(value)) return "literal";
  return "other";
}

function fromStarts(ctx: RuleContext, out: Obs[]): void {
  for (const sc of ctx.startCommands()) {
    for (const c of sc.commands) {
      let prog = programOf(c);
      let argv = c.argv;
      if ((prog === "bundle" && argv[1] === "exec") || prog === "poetry" || prog === "pipenv" || prog === "uv") {
        const i = argv.findIndex((a, k) => k > 0 && SERVERS[a.split("/").pop() ?? ""] !== undefined);
        if (i === -1) continue;
        argv = argv.slice(i);
        prog = argv[0].split("/").pop() ?? "";
      }
      const s = SERVERS[prog];
      if (!s || (prog === "celery" && !argv.includes("worker"))) continue;
      const v = flagValue(argv, s.flags);
      const line = sc.line;
      if (v === null) {
        if (s.envDefault) out.push({ score: 1, path: sc.path, line, note: `${s.label} default to $${s.envDefault}` });
        else if (prog === "celery") out.push({ score: 0.5, path: sc.path, line, note: "celery concurrency defaults to the host CPU count (ignores container CPU limits)" });
        continue;
      }
      const k = classify(v);
      out.push(k === "env" ? { score: 1, path: sc.path, line, note: `${s.label} from env (${v})` } : k === "cpu" ? { score: 0.25, path: sc.path, line, note: `${s.label} from host CPU count (${v})` } : k === "literal" ? { score: 0.5, path: sc.path, line, note: `${s.label} hard-coded to ${v}` } : { score: 1, path: sc.path, line, note: `${s.label} = ${v}` });
    }
  }
}

function fromConfigs(ctx: RuleContext, out: Obs[]): void {
  for (const f of ctx.files({ roles: ["source"] })) {
    const name = f.path.split("/").pop()!;
    const rules: { re: RegExp; label: string }[] =
      /^gunicorn[\w.-]*\.conf\.py$|^gunicorn_conf(ig)?\.py$/.test(name) ? [{ re: /^\s*workers\s*=\s*(.+)$/, label: "gunicorn workers" }, { re: /^\s*threads\s*=\s*(.+)$/, label: "gunicorn threads" }]
      : name === "puma.rb" ? [{ re: /^\s*workers\s+(.+)$/, label: "puma workers" }, { re: /^\s*threads\s+(.+)$/, label: "puma threads" }]
      : name === "sidekiq.yml" ? [{ re: /^\s*:?concurrency:?\s*(.+)$/, label: "sidekiq concurrency" }]
      : /^ecosystem\.config\.[cm]?js$/.test(name) ? [{ re: /\binstances\s*:\s*([^,}\n]+)/, label: "pm2 instances" }]
      : [];
    if (!rules.length) continue;
    const lines = (ctx.snapshot.tokens(f.path)?.code ?? ctx.snapshot.text(f.path) ?? "").split("\n");
    lines.forEach((l, i) => {
      for (const r of rules) {
        const m = r.re.exec(l);
        if (!m) continue;
        let v = m[1].trim();
        // `threads threads_count, threads_count` / `workers = n_workers`: resolve a local assignment once
        const ident = /^([A-Za-z_]\w*)\b/.exec(v)?.[1];
        if (ident && classify(v) === "other") {
          const assign = lines.find((x) => new RegExp(`^\\s*${ident}\\s*=\\s*(.+)$`).test(x));
          if (assign) v = assign.replace(/^[^=]*=\s*/, "").trim();
        }
        const k = /^["']?(max|-1|0)["']?$/.test(v) && r.label === "pm2 instances" ? "cpu" : classify(v);
        if (k === "other") continue; // unresolved expression: no evidence either way
        out.push(k === "env" ? { score: 1, path: f.path, line: i + 1, note: `${r.label} from env` } : k === "cpu" ? { score: 0.25, path: f.path, line: i + 1, note: `${r.label} from host CPU count` } : { score: 0.5, path: f.path, line: i + 1, note: `${r.label} hard-coded to ${v}` });
      }
    });
  }
}

function fromJs(ctx: RuleContext, out: Obs[]): void {
  for (const f of ctx.files({ languages: ["javascript", "typescript"] })) {
    const facts = ctx.snapshot.jsFacts(f.path);
    if (!facts) continue;
    const forks = facts.calls.filter((c) => c.callee === "cluster.fork" || (c.name === "fork" && c.origin === "cluster"));
    if (!forks.length) continue;
    const text = ctx.snapshot.tokens(f.path)?.code ?? ctx.snapshot.text(f.path) ?? "";
    const envCount = facts.envReads.find((e) => e.name && /CONCURRENCY|WORKERS|CLUSTER|INSTANCES|PROCESSES/.test(e.name));
    if (envCount) out.push({ score: 1, path: f.path, line: envCount.line, note: `cluster size from env ${envCount.name}` });
    else if (CPU_RE.test(text)) out.push({ score: 0.25, path: f.path, line: forks[0].line, note: "cluster.fork() per host CPU (ignores container CPU limits)" });
    else out.push({ score: 0.5, path: f.path, line: forks[0].line, note: "cluster.fork() with a fixed count" });
  }
}

export default defineRule({
  meta: {
    id: "F08-CONCURRENCY-FROM-ENV",
    version: 1,
    factor: "F08",
    kind: "evidence",
    severity: "low",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["PARSE", "TOKEN", "TS-AST"],
    title: "In-process concurrency is configurable and container-aware",
    rationale:
      "Processes scale out, but each still runs some workers/threads. Sizing them from the environment (WEB_CONCURRENCY, RAILS_MAX_THREADS) lets the platform match them to the container's CPU and memory; sizing them from the host's CPU count inside a container ignores CPU quotas and oversubscribes the node.",
    remediation: "Size in-process workers from an environment variable (e.g. WEB_CONCURRENCY) and scale out by adding processes.",
    docs: {
      bad: [{ file: "gunicorn.conf.py", code: "import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1" }],
      good: [{ file: "gunicorn.conf.py", code: "import os\nworkers = int(os.environ.get(\"WEB_CONCURRENCY\", 2))" }],
    },
    sources: [
      { title: "gunicorn settings — workers ($WEB_CONCURRENCY)", url: "https://docs.gunicorn.org/en/stable/settings.html#workers" },
      { title: "12factor.net — Concurrency", url: "https://12factor.net/concurrency" },
    ],
    deviations:
      "Score is the worst observation: env-driven or a server whose default reads $WEB_CONCURRENCY (gunicorn, uvicorn) → 1.0; hard-coded counts → 0.5; Celery without --concurrency (defaults to the host CPU count) → 0.5; host-CPU-derived counts (cpu_count(), os.cpus().length, pm2 `instances: max`) → 0.25. Reported as an evidence score rather than findings so a fixed count does not count as a defect on its own. na when no in-process worker setting is found (single-process runtimes like plain Node/Go need none).",
  },
  check(ctx) {
    const obs: Obs[] = [];
    fromStarts(ctx, obs);
    fromConfigs(ctx, obs);
    fromJs(ctx, obs);
    if (!obs.length) return ctx.na("no in-process worker/thread setting found");
    for (const o of obs) ctx.evidence({ path: o.path, line: o.line, note: o.note });
    const worst = obs.reduce((a, b) => (b.score < a.score ? b : a));
    return ctx.score(worst.score, { reason: worst.note });
  },
});
