// CPU time per request of a running web process: robust to a busy machine, unlike latency.
//   npx tsx bench/cpu.ts --url http://127.0.0.1:3381 --pid <server pid> [--org load-org] [--requests 400] [--connections 8]
// Sends a fixed number of requests per target (after warm-up) and reads the process's utime+stime
// from /proc/<pid>/stat (and its threads, which are counted there) before and after. Linux only.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { arg } from "./args.ts";


const url = arg("url");
const pid = arg("pid");
if (!url || !pid) {
  console.error("usage: npx tsx bench/cpu.ts --url http://127.0.0.1:3000 --pid <pid> [--org load-org] [--requests 400] [--connections 8] [--only name]");
  process.exit(2);
}
const org = arg("org") ?? "load-org";
const amount = Number(arg("requests") ?? 400);
const connections = Number(arg("connections") ?? 8);
const only = arg("only");
const TICK_MS = 10; // USER_HZ = 100 on Linux

const TARGETS = [
  { name: "org scorecard page", path: `/orgs/${org}` },
  { name: "org scorecard page, sorted by score", path: `/orgs/${org}?sort=score-asc` },
  { name: "API org repos", path: `/api/v1/orgs/${org}/repos` },
  { name: "API org", path: `/api/v1/orgs/${org}` },
].filter((t) => !only || t.name.includes(only) || t.path.includes(only));
const extra = arg("path");
if (extra) TARGETS.splice(0, TARGETS.length, { name: extra, path: extra });

function cpuMs(): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

console.log(`| target | requests | CPU ms / request | bytes / response | load average |`);
console.log(`| --- | ---: | ---: | ---: | --- |`);
for (const t of TARGETS) {
  for (let i = 0; i < 20; i++) await fetch(url + t.path).then((r) => r.arrayBuffer());
  const before = cpuMs();
  const result = await autocannon({ url: url + t.path, connections, amount, headers: { accept: "text/html,application/json" } });
  const after = cpuMs();
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  const bytes = Math.round(result.throughput.total / result.requests.total);
  console.log(`| ${t.name} (\`${t.path}\`) | ${result.requests.total} | ${((after - before) / result.requests.total).toFixed(2)} | ${bytes} | ${load} |`);
}
