// The webhook receiver (signature, de-duplication, enqueue) and the github-webhook job, against a
// real PostgreSQL and pg-boss, with real example payloads from @octokit/webhooks-examples.
import { createRequire } from "node:module";
import type { InstallationTargetRenamedEvent } from "@octokit/webhooks-types";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertInstallationOrg } from "../db/github.ts";
import { findWebhookDelivery } from "../db/webhooks.ts";
import { parseEnv, type Env } from "../env.ts";
import { githubWebhook } from "../jobs/github-webhook.ts";
import { JOBS } from "../jobs/registry.ts";
import { githubWebhookSpec } from "../jobs/specs/github-webhook.ts";
import { scanRepoSpec } from "../jobs/specs/scan-repo.ts";
import { syncSourceSpec } from "../jobs/specs/sync-source.ts";
import { createBoss, startBoss } from "../queue/boss.ts";
import { ensureQueues } from "../queue/enqueue.ts";
import { testJobContext } from "../queue/testing/job-context.ts";
import { createTestDatabase, type TestDatabase } from "../queue/testing/test-database.ts";
import { signWebhookBody } from "./testing/fake-github.ts";
import { receiveWebhook } from "./webhook-receiver.ts";

const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as { name: string; examples: Record<string, unknown>[] }[];
function example(event: string, action?: string): Record<string, unknown> {
  const list = examples.find((e) => e.name === event)!.examples;
  const found = action ? list.find((x) => x.action === action) : list[0];
  if (!found) throw new Error(`no example ${event}.${action}`);
  return structuredClone(found);
}

const SECRET = ["whsec", "test", Math.random().toString(36).slice(2)].join("-");

function webhookRequest(event: string, payload: unknown, opts: { secret?: string | null; deliveryId?: string; body?: string } = {}): Request {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": "application/json", "x-github-event": event, "x-github-delivery": opts.deliveryId ?? crypto.randomUUID() };
  const secret = opts.secret === undefined ? SECRET : opts.secret;
  if (secret !== null) headers["x-hub-signature-256"] = signWebhookBody(secret, body);
  return new Request("http://127.0.0.1/api/github/webhooks", { method: "POST", headers, body: opts.body ?? body });
}

