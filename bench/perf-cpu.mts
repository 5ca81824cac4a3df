// CPU time of scans, robust to a busy machine (wall time is reported too, but is noisy).
//   node_modules/.bin/node --import tsx bench/perf-cpu.mts [--warm N] [--cold N] <repo>...
// Per repo: --cold N fresh processes, each scanning once (a worker's first scan: module load and JIT
// warm-up included in neither number, CPU measured around scanRepository only); and one process
// scanning N+1 times, reporting the median of the last N (warm). Prints one JSON line per repo.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeBin = path.join(here, "..", "node_modules", ".bin", "node");
const scanTs = path.join(here, "scan.ts");
type Run = { wallMs: number; cpuMs: number; extra?: { timings?: Record<string, number> } };

function child(args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const c = spawn(nodeBin, ["--import", "tsx", scanTs, ...args], { stdio: ["ignore", "pipe", "inherit"], env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_OPTIONS: "--max-old-space-size=768" } });
    let out = "";
    c.stdout.on("data", (d) => (out += d));
    c.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}`))));
  });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const argv = process.argv.slice(2);
const opt = (name: string, d: number) => {
  const i = argv.indexOf(name);
  if (i === -1) return d;
  const v = Number(argv[i + 1]);
  argv.splice(i, 2);
  return v;
};
const warmN = opt("--warm", 5);
const coldN = opt("--cold", 3);
for (const repo of argv) {
  const cold: Run[] = [];
  for (let i = 0; i < coldN; i++) cold.push((await child(["--child", repo])) as Run);
  const warm = warmN > 0 ? ((await child(["--child-warm", repo, String(warmN)])) as Run[]) : [];
  const row = {
    repo: path.basename(repo),
    coldCpuMs: Math.round(median(cold.map((r) => r.cpuMs))),
    coldWallMs: Math.round(median(cold.map((r) => r.wallMs))),
    warmCpuMs: warm.length ? Math.round(median(warm.map((r) => r.cpuMs))) : null,
    warmWallMs: warm.length ? Math.round(median(warm.map((r) => r.wallMs))) : null,
    coldCpuAll: cold.map((r) => Math.round(r.cpuMs)),
    warmCpuAll: warm.map((r) => Math.round(r.cpuMs)),
    coldTimings: cold[0]?.extra?.timings,
  };
  process.stdout.write(JSON.stringify(row) + "\n");
}
