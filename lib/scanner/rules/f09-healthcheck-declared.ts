import { defineRule } from "./define-rule.ts";
import { k8sInScope, podWorkloads } from "../detectors/k8s-workloads.ts";

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

interface Platform { name: string; path: string; line: number | undefined; has: boolean; note: string }

export default defineRule({
  meta: {
    id: "F09-HEALTHCHECK-DECLARED",
    version: 1,
    factor: "F09",
    kind: "evidence",
    severity: "low",
    confidence: "high",
    appliesTo: ["service"],
    technique: ["PARSE", "FILE"],
    title: "Non-Kubernetes platforms have a health check",
    rationale:
      "Disposable processes are started and replaced all the time; the platform can only route to started instances and replace hung ones quickly if it has a health check. Fly, Render, ECS, App Engine flex and Docker/compose all accept one in the repository's manifests.",
    remediation: "Declare a health check on the platform that runs the service (fly.toml checks, render.yaml healthCheckPath, ECS healthCheck, compose healthcheck or Dockerfile HEALTHCHECK) so it only routes to started instances and replaces unhealthy ones quickly.",
    docs: {
      bad: [{ file: "fly.toml", code: "[http_service]\n  internal_port = 8080" }],
      good: [{ file: "fly.toml", code: "[http_service]\n  internal_port = 8080\n  [[http_service.checks]]\n    path = \"/healthz\"\n    interval = \"15s\"\n    timeout = \"2s\"" }],
    },
    sources: [
      { title: "dockle CIS-DI-0006 (HEALTHCHECK)", url: "https://github.com/goodwithtech/dockle/blob/HEAD/CHECKPOINT.md" },
      { title: "Fly.io health checks", url: "https://fly.io/docs/reference/configuration/#http_service-checks" },
      { title: "Render health checks", url: "https://render.com/docs/health-checks" },
    ],
    deviations:
      "The check is judged on the platform that actually runs the service: a Dockerfile HEALTHCHECK counts only when no other platform manifest exists (Docker/compose/swarm honour it; Kubernetes, Fly, ECS and Cloud Run ignore it). When a known platform's manifest lacks its health-check key the score is 0 with medium confidence (the manifest was read), not a low-confidence absence. Heroku units (Procfile/app.json/heroku.yml, even with a Dockerfile) and App Engine standard units are na: those platforms offer no configurable health check. Kubernetes workloads make the rule na (F09-READINESS-PROBE judges probes).",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source"] });
    if (podWorkloads(k8sInScope(ctx.snapshot, files, ctx.unit.path)).length) return ctx.na("Kubernetes manifests: probes are judged by F09-READINESS-PROBE");
    const snap = ctx.snapshot;
    const platforms: Platform[] = [];
    for (const f of files) {
      const name = f.path.split("/").pop()!;
      if (name === "fly.toml") {
        const t = snap.toml(f.path) ?? {};
        const hs = obj(t.http_service);
        const services = arr(t.services).map(obj);
        const has = arr(hs.checks).length > 0 || services.some((s) => arr(s.http_checks).length > 0 || arr(s.tcp_checks).length > 0) || Object.keys(obj(t.checks)).length > 0;
        platforms.push({ name: "Fly", path: f.path, line: snap.findLine(f.path, has ? /checks/ : /^\s*\[(http_service|\[services\])\]/) , has, note: has ? "fly.toml checks" : "fly.toml declares no checks" });
      } else if (name === "render.yaml") {
        const doc = snap.yaml(f.path)?.[0];
        arr(obj(doc?.data).services).forEach((s, i) => {
          const so = obj(s);
          if (so.type !== "web") return;
          const has = typeof so.healthCheckPath === "string" && so.healthCheckPath.length > 0;
          platforms.push({ name: "Render", path: f.path, line: doc?.line(["services", i, has ? "healthCheckPath" : "type"]), has, note: has ? `healthCheckPath ${String(so.healthCheckPath)}` : `render service ${String(so.name ?? i)} has no healthCheckPath` });
        });
      } else if (name === "app.yaml") {
        const doc = snap.yaml(f.path)?.[0];
        const d = obj(doc?.data);
        if (d.env !== "flex" && d.env !== "flexible") continue;
        const has = d.readiness_check !== undefined || d.liveness_check !== undefined || d.health_check !== undefined;
        platforms.push({ name: "App Engine flex", path: f.path, line: doc?.line([has ? (d.readiness_check !== undefined ? "readiness_check" : d.liveness_check !== undefined ? "liveness_check" : "health_check") : "env"]), has, note: has ? "App Engine readiness/liveness check" : "app.yaml (flex) has no readiness_check" });
      } else if (/\.json$/.test(name) && /task[-_]?def/i.test(f.path)) {
        const defs = arr(obj(snap.json(f.path)).containerDefinitions).map(obj);
        if (!defs.length) continue;
        const has = defs.some((c) => c.healthCheck !== undefined);
        platforms.push({ name: "ECS", path: f.path, line: snap.findLine(f.path, has ? /"healthCheck"/ : /"containerDefinitions"/), has, note: has ? "ECS container healthCheck" : "ECS task definition without healthCheck" });
      } else if (/\.tf$/.test(name)) {
        for (const b of snap.hcl(f.path) ?? []) {
          if (b.type !== "resource" || b.labels[0] !== "aws_ecs_task_definition") continue;
          const text = snap.lines(f.path).slice(b.line - 1, b.endLine).join("\n");
          const has = /healthCheck/.test(text);
          platforms.push({ name: "ECS", path: f.path, line: b.line, has, note: has ? "ECS container healthCheck" : `aws_ecs_task_definition.${b.labels[1]} without healthCheck` });
        }
      }
    }
    for (const cf of snap.composeFiles()) {
      if (cf.dev || !files.some((f) => f.path === cf.path)) continue;
      for (const s of cf.services) {
        if (!s.build) continue;
        platforms.push({ name: "compose", path: cf.path, line: s.line, has: s.healthcheck, note: s.healthcheck ? `compose service ${s.name} healthcheck` : `compose service ${s.name} has no healthcheck` });
      }
    }
    // Dockerfile HEALTHCHECK: only meaningful when Docker itself runs the image.
    const dockerfiles = snap.dockerfiles().filter((d) => files.some((f) => f.path === d.path) && snap.file(d.path)?.env !== "dev");
    const dockerHc = dockerfiles.map((d) => {
      const final = d.model.stages[d.model.stages.length - 1];
      const hc = [...(final?.instructions ?? [])].reverse().find((i) => i.keyword === "HEALTHCHECK");
      return { path: d.path, line: hc?.line ?? final?.from.line, has: !!hc && !/^\s*NONE\b/i.test(hc.args) };
    });
    if (!platforms.length) {
      if (!dockerHc.length) return ctx.na("no deploy target with a health-check concept (Procfile-only or no deploy manifests)");
      const heroku = files.find((f) => /(^|\/)(Procfile|app\.json|heroku\.yml)$/.test(f.path));
      if (heroku) return ctx.na(`Heroku (${heroku.path}) has no configurable health check and ignores Dockerfile HEALTHCHECK`);
      for (const d of dockerHc) if (d.has) ctx.evidence({ path: d.path, line: d.line, note: "Dockerfile HEALTHCHECK" });
      if (dockerHc.some((d) => d.has)) return ctx.score(1, { reason: "Dockerfile declares a HEALTHCHECK" });
      return ctx.score(0, { absence: true, reason: "no HEALTHCHECK in the Dockerfile and no platform manifest with a health check" });
    }
    const ok = platforms.filter((p) => p.has);
    for (const p of ok) ctx.evidence({ path: p.path, line: p.line, note: p.note });
    const missing = platforms.filter((p) => !p.has);
    if (!missing.length) return ctx.score(1, { reason: ok.map((p) => p.note).join("; ") });
    const list = missing.map((p) => `${p.note} (${p.path}${p.line ? ":" + p.line : ""})`).join("; ");
    if (ok.length) return ctx.score(0.5, { reason: `partial: ${list}` });
    return ctx.score(0, { confidence: "medium", reason: list });
  },
});
