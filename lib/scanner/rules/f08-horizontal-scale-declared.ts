import { defineRule, type RuleContext } from "./define-rule.ts";
import type { K8sObject } from "../snapshot/index.ts";
import { chartOf, helmValue, isHelmValue, k8sInScope, LONG_RUNNING_KINDS, upstreamExempt } from "../detectors/k8s-workloads.ts";

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const num = (v: unknown): number | null => (typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : null);

/** Datastores/brokers run as StatefulSets next to the app are backing services, not app processes. */
const DATASTORE_IMAGE_RE = /(^|\/)(postgres(ql)?|mysql|mariadb|mongo(db)?|redis|valkey|memcached|rabbitmq|kafka|zookeeper|elasticsearch|opensearch|minio|etcd|nats|cassandra|clickhouse)(:|@|$)/i;

interface Target { name: string; path: string; line: number | undefined; scaled: boolean; how: string }

function helmNumber(ctx: RuleContext, o: K8sObject, v: unknown): number | null {
  if (!isHelmValue(v)) return num(v);
  const ref = /Values\.([\w.]+)/.exec(String(v))?.[1];
  const chart = chartOf(ctx.snapshot, o.path);
  if (!ref || !chart) return null;
  const hv = helmValue(ctx.snapshot, chart, ref);
  return hv.found ? num(hv.value) : null;
}

/** An HPA/ScaledObject in a Helm template guarded by `{{- if .Values.autoscaling.enabled }}` counts only when enabled. */
function helmGuardEnabled(ctx: RuleContext, o: K8sObject): boolean {
  if (!o.helm) return true;
  const guard = /\{\{-?\s*if\s+\.Values\.([\w.]+)\s*-?\}\}/.exec(ctx.snapshot.text(o.path) ?? "");
  const chart = chartOf(ctx.snapshot, o.path);
  if (!guard || !chart) return true;
  const hv = helmValue(ctx.snapshot, chart, guard[1]);
  return !hv.found || hv.value === true || hv.value === "true";
}

function k8sTargets(ctx: RuleContext, objects: readonly K8sObject[]): Target[] {
  const scalers = objects.filter((o) => (o.kind === "HorizontalPodAutoscaler" || (o.kind === "ScaledObject" && o.apiVersion.startsWith("keda.sh"))) && helmGuardEnabled(ctx, o));
  const out: Target[] = [];
  for (const w of objects) {
    if (!LONG_RUNNING_KINDS.has(w.kind) || w.kind === "DaemonSet" || w.kind === "ReplicaSet" || !w.podSpec) continue;
    if (w.containers.length && w.containers.filter((c) => !c.init).every((c) => DATASTORE_IMAGE_RE.test(c.image ?? ""))) continue;
    const name = `${w.kind}/${w.name ?? "?"}`;
    if (upstreamExempt(w, "deployment-has-poddisruptionbudget", ["deploymentMissingReplicas"])) continue;
    const scaler = scalers.find((s) => {
      const ref = obj(obj(s.data.spec).scaleTargetRef);
      const refName = ref.name;
      if (isHelmValue(refName) || isHelmValue(w.name)) return chartOf(ctx.snapshot, s.path) !== undefined && chartOf(ctx.snapshot, s.path) === chartOf(ctx.snapshot, w.path);
      return refName === w.name && (ref.kind === undefined || ref.kind === w.kind);
    });
    if (scaler) {
      out.push({ name, path: scaler.path, line: scaler.line, scaled: true, how: `${scaler.kind} targets ${name}` });
      continue;
    }
    const raw = obj(w.data.spec).replicas;
    const replicas = raw === undefined ? 1 : helmNumber(ctx, w, raw);
    if (replicas === null) continue;
    out.push({ name, path: w.path, line: w.doc.line(["spec", "replicas"]) ?? w.line, scaled: replicas >= 2, how: raw === undefined ? "replicas not set (defaults to 1)" : `replicas: ${replicas}` });
  }
  // Knative / Cloud Run services autoscale unless maxScale pins them to one instance.
  for (const o of objects) {
    if (o.kind !== "Service" || !o.apiVersion.startsWith("serving.knative.dev")) continue;
    const ann = { ...obj(obj(o.data.metadata).annotations), ...obj(obj(obj(obj(o.data.spec).template).metadata).annotations) };
    const max = num(ann["autoscaling.knative.dev/maxScale"] ?? ann["autoscaling.knative.dev/max-scale"]);
    out.push({ name: `Service/${o.name ?? "?"}`, path: o.path, line: o.line, scaled: max === null || max >= 2, how: max === null ? "Knative/Cloud Run autoscaling (default)" : `maxScale: ${max}` });
  }
  return out;
}

