// Benchmark: full sync + scan of a 200-repository installation served locally.
//   DATABASE_URL=postgresql://…/any npx tsx bench/github-sync.ts [--repos 200]
// Local GitHub stand-in (every repository a real git repository over smart HTTP), a real worker
// (WORKER_CONCURRENCY as set, default 2), sync-source → scan-repo for every repository. Prints the
// listing time, total time to the last DONE scan, repositories per minute and REST calls per
// repository (counted by the stand-in: token, listing pages, HEAD lookups).
import { parseArgs } from "node:util";
import { upsertInstallationOrg } from "../lib/db/github.ts";
import { syncSourceSpec } from "../lib/jobs/specs/sync-source.ts";
import { enqueue } from "../lib/queue/enqueue.ts";
import { startHarness, waitFor } from "./github-harness.ts";

const { values } = parseArgs({ options: { repos: { type: "string", default: "200" } } });
const n = Number(values.repos);

const h = await startHarness("tf_bench_sync");
try {
  const { gh, tdb } = h;
  gh.addOrg("bigco");
  const seedStarted = performance.now();
  for (let i = 0; i < n; i++) {
    gh.addRepo("bigco", `svc-${String(i).padStart(3, "0")}`, {
      files: {
        "package.json": `{"name":"svc-${i}","scripts":{"start":"node index.js"}}\n`,
        "index.js": `require('http').createServer((q, s) => s.end('${i}')).listen(process.env.PORT || 3000);\n`,
        "README.md": `# svc-${i}\n`,
      },
      archived: i % 50 === 49,
      fork: i % 40 === 39,
    });
  }
  const seedMs = performance.now() - seedStarted;
  const { installation } = gh.installApp("bigco");
  const org = await upsertInstallationOrg(tdb.db, { installationId: BigInt(installation.id), accountId: 1n, login: "bigco", accountType: "Organization", suspended: false });
  await tdb.db.org.update({ where: { id: org.id }, data: { includeArchived: true, includeForks: true } });
  await h.startWorker();

  const apiBefore = gh.countRequests();
  const started = performance.now();
  await enqueue(h.boss, syncSourceSpec, { orgId: org.id });
  await waitFor(() => tdb.db.org.findFirst({ where: { id: org.id, lastSyncedAt: { not: null } }, select: { id: true } }), 300_000, 50);
  const listedMs = performance.now() - started;
  const apiAfterSync = gh.countRequests();
  await waitFor(
    async () => (await tdb.db.scan.count({ where: { repository: { orgId: org.id }, status: { in: ["DONE", "SKIPPED", "FAILED"] } } })) >= n,
    30 * 60_000,
    200,
  );
  const totalMs = performance.now() - started;
  const apiTotal = gh.countRequests() - apiBefore;
  const failed = await tdb.db.scan.count({ where: { repository: { orgId: org.id }, status: "FAILED" } });
  const result = {
    repos: n,
    workerConcurrency: h.env.WORKER_CONCURRENCY,
    seedSeconds: +(seedMs / 1000).toFixed(1),
    syncListingSeconds: +(listedMs / 1000).toFixed(2),
    totalSeconds: +(totalMs / 1000).toFixed(1),
    reposPerMinute: Math.round(n / (totalMs / 60_000)),
    restCallsDuringSync: apiAfterSync - apiBefore,
    restCallsTotal: apiTotal,
    restCallsPerRepo: +(apiTotal / n).toFixed(2),
    failedScans: failed,
  };
  console.log(JSON.stringify(result));
  console.log(`${n} repos: listing ${result.syncListingSeconds}s, sync+scan ${result.totalSeconds}s = ${result.reposPerMinute} repos/min; ${result.restCallsPerRepo} REST calls/repo (${apiTotal} total), ${failed} failed`);
} finally {
  await h.close();
}
process.exit(0);
