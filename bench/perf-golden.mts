// Correctness guard for performance work: scan a list of checkouts and write each JSON report with
// `timings` (and per-result durations, if any) removed, so a before/after diff must be empty.
//   node --import tsx bench/perf-golden.mts <outdir> <repo>...
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { scanRepository } from "../lib/scanner/scan.ts";

const [outDir, ...repos] = process.argv.slice(2);
if (!outDir || repos.length === 0) throw new Error("usage: perf-golden.mts <outdir> <repo>...");
await mkdir(outDir, { recursive: true });
const strip = (_k: string, v: unknown) => v;
for (const repo of repos) {
  const r = (await scanRepository(repo, { now: new Date("2026-11-27T00:00:00Z") })) as unknown as Record<string, unknown>;
  delete r.timings;
  const text = JSON.stringify(r, (k, v) => (k === "durationMs" ? undefined : strip(k, v)), 2);
  const name = repo.replace(/^\/work\/acc\//, "").replace(/[\/]/g, "_");
  await writeFile(path.join(outDir, `${name}.json`), text + "\n");
  process.stdout.write(`${name}\n`);
}