describe("GitHub webhooks", () => {
  let tdb: TestDatabase;
  let boss: PgBoss;
  let env: Env;
  const deps = () => ({ db: tdb.db, boss, webhookSecret: SECRET });
  const queued = async (name: string) => (await boss.findJobs(name)).filter((j) => j.state === "created").length;
  /** Runs every queued github-webhook job like the worker would. */
  async function drainWebhookJobs(): Promise<unknown[]> {
    const results: unknown[] = [];
    for (;;) {
      const [job] = await boss.fetch<unknown>(githubWebhookSpec.name);
      if (!job) return results;
      results.push(await githubWebhook.handle(githubWebhook.schema.parse(job.data), testJobContext({ db: tdb.db, boss, env }, { jobId: job.id })));
      await boss.complete(githubWebhookSpec.name, job.id);
    }
  }

  beforeAll(async () => {
    tdb = await createTestDatabase("tf_ghhook");
    boss = await startBoss(createBoss(tdb.url, "producer"));
    await ensureQueues(boss, JOBS);
    env = parseEnv({ DATABASE_URL: tdb.url, LOG_LEVEL: "silent" });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await tdb?.drop();
  });

  it("refuses bad signatures, missing headers and an unconfigured secret, enqueueing nothing", async () => {
    const payload = example("installation", "created");
    const tampered = webhookRequest("installation", payload, { body: JSON.stringify({ ...payload, action: "deleted" }) });
    expect((await receiveWebhook(tampered, deps())).status).toBe(401);
    expect((await receiveWebhook(webhookRequest("installation", payload, { secret: "wrong-secret-value" }), deps())).status).toBe(401);
    expect((await receiveWebhook(webhookRequest("installation", payload, { secret: null }), deps())).status).toBe(401);
    expect((await receiveWebhook(webhookRequest("installation", payload), { ...deps(), webhookSecret: null })).status).toBe(401);
    const noDelivery = webhookRequest("installation", payload);
    noDelivery.headers.delete("x-github-delivery");
    expect((await receiveWebhook(noDelivery, deps())).status).toBe(400);
    expect(await queued(githubWebhookSpec.name)).toBe(0);
    expect(await tdb.db.webhookDelivery.count()).toBe(0);
  });

  it("accepts a signed installation.created (202 + one job), ignores a replayed delivery id, and records the org", async () => {
    const payload = example("installation", "created");
    const deliveryId = crypto.randomUUID();
    const first = await receiveWebhook(webhookRequest("installation", payload, { deliveryId }), deps());
    expect(first.status).toBe(202);
    expect(await queued(githubWebhookSpec.name)).toBe(1);
    const replay = await receiveWebhook(webhookRequest("installation", payload, { deliveryId }), deps());
    expect(replay).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await queued(githubWebhookSpec.name)).toBe(1);
    expect(await findWebhookDelivery(tdb.db, deliveryId)).toMatchObject({ status: "ENQUEUED", event: "installation", action: "created" });

    const [result] = await drainWebhookJobs();
    expect(result).toMatchObject({ outcome: "org recorded", syncQueued: true });
    const installation = payload.installation as { id: number; account: { login: string } };
    const org = await tdb.db.org.findUniqueOrThrow({ where: { githubInstallationId: BigInt(installation.id) } });
    expect(org).toMatchObject({ sourceKind: "GITHUB", login: installation.account.login, deletedAt: null });
    expect(await queued(syncSourceSpec.name)).toBe(1);
  });

  it("records unknown events and pushes to other branches as IGNORED without a job", async () => {
    const star = await receiveWebhook(webhookRequest("star", example("star")), deps());
    expect(star.status).toBe(202);
    expect(star.body).toMatchObject({ ignored: true });
    const push = example("push");
    const repo = push.repository as { default_branch: string };
    push.ref = `refs/heads/not-${repo.default_branch}`;
    const deliveryId = crypto.randomUUID();
    expect((await receiveWebhook(webhookRequest("push", push, { deliveryId }), deps())).body).toMatchObject({ ignored: true });
    expect(await findWebhookDelivery(tdb.db, deliveryId)).toMatchObject({ status: "IGNORED" });
    expect(await queued(githubWebhookSpec.name)).toBe(0);
  });

  it("a push to the default branch updates HEAD and queues a PUSH scan of that repository only", async () => {
    const push = example("push");
    const installationId = 4_242_424;
    push.installation = { id: installationId };
    const repoJson = push.repository as { id: number; default_branch: string; full_name: string; name: string };
    push.ref = `refs/heads/${repoJson.default_branch}`;
    const after = "a".repeat(40);
    push.after = after;
    const org = await upsertInstallationOrg(tdb.db, { installationId: BigInt(installationId), accountId: 7n, login: repoJson.full_name.split("/")[0]!, accountType: "Organization", suspended: false });
    const common = { orgId: org.id, cloneUrl: "https://github.com/x.git", defaultBranch: repoJson.default_branch, headSha: "b".repeat(40) };
    const target = await tdb.db.repository.create({ data: { ...common, externalId: String(repoJson.id), name: repoJson.name, fullName: repoJson.full_name } });
    await tdb.db.repository.create({ data: { ...common, externalId: "999", name: "other", fullName: "x/other" } });
    const scansBefore = await queued(scanRepoSpec.name);

    expect((await receiveWebhook(webhookRequest("push", push), deps())).status).toBe(202);
    const [result] = await drainWebhookJobs();
    expect(result).toMatchObject({ outcome: "scan queued", repositoryId: target.id });
    expect((await tdb.db.repository.findUniqueOrThrow({ where: { id: target.id } })).headSha).toBe(after);
    expect(await queued(scanRepoSpec.name)).toBe(scansBefore + 1);
    const scans = await tdb.db.scan.findMany({ where: { repository: { orgId: org.id } }, select: { repositoryId: true, trigger: true, status: true } });
    expect(scans).toEqual([{ repositoryId: target.id, trigger: "PUSH", status: "QUEUED" }]);

    // repository.renamed / archived update the row; deleted marks it removed.
    const renamed = example("repository", "renamed");
    renamed.installation = { id: installationId };
    renamed.repository = { ...(renamed.repository as object), id: repoJson.id, name: "renamed-repo", full_name: `${org.login}/renamed-repo`, archived: true, owner: { login: org.login } };
    await receiveWebhook(webhookRequest("repository", renamed), deps());
    const deleted: Record<string, unknown> = { ...example("repository", "created"), action: "deleted" };
    deleted.installation = { id: installationId };
    deleted.repository = { ...(deleted.repository as object), id: 999, owner: { login: org.login } };
    await receiveWebhook(webhookRequest("repository", deleted), deps());
    await drainWebhookJobs();
    expect(await tdb.db.repository.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ name: "renamed-repo", archived: true, removedAt: null });
    expect((await tdb.db.repository.findFirstOrThrow({ where: { orgId: org.id, externalId: "999" } })).removedAt).not.toBeNull();

    // installation suspend / deleted.
    const suspend = example("installation", "suspend");
    suspend.installation = { ...(suspend.installation as object), id: installationId };
    await receiveWebhook(webhookRequest("installation", suspend), deps());
    await drainWebhookJobs();
    expect((await tdb.db.org.findUniqueOrThrow({ where: { id: org.id } })).suspendedAt).not.toBeNull();
    const gone = example("installation", "deleted");
    gone.installation = { ...(gone.installation as object), id: installationId };
    await receiveWebhook(webhookRequest("installation", gone), deps());
    await drainWebhookJobs();
    expect((await tdb.db.org.findUniqueOrThrow({ where: { id: org.id } })).deletedAt).not.toBeNull();
  });

  it("organization.renamed and installation_target.renamed move the org to the new login (display name kept when it is one)", async () => {
    const renamed = example("organization", "renamed");
    const installationId = 5_151_515;
    renamed.installation = { id: installationId };
    const account = renamed.organization as { login: string; id: number };
    renamed.changes = { login: { from: "octocoders-before" } };
    const org = await upsertInstallationOrg(tdb.db, { installationId: BigInt(installationId), accountId: BigInt(account.id), login: "octocoders-before", accountType: "Organization", suspended: false });
    // a stale row (an old, uninstalled org) still holds the new login: it is moved aside
    const stale = await tdb.db.org.create({ data: { sourceKind: "GITHUB", login: account.login, name: account.login, deletedAt: new Date() } });

    expect((await receiveWebhook(webhookRequest("organization", renamed), deps())).status).toBe(202);
    const syncsBefore = await queued(syncSourceSpec.name);
    expect(await drainWebhookJobs()).toMatchObject([{ outcome: "org renamed", orgId: org.id, login: account.login, syncQueued: true }]);
    expect(await queued(syncSourceSpec.name)).toBe(syncsBefore + 1);
    expect(await tdb.db.org.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ login: account.login, name: account.login, githubInstallationId: BigInt(installationId) });
    expect((await tdb.db.org.findUniqueOrThrow({ where: { id: stale.id } })).login).not.toBe(account.login);

    // installation_target.renamed (sent to the app for user and organization accounts); a display name stays
    await tdb.db.org.update({ where: { id: org.id }, data: { name: "Octo Coders Inc." } });
    const installed = example("installation", "created");
    const target: InstallationTargetRenamedEvent = {
      action: "renamed",
      account: { ...(installed.installation as { account: InstallationTargetRenamedEvent["account"] }).account, id: account.id, login: "octo-renamed" },
      changes: { login: { from: account.login } },
      installation: { id: installationId, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" },
      target_type: "Organization",
      sender: installed.sender as InstallationTargetRenamedEvent["sender"],
    };
    expect((await receiveWebhook(webhookRequest("installation_target", target), deps())).status).toBe(202);
    expect(await drainWebhookJobs()).toMatchObject([{ outcome: "org renamed", login: "octo-renamed" }]);
    expect(await tdb.db.org.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ login: "octo-renamed", name: "Octo Coders Inc." });

    // replaying the same change is harmless; an account id that is not the installation's changes nothing
    const foreign = { ...target, account: { ...target.account, id: account.id + 1, login: "someone-else" } };
    expect((await receiveWebhook(webhookRequest("installation_target", foreign), deps())).status).toBe(202);
    expect(await drainWebhookJobs()).toMatchObject([{ outcome: "ignored" }]);
    expect((await tdb.db.org.findUniqueOrThrow({ where: { id: org.id } })).login).toBe("octo-renamed");
    // other organization actions are recorded as IGNORED without a job
    const invited = example("organization", "member_invited");
    invited.installation = { id: installationId };
    expect((await receiveWebhook(webhookRequest("organization", invited), deps())).body).toMatchObject({ ignored: true, reason: "organization.member_invited is not acted on" });
  });

  it("organization.member_removed takes the org away from that user at once; member_added re-reads memberships from GitHub", async () => {
    const installationId = 6_161_616;
    const removed: Record<string, unknown> = { ...example("organization", "member_added"), action: "member_removed", installation: { id: installationId } };
    const account = removed.organization as { login: string; id: number };
    const member = (removed.membership as { user: { id: number; login: string } }).user;
    const org = await upsertInstallationOrg(tdb.db, { installationId: BigInt(installationId), accountId: BigInt(account.id), login: "members-org", accountType: "Organization", suspended: false });
    const other = await upsertInstallationOrg(tdb.db, { installationId: 6_161_617n, accountId: 99n, login: "other-org", accountType: "Organization", suspended: false });
    const refreshedAt = new Date();
    const leaving = await tdb.db.user.create({ data: { githubId: BigInt(member.id), login: member.login, membershipsRefreshedAt: refreshedAt } });
    const staying = await tdb.db.user.create({ data: { githubId: BigInt(member.id + 1), login: "stays", membershipsRefreshedAt: refreshedAt } });
    await tdb.db.membership.createMany({ data: [{ userId: leaving.id, orgId: org.id }, { userId: leaving.id, orgId: other.id }, { userId: staying.id, orgId: org.id }] });

    expect((await receiveWebhook(webhookRequest("organization", removed), deps())).status).toBe(202);
    expect(await drainWebhookJobs()).toMatchObject([{ outcome: "member removed", orgId: org.id, changed: true }]);
    const left = await tdb.db.membership.findMany({ select: { userId: true, orgId: true } });
    expect(left).toEqual(expect.arrayContaining([{ userId: leaving.id, orgId: other.id }, { userId: staying.id, orgId: org.id }]));
    expect(left.filter((m) => m.orgId === org.id || m.orgId === other.id)).toHaveLength(2);

    const added: Record<string, unknown> = { ...removed, action: "member_added" };
    expect((await receiveWebhook(webhookRequest("organization", added), deps())).status).toBe(202);
    expect(await drainWebhookJobs()).toMatchObject([{ outcome: "memberships marked stale", changed: true }]);
    expect((await tdb.db.user.findUniqueOrThrow({ where: { id: leaving.id } })).membershipsRefreshedAt).toBeNull();
    expect((await tdb.db.user.findUniqueOrThrow({ where: { id: staying.id } })).membershipsRefreshedAt).toEqual(refreshedAt);
  });
});
