// The scheduler registers the weekly digest with REPORT_CRON / REPORT_TZ (one schedule however many
// schedulers run) and refuses a malformed expression, naming the variable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../env.ts";
import { createLogger } from "../log.ts";
import { createTestDatabase, type TestDatabase } from "../queue/testing/test-database.ts";
import { startScheduler } from "../queue/scheduler.ts";

describe("weekly digest schedule", () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase("tf_report_cron");
  });
  afterAll(async () => {
    await tdb?.drop();
  });
  const env = (extra: Record<string, string>) => parseEnv({ DATABASE_URL: tdb.url, LOCAL_SOURCES: "", ...extra });

  it("schedules weekly-digests at REPORT_CRON in REPORT_TZ, once for two schedulers", async () => {
    const e = env({ REPORT_CRON: "30 7 * * 1", REPORT_TZ: "Europe/Berlin" });
    const a = await startScheduler({ env: e, log: createLogger("silent") });
    const b = await startScheduler({ env: e, log: createLogger("silent") });
    try {
      const schedules = (await a.boss.getSchedules()).filter((s) => s.name === "weekly-digests");
      expect(schedules.map((s) => [s.cron, s.timezone])).toEqual([["30 7 * * 1", "Europe/Berlin"]]);
      // Monday 07:30 in Berlin is 06:30 UTC in winter.
      const next = a.boss.previewSchedule(e.REPORT_CRON, { tz: e.REPORT_TZ, count: 1 })[0]!;
      expect(new Date(next).getUTCDay()).toBe(1);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it("refuses a malformed REPORT_CRON, naming it", async () => {
    await expect(startScheduler({ env: env({ REPORT_CRON: "every monday" }), log: createLogger("silent") })).rejects.toThrow(/REPORT_CRON/);
  });
});
