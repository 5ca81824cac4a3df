// `npm run demo` end to end: the orchestrator starts migrate, web, worker and scheduler on a fresh
// database, prints the URL, the worker scans the demo organization's repositories, and Ctrl-C (SIGINT)
// stops every process cleanly.
import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { inheritedEnv } from "../lib/env.ts";
import { sampleRepos } from "../lib/demo/sample-repos.ts";
import { createScratchDatabase } from "../test/support/scratch-db.ts";
import { expectNoSeriousA11yViolations, saveScreenshot } from "./support/helpers.ts";

async function freePort(): Promise<number> {
  const srv = createServer().listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = srv.address() as { port: number };
  srv.close();
  return port;
}

test("npm run demo serves the demo organization with every repository scanned", async ({ page }) => {
  test.setTimeout(240_000);
  const db = await createScratchDatabase("tf_demo");
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "tf-demo-"));
  const port = await freePort();
  const child = spawn("npm", ["run", "--silent", "demo"], {
    env: inheritedEnv({ DATABASE_URL: db.url, PORT: String(port), DEMO_DATA_DIR: dataDir, LOG_LEVEL: "warn" }) as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so the test can press "Ctrl-C" the way a terminal does: SIGINT to the group.
    detached: true,
  });
  let stderr = "";
  child.stdout!.resume();
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  try {
    await expect.poll(() => stderr.match(/twelvefactor is running: (http:\/\/\S+)/)?.[1], { timeout: 180_000, message: `demo output:\n${stderr}` }).toBe(`http://localhost:${port}`);

    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole("link", { name: /demo/ }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "demo" })).toBeVisible();
    const names = [...sampleRepos().map((r) => r.name), "twelvefactor"];
    const table = page.getByTestId("heatmap").locator("tbody");
    // The page may open before the worker's first sync: it refreshes itself until the repositories appear.
    for (const name of names) await expect(table.getByRole("link", { name, exact: true })).toBeVisible({ timeout: 60_000 });

    // Every repository's scan completes (the page refreshes itself while scans run).
    const rows = table.locator("tr");
    await expect(rows).toHaveCount(names.length);
    await expect.poll(async () => table.locator("tr", { hasText: "Done" }).count(), { timeout: 120_000 }).toBe(names.length);

    // The verdicts the sample repositories were written to show.
    const gradeOf = async (name: string) => (await table.locator("tr", { has: page.getByRole("link", { name, exact: true }) }).innerText());
    expect(await gradeOf("go-orders")).toMatch(/\bA\b/);
    expect(await gradeOf("express-shop")).toMatch(/\b[D-F]\b/);
    expect(await gradeOf("handbook")).toMatch(/docs/);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, "demo-org");

    // Ctrl-C: the demo stops web, worker and scheduler, then exits; nothing of its process group is left.
    // (npm itself re-raises SIGINT after its child exits, so npm ends "killed by SIGINT" rather than 0.)
    process.kill(-child.pid!, "SIGINT");
    const { code, signal } = await exited;
    expect(code === 0 || signal === "SIGINT", `npm exit: code ${code}, signal ${signal}`).toBe(true);
    expect(stderr).toContain("[demo] stopped");
    expect(stderr).not.toMatch(/exited \(\d+\); stopping the demo/);
    await expect.poll(() => {
      try {
        process.kill(-child.pid!, 0);
        return "processes left";
      } catch {
        return "all stopped";
      }
    }, { timeout: 10_000 }).toBe("all stopped");
  } catch (err) {
    test.info().attach("demo stderr", { body: stderr, contentType: "text/plain" });
    throw err;
  } finally {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* the whole group has exited */
    }
    await rm(dataDir, { recursive: true, force: true });
    await db.drop();
  }
});
