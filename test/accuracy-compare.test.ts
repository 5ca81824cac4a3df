import { describe, expect, it } from "vitest";
import { parseReport } from "../bench/accuracy-compare.ts";

// A report as bench/accuracy.ts prints it: a held-out repository table, a studied one, the summary lines (whose
// disagreement lists repeat factor names and must not be read as rows).
const REPORT = [
  "-- gone: no checkout at /work/acc/x/gone, skipped",
  "",
  "== [held-out session23a] gotosocial (service; scanner kind service) https://github.com/x/gotosocial @ 57cb4fe74829",
  "   factor human    scanner    rules (not passing:status, then rules with findings)",
  "   I      pass     pass       F01-MANY-DEPLOYS-ONE-CODEBASE:fail",
  "*  III    pass     partial    F03-HARDCODED-SECRET:fail",
  "X  VI     fail     pass       F06-PROCESS-LOCAL-STATE:fail",
  "   XII    na       na         ",
  "== koel (service; scanner kind monorepo) https://github.com/koel/koel @ 41cab99feeaf",
  "   factor human    scanner    rules (not passing:status, then rules with findings)",
  "*  X      partial  pass       F10-CONTINUOUS-DEPLOYMENT:fail",
  "Agreement: 0/1 factor verdicts = 0.0% (target >= 90%)",
  "   pass     0        0        0        0",
  "  koel X: human partial, scanner pass",
].join("\n");

describe("bench/accuracy-compare parseReport", () => {
  it("reads every factor row with its set (held-out label, else the file's set) and stops at the summary", () => {
    expect(parseReport(REPORT, "session10a")).toEqual([
      { set: "session23a", repo: "gotosocial", factor: "I", human: "pass", scanner: "pass" },
      { set: "session23a", repo: "gotosocial", factor: "III", human: "pass", scanner: "partial" },
      { set: "session23a", repo: "gotosocial", factor: "VI", human: "fail", scanner: "pass" },
      { set: "session23a", repo: "gotosocial", factor: "XII", human: "na", scanner: "na" },
      { set: "session10a", repo: "koel", factor: "X", human: "partial", scanner: "pass" },
    ]);
  });
});
