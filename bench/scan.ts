// Benchmark: scan a repository and compare with the physical floor.
//   npx tsx bench/scan.ts <path-to-git-repo> [--runs N] [--warm N] [--heap-mb 768] [--json]
// Floor = a shallow clone over a local transport (file://, pack protocol, no hardlinks) plus reading
// every tracked file once. The scan runs in a fresh child process so CPU time and peak RSS are its own:
// that is a worker's *first* scan (cold: modules load, V8 has compiled nothing). A worker scans many
// repositories in one process, so `--warm N` (default 5) also scans N+1 times in one more child and
// reports the median of the last N (warm); 0 skips it.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

interface Measure {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  files: number;
  bytes: number;
  extra?: Record<string, unknown>;
}

function sh(cmd: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { cwd, maxBuffer: 1 << 30, env: { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/nonexistent", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" } as unknown as NodeJS.ProcessEnv }, (e, out) => (e ? reject(e) : resolve(out))),
  );
}

async function childMain(dir: string): Promise<void> {
  const { scanRepository } = await import("../lib/scanner/scan.ts");
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await scanRepository(dir);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const out: Measure = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    files: r.stats.files,
    bytes: r.stats.bytesRead,
    extra: { filesRead: r.stats.filesRead, score: r.score, grade: r.gradeLabel, kind: r.kind, units: r.units.length, skipped: r.skipped.byReason, limitsHit: r.skipped.limitsHit, timings: r.timings, rules: r.stats.rules, errored: r.stats.rulesErrored },
  };
  process.stdout.write(JSON.stringify(out));
}

async function childWarmMain(dir: string, repeat: number): Promise<void> {
  const { scanRepository } = await import("../lib/scanner/scan.ts");
  const runs: { wallMs: number; cpuMs: number }[] = [];
  for (let i = 0; i <= repeat; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await scanRepository(dir);
    const cpu = process.cpuUsage(c0);
    runs.push({ wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  process.stdout.write(JSON.stringify(runs.slice(1)));
}

async function measureWarm(dir: string, heapMb: number, repeat: number): Promise<{ wallMs: number; cpuMs: number }> {
  const tsx = path.join(here, "..", "node_modules", ".bin", "tsx");
  const runs = await new Promise<{ wallMs: number; cpuMs: number }[]>((resolve, reject) => {
    const child = spawn(tsx, [fileURLToPath(import.meta.url), "--child-warm", dir, String(repeat)], { stdio: ["ignore", "pipe", "inherit"], env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_OPTIONS: `--max-old-space-size=${heapMb}` } as unknown as NodeJS.ProcessEnv });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as { wallMs: number; cpuMs: number }[]) : reject(new Error(`warm scan child exited ${code}`))));
  });
  runs.sort((a, b) => a.wallMs - b.wallMs);
  return runs[Math.floor(runs.length / 2)]!;
}

async function measureScan(dir: string, heapMb: number): Promise<Measure> {
  const tsx = path.join(here, "..", "node_modules", ".bin", "tsx");
  return new Promise((resolve, reject) => {
    // Cap the old generation like the worker does (NODE_OPTIONS=--max-old-space-size=768): without a cap V8
    // lets garbage grow towards its default limit and peak RSS measures GC laziness, not the scanner.
    const child = spawn(tsx, [fileURLToPath(import.meta.url), "--child", dir], { stdio: ["ignore", "pipe", "inherit"], env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_OPTIONS: `--max-old-space-size=${heapMb}` } as unknown as NodeJS.ProcessEnv });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Measure) : reject(new Error(`scan child exited ${code}`))));
  });
}

