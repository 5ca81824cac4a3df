import { defineRule, type RuleContext } from "./define-rule.ts";
import { imageBaseName, parseImageRef } from "../detectors/image-ref.ts";
import { family, formatInterval, overlaps, parseRange, type Interval } from "../detectors/version-range.ts";

type Runtime = "node" | "python" | "ruby" | "go";
/** Release-line granularity: Node majors; Python/Ruby/Go minors. */
const PRECISION: Record<Runtime, number> = { node: 1, python: 2, ruby: 2, go: 2 };
const NODE_LTS: Record<string, string> = { argon: "4", boron: "6", carbon: "8", dubnium: "10", erbium: "12", fermium: "14", gallium: "16", hydrogen: "18", iron: "20", jod: "22", krypton: "24" };

type Role = "image" | "pin" | "range" | "platform" | "ci";
interface Decl { runtime: Runtime; role: Role; raw: string; set: Interval[]; path: string; line: number | undefined; label: string }

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function pinSet(runtime: Runtime, raw: string): Interval[] | null {
  let v = raw.trim().replace(/^(ruby|python|go|node)-?/i, "");
  const lts = /^lts\/(\w+)$/i.exec(v);
  if (lts) v = NODE_LTS[lts[1].toLowerCase()] ?? "";
  const f = family(v, PRECISION[runtime]);
  return f ? [f] : null;
}

function imageRuntime(image: string): { runtime: Runtime; version: string } | null {
  const ref = parseImageRef(image);
  if (!ref || ref.unresolved) return null;
  const base = imageBaseName(ref);
  const distroless = /^nodejs(\d+)/.exec(base) ?? /^python(\d)/.exec(base);
  if (distroless) return { runtime: base.startsWith("node") ? "node" : "python", version: distroless[1] };
  const runtime: Runtime | null = base === "node" ? "node" : base === "python" ? "python" : base === "ruby" ? "ruby" : base === "golang" || base === "go" ? "go" : null;
  if (!runtime || !ref.tag) return null;
  const m = /^v?(\d+(?:\.\d+){0,2})/.exec(ref.tag);
  return m ? { runtime, version: m[1] } : null;
}

