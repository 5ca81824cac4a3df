// Users, sessions, memberships and the viewer they produce, against a migrated database of this file's own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import { upsertGitHubUser } from "../db/users.ts";
import { createTestDatabase, type TestDatabase } from "../queue/testing/test-database.ts";
import { SESSION_COOKIE } from "./cookies.ts";
import { membershipsFromSignIn, recordSignInMemberships } from "./memberships.ts";
import { resolveViewer, type ViewerSettings } from "./resolve-viewer.ts";
import { endSession, issueSession, readSession } from "./session.ts";
import { signValue } from "./signed-value.ts";
import { canSeeOrg } from "./viewer.ts";

const SECRET = "k".repeat(40);
let tdb: TestDatabase;
let db: PrismaClient;
const orgs: Record<string, string> = {};

const settings: ViewerSettings = { githubConfigured: true, sessionSecret: SECRET, membershipRefreshMinutes: 60 };
const local = (cookie: string | null) => ({ host: "127.0.0.1:3000", forwardedHost: null, cookieHeader: cookie });

beforeAll(async () => {
  tdb = await createTestDatabase("tf_auth_access");
  db = tdb.db;
  const mk = async (login: string, data: Record<string, unknown>) =>
    (orgs[login] = (await db.org.create({ data: { login, name: login, ...data } as never, select: { id: true } })).id);
  await mk("acme", { sourceKind: "GITHUB", githubInstallationId: 11n, githubAccountId: 1001n, githubAccountType: "Organization" });
  await mk("globex", { sourceKind: "GITHUB", githubInstallationId: 12n, githubAccountId: 1002n, githubAccountType: "Organization" });
  await mk("alice", { sourceKind: "GITHUB", githubInstallationId: 13n, githubAccountId: 501n, githubAccountType: "User" });
  await mk("gone", { sourceKind: "GITHUB", githubInstallationId: 14n, githubAccountId: 1004n, githubAccountType: "Organization", deletedAt: new Date() });
  await mk("samples", { sourceKind: "LOCAL", localPath: "/srv/samples" });
});

afterAll(async () => {
  await tdb?.drop();
});

const profile = (githubId: number, login: string) => ({ githubId, login, name: null, avatarUrl: null, email: `${login}@example.test` });

describe("users", () => {
  it("the first user is admin, later users only when listed in ADMIN_GITHUB_LOGINS (case-insensitive)", async () => {
    const first = await upsertGitHubUser(db, profile(900, "root"), []);
    expect(first.isAdmin).toBe(true);
    const alice = await upsertGitHubUser(db, profile(501, "alice"), ["Carol"]);
    expect(alice.isAdmin).toBe(false);
    const carol = await upsertGitHubUser(db, profile(503, "carol"), [" dave", "CAROL "].map((s) => s.trim()));
    expect(carol.isAdmin).toBe(true);
    // removed from the list → no longer admin at the next sign-in; the first user stays admin
    expect((await upsertGitHubUser(db, profile(503, "carol"), [])).isAdmin).toBe(false);
    expect((await upsertGitHubUser(db, profile(900, "root"), [])).isAdmin).toBe(true);
    // a rename keeps the same row (identity is the GitHub id)
    const renamed = await upsertGitHubUser(db, profile(501, "alice2"), []);
    expect(renamed.id).toBe(alice.id);
    await upsertGitHubUser(db, profile(501, "alice"), []);
  });
});

describe("sessions", () => {
  it("a signed cookie names a session; tampered, expired or signed-out cookies are anonymous", async () => {
    const user = await upsertGitHubUser(db, profile(502, "bob"), []);
    const s = await issueSession(db, { secret: SECRET, userId: user.id, maxAgeHours: 1, userAgent: "test" });
    expect((await readSession(db, SECRET, s.cookieValue))?.user.login).toBe("bob");
    expect(await readSession(db, "x".repeat(40), s.cookieValue)).toBeNull();
    expect(await readSession(db, SECRET, signValue(SECRET, "session", "not-a-session"))).toBeNull();
    expect(await readSession(db, SECRET, s.sessionId)).toBeNull(); // unsigned id
    // expired: anonymous, and the row is deleted
    expect(await readSession(db, SECRET, s.cookieValue, new Date(Date.now() + 2 * 3600_000))).toBeNull();
    expect(await db.session.count({ where: { id: s.sessionId } })).toBe(0);

    const s2 = await issueSession(db, { secret: SECRET, userId: user.id, maxAgeHours: 1, userAgent: null });
    await endSession(db, SECRET, s2.cookieValue);
    expect(await readSession(db, SECRET, s2.cookieValue)).toBeNull();
  });
});

