// The one-line result of `npm test` ("N passed, N failed[, N skipped]"), computed from the runners' JSON
// reports: vitest's (jest-compatible) test-results/vitest.json and Playwright's test-results/playwright.json.
import { z } from "zod";

export type Counts = { passed: number; failed: number; skipped: number };

export const NO_TESTS: Counts = { passed: 0, failed: 0, skipped: 0 };

const vitestReportSchema = z.object({
  success: z.boolean(),
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number().default(0),
  testResults: z
    .array(
      z.object({
        status: z.string(),
        assertionResults: z.array(z.object({ status: z.string() })).default([]),
      }),
    )
    .default([]),
});

/** A test file that failed without a failing test (it did not load, a hook threw) counts as one failure. */
export function vitestCounts(report: unknown): Counts {
  const r = vitestReportSchema.parse(report);
  const brokenFiles = r.testResults.filter(
    (f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"),
  ).length;
  let failed = r.numFailedTests + brokenFiles;
  // Unhandled errors fail the run without failing a test.
  if (!r.success && failed === 0) failed = 1;
  return { passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests };
}

const playwrightReportSchema = z.object({
  stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number(), skipped: z.number() }),
  errors: z.array(z.unknown()).default([]),
});

/** Flaky tests passed on a retry; errors outside tests (global setup, web server) are failures. */
export function playwrightCounts(report: unknown): Counts {
  const { stats, errors } = playwrightReportSchema.parse(report);
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected + errors.length, skipped: stats.skipped };
}

export function addCounts(...all: Counts[]): Counts {
  return all.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }), NO_TESTS);
}

export function formatSummary({ passed, failed, skipped }: Counts): string {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
}
