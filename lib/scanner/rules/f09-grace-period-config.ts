import { defineRule, type RuleContext } from "./define-rule.ts";
import type { K8sObject } from "../snapshot/index.ts";
import type { FindingInput } from "../types.ts";
import { BATCH_KINDS, chartOf, helmValue, isHelmValue, k8sInScope, podWorkloads, reportOnce, servicesTargeting, workloadKey } from "../detectors/k8s-workloads.ts";

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Seconds from "30s", "1m", "500ms", "PT30S"; null when unitless or unparseable. */
function durationSeconds(raw: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/i.exec(raw);
  if (m) {
    const n = Number(m[1]);
    return { ms: n / 1000, s: n, m: n * 60, h: n * 3600 }[m[2].toLowerCase() as "ms" | "s" | "m" | "h"];
  }
  const iso = /^PT(?:(\d+)M)?(?:(\d+)S)?$/i.exec(raw.trim());
  return iso && (iso[1] || iso[2]) ? Number(iso[1] ?? 0) * 60 + Number(iso[2] ?? 0) : null;
}

interface AppTimeout { seconds: number; path: string; line: number | undefined; what: string }

/** Explicitly configured application drain timeouts (defaults are not assumed: see deviations). */
function appTimeouts(ctx: RuleContext): AppTimeout[] {
  const out: AppTimeout[] = [];
  for (const f of ctx.files({ roles: ["source"], name: /^(application|bootstrap)(-[\w-]+)?\.(properties|ya?ml)$/ })) {
    if (f.env === "dev" || f.env === "test") continue;
    const lines = ctx.snapshot.lines(f.path);
    let inLifecycle = false;
    lines.forEach((l, i) => {
      const p = /^\s*spring\.lifecycle\.timeout-per-shutdown-phase\s*[=:]\s*(\S+)/.exec(l);
      if (/^\s*lifecycle\s*:\s*$/.test(l)) inLifecycle = true;
      const y = inLifecycle ? /^\s+timeout-per-shutdown-phase\s*:\s*["']?([\w.]+)/.exec(l) : null;
      const v = p?.[1] ?? y?.[1];
      const s = v ? durationSeconds(v) : null;
      if (s !== null) out.push({ seconds: s, path: f.path, line: i + 1, what: "spring.lifecycle.timeout-per-shutdown-phase" });
    });
  }
  for (const f of ctx.files({ roles: ["source"], name: /^gunicorn[\w.-]*\.conf\.py$|^gunicorn_conf(ig)?\.py$/ })) {
    const line = ctx.snapshot.findLine(f.path, /^\s*graceful_timeout\s*=\s*\d+/);
    if (line) out.push({ seconds: Number(/(\d+)/.exec(ctx.snapshot.lines(f.path)[line - 1].split("=")[1])![1]), path: f.path, line, what: "gunicorn graceful_timeout" });
  }
  for (const sc of ctx.startCommands()) {
    for (const c of sc.commands) {
      const prog = (c.argv[0] ?? "").split("/").pop();
      const flag = prog === "gunicorn" ? /^--graceful-timeout(?:=(\d+))?$/ : prog === "uvicorn" ? /^--timeout-graceful-shutdown(?:=(\d+))?$/ : prog === "sidekiq" ? /^(?:-t|--timeout)(?:=(\d+))?$/ : null;
      if (!flag) continue;
      c.argv.forEach((a, i) => {
        const m = flag.exec(a);
        const v = m ? (m[1] ?? c.argv[i + 1]) : undefined;
        if (v && /^\d+$/.test(v)) out.push({ seconds: Number(v), path: sc.path, line: sc.line, what: `${prog} ${a.split("=")[0]}` });
      });
    }
  }
  return out;
}

function preStopSeconds(lifecycle: unknown): number | null {
  const pre = obj(obj(lifecycle).preStop);
  const sleep = obj(pre.sleep).seconds;
  if (typeof sleep === "number") return sleep;
  const cmd = obj(pre.exec).command;
  const text = Array.isArray(cmd) ? cmd.map(String).join(" ") : typeof cmd === "string" ? cmd : "";
  const m = /\bsleep\s+(\d+)/.exec(text);
  return m ? Number(m[1]) : null;
}

function graceOf(ctx: RuleContext, w: K8sObject): { seconds: number | null; explicit: boolean; line: number | undefined } {
  const key = [...(w.podSpecPath ?? []), "terminationGracePeriodSeconds"];
  const line = w.doc.line(key);
  const v = w.podSpec?.terminationGracePeriodSeconds;
  if (v === undefined || v === null) return { seconds: 30, explicit: false, line: undefined };
  if (typeof v === "number") return { seconds: v, explicit: true, line };
  if (typeof v === "string" && /^\d+$/.test(v)) return { seconds: Number(v), explicit: true, line };
  if (isHelmValue(v)) {
    const ref = /Values\.([\w.]+)/.exec(String(v))?.[1];
    const chart = chartOf(ctx.snapshot, w.path);
    if (ref && chart) {
      const hv = helmValue(ctx.snapshot, chart, ref);
      if (hv.found && (typeof hv.value === "number" || /^\d+$/.test(String(hv.value)))) return { seconds: Number(hv.value), explicit: true, line };
    }
  }
  return { seconds: null, explicit: true, line };
}

/** Signals the app's own code handles (JS process.on, Go signal.Notify, Python signal.signal / add_signal_handler). */
function handledSignals(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const f of ctx.files({ languages: ["javascript", "typescript"] })) {
    for (const c of ctx.snapshot.jsFacts(f.path)?.calls ?? []) {
      if (!/^process\.(on|once|addListener|prependListener)$/.test(c.callee)) continue;
      const v = c.args[0]?.source.kind === "literal" ? String(c.args[0].source.value) : null;
      if (v && /^SIG[A-Z0-9]+$/.test(v)) out.add(v);
    }
  }
  for (const f of ctx.files({ languages: ["go", "python"] })) {
    const code = ctx.snapshot.tokens(f.path)?.bare ?? "";
    for (const m of code.matchAll(/\b(?:syscall|signal|os)\.(SIG[A-Z0-9]+)|\bos\.(Interrupt)\b/g)) out.add(m[2] ? "SIGINT" : m[1]);
  }
  // gunicorn drains on TERM only (INT/QUIT are its quick shutdown)
  if (!out.size && ctx.startCommands().some((sc) => sc.commands.some((c) => (c.argv[0] ?? "").split("/").pop() === "gunicorn"))) out.add("SIGTERM");
  return out;
}

