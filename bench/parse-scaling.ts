// Does parsing JS/TS scale across this machine's cores? Decides whether a parse pool (worker threads parsing while
// the main thread classifies and runs rules) can pay off here.
//   npx tsx bench/parse-scaling.ts <path-to-repo> [--threads N] [--rounds R]
// Parses every JS/TS source file of the repository with the scanner's extractJsFacts: R rounds on one thread (the
// first round is cold: V8 has compiled nothing), then N worker threads each parsing the whole set at the same time.
// Prints wall time per round and the throughput of N threads relative to one. Session 16 on the 2-vCPU machine:
// memos (397 files) 653 ms cold / 321 ms warm alone; two concurrent parsers took 2-2.8x as long each, so a pool lost
// time (bench/PERF-session16.md).
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { collectSnapshot } from "../lib/scanner/snapshot/index.ts";
import { extractJsFacts } from "../lib/scanner/snapshot/js-facts.ts";
import { arg } from "./args.ts";

interface Job { files: { path: string; text: string }[]; rounds: number }

function parseAll(files: Job["files"]): number {
  const t = performance.now();
  for (const f of files) extractJsFacts(f.path, f.text);
  return performance.now() - t;
}

if (!isMainThread) {
  const { files, rounds } = workerData as Job;
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) times.push(parseAll(files));
  parentPort!.postMessage(times);
} else {
  const dir = process.argv.slice(2).find((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"));
  if (!dir) {
    process.stderr.write("usage: npx tsx bench/parse-scaling.ts <path-to-repo> [--threads N] [--rounds R]\n");
    process.exit(2);
  }
  const snap = await collectSnapshot(path.resolve(dir));
  const files = snap.files
    .filter((f) => /\.(m?[jt]sx?|c[jt]s)$/i.test(f.path) && !f.skipped && (f.role === "source" || f.role === "dev"))
    .map((f) => ({ path: f.path, text: snap.text(f.path) ?? "" }))
    .filter((f) => f.text.length > 0 && f.text.length <= 500 * 1024);
  const threads = Number(arg("threads") ?? Math.max(2, os.availableParallelism()));
  const rounds = Number(arg("rounds") ?? 3);
  const bytes = files.reduce((a, f) => a + f.text.length, 0);
  process.stdout.write(`${files.length} JS/TS files, ${(bytes / 1e6).toFixed(1)} MB; ${os.availableParallelism()} cores available\n`);
  const alone: number[] = [];
  for (let r = 0; r < rounds; r++) alone.push(parseAll(files));
  process.stdout.write(`1 thread:  ${alone.map((t) => `${Math.round(t)} ms`).join(" / ")} (first round cold)\n`);
  const self = fileURLToPath(import.meta.url);
  // workers run this file again under the parent's loader (tsx) and parse the same files at the same time
  const t0 = performance.now();
  const per = await Promise.all(Array.from({ length: threads }, () => new Promise<number[]>((resolve, reject) => {
    const w = new Worker(self, { workerData: { files, rounds } satisfies Job });
    w.once("message", resolve);
    w.once("error", reject);
  })));
  const wall = performance.now() - t0;
  per.forEach((times, i) => process.stdout.write(`worker ${i + 1}:  ${times.map((t) => `${Math.round(t)} ms`).join(" / ")}\n`));
  const warm = (times: number[]) => Math.min(...(times.length > 1 ? times.slice(1) : times)); // the first round is cold
  const warmAlone = warm(alone);
  const warmConcurrent = Math.max(...per.map(warm));
  process.stdout.write(`${threads} threads at once: ${Math.round(wall)} ms wall for ${threads}x the work (incl. worker start-up)\n`);
  process.stdout.write(`throughput of ${threads} threads vs 1 (warm rounds): ${((threads * warmAlone) / warmConcurrent).toFixed(2)}x\n`);
}
