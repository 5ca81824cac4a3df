import { defineRule } from "./define-rule.ts";
import type { Severity } from "../types.ts";

const dirOf = (p: string) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : ".");
function join(dir: string, rel: string): string {
  const parts = dir === "." ? [] : dir.split("/");
  for (const seg of rel.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg && seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}
const SKIP_RE = /(^|\/)(docs?|themes?|site|website|test|tests|testdata|fixtures|examples?|samples?|\.github)(\/|$)/i;
const IDL_RE = /(^|\/|[-_])(protos?|protobuf|idl|schemas?|api-?specs?|openapi|thrift|avro|graphql-schema)([-_/]|$)/i;

export default defineRule({
  meta: {
    id: "F01-SUBMODULE-APP-CODE",
    version: 1,
    factor: "F01",
    alsoAffects: ["F02"],
    kind: "violation",
    severity: "low",
    confidence: "medium",
    appliesTo: ["service", "worker", "library", "cli"],
    reducedFor: ["static", "infra"],
    technique: ["GIT", "TOKEN"],
    title: "Application code shared through git submodules",
    rationale:
      "Sharing code by pinning another repository as a git submodule hides a dependency from the dependency manager: it has no version range, no lockfile entry, no changelog, and every consumer must remember to update the pointer. Twelve-factor: factor shared code into libraries included through the dependency manager.",
    remediation: "Publish the shared code as a versioned package and depend on it through the dependency manager instead of a submodule pin.",
    docs: {
      bad: [{ file: "src/app.ts", code: "import { money } from '../shared-lib/src/money'; // shared-lib is a git submodule" }],
      good: [{ file: "package.json", code: "\"dependencies\": { \"@acme/shared-lib\": \"^2.3.0\" }" }],
    },
    sources: [{ title: "12factor.net — Codebase", url: "https://12factor.net/codebase" }],
    deviations:
      "Only submodules the unit's code or build actually references count (relative JS/TS imports resolving into the submodule, `file:`/path dependencies in package.json/pyproject/requirements/Gemfile, go.mod `replace => ./path`, Dockerfile COPY/ADD, Gradle includeBuild). Submodules under docs/themes/tests/examples are ignored; IDL/protobuf/schema submodules consumed by code generators are info.",
  },
  check(ctx) {
    const text = ctx.snapshot.text(".gitmodules");
    if (!text) return ctx.na("no git submodules");
    const subs: { path: string; line: number; url: string | null }[] = [];
    let cur: { path: string; line: number; url: string | null } | null = null;
    text.split(/\r?\n/).forEach((l, i) => {
      if (/^\s*\[submodule\b/.test(l)) {
        cur = { path: "", line: i + 1, url: null };
        subs.push(cur);
      }
      const m = /^\s*(path|url)\s*=\s*(.+?)\s*$/.exec(l);
      if (m && cur) {
        if (m[1] === "path") cur.path = m[2].replace(/^\.\//, "").replace(/\/$/, "");
        else cur.url = m[2];
      }
    });
    const active = subs.filter((s) => s.path && !SKIP_RE.test(s.path));
    if (!active.length) return ctx.na("submodules only hold docs/themes/test data");
    const into = (p: string) => active.find((s) => p === s.path || p.startsWith(s.path + "/"));
    const refs = new Map<string, { path: string; line: number; how: string }>();
    const hit = (target: string, path: string, line: number, how: string) => {
      const s = into(target);
      if (s && !refs.has(s.path)) refs.set(s.path, { path, line, how });
    };
    for (const f of ctx.files({ roles: ["source", "dev"] })) {
      if (into(f.path)) continue; // the submodule's own files
      const base = f.path.split("/").pop() ?? "";
      const dir = dirOf(f.path);
      if (f.language === "javascript" || f.language === "typescript") {
        for (const imp of ctx.snapshot.jsFacts(f.path)?.imports ?? []) if (/^\.\.?\//.test(imp.source)) hit(join(dir, imp.source), f.path, imp.line, "import");
      } else if (f.language === "dockerfile") {
        for (const ins of ctx.snapshot.dockerfile(f.path)?.instructions ?? []) {
          if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
          if ("from" in ins.flags) continue;
          const parts = ins.argv ?? ins.args.split(/\s+/);
          for (const src of parts.slice(0, -1)) hit(join(dir, src), f.path, ins.line, "COPY");
        }
      } else {
        const lines = ctx.snapshot.lines(f.path);
        lines.forEach((l, i) => {
          let m: RegExpExecArray | null = null;
          if (base === "package.json") m = /"(?:file|link|portal):([^"]+)"/.exec(l);
          else if (base === "go.mod") m = /=>\s*(\.{1,2}\/\S+)/.exec(l);
          else if (/^requirements[\w.-]*\.txt$/.test(base)) m = /^\s*(?:-e\s+)?(\.{1,2}\/\S+)/.exec(l);
          else if (base === "pyproject.toml" || base === "Cargo.toml") m = /\bpath\s*=\s*["']([^"']+)["']/.exec(l);
          else if (base === "Gemfile") m = /\bpath:\s*["']([^"']+)["']/.exec(l);
          else if (/^settings\.gradle(\.kts)?$/.test(base)) m = /includeBuild\s*\(?\s*["']([^"']+)["']/.exec(l);
          else if (base === "tsconfig.json") m = /"\.?\/?([^"*]+)\/?\*?"\s*[\],]/.exec(l);
          if (m) hit(join(dir, m[1]), f.path, i + 1, base);
        });
      }
    }
    for (const s of active) {
      const r = refs.get(s.path);
      if (!r) continue;
      const idl = IDL_RE.test(s.path) || IDL_RE.test(s.url ?? "");
      const severity: Severity = idl ? "info" : "low";
      ctx.report({
        path: ".gitmodules",
        line: s.line,
        message: idl ? "Interface definitions shared through a git submodule." : "Application code is shared through a git submodule.",
        match: `submodule ${s.path}`,
        severity,
        related: [{ path: r.path, line: r.line, note: `references ${s.path} (${r.how})` }],
        data: { submodule: s.path, url: s.url, referencedBy: `${r.path}:${r.line}` },
      });
    }
  },
});