async function measureFloor(dir: string): Promise<{ clone: Measure; read: Measure }> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "tf-bench-"));
  try {
    const c0 = process.cpuUsage();
    let t0 = performance.now();
    let root = path.join(tmp, "c");
    let cloneMs = NaN;
    try {
      await sh("git", ["-c", "protocol.file.allow=always", "clone", "--quiet", "--depth", "1", "--single-branch", "--no-tags", "--no-local", `file://${path.resolve(dir)}`, root]);
      cloneMs = performance.now() - t0;
    } catch (e) {
      // e.g. a mirror with missing blobs: measure the read floor on the original work tree
      process.stderr.write(`bench: floor clone failed (${(e as Error).message.split("\n")[1] ?? "error"}); reading the original work tree instead\n`);
      root = path.resolve(dir);
    }
    const cloneCpu = process.cpuUsage(c0);
    t0 = performance.now();
    const c1 = process.cpuUsage();
    const list = (await sh("git", ["ls-files", "-z"], root)).split("\0").filter(Boolean);
    let bytes = 0;
    let files = 0;
    const queue = [...list];
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (queue.length) {
        const p = queue.pop()!;
        try {
          // read first, then add: `bytes += await …` would load `bytes` before the await and lose other readers' sums
          const n = (await readFile(path.join(root, p))).length;
          bytes += n;
          files++;
        } catch {
          // symlinks to dirs, submodules
        }
      }
    }));
    const readMs = performance.now() - t0;
    const readCpu = process.cpuUsage(c1);
    return {
      clone: { wallMs: cloneMs, cpuMs: (cloneCpu.user + cloneCpu.system) / 1000, peakRssMb: NaN, files: list.length, bytes: 0 },
      read: { wallMs: readMs, cpuMs: (readCpu.user + readCpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, files, bytes },
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--child") return childMain(args[1]);
  if (args[0] === "--child-warm") return childWarmMain(args[1]!, Number(args[2]));
  const dir = args.find((a) => !a.startsWith("--"));
  if (!dir) {
    process.stderr.write("usage: npx tsx bench/scan.ts <path-to-git-repo> [--runs N] [--heap-mb N] [--json]\n");
    process.exitCode = 2;
    return;
  }
  const runsIdx = args.indexOf("--runs");
  const runs = runsIdx !== -1 ? Math.max(1, Number(args[runsIdx + 1]) || 1) : 1;
  const floor = await measureFloor(dir);
  const scans: Measure[] = [];
  const heapIdx = args.indexOf("--heap-mb");
  const heapMb = heapIdx !== -1 ? Number(args[heapIdx + 1]) || 768 : 768;
  for (let i = 0; i < runs; i++) scans.push(await measureScan(dir, heapMb));
  const warmIdx = args.indexOf("--warm");
  const warmRepeat = warmIdx !== -1 ? Math.max(0, Number(args[warmIdx + 1]) || 0) : 5;
  const warm = warmRepeat > 0 ? await measureWarm(dir, heapMb, warmRepeat) : undefined;
  // Peak RSS varies run to run with GC timing: print every run, not only the median's.
  process.stderr.write(`bench: peak RSS per run (heap cap ${heapMb} MB): ${scans.map((s) => s.peakRssMb.toFixed(0)).join(" / ")} MB\n`);
  scans.sort((a, b) => a.wallMs - b.wallMs);
  const scan = scans[Math.floor(scans.length / 2)];
  const floorMs = (Number.isNaN(floor.clone.wallMs) ? 0 : floor.clone.wallMs) + floor.read.wallMs;
  if (args.includes("--json")) {
    process.stdout.write(JSON.stringify({ dir, floor, scan, ratio: scan.wallMs / floorMs, warm, warmRatio: warm ? warm.wallMs / floorMs : undefined }, null, 2) + "\n");
    return;
  }
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1) + " MB";
  const ms = (n: number) => (n >= 1000 ? (n / 1000).toFixed(2) + " s" : n.toFixed(0) + " ms");
  const rows = [
    ["", "wall", "cpu", "peak RSS", "files", "bytes"],
    ["floor: shallow clone (file://)", Number.isNaN(floor.clone.wallMs) ? "n/a" : ms(floor.clone.wallMs), "—", "—", String(floor.clone.files), "—"],
    ["floor: read tracked files once", ms(floor.read.wallMs), ms(floor.read.cpuMs), "—", String(floor.read.files), mb(floor.read.bytes)],
    ["floor total (clone + read)", ms(floorMs), "", "", "", ""],
    [`scan, cold process (median of ${runs})`, ms(scan.wallMs), ms(scan.cpuMs), scan.peakRssMb.toFixed(0) + " MB", String(scan.files), mb(scan.bytes)],
    ...(warm ? [[`scan, warm worker (median of ${warmRepeat})`, ms(warm.wallMs), ms(warm.cpuMs), "", "", ""]] : []),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) process.stdout.write(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ") + "\n");
  process.stdout.write(`\nscan / floor = ${(scan.wallMs / floorMs).toFixed(2)}× cold${warm ? `, ${(warm.wallMs / floorMs).toFixed(2)}× warm` : ""}   (scan includes parsing and ${String((scan.extra as { rules: number }).rules)} rules)\n`);
  process.stdout.write(`result: ${JSON.stringify(scan.extra)}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
