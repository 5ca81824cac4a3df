import { expect, test } from "@playwright/test";
import { ACME, BILLING, LEGACY } from "./fixtures/data.ts";
import { saveScreenshot } from "./support/helpers.ts";
import { MANY_ORG } from "./support/seed-dashboard.ts";

test.describe("factor page", () => {
  test("one factor across the org: who does not pass and why, rule by rule, with examples", async ({ page }) => {
    await page.goto(`/orgs/${ACME.id}/factors/3`);
    await expect(page.getByRole("heading", { level: 1, name: "Config" })).toBeVisible();
    await expect(page.getByText("Store config in the environment")).toBeVisible();
    await expect(page.getByTestId("factor-summary")).toContainText("2 pass, 1 partial, 1 fail, 1 no result");

    const failing = page.getByTestId("failing-repos");
    await expect(failing.locator("tbody tr")).toHaveCount(2);
    // Worst first: legacy (20, fail) then billing (70, partial).
    await expect(failing.locator("tbody tr").first()).toHaveAttribute("data-repo", LEGACY.name);
    await expect(failing.locator(`tr[data-repo="${LEGACY.name}"]`)).toContainText("AWS secret access key committed in source");
    await expect(failing.locator(`tr[data-repo="${LEGACY.name}"]`)).toContainText("fail");
    await expect(failing.locator(`tr[data-repo="${BILLING.name}"]`)).toContainText("partial");

    const rules = page.getByTestId("factor-rules");
    await expect(rules.locator('tr[data-rule="F03-HARDCODED-SECRET"] td').nth(1)).toHaveText("1");

    const examples = page.getByRole("region", { name: "Rules" });
    await expect(examples).toBeVisible();
    await expect(page.getByTestId("example-bad").first()).toContainText("Bad");
    await expect(page.getByTestId("example-good").first()).toContainText("Good");
    await expect(page.getByTestId("example-good").first().locator("pre")).toBeVisible();
    await saveScreenshot(page, "factor-page");

    await page.getByRole("link", { name: "Show in the scorecard" }).click();
    await expect(page).toHaveURL(new RegExp(`/orgs/${ACME.id}\\?factor=3&sort=factor-3#repositories$`));
    await expect(page.getByTestId("heatmap").locator("tbody tr")).toHaveCount(2);
  });

  test("waived findings count as waived, and a clean factor says so", async ({ page }) => {
    await page.goto(`/orgs/${ACME.id}/factors/7`);
    await expect(page.getByTestId("factor-rules").locator('tr[data-rule="F07-HARDCODED-LISTEN-PORT"] td').nth(3)).toHaveText("1");
    await page.goto(`/orgs/${MANY_ORG.id}/factors/1`);
    await expect(page.getByRole("heading", { name: "Every scored repository passes I" })).toBeVisible();
    await saveScreenshot(page, "factor-page-clean");
  });

  test("unknown factor numbers and orgs are 404", async ({ page }) => {
    expect((await page.goto(`/orgs/${ACME.id}/factors/13`))?.status()).toBe(404);
    expect((await page.goto(`/orgs/no-such-org/factors/3`))?.status()).toBe(404);
  });
});
