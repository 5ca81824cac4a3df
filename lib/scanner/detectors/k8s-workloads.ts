// Kubernetes workload helpers shared by the F08/F09 manifest rules: which pod templates are in a
// unit's scope, which Services target them (kube-score `podIsTargetedByService`: same namespace,
// selector ⊆ pod labels), how Helm `toYaml .Values.x` blocks resolve against values.yaml, and
// upstream kube-score / Polaris exemption annotations.
import type { FileEntry, FindingInput } from "../types.ts";
import type { HelmChart, K8sObject, RepoSnapshot } from "../snapshot/index.ts";
import { HELM_PLACEHOLDER } from "../snapshot/index.ts";

/** Long-running pod templates (Jobs/CronJobs are batch, Pods are rarely deployed directly). */
export const LONG_RUNNING_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout", "DeploymentConfig"]);
export const BATCH_KINDS = new Set(["Job", "CronJob"]);

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
const DATASTORE_IMAGE_RE = /(^|\/)(postgres(ql)?|postgis|mysql|mariadb|mongo(db)?|redis|valkey|memcached|rabbitmq|kafka|zookeeper|elasticsearch|opensearch|minio|etcd|nats|cassandra|clickhouse)(:|@|$)/i;

/** Does a shared (unit-less) workload belong to `unitPath`? Matched by image / workload / container name. */
const GENERIC_DIR = /^(src|app|apps|services?|server|packages?|cmd|main|code|source|backend|frontend|web|api|deploy|java|python|go|node)$/i;

/** Most specific directory name of a unit path ("src/cartservice/src" → "cartservice"). */
export function unitName(unitPath: string): string {
  const segs = unitPath.split("/").filter(Boolean);
  for (let i = segs.length - 1; i >= 0; i--) if (!GENERIC_DIR.test(segs[i])) return segs[i];
  return segs[segs.length - 1] ?? "";
}

function workloadMatchesUnit(o: K8sObject, unitPath: string): boolean {
  const base = norm(unitName(unitPath));
  if (base.length < 3) return false;
  const names = [o.name ?? "", ...o.containers.flatMap((c) => [c.name, (c.image ?? "").split("@")[0].split(":")[0].split("/").pop() ?? ""])].map(norm).filter((n) => n.length >= 3);
  return names.some((n) => n === base || n.includes(base) || base.includes(n));
}

/**
 * k8s objects whose file is among `files` (a unit's scope), skipping dev-environment overlays. With
 * `unitPath` in a repository of several units, workloads in shared (unit-less) files are attributed to
 * the unit whose directory name matches their image/workload/container name; unmatched app workloads stay
 * shared by every unit, unmatched datastore workloads (postgres, redis…) belong to none.
 */
export function k8sInScope(snapshot: RepoSnapshot, files: readonly FileEntry[], unitPath?: string): K8sObject[] {
  const paths = new Set(files.filter((f) => f.env !== "dev").map((f) => f.path));
  const objs = snapshot.k8sObjects().filter((o) => paths.has(o.path));
  const units = snapshot.units;
  if (unitPath === undefined || units.length <= 1) return objs;
  return objs.filter((o) => {
    if (!o.podSpec) return true;
    const owner = snapshot.unitOf(o.path);
    if (owner && owner.path !== ".") return true; // file inside a unit directory: already scoped
    if (workloadMatchesUnit(o, unitPath)) return true;
    if (units.some((u) => u.path !== "." && workloadMatchesUnit(o, u.path))) return false;
    return !o.containers.filter((c) => !c.init).every((c) => DATASTORE_IMAGE_RE.test(c.image ?? ""));
  });
}

/** Workloads with a pod template (not Knative/Cloud Run services, which carry their own probes). */
export function podWorkloads(objects: readonly K8sObject[]): K8sObject[] {
  return objects.filter((o) => o.podSpec && (LONG_RUNNING_KINDS.has(o.kind) || BATCH_KINDS.has(o.kind) || o.kind === "Pod"));
}

export function isHelmValue(v: unknown): boolean {
  return typeof v === "string" && v.includes(HELM_PLACEHOLDER);
}

