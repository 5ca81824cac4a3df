// Load benchmark of the dashboard: autocannon against the org scorecard page and the JSON API.
//   npx tsx bench/load.ts --url http://127.0.0.1:3330 [--org load-org] [--connections 50] [--duration 30] [--churn MS] [--cookie "tf_session=…"] [--json]
// Starts nothing itself: run the production build first (npm run build && PORT=… npm start) against a
// database seeded with bench/seed-load.ts. Prints p50/p95/p99 latency, errors (non-2xx + socket errors)
// and requests per second per target, and exits non-zero when a target misses its p95 budget or errored.
import autocannon from "autocannon";
import { arg } from "./args.ts";


const url = arg("url");
if (!url) {
  console.error("usage: npx tsx bench/load.ts --url http://127.0.0.1:3000 [--org load-org] [--connections 50] [--duration 30]");
  process.exit(2);
}
const org = arg("org") ?? "load-org";
const connections = Number(arg("connections") ?? 50);
const duration = Number(arg("duration") ?? 30);
const only = arg("only");
// --churn <ms>: while each target runs, commit a write every <ms> (DATABASE_URL), as a worker reporting
// scan progress would: every write clears the web process's response cache.
const churnMs = arg("churn") ? Number(arg("churn")) : undefined;
// --cookie "tf_session=…": load as a signed-in viewer (bench/load-session.ts prints one).
const cookie = arg("cookie");

type Target = { name: string; path: string; p95BudgetMs: number };
const TARGETS: Target[] = [
  { name: "org scorecard page", path: `/orgs/${org}`, p95BudgetMs: 150 },
  { name: "org scorecard page, sorted by score", path: `/orgs/${org}?sort=score-asc`, p95BudgetMs: 150 },
  { name: "API org repos", path: `/api/v1/orgs/${org}/repos`, p95BudgetMs: 50 },
  { name: "API org", path: `/api/v1/orgs/${org}`, p95BudgetMs: 50 },
].filter((t) => !only || t.name.includes(only) || t.path.includes(only));

type Row = { target: string; path: string; cache: string; requests: number; rps: number; p50: number; p95: number; p99: number; max: number; errors: number; non2xx: number; budget: number; ok: boolean };

async function withChurn<T>(fn: () => Promise<T>): Promise<T> {
  if (!churnMs) return fn();
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("--churn needs DATABASE_URL (the database the web process uses)");
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let writes = 0;
  const timer = setInterval(() => {
    writes++;
    client.query(`UPDATE "Org" SET "updatedAt" = now() WHERE id = $1`, [org]).catch(() => undefined);
  }, churnMs);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    await client.end();
    console.error(`  (${writes} writes during the run)`);
  }
}

async function run(t: Target): Promise<Row> {
  // Warm up (first render compiles nothing in production, but fills connection pools and caches).
  const warm = await fetch(url + t.path, { headers: cookie ? { cookie } : {} });
  await warm.arrayBuffer();
  if (warm.status !== 200) throw new Error(`${t.path} answered ${warm.status} to the warm-up request (signed in? --cookie)`);
  // How the web process answered (its response cache's x-twelvefactor-cache header): hit, miss, …
  const cache: Record<string, number> = {};
  const result = await withChurn(() => autocannon({
    url: url + t.path,
    connections,
    duration,
    headers: { accept: "text/html,application/json", ...(cookie ? { cookie } : {}) },
    setupClient: (client) => {
      // autocannon's typings say IncomingHttpHeaders; at run time it passes the parser's { headers: [name, value, …] }.
      client.on("headers", (info) => {
        const headers = (info as unknown as { headers: string[] }).headers;
        let how = "none";
        for (let i = 0; i + 1 < headers.length; i += 2) if (headers[i]!.toLowerCase() === "x-twelvefactor-cache") how = headers[i + 1]!.split(";")[0]!;
        cache[how] = (cache[how] ?? 0) + 1;
      });
    },
  }));
  // autocannon's histogram has p97.5 / p99 but not p95: interpolate from its percentile table.
  const lat = result.latency as unknown as Record<string, number>;
  const p95 = lat.p95 ?? lat.p90 + (lat.p97_5 - lat.p90) * ((95 - 90) / (97.5 - 90));
  const errors = result.errors + result.timeouts;
  const row: Row = {
    target: t.name,
    path: t.path,
    cache: Object.entries(cache).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", "),
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: lat.p50,
    p95: Math.round(p95 * 10) / 10,
    p99: lat.p99,
    max: lat.max,
    errors,
    non2xx: result.non2xx,
    budget: t.p95BudgetMs,
    ok: false,
  };
  row.ok = row.p95 < t.p95BudgetMs && errors === 0 && result.non2xx === 0;
  return row;
}

const rows: Row[] = [];
for (const t of TARGETS) {
  console.error(`→ ${t.name}: ${url}${t.path} (${connections} connections, ${duration} s)`);
  rows.push(await run(t));
}
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log(`\n${connections} connections × ${duration} s against ${url}\n`);
  console.log("| target | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | non-2xx | p95 budget | response cache |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
  for (const r of rows) {
    console.log(
      `| ${r.target} (\`${r.path}\`) | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${r.errors} | ${r.non2xx} | < ${r.budget} ${r.ok ? "✓" : "✗"} | ${r.cache} |`,
    );
  }
}
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
