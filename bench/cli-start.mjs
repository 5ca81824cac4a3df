// Benchmark: the CLI's whole-process time (what a CI step pays), by how the code is loaded.
//   node bench/cli-start.mjs <path> [--runs N]
// Modes: the TypeScript sources through tsx (how the shim ran before bin/cli-bundle.mjs), the bundle with
// V8's compile cache off, and the bundle with a warm compile cache (the usual case from the second run).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildBundle } from "../bin/cli-bundle.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: "string", default: "5" } } });
const target = positionals[0];
if (!target) {
  process.stderr.write("usage: node bench/cli-start.mjs <path> [--runs N]\n");
  process.exit(2);
}
const runs = Number(values.runs);
const bundle = await buildBundle();
const cacheDir = mkdtempSync(path.join(os.tmpdir(), "tf-cc-"));
const scanArgs = ["scan", path.resolve(target), "--format", "json", "--quiet"];
const hasTime = spawnSync("/usr/bin/time", ["-f", "%M", "true"]).status === 0;

function measure(args, env) {
  const cmd = hasTime ? "/usr/bin/time" : process.execPath;
  const argv = hasTime ? ["-f", "%M", process.execPath, ...args] : args;
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr.slice(-400)}`);
  const rssKb = hasTime ? Number(r.stderr.trim().split("\n").pop()) : NaN;
  return { ms, rssMb: rssKb / 1024 };
}

const modes = [
  ["sources through tsx", ["--import", "tsx", "bin/cli.ts", ...scanArgs], { NODE_DISABLE_COMPILE_CACHE: "1" }],
  ["bundle, no compile cache", [bundleRunner(), ...scanArgs], { NODE_DISABLE_COMPILE_CACHE: "1" }],
  ["bundle + compile cache (shim)", ["bin/twelvefactor.mjs", ...scanArgs], { NODE_COMPILE_CACHE: cacheDir }],
];

function bundleRunner() {
  // the bundle's own `main`, without the shim (which turns the compile cache on)
  const file = path.join(path.dirname(bundle), "run-bench.mjs");
  writeFileSync(file, 'const { main } = await import("./cli.mjs");\nprocess.exitCode = await main(process.argv.slice(2));\n');
  return file;
}

measure(modes[2][1], modes[2][2]); // fill the compile cache once
process.stdout.write(`CLI start-up + scan of ${target}, median of ${runs} (node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)})\n`);
for (const [name, args, env] of modes) {
  const xs = Array.from({ length: runs }, () => measure(args, env)).sort((a, b) => a.ms - b.ms);
  const mid = xs[Math.floor(xs.length / 2)];
  process.stdout.write(`  ${name.padEnd(32)} ${mid.ms.toFixed(0).padStart(6)} ms   peak RSS ${Number.isNaN(mid.rssMb) ? "n/a" : mid.rssMb.toFixed(0) + " MB"}\n`);
}
rmSync(cacheDir, { recursive: true, force: true });
