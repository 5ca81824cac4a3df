// Benchmark: push webhook → stored DONE scan, for a small repository.
//   DATABASE_URL=postgresql://…/any npx tsx bench/github-webhook-latency.ts [--pushes 10]
// Local GitHub stand-in (real JWT, tokens, git smart HTTP), the real webhook receiver behind an
// HTTP server, a real worker (startWorker with every job). Each push commits to the default branch,
// GitHub-style signed delivery goes to the receiver, and the clock stops when the Scan of the new
// HEAD is DONE in the database. Prints the median, min and max.
import { parseArgs } from "node:util";
import { upsertInstallationOrg } from "../lib/db/github.ts";
import { sendWebhook } from "../lib/github/testing/fake-github.ts";
import { syncSourceSpec } from "../lib/jobs/specs/sync-source.ts";
import { enqueue } from "../lib/queue/enqueue.ts";
import { median, startHarness, waitFor } from "./github-harness.ts";

const { values } = parseArgs({ options: { pushes: { type: "string", default: "10" } } });
const pushes = Number(values.pushes);

const h = await startHarness("tf_bench_hook");
try {
  const { gh, tdb } = h;
  gh.addOrg("acme");
  gh.addRepo("acme", "api", {
    files: {
      "package.json": '{"name":"api","scripts":{"start":"node server.js"}}\n',
      "server.js": "require('http').createServer((q, s) => s.end('ok')).listen(process.env.PORT);\n",
      "Dockerfile": "FROM node:22\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
    },
  });
  const { installation } = gh.installApp("acme");
  await h.startWorker();
  const org = await upsertInstallationOrg(tdb.db, { installationId: BigInt(installation.id), accountId: 1n, login: "acme", accountType: "Organization", suspended: false });
  await enqueue(h.boss, syncSourceSpec, { orgId: org.id });
  const repo = await waitFor(() => tdb.db.repository.findFirst({ where: { orgId: org.id }, select: { id: true } }), 60_000);
  await waitFor(() => tdb.db.scan.findFirst({ where: { repositoryId: repo.id, status: "DONE" } }), 120_000);

  const samples: number[] = [];
  const api = gh.findRepo("acme", "api")!;
  for (let i = 0; i < pushes; i++) {
    const before = gh.headSha(api)!;
    const after = gh.pushCommit("acme", "api", { "CHANGELOG.md": `change ${i}\n` });
    const started = performance.now();
    const res = await sendWebhook({ url: h.webhookUrl, secret: gh.app.webhookSecret, event: "push", payload: gh.pushPayload(api, before, after) });
    if (res.status !== 202) throw new Error(`webhook answered ${res.status}: ${res.body}`);
    await waitFor(() => tdb.db.scan.findFirst({ where: { repositoryId: repo.id, commitSha: after, status: "DONE" }, select: { id: true } }), 120_000, 10);
    samples.push(performance.now() - started);
  }
  const fmt = (n: number) => `${Math.round(n)} ms`;
  console.log(JSON.stringify({ pushes, medianMs: Math.round(median(samples)), minMs: Math.round(Math.min(...samples)), maxMs: Math.round(Math.max(...samples)), samplesMs: samples.map(Math.round) }));
  console.log(`push webhook → DONE scan: median ${fmt(median(samples))} (min ${fmt(Math.min(...samples))}, max ${fmt(Math.max(...samples))}) over ${pushes} pushes`);
} finally {
  await h.close();
}
process.exit(0);
