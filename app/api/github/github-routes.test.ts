// The GitHub App routes called with real Request objects (like app/api/auth/auth-routes.test.ts),
// against the local GitHub stand-in and a migrated database of this file's own:
//   - the App Manifest flow: start (admins only; the manifest's permissions, events and URLs come from
//     APP_URL; a state cookie), GitHub's "create app" step on the stand-in, the callback (state checked
//     before anything is stored; the app stored ENCRYPTED; loadGitHubConfig then returns it; a missing
//     APP_ENCRYPTION_KEY is a clear error and stores nothing);
//   - the setup redirect after "Install": only an installation GitHub confirms for THIS app (read back
//     with the app JWT) is recorded and its sync queued, whoever calls it;
//   - the admin guard the /admin/github page uses (isAdmin of the request's viewer).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/prisma/client";
import type { FakeApp, FakeGitHub } from "@/lib/github/testing/fake-github";
import { startFakeGitHub } from "@/lib/github/testing/fake-github";
import { createTestDatabase, type TestDatabase } from "@/lib/queue/testing/test-database";

const APP_URL = "https://twelve.example.test";
const LOCAL = { host: "127.0.0.1:3999" };
let gh: FakeGitHub;
let tdb: TestDatabase;
let db: PrismaClient;
const SESSION_SECRET = randomBytes(32).toString("base64url");
const ENCRYPTION_KEY = randomBytes(32).toString("base64");

type Handler = (req: Request, route: { params: Promise<never> }) => Promise<Response>;
type Routes = { start: Handler; callback: Handler; setup: Handler };

const call = (h: Handler, url: string, init: RequestInit = {}) => h(new Request(new URL(url, "http://127.0.0.1:3999"), init), { params: Promise.resolve({} as never) });
const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
const valueOf = (setCookie: string) => setCookie.slice(setCookie.indexOf("=") + 1, setCookie.indexOf(";"));

const GITHUB_ENV_KEYS = ["GITHUB_APP_ID", "GITHUB_PRIVATE_KEY", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "GITHUB_WEBHOOK_SECRET", "GITHUB_APP_SLUG", "APP_ENCRYPTION_KEY"];

/**
 * Fresh module instances of the routes with this environment (lib/env and the GitHub config cache are
 * per module instance). The GitHub App is never configured through the environment here: it is the one
 * the manifest flow stores (or none).
 */
async function loadRoutes(extra: Record<string, string> = {}): Promise<Routes> {
  for (const k of GITHUB_ENV_KEYS) delete process.env[k];
  Object.assign(process.env, { DATABASE_URL: tdb.url, APP_URL, GITHUB_URL: gh.webUrl, GITHUB_API_URL: gh.apiUrl, SESSION_SECRET, LOG_LEVEL: "silent", ...extra });
  vi.resetModules();
  return {
    start: (await import("./manifest/route.ts")).POST as Handler,
    callback: (await import("./manifest/callback/route.ts")).GET as Handler,
    setup: (await import("./setup/route.ts")).GET as Handler,
  };
}

function startForm(fields: Record<string, string> = {}): RequestInit {
  return { method: "POST", body: new URLSearchParams({ name: "twelvefactor-test", ...fields }), headers: { ...LOCAL, "content-type": "application/x-www-form-urlencoded" } };
}

/** The browser's part of the manifest flow: start → POST the manifest to the stand-in → GitHub's redirect back. */
async function createAppOnGitHub(routes: Routes, init: RequestInit = startForm()) {
  const start = await call(routes.start, "/api/github/manifest", init);
  expect(start.status).toBe(200);
  const html = await start.text();
  const action = /<form id="manifest" method="post" action="([^"]+)">/.exec(html)![1]!.replaceAll("&amp;", "&");
  const manifestJson = /name="manifest" value="([^"]+)"/.exec(html)![1]!.replaceAll("&quot;", '"').replaceAll("&amp;", "&");
  const created = await fetch(action, { method: "POST", body: new URLSearchParams({ manifest: manifestJson }), redirect: "manual" });
  expect(created.status).toBe(302);
  const back = new URL(created.headers.get("location")!);
  return { start, action: new URL(action), manifest: JSON.parse(manifestJson) as Record<string, unknown>, back, stateCookie: cookieOf(start, "tf_gh_manifest_state")! };
}

