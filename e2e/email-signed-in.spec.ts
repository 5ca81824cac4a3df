// Weekly email reports for a signed-in user, against the GitHub-mode formation of playwright.config.ts:
// alice (a plain member of acme in the stand-in, so her report is off by default) reaches her email
// preferences from the user menu, sees acme with that default and not globex, switches weekly/off (the
// choice survives a reload and is the EmailSubscription row), opens acme's email preview (globex's is a
// 404); then a genuine unsubscribe link, signed with the product's token function and the formation's
// SESSION_SECRET, asks for confirmation, unsubscribes once, answers "already unsubscribed" the second
// time, and an altered token is refused. Screenshots (light and dark) and axe on both pages.
import { expect, test, type Page } from "@playwright/test";
import { signUnsubscribeToken } from "../lib/email/unsubscribe-token.ts";
import { isoWeek } from "../lib/email/week.ts";
import { gh, signIn, syncInstallations, withGitHubDb } from "./support/github-session.ts";
import { expectNoSeriousA11yViolations, saveScreenshot } from "./support/helpers.ts";

test.use({ baseURL: gh.appUrl });
test.describe.configure({ mode: "serial", timeout: 120_000 });

const orgIds = () =>
  withGitHubDb(async (db) => {
    const [acme, globex] = await Promise.all([
      db.org.findFirstOrThrow({ where: { login: "acme" }, select: { id: true } }),
      db.org.findFirstOrThrow({ where: { login: "globex" }, select: { id: true } }),
    ]);
    return { acme: acme.id, globex: globex.id };
  });

const aliceSubscription = (orgId: string) =>
  withGitHubDb(async (db) => {
    const alice = await db.user.findFirstOrThrow({ where: { login: "alice" }, select: { id: true } });
    const sub = await db.emailSubscription.findUnique({ where: { userId_orgId: { userId: alice.id, orgId } }, select: { frequency: true, unsubscribedAt: true } });
    return { userId: alice.id, sub };
  });

const acmeRow = (page: Page) =>
  page.getByRole("list", { name: "Weekly report per organization" }).getByRole("listitem").filter({ has: page.getByRole("heading", { name: "acme", exact: true }) });

async function screenshots(page: Page, name: string): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await syncInstallations();
});

