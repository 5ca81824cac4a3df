// GitHubSource and the sync/scan pipeline for GitHub orgs against the local GitHub stand-in (real
// HTTP, real JWT/token checks, real git smart HTTP), a real PostgreSQL and real pg-boss.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import type { PgBoss } from "pg-boss";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertInstallationOrg } from "../db/github.ts";
import { parseEnv, type Env } from "../env.ts";
import { safeClone } from "../git/safe-clone.ts";
import { resetGitHubClients, resetRestCallStats, restCallStats, tuneGitHubClient } from "../github/client.ts";
import type { GitHubConfig } from "../github/config.ts";
import { startFakeGitHub, type FakeGitHub } from "../github/testing/fake-github.ts";
import { JOBS } from "../jobs/registry.ts";
import { scanRepo } from "../jobs/scan-repo.ts";
import { syncAllSources } from "../jobs/sync-all-sources.ts";
import { syncSource } from "../jobs/sync-source.ts";
import { createBoss, startBoss } from "../queue/boss.ts";
import { ensureQueues } from "../queue/enqueue.ts";
import { testJobContext } from "../queue/testing/job-context.ts";
import { createTestDatabase, type TestDatabase } from "../queue/testing/test-database.ts";
import { GitHubSource } from "./github-source.ts";
import { sourceForOrgWith } from "./source-for-org.ts";

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

