import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createDb } from "../../lib/db/client.ts";
import type { PrismaClient } from "../../lib/db/generated/prisma/client.ts";
import { parseE2eEnv } from "../../lib/env.ts";

export const SCREENSHOT_DIR = path.resolve("test-results/screenshots");

/** Full-page screenshot saved as test-results/screenshots/<name>.png (animations frozen). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: "disabled" });
}

/** Runs axe (WCAG 2.x A/AA) and fails on any serious or critical violation, listing them. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n  ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** A Prisma client on the suite's database for specs that drive data themselves; disconnect when done. */
export async function withDb<T>(fn: (client: PrismaClient) => Promise<T>): Promise<T> {
  const client = createDb(parseE2eEnv().DATABASE_URL);
  try {
    return await fn(client);
  } finally {
    await client.$disconnect();
  }
}
