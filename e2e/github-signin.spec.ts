// GitHub mode end to end, against the GitHub-mode formation of playwright.config.ts (the local GitHub
// stand-in, a production web server and a worker configured for it): alice signs in through the
// stand-in's authorize page and sees her organization (acme) and not bob's (globex); globex's pages and
// API answer 404 to her, anonymous API calls 401; a signed push webhook for an acme repository after a
// new commit leads to a new scan that shows up on the repo page.
import { expect, test } from "@playwright/test";
import { request as httpRequest } from "node:http";
import { sendWebhook } from "../lib/github/testing/fake-github.ts";
import { e2eEnv, gh, signIn, syncInstallations, waitFor, withGitHubDb } from "./support/github-session.ts";
import { saveScreenshot } from "./support/helpers.ts";

test.use({ baseURL: gh.appUrl });
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await syncInstallations();
});

test("anonymous visitors are sent to sign-in and the data API answers 401", async ({ page, request }) => {
  const repo = await withGitHubDb((db) => db.repository.findFirstOrThrow({ where: { name: "storefront" }, select: { id: true } }));
  const api = await request.get(`/api/repos/${repo.id}/status`);
  expect(api.status()).toBe(401);
  expect(await api.json()).toEqual({ error: "unauthenticated" });

  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("Demo mode · no sign-in")).toHaveCount(0);
  await saveScreenshot(page, "github-login");
});

test("a forged callback (state not from this browser) creates no session", async ({ page }) => {
  const res = await page.goto("/api/auth/github/callback?code=abc&state=forged");
  expect(res?.status()).toBe(400);
  await expect(page.getByRole("heading", { name: "Sign-in failed" })).toBeVisible();
  expect((await page.context().cookies()).find((c) => c.name === "tf_session")).toBeUndefined();
});

test("alice signs in through GitHub and sees acme, not globex", async ({ page }) => {
  await signIn(page, "alice");
  await expect(page).toHaveURL(`${gh.appUrl}/`);
  const cookie = (await page.context().cookies()).find((c) => c.name === "tf_session");
  // Chromium keeps a Secure cookie set by http://127.0.0.1 (loopback is a secure context).
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });

  // The stand-in serves no avatar images: the header shows alice's initials instead of a broken image.
  await expect(page.getByTestId("avatar-initials")).toHaveText("AE");
  await expect(page.getByTestId("avatar-initials")).toHaveAttribute("aria-hidden", "true");
  await expect(page.getByRole("banner").locator("img")).toHaveCount(0);
  await expect(page.getByTestId("signed-in-login")).toContainText("alice");

  const orgs = page.getByRole("list", { name: "Organizations" });
  await expect(orgs.getByRole("link", { name: "acme" })).toBeVisible();
  await expect(orgs.getByRole("link", { name: "globex" })).toHaveCount(0);
  await saveScreenshot(page, "github-signed-in-orgs");

  const globex = await withGitHubDb((db) =>
    db.org.findFirstOrThrow({ where: { login: "globex" }, select: { id: true, repositories: { select: { id: true }, take: 1 } } }),
  );
  const orgPage = await page.goto(`/orgs/${globex.id}`);
  expect(orgPage?.status()).toBe(404);
  const repoPage = await page.goto(`/repos/${globex.repositories[0]!.id}`);
  expect(repoPage?.status()).toBe(404);
  const api = await page.request.get(`/api/repos/${globex.repositories[0]!.id}/status`);
  expect(api.status()).toBe(404);

  // bob, in another browser context, sees globex and not acme
  const bob = await page.context().browser()!.newContext({ baseURL: gh.appUrl });
  const bobPage = await bob.newPage();
  // bob's avatar does load (served here): the image, decorative next to his login, and no initials
  const PNG_1x1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  await bobPage.route("**/avatars/bob", (route) => route.fulfill({ status: 200, contentType: "image/png", body: PNG_1x1 }));
  await signIn(bobPage, "bob");
  const avatar = bobPage.getByRole("banner").locator("img");
  await expect(avatar).toHaveAttribute("alt", "");
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  await expect(bobPage.getByTestId("avatar-initials")).toHaveCount(0);
  await expect(bobPage.getByRole("list", { name: "Organizations" }).getByRole("link", { name: "globex" })).toBeVisible();
  await expect(bobPage.getByRole("list", { name: "Organizations" }).getByRole("link", { name: "acme" })).toHaveCount(0);
  await bob.close();

  // The web process caches answers per viewer (lib/http/response-cache.ts): alice's second read of the
  // orgs API is replayed from memory...
  const sessionCookie = { cookie: `tf_session=${cookie!.value}` };
  const apiOrgs = `${gh.appUrl}/api/v1/orgs`;
  expect((await page.request.get(apiOrgs, { headers: sessionCookie })).status()).toBe(200);
  const cached = await page.request.get(apiOrgs, { headers: sessionCookie });
  expect(cached.headers()["x-twelvefactor-cache"]).toBe("hit");

  // sign out: the session is gone
  await page.goto("/");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  expect((await page.request.get(`/api/repos/${globex.repositories[0]!.id}/status`)).status()).toBe(401);
  // ...and nothing cached for her session outlives it: the same cookie replayed now gets 401.
  expect((await page.request.get(apiOrgs, { headers: sessionCookie })).status()).toBe(401);
});