describe("GitHubSource", () => {
  let gh: FakeGitHub;
  let config: GitHubConfig;
  let installationId: number;
  let tdb: TestDatabase;
  let boss: PgBoss;
  let env: Env;
  const logLines: string[] = [];
  const log = pino({ level: "trace" }, new Writable({ write: (chunk, _e, cb) => (logLines.push(String(chunk)), cb()) }));
  const ctx = (jobId?: string) => testJobContext({ db: tdb.db, boss, env }, { sourceFor: sourceForOrgWith(config), log, ...(jobId ? { jobId } : {}) });

  async function runQueuedScans(): Promise<number> {
    let ran = 0;
    for (;;) {
      const [job] = await boss.fetch<unknown>(scanRepo.name);
      if (!job) return ran;
      await scanRepo.handle(scanRepo.schema.parse(job.data), ctx(job.id));
      await boss.complete(scanRepo.name, job.id);
      ran++;
    }
  }

  beforeAll(async () => {
    tuneGitHubClient({ retryBaseMs: 5 });
    gh = await startFakeGitHub();
    gh.addOrg("acme", { alice: "admin" });
    gh.addRepo("acme", "api", { files: { "server.js": "require('http').createServer().listen(process.env.PORT);\n", "package.json": '{"name":"api"}\n' }, language: "JavaScript", topics: ["svc"] });
    gh.addRepo("acme", "web", { files: { "index.html": "<p>hi</p>\n" }, visibility: "public", defaultBranch: "trunk" });
    gh.addRepo("acme", "old", { files: { "a.txt": "a\n" }, archived: true });
    gh.addRepo("acme", "forked", { files: { "b.txt": "b\n" }, fork: true });
    gh.addRepo("acme", "empty", { files: null });
    gh.addRepo("other", "private", { files: { "c.txt": "c\n" } });
    installationId = gh.installApp("acme").installation.id;
    config = {
      appId: gh.app.id,
      slug: gh.app.slug,
      privateKey: gh.app.privateKeyPem,
      webhookSecret: gh.app.webhookSecret,
      clientId: gh.app.clientId,
      clientSecret: gh.app.clientSecret,
      apiUrl: gh.apiUrl,
      webUrl: gh.webUrl,
      source: "env",
    };
    tdb = await createTestDatabase("tf_ghsrc");
    boss = await startBoss(createBoss(tdb.url, "producer"));
    await ensureQueues(boss, JOBS);
    env = parseEnv({ DATABASE_URL: tdb.url, LOG_LEVEL: "silent" });
  });

  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await tdb?.drop();
    await gh?.close();
    resetGitHubClients();
  });

  it("lists every repository of the installation with metadata and HEAD, in about one REST call per repository", async () => {
    resetGitHubClients();
    resetRestCallStats();
    const source = new GitHubSource({ login: "acme", installationId, config });
    const repos = await source.listRepositories();
    expect(repos.map((r) => r.fullName)).toEqual(["acme/api", "acme/empty", "acme/forked", "acme/old", "acme/web"]);
    const api = repos.find((r) => r.name === "api")!;
    expect(api).toMatchObject({
      externalId: String(gh.findRepo("acme", "api")!.id),
      cloneUrl: `${gh.webUrl}/acme/api.git`,
      htmlUrl: `${gh.webUrl}/acme/api`,
      defaultBranch: "main",
      headSha: gh.headSha(gh.findRepo("acme", "api")!),
      visibility: "private",
      language: "JavaScript",
      topics: ["svc"],
    });
    expect(repos.find((r) => r.name === "web")).toMatchObject({ defaultBranch: "trunk", visibility: "public", headSha: gh.headSha(gh.findRepo("acme", "web")!) });
    expect(repos.find((r) => r.name === "old")).toMatchObject({ archived: true });
    expect(repos.find((r) => r.name === "forked")).toMatchObject({ fork: true });
    expect(repos.find((r) => r.name === "empty")).toMatchObject({ headSha: null });
    // token + 1 listing page + 4 HEAD lookups (the empty repository has size 0: no lookup)
    expect(restCallStats().total).toBe(6);
  });

  it("clones with the installation token without leaking it into the clone, logs or errors", async () => {
    const source = new GitHubSource({ login: "acme", installationId, config });
    const access = await source.cloneAccess({ externalId: "x", cloneUrl: `${gh.webUrl}/acme/api.git` });
    expect(access.url).toBe(`${gh.webUrl}/acme/api.git`);
    expect(access.token?.startsWith("ghs_")).toBe(true);
    const token = access.token!;
    const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
    const clone = await safeClone({ url: access.url, token });
    try {
      expect(readFileSync(path.join(clone.dir, "server.js"), "utf8")).toContain("process.env.PORT");
      for (const file of filesUnder(clone.dir)) {
        const text = readFileSync(file).toString("latin1");
        expect(text.includes(token) || text.includes(basic), file).toBe(false);
      }
    } finally {
      await clone.cleanup();
    }
    // The token never goes to another host.
    await expect(source.cloneAccess({ externalId: "x", cloneUrl: "http://127.0.0.2:1/acme/api.git" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A failing clone (token revoked) does not echo it.
    gh.state.tokens.delete(token);
    const err = (await safeClone({ url: access.url, token }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(`${err.message} ${JSON.stringify(err)} ${String((err as { cause?: unknown }).cause ?? "")}`).not.toContain(token);
    expect(`${err.message} ${JSON.stringify(err)}`).not.toContain(basic);
    resetGitHubClients();
  });

  it("syncs a GitHub org through sync-source, scans per org policy, and rescans only a changed HEAD", async () => {
    const org = await upsertInstallationOrg(tdb.db, { installationId: BigInt(installationId), accountId: 1n, login: "acme", accountType: "Organization", suspended: false });
    const first = (await syncSource.handle({ orgId: org.id }, ctx())) as { repositories: number; scansQueued: number };
    // archived and fork excluded by default, empty has no HEAD → api, web
    expect(first).toMatchObject({ repositories: 5, scansQueued: 2 });
    expect(await runQueuedScans()).toBe(2);
    const done = await tdb.db.scan.findMany({ where: { repository: { orgId: org.id } }, select: { status: true, commitSha: true } });
    expect(done.map((s) => s.status).sort()).toEqual(["DONE", "DONE"]);
    expect(JSON.stringify(await tdb.db.scan.findMany({}))).not.toMatch(/ghs_/);

    // Unchanged HEADs → nothing to scan.
    expect(await syncSource.handle({ orgId: org.id }, ctx())).toMatchObject({ scansQueued: 0 });

    // Archived repositories follow the org setting; a push changes one HEAD.
    await tdb.db.org.update({ where: { id: org.id }, data: { includeArchived: true } });
    gh.pushCommit("acme", "api", { "Procfile": "web: node server.js\n" });
    expect(await syncSource.handle({ orgId: org.id }, ctx())).toMatchObject({ scansQueued: 2 });
    expect(await runQueuedScans()).toBe(2);
    expect(logLines.join("")).not.toMatch(/ghs_[A-Za-z0-9]{10}/);
  });

  it("marks the org deleted when the installation is gone, suspended when suspended", async () => {
    const { installation } = gh.installApp("other");
    const org = await upsertInstallationOrg(tdb.db, { installationId: BigInt(installation.id), accountId: 2n, login: "other", accountType: "Organization", suspended: false });
    installation.suspended = true;
    expect(await syncSource.handle({ orgId: org.id }, ctx())).toMatchObject({ skipped: true, reason: "installation suspended" });
    expect((await tdb.db.org.findUniqueOrThrow({ where: { id: org.id } })).suspendedAt).not.toBeNull();
    await tdb.db.org.update({ where: { id: org.id }, data: { suspendedAt: null } });
    gh.state.installations.delete(installation.id);
    resetGitHubClients();
    expect(await syncSource.handle({ orgId: org.id }, ctx())).toMatchObject({ skipped: true, reason: "installation gone" });
    expect((await tdb.db.org.findUniqueOrThrow({ where: { id: org.id } })).deletedAt).not.toBeNull();

    // The nightly fan-out includes active GitHub orgs and skips the gone one.
    await syncAllSources.handle({}, ctx());
    const queuedOrgs = (await boss.findJobs(syncSource.name)).filter((j) => j.state === "created").map((j) => (j.data as { orgId?: string }).orgId);
    const acme = await tdb.db.org.findFirstOrThrow({ where: { login: "acme" } });
    expect(queuedOrgs).toContain(acme.id);
    expect(queuedOrgs).not.toContain(org.id);
  });
});