/** Fly.io: kill_signal defaults to SIGINT and kill_timeout to 5 s. */
function checkFly(ctx: RuleContext, path: string, appTimeout: AppTimeout | null): void {
  const t = ctx.snapshot.toml(path) ?? {};
  const signal = typeof t.kill_signal === "string" ? t.kill_signal.toUpperCase() : "SIGINT";
  const rawTimeout = t.kill_timeout;
  const timeout = typeof rawTimeout === "number" ? rawTimeout : typeof rawTimeout === "string" ? durationSeconds(rawTimeout) ?? (/^\d+$/.test(rawTimeout) ? Number(rawTimeout) : null) : 5;
  const handled = handledSignals(ctx);
  const sigLine = ctx.snapshot.findLine(path, /^\s*kill_signal\s*=/) ?? 1;
  if (handled.size && !handled.has(signal)) {
    ctx.report({
      path, line: sigLine, severity: "medium",
      message: "Fly sends a stop signal the app does not handle.",
      match: `fly kill_signal ${signal} vs handled ${[...handled].sort().join(",")}`,
      data: { killSignal: signal, explicit: typeof t.kill_signal === "string", handled: [...handled].sort().join(", ") },
    });
  }
  if (timeout !== null && appTimeout && timeout < appTimeout.seconds) {
    ctx.report({
      path, line: ctx.snapshot.findLine(path, /^\s*kill_timeout\s*=/) ?? 1, severity: "medium",
      message: "Fly kill_timeout is shorter than the app's drain timeout.",
      match: `fly kill_timeout ${timeout} < ${appTimeout.what}`,
      related: [{ path: appTimeout.path, line: appTimeout.line, note: `${appTimeout.what} = ${appTimeout.seconds}s` }],
      data: { killTimeout: timeout, appTimeoutSeconds: appTimeout.seconds },
    });
  }
}