function stringMap(v: unknown): Record<string, string> | null {
  if (v === null || isHelmValue(v)) return null; // blanked by Helm pre-processing (`{{- include … }}`)
  const o = obj(v);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(o)) {
    if (val === null || val === undefined || typeof val === "object") return null;
    if (isHelmValue(val) || isHelmValue(k)) return null;
    out[k] = String(val);
  }
  return out;
}

/** Pod template labels; null when unknown (Helm include, placeholders). */
export function podLabels(w: K8sObject): Record<string, string> | null {
  if (w.kind === "Pod") return stringMap(obj(w.data.metadata).labels);
  const spec = obj(w.data.spec);
  const tmpl = w.kind === "CronJob" ? obj(obj(obj(spec.jobTemplate).spec).template) : obj(spec.template);
  const labels = obj(tmpl.metadata).labels;
  if (labels === undefined) return {};
  return stringMap(labels);
}

/** Service selector; null when unknown (Helm), {} when absent (selects nothing). */
export function serviceSelector(svc: K8sObject): Record<string, string> | null {
  const sel = obj(svc.data.spec).selector;
  if (sel === undefined) return {};
  return stringMap(sel);
}

function helmChartDir(path: string): string | null {
  const m = /^(.*?)\/?templates\/.+$/.exec(path);
  return m ? (m[1] === "" ? "." : m[1]) : null;
}

/**
 * Services that send traffic to the workload. Plain manifests: same namespace and a non-empty selector
 * that is a subset of the pod labels. Helm templates whose labels/selectors are `include`d (unknown):
 * a Service in the same chart is assumed to target the chart's workloads (the `helm create` layout).
 */
export function servicesTargeting(objects: readonly K8sObject[], w: K8sObject): K8sObject[] {
  const labels = podLabels(w);
  const ns = w.namespace ?? null;
  return objects.filter((s) => {
    if (s.kind !== "Service" || s.apiVersion !== "v1") return false;
    if ((s.namespace ?? null) !== ns && s.namespace !== null && ns !== null) return false;
    const sel = serviceSelector(s);
    if (sel === null || labels === null) {
      return (s.helm || w.helm) && helmChartDir(s.path) !== null && helmChartDir(s.path) === helmChartDir(w.path);
    }
    const keys = Object.keys(sel);
    if (!keys.length) return false;
    return keys.every((k) => labels[k] === sel[k]);
  });
}

/** kube-score `kube-score/ignore` and Polaris exemption annotations on the object or its pod template. */
export function upstreamExempt(w: K8sObject, kubeScoreCheck: string, polarisChecks: readonly string[]): string | null {
  const metas = [obj(w.data.metadata), obj(obj(obj(w.data.spec).template).metadata)];
  for (const m of metas) {
    const ann = obj(m.annotations);
    const ks = ann["kube-score/ignore"];
    if (typeof ks === "string" && ks.split(",").map((s) => s.trim()).includes(kubeScoreCheck)) return `kube-score/ignore: ${kubeScoreCheck}`;
    if (String(ann["polaris.fairwinds.com/exempt"]) === "true") return "polaris.fairwinds.com/exempt";
    for (const c of polarisChecks) if (String(ann[`polaris.fairwinds.com/${c}-exempt`]) === "true") return `polaris.fairwinds.com/${c}-exempt`;
  }
  return null;
}

export function chartOf(snapshot: RepoSnapshot, path: string): HelmChart | undefined {
  const dir = helmChartDir(path);
  if (dir === null) return undefined;
  return snapshot.helmCharts().find((c) => c.dir === dir);
}

/** Look up a dotted key in the chart's default values.yaml (values.yaml first, else the first values file). */
export function helmValue(snapshot: RepoSnapshot, chart: HelmChart, key: string): { found: boolean; value: unknown; path: string | null; line: number | undefined } {
  const defaults = chart.valuesFiles.find((p) => /(^|\/)values\.ya?ml$/.test(p)) ?? chart.valuesFiles[0];
  if (!defaults) return { found: false, value: undefined, path: null, line: undefined };
  const doc = snapshot.yaml(defaults)?.[0];
  let cur: unknown = doc?.data;
  const segs = key.split(".");
  for (const s of segs) {
    if (!cur || typeof cur !== "object" || !(s in (cur as Record<string, unknown>))) return { found: false, value: undefined, path: defaults, line: undefined };
    cur = (cur as Record<string, unknown>)[s];
  }
  return { found: true, value: cur, path: defaults, line: doc?.line(segs) };
}

