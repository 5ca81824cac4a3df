// The real pipeline behind the dashboard: a local directory of git repositories is synced by the
// worker (sync-source), its repository is cloned and scanned (scan-repo), and the pages show the
// stored results; a second scan, queued to start a few seconds later, is followed live on the repo
// page from Queued to Done without a reload.
import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { createQueuedScan } from "../lib/db/scans.ts";
import { parseE2eEnv } from "../lib/env.ts";
import { commitFiles, createWorkRepo, makeTempDir } from "../lib/git/testing/make-repo.ts";
import { scanRepo } from "../lib/jobs/scan-repo.ts";
import { syncSource } from "../lib/jobs/sync-source.ts";
import { createBoss, startBoss } from "../lib/queue/boss.ts";
import { enqueue } from "../lib/queue/enqueue.ts";
import { saveScreenshot, withDb } from "./support/helpers.ts";

const REPO_NAME = "sample-service";

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test("the worker scans a local repository and the repo page follows a scan live to Done", async ({ page }) => {
  test.setTimeout(240_000);
  const root = makeTempDir("tf-e2e-source-");
  const repoDir = path.join(root, REPO_NAME);
  createWorkRepo(repoDir, {
    "package.json": JSON.stringify({ name: REPO_NAME, version: "1.0.0", private: true, scripts: { start: "node server.js" } }, null, 2),
    "server.js": 'const http = require("node:http");\nhttp.createServer((req, res) => res.end("ok")).listen(8080);\n',
    "README.md": "# sample-service\n",
  });
  const login = `e2e-local-${Date.now().toString(36)}`;
  const boss = await startBoss(createBoss(parseE2eEnv().DATABASE_URL, "producer"));
  let orgId: string | undefined;
  try {
    // 1. Sync the source: the worker registers the org, lists the repository and scans it.
    await enqueue(boss, syncSource, { local: { name: login, path: root } });
    const repo = await waitFor("the first scan to finish", () =>
      withDb((db) =>
        db.repository.findFirst({
          where: { org: { login, sourceKind: "LOCAL" }, name: REPO_NAME, scans: { some: { status: { in: ["DONE", "FAILED", "SKIPPED"] } } } },
          select: { id: true, orgId: true, scans: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, error: true } } },
        }),
      ),
    );
    orgId = repo.orgId;
    expect(repo.scans[0], `first scan: ${repo.scans[0]?.error}`).toMatchObject({ status: "DONE" });

    await page.goto("/");
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: login }) });
    await expect(card).toContainText("Repositories1");
    await card.getByRole("link", { name: login }).click();
    const row = page.getByTestId("heatmap").locator(`tr[data-repo="${REPO_NAME}"]`);
    await expect(row.locator("[data-scan-status]")).toHaveText("Done");
    const statuses = await row.locator("td[data-factor-status]").evaluateAll((tds) => tds.map((td) => td.getAttribute("data-factor-status")));
    expect(statuses).toHaveLength(12);
    expect(statuses.every((s) => s && ["PASS", "PARTIAL", "FAIL", "NA"].includes(s)), statuses.join(",")).toBe(true);
    await saveScreenshot(page, "worker-org-scorecard");

    // 2. A new commit, and a scan that starts a few seconds from now, so the page sees it queued.
    const head = commitFiles(repoDir, {
      "server.js": 'const http = require("node:http");\nhttp.createServer((req, res) => res.end("ok")).listen(Number(process.env.PORT ?? 3000));\n',
    }, "read PORT from the environment");
    const jobId = randomUUID();
    const scan = await withDb((db) => createQueuedScan(db, { repositoryId: repo.id, trigger: "MANUAL", jobId }));
    expect(
      await enqueue(boss, scanRepo, { repositoryId: repo.id, scanId: scan.id, trigger: "MANUAL" }, { id: jobId, startAfter: new Date(Date.now() + 5_000) }),
    ).toBe(jobId);

    const seen: string[] = [];
    page.on("response", async (res) => {
      if (!res.url().endsWith(`/api/repos/${repo.id}/status`)) return;
      const body = (await res.json().catch(() => null)) as { scan?: { status: string } } | null;
      if (body?.scan && seen.at(-1) !== body.scan.status) seen.push(body.scan.status);
    });
    await page.goto(`/repos/${repo.id}`);
    await expect(page.getByTestId("scan-status")).toHaveText("Queued");
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    await expect(page.getByTestId("scan-status")).toHaveText("Done", { timeout: 90_000 });
    // The results of the new commit replaced the old ones in place.
    await expect(page.getByText(head.slice(0, 7), { exact: true })).toBeVisible({ timeout: 10_000 });
    await expect(page.getByTestId("repo-kind")).not.toHaveText("unknown");
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(seen[0]).toBe("QUEUED");
    expect(seen.at(-1)).toBe("DONE");
    test.info().annotations.push({ type: "statuses seen by polling", description: seen.join(" → ") });
    await saveScreenshot(page, "worker-repo-scanned");
  } finally {
    await boss.stop({ graceful: false, close: true });
    if (orgId) await withDb((db) => db.org.delete({ where: { id: orgId } }));
    rmSync(root, { recursive: true, force: true });
  }
});
