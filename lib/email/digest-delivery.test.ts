// Weekly digests end to end against real PostgreSQL, real pg-boss workers and a real SMTP server in
// this process (smtp-server), parsing what arrives with mailparser: content and headers, exactly-once
// (a repeated weekly run; a worker process SIGKILLed mid-fan-out and restarted), one-click
// unsubscribe through the API route, and SMTP servers that refuse or drop the connection.
// Uses the test database in DATABASE_URL (the unsubscribe route reads it through db()).
import { randomBytes } from "node:crypto";
import type { ParsedMail } from "mailparser";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as unsubscribePost } from "../../app/api/unsubscribe/route.ts";
import { db, disconnectDb } from "../db/client.ts";
import { parseEnv, type Env } from "../env.ts";
import { orgDigest } from "../jobs/org-digest.ts";
import { createSendDigestJob } from "../jobs/send-digest.ts";
import { orgDigestSpec } from "../jobs/specs/org-digest.ts";
import { sendDigestSpec } from "../jobs/specs/send-digest.ts";
import { weeklyDigestsSpec } from "../jobs/specs/weekly-digests.ts";
import { weeklyDigests } from "../jobs/weekly-digests.ts";
import { createLogger } from "../log.ts";
import { createBoss, startBoss } from "../queue/boss.ts";
import { enqueue, ensureQueues } from "../queue/enqueue.ts";
import { eventually, spawnEntry, type SpawnedProcess } from "../queue/testing/spawn-process.ts";
import { testJobContext } from "../queue/testing/job-context.ts";
import { REPO_ROOT } from "../queue/testing/test-database.ts";
import { startWorker, type RunningWorker } from "../queue/worker.ts";
import { sourceForOrg } from "../sources/source-for-org.ts";
import { testDatabaseUrl } from "../../test/support/scratch-db.ts";
import { digestMessageId } from "./compose-digest.ts";
import { fmtDelta, fmtScore } from "./format.ts";
import { digestFixture, seedDigestFixture, type DigestFixture, type FixtureMember } from "./testing/digest-fixture.ts";
import { startDroppingServer, startTestSmtpServer, type TestSmtpServer } from "./testing/smtp-server.ts";
import { verifyUnsubscribeToken } from "./unsubscribe-token.ts";
import { isoWeek } from "./week.ts";

// Built at run time (never a literal secret in the repository); set before anything calls loadEnv().
const SESSION_SECRET = randomBytes(32).toString("hex");
process.env.SESSION_SECRET = SESSION_SECRET;
const APP_URL = "https://tf.example.test";
const EMAIL_FROM = "twelvefactor <reports@tf.example.test>";
const DAY = 24 * 3600 * 1000;

const fx = digestFixture("mail");
const killFx: DigestFixture = {
  ...digestFixture("kill"),
  orgName: "Kill Co",
  members: Array.from({ length: 8 }, (_, i): FixtureMember => ({ id: `kill-u${i}`, login: `k${i}`, email: `k${i}@kill.example.test`, role: "ADMIN" })),
};
const subscribed = (f: DigestFixture) =>
  f.members.filter((m) => m.email && (m.subscription ?? (m.role === "ADMIN" ? "WEEKLY" : "OFF")) === "WEEKLY").map((m) => m.email!);

/** The fixture's org score as of `days` before asOf (latest DONE scan per repository). */
function fixtureScore(f: DigestFixture, days: number): number {
  const scores = f.repos.flatMap((r) => {
    const s = r.scans.filter((x) => (x.status ?? "DONE") === "DONE" && x.daysAgo >= days).sort((a, b) => a.daysAgo - b.daysAgo)[0];
    return s?.score != null ? [s.score] : [];
  });
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}
const repoScore = (f: DigestFixture, name: string, days: number) =>
  f.repos.find((r) => r.name === name)!.scans.filter((x) => (x.status ?? "DONE") === "DONE" && x.daysAgo >= days).sort((a, b) => a.daysAgo - b.daysAgo)[0]!.score!;

/** A header's raw value (unfolded), as the mail client sees it. */
function header(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim();
}

const fastSendDigest = { ...createSendDigestJob({ leaseSeconds: 3 }), retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false, retryDelayMaxSeconds: undefined };
const EMAIL_JOBS = [weeklyDigests, orgDigest, fastSendDigest];

