import { defineRule } from "./define-rule.ts";
import { parseImageRef } from "../detectors/image-ref.ts";

const BACKING_IMAGE_RE = /^(postgres|postgresql|postgis|mysql|mariadb|mongo|mongodb|redis|valkey|rabbitmq|kafka|zookeeper|elasticsearch|opensearch|minio|clickhouse|cassandra|etcd|nats|memcached|localstack|mailhog|mailpit|busybox|alpine|curlimages\/curl)$/;

/** v3: job-queue / background-worker libraries: their jobs need a worker process type. */
const JOB_QUEUE_DEP_RE = /^(celery|rq|dramatiq|huey|arq|django-q2?|django-rq|procrastinate|taskiq|bull|bullmq|bee-queue|agenda|pg-boss|graphile-worker|@nestjs\/bull(mq)?|kue|sidekiq|resque|delayed_job(_active_record)?|good_job|solid_queue|que|sneakers|shoryuken|hangfire(\.\w+)?|hangfire\.core|quartz|org\.quartz-scheduler:quartz|org\.springframework\.boot:spring-boot-starter-quartz|org\.jobrunr:jobrunr[\w-]*|github\.com\/hibiken\/asynq|github\.com\/riverqueue\/river|github\.com\/gocraft\/work|laravel\/horizon)$/i;

