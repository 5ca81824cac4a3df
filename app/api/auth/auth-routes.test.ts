// Sign-in end to end through the route handlers (called with real Request objects) against the local
// GitHub stand-in and a migrated database of this file's own: the OAuth web flow with its state check,
// the session cookie, the data API's 401/404, sign-out, and a membership refresh through the app's
// installation token that takes access away from a user removed from the org on GitHub.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/prisma/client";
import { startFakeGitHub, type FakeGitHub } from "@/lib/github/testing/fake-github";
import { createTestDatabase, type TestDatabase } from "@/lib/queue/testing/test-database";

const APP_URL = "http://127.0.0.1:3999";
let gh: FakeGitHub;
let tdb: TestDatabase;
let db: PrismaClient;
type Handler = (req: Request, route: { params: Promise<never> }) => Promise<Response>;
let routes: { start: Handler; callback: Handler; logout: Handler; status: Handler };
const ids: Record<string, string> = {};

const call = (h: Handler, url: string, init: RequestInit = {}, params: Record<string, string> = {}) =>
  h(new Request(new URL(url, APP_URL), init), { params: Promise.resolve(params as never) });

function setCookies(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.headers.getSetCookie()) out[c.slice(0, c.indexOf("="))] = c;
  return out;
}
const cookieValue = (setCookie: string) => setCookie.slice(setCookie.indexOf("=") + 1, setCookie.indexOf(";"));

/** The browser's part: start → GitHub authorize page (as `login`) → callback. Returns the callback response. */
async function signIn(login: string, opts: { returnTo?: string; swapStateCookie?: string } = {}) {
  const start = await call(routes.start, `/api/auth/github${opts.returnTo ? `?returnTo=${encodeURIComponent(opts.returnTo)}` : ""}`);
  expect(start.status).toBe(302);
  const stateCookie = setCookies(start).tf_oauth_state!;
  const authorize = new URL(start.headers.get("location")!);
  authorize.searchParams.set("login", login);
  const gave = await fetch(authorize, { redirect: "manual" });
  expect(gave.status).toBe(302);
  const back = new URL(gave.headers.get("location")!);
  const cookie = `tf_oauth_state=${opts.swapStateCookie ?? cookieValue(stateCookie)}`;
  return { start, stateCookie, callback: await call(routes.callback, back.pathname + back.search, { headers: { cookie, "user-agent": "vitest" } }) };
}

beforeAll(async () => {
  tdb = await createTestDatabase("tf_auth_routes");
  db = tdb.db;
  gh = await startFakeGitHub();
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  gh.app.privateKeyPem = pem;
  gh.app.publicKey = (await import("node:crypto")).createPublicKey(pem);
  gh.app.callbackUrls = [`${APP_URL}/api/auth/github/callback`];
  gh.addUser({ login: "alice" });
  gh.addUser({ login: "bob" });
  gh.addOrg("acme", { alice: "admin", bob: "member" });
  gh.addOrg("globex", { bob: "member" });
  gh.addRepo("acme", "storefront", { files: null });
  gh.addRepo("globex", "ledger", { files: null });
  for (const login of ["acme", "globex"]) {
    const inst = gh.installApp(login, "all").installation;
    const org = await db.org.create({
      data: { sourceKind: "GITHUB", login, name: login, githubInstallationId: BigInt(inst.id), githubAccountId: BigInt(inst.account.id), githubAccountType: "Organization" },
    });
    ids[login] = org.id;
    const repo = await db.repository.create({
      data: { orgId: org.id, externalId: `${login}-repo`, name: `${login}-repo`, fullName: `${login}/${login}-repo`, defaultBranch: "main", cloneUrl: `${gh.webUrl}/${login}/${login}-repo.git` } as never,
    });
    ids[`${login}-repo`] = repo.id;
  }
  ids.local = (await db.org.create({ data: { sourceKind: "LOCAL", login: "samples", name: "samples", localPath: "/srv/samples" } })).id;

  // The route handlers read their configuration through lib/env (once per module instance): point it at
  // this file's database and the stand-in, then load fresh module instances.
  Object.assign(process.env, {
    DATABASE_URL: tdb.url,
    APP_URL,
    GITHUB_URL: gh.webUrl,
    GITHUB_API_URL: gh.apiUrl,
    GITHUB_APP_ID: String(gh.app.id),
    GITHUB_PRIVATE_KEY: pem,
    GITHUB_CLIENT_ID: gh.app.clientId,
    GITHUB_CLIENT_SECRET: gh.app.clientSecret,
    GITHUB_WEBHOOK_SECRET: gh.app.webhookSecret,
    SESSION_SECRET: "e2e".repeat(12),
    ADMIN_GITHUB_LOGINS: "Carol",
    MEMBERSHIP_REFRESH_MINUTES: "5",
    LOG_LEVEL: "silent",
  });
  vi.resetModules();
  routes = {
    start: (await import("./github/route.ts")).GET as Handler,
    callback: (await import("./github/callback/route.ts")).GET as Handler,
    logout: (await import("./logout/route.ts")).POST as Handler,
    status: (await import("../repos/[id]/status/route.ts")).GET as Handler,
  };
});

