import { defineRule, type RuleContext } from "./define-rule.ts";
import type { K8sContainer, K8sObject } from "../snapshot/index.ts";
import type { FindingInput } from "../types.ts";
import { BATCH_KINDS, isHelmValue, k8sInScope, podWorkloads, reportOnce, resolveField, servicesTargeting, upstreamExempt, workloadKey } from "../detectors/k8s-workloads.ts";

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Normalised probe handler (kube-score compares the handler, not timings). Named ports resolve to numbers. */
function handlerKey(probe: unknown, c: K8sContainer): string | null {
  const p = obj(probe);
  const port = (v: unknown) => {
    if (typeof v === "string" && !/^\d+$/.test(v)) {
      const named = c.ports.find((x) => x.name === v);
      return named ? String(named.containerPort) : v;
    }
    return String(v);
  };
  if (p.httpGet) {
    const h = obj(p.httpGet);
    return `http:${String(h.path ?? "/")}:${port(h.port)}`;
  }
  if (p.tcpSocket) return `tcp:${port(obj(p.tcpSocket).port)}`;
  if (p.grpc) return `grpc:${port(obj(p.grpc).port)}:${String(obj(p.grpc).service ?? "")}`;
  if (p.exec) {
    const cmd = obj(p.exec).command;
    return `exec:${Array.isArray(cmd) ? cmd.map(String).join(" ") : String(cmd)}`;
  }
  return null;
}

export default defineRule({
  meta: {
    id: "F09-READINESS-PROBE",
    version: 1,
    factor: "F09",
    kind: "violation",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "infra"],
    technique: ["PARSE", "XREF"],
    upstream: ["kube-score:pod-probes", "polaris:readinessProbeMissing"],
    title: "Traffic not gated by a readiness probe, or liveness identical to readiness",
    rationale:
      "Fast startup and graceful shutdown only help if the load balancer knows when a process can take traffic. Without a readiness probe a Service routes requests to pods that are still booting or already draining; a liveness probe identical to the readiness probe restarts pods whenever a dependency is slow, turning a brownout into a restart storm.",
    remediation:
      "Add a readiness probe that reports ready only after startup and fails after SIGTERM; make liveness (if any) a cheaper, different check that does not depend on downstream services.",
    docs: {
      bad: [{ file: "k8s/deployment.yaml", code: "containers:\n  - name: web\n    image: app:1.4.2\n    livenessProbe:\n      httpGet: { path: /healthz, port: 8080 }\n    readinessProbe:\n      httpGet: { path: /healthz, port: 8080 }" }],
      good: [{ file: "k8s/deployment.yaml", code: "containers:\n  - name: web\n    image: app:1.4.2\n    livenessProbe:\n      httpGet: { path: /livez, port: 8080 }\n    readinessProbe:\n      httpGet: { path: /readyz, port: 8080 }" }],
    },
    sources: [
      { title: "kube-score pod-probes", url: "https://github.com/zegl/kube-score/blob/HEAD/README_PROBES.md" },
      { title: "Polaris readinessProbeMissing", url: "https://github.com/FairwindsOps/polaris/blob/HEAD/checks/readinessProbeMissing.yaml" },
      { title: "12factor.net — Disposability", url: "https://12factor.net/disposability" },
    ],
    deviations:
      "Like kube-score, only pods targeted by a Service are judged (a pod no Service routes to gains nothing from readiness), so workers are never flagged; identical liveness/readiness probes are medium (RULES.md: high, kube-score: critical): the restart-storm hazard only materialises when the shared endpoint checks downstream dependencies, which a manifest cannot show (Google's microservices-demo uses the same cheap gRPC health check for both). The same workload container copied into several manifest flavours (plain, kustomize base, release bundle) is reported once, the copies listed as related locations. Named probe ports are resolved to the container port before comparing. Helm: `readinessProbe:` filled by `toYaml .Values.x` is resolved against the chart's values.yaml; unresolvable values are not reported. In Helm charts whose labels/selectors come from `include`, a Service in the same chart is assumed to target the chart's workloads. kube-score/Polaris exemption annotations skip the workload (recorded as evidence) because the scanner core maps only hadolint pragmas today. Missing liveness is not reported.",
  },
  check(ctx) {
    const objects = k8sInScope(ctx.snapshot, ctx.files(), ctx.unit.path);
    const workloads = podWorkloads(objects).filter((w) => !BATCH_KINDS.has(w.kind));
    if (!workloads.length) return ctx.na("no Kubernetes workload manifests");
    let judged = 0;
    const items: { key: string; finding: FindingInput }[] = [];
    for (const w of workloads) {
      const services = servicesTargeting(objects, w);
      if (!services.length) continue;
      const exempt = upstreamExempt(w, "pod-probes", ["readinessProbeMissing"]);
      if (exempt) {
        ctx.evidence({ path: w.path, line: w.line, note: `probe checks exempted by ${exempt}` });
        continue;
      }
      judged++;
      for (const c of w.containers) {
        if (c.init) continue;
        const f = checkContainer(ctx, w, c, services[0]);
        if (f) items.push({ key: `${workloadKey(w, c.name, ctx.snapshot)}:${f.message}`, finding: f });
      }
    }
    if (!judged) return ctx.na("no workload is targeted by a Service");
    reportOnce((f) => ctx.report(f), items);
  },
});

function checkContainer(ctx: RuleContext, w: K8sObject, c: K8sContainer, svc: K8sObject): FindingInput | null {
  const lineOf = (key: string) => w.doc.line([...c.path, key]);
  const readiness = resolveField(ctx.snapshot, w, c.raw, "readinessProbe", lineOf("readinessProbe"));
  const liveness = resolveField(ctx.snapshot, w, c.raw, "livenessProbe", lineOf("livenessProbe"));
  const related = [{ path: svc.path, line: svc.line, note: `Service ${svc.name ?? ""} routes traffic to this pod` }];
  if (readiness.state === "absent") {
    return {
      path: w.path,
      line: c.line,
      message: "Service-targeted container has no readiness probe.",
      match: `${w.kind}/${w.name ?? ""}/${c.name} readinessProbe missing`,
      severity: "medium",
      related,
      data: { workload: `${w.kind}/${w.name ?? "?"}`, container: c.name },
    };
  }
  if (readiness.state !== "set" || liveness.state !== "set") return null;
  if (isHelmValue(JSON.stringify(readiness.value)) || isHelmValue(JSON.stringify(liveness.value))) return null;
  const r = handlerKey(readiness.value, c);
  const l = handlerKey(liveness.value, c);
  if (r && l && r === l) {
    return {
      path: w.path,
      line: lineOf("livenessProbe") ?? c.line,
      message: "Liveness probe is identical to the readiness probe.",
      match: `${w.kind}/${w.name ?? ""}/${c.name} liveness==readiness ${r}`,
      severity: "medium",
      related: [...(readiness.from ? [{ path: readiness.from.path, line: readiness.from.line, note: "probe values" }] : []), ...related],
      data: { workload: `${w.kind}/${w.name ?? "?"}`, container: c.name, handler: r },
    };
  }
  return null;
}
