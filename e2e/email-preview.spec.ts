// The weekly email preview page (HTML part in a sandboxed iframe, plain-text part) and the
// preferences page in demo mode, with screenshots and an axe check.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { EMAIL_FIXTURE } from "./support/seed-email.ts";
import { expectNoSeriousA11yViolations, saveScreenshot } from "./support/helpers.ts";

const ORG = EMAIL_FIXTURE.orgId;
// axe over the page and the email frame is slow on a loaded machine.
test.describe.configure({ timeout: 180_000 });

test("email preview shows next week's digest: subject, HTML part and plain text with the seeded numbers", async ({ page }) => {
  await page.goto(`/orgs/${ORG}/email-preview`);
  await expect(page.getByRole("heading", { level: 1, name: "Weekly email preview" })).toBeVisible();
  // Seeded: alpha-api 80 → 60, beta-worker 50 → 75, gamma-lib 90, delta-web 70 (new) → org 73.8 (C), +0.4.
  const now = (60 + 75 + 90 + 70) / 4;
  const before = (80 + 50 + 90) / 3;
  await expect(page.getByTestId("email-subject")).toHaveText(`${EMAIL_FIXTURE.orgName} weekly twelvefactor report: grade C, ${now.toFixed(1)} (+${(now - before).toFixed(1)})`);

  const frame = page.frameLocator("iframe[title^='Weekly email preview']");
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText(EMAIL_FIXTURE.orgName);
  await expect(frame.getByText("Top regressions")).toBeVisible();
  await expect(frame.getByRole("link", { name: "alpha-api" }).first()).toBeVisible();
  await expect(frame.getByText("-20.0")).toBeVisible();
  const sandbox = await page.locator("iframe").getAttribute("sandbox");
  expect(sandbox).toBe("");

  const text = page.getByTestId("email-text");
  await expect(text).toContainText("alpha-api: 80.0 -> 60.0 (-20.0)");
  await expect(text).toContainText("beta-worker: 50.0 -> 75.0 (+25.0)");
  await expect(text).toContainText("[critical] alpha-api: F03-hardcoded-secret (secret-2)");
  await expect(text).toContainText("1. F02-lockfile-missing (high, 2 repositories, factor 2)");

  // axe on the page (the sandboxed frame, which runs no scripts, is checked on its own below) and on
  // the email HTML as a document of its own.
  await test.step("axe: preview page", async () => {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).exclude("iframe").analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });
  const html = (await page.locator("iframe").getAttribute("srcdoc"))!;
  await test.step("screenshot", async () => {
    // Tall enough that Chromium paints the whole frame (it skips frame content outside the viewport).
    await page.setViewportSize({ width: 1280, height: 3700 });
    await saveScreenshot(page, "email-preview");
  });
  await test.step("axe: email HTML", async () => {
    await page.setContent(html);
    await expectNoSeriousA11yViolations(page);
  });
});

test("email preview of an unknown org is a 404", async ({ page }) => {
  const res = await page.goto("/orgs/no-such-org/email-preview");
  expect(res?.status()).toBe(404);
});

test("preferences in demo mode: sign in to manage email, with preview links", async ({ page }) => {
  await page.goto("/settings/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Email preferences" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Sign in to manage email");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: EMAIL_FIXTURE.orgName }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${ORG}/email-preview$`));
  await expect(page.getByRole("heading", { level: 1, name: "Weekly email preview" })).toBeVisible();
});

test("an altered unsubscribe link is refused on the page and by the API", async ({ page, request }) => {
  await page.goto("/unsubscribe?token=u1.e30.AAAA");
  await expect(page.getByText("This unsubscribe link is not valid")).toBeVisible();
  await expect(page.getByRole("button", { name: "Unsubscribe" })).toHaveCount(0);
  const res = await request.post("/api/unsubscribe?token=u1.e30.AAAA", { form: { "List-Unsubscribe": "One-Click" } });
  expect(res.status()).toBe(400);
});