/**
 * For a Helm template key whose value was blanked by pre-processing (`resources:` followed by
 * `{{- toYaml .Values.resources | nindent 12 }}`), the `.Values.x` reference on the key line or the
 * next non-blank lines (up to 3).
 */
export function helmValuesRefAfter(snapshot: RepoSnapshot, path: string, line: number | undefined): string | null {
  if (!line) return null;
  const lines = snapshot.lines(path);
  for (let i = line - 2; i >= Math.max(0, line - 4); i--) {
    const w = /\{\{-?\s*(?:with|if)\s+\.Values\.([\w.]+)\s*-?\}\}/.exec(lines[i]);
    if (w && /\{\{-?\s*toYaml\s+\.\s/.test(lines.slice(line - 1, line + 2).join("\n"))) return w[1];
  }
  for (let i = line - 1; i < Math.min(lines.length, line + 3); i++) {
    const m = /\.Values\.([\w.]+)/.exec(lines[i]);
    if (m) return m[1];
    if (i > line - 1 && /^\s*[\w-]+\s*:/.test(lines[i])) break;
  }
  return null;
}

/**
 * Resolve a pod/container field that may come from Helm values. Returns
 * `{ state: "set", value }` (a literal or resolved value), `{ state: "absent" }`, or `{ state: "unknown" }`.
 */
export function resolveField(
  snapshot: RepoSnapshot,
  w: K8sObject,
  container: Record<string, unknown>,
  key: string,
  keyLine: number | undefined,
): { state: "set"; value: unknown; from?: { path: string; line: number | undefined } } | { state: "absent" } | { state: "unknown" } {
  if (!(key in container)) return { state: "absent" };
  const v = container[key];
  if (v !== null && v !== undefined && !isHelmValue(v)) return { state: "set", value: v };
  if (!w.helm) return v === null || v === undefined ? { state: "absent" } : { state: "unknown" };
  const ref = helmValuesRefAfter(snapshot, w.path, keyLine);
  const chart = chartOf(snapshot, w.path);
  if (!ref || !chart) return { state: "unknown" };
  const hv = helmValue(snapshot, chart, ref);
  if (!hv.found || hv.value === null || (typeof hv.value === "object" && !Array.isArray(hv.value) && !Object.keys(hv.value as object).length)) {
    return hv.path ? { state: "absent" } : { state: "unknown" };
  }
  return { state: "set", value: hv.value, from: { path: hv.path!, line: hv.line } };
}

/** Identity of a workload container across copies of the same manifest (plain, kustomize base, release bundle). */
export function workloadKey(w: K8sObject, container?: string, snapshot?: RepoSnapshot): string {
  let name = w.name ?? "?";
  const ref = isHelmValue(name) ? /Values\.([\w.]+)/.exec(name)?.[1] : undefined;
  const chart = ref && snapshot ? chartOf(snapshot, w.path) : undefined;
  if (ref && chart && snapshot) {
    const hv = helmValue(snapshot, chart, ref);
    if (hv.found && typeof hv.value === "string") name = hv.value;
  }
  return `${w.kind}/${name}${container ? "/" + container : ""}`;
}

/** Group findings that describe the same workload issue in several manifest copies: report once, list the copies. */
export function reportOnce(
  report: (f: FindingInput) => void,
  items: readonly { key: string; finding: FindingInput }[],
): void {
  const groups = new Map<string, FindingInput[]>();
  for (const it of items) groups.set(it.key, [...(groups.get(it.key) ?? []), it.finding]);
  for (const fs of groups.values()) {
    const [first, ...rest] = fs;
    const copies = rest.map((r) => ({ path: r.path, line: r.line, note: "same issue in another copy of this manifest" }));
    report({ ...first, related: [...(first.related ?? []), ...copies].slice(0, 10), ...(copies.length ? { data: { ...(first.data ?? {}), copies: copies.length } } : {}) });
  }
}
