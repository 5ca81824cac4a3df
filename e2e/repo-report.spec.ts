import { expect, test } from "@playwright/test";
import { FACTORS } from "../lib/factors.ts";
import { ACME, BILLING, HANDBOOK, LEGACY, NEW_SERVICE, PAYMENTS } from "./fixtures/data.ts";
import { saveScreenshot } from "./support/helpers.ts";

test.describe("repository report", () => {
  test("shows grade, score, kind, factor cards and findings grouped by factor", async ({ page }) => {
    await page.goto(`/repos/${LEGACY.id}`);
    await expect(page.getByRole("heading", { level: 1, name: LEGACY.name })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: ACME.name })).toBeVisible();
    await expect(page.getByRole("img", { name: "Grade F, score 42 of 100" })).toBeVisible();
    await expect(page.getByTestId("repo-score")).toHaveText("42 / 100");
    await expect(page.getByTestId("repo-grade")).toHaveText("F");
    await expect(page.getByTestId("repo-kind")).toHaveText("service");
    await expect(page.getByTestId("scan-status")).toHaveText("Done");

    // One card per factor with the seeded status, score and confidence.
    const scan = LEGACY.scans.at(-1)!;
    for (const [i, [status, score]] of scan.factors!.entries()) {
      const card = page.getByTestId(`factor-card-${i + 1}`);
      await expect(card).toHaveAttribute("data-factor-status", status);
      await expect(card.getByRole("heading")).toHaveText(`${FACTORS[i]!.roman}. ${FACTORS[i]!.name}`);
      await expect(card).toContainText(`Score${status === "NA" ? "n/a" : String(score)}`);
      await expect(card).toContainText("Confidencemedium");
    }

    // Findings grouped by factor with path:line, snippet and remediation.
    const config = page.getByTestId("findings-factor-3");
    await expect(config.getByRole("heading", { level: 3 })).toHaveText("III. Config (1 finding)");
    const secret = config.getByTestId("finding");
    await expect(secret.getByTestId("finding-location")).toHaveText("config/settings.py:12");
    await expect(secret).toContainText('AWS_SECRET_ACCESS_KEY = "wJal****************EKEY"');
    await expect(secret).toContainText("How to fix: Revoke the key");
    await expect(secret).toContainText("F03-HARDCODED-SECRET");
    await expect(secret).toContainText("critical");
    await expect(page.getByTestId("findings-factor-4").getByTestId("finding-location")).toHaveText("app/db.py:8");
    await expect(page.getByTestId("findings-factor-11").getByTestId("finding-location")).toHaveText("app/logging.py:21");
    await expect(page.getByTestId("findings-factor-7")).toHaveCount(0); // its only finding is waived

    // Waived findings are listed separately with reason and expiry.
    const waived = page.getByTestId("waived-findings");
    await expect(waived.getByTestId("finding-location")).toHaveText("manage.py:30");
    await expect(waived.getByTestId("waiver")).toContainText("Local development entry point only");
    await expect(waived.getByTestId("waiver")).toContainText("31 Mar 2027");

    // The factor card links to its findings.
    await page.getByTestId("factor-card-3").getByRole("link", { name: "1 open finding for Config" }).click();
    await expect(page).toHaveURL(/#factor-3-findings$/);

    // Limits hit and files left out, from the scan.
    const details = page.getByTestId("scan-details");
    await expect(details).toContainText("Files412");
    await expect(details.getByTestId("limits")).toContainText("Limit hit: 1 file over 1.0 MiB left out of the checkout");
    await expect(details.getByTestId("limits")).toContainText("The scanner did not read 2 vendor, 1 binary files.");
    await details.getByText("Files left out of the checkout (1)").click();
    await expect(details).toContainText("assets/video.mp4 (too-large, 46 MiB)");

    await saveScreenshot(page, "repo-legacy");
  });

  test("the Badge section: a preview and copyable Markdown, viewer-only without SESSION_SECRET", async ({ page, baseURL }) => {
    await page.goto(`/repos/${PAYMENTS.id}`);
    const section = page.getByRole("region", { name: "Badge" });
    const preview = section.getByRole("img", { name: "twelve-factor badge of this repository" });
    await expect(preview).toBeVisible();
    expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
    const markdown = section.getByRole("textbox", { name: "Markdown (signed-in viewers only)" });
    await expect(markdown).toHaveAttribute("readonly", "");
    await expect(markdown).toHaveValue(`[![twelve-factor](${baseURL}/api/badges/repos/${PAYMENTS.id}.svg)](${baseURL}/repos/${PAYMENTS.id})`);
    // this server has no SESSION_SECRET: the section says why the badge will not show on GitHub
    await expect(section.getByTestId("badge-viewer-only")).toContainText("set SESSION_SECRET");
    await section.getByRole("button", { name: "Copy" }).click();
    await expect(section.getByRole("status")).toHaveText(/Copied to the clipboard\.|Selected: press Ctrl\+C/);
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "repo-badge-viewer-only");
  });

  test("a healthy repository with a not-applicable factor", async ({ page }) => {
    await page.goto(`/repos/${PAYMENTS.id}`);
    await expect(page.getByRole("img", { name: "Grade A, score 93 of 100" })).toBeVisible();
    await expect(page.getByTestId("factor-card-12")).toHaveAttribute("data-factor-status", "NA");
    await expect(page.getByTestId("factor-card-12")).toContainText("not applicable");
    await expect(page.getByTestId("findings-factor-5").getByTestId("finding-location")).toHaveText(".github/workflows/deploy.yml:41");
    await expect(page.getByTestId("waived-findings")).toHaveCount(0);
    await saveScreenshot(page, "repo-payments");
  });

  test("a docs repository without a score", async ({ page }) => {
    await page.goto(`/repos/${HANDBOOK.id}`);
    await expect(page.getByTestId("repo-score")).toHaveText("– / 100");
    await expect(page.getByTestId("repo-kind")).toHaveText("docs");
    await expect(page.getByRole("heading", { name: "No open findings" })).toBeVisible();
    await saveScreenshot(page, "repo-docs");
  });

  test("a failed latest scan shows its reason next to the previous results", async ({ page }) => {
    await page.goto(`/repos/${BILLING.id}`);
    await expect(page.getByTestId("scan-status")).toHaveText("Failed");
    await expect(page.getByTestId("scan-error")).toHaveText(BILLING.scans.at(-1)!.error!);
    await expect(page.getByTestId("repo-score")).toHaveText("77 / 100");
    await saveScreenshot(page, "repo-failed-scan");
  });

  test("a repository still scanning shows progress and no results yet", async ({ page }) => {
    await page.goto(`/repos/${NEW_SERVICE.id}`);
    await expect(page.getByTestId("scan-status")).toHaveText("Scanning40%");
    await expect(page.getByRole("progressbar", { name: "Scanning progress" })).toHaveAttribute("aria-valuenow", "40");
    await expect(page.getByRole("heading", { name: "No results yet" })).toBeVisible();
    await saveScreenshot(page, "repo-scanning");
  });
});
