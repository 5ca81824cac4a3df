// Typed views over deploy / platform / CI files (SD-7): docker-compose, Kubernetes objects (plain
// and Helm templates), GitHub Actions workflows, Terraform basics. Built from the snapshot's
// memoised YAML/TOML parses; every view keeps the YamlDoc for line lookups.
import type { YamlDoc, YamlPath } from "./parsers.ts";
import { basename } from "./roles.ts";

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : null);

// ---------------------------------------------------------------------------------------------
// docker-compose
// ---------------------------------------------------------------------------------------------

export const COMPOSE_NAME_RE = /^(docker-)?compose([._-][\w.-]+)?\.ya?ml$/i;
/**
 * A compose file by name (`docker-compose.prod.yml`, `compose.yaml`) or any YAML file in a `compose/` or `docker-compose/`
 * directory (`docker/compose/traccar-mysql.yaml`: one file per database flavour). The content decides the rest: a file
 * without a `services:` map of services is not a compose view (composeView returns null).
 */
export function isComposePath(path: string): boolean {
  const parts = path.split("/");
  const base = parts.pop() ?? "";
  return COMPOSE_NAME_RE.test(base) || (/\.ya?ml$/i.test(base) && parts.some((d) => /^(docker[-_]?)?compose$/i.test(d)));
}

export interface EnvVarEntry {
  name: string;
  /** Literal value, null when absent or a reference (valueFrom / secretKeyRef). */
  value: string | null;
  /** k8s valueFrom / compose `${VAR}` style indirection. */
  ref: string | null;
  line: number | undefined;
}

export interface ComposeService {
  name: string;
  line: number | undefined;
  image: string | null;
  build: { context: string; dockerfile: string | null } | null;
  command: string | string[] | null;
  entrypoint: string | string[] | null;
  environment: EnvVarEntry[];
  envFiles: string[];
  ports: string[];
  volumes: string[];
  profiles: string[];
  init: boolean;
  healthcheck: boolean;
  raw: Record<string, unknown>;
}

export interface ComposeFile {
  path: string;
  doc: YamlDoc;
  /** SD-2: true for dev-only compose files (session 20: and test/CI ones, docker-compose-ci.yml / compose.test.yml: not the production deployment). */
  dev: boolean;
  services: ComposeService[];
}