describe("weekly digest delivery (real SMTP server, PostgreSQL, pg-boss)", () => {
  let boss: PgBoss;
  let smtp: TestSmtpServer;
  let worker: RunningWorker | null = null;
  const procs: SpawnedProcess[] = [];
  const envFor = (smtpUrl: string): Env =>
    parseEnv({ DATABASE_URL: testDatabaseUrl(), SMTP_URL: smtpUrl, SESSION_SECRET, APP_URL, EMAIL_FROM, WORKER_CONCURRENCY: "2", SHUTDOWN_GRACE_SECONDS: "5" });
  const startEmailWorker = async (smtpUrl: string) => {
    worker = await startWorker({ env: envFor(smtpUrl), log: createLogger("silent"), db: db(), jobs: EMAIL_JOBS, sourceFor: sourceForOrg });
  };
  const sends = (orgId: string, week?: string) => db().emailSend.findMany({ where: { orgId, ...(week ? { week } : {}) }, include: { user: true }, orderBy: { userId: "asc" } });
  const receivedFor = (emails: string[]) => smtp.received.filter((r) => r.to.some((t) => emails.includes(t)));
  const idle = () =>
    eventually(async () => {
      for (const spec of [weeklyDigestsSpec, orgDigestSpec, sendDigestSpec]) if ((await boss.findJobs(spec.name, { queued: true })).length) return false;
      return true;
    }, 30_000);

  beforeAll(async () => {
    await seedDigestFixture(db(), fx);
    await db().org.deleteMany({ where: { id: killFx.orgId } }); // seeded by its own test, so earlier weekly runs do not reach it
    boss = await startBoss(createBoss(testDatabaseUrl(), "producer"));
    await ensureQueues(boss, EMAIL_JOBS);
    smtp = await startTestSmtpServer();
  });

  afterEach(async () => {
    await worker?.stop();
    worker = null;
  });

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await boss?.stop({ graceful: false });
    await smtp?.close();
    await db().org.deleteMany({ where: { id: { in: [fx.orgId, killFx.orgId] } } });
    await disconnectDb();
  });

  it("sends one digest per subscribed member: subject, recipients, both parts, headers, links and the seeded numbers", async () => {
    await startEmailWorker(smtp.url);
    await enqueue(boss, weeklyDigestsSpec, { asOf: fx.asOf.toISOString() });
    const week = isoWeek(fx.asOf);
    await eventually(async () => (await sends(fx.orgId, week)).filter((s) => s.status === "SENT").length === 2, 30_000);

    const expectedTo = subscribed(fx);
    expect(expectedTo.sort()).toEqual(["ada@mail.example.test", "bob@mail.example.test"]); // admin by default + opted-in member
    const mails = receivedFor(fx.members.flatMap((m) => (m.email ? [m.email] : [])));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(expectedTo);

    const ada = mails.find((m) => m.to[0] === "ada@mail.example.test")!.mail;
    const now = fixtureScore(fx, 0);
    const before = fixtureScore(fx, 7);
    expect(ada.subject).toBe(`${fx.orgName} weekly twelvefactor report: grade C, ${now.toFixed(1)} (${fmtDelta(now - before)})`);
    expect(ada.from?.value[0]?.address).toBe("reports@tf.example.test");
    expect((Array.isArray(ada.to) ? ada.to[0] : ada.to)?.value[0]?.address).toBe("ada@mail.example.test");

    // Both parts, with the same numbers (derived from the fixture's scans).
    const text = ada.text!;
    const html = String(ada.html).replace(/<!-- -->/g, "");
    expect(text).toContain(`score ${fmtScore(now)} / 100 (${fmtDelta(now - before)} since last week)`);
    const [a0, a1] = [repoScore(fx, "alpha-api", 7), repoScore(fx, "alpha-api", 0)];
    const [b0, b1] = [repoScore(fx, "beta-worker", 7), repoScore(fx, "beta-worker", 0)];
    expect(text).toContain(`alpha-api: ${fmtScore(a0)} -> ${fmtScore(a1)} (${fmtDelta(a1 - a0)})`);
    expect(text).toContain(`beta-worker: ${fmtScore(b0)} -> ${fmtScore(b1)} (${fmtDelta(b1 - b0)})`);
    expect(text).toContain("[critical] alpha-api: F03-hardcoded-secret (secret-2)");
    expect(text).toContain("[high] delta-web: F04-hardcoded-internal-endpoint (endpoint-1)");
    expect(text).not.toContain("secret-waived");
    expect(text).toMatch(/1\. F02-lockfile-missing \(high, 2 repositories, factor 2\)\n\s+Commit the lockfile\./);
    for (const s of [fmtScore(now), `${fmtScore(a0)} → ${fmtScore(a1)}`, fmtDelta(a1 - a0), "F03-hardcoded-secret", "Commit the lockfile."]) expect(html).toContain(s);

    // Links into the dashboard, absolute, in both parts.
    expect(html).toContain(`href="${APP_URL}/orgs/${fx.orgId}"`);
    expect(html).toContain(`href="${APP_URL}/repos/${fx.orgId.replace(/-org$/, "")}-alpha"`);
    expect(html).toContain(`href="${APP_URL}/factors#factor-2"`);
    expect(html).toContain(`href="${APP_URL}/settings/notifications"`);
    expect(text).toContain(`Scorecard: ${APP_URL}/orgs/${fx.orgId}`);
    // Renders without external resources: no images, stylesheets or web fonts.
    expect(html).not.toMatch(/<img|<link[^>]+stylesheet|@import|@font-face|fonts\.googleapis/i);

    // RFC 8058 headers and a token bound to (user, org, week).
    const listUnsub = header(ada, "List-Unsubscribe")!;
    expect(header(ada, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const m = /^<(https:\/\/tf\.example\.test\/api\/unsubscribe\?token=([^>]+))>$/.exec(listUnsub);
    expect(m, listUnsub).not.toBeNull();
    expect(verifyUnsubscribeToken(SESSION_SECRET, decodeURIComponent(m![2]!))).toEqual({ userId: "mail-u-admin", orgId: fx.orgId, week });
    expect(text).toContain(`Unsubscribe: ${APP_URL}/unsubscribe?token=${m![2]}`);

    // The send log: one SENT row per recipient with the deterministic Message-ID.
    const rows = await sends(fx.orgId, week);
    expect(rows.map((r) => [r.user.email, r.status, r.attempts])).toEqual([
      ["ada@mail.example.test", "SENT", 1],
      ["bob@mail.example.test", "SENT", 1],
    ]);
    expect(ada.messageId).toBe(digestMessageId({ orgId: fx.orgId, userId: "mail-u-admin", week }, EMAIL_FROM));
    expect(rows[0]!.messageId).toBe(ada.messageId);
  });

  it("running the weekly job again the same week (twice more) sends nothing more", async () => {
    await startEmailWorker(smtp.url);
    const mine = fx.members.flatMap((m) => (m.email ? [m.email] : []));
    const before = receivedFor(mine).length;
    await enqueue(boss, weeklyDigestsSpec, { asOf: fx.asOf.toISOString() });
    await idle();
    await enqueue(boss, weeklyDigestsSpec, { asOf: new Date(fx.asOf.getTime() + 3 * 3600_000).toISOString() });
    await idle();
    // A duplicated send job for a SENT row is a no-op as well.
    await enqueue(boss, sendDigestSpec, { orgId: fx.orgId, userId: "mail-u-admin", week: isoWeek(fx.asOf), asOf: fx.asOf.toISOString() });
    await idle();
    await new Promise((r) => setTimeout(r, 1000));
    expect(receivedFor(mine).length).toBe(before);
    expect((await sends(fx.orgId)).map((r) => r.attempts)).toEqual([1, 1]);
  });

  it("unsubscribe: one-click POST works once, is idempotent, refuses an altered token, and no further email goes out", async () => {
    const ada = receivedFor(["ada@mail.example.test"])[0]!.mail;
    const url = /^<([^>]+)>$/.exec(header(ada, "List-Unsubscribe")!)![1]!;
    const call = (u: string) =>
      unsubscribePost(new Request(u, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }), {
        params: Promise.resolve({}),
      });

    // Altered: one character of the signature, or of the payload.
    const token = new URL(url).searchParams.get("token")!;
    const [v, body, sig] = token.split(".");
    const flip = (s: string) => (s[5] === "A" ? `${s.slice(0, 5)}B${s.slice(6)}` : `${s.slice(0, 5)}A${s.slice(6)}`);
    for (const bad of [`${v}.${body}.${flip(sig!)}`, `${v}.${flip(body!)}.${sig}`, "garbage", ""]) {
      const res = await call(`${APP_URL}/api/unsubscribe?token=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
    }
    expect(await db().emailSubscription.findUnique({ where: { userId_orgId: { userId: "mail-u-admin", orgId: fx.orgId } } })).toBeNull();

    const first = await call(url);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: "unsubscribed", org: fx.orgName });
    const second = await call(url);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ status: "already-unsubscribed", org: fx.orgName });
    const sub = await db().emailSubscription.findUniqueOrThrow({ where: { userId_orgId: { userId: "mail-u-admin", orgId: fx.orgId } } });
    expect(sub.frequency).toBe("OFF");
    expect(sub.unsubscribedAt).toBeInstanceOf(Date);

    // Next week: bob gets his report, ada nothing.
    await startEmailWorker(smtp.url);
    const nextAsOf = new Date(fx.asOf.getTime() + 7 * DAY);
    const nextWeek = isoWeek(nextAsOf);
    await enqueue(boss, weeklyDigestsSpec, { asOf: nextAsOf.toISOString() });
    await eventually(async () => (await sends(fx.orgId, nextWeek)).some((s) => s.status === "SENT"), 30_000);
    await idle();
    expect((await sends(fx.orgId, nextWeek)).map((s) => [s.user.email, s.status])).toEqual([["bob@mail.example.test", "SENT"]]);
    // A send job queued before the unsubscribe (fan-out done, then the click) sends nothing either.
    const adaBefore = receivedFor(["ada@mail.example.test"]).length;
    await db().emailSend.create({ data: { orgId: fx.orgId, userId: "mail-u-admin", week: "2026-W50" } });
    await enqueue(boss, sendDigestSpec, { orgId: fx.orgId, userId: "mail-u-admin", week: "2026-W50", asOf: nextAsOf.toISOString() });
    await eventually(async () => !(await db().emailSend.findUnique({ where: { orgId_userId_week: { orgId: fx.orgId, userId: "mail-u-admin", week: "2026-W50" } } })), 30_000);
    expect(receivedFor(["ada@mail.example.test"]).length).toBe(adaBefore);
  });

  it("SMTP refusals: 550 is recorded as FAILED without retry; 421 and dropped connections are retried, then FAILED; the worker keeps working", async () => {
    await startEmailWorker(smtp.url);
    const key = (week: string) => ({ orgId: fx.orgId, userId: "mail-u-optin", week, asOf: fx.asOf.toISOString() });
    const row = (week: string) => db().emailSend.findUnique({ where: { orgId_userId_week: { orgId: fx.orgId, userId: "mail-u-optin", week } } });
    const settled = (week: string) => eventually(async () => { const r = await row(week); return r && r.status !== "PENDING" && r; }, 30_000);

    smtp.setRcptPolicy((a) => (a === "bob@mail.example.test" ? { code: 550, message: "5.1.1 mailbox unavailable" } : null));
    await enqueue(boss, sendDigestSpec, key("2027-W01"));
    const refused = await settled("2027-W01");
    expect(refused).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(refused.error).toMatch(/^550 .*mailbox unavailable/);

    smtp.setRcptPolicy((a) => (a === "bob@mail.example.test" ? { code: 421, message: "4.3.2 try again later" } : null));
    await enqueue(boss, sendDigestSpec, key("2027-W02"));
    const deferred = await settled("2027-W02");
    expect(deferred.status).toBe("FAILED");
    expect(deferred.attempts).toBe(fastSendDigest.retryLimit + 1);
    expect(deferred.error).toMatch(/^gave up after 3 attempts: .*421/);
    const [job] = await boss.findJobs(sendDigestSpec.name, { key: `${fx.orgId}:mail-u-optin:2027-W02` });
    expect(job?.state).toBe("failed");

    // Still alive: the next send goes through.
    smtp.setRcptPolicy(null);
    await enqueue(boss, sendDigestSpec, key("2027-W03"));
    expect(await settled("2027-W03")).toMatchObject({ status: "SENT", attempts: 1 });

    // A server that drops every connection.
    await worker!.stop();
    const dropping = await startDroppingServer();
    try {
      await startEmailWorker(dropping.url);
      await enqueue(boss, sendDigestSpec, key("2027-W04"));
      const dropped = await settled("2027-W04");
      expect(dropped.status).toBe("FAILED");
      expect(dropped.attempts).toBe(3);
      expect(dropped.error).toMatch(/gave up after 3 attempts: .*(closed|ECONNRESET|ESOCKET|ECONNECTION)/i);
      expect(dropping.connections()).toBeGreaterThanOrEqual(3);
    } finally {
      await dropping.close();
    }
  }, 60_000);

  it("a worker process SIGKILLed mid-fan-out, then a new one: exactly one email per recipient", async () => {
    const env = {
      DATABASE_URL: testDatabaseUrl(),
      SMTP_URL: smtp.url,
      SESSION_SECRET,
      APP_URL,
      EMAIL_FROM,
      WORKER_CONCURRENCY: "1",
      SHUTDOWN_GRACE_SECONDS: "5",
      LOG_LEVEL: "info",
    };
    const entry = path.join(REPO_ROOT, "lib/email/testing/digest-worker.ts");
    const recipients = subscribed(killFx);
    expect(recipients).toHaveLength(8);
    await seedDigestFixture(db(), killFx);

    const first = spawnEntry(entry, env, ["--lease=3"]);
    procs.push(first);
    await first.waitForLine(/"msg":"worker ready"/);
    const held = smtp.holdNext(4, (to) => recipients.includes(to));
    await enqueue(boss, weeklyDigestsSpec, { asOf: killFx.asOf.toISOString() });
    await held; // three delivered and marked SENT, the fourth is on the wire
    first.child.kill("SIGKILL");
    await first.exited;
    smtp.release("drop"); // the client vanished before the server's 250: not delivered

    const week = isoWeek(killFx.asOf);
    const mid = await sends(killFx.orgId, week);
    expect(mid).toHaveLength(8);
    expect(mid.filter((s) => s.status === "SENT")).toHaveLength(3);
    expect(mid.filter((s) => s.status === "PENDING" && s.messageId)).toHaveLength(1); // the claim of the killed attempt
    expect(receivedFor(recipients)).toHaveLength(3);

    const second = spawnEntry(entry, env, ["--lease=3"]);
    procs.push(second);
    await second.waitForLine(/"msg":"worker ready"/);
    // The orphaned job comes back once supervision notices the dead worker's heartbeat.
    await eventually(async () => (await sends(killFx.orgId, week)).every((s) => s.status === "SENT"), 90_000, 500);
    await new Promise((r) => setTimeout(r, 1500));
    const got = receivedFor(recipients).map((r) => r.to[0]!).sort();
    expect(got).toEqual([...recipients].sort());
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
    expect(second.lines.some((l) => l.includes("taking over a digest send"))).toBe(true);
  }, 150_000);
});

describe("weekly-digests refuses without its configuration", () => {
  it("skips quietly without SMTP_URL, and refuses clearly with SMTP_URL but no SESSION_SECRET", async () => {
    const base = { DATABASE_URL: testDatabaseUrl() };
    const ctx = (env: Record<string, string>) => testJobContext({ db: db(), boss: null as never, env: parseEnv({ ...base, ...env }) });
    expect(await weeklyDigests.handle({}, ctx({}))).toEqual({ skipped: "SMTP_URL is not set" });
    await expect(weeklyDigests.handle({}, ctx({ SMTP_URL: "smtp://127.0.0.1:1" }))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("SESSION_SECRET is not set"),
    });
  });
});

describe("send-digest claim lease (the crash windows, handler level)", () => {
  const lfx = digestFixture("lease");
  let smtp: TestSmtpServer;
  const key = { orgId: lfx.orgId, userId: "lease-u-admin", week: "2026-W48" };
  const payload = { ...key, asOf: lfx.asOf.toISOString() };
  beforeAll(async () => {
    await seedDigestFixture(db(), lfx);
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await db().org.deleteMany({ where: { id: lfx.orgId } });
    await disconnectDb();
  });
  const ctx = () =>
    testJobContext({
      db: db(),
      boss: null as never,
      env: parseEnv({ DATABASE_URL: testDatabaseUrl(), SMTP_URL: smtp.url, SESSION_SECRET, APP_URL, EMAIL_FROM }),
    });

  it("a live claim is left alone (retry later, nothing sent); an expired one is taken over and re-sent with the same Message-ID", async () => {
    const job = createSendDigestJob({ leaseSeconds: 2 });
    const messageId = digestMessageId(key, EMAIL_FROM);
    // Another attempt claimed the send (it may be mid-DATA, or it died after the server's 250).
    await db().emailSend.create({ data: { ...key, attempts: 1, messageId } });
    await expect(job.handle(payload, ctx())).rejects.toMatchObject({ code: "ABORTED" });
    expect(smtp.received).toHaveLength(0);

    await new Promise((r) => setTimeout(r, 2500));
    expect(await job.handle(payload, ctx())).toEqual({ sent: true, messageId });
    expect(smtp.received.map((r) => r.mail.messageId)).toEqual([messageId]);
    expect(await db().emailSend.findUnique({ where: { orgId_userId_week: key } })).toMatchObject({ status: "SENT", attempts: 2, messageId });

    // Once SENT, every further attempt is a no-op.
    expect(await job.handle(payload, ctx())).toEqual({ sent: false, status: "SENT" });
    expect(smtp.received).toHaveLength(1);
  });
});