afterAll(async () => {
  await (await import("@/lib/db/client")).disconnectDb();
  await gh?.close();
  await tdb?.drop();
});

describe("sign in with GitHub", () => {
  it("start sets a signed state cookie and redirects to GitHub's authorize page", async () => {
    const start = await call(routes.start, "/api/auth/github?returnTo=/orgs/x");
    const location = new URL(start.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(`${gh.webUrl}/login/oauth/authorize`);
    expect(location.searchParams.get("client_id")).toBe(gh.app.clientId);
    expect(location.searchParams.get("redirect_uri")).toBe(`${APP_URL}/api/auth/github/callback`);
    expect(location.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookies(start).tf_oauth_state).toMatch(/^tf_oauth_state=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/);
  });

  it("a callback whose state is not this browser's answers 400 and creates no session", async () => {
    const other = setCookies(await call(routes.start, "/api/auth/github")).tf_oauth_state!;
    const { callback } = await signIn("alice", { swapStateCookie: cookieValue(other) });
    expect(callback.status).toBe(400);
    expect(setCookies(callback).tf_session).toBeUndefined();
    expect(await db.session.count()).toBe(0);
    expect(await db.user.count()).toBe(0);
    // no cookie at all
    const start = await call(routes.start, "/api/auth/github");
    const back = await fetch(`${start.headers.get("location")}&login=alice`, { redirect: "manual" });
    const url = new URL(back.headers.get("location")!);
    expect((await call(routes.callback, url.pathname + url.search)).status).toBe(400);
    expect(await db.session.count()).toBe(0);
  });

  it("the code exchange signs alice in: session cookie, user, memberships; the token is not kept", async () => {
    const { callback } = await signIn("alice", { returnTo: "/orgs/abc?sort=name" });
    expect(callback.status).toBe(303);
    expect(callback.headers.get("location")).toBe(`${APP_URL}/orgs/abc?sort=name`);
    const session = setCookies(callback).tf_session!;
    expect(session).toMatch(/^tf_session=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800; Secure$/);
    expect(setCookies(callback).tf_oauth_state).toMatch(/Max-Age=0/);
    const alice = await db.user.findFirstOrThrow({ where: { login: "alice" }, include: { memberships: true, sessions: true } });
    expect(alice).toMatchObject({ isAdmin: true, email: "alice@users.example.test" }); // first user
    expect(alice.memberships.map((m) => [m.orgId, m.role])).toEqual([[ids.acme, "ADMIN"]]);
    expect(alice.sessions).toHaveLength(1);
    expect(alice.sessions[0]!.userAgent).toBe("vitest");
    expect(cookieValue(session).startsWith(alice.sessions[0]!.id + ".")).toBe(true);
    const dump = JSON.stringify(await Promise.all([db.user.findMany(), db.session.findMany(), db.membership.findMany()]), (_k, v) => (typeof v === "bigint" ? String(v) : v));
    expect(dump).not.toMatch(/gh[ush]_/);
  });

  it("a reused or unknown code does not sign in (shown on /login)", async () => {
    const start = await call(routes.start, "/api/auth/github");
    const state = new URL(start.headers.get("location")!).searchParams.get("state")!;
    const res = await call(routes.callback, `/api/auth/github/callback?code=nope&state=${state}`, {
      headers: { cookie: `tf_oauth_state=${cookieValue(setCookies(start).tf_oauth_state!)}` },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${APP_URL}/login?error=rejected`);
    expect(setCookies(res).tf_session).toBeUndefined();
  });
});

describe("the data API and sign-out", () => {
  it("401 without a session, 404 for another user's org, 200 for one's own; local orgs for admins only", async () => {
    const bobSession = cookieValue(setCookies((await signIn("bob")).callback).tf_session!);
    const aliceSession = cookieValue(setCookies((await signIn("alice")).callback).tf_session!);
    const status = (repo: string, cookie?: string) =>
      call(routes.status, `/api/repos/${repo}/status`, cookie ? { headers: { cookie: `tf_session=${cookie}` } } : {}, { id: repo });

    const anon = await status(ids["acme-repo"]!);
    expect(anon.status).toBe(401);
    expect(await anon.json()).toEqual({ error: "unauthenticated" });
    expect((await status(ids["acme-repo"]!, aliceSession + "x")).status).toBe(401);
    expect((await status(ids["acme-repo"]!, aliceSession)).status).toBe(200);
    expect((await status(ids["globex-repo"]!, aliceSession)).status).toBe(404);
    expect((await status("no-such-repo", aliceSession)).status).toBe(404);
    expect((await status(ids["globex-repo"]!, bobSession)).status).toBe(200);
    expect((await status(ids["acme-repo"]!, bobSession)).status).toBe(200);

    const bob = await db.user.findFirstOrThrow({ where: { login: "bob" }, include: { memberships: true } });
    expect(bob.isAdmin).toBe(false);
    const { listVisibleOrgIds } = await import("@/lib/db/memberships");
    expect((await listVisibleOrgIds(db, bob.id, bob.isAdmin)).sort()).toEqual([ids.acme, ids.globex].sort());
    const alice = await db.user.findFirstOrThrow({ where: { login: "alice" } });
    expect((await listVisibleOrgIds(db, alice.id, alice.isAdmin)).sort()).toEqual([ids.acme, ids.local].sort());
  });

  it("a member removed on GitHub loses access at the next refresh (installation token, no user token)", async () => {
    const bobSession = cookieValue(setCookies((await signIn("bob")).callback).tf_session!);
    const status = (repo: string) =>
      call(routes.status, `/api/repos/${repo}/status`, { headers: { cookie: `tf_session=${bobSession}` } }, { id: repo });
    expect((await status(ids["acme-repo"]!)).status).toBe(200);

    gh.state.orgs.get("acme")!.members.delete("bob");
    // still fresh: no refresh yet
    expect((await status(ids["acme-repo"]!)).status).toBe(200);
    const before = gh.countRequests("GET /orgs/:org/memberships/:username");
    // MEMBERSHIP_REFRESH_MINUTES (5) later
    await db.user.updateMany({ where: { login: "bob" }, data: { membershipsRefreshedAt: new Date(Date.now() - 6 * 60_000) } });
    expect((await status(ids["acme-repo"]!)).status).toBe(404);
    expect((await status(ids["globex-repo"]!)).status).toBe(200);
    expect(gh.countRequests("GET /orgs/:org/memberships/:username") - before).toBe(2);
    const bob = await db.user.findFirstOrThrow({ where: { login: "bob" }, include: { memberships: true } });
    expect(bob.memberships.map((m) => m.orgId)).toEqual([ids.globex]);
    expect(Date.now() - bob.membershipsRefreshedAt!.getTime()).toBeLessThan(60_000);
  });

  it("sign-out is a same-origin POST that deletes the session", async () => {
    const session = cookieValue(setCookies((await signIn("alice")).callback).tf_session!);
    const id = session.slice(0, session.lastIndexOf("."));
    const cross = await call(routes.logout, "/api/auth/logout", { method: "POST", headers: { cookie: `tf_session=${session}`, origin: "https://evil.example" } });
    expect(cross.status).toBe(403);
    const noOrigin = await call(routes.logout, "/api/auth/logout", { method: "POST", headers: { cookie: `tf_session=${session}` } });
    expect(noOrigin.status).toBe(403);
    expect(await db.session.count({ where: { id } })).toBe(1);
    const out = await call(routes.logout, "/api/auth/logout", { method: "POST", headers: { cookie: `tf_session=${session}`, origin: APP_URL } });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe(`${APP_URL}/login?signedOut=1`);
    expect(setCookies(out).tf_session).toMatch(/^tf_session=; .*Max-Age=0/);
    expect(await db.session.count({ where: { id } })).toBe(0);
  });
});