function envEntries(v: unknown, doc: YamlDoc, base: YamlPath): EnvVarEntry[] {
  const out: EnvVarEntry[] = [];
  if (Array.isArray(v)) {
    v.forEach((item, i) => {
      const s = str(item);
      if (s !== null) {
        const eq = s.indexOf("=");
        const name = eq === -1 ? s : s.slice(0, eq);
        const value = eq === -1 ? null : s.slice(eq + 1);
        out.push({ name, value, ref: value && /\$\{?\w/.test(value) ? value : null, line: doc.line([...base, i]) });
      } else {
        const o = obj(item);
        if (typeof o.name === "string") {
          const vf = o.valueFrom !== undefined ? JSON.stringify(o.valueFrom) : null;
          out.push({ name: o.name, value: vf ? null : str(o.value), ref: vf, line: (o.value !== undefined ? doc.line([...base, i, "value"]) : undefined) ?? doc.line([...base, i]) });
        }
      }
    });
  } else {
    for (const [name, value] of Object.entries(obj(v))) {
      const s = str(value);
      out.push({ name, value: s, ref: s && /\$\{?\w/.test(s) ? s : null, line: doc.line([...base, name]) });
    }
  }
  return out;
}

/** `source:target[:mode]`, where the source may be `${VAR:-./default}` (whose own colon does not split). */
export function splitVolume(v: string): string[] {
  const m = /^(\$\{[^}]*\}[^:]*|[^:]*):?(.*)$/.exec(v);
  if (!m || !m[2]) return [v];
  return [m[1], ...m[2].split(":")];
}

export function composeView(path: string, docs: YamlDoc[], dev: boolean): ComposeFile | null {
  const doc = docs[0];
  if (!doc) return null;
  const root = obj(doc.data);
  const services = obj(root.services);
  if (!Object.keys(services).length) return null;
  const list: ComposeService[] = Object.entries(services).map(([name, raw]) => {
    const s = obj(raw);
    const build = typeof s.build === "string" ? { context: s.build, dockerfile: null } : s.build ? { context: str(obj(s.build).context) ?? ".", dockerfile: str(obj(s.build).dockerfile) } : null;
    return {
      name,
      line: doc.line(["services", name]),
      image: str(s.image),
      build,
      command: Array.isArray(s.command) ? s.command.map(String) : str(s.command),
      entrypoint: Array.isArray(s.entrypoint) ? s.entrypoint.map(String) : str(s.entrypoint),
      environment: envEntries(s.environment, doc, ["services", name, "environment"]),
      envFiles: arr(s.env_file).map((x) => str(x) ?? str(obj(x).path)).filter((x): x is string => !!x),
      ports: arr(s.ports).map((p) => str(p) ?? `${str(obj(p).published) ?? ""}:${str(obj(p).target) ?? ""}`),
      volumes: arr(s.volumes).map((p) => str(p) ?? `${str(obj(p).source) ?? ""}:${str(obj(p).target) ?? ""}`),
      profiles: arr(s.profiles).map(String),
      init: s.init === true,
      healthcheck: s.healthcheck !== undefined && !obj(s.healthcheck).disable,
      raw: s,
    };
  });
  return { path, doc, dev, services: list };
}

// ---------------------------------------------------------------------------------------------
// Kubernetes (plain manifests and pre-processed Helm templates)
// ---------------------------------------------------------------------------------------------

export interface K8sContainer {
  name: string;
  image: string | null;
  command: string[] | null;
  args: string[] | null;
  env: EnvVarEntry[];
  envFrom: unknown[];
  ports: { containerPort: number | string; name: string | null }[];
  init: boolean;
  line: number | undefined;
  /** Path of the container inside the document (for line lookups). */
  path: YamlPath;
  raw: Record<string, unknown>;
}

export interface K8sObject {
  path: string;
  doc: YamlDoc;
  apiVersion: string;
  kind: string;
  name: string | null;
  namespace: string | null;
  /** Object came from a Helm template (values may be `__HELM__…` placeholders). */
  helm: boolean;
  data: Record<string, unknown>;
  /** Pod spec path for workloads (Deployment → spec.template.spec, CronJob → spec.jobTemplate.spec.template.spec …). */
  podSpecPath: YamlPath | null;
  podSpec: Record<string, unknown> | null;
  containers: K8sContainer[];
  line: number | undefined;
}

const POD_SPEC_PATHS: Record<string, YamlPath> = {
  Pod: ["spec"],
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
  Rollout: ["spec", "template", "spec"],
  DeploymentConfig: ["spec", "template", "spec"],
};

function getIn(data: unknown, p: YamlPath): unknown {
  let cur = data;
  for (const seg of p) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

export function k8sObjectsOf(path: string, docs: YamlDoc[], helm: boolean): K8sObject[] {
  const out: K8sObject[] = [];
  for (const doc of docs) {
    const d = obj(doc.data);
    const apiVersion = str(d.apiVersion);
    const kind = str(d.kind);
    if (!apiVersion || !kind) continue;
    const items = kind === "List" ? arr(d.items) : [d];
    items.forEach((itemRaw, itemIdx) => {
      const item = obj(itemRaw);
      const prefix: YamlPath = kind === "List" ? ["items", itemIdx] : [];
      const k = str(item.kind) ?? kind;
      const meta = obj(item.metadata);
      const psp = POD_SPEC_PATHS[k] ?? (item.spec && obj(obj(item.spec).template).spec ? ["spec", "template", "spec"] : null);
      const podSpec = psp ? obj(getIn(item, psp)) : null;
      const containers: K8sContainer[] = [];
      if (psp && podSpec) {
        for (const [key, init] of [["containers", false], ["initContainers", true]] as const) {
          arr(podSpec[key]).forEach((c, i) => {
            const co = obj(c);
            const cpath: YamlPath = [...prefix, ...psp, key, i];
            containers.push({
              name: str(co.name) ?? `${key}[${i}]`,
              image: str(co.image),
              command: Array.isArray(co.command) ? co.command.map(String) : null,
              args: Array.isArray(co.args) ? co.args.map(String) : null,
              env: envEntries(co.env, doc, [...cpath, "env"]),
              envFrom: arr(co.envFrom),
              ports: arr(co.ports).map((p) => ({ containerPort: (obj(p).containerPort as number | string) ?? "", name: str(obj(p).name) })),
              init,
              line: doc.line(cpath),
              path: cpath,
              raw: co,
            });
          });
        }
      }
      out.push({
        path,
        doc,
        apiVersion: str(item.apiVersion) ?? apiVersion,
        kind: k,
        name: str(meta.name),
        namespace: str(meta.namespace),
        helm,
        data: item,
        podSpecPath: psp ? [...prefix, ...psp] : null,
        podSpec,
        containers,
        line: doc.line(prefix.length ? prefix : ["kind"]),
      });
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions workflows
// ---------------------------------------------------------------------------------------------

export interface WorkflowStep {
  index: number;
  name: string | null;
  uses: string | null;
  run: string | null;
  with: Record<string, unknown>;
  env: Record<string, unknown>;
  line: number | undefined;
  /** Line of the `uses:` / `run:` key. */
  keyLine: number | undefined;
}

export interface WorkflowJob {
  id: string;
  line: number | undefined;
  runsOn: unknown;
  environment: string | null;
  needs: string[];
  if: string | null;
  /** `uses:` of a reusable workflow job. */
  uses: string | null;
  container: { image: string; line: number | undefined } | null;
  services: { name: string; image: string; line: number | undefined }[];
  steps: WorkflowStep[];
  env: Record<string, unknown>;
}

export interface Workflow {
  path: string;
  doc: YamlDoc;
  name: string | null;
  /** Normalised triggers: event name → config (`on: push` → { push: null }). */
  on: Record<string, unknown>;
  jobs: WorkflowJob[];
  env: Record<string, unknown>;
}

export function isWorkflowPath(path: string): boolean {
  return /^(.*\/)?\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

export function workflowView(path: string, docs: YamlDoc[]): Workflow | null {
  const doc = docs[0];
  if (!doc) return null;
  const root = obj(doc.data);
  // YAML 1.1 parsers read `on:` as true; the `yaml` package (1.2 core schema) keeps "on".
  const onRaw = root.on ?? root["true"];
  let on: Record<string, unknown> = {};
  if (typeof onRaw === "string") on = { [onRaw]: null };
  else if (Array.isArray(onRaw)) on = Object.fromEntries(onRaw.map((e) => [String(e), null]));
  else on = obj(onRaw);
  const jobs: WorkflowJob[] = Object.entries(obj(root.jobs)).map(([id, raw]) => {
    const j = obj(raw);
    const env = j.environment;
    const container = typeof j.container === "string" ? j.container : str(obj(j.container).image);
    return {
      id,
      line: doc.line(["jobs", id]),
      runsOn: j["runs-on"],
      environment: typeof env === "string" ? env : str(obj(env).name),
      needs: arr(j.needs).map(String),
      if: str(j.if),
      uses: str(j.uses),
      container: container ? { image: container, line: doc.line(["jobs", id, "container"]) } : null,
      services: Object.entries(obj(j.services)).map(([name, s]) => ({ name, image: str(obj(s).image) ?? "", line: doc.line(["jobs", id, "services", name]) })),
      steps: arr(j.steps).map((s, index) => {
        const so = obj(s);
        return {
          index,
          name: str(so.name),
          uses: str(so.uses),
          run: str(so.run),
          with: obj(so.with),
          env: obj(so.env),
          line: doc.line(["jobs", id, "steps", index]),
          keyLine: doc.line(["jobs", id, "steps", index, so.uses !== undefined ? "uses" : "run"]),
        };
      }),
      env: obj(j.env),
    };
  });
  return { path, doc, name: str(root.name), on, jobs, env: obj(root.env) };
}

// ---------------------------------------------------------------------------------------------
// Terraform basics (HCL blocks and literal attributes; no expressions evaluated)
// ---------------------------------------------------------------------------------------------

export interface TfAttribute {
  key: string;
  /** Raw expression text (first line for multi-line values). */
  raw: string;
  /** Literal value when the expression is a plain string/number/bool. */
  literal: string | number | boolean | null;
  line: number;
}

export interface TfBlock {
  type: string;
  labels: string[];
  line: number;
  endLine: number;
  attrs: TfAttribute[];
  blocks: TfBlock[];
}

/** Parse HCL2 structure: blocks with labels and `key = value` attributes. Heredocs/expressions are kept raw. */
export function parseHcl(text: string): TfBlock[] {
  const lines = text.split(/\r?\n/);
  const root: TfBlock = { type: "<root>", labels: [], line: 0, endLine: lines.length, attrs: [], blocks: [] };
  const stack: TfBlock[] = [root];
  let inBlockComment = false;
  let heredoc: string | null = null;
  let depthInValue = 0;
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i];
    if (heredoc) {
      if (l.trim() === heredoc) heredoc = null;
      continue;
    }
    if (inBlockComment) {
      const e = l.indexOf("*/");
      if (e === -1) continue;
      l = l.slice(e + 2);
      inBlockComment = false;
    }
    l = l.replace(/\/\*.*?\*\//g, "");
    if (l.includes("/*")) {
      l = l.slice(0, l.indexOf("/*"));
      inBlockComment = true;
    }
    const t = l.replace(/(^|\s)(#|\/\/).*$/, "").trim();
    if (!t) continue;
    if (depthInValue > 0) {
      depthInValue += (t.match(/[[{(]/g) ?? []).length - (t.match(/[\]})]/g) ?? []).length;
      continue;
    }
    const blockOpen = /^([A-Za-z_][\w-]*)((?:\s+"[^"]*"|\s+[A-Za-z_][\w-]*)*)\s*\{\s*(\}?)$/.exec(t);
    if (blockOpen && !t.includes("=")) {
      const labels = [...blockOpen[2].matchAll(/"([^"]*)"|([A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? m[2]);
      const b: TfBlock = { type: blockOpen[1], labels, line: i + 1, endLine: i + 1, attrs: [], blocks: [] };
      stack[stack.length - 1].blocks.push(b);
      if (!blockOpen[3]) stack.push(b);
      continue;
    }
    if (t === "}" || t === "})" || t === "},") {
      if (stack.length > 1) stack.pop()!.endLine = i + 1;
      continue;
    }
    const attr = /^([A-Za-z_][\w-]*|"[^"]+")\s*=\s*(.*)$/.exec(t);
    if (attr) {
      const key = attr[1].replace(/^"|"$/g, "");
      const raw = attr[2].trim();
      let literal: string | number | boolean | null = null;
      const s = /^"((?:[^"\\$]|\\.|\$(?!\{))*)"$/.exec(raw);
      if (s) literal = s[1];
      else if (/^-?\d+(\.\d+)?$/.test(raw)) literal = Number(raw);
      else if (raw === "true" || raw === "false") literal = raw === "true";
      const hd = /^<<-?(\w+)$/.exec(raw);
      if (hd) heredoc = hd[1];
      const opens = (raw.match(/[[{(]/g) ?? []).length - (raw.match(/[\]})]/g) ?? []).length;
      if (opens > 0) depthInValue = opens;
      stack[stack.length - 1].attrs.push({ key, raw, literal, line: i + 1 });
    }
  }
  return root.blocks;
}

export function isHelmTemplatePath(path: string, chartDirs: ReadonlySet<string>): boolean {
  if (!/\.(ya?ml|tpl)$/.test(path)) return false;
  // every `templates/` path segment whose parent is a chart directory counts (a chart may live under a
  // directory whose name merely ends in "templates", e.g. "deployment templates/chart/…")
  const parts = path.split("/");
  for (let i = 0; i < parts.length - 1; i++) {
    if (parts[i] !== "templates") continue;
    if (chartDirs.has(i === 0 ? "." : parts.slice(0, i).join("/"))) return true;
  }
  return false;
}

export function isValuesFile(path: string): boolean {
  return /^values([._-][\w.-]+)?\.ya?ml$/i.test(basename(path));
}