async function userCookie(login: string, isAdmin: boolean): Promise<string> {
  const { issueSession } = await import("@/lib/auth/session");
  const user = await db.user.create({ data: { githubId: BigInt(Math.floor(Math.random() * 1e9)), login, isAdmin, membershipsRefreshedAt: new Date() } });
  const { cookieValue } = await issueSession(db, { secret: SESSION_SECRET, userId: user.id, maxAgeHours: 1, userAgent: "vitest" });
  return `tf_session=${cookieValue}`;
}

beforeAll(async () => {
  tdb = await createTestDatabase("tf_gh_routes");
  db = tdb.db;
  gh = await startFakeGitHub({ app: false });
  gh.addUser({ login: "alice" });
  gh.addOrg("acme", { alice: "admin" });
  gh.addOrg("globex", { alice: "member" });
  gh.addRepo("acme", "storefront", { files: null });
  gh.addRepo("globex", "ledger", { files: null });
});

afterAll(async () => {
  await (await import("@/lib/queue/producer")).stopProducer();
  await (await import("@/lib/db/client")).disconnectDb();
  await gh?.close();
  await tdb?.drop();
});

describe("GitHub App manifest flow and setup route", () => {
  let ourApp: FakeApp;
  let alice: string;
  let bob: string;

  it("without APP_ENCRYPTION_KEY the callback stores nothing and says why", async () => {
    const routes = await loadRoutes();
    const { back, stateCookie } = await createAppOnGitHub(routes);
    const res = await call(routes.callback, back.pathname + back.search, { headers: { ...LOCAL, cookie: `tf_gh_manifest_state=${valueOf(stateCookie)}` } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${APP_URL}/admin/github?error=config`);
    expect(await db.gitHubApp.count()).toBe(0);
    // the message the admin page shows for it names the variable
    const { completeManifestFlow } = await import("@/lib/github/manifest");
    const { parseEnv } = await import("@/lib/env");
    const env = parseEnv({ DATABASE_URL: tdb.url, GITHUB_API_URL: gh.apiUrl });
    await expect(completeManifestFlow(db, env, back.searchParams.get("code")!)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("APP_ENCRYPTION_KEY must be set") });
    expect(await db.gitHubApp.count()).toBe(0);
  });

  it("start (demo admin on localhost): the manifest's permissions, events and URLs come from APP_URL; a state cookie; anyone else is refused", async () => {
    const routes = await loadRoutes({ APP_ENCRYPTION_KEY: ENCRYPTION_KEY });
    // not on localhost with no GitHub configured: anonymous, refused before anything happens
    const remote = await call(routes.start, "/api/github/manifest", { ...startForm(), headers: { host: "twelve.example.test", "content-type": "application/x-www-form-urlencoded" } });
    expect(remote.status).toBe(403);
    expect(cookieOf(remote, "tf_gh_manifest_state")).toBeUndefined();

    const { action, manifest, stateCookie, back } = await createAppOnGitHub(routes, startForm({ org: "acme" }));
    expect(action.origin + action.pathname).toBe(`${gh.webUrl}/organizations/acme/settings/apps/new`);
    expect(stateCookie).toMatch(/^tf_gh_manifest_state=[A-Za-z0-9_-]{32}; Path=\/api\/github\/manifest; HttpOnly; SameSite=Lax; Max-Age=900; Secure$/);
    expect(action.searchParams.get("state")).toBe(valueOf(stateCookie));
    expect(manifest).toMatchObject({
      name: "twelvefactor-test",
      url: APP_URL,
      hook_attributes: { url: `${APP_URL}/api/github/webhooks`, active: true },
      redirect_url: `${APP_URL}/api/github/manifest/callback`,
      callback_urls: [`${APP_URL}/api/auth/github/callback`],
      setup_url: `${APP_URL}/api/github/setup`,
      setup_on_update: true,
      public: false,
      default_permissions: { metadata: "read", contents: "read", checks: "write", members: "read" },
    });
    expect([...(manifest.default_events as string[])].sort()).toEqual(["installation_repositories", "organization", "push", "repository"]);
    expect(back.origin + back.pathname).toBe(`${APP_URL}/api/github/manifest/callback`);
    // the stand-in created the app from exactly this manifest
    const created = [...gh.state.apps.values()].at(-1)!;
    expect(created.permissions).toEqual(manifest.default_permissions);
    expect(created.setupUrl).toBe(`${APP_URL}/api/github/setup`);
    // a bad org login is refused
    expect((await call(routes.start, "/api/github/manifest", startForm({ org: "-bad/../x" }))).status).toBe(422);
  });

  it("callback: a state that is not this browser's stores nothing; the right one stores the app encrypted and loadGitHubConfig returns it", async () => {
    const routes = await loadRoutes({ APP_ENCRYPTION_KEY: ENCRYPTION_KEY });
    const { back, stateCookie } = await createAppOnGitHub(routes);
    const other = cookieOf(await call(routes.start, "/api/github/manifest", startForm()), "tf_gh_manifest_state")!;
    const callback = (cookie?: string, query = back.search) =>
      call(routes.callback, back.pathname + query, { headers: { ...LOCAL, ...(cookie ? { cookie: `tf_gh_manifest_state=${cookie}` } : {}) } });

    for (const res of [await callback(valueOf(other)), await callback(undefined), await callback(valueOf(stateCookie), `?code=${back.searchParams.get("code")}`)]) {
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`${APP_URL}/admin/github?error=state`);
      expect(cookieOf(res, "tf_gh_manifest_state")).toMatch(/Max-Age=0/);
    }
    expect(await db.gitHubApp.count()).toBe(0);
    // an anonymous caller (not localhost, no GitHub configured) is refused even with the right state
    const remote = await call(routes.callback, back.pathname + back.search, { headers: { host: "twelve.example.test", cookie: `tf_gh_manifest_state=${valueOf(stateCookie)}` } });
    expect(remote.status).toBe(403);
    expect(await db.gitHubApp.count()).toBe(0);

    ourApp = gh.state.apps.get(gh.state.manifestCodes.get(back.searchParams.get("code")!)!)!;
    const ok = await callback(valueOf(stateCookie));
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`${APP_URL}/admin/github?created=${ourApp.slug}`);
    const row = await db.gitHubApp.findFirstOrThrow();
    expect(row).toMatchObject({ appId: BigInt(ourApp.id), slug: ourApp.slug, clientId: ourApp.clientId });
    const dump = JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? String(v) : v));
    for (const secret of [ourApp.privateKeyPem, ourApp.webhookSecret, ourApp.clientSecret]) expect(dump).not.toContain(secret);
    expect(dump).not.toContain("PRIVATE KEY");
    expect(dump).not.toContain(ourApp.privateKeyPem.split("\n")[1]!);

    const { loadGitHubConfig } = await import("@/lib/github/config");
    const { parseEnv } = await import("@/lib/env");
    const config = await loadGitHubConfig(db, parseEnv({ DATABASE_URL: tdb.url, GITHUB_URL: gh.webUrl, GITHUB_API_URL: gh.apiUrl, APP_ENCRYPTION_KEY: ENCRYPTION_KEY }));
    expect(config).toMatchObject({ source: "database", appId: ourApp.id, slug: ourApp.slug, privateKey: ourApp.privateKeyPem, webhookSecret: ourApp.webhookSecret, clientId: ourApp.clientId, clientSecret: ourApp.clientSecret });
    // GitHub is configured now: localhost is no longer the demo admin, so replaying the redirect is refused
    const again = await callback(valueOf(stateCookie));
    expect(again.status).toBe(403);
    // and the code was single-use on GitHub's side anyway
    await expect((await import("@/lib/github/manifest")).completeManifestFlow(db, parseEnv({ DATABASE_URL: tdb.url, GITHUB_API_URL: gh.apiUrl, APP_ENCRYPTION_KEY: ENCRYPTION_KEY }), back.searchParams.get("code")!)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.gitHubApp.count()).toBe(1);
  });

  it("once GitHub is configured, only signed-in admins may start or finish the flow (the /admin/github guard too)", async () => {
    const routes = await loadRoutes({ APP_ENCRYPTION_KEY: ENCRYPTION_KEY });
    alice = await userCookie("alice", true);
    bob = await userCookie("bob", false);
    const withCookie = (cookie?: string) => ({ ...startForm(), headers: { ...LOCAL, "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) } });
    expect((await call(routes.start, "/api/github/manifest", withCookie())).status).toBe(403); // localhost is no longer demo
    expect((await call(routes.start, "/api/github/manifest", withCookie(bob))).status).toBe(403);
    expect((await call(routes.callback, "/api/github/manifest/callback?code=x&state=y", { headers: { ...LOCAL, cookie: bob } })).status).toBe(403);
    const ok = await call(routes.start, "/api/github/manifest", withCookie(alice));
    expect(ok.status).toBe(200);
    expect(cookieOf(ok, "tf_gh_manifest_state")).toBeDefined();

    // app/admin/github/page.tsx: `if (!isAdmin(await currentViewer())) notFound()`, where currentViewer is
    // viewerForHeaders of the request's headers
    const { viewerForHeaders } = await import("@/lib/auth/request-viewer");
    const { isAdmin } = await import("@/lib/auth/viewer");
    const { loadEnv } = await import("@/lib/env");
    const admin = async (headers: Record<string, string>) => isAdmin(await viewerForHeaders(db, loadEnv(), new Headers(headers)));
    expect(await admin({ ...LOCAL })).toBe(false);
    expect(await admin({ ...LOCAL, cookie: bob })).toBe(false);
    expect(await admin({ ...LOCAL, cookie: `${alice}x` })).toBe(false);
    expect(await admin({ ...LOCAL, cookie: alice })).toBe(true);
  });

  it("setup: an installation GitHub confirms for this app is recorded and its sync queued", async () => {
    const routes = await loadRoutes({ APP_ENCRYPTION_KEY: ENCRYPTION_KEY });
    const { installation, setupRedirectUrl } = gh.installApp("acme", "all", ourApp);
    expect(setupRedirectUrl).toBe(`${APP_URL}/api/github/setup?installation_id=${installation.id}&setup_action=install`);
    const res = await call(routes.setup, `/api/github/setup?installation_id=${installation.id}&setup_action=install`, { headers: { ...LOCAL, cookie: alice } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${APP_URL}/admin/github?installed=acme`);
    const org = await db.org.findUniqueOrThrow({ where: { githubInstallationId: BigInt(installation.id) } });
    expect(org).toMatchObject({ sourceKind: "GITHUB", login: "acme", githubAccountType: "Organization", githubAccountId: BigInt(gh.accountJson("acme").id as number), deletedAt: null, suspendedAt: null });
    expect(gh.requests.some((r) => r.route === "GET /app/installations/:id")).toBe(true);
    const { producerBoss } = await import("@/lib/queue/producer");
    const jobs = await (await producerBoss()).findJobs("sync-source", { queued: true });
    expect(jobs.map((j) => j.data)).toEqual([{ orgId: org.id }]);
  });

  it("setup: an id GitHub does not confirm for this app stores nothing, whoever calls; anonymous callers learn nothing", async () => {
    const routes = await loadRoutes({ APP_ENCRYPTION_KEY: ENCRYPTION_KEY });
    const orgsBefore = await db.org.count();
    // an installation of ANOTHER app on the stand-in, an unknown id, garbage
    const otherApp = gh.addApp({ name: "someone-else" });
    const foreign = gh.installApp("globex", "all", otherApp).installation.id;
    for (const id of [String(foreign), "987654321", "12abc", "-1", ""]) {
      const admin = await call(routes.setup, `/api/github/setup?installation_id=${id}&setup_action=install`, { headers: { ...LOCAL, cookie: alice } });
      expect(admin.headers.get("location")).toBe(`${APP_URL}/admin/github?error=installation`);
      const anon = await call(routes.setup, `/api/github/setup?installation_id=${id}&setup_action=install`, { headers: { host: "twelve.example.test" } });
      expect(anon.status).toBe(303);
      expect(anon.headers.get("location")).toBe(`${APP_URL}/`);
    }
    expect(await db.org.count()).toBe(orgsBefore);
    expect(await db.org.count({ where: { login: "globex" } })).toBe(0);

    // GitHub's own redirect after a real install reaches the route in the installer's browser, who may
    // not be signed in here: it is recorded because GitHub confirms it (like the installation webhook)
    const real = gh.installApp("globex", "all", ourApp).installation.id;
    const anon = await call(routes.setup, `/api/github/setup?installation_id=${real}&setup_action=install`, { headers: { host: "twelve.example.test" } });
    expect(anon.headers.get("location")).toBe(`${APP_URL}/`);
    expect(await db.org.findUniqueOrThrow({ where: { githubInstallationId: BigInt(real) } })).toMatchObject({ login: "globex" });
    // a non-admin signed-in user is sent home too
    const asBob = await call(routes.setup, `/api/github/setup?installation_id=${real}&setup_action=update`, { headers: { ...LOCAL, cookie: bob } });
    expect(asBob.headers.get("location")).toBe(`${APP_URL}/`);
  });
});
