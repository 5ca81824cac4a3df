import { expect, test } from "@playwright/test";
import { ACME, ACME_GRADE, ACME_SCORE, EMPTY_ORG } from "./fixtures/data.ts";
import { saveScreenshot } from "./support/helpers.ts";

test.describe("organizations list", () => {
  test("lists each org with grade, score, repo count, last scan and scan status", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Organizations" })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: "twelvefactor" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organizations" })).toHaveAttribute(
      "aria-current",
      "page",
    );

    const acme = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: ACME.name }) });
    await expect(acme.getByRole("img", { name: `Grade ${ACME_GRADE}, score ${ACME_SCORE} of 100` })).toBeVisible();
    await expect(acme).toContainText(`Score ${ACME_SCORE}`);
    await expect(acme).toContainText(`Repositories${ACME.repos.length} (3 scored)`);
    await expect(acme.getByText(/minutes? ago|just now/)).toBeVisible();
    await expect(acme.getByTestId("org-trend").getByRole("img", { name: /^Score trend over \d+ weeks?: \d+ to \d+$/ })).toBeVisible();
    const status = acme.getByTestId("org-scan-status");
    await expect(status).toContainText("Scanning 1 repository");
    await expect(status).toContainText("1 scan failed");

    const empty = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: EMPTY_ORG.name }) });
    await expect(empty.getByRole("img", { name: "Not graded yet" })).toBeVisible();
    await expect(empty.getByTestId("org-scan-status")).toHaveText("No repositories yet");
    await expect(empty).toContainText("Last scanNever");
    await expect(empty.getByTestId("org-trend")).toHaveText("No trend yet");

    await saveScreenshot(page, "organizations");

    await acme.getByRole("link", { name: ACME.name }).click();
    await expect(page).toHaveURL(new RegExp(`/orgs/${ACME.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: ACME.name })).toBeVisible();
  });

  test("the factors reference page explains all twelve factors", async ({ page }) => {
    await page.goto("/factors");
    await expect(page.getByRole("heading", { level: 1, name: "The twelve factors" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2 })).toHaveCount(12);
    await expect(page.getByRole("heading", { level: 2, name: "III. Config" })).toBeVisible();
    await saveScreenshot(page, "factors");
  });

  test("an unknown address shows a not-found page with a way back", async ({ page }) => {
    const res = await page.goto("/orgs/does-not-exist");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "See all organizations" })).toBeVisible();
    await saveScreenshot(page, "not-found");
  });
});