export default defineRule({
  meta: {
    id: "F09-GRACE-PERIOD-CONFIG",
    version: 1,
    factor: "F09",
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker", "infra"],
    technique: ["PARSE", "XREF"],
    title: "Termination timing leaves no room to drain",
    rationale:
      "Kubernetes sends SIGTERM after the preStop hook and SIGKILL when terminationGracePeriodSeconds expires. A grace period of 0, one shorter than the preStop sleep, or one shorter than the app's own drain timeout kills processes mid-request or mid-job, so graceful shutdown code never gets to run.",
    remediation:
      "Set terminationGracePeriodSeconds greater than the preStop delay plus the app's drain timeout, add a short preStop sleep for Service-backed pods, and never use 0.",
    docs: {
      bad: [{ file: "k8s/deployment.yaml", code: "spec:\n  terminationGracePeriodSeconds: 10\n  containers:\n    - name: web\n      lifecycle:\n        preStop:\n          exec: { command: [\"sleep\", \"15\"] }" }],
      good: [{ file: "k8s/deployment.yaml", code: "spec:\n  terminationGracePeriodSeconds: 45\n  containers:\n    - name: web\n      lifecycle:\n        preStop:\n          sleep: { seconds: 5 }" }],
    },
    sources: [
      { title: "Kubernetes — Termination of Pods", url: "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination" },
      { title: "kube-score README_PROBES (preStop sleep)", url: "https://github.com/zegl/kube-score/blob/HEAD/README_PROBES.md" },
      { title: "spring-boot #26469 grace period vs timeout-per-shutdown-phase", url: "https://github.com/spring-projects/spring-boot/issues/26469" },
    ],
    deviations:
      "App drain timeouts are compared only when configured explicitly (Spring timeout-per-shutdown-phase, gunicorn graceful_timeout/--graceful-timeout, uvicorn --timeout-graceful-shutdown, sidekiq -t): comparing framework defaults (30 s) with the Kubernetes default (30 s) would flag nearly every pod with a preStop sleep for a drain that rarely takes 30 s. The missing-preStop finding is low with medium confidence and only for Service-targeted long-running workloads (endpoint removal races SIGTERM; the app may already delay its close). Jobs/CronJobs are judged only for a 0 grace period. fly.toml is evaluated too: `kill_signal` (default SIGINT) must be a signal the app's code handles when it handles any (Node process.on, Go signal.Notify, Python signal; gunicorn drains on SIGTERM only — SIGINT is its quick shutdown), and `kill_timeout` (default 5 s) must cover an explicit app drain timeout. ECS stopTimeout is not evaluated yet.",
  },
  check(ctx) {
    const objects = k8sInScope(ctx.snapshot, ctx.files(), ctx.unit.path);
    const workloads = podWorkloads(objects);
    const fly = ctx.files({ roles: ["source"], name: /^fly\.toml$/ })[0];
    if (!workloads.length && !fly) return ctx.na("no Kubernetes workload manifests or fly.toml");
    const timeouts = appTimeouts(ctx);
    const appTimeout = timeouts.length ? timeouts.reduce((a, b) => (b.seconds > a.seconds ? b : a)) : null;
    if (fly) checkFly(ctx, fly.path, appTimeout);
    const items: { key: string; finding: FindingInput }[] = [];
    const add = (key: string, f: FindingInput) => items.push({ key: `${key}:${f.message}`, finding: f });
    for (const w of workloads) {
      const grace = graceOf(ctx, w);
      const id = `${w.kind}/${w.name ?? "?"}`;
      if (grace.seconds === 0) {
        add(workloadKey(w, undefined, ctx.snapshot), { path: w.path, line: grace.line ?? w.line, message: "terminationGracePeriodSeconds is 0: processes are killed without draining.", match: `${id} terminationGracePeriodSeconds: 0`, severity: "high", data: { workload: id } });
        continue;
      }
      if (BATCH_KINDS.has(w.kind) || grace.seconds === null) continue;
      const serviced = servicesTargeting(objects, w);
      for (const c of w.containers) {
        if (c.init) continue;
        const pre = preStopSeconds(c.raw.lifecycle);
        const preLine = w.doc.line([...c.path, "lifecycle", "preStop"]);
        if (pre !== null && pre >= grace.seconds) {
          add(workloadKey(w, c.name, ctx.snapshot), {
            path: w.path, line: preLine ?? c.line, severity: "medium",
            message: "preStop sleep uses up the whole termination grace period.",
            match: `${id}/${c.name} preStop ${pre} >= grace ${grace.seconds}`,
            data: { workload: id, container: c.name, preStopSeconds: pre, graceSeconds: grace.seconds, graceExplicit: grace.explicit },
          });
          continue;
        }
        if (appTimeout && grace.seconds < (pre ?? 0) + appTimeout.seconds) {
          add(workloadKey(w, c.name, ctx.snapshot), {
            path: w.path, line: grace.line ?? c.line, severity: "medium",
            message: "Grace period is shorter than preStop delay plus the app's drain timeout.",
            match: `${id}/${c.name} grace ${grace.seconds} < preStop ${pre ?? 0} + ${appTimeout.what}`,
            related: [{ path: appTimeout.path, line: appTimeout.line, note: `${appTimeout.what} = ${appTimeout.seconds}s` }],
            data: { workload: id, container: c.name, graceSeconds: grace.seconds, preStopSeconds: pre ?? 0, appTimeoutSeconds: appTimeout.seconds },
          });
          continue;
        }
        if (pre === null && serviced.length && !("lifecycle" in c.raw)) {
          add(workloadKey(w, c.name, ctx.snapshot), {
            path: w.path, line: c.line, severity: "low", confidence: "medium",
            message: "Service-backed container has no preStop delay; endpoint removal races SIGTERM.",
            match: `${id}/${c.name} no preStop`,
            related: [{ path: serviced[0].path, line: serviced[0].line, note: `Service ${serviced[0].name ?? ""}` }],
            data: { workload: id, container: c.name },
          });
        }
      }
    }
    reportOnce((f) => ctx.report(f), items);
  },
});
