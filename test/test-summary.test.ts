// The last line of `npm test`, computed from the vitest and Playwright JSON reports.
import { describe, expect, it } from "vitest";
import { addCounts, formatSummary, playwrightCounts, vitestCounts } from "./support/test-summary.ts";

const vitest = (over: object = {}) => ({
  success: true,
  numPassedTests: 10,
  numFailedTests: 0,
  numPendingTests: 1,
  numTodoTests: 1,
  testResults: [{ status: "passed", assertionResults: [{ status: "passed" }] }],
  ...over,
});

describe("test summary", () => {
  it("counts vitest passes, failures and skips (pending + todo)", () => {
    expect(vitestCounts(vitest())).toEqual({ passed: 10, failed: 0, skipped: 2 });
    expect(vitestCounts(vitest({ success: false, numFailedTests: 2 }))).toMatchObject({ failed: 2 });
  });

  it("counts a test file that failed to load, and an unhandled error, as failures", () => {
    const broken = vitest({ success: false, testResults: [{ status: "failed", assertionResults: [] }] });
    expect(vitestCounts(broken).failed).toBe(1);
    expect(vitestCounts(vitest({ success: false, testResults: [] })).failed).toBe(1);
  });

  it("counts Playwright flaky tests as passed and errors outside tests as failures", () => {
    const report = { stats: { expected: 3, unexpected: 1, flaky: 1, skipped: 2 }, errors: [{ message: "webServer" }] };
    expect(playwrightCounts(report)).toEqual({ passed: 4, failed: 2, skipped: 2 });
  });

  it("prints `N passed, N failed` with skipped only when there are some", () => {
    expect(formatSummary({ passed: 12, failed: 0, skipped: 0 })).toBe("12 passed, 0 failed");
    expect(formatSummary(addCounts({ passed: 1, failed: 1, skipped: 0 }, { passed: 2, failed: 0, skipped: 3 }))).toBe(
      "3 passed, 1 failed, 3 skipped",
    );
  });
});