function collect(ctx: RuleContext): Decl[] {
  const out: Decl[] = [];
  const snap = ctx.snapshot;
  const add = (runtime: Runtime, role: Role, raw: string, set: Interval[] | null, path: string, line: number | undefined, label: string) => {
    if (set) out.push({ runtime, role, raw, set, path, line, label });
  };
  const files = ctx.files({ roles: ["source", "dev"] });
  for (const f of files) {
    const name = f.path.split("/").pop()!;
    const first = () => (snap.lines(f.path).find((l) => l.trim() && !l.trim().startsWith("#")) ?? "").trim();
    if (name === ".nvmrc" || name === ".node-version") add("node", "pin", first(), pinSet("node", first()), f.path, 1, name);
    else if (name === ".python-version") add("python", "pin", first(), pinSet("python", first()), f.path, 1, name);
    else if (name === ".ruby-version") add("ruby", "pin", first(), pinSet("ruby", first()), f.path, 1, name);
    else if (name === "runtime.txt") {
      const m = /^python-(\d+\.\d+(?:\.\d+)?)/.exec(first());
      if (m) add("python", "platform", m[1], pinSet("python", m[1]), f.path, 1, "runtime.txt");
    } else if (name === ".tool-versions") {
      snap.lines(f.path).forEach((l, i) => {
        const m = /^\s*(nodejs|node|python|ruby|golang|go)\s+(\S+)/.exec(l);
        if (!m) return;
        const rt: Runtime = m[1].startsWith("node") ? "node" : m[1] === "golang" ? "go" : (m[1] as Runtime);
        add(rt, "pin", m[2], pinSet(rt, m[2]), f.path, i + 1, `.tool-versions ${m[1]}`);
      });
    } else if (name === "mise.toml" || name === ".mise.toml") {
      const tools = obj(snap.toml(f.path)?.tools);
      for (const [k, v] of Object.entries(tools)) {
        const rt: Runtime | null = k === "node" || k === "nodejs" ? "node" : k === "python" ? "python" : k === "ruby" ? "ruby" : k === "go" ? "go" : null;
        const raw = typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : null;
        if (rt && raw) add(rt, "pin", raw, pinSet(rt, raw), f.path, snap.findLine(f.path, new RegExp(`^\\s*${k}\\s*=`)), `mise ${k}`);
      }
    } else if (name === "package.json") {
      const pj = snap.packageJson(f.path);
      const eng = pj?.engines?.node;
      if (typeof eng === "string") add("node", "range", eng, parseRange(eng), f.path, snap.findLine(f.path, /"node"\s*:/), "package.json engines.node");
      const volta = obj(pj?.volta).node;
      if (typeof volta === "string") add("node", "pin", volta, pinSet("node", volta), f.path, snap.findLine(f.path, /"volta"/), "package.json volta.node");
    } else if (name === "pyproject.toml") {
      const t = snap.toml(f.path) ?? {};
      const rp = obj(t.project)["requires-python"];
      if (typeof rp === "string") add("python", "range", rp, parseRange(rp), f.path, snap.findLine(f.path, /requires-python/), "requires-python");
      const poetry = obj(obj(obj(t.tool).poetry).dependencies).python;
      if (typeof poetry === "string") add("python", "range", poetry, parseRange(poetry), f.path, snap.findLine(f.path, /^\s*python\s*=/), "poetry python");
    } else if (name === "Pipfile") {
      const pv = obj(snap.toml(f.path)?.requires).python_version;
      if (typeof pv === "string") add("python", "range", pv, parseRange(`==${pv}.*`), f.path, snap.findLine(f.path, /python_version/), "Pipfile python_version");
    } else if (name === "Gemfile") {
      const line = snap.findLine(f.path, /^\s*ruby\s+["']/);
      const m = line ? /^\s*ruby\s+["']([^"']+)["']/.exec(snap.lines(f.path)[line - 1]) : null;
      if (m) add("ruby", "platform", m[1], parseRange(/^[\d.]+$/.test(m[1]) ? `=${m[1]}` : m[1]), f.path, line, "Gemfile ruby");
    } else if (name === "go.mod") {
      const lines = snap.lines(f.path);
      lines.forEach((l, i) => {
        const g = /^go\s+(\d+\.\d+(?:\.\d+)?)\s*$/.exec(l);
        if (g) add("go", "range", g[1], parseRange(`>=${g[1]}`), f.path, i + 1, "go.mod go");
        const t = /^toolchain\s+go(\d+\.\d+(?:\.\d+)?)/.exec(l);
        if (t) add("go", "pin", t[1], pinSet("go", t[1]), f.path, i + 1, "go.mod toolchain");
      });
    }
  }
  for (const d of snap.dockerfiles()) {
    const f = snap.file(d.path);
    if (!f || f.role !== "source" || f.env === "dev" || f.env === "test" || !files.some((x) => x.path === d.path)) continue;
    for (const st of d.model.stages) {
      if (st.fromStage || !st.from.resolved) continue;
      const ir = imageRuntime(st.from.resolved);
      if (ir) add(ir.runtime, "image", ir.version, pinSet(ir.runtime, ir.version), d.path, st.from.line, `${d.path} FROM ${st.from.resolved}${st.isFinal ? "" : " (build stage)"}`);
    }
  }
  for (const wf of snap.workflows()) {
    if (!files.some((x) => x.path === wf.path)) continue;
    const jobsRaw = obj(obj(wf.doc.data).jobs);
    for (const job of wf.jobs) {
      const matrix = obj(obj(obj(jobsRaw[job.id]).strategy).matrix);
      for (const step of job.steps) {
        const m = /^actions\/setup-(node|python|go)@|^ruby\/setup-ruby@/.exec(step.uses ?? "");
        if (!m) continue;
        const rt: Runtime = (m[1] as Runtime | undefined) ?? "ruby";
        const key = `${rt}-version`;
        const v = step.with[key];
        let values: string[] = [];
        const ref = typeof v === "string" ? /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(v) : null;
        if (ref) values = (Array.isArray(matrix[ref[1]]) ? (matrix[ref[1]] as unknown[]) : []).map(String);
        else if (typeof v === "string" || typeof v === "number") values = [String(v)];
        else if (Array.isArray(v)) values = v.map(String);
        const sets = values.map((x) => pinSet(rt, x)).filter((s): s is Interval[] => !!s).flat();
        if (sets.length) out.push({ runtime: rt, role: "ci", raw: values.join(", "), set: sets, path: wf.path, line: step.keyLine ?? step.line, label: `${wf.path} setup-${rt} ${values.join(", ")}` });
      }
    }
  }
  return out;
}

const show = (set: Interval[]) => set.map(formatInterval).join(" ∪ ");

export default defineRule({
  meta: {
    id: "F10-RUNTIME-VERSION-DRIFT",
    version: 1,
    factor: "F10",
    kind: "violation",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker", "cli", "static"],
    reducedFor: ["library"],
    technique: ["PARSE", "XREF"],
    title: "Language runtime differs between dev, CI and the production image",
    rationale:
      "Dev/prod parity includes the tools gap: code developed and tested on Node 18 but shipped on node:22 (or Python 3.10 vs 3.12) meets behaviour and dependency differences only in production. One declared runtime version, reused by the Docker image and CI, closes that gap.",
    remediation: "Declare one runtime version (e.g. .nvmrc / .python-version) and derive the Docker base image and CI setup from it.",
    docs: {
      bad: [{ file: ".nvmrc", code: "18" }, { file: "Dockerfile", code: "FROM node:22-alpine" }],
      good: [{ file: ".nvmrc", code: "22" }, { file: "Dockerfile", code: "FROM node:22-alpine" }],
    },
    sources: [
      { title: "12factor.net — Dev/prod parity", url: "https://12factor.net/dev-prod-parity" },
      { title: "actions/setup-node node-version-file", url: "https://github.com/actions/setup-node/blob/HEAD/docs/advanced-usage.md#node-version-file" },
    ],
    deviations:
      "Versions are compared per release line (Node major; Python/Ruby/Go minor), not per patch. An open range satisfied by the production image (engines `>=18` with node:22, go.mod `go 1.22` with golang:1.23) is not reported at all (RULES.md: low): the declaration allows it, so nothing drifts. Without a Dockerfile the platform-selecting declarations (engines.node, runtime.txt, Gemfile ruby) stand for production. CI is low, reported once per runtime and only when no CI job (matrices included, across all workflows) runs the production line — a lint job on another version next to tests on the production version is fine. Ranges and versions are evaluated with a small local range parser (lib/scanner/detectors/version-range.ts) because `semver`/`@renovatebot/pep440` are not declared dependencies. Only the runtimes the unit itself uses (its languages or manifests) are compared, so shared CI files that set up another unit's runtime give no free pass. Java/PHP/.NET are not covered yet.",
  },
  check(ctx) {
    const decls = collect(ctx);
    // only the runtimes the unit's own code is written for (shared CI files also set up other units' runtimes)
    const langs = new Set<string>(ctx.unit.languages);
    const manifests = ctx.unit.manifests.map((m) => m.split("/").pop()!);
    const MANIFEST: Record<Runtime, RegExp> = { node: /^package\.json$/, python: /^(pyproject\.toml|requirements[\w.-]*\.txt|Pipfile|setup\.py)$/, ruby: /^(Gemfile|[\w.-]+\.gemspec)$/, go: /^go\.mod$/ };
    const relevant = (rt: Runtime) => (rt === "node" ? langs.has("javascript") || langs.has("typescript") : langs.has(rt)) || manifests.some((m) => MANIFEST[rt].test(m));
    const runtimes = [...new Set(decls.map((d) => d.runtime))].filter(relevant);
    let compared = 0;
    for (const rt of runtimes) {
      const ds = decls.filter((d) => d.runtime === rt);
      if (ds.length < 2) continue;
      compared++;
      const images = ds.filter((d) => d.role === "image");
      const prod = images.length ? images : ds.filter((d) => d.role === "platform" || (d.role === "range" && rt === "node"));
      const prodSet = prod.flatMap((d) => d.set);
      for (const p of prod) ctx.evidence({ path: p.path, line: p.line, note: `production ${rt}: ${p.label} = ${p.raw}` });
      if (!prod.length) continue;
      const others = ds.filter((d) => !prod.includes(d));
      // CI: one finding per runtime, only when no CI job (matrix included) runs the production line
      const ci = others.filter((d) => d.role === "ci");
      if (ci.length && !ci.some((d) => overlaps(d.set, prodSet))) {
        const d = ci[0];
        ctx.report({ path: d.path, line: d.line, severity: "low", message: "CI tests on a different runtime version than production.", match: `${rt} ci ${ci.map((x) => x.raw).join("|")}`, related: prod.map((p) => ({ path: p.path, line: p.line, note: `${p.label}: ${p.raw}` })), data: { runtime: rt, ci: ci.map((x) => x.raw).join(", "), production: show(prodSet) } });
      }
      for (const d of others) {
        if (d.role === "ci") continue;
        if (images.length) {
          for (const img of images) {
            if (overlaps(d.set, img.set)) continue;
            ctx.report({
              path: img.path, line: img.line,
              message: d.role === "range" ? "Production image runtime is outside the declared version range." : "Production image runtime differs from the pinned development version.",
              match: `${rt} image ${img.raw} vs ${d.label} ${d.raw}`,
              related: [{ path: d.path, line: d.line, note: `${d.label}: ${d.raw}` }],
              data: { runtime: rt, image: img.raw, declared: d.raw, declaredIn: d.label },
            });
          }
        } else if (!overlaps(d.set, prodSet)) {
          ctx.report({
            path: d.path, line: d.line,
            message: "Development runtime pin differs from the version production uses.",
            match: `${rt} ${d.label} ${d.raw}`,
            related: prod.map((p) => ({ path: p.path, line: p.line, note: `${p.label}: ${p.raw}` })),
            data: { runtime: rt, declared: d.raw, production: show(prodSet) },
          });
        }
      }
    }
    if (!compared) return ctx.na("fewer than two runtime version declarations to compare");
  },
});
