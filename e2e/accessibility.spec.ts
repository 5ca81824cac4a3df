import { expect, test } from "@playwright/test";
import { ACME, BILLING, EMPTY_ORG, HANDBOOK, LEGACY, NEW_SERVICE, PAYMENTS } from "./fixtures/data.ts";
import { expectNoSeriousA11yViolations, saveScreenshot } from "./support/helpers.ts";
import { MANY_ORG } from "./support/seed-dashboard.ts";

const PAGES: [string, string][] = [
  ["organizations", "/"],
  ["factors", "/factors"],
  ["org-scorecard", `/orgs/${ACME.id}`],
  ["org-search", `/orgs/${ACME.id}?q=zzz`],
  ["org-empty", `/orgs/${EMPTY_ORG.id}`],
  ["org-many-filtered", `/orgs/${MANY_ORG.id}?factor=3&status=fail&sort=score-asc`],
  ["org-many-page-2", `/orgs/${MANY_ORG.id}?page=2`],
  ["factor-page", `/orgs/${ACME.id}/factors/3`],
  ["factor-page-clean", `/orgs/${MANY_ORG.id}/factors/1`],
  ["repo-legacy", `/repos/${LEGACY.id}`],
  ["repo-payments", `/repos/${PAYMENTS.id}`],
  ["repo-docs", `/repos/${HANDBOOK.id}`],
  ["repo-failed-scan", `/repos/${BILLING.id}`],
  ["repo-scanning", `/repos/${NEW_SERVICE.id}`],
  ["not-found", "/repos/does-not-exist"],
];

for (const scheme of ["light", "dark"] as const) {
  test.describe(`accessibility (${scheme})`, () => {
    test.use({ colorScheme: scheme });
    for (const [name, path] of PAGES) {
      test(`${name} has no serious or critical axe violations`, async ({ page }) => {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        // Open collapsed details so their content is checked too.
        for (const summary of await page.locator("details > summary").all()) await summary.click();
        await expectNoSeriousA11yViolations(page);
        if (scheme === "dark") await saveScreenshot(page, `dark-${name}`);
      });
    }
  });
}

test("keyboard users can skip to the content and reach the heatmap links", async ({ page }) => {
  await page.goto(`/orgs/${ACME.id}`);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  const link = page.getByRole("link", { name: PAYMENTS.name, exact: true });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/repos/${PAYMENTS.id}$`));
});

test("keyboard users reach the filters, heatmap cells and pagination", async ({ page }) => {
  await page.goto(`/orgs/${MANY_ORG.id}`);
  await page.getByLabel("Search repositories").focus();
  await page.keyboard.type("svc-00");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=svc-00/);
  const cell = page.getByRole("link", { name: /^III\. Config: pass, score 99/ });
  await cell.focus();
  await expect(cell).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/repos\/e2e-many-001#factor-3$/);
});