function platformTargets(ctx: RuleContext): Target[] {
  const out: Target[] = [];
  const snap = ctx.snapshot;
  for (const f of ctx.files({ roles: ["source"] })) {
    const base = f.path.split("/").pop()!;
    if (base === "fly.toml") {
      const t = snap.toml(f.path) ?? {};
      const hs = obj(t.http_service);
      const min = num(hs.min_machines_running);
      if (min !== null) out.push({ name: "fly http_service", path: f.path, line: snap.findLine(f.path, /min_machines_running/), scaled: min >= 2, how: `min_machines_running = ${min}` });
    } else if (base === "render.yaml") {
      const doc = snap.yaml(f.path)?.[0];
      const services = (obj(doc?.data).services as unknown[]) ?? [];
      if (!Array.isArray(services)) continue;
      services.forEach((s, i) => {
        const so = obj(s);
        if (so.type === "cron") return;
        const scaling = obj(so.scaling);
        const n = num(so.numInstances);
        const max = num(scaling.maxInstances);
        if (max !== null) out.push({ name: `render ${String(so.name ?? i)}`, path: f.path, line: doc?.line(["services", i, "scaling"]), scaled: max > 1, how: `scaling.maxInstances: ${max}` });
        else if (n !== null) out.push({ name: `render ${String(so.name ?? i)}`, path: f.path, line: doc?.line(["services", i, "numInstances"]), scaled: n >= 2, how: `numInstances: ${n}` });
      });
    } else if (/\.tf$/.test(base)) {
      for (const b of snap.hcl(f.path) ?? []) {
        if (b.type !== "resource") continue;
        const kind = b.labels[0];
        if (kind === "aws_appautoscaling_target" || kind === "google_cloud_run_service" || kind === "google_cloud_run_v2_service") {
          const maxAttr = b.attrs.find((a) => a.key === "max_capacity") ?? b.blocks.flatMap((x) => [...x.attrs, ...x.blocks.flatMap((y) => y.attrs)]).find((a) => a.key === "max_instance_count");
          const max = maxAttr && typeof maxAttr.literal === "number" ? maxAttr.literal : null;
          out.push({ name: `${kind}.${b.labels[1]}`, path: f.path, line: b.line, scaled: max === null || max >= 2, how: max === null ? `${kind} (autoscaling)` : `max ${max}` });
        } else if (kind === "aws_ecs_service") {
          const dc = b.attrs.find((a) => a.key === "desired_count");
          if (dc && typeof dc.literal === "number") out.push({ name: `aws_ecs_service.${b.labels[1]}`, path: f.path, line: dc.line, scaled: dc.literal >= 2, how: `desired_count = ${dc.literal}` });
        }
      }
    }
  }
  for (const cf of snap.composeFiles()) {
    if (cf.dev || !ctx.files({ roles: ["source"] }).some((f) => f.path === cf.path)) continue;
    for (const s of cf.services) {
      const n = num(obj(s.raw.deploy).replicas);
      if (n !== null) out.push({ name: `compose ${s.name}`, path: cf.path, line: cf.doc.line(["services", s.name, "deploy", "replicas"]), scaled: n >= 2, how: `deploy.replicas: ${n}` });
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: "F08-HORIZONTAL-SCALE-DECLARED",
    version: 1,
    factor: "F08",
    kind: "evidence",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker", "infra"],
    technique: ["PARSE", "XREF"],
    upstream: ["kube-score:deployment-has-poddisruptionbudget", "polaris:deploymentMissingReplicas"],
    title: "Scaling is expressed as more processes",
    rationale:
      "The process model scales out by running more copies of a process type. Manifests that pin every workload to a single replica (or leave the Kubernetes default of one) make each deploy or node drain an outage and show the app has never been run as several concurrent processes.",
    remediation: "Run at least two replicas of each request-serving process type (with a PodDisruptionBudget) and autoscale on load.",
    docs: {
      bad: [{ file: "k8s/deployment.yaml", code: "kind: Deployment\nspec:\n  replicas: 1" }],
      good: [{ file: "k8s/hpa.yaml", code: "kind: HorizontalPodAutoscaler\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n  minReplicas: 2\n  maxReplicas: 10" }],
    },
    sources: [
      { title: "12factor.net — Concurrency", url: "https://12factor.net/concurrency" },
      { title: "Polaris reliability checks", url: "https://polaris.docs.fairwinds.com/checks/reliability/" },
      { title: "kube-score checks", url: "https://github.com/zegl/kube-score/blob/HEAD/README_CHECKS.md" },
    ],
    deviations:
      "Scored per declared process: every workload scaled (replicas ≥ 2, HPA/KEDA target, Knative/Cloud Run autoscaling, fly min_machines_running ≥ 2, render numInstances/maxInstances, ECS desired_count, swarm deploy.replicas) → 1.0; some → 0.75; none → 0.5 (medium confidence: single replicas may be deliberate). Datastore StatefulSets (postgres, redis…) and DaemonSets are not app processes and are skipped. A PodDisruptionBudget alone is not scaling. Helm `replicaCount` and HPA templates guarded by `if .Values.autoscaling.enabled` are resolved from values.yaml. Procfile-only (Heroku) and Dockerfile-only units are na: their process counts live outside the repository; app.json `formation` is not used (RULES.md lists it) because Heroku applies it only to apps created from the manifest (review apps, Heroku Button), not to the production app's `ps:scale`.",
  },
  check(ctx) {
    const objects = k8sInScope(ctx.snapshot, ctx.files({ roles: ["source"] }), ctx.unit.path);
    const targets = [...k8sTargets(ctx, objects), ...platformTargets(ctx)];
    if (!targets.length) return ctx.na("no deploy manifest declares process counts");
    const scaled = targets.filter((t) => t.scaled);
    for (const t of scaled) ctx.evidence({ path: t.path, line: t.line, note: `${t.name}: ${t.how}` });
    const single = targets.filter((t) => !t.scaled);
    if (!single.length) return ctx.score(1, { reason: `${scaled.length} process type(s) run more than one replica or autoscale` });
    const list = single.map((t) => `${t.name} (${t.how}, ${t.path}${t.line ? ":" + t.line : ""})`).join("; ");
    if (scaled.length) return ctx.score(0.75, { reason: `single replica: ${list}` });
    return ctx.score(0.5, { confidence: "medium", reason: `every declared process runs one replica: ${list}` });
  },
});
