import { expect, test } from "@playwright/test";
import type { Prisma } from "../lib/db/generated/prisma/client.ts";
import { LIVE_REPO } from "./fixtures/data.ts";
import { saveScreenshot, withDb } from "./support/helpers.ts";

// Drives one Scan row through queued → cloning → scanning → done the way a worker does, and checks that
// the repo page follows without a full reload (it polls GET /api/repos/:id/status every 2 s).
test("repo page shows live scan progress and the results when the scan finishes", async ({ page }) => {
  const scanId = `${LIVE_REPO.id}-scan-live`;
  await withDb(async (db) => {
    await db.scan.deleteMany({ where: { repositoryId: LIVE_REPO.id } });
    await db.scan.create({ data: { id: scanId, repositoryId: LIVE_REPO.id, status: "QUEUED" } });
  });
  const update = (data: Prisma.ScanUpdateInput) => withDb((db) => db.scan.update({ where: { id: scanId }, data }));

  await page.goto(`/repos/${LIVE_REPO.id}`);
  await expect(page.getByTestId("scan-status")).toHaveText("Queued");
  await expect(page.getByRole("heading", { name: "No results yet" })).toBeVisible();
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  await update({ status: "CLONING", progress: 30, startedAt: new Date() });
  await expect(page.getByTestId("scan-status")).toHaveText("Cloning30%", { timeout: 8_000 });
  await expect(page.getByTestId("scan-step")).toHaveText(/Cloning the repository/);

  await update({ status: "SCANNING", progress: 70 });
  await expect(page.getByTestId("scan-status")).toHaveText("Scanning70%", { timeout: 8_000 });
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "70");
  await saveScreenshot(page, "repo-live-scanning");

  await update({
        status: "DONE",
        progress: 100,
        finishedAt: new Date(),
        commitSha: "0123456789abcdef0123456789abcdef01234567",
        scannerVersion: "0.1.0",
        score: 84,
        rawScore: 84,
        grade: "B",
        kind: "service",
        confidence: "HIGH",
        factors: {
          create: Array.from({ length: 12 }, (_, i) => ({
            factor: i + 1,
            status: i === 8 ? ("FAIL" as const) : ("PASS" as const),
            score: i === 8 ? 40 : 90,
            confidence: "HIGH" as const,
            findings: i === 8 ? 1 : 0,
          })),
        },
        findings: {
          create: {
            ruleId: "F09-NO-SIGTERM-HANDLER",
            factor: 9,
            severity: "HIGH",
            confidence: "HIGH",
            message: "No SIGTERM handler",
            remediation: "Handle SIGTERM: stop accepting work and drain in-flight requests.",
            path: "src/server.ts",
            line: 88,
            snippet: "app.listen(port)",
            fingerprint: "e2e-live-finding",
          },
        },
  });
  await expect(page.getByTestId("scan-status")).toHaveText("Done", { timeout: 8_000 });
  // The server page re-rendered in place with the new results.
  await expect(page.getByRole("img", { name: "Grade B, score 84 of 100" })).toBeVisible({ timeout: 8_000 });
  await expect(page.getByTestId("findings-factor-9").getByTestId("finding-location")).toHaveText("src/server.ts:88");
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await saveScreenshot(page, "repo-live-done");

  // Polling stops once the scan is finished.
  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/status")) requests.push(r.url());
  });
  await page.waitForTimeout(4_500);
  expect(requests).toEqual([]);
});
