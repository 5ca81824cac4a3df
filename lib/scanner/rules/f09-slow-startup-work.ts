import { defineRule, type RuleContext } from "./define-rule.ts";
import type { StartCommand } from "../detectors/start-command.ts";
import { formatArgv, programOf, type ShellCommand } from "../detectors/shell.ts";
import { BATCH_KINDS, k8sInScope, podWorkloads } from "../detectors/k8s-workloads.ts";
import { hasFramework } from "../detectors/frameworks.ts";

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const num = (v: unknown, d: number): number => (typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : d);
const JVM_IMAGE_RE = /(openjdk|temurin|corretto|zulu|jdk|jre|liberica|semeru|graalvm|wildfly|tomcat|jboss)/i;

function lineOf(sc: StartCommand, c: ShellCommand): number | undefined {
  return sc.line === undefined ? undefined : sc.line + (sc.source === "entrypoint-script" || sc.form === "shell" ? c.lineOffset : 0);
}

function productionStarts(ctx: RuleContext): readonly StartCommand[] {
  const all = ctx.startCommands();
  const other = all.filter((s) => s.source !== "package.json");
  return other.length ? other : all;
}

function sleepSeconds(arg: string | undefined): number | null {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(arg ?? "");
  if (!m) return null;
  return Number(m[1]) * (m[2] === "m" ? 60 : m[2] === "h" ? 3600 : 1);
}

export default defineRule({
  meta: {
    id: "F09-SLOW-STARTUP-WORK",
    version: 1,
    factor: "F09",
    kind: "violation",
    severity: "low",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    reducedFor: ["infra"],
    technique: ["PARSE", "XREF"],
    title: "Heavy or blocking work on every process start",
    rationale:
      "Disposable processes start in seconds so the platform can scale out, reschedule and recover quickly. Fixed sleeps, wait-for-dependency loops and probes that assume minutes of boot time make every deploy, scale-out and crash recovery slow, and hide dependency failures behind an endless startup.",
    remediation: "Keep startup to a few seconds: remove fixed sleeps and dependency wait loops (let the platform restart a process that cannot connect), move installs and migrations to build/release phases, and use a startupProbe instead of long initial delays.",
    docs: {
      bad: [{ file: "docker-entrypoint.sh", code: "until nc -z db 5432; do sleep 2; done\nsleep 15\nexec node server.js" }],
      good: [{ file: "docker-entrypoint.sh", code: "exec node server.js  # retries its DB connection with backoff" }],
    },
    sources: [
      { title: "12factor.net — Disposability", url: "https://12factor.net/disposability" },
      { title: "kube-score README_PROBES", url: "https://github.com/zegl/kube-score/blob/HEAD/README_PROBES.md" },
      { title: "Kubernetes — startup probes", url: "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-startup-probes" },
    ],
    deviations:
      "Installs and migrations at start are not reported here: F05-RUNTIME-BUILD-STEP and F12-SCHEMA-MUTATION-ON-BOOT own them, and repeating them would count one mistake twice. Sleeps are counted only in the foreground chain (a backgrounded `sleep` keeps nothing waiting). initialDelaySeconds ≥ 60 is accepted when a startupProbe exists, and not reported for JVM workloads (Spring/Quarkus/Micronaut or a JDK image) whose boot is legitimately slower (RULES.md says info; an info finding would still turn the rule status to fail, so it is recorded as an evidence note instead). Dev-only files (compose overrides, .devcontainer) are excluded by SD-4.",
  },
  check(ctx) {
    const starts = productionStarts(ctx);
    const workloads = podWorkloads(k8sInScope(ctx.snapshot, ctx.files(), ctx.unit.path)).filter((w) => !BATCH_KINDS.has(w.kind));
    if (!starts.length && !workloads.length) return ctx.na("no production start command or Kubernetes workload");
    const jvmUnit = hasFramework(ctx.unit.frameworks, "spring-boot", "quarkus", "micronaut");
    for (const sc of starts) {
      for (const c of sc.commands) {
        const prog = programOf(c);
        if (prog === "sleep" && c.next !== "&") {
          const s = sleepSeconds(c.argv[1]);
          if (s !== null && s >= 10) ctx.report({ path: sc.path, line: lineOf(sc, c), message: "Start command sleeps for a fixed time before starting.", match: `sleep ${c.argv[1]}`, data: { seconds: s, source: sc.source } });
        }
        if (/^(wait-for-it(\.sh)?|wait-for(\.sh)?|wait_for_it\.sh|wait-for-postgres\.sh)$/.test(prog) || (prog === "dockerize" && c.argv.some((a) => /^-wait(=|$)/.test(a)))) {
          ctx.report({ path: sc.path, line: lineOf(sc, c), message: "Start command waits for a dependency before starting.", match: formatArgv(c.argv.slice(0, 2)), data: { source: sc.source } });
        }
      }
      if (/\b(until|while)\b/.test(sc.command)) {
        const text = sc.command;
        const re = /(?:^|[\s;&|(])(until|while)\s[^\n]*?(;|\n)\s*do\b[\s\S]{0,300}?\bsleep\b[\s\S]{0,200}?\bdone\b/gm;
        for (const m of text.matchAll(re)) {
          const offset = sc.source === "entrypoint-script" || sc.form === "shell" ? text.slice(0, m.index + m[0].indexOf(m[1])).split("\n").length - 1 : 0;
          ctx.report({ path: sc.path, line: (sc.line ?? 1) + offset, message: "Start command loops until a dependency is reachable.", match: m[0].trim().split("\n")[0].trim() });
        }
      }
    }
    for (const w of workloads) {
      for (const c of w.containers) {
        if (c.init) continue;
        const jvm = jvmUnit || JVM_IMAGE_RE.test(c.image ?? "");
        const startup = c.raw.startupProbe;
        if (startup && typeof startup === "object") {
          const s = obj(startup);
          const budget = num(s.failureThreshold, 3) * num(s.periodSeconds, 10) + num(s.initialDelaySeconds, 0);
          const line = w.doc.line([...c.path, "startupProbe"]) ?? c.line;
          if (budget >= 300 && jvm) ctx.evidence({ path: w.path, line, note: `JVM startupProbe allows ${budget}s to boot (accepted for JVM workloads)` });
          else if (budget >= 300) ctx.report({ path: w.path, line, message: "startupProbe allows five minutes or more to boot.", match: `${w.kind}/${w.name ?? ""}/${c.name} startupProbe ${budget}s`, data: { seconds: budget } });
          continue;
        }
        for (const key of ["readinessProbe", "livenessProbe"] as const) {
          const delay = num(obj(c.raw[key]).initialDelaySeconds, 0);
          if (delay < 60) continue;
          const line = w.doc.line([...c.path, key, "initialDelaySeconds"]) ?? c.line;
          if (jvm) {
            ctx.evidence({ path: w.path, line, note: `JVM ${key}.initialDelaySeconds ${delay}s (accepted; prefer a startupProbe)` });
            continue;
          }
          ctx.report({ path: w.path, line, message: "Probe waits a minute or more before the first check.", match: `${w.kind}/${w.name ?? ""}/${c.name} ${key}.initialDelaySeconds`, data: { seconds: delay } });
        }
      }
    }
  },
});
