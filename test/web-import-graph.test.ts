// The web process enqueues jobs but must never load the scanner (rules, ts-morph), git, or job
// handlers: walk the static and dynamic imports of every page, layout and route under app/ (and
// instrumentation.ts) and check that nothing under lib/scanner, and no job handler, is reachable.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
// Statements at the start of a line (not text in comments or strings), plus dynamic import("…")
// (not the type-level import("…").Type).
const IMPORT = /^(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)(?!\.[A-Z])|^import\s*["']([^"']+)["']/gm;
/** Generated Prisma client: a leaf (its internal imports are its own business). */
const LEAF = path.join(ROOT, "lib/db/generated");

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  }
  // Only text that looks like an import (fixture code inside a rule's test strings): not a module.
  return null;
}

/** Every project file reachable from `entry` through imports (type-only imports are erased: skipped). */
export function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.startsWith(LEAF)) continue;
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(IMPORT)) {
      if (/^(?:import|export)\s+type\s/.test(m[0])) continue;
      const target = resolveImport(file, m[1] ?? m[2] ?? m[3]!);
      if (target) stack.push(target);
    }
  }
  return seen;
}

function walk(dir: string, match: RegExp): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name), match) : match.test(d.name) ? [path.join(dir, d.name)] : [],
  );
}

/** Every entry point of the web bundle. */
const ENTRIES = [...walk("app", /^(page|layout|route|error|not-found)\.tsx?$/), "instrumentation.ts"].sort();

/** Job handlers: everything in lib/jobs except specs, enqueue helpers and tests. */
const HANDLERS = readdirSync(path.join(ROOT, "lib/jobs"))
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "enqueue-scan.ts")
  .map((f) => `lib/jobs/${f}`);

describe("web import graph", () => {
  for (const entry of ENTRIES) {
    it(`${entry} does not reach the scanner or job handlers`, () => {
      const graph = [...importGraph(path.join(ROOT, entry))].map((f) => path.relative(ROOT, f));
      const forbidden = graph.filter((f) => (f.startsWith("lib/scanner/") && f !== "lib/scanner/types.ts") || HANDLERS.includes(f));
      expect(forbidden).toEqual([]);
    });
  }

  it("the walker does find the scanner when it is imported (so the check can fail)", () => {
    const graph = [...importGraph(path.join(ROOT, "lib/jobs/scan-repo.ts"))].map((f) => path.relative(ROOT, f));
    expect(graph).toContain("lib/scanner/scan.ts");
    const rescan = [...importGraph(path.join(ROOT, "app/api/repos/[id]/rescan/route.ts"))].map((f) => path.relative(ROOT, f));
    expect(rescan).toContain("lib/jobs/specs/scan-repo.ts");
    expect(rescan).toContain("lib/queue/producer.ts");
  });
});
