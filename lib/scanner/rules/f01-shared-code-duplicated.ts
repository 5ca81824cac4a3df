import { createHash } from "node:crypto";
import { defineRule } from "./define-rule.ts";
import type { FileEntry, Severity } from "../types.ts";

const CODE_LANGS = new Set(["javascript", "typescript", "python", "go", "java", "kotlin", "ruby", "php", "csharp", "rust"]);
/** Framework/tooling boilerplate that is identical across apps by construction. */
const BOILERPLATE_RE =
  /(^|\/)(manage\.py|wsgi\.py|asgi\.py|__init__\.py|conftest\.py|setup\.py|[\w.-]+\.config\.[cm]?[jt]s|\.eslintrc\.[cm]?js|\.prettierrc\.[cm]?js|[\w-]+\.d\.ts|reportWebVitals\.[jt]sx?|setupTests\.[jt]sx?|serviceWorker\.[jt]s|registerServiceWorker\.[jt]s|gradlew|mvnw|Program\.cs|AssemblyInfo\.cs|GlobalUsings\.cs|polyfills\.ts|test\.ts)$/;
const MIN_LINES = 20;

function normalise(code: string): string[] {
  return code.split("\n").map((l) => l.trim().replace(/\s+/g, " ")).filter(Boolean);
}

export default defineRule({
  meta: {
    id: "F01-SHARED-CODE-DUPLICATED",
    version: 1,
    factor: "F01",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker", "static"],
    reducedFor: ["library", "cli"],
    technique: ["FILE", "XREF"],
    title: "Shared code copy-pasted between apps instead of a library",
    rationale:
      "The same source file copied into several apps drifts: a bug fixed in one copy stays in the others and nobody knows which copy is canonical. Twelve-factor: 'factor shared code into libraries which can be included through the dependency manager'.",
    remediation: "Extract the shared code into a package in the workspace (or a versioned library) and depend on it through the package manager.",
    docs: {
      bad: [{ file: "apps/", code: "apps/api/src/money.ts ≡ apps/billing/src/money.ts  (identical, 140 lines)" }],
      good: [{ file: "packages/money/package.json", code: "{ \"name\": \"@acme/money\", \"version\": \"1.0.0\" }  // imported by both apps" }],
    },
    sources: [{ title: "12factor.net — Codebase", url: "https://12factor.net/codebase" }],
    deviations:
      "Exact duplicates after stripping comments and whitespace, for source files with ≥ 20 code lines in two or more units. Candidates are pre-filtered by file name (copies keep their names), which keeps the rule linear in the number of files; renamed copies are missed. Framework/tooling boilerplate that is identical by construction (manage.py, wsgi.py, *.config.*, *.d.ts, CRA service workers, Program.cs …) is skipped. Severity per unit: medium at ≥ 3 duplicated files or ≥ 300 duplicated lines, low otherwise.",
  },
  check(ctx) {
    if (ctx.units.length < 2) return ctx.na("single unit: nothing to compare");
    const eligible = (f: FileEntry) => f.role === "source" && !!f.language && CODE_LANGS.has(f.language) && !BOILERPLATE_RE.test(f.path);
    const own = ctx.unit.files.map((p) => ctx.snapshot.file(p)).filter((f): f is FileEntry => !!f && eligible(f));
    if (!own.length) return ctx.na("no source files in this unit");
    const names = new Map<string, FileEntry[]>();
    for (const f of own) {
      const base = f.path.split("/").pop()!;
      (names.get(base) ?? names.set(base, []).get(base)!).push(f);
    }
    // Digest of the normalised code, not the line arrays: on a 15k-file monorepo (every package has an
    // index.ts) keeping the arrays held ~230 MB during this rule and drove peak RSS (bench/scan.ts, medusa).
    const norm = new Map<string, { key: string; lines: number } | null>();
    const get = (f: FileEntry) => {
      if (!norm.has(f.path)) {
        const code = ctx.snapshot.tokens(f.path)?.code ?? ctx.snapshot.text(f.path);
        const lines = code ? normalise(code) : [];
        norm.set(f.path, lines.length >= MIN_LINES ? { key: createHash("sha256").update(lines.join("\n")).digest("base64"), lines: lines.length } : null);
      }
      return norm.get(f.path)!;
    };
    const dupes: { file: FileEntry; copies: string[]; lines: number }[] = [];
    const others = ctx.units.filter((u) => u.path !== ctx.unit.path);
    const candidates = new Map<string, FileEntry[]>();
    for (const u of others) {
      for (const p of u.files) {
        const base = p.split("/").pop()!;
        if (!names.has(base)) continue;
        const f = ctx.snapshot.file(p);
        if (f && eligible(f)) (candidates.get(base) ?? candidates.set(base, []).get(base)!).push(f);
      }
    }
    for (const [base, mine] of names) {
      const theirs = candidates.get(base);
      if (!theirs) continue;
      for (const f of mine) {
        const a = get(f);
        if (!a) continue;
        const copies = theirs.filter((g) => Math.abs(g.size - f.size) <= Math.max(200, f.size * 0.3) && get(g)?.key === a.key).map((g) => g.path);
        if (copies.length) dupes.push({ file: f, copies, lines: a.lines });
      }
    }
    if (!dupes.length) return;
    const totalLines = dupes.reduce((n, d) => n + d.lines, 0);
    const severity: Severity = dupes.length >= 3 || totalLines >= 300 ? "medium" : "low";
    for (const d of dupes) {
      ctx.report({
        path: d.file.path,
        message: "Source file is duplicated in another app instead of shared as a library.",
        match: `dup:${d.file.path.split("/").pop()}`,
        snippet: `${d.file.path} ≡ ${d.copies.join(", ")} (${d.lines} lines)`,
        severity,
        related: d.copies.map((c) => ({ path: c, note: "identical copy" })),
        data: { lines: d.lines, copies: d.copies.length, unitDuplicatedFiles: dupes.length, unitDuplicatedLines: totalLines },
      });
    }
  },
});