test("alice manages her weekly report for acme: default off for members, weekly/off persisted, preview of acme only", async ({ page }) => {
  const { acme, globex } = await orgIds();
  await signIn(page, "alice");

  // the user menu leads to the preferences
  await page.getByRole("banner").getByRole("link", { name: "Email preferences" }).click();
  await expect(page).toHaveURL(`${gh.appUrl}/settings/notifications`);
  await expect(page.getByRole("heading", { level: 1, name: "Email preferences" })).toBeVisible();
  await expect(page.getByText("It goes out every Monday at 08:00 UTC.")).toBeVisible();

  // alice is a plain member of acme in the stand-in (addOrg("acme", { alice: "member" })): off by default
  const membership = await withGitHubDb((db) => db.membership.findFirstOrThrow({ where: { user: { login: "alice" }, orgId: acme }, select: { role: true } }));
  expect(membership.role).toBe("MEMBER");
  const list = page.getByRole("list", { name: "Weekly report per organization" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("heading", { name: "globex" })).toHaveCount(0);
  const row = acmeRow(page);
  await expect(row.getByTestId("email-frequency")).toHaveText("Off (default for members)");
  expect((await aliceSubscription(acme)).sub).toBeNull();
  await screenshots(page, "email-preferences-signed-in");

  // weekly: persisted across a reload and stored
  await row.getByRole("button", { name: "Send me the weekly report for acme" }).click();
  await expect(row.getByTestId("email-frequency")).toHaveText("Weekly (your choice; default off)");
  await page.reload();
  await expect(acmeRow(page).getByTestId("email-frequency")).toHaveText("Weekly (your choice; default off)");
  expect((await aliceSubscription(acme)).sub).toEqual({ frequency: "WEEKLY", unsubscribedAt: null });

  // off again: persisted and stored
  await acmeRow(page).getByRole("button", { name: "Turn off for acme" }).click();
  await expect(acmeRow(page).getByTestId("email-frequency")).toHaveText("Off (your choice; default off)");
  await page.reload();
  await expect(acmeRow(page).getByTestId("email-frequency")).toHaveText("Off (your choice; default off)");
  expect((await aliceSubscription(acme)).sub).toEqual({ frequency: "OFF", unsubscribedAt: null });

  // and weekly once more, so the unsubscribe link below has something to turn off
  await acmeRow(page).getByRole("button", { name: "Send me the weekly report for acme" }).click();
  await expect(acmeRow(page).getByTestId("email-frequency")).toHaveText("Weekly (your choice; default off)");
  await expect.poll(async () => (await aliceSubscription(acme)).sub?.frequency).toBe("WEEKLY");

  // the preview of acme's email is linked from the preferences; globex's is not hers to see
  await acmeRow(page).getByRole("link", { name: "Preview next week’s email for acme" }).click();
  await expect(page).toHaveURL(`${gh.appUrl}/orgs/${acme}/email-preview`);
  await expect(page.getByRole("heading", { level: 1, name: "Weekly email preview" })).toBeVisible();
  await expect(page.getByTestId("email-subject")).toContainText("acme weekly twelvefactor report");
  await expect(page.getByTestId("email-text")).toContainText("Hi Alice Example");
  const other = await page.goto(`/orgs/${globex}/email-preview`);
  expect(other?.status()).toBe(404);
});

test("alice's unsubscribe link: confirmation, unsubscribed once, then already unsubscribed; an altered token is refused", async ({ page }) => {
  const { acme } = await orgIds();
  const { userId, sub } = await aliceSubscription(acme);
  expect(sub?.frequency).toBe("WEEKLY");
  // The link a digest would carry, signed with the formation's SESSION_SECRET (derived at run time).
  const token = signUnsubscribeToken(gh.sessionSecret, { userId, orgId: acme, week: isoWeek(new Date()) });
  const link = `/unsubscribe?token=${encodeURIComponent(token)}`;

  // looking changes nothing (no sign-in needed: this browser has no session)
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Weekly email report" })).toBeVisible();
  await expect(page.getByText("Stop the weekly twelvefactor report for acme to alice@users.example.test?")).toBeVisible();
  expect((await aliceSubscription(acme)).sub?.frequency).toBe("WEEKLY");
  await screenshots(page, "unsubscribe-confirm");
  // the page's ?result= cannot claim an outcome that did not happen
  await page.goto(`${link}&result=unsubscribed`);
  await expect(page.getByRole("status")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Unsubscribe" })).toBeVisible();

  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("status")).toContainText("You are unsubscribed: alice@users.example.test gets no more weekly reports for acme.");
  const after = (await aliceSubscription(acme)).sub;
  expect(after?.frequency).toBe("OFF");
  expect(after?.unsubscribedAt).toBeInstanceOf(Date);
  await screenshots(page, "unsubscribe-done");

  // the same link again: nothing left to confirm
  await page.goto(link);
  await expect(page.getByRole("status")).toContainText("You were already unsubscribed: alice@users.example.test gets no more weekly reports for acme.");
  await expect(page.getByRole("button", { name: "Unsubscribe" })).toHaveCount(0);
  // and as a mail client's one-click POST
  const again = await page.request.post(`/api/unsubscribe?token=${encodeURIComponent(token)}`, { form: { "List-Unsubscribe": "One-Click" } });
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual({ status: "already-unsubscribed", org: "acme" });

  // an altered token (one character of the payload changed, signature kept) is refused
  const [version, body, mac] = token.split(".") as [string, string, string];
  const altered = `${version}.${body.slice(0, -2)}${body.at(-2) === "A" ? "B" : "A"}${body.at(-1)}.${mac}`;
  expect(altered).not.toBe(token);
  await page.goto(`/unsubscribe?token=${encodeURIComponent(altered)}`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This unsubscribe link is not valid");
  await expect(page.getByRole("button", { name: "Unsubscribe" })).toHaveCount(0);
  const refused = await page.request.post(`/api/unsubscribe?token=${encodeURIComponent(altered)}`, { form: { "List-Unsubscribe": "One-Click" } });
  expect(refused.status()).toBe(400);
  // a token signed with another secret is refused too
  const foreign = signUnsubscribeToken(`${gh.sessionSecret}-other`, { userId, orgId: acme, week: isoWeek(new Date()) });
  expect((await page.request.post(`/api/unsubscribe?token=${encodeURIComponent(foreign)}`, { form: { "List-Unsubscribe": "One-Click" } })).status()).toBe(400);

  // back in the preferences, acme shows as unsubscribed
  await signIn(page, "alice");
  await page.goto("/settings/notifications");
  await expect(acmeRow(page).getByTestId("email-frequency")).toContainText("Off (your choice; default off) · unsubscribed");
});