export default defineRule({
  meta: {
    id: "F08-PROCESS-TYPES-DECLARED",
    version: 3,
    factor: "F08",
    kind: "evidence",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker"],
    reducedFor: ["infra"],
    technique: ["PARSE"],
    title: "Process formation is declared",
    rationale:
      "Twelve-factor apps scale out by running more processes of each type (web, worker, clock). Declaring the process types — Procfile, fly [processes], render services, several workloads from one image — is what lets the platform run and scale them independently.",
    remediation: "Declare each kind of work as its own process type (e.g. web, worker, clock) so the platform can run and scale them independently.",
    docs: {
      bad: [{ file: "Dockerfile", code: 'CMD ["sh", "-c", "node worker.js & node server.js"]' }],
      good: [{ file: "Procfile", code: "web: node server.js\nworker: node worker.js\nrelease: npx prisma migrate deploy" }],
    },
    sources: [
      { title: "12factor.net — Concurrency", url: "https://12factor.net/concurrency" },
      { title: "Heroku Procfile", url: "https://devcenter.heroku.com/articles/procfile" },
    ],
    deviations:
      "Release-phase entries (Procfile release:) are not counted as process types. An implicit single process (Dockerfile CMD, package.json start) scores 0.5; nothing at all is a low-confidence 0. Compose services count as declared process types in deploy compose files, and in a dev-only compose file when it runs the app's own build under two or more commands (`web`, `worker`, `scheduler` from one `build: .`): that is a Procfile-style formation even if the file only drives the local stack (a Procfile gets the same credit whether or not a platform reads it). v3 (accuracy bench: spring-petclinic VIII, human pass — \"a k8s Deployment of a stateless web process; scales by replicas\" — scanner partial): a single declared process type is the complete formation of an app without background work and scores 1; it stays 0.75 when a job-queue library (Celery, RQ, BullMQ, Sidekiq, Hangfire, Quartz …) is a runtime dependency, whose jobs need a worker type that is not declared.",
  },
  check(ctx) {
    const types = new Map<string, { path: string; line?: number }>();
    const add = (t: string, path: string, line?: number) => {
      if (/^(release|postdeploy|predeploy)$/i.test(t)) return;
      if (!types.has(t)) types.set(t, { path, line });
    };
    const inScope = new Set(ctx.files({ roles: ["source", "dev"] }).map((f) => f.path));
    for (const p of ctx.snapshot.procfiles()) if (inScope.has(p.path)) for (const e of p.entries) add(e.type, p.path, e.line);
    for (const f of ctx.files({ name: /^fly(\.[\w-]+)?\.toml$/ })) {
      const procs = ctx.snapshot.toml(f.path)?.processes as Record<string, unknown> | undefined;
      for (const t of Object.keys(procs ?? {})) add(t, f.path, ctx.snapshot.findLine(f.path, new RegExp(`^\\s*${t}\\s*=`)));
    }
    for (const f of ctx.files({ name: /^render\.ya?ml$/ })) {
      const doc = ctx.snapshot.yaml(f.path)?.[0];
      const svcs = (doc?.data as { services?: { type?: string; name?: string }[] } | undefined)?.services ?? [];
      svcs.forEach((s, i) => add(`${s.type ?? "web"}:${s.name ?? i}`, f.path, doc?.line(["services", i])));
    }
    for (const f of ctx.files({ name: /^app\.json$/ })) {
      const formation = (ctx.snapshot.json(f.path) as { formation?: Record<string, unknown> } | undefined)?.formation;
      for (const t of Object.keys(formation ?? {})) add(t, f.path, ctx.snapshot.findLine(f.path, `"${t}"`));
    }
    for (const f of ctx.files({ name: /^serverless\.ya?ml$/ })) {
      const doc = ctx.snapshot.yaml(f.path)?.[0];
      for (const fn of Object.keys((doc?.data as { functions?: Record<string, unknown> } | undefined)?.functions ?? {})) add(`fn:${fn}`, f.path, doc?.line(["functions", fn]));
    }
    // k8s workloads and non-dev compose services sharing an image with different commands
    const byImage = new Map<string, Set<string>>();
    const where = new Map<string, { path: string; line?: number }>();
    for (const o of ctx.snapshot.k8sObjects()) {
      if (!inScope.has(o.path) || !/^(Deployment|StatefulSet|DaemonSet|CronJob|Rollout)$/.test(o.kind)) continue;
      for (const c of o.containers.filter((x) => !x.init)) {
        const repo = c.image ? parseImageRef(c.image)?.repository ?? c.image : `${o.kind}/${o.name}`;
        const cmd = `${o.kind === "CronJob" ? "cron:" : ""}${[...(c.command ?? []), ...(c.args ?? [])].join(" ") || "(default)"}`;
        const set = byImage.get(repo) ?? new Set();
        set.add(cmd);
        byImage.set(repo, set);
        where.set(`${repo}\0${cmd}`, { path: o.path, line: o.line });
      }
    }
    for (const cf of ctx.snapshot.composeFiles()) {
      if (!inScope.has(cf.path)) continue;
      const local = new Map<string, Map<string, { path: string; line?: number }>>();
      for (const s of cf.services) {
        const key = s.build ? `build:${s.build.context}` : s.image ? parseImageRef(s.image)?.repository ?? s.image : null;
        if (!key) continue;
        const cmd = Array.isArray(s.command) ? s.command.join(" ") : s.command ?? "(default)";
        const cmds = local.get(key) ?? new Map();
        if (!cmds.has(cmd)) cmds.set(cmd, { path: cf.path, line: s.line });
        local.set(key, cmds);
      }
      for (const [key, cmds] of local) {
        // A dev-only compose file declares a formation only when it runs the app's image/build under
        // two or more commands (web + worker …); a lone `app: build: .` is the implicit process again.
        if (cf.dev && (!key.startsWith("build:") || cmds.size < 2)) continue;
        const set = byImage.get(key) ?? new Set();
        for (const [cmd, w] of cmds) {
          set.add(cmd);
          where.set(`${key}\0${cmd}`, w);
        }
        byImage.set(key, set);
      }
    }
    // every workload of this app (not a backing service such as postgres/redis) is a declared process
    for (const [img, cmds] of byImage) {
      if (BACKING_IMAGE_RE.test(img.split("/").pop() ?? img)) continue;
      for (const c of cmds) {
        const w = where.get(`${img}\0${c}`)!;
        add(`${img.split("/").pop()}:${c.slice(0, 40)}`, w.path, w.line);
      }
    }
    for (const [t, w] of types) ctx.evidence({ path: w.path, line: w.line, note: `process type ${t}` });
    if (types.size >= 2) return ctx.score(1);
    if (types.size === 1) {
      // v3: one declared process type is the whole formation of an app with no background work; with a job-queue
      // library in the runtime dependencies a worker type is expected next to it and is missing
      const queue = ctx.snapshot.manifests().filter((m) => ctx.unit.manifests.includes(m.path)).flatMap((m) => m.deps).find((d) => d.scope === "runtime" && JOB_QUEUE_DEP_RE.test(d.name));
      if (!queue) return ctx.score(1, { reason: "a single process type is declared and the app has no job-queue library (no worker type expected)" });
      return ctx.score(0.75, { reason: `a single process type is declared, but ${queue.name} runs background jobs with no worker type declared` });
    }
    const implicit = ctx.startCommands().find((s) => s.source === "dockerfile" || s.source === "package.json" || s.source === "k8s" || s.source === "compose");
    if (implicit) {
      ctx.evidence({ path: implicit.path, line: implicit.line, note: `implicit single process (${implicit.source})` });
      return ctx.score(0.5, { reason: "only an implicit process (Dockerfile CMD / start script)" });
    }
    return ctx.score(0, { absence: true, reason: "no process formation declared" });
  },
});