test("README badges: the Markdown on the repo and org pages carries a token that works without a session", async ({ page }) => {
  await signIn(page, "alice");
  const acme = await withGitHubDb((db) =>
    db.org.findFirstOrThrow({ where: { login: "acme" }, select: { id: true, repositories: { where: { name: "storefront" }, select: { id: true } } } }),
  );
  const repoId = acme.repositories[0]!.id;
  await waitFor("the first scan of storefront", () =>
    withGitHubDb((db) => db.scan.findFirst({ where: { repositoryId: repoId, status: "DONE" }, select: { id: true } })),
  );
  const badgeUrl = async (path: string, kind: "repos" | "orgs", id: string) => {
    await page.goto(path);
    const section = page.getByRole("region", { name: "Badge" });
    const value = await section.getByRole("textbox", { name: "Markdown for a README" }).inputValue();
    const m = new RegExp(`^\\[!\\[twelve-factor\\]\\((${gh.appUrl}/api/badges/${kind}/${id}\\.svg\\?token=[A-Za-z0-9_-]{22})\\)\\]\\(${gh.appUrl}${path}\\)$`).exec(value);
    expect(m, value).not.toBeNull();
    return new URL(m![1]!);
  };

  const repoBadge = await badgeUrl(`/repos/${repoId}`, "repos", repoId);
  await page.getByRole("region", { name: "Badge" }).scrollIntoViewIfNeeded();
  await saveScreenshot(page, "github-repo-badge");
  // Fetched like GitHub's image proxy: no cookie.
  const shown = await fetch(repoBadge);
  expect(shown.status).toBe(200);
  expect(shown.headers.get("cache-control")).toBe("public, max-age=300, s-maxage=300");
  expect(await shown.text()).toMatch(/aria-label="twelve-factor: [A-F] · \d+"/);
  const tampered = new URL(repoBadge);
  const t = tampered.searchParams.get("token")!;
  tampered.searchParams.set("token", (t[0] === "A" ? "B" : "A") + t.slice(1));
  expect((await fetch(tampered)).status).toBe(404);
  const bare = new URL(repoBadge);
  bare.search = "";
  expect((await fetch(bare)).status).toBe(401);

  const orgBadge = await badgeUrl(`/orgs/${acme.id}`, "orgs", acme.id);
  expect((await fetch(orgBadge)).status).toBe(200);
  // the org's token is not the repository's
  expect(orgBadge.searchParams.get("token")).not.toBe(repoBadge.searchParams.get("token"));
});

test("a signed push webhook after a new commit leads to a new scan on the repo page", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "alice");
  const repo = await withGitHubDb((db) =>
    db.repository.findFirstOrThrow({ where: { name: "storefront", org: { login: "acme" } }, select: { id: true } }),
  );
  // the first scan (from the installation sync) has finished
  await waitFor("the first scan of storefront", () =>
    withGitHubDb((db) => db.scan.findFirst({ where: { repositoryId: repo.id, status: "DONE" }, select: { id: true } })),
  );

  const pushed = (await (await fetch(`${gh.controlUrl}/push/acme/storefront`, { method: "POST" })).json()) as { sha: string; payload: unknown };
  const sent = await sendWebhook({ url: `${gh.appUrl}/api/github/webhooks`, secret: gh.webhookSecret, event: "push", payload: pushed.payload });
  expect(sent.status, sent.body).toBeLessThan(300);

  await page.goto(`/repos/${repo.id}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("repo-commit")).toHaveAttribute("title", pushed.sha, { timeout: 1000 });
  }).toPass({ timeout: 180_000, intervals: [2000] });
  // a GitHub repository's commit links to the commit on GitHub
  await expect(page.getByTestId("repo-commit")).toHaveAttribute("href", new RegExp(`/acme/storefront/commit/${pushed.sha}$`));
  await saveScreenshot(page, "github-repo-after-push");
});

/** GET on the demo-mode server (no GitHub configured) with a chosen Host header. */
function getWithHost(path: string, host: string): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: e2eEnv.E2E_PORT, path, headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("demo mode (no GitHub configured) answers only on localhost", async () => {
  const local = await getWithHost("/", `localhost:${e2eEnv.E2E_PORT}`);
  expect(local.status).toBe(200);
  expect(local.body).toContain("Demo mode");
  const remote = await getWithHost("/", "dashboard.example.test");
  expect(remote.status).toBe(307);
  expect(remote.location).toMatch(/\/login$/);
  const login = await getWithHost("/login", "dashboard.example.test");
  expect(login.body).toContain("Demo mode is only available on localhost");
  const api = await getWithHost("/api/repos/anything/status", "dashboard.example.test");
  expect(api.status).toBe(401);
});