describe("memberships and the viewer", () => {
  it("at sign-in: orgs the user is a member of, and their own personal installation", async () => {
    const accounts = await db.org.findMany({ where: { sourceKind: "GITHUB", deletedAt: null }, select: { id: true, login: true, githubAccountId: true, githubAccountType: true, githubInstallationId: true } });
    const rows = membershipsFromSignIn(accounts, { githubId: 501, login: "alice" }, [
      { orgGithubId: 1001, orgLogin: "acme", role: "ADMIN" },
      { orgGithubId: 7777, orgLogin: "not-installed", role: "MEMBER" },
    ]);
    expect(rows).toEqual([
      { orgId: orgs.acme, role: "ADMIN" },
      { orgId: orgs.alice, role: "ADMIN" },
    ]);
    // a personal account of the same login but another GitHub id is not theirs
    expect(membershipsFromSignIn(accounts, { githubId: 999, login: "alice" }, [])).toEqual([]);
  });

  it("a user sees only their orgs; local orgs only when admin; demo only on loopback", async () => {
    const alice = await db.user.findUniqueOrThrow({ where: { githubId: 501n } });
    const root = await db.user.findUniqueOrThrow({ where: { githubId: 900n } });
    await recordSignInMemberships(db, alice.id, { githubId: 501, login: "alice" }, [{ orgGithubId: 1001, orgLogin: "acme", role: "MEMBER" }]);
    await recordSignInMemberships(db, root.id, { githubId: 900, login: "root" }, [{ orgGithubId: 1002, orgLogin: "globex", role: "MEMBER" }]);
    const aliceCookie = (await issueSession(db, { secret: SECRET, userId: alice.id, maxAgeHours: 1, userAgent: null })).cookieValue;
    const rootCookie = (await issueSession(db, { secret: SECRET, userId: root.id, maxAgeHours: 1, userAgent: null })).cookieValue;

    const a = await resolveViewer(db, settings, local(`${SESSION_COOKIE}=${aliceCookie}`));
    expect(a).toMatchObject({ kind: "user", login: "alice", isAdmin: false });
    expect(a.kind === "user" && [...a.orgIds].sort()).toEqual([orgs.acme, orgs.alice].sort());
    expect(canSeeOrg(a, orgs.globex!)).toBe(false);
    expect(canSeeOrg(a, orgs.samples!)).toBe(false);

    const r = await resolveViewer(db, settings, { ...local(`${SESSION_COOKIE}=${rootCookie}`), host: "tf.example.com" });
    expect(r).toMatchObject({ kind: "user", isAdmin: true });
    expect(r.kind === "user" && [...r.orgIds].sort()).toEqual([orgs.globex, orgs.samples].sort());
    expect(canSeeOrg(r, orgs.gone!)).toBe(false);

    expect(await resolveViewer(db, settings, local(null))).toEqual({ kind: "anonymous", reason: "signed-out" });
    expect(await resolveViewer(db, settings, local(`${SESSION_COOKIE}=${aliceCookie}x`))).toEqual({ kind: "anonymous", reason: "signed-out" });
    const demo = { ...settings, githubConfigured: false };
    expect(await resolveViewer(db, demo, local(null))).toEqual({ kind: "demo" });
    expect(await resolveViewer(db, demo, { ...local(null), host: "localhost:3000" })).toEqual({ kind: "demo" });
    expect(await resolveViewer(db, demo, { ...local(null), host: "tf.example.com" })).toEqual({ kind: "anonymous", reason: "demo-not-local" });
  });
});
