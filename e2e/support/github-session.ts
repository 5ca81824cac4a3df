// Helpers for specs against the GitHub-mode formation (playwright.config.ts): its settings, a Prisma
// client on its database, polling, signing in through the stand-in's authorize page, and letting the
// app learn about the stand-in's installations (acme and globex with their repositories).
import { expect, type Page } from "@playwright/test";
import { createDb } from "../../lib/db/client.ts";
import type { PrismaClient } from "../../lib/db/generated/prisma/client.ts";
import { parseE2eEnv } from "../../lib/env.ts";
import { sendWebhook } from "../../lib/github/testing/fake-github.ts";
import { githubModeSettings } from "./github-mode.ts";

export const e2eEnv = parseE2eEnv();
/** The formation's settings (ports, database, secrets), derived exactly as playwright.config.ts does. */
export const gh = githubModeSettings(e2eEnv);

export async function withGitHubDb<T>(fn: (db: PrismaClient) => Promise<T>): Promise<T> {
  const db = createDb(gh.databaseUrl);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function signIn(page: Page, login: string): Promise<void> {
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with GitHub" }).click();
  await page.getByRole("button", { name: `Sign in as ${login}` }).click();
  await expect(page.getByTestId("signed-in-login")).toContainText(login);
}

const repoCount = () => withGitHubDb((db) => db.repository.count({ where: { org: { login: { in: ["acme", "globex"] } } } }));

/**
 * GitHub tells the app about its installations (signed installation webhooks): acme and globex appear
 * and are synced. Skipped when an earlier spec of the run already did it.
 */
export async function syncInstallations(): Promise<void> {
  if ((await repoCount()) >= 3) return;
  const res = await fetch(`${gh.controlUrl}/installations`);
  const deliveries = (await res.json()) as { event: string; payload: unknown }[];
  for (const d of deliveries) {
    const sent = await sendWebhook({ url: `${gh.appUrl}/api/github/webhooks`, secret: gh.webhookSecret, event: d.event, payload: d.payload });
    expect(sent.status, sent.body).toBeLessThan(300);
  }
  await waitFor("acme and globex with their repositories", async () => {
    const n = await repoCount();
    return n >= 3 ? n : null;
  });
}
