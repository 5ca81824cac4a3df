// Rescan buttons end to end: the web process queues a scan through its pg-boss producer, the real
// worker (started by playwright.config.ts) clones and scans the seeded local repository, and the page
// follows queued → cloning/scanning → done without a reload.
import { expect, test } from "@playwright/test";
import { saveScreenshot } from "./support/helpers.ts";
import { RESCAN_ORG, RESCAN_REPOS } from "./support/seed-history.ts";

const [A] = RESCAN_REPOS as [{ id: string; name: string }];

test("Rescan on the repo page shows queued, progress and the results without a reload", async ({ page }) => {
  test.setTimeout(180_000);
  const seen: string[] = [];
  page.on("response", async (res) => {
    if (!/\/api\/repos\/[^/]+\/(status|rescan)$/.test(new URL(res.url()).pathname)) return;
    const body = (await res.json().catch(() => null)) as { scan?: { status: string } | null } | null;
    if (body?.scan && seen.at(-1) !== body.scan.status) seen.push(body.scan.status);
  });
  await page.goto(`/repos/${A.id}`);
  await expect(page.getByTestId("scan-step")).toContainText("has not been scanned yet");
  await expect(page.getByRole("heading", { name: "No results yet" })).toBeVisible();
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  const posted = page.waitForResponse((r) => r.url().endsWith(`/api/repos/${A.id}/rescan`) && r.request().method() === "POST");
  await page.getByRole("button", { name: "Rescan" }).click();
  const res = await posted;
  expect(res.status()).toBe(202);
  // the new scan, as the response reads it: QUEUED, or already further along when the worker picked the job up
  // between the enqueue and that read (a fast worker on a quiet machine)
  expect(((await res.json()) as { scan: { status: string } }).scan.status).toMatch(/^(QUEUED|CLONING|SCANNING)$/);
  await expect(page.getByTestId("scan-status")).toHaveText(/Queued|Cloning|Scanning/);
  await expect(page.getByTestId("rescan-button")).toBeDisabled();
  await saveScreenshot(page, "rescan-queued");

  await expect(page.getByTestId("scan-status")).toHaveText("Done", { timeout: 120_000 });
  await expect(page.getByTestId("repo-kind")).not.toHaveText("unknown", { timeout: 10_000 });
  await expect(page.getByTestId("factor-card-1")).not.toHaveAttribute("data-factor-status", "NONE");
  await expect(page.getByTestId("rescan-button")).toBeEnabled();
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  expect(seen[0]).toMatch(/^(QUEUED|CLONING|SCANNING)$/);
  expect(seen.at(-1)).toBe("DONE");
  test.info().annotations.push({ type: "statuses seen", description: seen.join(" → ") });
  await saveScreenshot(page, "rescan-done");

  // The scan is kept in the history.
  await page.getByRole("navigation", { name: "Repository" }).getByRole("link", { name: "History" }).click();
  await expect(page.getByTestId("scan-history").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("scan-history")).toContainText("manual");
});

test("rescan refuses cross-site requests and unknown repositories", async ({ request }) => {
  const cross = await request.post(`/api/repos/${A.id}/rescan`, { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
  expect(cross.status()).toBe(403);
  const unknown = await request.post(`/api/repos/does-not-exist/rescan`);
  expect(unknown.status()).toBe(404);
  const get = await request.get(`/api/repos/${A.id}/rescan`);
  expect(get.status()).toBe(405);
  const orgUnknown = await request.post(`/api/orgs/does-not-exist/rescan`);
  expect(orgUnknown.status()).toBe(404);
});

test("Rescan all on the org history page shows live counts until every scan is finished", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`/orgs/${RESCAN_ORG.id}/history`);
  const progress = page.getByTestId("org-progress");
  await expect(progress).toHaveAttribute("data-busy", "false");
  await page.getByRole("button", { name: "Rescan all repositories" }).click();
  await expect(page.getByTestId("org-rescan-message")).toHaveText(/Queued 2 scans\./);
  await expect(progress).toHaveAttribute("data-busy", "true");
  await expect(progress).toContainText(/queued|cloning|scanning/);
  await saveScreenshot(page, "org-rescan-running");
  await expect(progress).toHaveAttribute("data-busy", "false", { timeout: 200_000 });
  // rescan-a's commit was already scanned by this scanner (skipped); rescan-b is scanned for the first time.
  await expect(progress).toHaveText(/^(1 done, 1 skipped|2 done)$/);
  await expect(page.getByRole("progressbar", { name: "Repositories with a finished latest scan" })).toHaveAttribute("aria-valuenow", "2");
  await saveScreenshot(page, "org-rescan-done");
});
