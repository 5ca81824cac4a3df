import { defineRule } from "./define-rule.ts";
import { basename, dirname, SOURCE_LANGUAGES } from "../snapshot/roles.ts";
import type { FileEntry } from "../types.ts";

const ENV_TOKEN_RE = /^(prod|production|prd|live|stag|staging|stage|preprod|uat|qa|dev|development|local|test)$/i;
const CONFIG_LOCATION_RE = /(^|\/)(config|configs|settings|environments?|envs?|overlays|deploy|deployment|k8s|helm|charts?|terraform|infra)(\/|$)|(^|\/)(config|settings|environment)[\w.-]*$/i;

function normalisedLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.replace(/\/\/.*$|#.*$/, "").replace(/\s+/g, " ").trim())
    .filter((l) => l.length > 2 && !/^[{}()[\];,]+$/.test(l));
}

/** Dice similarity over line multisets. */
export function similarity(a: string, b: string): number {
  const la = normalisedLines(a);
  const lb = normalisedLines(b);
  if (!la.length || !lb.length) return 0;
  const counts = new Map<string, number>();
  for (const l of la) counts.set(l, (counts.get(l) ?? 0) + 1);
  let common = 0;
  for (const l of lb) {
    const c = counts.get(l) ?? 0;
    if (c > 0) {
      common++;
      counts.set(l, c - 1);
    }
  }
  return (2 * common) / (la.length + lb.length);
}

function stripEnvToken(name: string): { base: string; token: string } | null {
  const parts = name.split(/([._-])/);
  for (let i = 0; i < parts.length; i += 2) {
    if (ENV_TOKEN_RE.test(parts[i])) {
      const rest = [...parts.slice(0, i), ...parts.slice(i + 2)].join("").replace(/^[._-]|[._-]$/g, "").replace(/[._-]{2,}/g, (m) => m[0]);
      return { base: rest, token: parts[i].toLowerCase() };
    }
  }
  return null;
}

export default defineRule({
  meta: {
    id: "F01-ENV-SPECIFIC-CODE-COPIES",
    version: 1,
    factor: "F01",
    kind: "violation",
    severity: "high",
    confidence: "medium",
    appliesTo: ["service", "worker", "static"],
    reducedFor: ["library", "cli"],
    technique: ["FILE", "XREF"],
    title: "Application code duplicated per environment",
    rationale:
      "There is one codebase per app and the codebase is the same across all deploys. Copies of the code per environment (server.prod.js next to server.js, src_staging/) mean each deploy runs different code that drifts apart.",
    remediation: "Keep one copy of the code and move the per-environment differences into environment variables or deploy-time config (overlays/values files).",
    docs: {
      bad: [{ file: "src/server.prod.js", code: "// copy of server.js with production hosts" }],
      good: [{ file: "src/server.js", code: "const host = process.env.PUBLIC_HOST;" }],
    },
    sources: [{ title: "12factor.net — Codebase", url: "https://12factor.net/codebase" }],
    deviations:
      "Similarity is the Dice coefficient over normalised line multisets (comments/whitespace stripped) instead of winnowing fingerprints; pairs need ≥ 0.8 similarity and ≥ 5 meaningful lines. Config locations (config/, settings/, environments/, overlays/, deploy/ …) are excluded; they belong to F03-CONFIG-GROUPED-BY-ENV.",
  },
  check(ctx) {
    const files = ctx.files().filter((f) => f.language && SOURCE_LANGUAGES.has(f.language) && !CONFIG_LOCATION_RE.test(f.path));
    if (!files.length) return ctx.na("no source code");
    const byPath = new Map(files.map((f) => [f.path, f]));
    const reported = new Set<string>();
    const compare = (a: FileEntry, b: FileEntry, why: string) => {
      const key = [a.path, b.path].sort().join("\0");
      if (reported.has(key)) return 0;
      const ta = ctx.snapshot.text(a.path);
      const tb = ctx.snapshot.text(b.path);
      if (!ta || !tb || normalisedLines(ta).length < 5) return 0;
      const sim = similarity(ta, tb);
      if (sim < 0.8) return sim;
      reported.add(key);
      ctx.report({
        path: b.path, line: 1,
        message: "Environment-specific copy of application code.",
        snippet: `${b.path} ≈ ${a.path} (${Math.round(sim * 100)}% similar)`,
        match: key,
        related: [{ path: a.path, note: `${why}; ${Math.round(sim * 100)}% of lines identical` }],
        data: { similarity: Math.round(sim * 100) / 100, original: a.path },
      });
      return sim;
    };
    // 1) file pairs: name.<env>.ext next to name.ext (or name_<env>.ext)
    for (const f of files) {
      const name = basename(f.path);
      const dot = name.lastIndexOf(".");
      const stem = dot > 0 ? name.slice(0, dot) : name;
      const ext = dot > 0 ? name.slice(dot) : "";
      const stripped = stripEnvToken(stem);
      if (!stripped || !stripped.base) continue;
      const dir = dirname(f.path);
      const siblingPath = `${dir === "." ? "" : dir + "/"}${stripped.base}${ext}`;
      const sib = byPath.get(siblingPath);
      if (sib) compare(sib, f, `file name differs by "${stripped.token}"`);
    }
    // 2) sibling directories whose names differ only by an env token
    const dirs = new Map<string, FileEntry[]>();
    for (const f of files) {
      const segs = f.path.split("/");
      for (let i = 0; i < segs.length - 1; i++) {
        const d = segs.slice(0, i + 1).join("/");
        const list = dirs.get(d) ?? [];
        list.push(f);
        dirs.set(d, list);
      }
    }
    for (const [d, list] of dirs) {
      const name = basename(d);
      const stripped = stripEnvToken(name);
      if (!stripped) continue;
      const parent = dirname(d);
      const candidates = stripped.base ? [`${parent === "." ? "" : parent + "/"}${stripped.base}`] : [...dirs.keys()].filter((x) => dirname(x) === parent && x !== d && !stripEnvToken(basename(x)));
      for (const other of candidates) {
        const otherFiles = dirs.get(other);
        if (!otherFiles) continue;
        const rel = (p: string, base: string) => p.slice(base.length + 1);
        const otherRel = new Map(otherFiles.map((f) => [rel(f.path, other), f]));
        const shared = list.filter((f) => otherRel.has(rel(f.path, d)));
        if (shared.length < Math.max(1, 0.5 * list.length)) continue;
        let sims = 0;
        for (const f of shared.slice(0, 50)) sims += compare(otherRel.get(rel(f.path, d))!, f, `directory ${d} mirrors ${other}`);
        void sims;
      }
    }
  },
});
