import { defineRule } from "./define-rule.ts";
import type { FindingInput } from "../types.ts";
import { isHelmValue, k8sInScope, podWorkloads, reportOnce, resolveField, upstreamExempt, workloadKey } from "../detectors/k8s-workloads.ts";

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const present = (v: unknown) => v !== undefined && v !== null && v !== "";

export default defineRule({
  meta: {
    id: "F08-RESOURCE-REQUESTS",
    version: 1,
    factor: "F08",
    kind: "violation",
    severity: "low",
    confidence: "high",
    appliesTo: ["service", "worker", "infra"],
    technique: ["PARSE"],
    opinionated: true,
    upstream: ["kube-score:container-resources", "polaris:cpuRequestsMissing", "polaris:memoryRequestsMissing"],
    title: "Containers without CPU/memory requests",
    rationale:
      "Scaling out by adding processes only works when the scheduler knows what a process needs: without requests, pods are packed onto nodes blindly (BestEffort QoS, first to be evicted) and CPU-based autoscaling has no baseline to compute utilisation from.",
    remediation: "Set CPU and memory requests for every process type so the scheduler can place more processes and autoscalers can work.",
    docs: {
      bad: [{ file: "k8s/deployment.yaml", code: "containers:\n  - name: web\n    image: app:1.4.2" }],
      good: [{ file: "k8s/deployment.yaml", code: "containers:\n  - name: web\n    image: app:1.4.2\n    resources:\n      requests: { cpu: 250m, memory: 256Mi }\n      limits: { memory: 512Mi }" }],
    },
    sources: [
      { title: "kube-score container-resources", url: "https://github.com/zegl/kube-score/blob/HEAD/README_CHECKS.md" },
      { title: "Polaris efficiency checks", url: "https://polaris.docs.fairwinds.com/checks/efficiency/" },
      { title: "Kubernetes — Resource management for pods and containers", url: "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/" },
    ],
    deviations:
      "A limit without a request counts as a request (Kubernetes defaults the request to the limit). CPU limits are never required. Init containers are skipped (their requests only affect scheduling during startup). A LimitRange in the repo (any namespace) passes every container, since its defaults apply at admission. Helm `resources: {{ toYaml .Values.resources }}` is resolved against values.yaml (the `helm create` default `resources: {}` is a finding); unresolvable values are not reported. kube-score/Polaris exemption annotations skip the workload. ECS task definitions are not evaluated yet.",
  },
  check(ctx) {
    const objects = k8sInScope(ctx.snapshot, ctx.files(), ctx.unit.path);
    const workloads = podWorkloads(objects);
    if (!workloads.length) return ctx.na("no Kubernetes workload manifests");
    const limitRange = ctx.snapshot.k8sObjects().find((o) => o.kind === "LimitRange");
    if (limitRange) {
      ctx.evidence({ path: limitRange.path, line: limitRange.line, note: "LimitRange provides default requests" });
      return;
    }
    const items: { key: string; finding: FindingInput }[] = [];
    for (const w of workloads) {
      const exempt = upstreamExempt(w, "container-resources", ["cpuRequestsMissing", "memoryRequestsMissing"]);
      if (exempt) {
        ctx.evidence({ path: w.path, line: w.line, note: `resource checks exempted by ${exempt}` });
        continue;
      }
      for (const c of w.containers) {
        if (c.init) continue;
        const res = resolveField(ctx.snapshot, w, c.raw, "resources", w.doc.line([...c.path, "resources"]));
        if (res.state === "unknown") continue;
        const r = res.state === "set" ? obj(res.value) : {};
        if (isHelmValue(JSON.stringify(r))) continue;
        const missing = (["cpu", "memory"] as const).filter((k) => !present(obj(r.requests)[k]) && !present(obj(r.limits)[k]));
        if (!missing.length) continue;
        const id = `${w.kind}/${w.name ?? "?"}`;
        items.push({ key: `${workloadKey(w, c.name, ctx.snapshot)}:${missing.join(",")}`, finding: {
          path: w.path,
          line: c.line,
          message: missing.length === 2 ? "Container declares no CPU or memory request." : `Container declares no ${missing[0]} request.`,
          match: `${id}/${c.name} requests missing ${missing.join(",")}`,
          related: res.state === "set" && res.from ? [{ path: res.from.path, line: res.from.line, note: "resources from Helm values" }] : undefined,
          data: { workload: id, container: c.name, missing: missing.join(", ") },
        } });
      }
    }
    reportOnce((f) => ctx.report(f), items);
  },
});
