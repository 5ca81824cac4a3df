import { defineRule } from "./define-rule.ts";
import { hasFramework } from "../detectors/frameworks.ts";

/** Queue frameworks whose default already returns an interrupted job to the queue. */
const SAFE_DEFAULTS: [string, string][] = [
  ["bullmq", "BullMQ/Bull re-queue stalled jobs"],
  ["pg-boss", "pg-boss expires and retries active jobs"],
  ["graphile-worker", "graphile-worker unlocks jobs of dead workers"],
  ["sidekiq", "Sidekiq/good_job/solid_queue push unfinished jobs back on TERM"],
  ["rq", "RQ moves jobs of dead workers to the failed/abandoned registry"],
  ["dramatiq", "Dramatiq acks after processing"],
  ["hangfire", "Hangfire re-queues jobs after invisibility timeout"],
];
const CELERY_ACKS_LATE_RE = /\b(task_acks_late|CELERY_TASK_ACKS_LATE|CELERY_ACKS_LATE)\s*[=:]\s*True\b|["'](task_acks_late|CELERY_TASK_ACKS_LATE)["']\s*:\s*True\b|\backs_late\s*=\s*True\b/;

export default defineRule({
  meta: {
    id: "F09-WORKER-ACK-ON-COMPLETION",
    version: 1,
    factor: "F09",
    kind: "violation",
    severity: "low",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["TS-AST", "TOKEN"],
    title: "Jobs are lost if a worker dies mid-job",
    rationale:
      "Disposability for workers means a killed process (deploy, scale-in, OOM, node loss) returns its current job to the queue. Consumers that acknowledge a message on receipt (Celery's default early ack, RabbitMQ auto-ack) silently drop the job being processed when the process dies.",
    remediation: "Acknowledge a job only after it finishes (ack-late/manual ack, e.g. Celery task_acks_late=True with task_reject_on_worker_lost=True) and make jobs idempotent so a killed worker's job is safely retried.",
    docs: {
      bad: [{ file: "worker.js", code: "channel.consume('jobs', handle, { noAck: true });" }],
      good: [{ file: "worker.js", code: "channel.consume('jobs', async (msg) => {\n  await handle(msg);\n  channel.ack(msg);\n});" }],
    },
    sources: [
      { title: "12factor.net — Disposability", url: "https://12factor.net/disposability" },
      { title: "Celery — task_acks_late", url: "https://docs.celeryq.dev/en/stable/userguide/configuration.html#task-acks-late" },
      { title: "RabbitMQ — consumer acknowledgements", url: "https://www.rabbitmq.com/docs/confirms" },
    ],
    deviations:
      "Kafka auto-commit (RULES.md: info) is not reported: kafkajs commits only resolved offsets, and an info finding would still turn the rule status to fail. SQS delete-before-process ordering is not evaluated yet. Framework defaults that already redeliver (BullMQ, Sidekiq, RQ, pg-boss, Dramatiq, Hangfire…) pass with evidence. Celery is judged once per unit: early ack is reported at the Celery app unless task_acks_late (global, settings or every task decorator) is set. na when no queue consumer is found.",
  },
  check(ctx) {
    const files = ctx.files();
    let consumers = 0;
    for (const [id, note] of SAFE_DEFAULTS) {
      const fw = ctx.unit.frameworks.find((f) => f.id === id);
      if (fw) {
        consumers++;
        ctx.evidence({ path: fw.path, note });
      }
    }
    // JS: amqplib consume(..., { noAck: true })
    for (const f of files.filter((x) => x.language === "javascript" || x.language === "typescript")) {
      const facts = ctx.snapshot.jsFacts(f.path);
      if (!facts || !facts.imports.some((i) => /^(amqplib|amqp-connection-manager)(\/.*)?$/.test(i.source))) continue;
      for (const c of facts.calls) {
        if (c.name !== "consume") continue;
        consumers++;
        const noAck = c.args[2]?.props?.noAck ?? c.args[2]?.resolved?.props?.noAck;
        if (noAck?.source.kind === "literal" && noAck.source.value === true) {
          ctx.report({ path: f.path, line: c.line, column: c.column, message: "RabbitMQ consumer auto-acknowledges messages (noAck: true).", match: c.text.slice(0, 160) });
        }
      }
    }
    // Python: pika basic_consume(auto_ack=True); Celery early ack
    const py = files.filter((x) => x.language === "python");
    let celeryApp: { path: string; line: number } | null = null;
    let acksLate = false;
    for (const f of py) {
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok) continue;
      for (const m of tok.code.matchAll(/\bbasic_consume\s*\(([^)]*)\)/g)) {
        consumers++;
        if (/\b(auto_ack|no_ack)\s*=\s*True\b/.test(m[1])) ctx.report({ path: f.path, line: tok.lineAt(m.index), message: "RabbitMQ consumer auto-acknowledges messages (auto_ack=True).", match: m[0].slice(0, 160) });
      }
      const app = /\bCelery\s*\(/.exec(tok.bare);
      if (app && !celeryApp) celeryApp = { path: f.path, line: tok.lineAt(app.index) };
      if (CELERY_ACKS_LATE_RE.test(tok.code)) acksLate = true;
    }
    for (const f of files.filter((x) => /\.(env|ya?ml|toml|cfg|ini)$|(^|\/)\.env/.test(x.path))) {
      if (/CELERY_TASK_ACKS_LATE\s*[=:]\s*["']?(true|True|1)\b/.test(ctx.snapshot.text(f.path) ?? "")) acksLate = true;
    }
    if (celeryApp || hasFramework(ctx.unit.frameworks, "celery")) {
      consumers++;
      if (acksLate) ctx.evidence({ path: celeryApp?.path ?? ctx.unit.path, line: celeryApp?.line, note: "Celery task_acks_late enabled" });
      else if (celeryApp) {
        ctx.report({ path: celeryApp.path, line: celeryApp.line, message: "Celery acknowledges tasks before running them (task_acks_late not set).", match: "Celery early ack" });
      }
    }
    if (!consumers) return ctx.na("no queue consumer found");
  },
});
