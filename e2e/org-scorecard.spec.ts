import { expect, test, type Locator } from "@playwright/test";
import { ACME, BILLING, EMPTY_ORG, HANDBOOK, LEGACY, NEW_SERVICE, PAYMENTS, type SeedRepo } from "./fixtures/data.ts";
import { saveScreenshot } from "./support/helpers.ts";
import { MANY_ORG, MANY_REPO_COUNT } from "./support/seed-dashboard.ts";

const latestDone = (repo: SeedRepo) => repo.scans.filter((s) => s.status === "DONE").at(-1);

function row(heatmap: Locator, repo: SeedRepo): Locator {
  return heatmap.locator(`tr[data-repo="${repo.name}"]`);
}

test.describe("org scorecard", () => {
  test("heatmap cells match the seeded factor statuses and scores", async ({ page }) => {
    await page.goto(`/orgs/${ACME.id}`);
    await expect(page.getByRole("heading", { level: 1, name: ACME.name })).toBeVisible();
    const heatmap = page.getByTestId("heatmap");
    await expect(heatmap.locator("tbody tr")).toHaveCount(ACME.repos.length);

    for (const repo of [PAYMENTS, LEGACY, HANDBOOK, BILLING]) {
      const scan = latestDone(repo)!;
      const cells = row(heatmap, repo).locator("td[data-factor-status]");
      await expect(cells).toHaveCount(12);
      const statuses = await cells.evaluateAll((tds) => tds.map((td) => td.getAttribute("data-factor-status")));
      expect(statuses, repo.name).toEqual(scan.factors!.map(([status]) => status));
    }

    // Tooltip and accessible text carry the score; NA reads differently from fail.
    const legacyCells = row(heatmap, LEGACY).locator("td[data-factor-status]");
    await expect(legacyCells.nth(2).getByRole("link")).toHaveAttribute(
      "title",
      "III. Config: fail, score 20, 1 finding (medium confidence). Top finding: AWS secret access key committed in source (critical)",
    );
    await expect(legacyCells.nth(2)).toHaveText(/20/);
    await expect(legacyCells.nth(7).getByRole("link", { name: "VIII. Concurrency: not applicable (medium confidence)" })).toBeVisible();
    await expect(legacyCells.nth(7)).toContainText("n/a");
    // NA and FAIL cells are visibly different (not just by text).
    const bg = (l: Locator) => l.locator(":scope > *").first().evaluate((el) => getComputedStyle(el).backgroundImage + getComputedStyle(el).backgroundColor);
    expect(await bg(legacyCells.nth(7))).not.toEqual(await bg(legacyCells.nth(2)));

    // Score and grade per repo.
    await expect(row(heatmap, PAYMENTS).getByTestId("repo-score")).toHaveText("93");
    await expect(row(heatmap, PAYMENTS).getByRole("img", { name: "Grade A, score 93 of 100" })).toBeVisible();
    await expect(row(heatmap, LEGACY).getByTestId("repo-score")).toHaveText("42");
    await expect(row(heatmap, HANDBOOK).getByTestId("repo-score")).toHaveText("–");
    await expect(row(heatmap, HANDBOOK)).toContainText("docs");

    // Scan status per repo, with the failure reason.
    await expect(row(heatmap, PAYMENTS).locator("[data-scan-status]")).toHaveText("Done");
    await expect(row(heatmap, BILLING).locator("[data-scan-status]")).toHaveText("Failed");
    await expect(row(heatmap, BILLING)).toContainText(BILLING.scans.at(-1)!.error!);
    await expect(row(heatmap, BILLING).getByTestId("repo-score")).toHaveText("77"); // results of the older DONE scan
    await expect(row(heatmap, NEW_SERVICE).locator("[data-scan-status]")).toHaveText("Scanning40%");
    await expect(row(heatmap, NEW_SERVICE).locator("td[data-factor-status='NONE']")).toHaveCount(12);

    await saveScreenshot(page, "org-scorecard");
  });

  test("search filters by name and sort orders by score", async ({ page }) => {
    await page.goto(`/orgs/${ACME.id}`);
    await page.getByLabel("Search repositories").fill("PAY");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/q=PAY/);
    const heatmap = page.getByTestId("heatmap");
    await expect(heatmap.locator("tbody tr")).toHaveCount(1);
    await expect(heatmap.locator("tbody tr th")).toContainText(PAYMENTS.name);
    await expect(page.getByTestId("repo-count")).toHaveText(`1 of ${ACME.repos.length} repositories match`);

    await page.getByLabel("Search repositories").fill("");
    await page.getByLabel("Sort by").selectOption("score-asc");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/sort=score-asc/);
    await expect(heatmap.locator("tbody tr")).toHaveCount(ACME.repos.length);
    const names = await heatmap.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-repo")));
    // Lowest score first; repositories without a score last (by name).
    expect(names).toEqual([LEGACY.name, BILLING.name, PAYMENTS.name, HANDBOOK.name, NEW_SERVICE.name]);

    await page.getByLabel("Sort by").selectOption("score-desc");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(heatmap.locator("tbody tr").first()).toHaveAttribute("data-repo", PAYMENTS.name);

    await page.getByLabel("Search repositories").fill("nothing-matches-this");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("heading", { name: "No matching repositories" })).toBeVisible();
    await saveScreenshot(page, "org-scorecard-no-match");
    await page.getByRole("link", { name: "Clear the filters" }).click();
    await expect(heatmap.locator("tbody tr")).toHaveCount(ACME.repos.length);
  });

  test("a repository name opens its report", async ({ page }) => {
    await page.goto(`/orgs/${ACME.id}`);
    await page.getByRole("link", { name: LEGACY.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/repos/${LEGACY.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: LEGACY.name })).toBeVisible();
  });

  test("an org without repositories says what happens next", async ({ page }) => {
    await page.goto(`/orgs/${EMPTY_ORG.id}`);
    await expect(page.getByRole("heading", { name: "No repositories yet" })).toBeVisible();
    await expect(page.getByText(EMPTY_ORG.localPath!).first()).toBeVisible();
    // the page waits for the first sync by refreshing itself (the demo opens it before the worker has synced)
    await expect(page.getByText("Waiting for the first sync; this page refreshes itself.")).toBeVisible();
    await saveScreenshot(page, "org-empty");
  });

  test("per-factor distribution, worst factors and most common findings", async ({ page }) => {
    await page.goto(`/orgs/${ACME.id}`);
    const dist = page.getByTestId("factor-distribution");
    // Factor III: payments and handbook pass, billing partial, legacy fails; new-service has no result.
    const config = dist.locator('tr[data-factor="3"]');
    await expect(config.getByRole("img", { name: "III. Config: 2 pass, 1 partial, 1 fail, 1 no result" })).toBeVisible();
    await expect(config.locator("td").nth(1)).toHaveText("2");
    await expect(config.locator("td").nth(3)).toHaveText("1");
    await expect(page.getByTestId("worst-factors").getByRole("listitem")).toHaveCount(3);
    const common = page.getByTestId("common-findings");
    await expect(common).toContainText("AWS secret access key committed in source");
    await expect(common).not.toContainText("Listen port is a literal"); // waived
    await expect(page.getByTestId("org-score")).toHaveText("70");
    // Tooltip carries the top finding of a cell.
    const legacyConfig = page.locator(`tr[data-repo="${LEGACY.name}"] td[data-factor-status]`).nth(2);
    await expect(legacyConfig.getByRole("link", { name: /Top finding: AWS secret access key committed in source \(critical\)$/ })).toBeVisible();
    await config.getByRole("link", { name: /Config/ }).click();
    await expect(page).toHaveURL(new RegExp(`/orgs/${ACME.id}/factors/3$`));
  });

  test("scale: pages of 25 (or 50/100), filters by factor, language, topic and archived", async ({ page }) => {
    await page.goto(`/orgs/${MANY_ORG.id}`);
    const heatmap = page.getByTestId("heatmap");
    await expect(heatmap.locator("tbody tr")).toHaveCount(25);
    await expect(page.getByTestId("repo-count")).toHaveText(`${MANY_REPO_COUNT} repositories · showing 1–25`);
    const pages = page.getByRole("navigation", { name: "Repository pages" });
    await expect(pages).toContainText("Page 1 of 3");
    await pages.getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(heatmap.locator("tbody tr").first()).toHaveAttribute("data-repo", "svc-026");
    await pages.getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(/page=3/);
    await expect(heatmap.locator("tbody tr")).toHaveCount(MANY_REPO_COUNT - 50);
    await expect(pages.getByText("Next →")).toHaveAttribute("aria-disabled", "true");
    await page.getByLabel("Rows per page").selectOption("100");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/per_page=100/);
    await expect(heatmap.locator("tbody tr")).toHaveCount(MANY_REPO_COUNT);

    await page.goto(`/orgs/${MANY_ORG.id}`);
    await page.getByLabel("Factor", { exact: true }).selectOption("3");
    await page.getByLabel("Factor status").selectOption("fail");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/factor=3&status=fail/);
    await expect(page.getByTestId("repo-count")).toHaveText(`15 of ${MANY_REPO_COUNT} repositories match`);
    await expect(heatmap.locator('tbody tr td[data-factor-status="FAIL"]')).toHaveCount(15);
    await saveScreenshot(page, "org-scorecard-filtered");

    await page.goto(`/orgs/${MANY_ORG.id}?language=Go&topic=team-b&archived=exclude`);
    // Odd numbers 31..59 = 15, minus none archived (every 10th is even).
    await expect(page.getByTestId("repo-count")).toHaveText(`15 of ${MANY_REPO_COUNT} repositories match`);
    await expect(page.getByLabel("Language")).toHaveValue("Go");
    await page.goto(`/orgs/${MANY_ORG.id}?archived=only`);
    await expect(heatmap.locator("tbody tr")).toHaveCount(6);
    await expect(heatmap.locator("tbody tr").first()).toContainText("archived");

    // Column headers sort: factor III worst first puts the failing ones on top.
    await page.goto(`/orgs/${MANY_ORG.id}`);
    await heatmap.getByRole("link", { name: "III Config" }).click();
    await expect(page).toHaveURL(/sort=factor-3/);
    await expect(heatmap.locator("tbody tr").first().locator("td[data-factor-status]").nth(2)).toHaveAttribute("data-factor-status", "FAIL");
    await expect(heatmap.getByRole("columnheader", { name: "III Config" })).toHaveAttribute("aria-sort", "ascending");
    await saveScreenshot(page, "org-scorecard-many");
  });

  test("the CSV export link downloads the filtered scorecard", async ({ page }) => {
    await page.goto(`/orgs/${MANY_ORG.id}?factor=3&status=fail`);
    const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    expect(href).toBe(`/api/v1/orgs/${MANY_ORG.id}/scorecard.csv?factor=3&status=fail`);
    const res = await page.request.get(href!);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines).toHaveLength(1 + 15);
  });
});
