// The digest email as a mail client gets it: rendered from seeded history, checked for client-safe
// HTML (tables, inline styles, no external resources), and rendered to a PNG with Chromium for a visual
// check (test-results/screenshots/email-digest.png). Also the unsubscribe token's tamper resistance.
import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOrgDigest } from "../db/digest.ts";
import { parseE2eEnv, parseEnv } from "../env.ts";
import { createTestDatabase, REPO_ROOT, type TestDatabase } from "../queue/testing/test-database.ts";
import { composeDigestMessage } from "./compose-digest.ts";
import { digestFixture, seedDigestFixture } from "./testing/digest-fixture.ts";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token.ts";
import { isoWeek, weekStart } from "./week.ts";

const secret = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex");

describe("unsubscribe tokens", () => {
  it("verify only unaltered tokens signed with the same secret", () => {
    const s = secret();
    const claims = { userId: "u1", orgId: "o1", week: "2026-W48" };
    const token = signUnsubscribeToken(s, claims);
    expect(verifyUnsubscribeToken(s, token)).toEqual(claims);
    expect(verifyUnsubscribeToken(secret(), token)).toBeNull();
    const [v, body, mac] = token.split(".") as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ u: "someone-else", o: "o1", w: "2026-W48" })).toString("base64url");
    expect(verifyUnsubscribeToken(s, `${v}.${forged}.${mac}`)).toBeNull();
    expect(verifyUnsubscribeToken(s, `${v}.${body}.${mac.slice(0, -2)}`)).toBeNull();
    expect(verifyUnsubscribeToken(s, `u0.${body}.${mac}`)).toBeNull();
    expect(verifyUnsubscribeToken(s, "")).toBeNull();
  });

  it("is keyed apart from the session secret itself (HKDF label), not a plain HMAC with it", async () => {
    const s = secret();
    const token = signUnsubscribeToken(s, { userId: "u", orgId: "o", week: "2026-W01" });
    const { createHmac } = await import("node:crypto");
    const [v, body, mac] = token.split(".") as [string, string, string];
    expect(createHmac("sha256", s).update(`${v}.${body}`).digest("base64url")).not.toBe(mac);
  });
});

describe("ISO weeks", () => {
  it("numbers weeks as ISO 8601 does, across year ends", () => {
    expect(isoWeek(new Date("2026-11-23T08:00:00Z"))).toBe("2026-W48");
    expect(isoWeek(new Date("2027-01-01T00:00:00Z"))).toBe("2026-W53");
    expect(isoWeek(new Date("2024-12-30T00:00:00Z"))).toBe("2025-W01");
    expect(weekStart("2026-W48").toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(isoWeek(weekStart("2026-W53"))).toBe("2026-W53");
  });
});

describe("digest email rendering", () => {
  let tdb: TestDatabase;
  const fx = digestFixture("rd");
  beforeAll(async () => {
    tdb = await createTestDatabase("tf_render");
    await seedDigestFixture(tdb.db, fx);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("is client-safe HTML and renders to a PNG in Chromium", async () => {
    const env = parseEnv({ DATABASE_URL: tdb.url, APP_URL: "https://tf.example.test", SESSION_SECRET: secret() });
    const t0 = performance.now();
    const digest = (await getOrgDigest(tdb.db, fx.orgId, { asOf: fx.asOf }))!;
    const t1 = performance.now();
    const msg = await composeDigestMessage({ env, digest, recipient: { userId: "rd-u-admin", email: "ada@example.test", name: "Ada", login: "ada" }, week: digest.week });
    const t2 = performance.now();
    console.info(`[measure] digest query ${(t1 - t0).toFixed(0)} ms, render ${(t2 - t1).toFixed(0)} ms; HTML ${msg.html.length} chars, text ${msg.text.length} chars`);
    // Layout tables and inline styles; no <style> blocks to strip, no external resources.
    expect(msg.html).toMatch(/^<!DOCTYPE html/);
    expect(msg.html).toContain('role="presentation"');
    expect(msg.html).not.toMatch(/<img|<link|<script|@import|@font-face|url\(/i);
    const hrefs = [...msg.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(5);
    expect(hrefs.every((h) => h.startsWith("https://tf.example.test/"))).toBe(true);
    expect(msg.text).not.toMatch(/<[a-z]/i);

    const out = path.join(REPO_ROOT, "test-results/screenshots");
    mkdirSync(out, { recursive: true });
    const browser = await chromium.launch({ executablePath: parseE2eEnv({ DATABASE_URL: tdb.url, CHROMIUM_PATH: process.env.CHROMIUM_PATH }).CHROMIUM_PATH, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
    try {
      const context = await browser.newContext({ viewport: { width: 680, height: 900 } });
      const page = await context.newPage();
      await page.setContent(msg.html, { waitUntil: "load" });
      const file = path.join(out, "email-digest.png");
      await page.screenshot({ path: file, fullPage: true });
      // The trend bars are real boxes of different heights (score 0..100 → 0..60 px).
      const heights = await page.$$eval('table[data-chart="score-trend"] td[title]', (cells) => cells.map((c) => (c as HTMLElement).offsetHeight));
      expect(heights).toHaveLength(digest.trend.length);
      expect(Math.max(...heights)).toBeGreaterThan(Math.min(...heights));
      expect(await page.textContent("h1")).toBe(fx.orgName);
      // Accessible as a document of its own (title, contrast, links distinguishable in text).
      const axe = await new AxeBuilder({ page: page as never }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
      expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
