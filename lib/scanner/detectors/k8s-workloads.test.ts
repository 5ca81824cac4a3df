import { describe, expect, it } from "vitest";
import { snapshotFromFiles } from "../testing.ts";
import { podLabels, podWorkloads, resolveField, servicesTargeting, upstreamExempt } from "./k8s-workloads.ts";

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations:
    kube-score/ignore: pod-probes,container-resources
spec:
  template:
    metadata:
      labels:
        app: web
        tier: frontend
    spec:
      containers:
        - name: web
          image: app:1
`;
const svc = (sel: string, ns = "shop") => `---
apiVersion: v1
kind: Service
metadata:
  name: s
  namespace: ${ns}
spec:
  selector:
${sel}`;

describe("k8s-workloads", () => {
  it("matches Services by namespace and selector subset", async () => {
    const { snapshot } = await snapshotFromFiles({ "k8s/a.yaml": deployment + svc("    app: web\n") + svc("    app: api\n") + svc("    app: web\n", "other") });
    const objs = snapshot.k8sObjects();
    const [w] = podWorkloads(objs);
    expect(podLabels(w)).toEqual({ app: "web", tier: "frontend" });
    expect(servicesTargeting(objs, w)).toHaveLength(1);
    expect(upstreamExempt(w, "pod-probes", [])).toBe("kube-score/ignore: pod-probes");
    expect(upstreamExempt(w, "deployment-has-poddisruptionbudget", [])).toBeNull();
  });

  it("resolves Helm toYaml values blocks", async () => {
    const { snapshot } = await snapshotFromFiles({
      "chart/Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n",
      "chart/values.yaml": "resources:\n  requests:\n    cpu: 100m\nprobe: {}\n",
      "chart/templates/d.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: x:1\n          resources:\n            {{- toYaml .Values.resources | nindent 12 }}\n          readinessProbe:\n            {{- toYaml .Values.probe | nindent 12 }}\n",
    });
    const [w] = podWorkloads(snapshot.k8sObjects());
    const c = w.containers[0];
    const res = resolveField(snapshot, w, c.raw, "resources", w.doc.line([...c.path, "resources"]));
    expect(res.state).toBe("set");
    const probe = resolveField(snapshot, w, c.raw, "readinessProbe", w.doc.line([...c.path, "readinessProbe"]));
    expect(probe.state).toBe("absent");
    expect(resolveField(snapshot, w, c.raw, "livenessProbe", undefined).state).toBe("absent");
  });
});
