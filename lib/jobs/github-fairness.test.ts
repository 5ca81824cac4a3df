// Per-installation fairness: scan jobs of one GitHub installation carry its pg-boss group, and the
// worker's fetch (groupConcurrency = GITHUB_INSTALLATION_CONCURRENCY) never runs more than that many
// of one group at once, across every worker, while other installations and local orgs still run.
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertInstallationOrg } from "../db/github.ts";
import { upsertLocalOrg } from "../db/orgs.ts";
import { parseEnv, type Env } from "../env.ts";
import { createBoss, startBoss } from "../queue/boss.ts";
import { ensureQueues } from "../queue/enqueue.ts";
import { createTestDatabase, type TestDatabase } from "../queue/testing/test-database.ts";
import { enqueueScan } from "./enqueue-scan.ts";
import { JOBS } from "./registry.ts";
import { scanRepoSpec } from "./specs/scan-repo.ts";

describe("per-installation scan fairness", () => {
  let tdb: TestDatabase;
  let boss: PgBoss;
  let env: Env;

  beforeAll(async () => {
    tdb = await createTestDatabase("tf_ghfair");
    boss = await startBoss(createBoss(tdb.url, "producer"));
    await ensureQueues(boss, JOBS);
    env = parseEnv({ DATABASE_URL: tdb.url, LOG_LEVEL: "silent", GITHUB_INSTALLATION_CONCURRENCY: "2" });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await tdb?.drop();
  });

  async function repos(orgId: string, n: number, prefix: string) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await tdb.db.repository.create({
        data: { orgId, externalId: `${prefix}${i}`, name: `${prefix}${i}`, fullName: `x/${prefix}${i}`, cloneUrl: "https://github.com/x.git", headSha: "c".repeat(40) },
      });
      ids.push(r.id);
    }
    return ids;
  }

  it("runs at most GITHUB_INSTALLATION_CONCURRENCY scans of one installation at once, without starving others", async () => {
    const big = await upsertInstallationOrg(tdb.db, { installationId: 111n, accountId: 1n, login: "big", accountType: "Organization", suspended: false });
    const small = await upsertInstallationOrg(tdb.db, { installationId: 222n, accountId: 2n, login: "small", accountType: "Organization", suspended: false });
    const local = await upsertLocalOrg(tdb.db, { login: "local", localPath: "/tmp/none" });
    // The big org's scans are queued first: without groups a FIFO fetch would hand them all out.
    for (const id of await repos(big.id, 6, "b")) await enqueueScan(tdb.db, boss, { repositoryId: id, trigger: "SYNC" });
    for (const id of await repos(small.id, 1, "s")) await enqueueScan(tdb.db, boss, { repositoryId: id, trigger: "SYNC" });
    for (const id of await repos(local.id, 1, "l")) await enqueueScan(tdb.db, boss, { repositoryId: id, trigger: "SYNC" });

    const fetchOptions = { batchSize: 5, groupConcurrency: scanRepoSpec.groupConcurrency!(env) };
    const groupOf = (j: { data: unknown }) => (j.data as { installationId?: string }).installationId ?? "none";

    // Two "workers" fetching 5 at a time each.
    const first = await boss.fetch<unknown>(scanRepoSpec.name, fetchOptions);
    const second = await boss.fetch<unknown>(scanRepoSpec.name, fetchOptions);
    const active = [...first, ...second];
    const count = (g: string) => active.filter((j) => groupOf(j) === g).length;
    expect(count("111")).toBe(2);
    expect(count("222")).toBe(1);
    expect(count("none")).toBe(1);

    // Nothing more of the big installation until one of its scans finishes.
    expect(await boss.fetch(scanRepoSpec.name, fetchOptions)).toEqual([]);
    const bigJob = active.find((j) => groupOf(j) === "111")!;
    await boss.complete(scanRepoSpec.name, bigJob.id);
    const next = await boss.fetch<unknown>(scanRepoSpec.name, fetchOptions);
    expect(next.map(groupOf)).toEqual(["111"]);
  });
});
