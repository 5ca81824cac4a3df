// History, "what changed", evidence links (GitHub and the local viewer) and the org trend, against the
// scans seeded by e2e/support/seed-history.ts; axe on every page (light and dark) and screenshots.
import { expect, test, type Page } from "@playwright/test";
import { LEGACY } from "./fixtures/data.ts";
import { expectNoSeriousA11yViolations, saveScreenshot } from "./support/helpers.ts";
import { LOCAL_ORG, LOCAL_REPO, RESCAN_REPOS, TREND_ORG, TREND_REPO } from "./support/seed-history.ts";

const [s0, s1, s2, s3, s4, s5] = TREND_REPO.scanIds as [string, string, string, string, string, string];

test.describe("history and what changed", () => {
  test("repo history lists every scan with deltas, scanner changes and a trend chart", async ({ page }) => {
    await page.goto(`/repos/${TREND_REPO.id}/history`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Scan history");
    await expect(page.getByRole("navigation", { name: "Repository" }).getByRole("link", { name: "History" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("img", { name: /Score of trend-service over time/ })).toBeVisible();
    await expect(page.getByRole("main").locator("p", { hasText: "score went from 58 to 75" })).toBeVisible();
    const rows = page.getByTestId("scan-history").locator("tbody tr");
    await expect(rows).toHaveCount(6);
    await expect(rows.nth(0)).toHaveAttribute("data-scan-id", s5);
    await expect(rows.nth(0).getByTestId("scanner-changed")).toBeVisible();
    await expect(rows.nth(0).getByTestId("score-delta")).toContainText("+4");
    await expect(rows.nth(1).getByTestId("scanner-changed")).toHaveCount(0);
    await expect(page.locator(`tr[data-scan-id="${s2}"]`)).toContainText("Failed");
    await expect(page.locator(`tr[data-scan-id="${s2}"]`)).toContainText("clone failed: remote hung up");
    await expect(page.locator(`tr[data-scan-id="${s3}"]`).getByRole("link", { name: "What changed" })).toHaveAttribute(
      "href",
      `/repos/${TREND_REPO.id}/compare?from=${s1}&to=${s3}`,
    );
    await saveScreenshot(page, "history-repo");
  });

  test("what changed: new, fixed, unchanged and waived findings, factor deltas and the scanner note", async ({ page }) => {
    await page.goto(`/repos/${TREND_REPO.id}`);
    await page.getByRole("link", { name: "What changed since the previous scan" }).click();
    await expect(page).toHaveURL(new RegExp(`/repos/${TREND_REPO.id}/compare$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("What changed");

    const note = page.getByTestId("scanner-change-note");
    await expect(note).toContainText("Part of this change comes from the scanner, not your code.");
    await expect(note).toContainText("Scanner 0.1.0 → 0.2.0");
    await expect(note).toContainText("Rule set 88.aaaaaaaaaaaa → 90.bbbbbbbbbbbb");
    await expect(page.getByTestId("score-change")).toContainText("Score 70 → 75");

    await expect(page.getByTestId("count-new")).toHaveText("1 new");
    await expect(page.getByTestId("count-fixed")).toHaveText("1 fixed");
    await expect(page.getByTestId("count-unchanged")).toHaveText("2 unchanged");
    await expect(page.getByTestId("findings-new").getByTestId("finding")).toHaveAttribute("data-rule-id", "F04-HARDCODED-RESOURCE-LOCATOR");
    await expect(page.getByTestId("findings-fixed").getByTestId("finding")).toHaveAttribute("data-rule-id", "F11-LOG-TO-FILE");
    const waivers = page.getByTestId("findings-waivers").getByTestId("finding");
    await expect(waivers).toHaveAttribute("data-rule-id", "F07-HARDCODED-LISTEN-PORT");
    await expect(waivers).toContainText("now waived");
    // Fixed findings link to the file at the OLD commit, new ones at the new commit.
    const sha = (await page.getByTestId("commits-compared").locator("code").nth(1).getAttribute("title"))!;
    const oldSha = (await page.getByTestId("commits-compared").locator("code").nth(0).getAttribute("title"))!;
    await expect(page.getByTestId("findings-new").getByRole("link", { name: /src\/db\.ts:3/ })).toHaveAttribute("href", `${TREND_REPO.htmlUrl}/blob/${sha}/src/db.ts#L3`);
    await expect(page.getByTestId("findings-fixed").getByRole("link", { name: /src\/log\.ts:9/ })).toHaveAttribute("href", `${TREND_REPO.htmlUrl}/blob/${oldSha}/src/log.ts#L9`);
    await expect(page.getByRole("link", { name: "code changes on GitHub" })).toHaveAttribute("href", `${TREND_REPO.htmlUrl}/compare/${oldSha}...${sha}`);

    const deltas = page.getByTestId("factor-deltas");
    await expect(deltas.locator('tr[data-factor="4"]').getByTestId("factor-delta")).toContainText("−25");
    await expect(deltas.locator('tr[data-factor="11"]').getByTestId("factor-delta")).toContainText("+30");
    await expect(deltas.locator('tr[data-factor="1"]').getByTestId("factor-delta")).toContainText("±0");
    await saveScreenshot(page, "compare-default");

    // Pick two older scans by the same scanner: no note, nothing new or fixed.
    await page.getByLabel("From (older)").selectOption(s0);
    await page.getByLabel("To (newer)").selectOption(s1);
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(new RegExp(`from=${s0}&to=${s1}`));
    await expect(page.getByTestId("scanner-change-note")).toHaveCount(0);
    await expect(page.getByTestId("count-new")).toHaveText("0 new");
    await expect(page.getByTestId("count-fixed")).toHaveText("0 fixed");
    await expect(page.getByTestId("count-unchanged")).toHaveText("4 unchanged");
    await expect(page.getByTestId("score-change")).toContainText("grade F → D");
  });

  test("what changed explains what to do when it cannot compare", async ({ page }) => {
    await page.goto(`/repos/${TREND_REPO.id}/compare?from=${s2}&to=${s5}`);
    await expect(page.getByRole("heading", { name: "These scans cannot be compared" })).toBeVisible();
    await page.goto(`/repos/${RESCAN_REPOS[1]!.id}/compare`);
    await expect(page.getByRole("heading", { name: "Nothing to compare yet" })).toBeVisible();
    await page.goto(`/repos/${RESCAN_REPOS[1]!.id}/history`);
    await expect(page.getByRole("heading", { name: "No scans yet" })).toBeVisible();
  });

  test("repo page: header, factor drivers, GitHub evidence links and waivers with expiry", async ({ page }) => {
    await page.goto(`/repos/${TREND_REPO.id}`);
    await expect(page.getByTestId("repo-score")).toHaveText("75 / 100");
    await expect(page.getByTestId("scanner-version")).toContainText("Scanner 0.2.0 · rules 90.bbbbbbbbbbbb");
    const commit = page.getByTestId("repo-commit");
    const sha = (await commit.getAttribute("title"))!;
    await expect(commit).toHaveAttribute("href", `${TREND_REPO.htmlUrl}/commit/${sha}`);
    await expect(page.getByTestId("factor-card-4").getByTestId("factor-drivers")).toContainText("Lowered by");
    await expect(page.getByTestId("factor-card-4").getByTestId("factor-drivers")).toContainText("Weak spot (1 finding)");
    await expect(page.getByTestId("factor-card-1").getByTestId("factor-drivers")).toContainText("Raised by");
    await expect(page.getByTestId("factor-card-3")).toContainText("Capped at 70");
    await expect(page.getByTestId("findings-factor-4").getByRole("link", { name: /src\/db\.ts:3/ })).toHaveAttribute("href", `${TREND_REPO.htmlUrl}/blob/${sha}/src/db.ts#L3`);
    const waived = page.getByTestId("waived-findings");
    await expect(waived.getByTestId("finding")).toHaveCount(2);
    await expect(waived.locator('[data-testid="waiver"][data-expired="true"]')).toContainText("Waiver expired: Staging only");
    await expect(waived.locator('[data-testid="waiver"][data-expired="false"]')).toContainText("Local development entry point only");
    await expect(page.getByTestId("notices")).toContainText("WAIVER-UNUSED");
    await saveScreenshot(page, "repo-trend");
  });

  test("local source: the evidence link opens the file at the scanned commit with the line highlighted", async ({ page }) => {
    await page.goto(`/repos/${LOCAL_REPO.id}`);
    await page.getByTestId("findings-factor-11").getByRole("link", { name: /src\/server\.js:5/ }).click();
    await expect(page).toHaveURL(new RegExp(`/repos/${LOCAL_REPO.id}/source\\?scan=${LOCAL_REPO.scanIds[1]}&path=src%2Fserver\\.js&line=5#L5$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("src/server.js");
    const hit = page.locator('tr[data-highlighted="true"]');
    await expect(hit).toHaveAttribute("id", "L5");
    await expect(hit).toContainText('fs.appendFileSync("/var/log/app.log", "started");');
    await saveScreenshot(page, "source-local");

    // The older scan shows the file as it was then.
    await page.goto(`/repos/${LOCAL_REPO.id}/source?scan=${LOCAL_REPO.scanIds[0]}&path=src/server.js&line=4`);
    await expect(page.locator("#L4")).toContainText("server.listen(8080);");
    await expect(page.locator("#L5")).toHaveCount(0);
  });

  test("the local viewer refuses paths outside the commit and non-local repositories", async ({ page }) => {
    for (const bad of ["../../../../etc/passwd", "/etc/passwd", "src/../../x", "does/not/exist.js", ".git/config"]) {
      await page.goto(`/repos/${LOCAL_REPO.id}/source?scan=${LOCAL_REPO.scanIds[1]}&path=${encodeURIComponent(bad)}`);
      await expect(page.getByRole("heading", { name: "File not available" }), bad).toBeVisible();
      await expect(page.getByTestId("source-view")).toHaveCount(0);
    }
    const gh = await page.goto(`/repos/${TREND_REPO.id}/source?scan=${s5}&path=src/db.ts`);
    expect(gh?.status()).toBe(404);
    const wrongRepo = await page.goto(`/repos/${LOCAL_REPO.id}/source?scan=${s5}&path=src/server.js`);
    expect(wrongRepo?.status()).toBe(404);
  });

  test("org history: weekly average trend and the week table", async ({ page }) => {
    await page.goto(`/orgs/${TREND_ORG.id}/history`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Score history");
    await expect(page.getByRole("img", { name: /Average score of History Org per week/ })).toBeVisible();
    const rows = page.getByTestId("org-weeks").locator("tbody tr");
    await expect(rows).toHaveCount(8); // from the first scored week (6 weeks ago), at least 8 weeks
    await expect(rows.first()).toContainText("1 of 1");
    await expect(page.getByTestId("org-progress")).toContainText("1 done");
    await saveScreenshot(page, "history-org");
  });
});

const PAGES: [string, string][] = [
  ["repo-trend", `/repos/${TREND_REPO.id}`],
  ["repo-local", `/repos/${LOCAL_REPO.id}`],
  ["repo-never-scanned", `/repos/${RESCAN_REPOS[1]!.id}`],
  ["repo-legacy", `/repos/${LEGACY.id}`],
  ["history-repo", `/repos/${TREND_REPO.id}/history`],
  ["history-empty", `/repos/${RESCAN_REPOS[1]!.id}/history`],
  ["compare", `/repos/${TREND_REPO.id}/compare`],
  ["compare-empty", `/repos/${RESCAN_REPOS[1]!.id}/compare`],
  ["compare-bad", `/repos/${TREND_REPO.id}/compare?from=${s2}&to=${s5}`],
  ["source", `/repos/${LOCAL_REPO.id}/source?scan=${LOCAL_REPO.scanIds[1]}&path=src/server.js&line=5`],
  ["source-missing", `/repos/${LOCAL_REPO.id}/source?scan=${LOCAL_REPO.scanIds[1]}&path=nope.txt`],
  ["history-org", `/orgs/${TREND_ORG.id}/history`],
  ["history-org-local", `/orgs/${LOCAL_ORG.id}/history`],
];

async function check(page: Page, path: string) {
  test.setTimeout(120_000); // axe on a long page is slow on a busy 2-core machine
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  for (const summary of await page.locator("details > summary").all()) await summary.click();
  await expectNoSeriousA11yViolations(page);
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`repo pages accessibility (${scheme})`, () => {
    test.use({ colorScheme: scheme });
    for (const [name, path] of PAGES) {
      test(`${name} has no serious or critical axe violations`, async ({ page }) => {
        await check(page, path);
        await saveScreenshot(page, `${scheme}-${name}`);
      });
    }
  });
}

test.describe("phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  for (const [name, path] of PAGES.filter(([n]) => ["repo-trend", "history-repo", "compare", "source", "history-org"].includes(n))) {
    test(`${name} fits a phone screen`, async ({ page }) => {
      await check(page, path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, "horizontal page overflow in px").toBeLessThanOrEqual(0);
      await saveScreenshot(page, `phone-${name}`);
    });
  }
  test("phone dark: what changed", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark", isMobile: true });
    const page = await context.newPage();
    await check(page, `/repos/${TREND_REPO.id}/compare`);
    await saveScreenshot(page, "phone-dark-compare");
    await context.close();
  });
});
