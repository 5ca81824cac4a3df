import { expect, test, type Page } from "@playwright/test";
import { ACME, LEGACY } from "./fixtures/data.ts";
import { saveScreenshot } from "./support/helpers.ts";
import { MANY_ORG } from "./support/seed-dashboard.ts";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

/** The page itself never scrolls sideways on a phone (wide content scrolls inside its own region). */
async function expectNoHorizontalPageScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

test.describe("phone viewport", () => {
  test("organizations list", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("link", { name: ACME.name })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expectNoHorizontalPageScroll(page);
    await saveScreenshot(page, "phone-organizations");
  });

  test("org scorecard: the heatmap scrolls inside its own region with the repo names pinned", async ({ page }) => {
    await page.goto(`/orgs/${ACME.id}`);
    const region = page.getByRole("region", { name: "Scorecard: repositories by factor" });
    await expect(region).toBeVisible();
    await expectNoHorizontalPageScroll(page);
    const overflow = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(overflow).toBe(true);
    await region.scrollIntoViewIfNeeded();
    await region.evaluate((el) => el.scrollTo({ left: 300 }));
    await expect(page.getByRole("link", { name: LEGACY.name, exact: true })).toBeInViewport();
    await saveScreenshot(page, "phone-org-scorecard");
  });

  test("repo report", async ({ page }) => {
    await page.goto(`/repos/${LEGACY.id}`);
    await expect(page.getByTestId("factor-card-3")).toBeVisible();
    await expectNoHorizontalPageScroll(page);
    await saveScreenshot(page, "phone-repo-legacy");
  });

  test("org scorecard with filters and pagination", async ({ page }) => {
    await page.goto(`/orgs/${MANY_ORG.id}?page=2`);
    // On a phone the factor summary comes first; one tap jumps to the table.
    await page.getByRole("link", { name: "Repositories ↓" }).click();
    await expect(page).toHaveURL(/#repositories$/);
    await expect(page.getByRole("heading", { name: "Repositories", exact: true })).toBeInViewport();
    await expect(page.getByRole("navigation", { name: "Repository pages" })).toBeVisible();
    await expect(page.getByRole("search", { name: "Filter repositories" })).toBeVisible();
    await expectNoHorizontalPageScroll(page);
    await saveScreenshot(page, "phone-org-many");
  });

  test("factor page", async ({ page }) => {
    await page.goto(`/orgs/${ACME.id}/factors/3`);
    await expect(page.getByRole("heading", { level: 1, name: "Config" })).toBeVisible();
    await expectNoHorizontalPageScroll(page);
    await saveScreenshot(page, "phone-factor-page");
  });

  test("dark theme on a phone", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, colorScheme: "dark" });
    const page = await context.newPage();
    await page.goto(`/orgs/${ACME.id}`);
    await expect(page.getByRole("heading", { level: 1, name: ACME.name })).toBeVisible();
    await saveScreenshot(page, "phone-dark-org-scorecard");
    await context.close();
  });
});
