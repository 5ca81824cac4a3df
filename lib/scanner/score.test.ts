import { describe, expect, it } from "vitest";
import { ADVISORY_RULES, scoreRepository } from "./score.ts";
import { RULES } from "./rules/registry.ts";
import { emptyConfig } from "./config.ts";
import type { FactorCode, Finding, RuleResult, Unit } from "./types.ts";

const unit: Unit = {
  path: ".", kind: "service", kindConfidence: "high", ambiguous: false, declared: true, manifests: ["package.json"],
  languages: ["typescript"], frameworks: [], signals: [], files: [], loc: 100,
};

const result = (rule: string, factor: FactorCode, over: Partial<RuleResult>): RuleResult => ({
  rule, version: 1, factor, kind: "evidence", unit: ".", status: "fail", score: 0, rawScore: 0, weight: 7.5, confidence: "low",
  findings: [], evidence: [], durationMs: 0, ...over,
});
const factor = (results: RuleResult[], code: FactorCode) =>
  scoreRepository({ units: [unit], results, config: emptyConfig(), repoKind: "service" }).factors.find((f) => f.code === code)!;

describe("factor status: absence of evidence is a weak negative (RULES.md §0.1)", () => {
  it("only absence-scored evidence rules not passing → at most partial (score unchanged)", () => {
    const fr = factor([
      result("F05-BUILD-PIPELINE-DEFINED", "F05", { absence: true, reason: "no evidence found" }),
      result("F05-PROMOTE-SAME-ARTIFACT", "F05", { absence: true, reason: "no evidence found" }),
    ], "F05");
    expect(fr.score).toBe(0);
    expect(fr.status).toBe("partial");
  });
  it("an evidence rule that observed the problem (not absence) still fails the factor", () => {
    const fr = factor([
      result("F05-BUILD-PIPELINE-DEFINED", "F05", { absence: true }),
      result("F05-PROMOTE-SAME-ARTIFACT", "F05", { confidence: "high", reason: "artifact rebuilt per environment" }),
    ], "F05");
    expect(fr.status).toBe("fail");
  });
  it("a failing violation rule still fails the factor", () => {
    const finding = { rule: "F05-RUNTIME-BUILD-STEP", severity: "medium", confidence: "high", waived: false, fingerprint: "x", path: "package.json", message: "m", snippet: "s" } as unknown as Finding;
    const fr = factor([
      result("F05-BUILD-PIPELINE-DEFINED", "F05", { absence: true }),
      result("F05-RUNTIME-BUILD-STEP", "F05", { kind: "violation", confidence: "high", weight: 10, findings: [finding] }),
    ], "F05");
    expect(fr.status).toBe("fail");
  });
  it("medium-confidence evidence rules that found nothing (no finding, not flagged absence) cap at partial", () => {
    // scoring v12: judged on V (material rules, a factor static evidence can fail) — the XII rules this test used are
    // advisory now (alone they pass at 80), and XII is held at partial anyway, so they no longer exercised this rule
    const fr = factor([
      result("F05-PROMOTE-SAME-ARTIFACT", "F05", { confidence: "medium", weight: 7.5, reason: "no promotion of one artifact found" }),
      result("F05-BUILD-PIPELINE-DEFINED", "F05", { absence: true, weight: 5 }),
    ], "F05");
    expect(fr.score).toBe(0);
    expect(fr.status).toBe("partial");
  });
});

describe("factor status: which factors static evidence can fail (scoring v11)", () => {
  const observed = (rule: string, factor: FactorCode, over: Partial<RuleResult> = {}) => {
    const finding = { rule, severity: "high", confidence: "high", waived: false, fingerprint: rule, path: "Dockerfile", line: 1, message: "m", snippet: "s" } as unknown as Finding;
    return result(rule, factor, { kind: "violation", confidence: "high", weight: 10, findings: [finding], ...over });
  };
  it("II, III, VIII, IX, X and XII with observed faults scoring under 50 are partial, the score unchanged", () => {
    // scoring v12: each factor keeps a material rule not passing, so the advisory floor (ADVISORY_RULES) does not apply and
    // the hold at "partial" is what is tested: II F02-OS-PACKAGE-UNPINNED, IX F09-SIGNAL-SAFE-ENTRYPOINT, XII
    // F12-ONE-OFF-SAME-RELEASE next to the advisory rule the test used before; every registered X rule is advisory, so X
    // takes a stand-in id outside ADVISORY_RULES (what a future material X rule would be). III (scoring v12) is held at
    // partial too unless a decisive finding (next test).
    const material = { F02: "F02-OS-PACKAGE-UNPINNED", F03: null, F08: null, F09: "F09-SIGNAL-SAFE-ENTRYPOINT", F10: "F10-MATERIAL-STAND-IN", F12: "F12-ONE-OFF-SAME-RELEASE" } as const;
    for (const [rule, code] of [["F02-NON-FROZEN-INSTALL", "F02"], ["F03-HARDCODED-SECRET", "F03"], ["F08-DAEMONIZE-OR-PIDFILE", "F08"], ["F09-FORCED-EXIT", "F09"], ["F10-DEV-SERVER-IN-PROD", "F10"], ["F12-SCHEMA-MUTATION-ON-BOOT", "F12"]] as const) {
      const extra = material[code];
      expect(extra === null || !ADVISORY_RULES.has(extra), String(extra)).toBe(true);
      const fr = factor([observed(rule, code), ...(extra ? [observed(extra, code)] : [])], code);
      expect(fr.score, rule).toBeLessThan(50);
      expect(fr.status, rule).toBe("partial");
    }
  });
  it("the same observed fault still fails IV, V, VI, VII and XI; III only on a literal signing key in the code (scoring v12)", () => {
    // scoring v17: F04-HARDCODED-RESOURCE-LOCATOR (below high), F07-HARDCODED-LISTEN-PORT (below medium) and F07-LOOPBACK-BIND
    // are advisory (alone they pass at 80): IV and VII are judged on a material rule instead
    for (const [rule, code] of [["F04-EMBEDDED-BACKING-SERVICE", "F04"], ["F05-RUNTIME-BUILD-STEP", "F05"], ["F06-LOCAL-FS-PERSISTENCE", "F06"], ["F07-APP-SERVER-INJECTION", "F07"], ["F11-FILE-LOG-SINK", "F11"]] as const) {
      const fr = factor([observed(rule, code)], code);
      expect(fr.score, rule).toBeLessThan(50);
      expect(fr.status, rule).toBe("fail");
    }
    // III: a framework signing key written as a literal in the source code (high severity, high confidence) is decisive
    const key = { rule: "F03-FRAMEWORK-SECRET-LITERAL", severity: "high", confidence: "high", waived: false, fingerprint: "key", path: "src/auth.ts", line: 3, message: "m", snippet: "s", data: { literalInCode: true } } as unknown as Finding;
    const iii = factor([observed("F03-FRAMEWORK-SECRET-LITERAL", "F03", { findings: [key] }), observed("F03-HARDCODED-SECRET", "F03")], "F03");
    expect(iii.score).toBeLessThan(50);
    expect(iii.status).toBe("fail");
  });
  it("source code with no dependency manifest at all still fails II (a decisive finding)", () => {
    const fr = factor([observed("F02-MANIFEST-MISSING", "F02")], "F02");
    expect(fr.status).toBe("fail");
    expect(factor([observed("F02-MANIFEST-MISSING", "F02", { findings: [] , confidence: "high" }), observed("F02-LOCKFILE-MISSING", "F02")], "F02").status).toBe("partial");
  });
});

describe("cross-factor and kind rules (scoring v3)", () => {
  const datastore = { rule: "F04-EMBEDDED-BACKING-SERVICE", severity: "medium", confidence: "high", waived: false, fingerprint: "db", path: "config/database.yml", line: 3, message: "m", snippet: "s", data: { productionDatastore: true } } as unknown as Finding;
  it("an embedded production datastore caps VI at 45 even when no VI rule applies", () => {
    const fr = factor([
      result("F04-EMBEDDED-BACKING-SERVICE", "F04", { kind: "violation", confidence: "medium", findings: [datastore] }),
      result("F06-LOCAL-FS-PERSISTENCE", "F06", { kind: "violation", status: "na", score: null }),
    ], "F06");
    expect(fr.status).toBe("fail");
    expect(fr.score).toBe(45);
    expect(fr.findings.map((f) => f.rule)).toContain("F04-EMBEDDED-BACKING-SERVICE");
  });
  it("an embedded production datastore caps VIII at 75 (one instance, cannot scale out) — scoring v5", () => {
    const procs = result("F08-PROCESS-TYPES-DECLARED", "F08", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 7.5 });
    const fr = factor([result("F04-EMBEDDED-BACKING-SERVICE", "F04", { kind: "violation", confidence: "medium", findings: [datastore] }), procs], "F08");
    expect(fr.score).toBe(75);
    expect(fr.status).toBe("partial");
    expect(fr.findings.map((f) => f.rule)).toContain("F04-EMBEDDED-BACKING-SERVICE");
    // the same process model without the embedded datastore passes
    expect(factor([procs], "F08").status).toBe("pass");
    // a medium-confidence (maybe dev-only) embedded store does not cap VIII
    const devOnly = { ...datastore, confidence: "medium", data: { engine: "SQLite" } } as unknown as Finding;
    expect(factor([result("F04-EMBEDDED-BACKING-SERVICE", "F04", { kind: "violation", confidence: "medium", findings: [devOnly] }), procs], "F08").status).toBe("pass");
  });
  it("no pipeline building a deployable artifact (F05-BUILD-PIPELINE-DEFINED ≤ 0.5) caps V at 75 — scoring v5", () => {
    const others = [
      result("F05-MULTI-STAGE-BUILD", "F05", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 7.5 }),
      result("F05-RUNTIME-BUILD-STEP", "F05", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 10 }),
    ];
    const testsOnly = factor([...others, result("F05-BUILD-PIPELINE-DEFINED", "F05", { status: "partial", score: 0.5, confidence: "high", weight: 5, reason: "CI runs tests but builds no deployable artifact" })], "F05");
    expect(testsOnly.score).toBe(75);
    expect(testsOnly.status).toBe("partial");
    const builds = factor([...others, result("F05-BUILD-PIPELINE-DEFINED", "F05", { status: "partial", score: 0.75, confidence: "high", weight: 5 })], "F05");
    expect(builds.status).toBe("pass");
    // no CI at all is absence (the build may run elsewhere): no cap
    const noCi = factor([...others, result("F05-BUILD-PIPELINE-DEFINED", "F05", { status: "fail", score: 0, confidence: "low", weight: 5, absence: true, reason: "no CI pipeline found" })], "F05");
    expect(noCi.status).toBe("pass");
  });
  it("CI builds without publishing and a deploy manifest runs a mutable image tag caps V at 75 — scoring v9", () => {
    const others = [
      result("F05-MULTI-STAGE-BUILD", "F05", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 7.5 }),
      result("F05-RUNTIME-BUILD-STEP", "F05", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 10 }),
    ];
    const tag = (path: string) => ({ rule: "F05-MUTABLE-RELEASE-TAG", severity: "medium", confidence: "high", waived: false, fingerprint: path, path, line: 1, message: "m", snippet: "s" }) as unknown as Finding;
    const mutable = (path: string) => result("F05-MUTABLE-RELEASE-TAG", "F05", { kind: "violation", status: "fail", score: 0.75, confidence: "high", weight: 5, findings: [tag(path)] });
    const buildOnly = result("F05-BUILD-PIPELINE-DEFINED", "F05", { status: "partial", score: 0.75, confidence: "high", weight: 5 });
    const publishes = result("F05-BUILD-PIPELINE-DEFINED", "F05", { status: "pass", score: 1, confidence: "high", weight: 5 });
    const capped = factor([...others, buildOnly, mutable("k8s/app.yml")], "F05");
    expect(capped.score).toBeLessThanOrEqual(75);
    expect(capped.status).toBe("partial");
    // CI publishes a versioned artifact: a mutable tag in the compose file alone does not cap
    expect(factor([...others, publishes, mutable("docker-compose.yml")], "F05").status).toBe("pass");
    // a high-severity mutable tag (production compose file) with a publishing pipeline does not cap on its own (writefreely)
    const prodTag = { ...tag("docker-compose.prod.yml"), severity: "high" } as unknown as Finding;
    expect(factor([...others, publishes, result("F05-MUTABLE-RELEASE-TAG", "F05", { kind: "violation", status: "fail", score: 0.75, confidence: "high", weight: 5, findings: [prodTag] })], "F05").status).toBe("pass");
    expect(factor([...others, buildOnly, result("F05-MUTABLE-RELEASE-TAG", "F05", { kind: "violation", status: "fail", score: 0.75, confidence: "high", weight: 5, findings: [prodTag] })], "F05").status).toBe("partial");
    // a CI workflow pushing only mutable tags is the pipeline's own finding, not a deploy manifest
    expect(factor([...others, buildOnly, mutable(".github/workflows/docker.yml")], "F05").status).toBe("pass");
  });
  it("an unconditional dependency install at start (installsAtStart, high/high) caps V at 45; guarded (medium) does not — scoring v9", () => {
    const others = [
      result("F05-MULTI-STAGE-BUILD", "F05", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 7.5 }),
      result("F05-BUILD-PIPELINE-DEFINED", "F05", { status: "pass", score: 1, confidence: "high", weight: 5 }),
    ];
    const install = (confidence: string) => result("F05-RUNTIME-BUILD-STEP", "F05", { kind: "violation", status: "fail", score: 0.5, confidence: "high", weight: 10, findings: [{ rule: "F05-RUNTIME-BUILD-STEP", severity: "high", confidence, waived: false, fingerprint: "i", path: "entrypoint.sh", line: 3, message: "m", snippet: "s", data: { step: "dependency install", installsAtStart: true } } as unknown as Finding] });
    expect(factor([...others, install("high")], "F05").status).toBe("fail");
    expect(factor([...others, install("medium")], "F05").status).toBe("partial");
  });
  it("a compile at start with no build stage anywhere (no CI, no Dockerfile) caps V at 45 — scoring v9", () => {
    const compile = result("F05-RUNTIME-BUILD-STEP", "F05", { kind: "violation", status: "fail", score: 0.5, confidence: "high", weight: 10, findings: [{ rule: "F05-RUNTIME-BUILD-STEP", severity: "high", confidence: "medium", waived: false, fingerprint: "c", path: "package.json", line: 9, message: "m", snippet: "s", data: { step: "compile" } } as unknown as Finding] });
    const noCi = result("F05-BUILD-PIPELINE-DEFINED", "F05", { status: "fail", score: 0, confidence: "low", weight: 5, absence: true });
    const promote = result("F05-PROMOTE-SAME-ARTIFACT", "F05", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 7.5 });
    expect(factor([promote, noCi, compile], "F05").status).toBe("fail");
    // a Dockerfile builds the image: the cap does not apply
    const docker = result("F05-MULTI-STAGE-BUILD", "F05", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 7.5 });
    expect(factor([promote, noCi, docker, compile], "F05").status).toBe("partial");
  });
  it("file/memory sessions (F06-IN-MEMORY-SESSION-STORE medium) and unpinned runtime installs (F02-ADHOC-PACKAGE-INSTALL medium) cap at 75 — scoring v5", () => {
    const finding = (rule: string, severity: string) => ({ rule, severity, confidence: "high", waived: false, fingerprint: rule, path: "x", line: 1, message: "m", snippet: "s" }) as unknown as Finding;
    const ok = (code: FactorCode, rule: string) => result(rule, code, { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 10 });
    const sessions = factor([ok("F06", "F06-EXTERNAL-STATE-STORES"), result("F06-IN-MEMORY-SESSION-STORE", "F06", { kind: "violation", status: "fail", score: 0.75, confidence: "high", weight: 5, findings: [finding("F06-IN-MEMORY-SESSION-STORE", "medium")] })], "F06");
    expect(sessions.score).toBe(75);
    expect(sessions.status).toBe("partial");
    // scoring v12: F02-ADHOC-PACKAGE-INSTALL is advisory — alone it passes at 80 with no cap — so II keeps a material
    // deficit (an unpinned OS package in the final stage, F02-OS-PACKAGE-UNPINNED low) to show the cap
    const osPkg = result("F02-OS-PACKAGE-UNPINNED", "F02", { kind: "violation", status: "fail", score: 0.875, confidence: "high", weight: 2.5, findings: [finding("F02-OS-PACKAGE-UNPINNED", "low")] });
    const adhoc = (sev: string, material = true) => factor([ok("F02", "F02-LOCKFILE-MISSING"), ...(material ? [osPkg] : []), result("F02-ADHOC-PACKAGE-INSTALL", "F02", { kind: "violation", status: "fail", score: 0.75, confidence: "high", weight: 5, findings: [finding("F02-ADHOC-PACKAGE-INSTALL", sev)] })], "F02");
    expect(adhoc("medium")).toMatchObject({ status: "partial", score: 75, cap: 75 });
    expect(adhoc("low").status).toBe("pass"); // build-stage / CI installs do not reach the runtime
    expect(adhoc("low").cap).toBeNull();
    expect(adhoc("medium", false)).toMatchObject({ status: "pass", score: 80, cap: null }); // scoring v12: advisory only
  });
  it("a non-frozen JS install whose node_modules the runtime image loads (F02-NON-FROZEN-INSTALL runtimeModules) caps II at 75 — scoring v10", () => {
    const finding = (data: Record<string, unknown>) => ({ rule: "F02-NON-FROZEN-INSTALL", severity: "medium", confidence: "high", waived: false, fingerprint: "n", path: "Dockerfile", line: 4, message: "m", snippet: "s", data }) as unknown as Finding;
    const ok = (rule: string) => result(rule, "F02", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 10 });
    // scoring v12: F02-NON-FROZEN-INSTALL is advisory (alone: pass at 80, no cap), so II keeps a material deficit —
    // an unpinned OS package in the final stage (F02-OS-PACKAGE-UNPINNED low) — for the cap to show
    const osPkg = result("F02-OS-PACKAGE-UNPINNED", "F02", { kind: "violation", status: "fail", score: 0.875, confidence: "high", weight: 2.5,
      findings: [{ rule: "F02-OS-PACKAGE-UNPINNED", severity: "low", confidence: "high", waived: false, fingerprint: "os", path: "Dockerfile", line: 2, message: "m", snippet: "s" } as unknown as Finding] });
    const ii = (data: Record<string, unknown>) => factor([ok("F02-LOCKFILE-MISSING"), ok("F02-MANIFEST-MISSING"), osPkg, result("F02-NON-FROZEN-INSTALL", "F02", { kind: "violation", status: "fail", score: 0.75, confidence: "high", weight: 5, findings: [finding(data)] })], "F02");
    expect(ii({ tool: "pnpm", runtimeModules: true }).status).toBe("partial");
    expect(ii({ tool: "pnpm", runtimeModules: true }).score).toBe(75);
    // an asset-only install (PHP/Python runtime image), or bundler/dotnet: not capped
    expect(ii({ tool: "npm" }).status).toBe("pass");
    expect(ii({ tool: "npm" }).cap).toBeNull();
  });
  it("an app persistent volume (VI) and an in-process scheduler (VIII) with medium findings cap at 75 — scoring v5", () => {
    const finding = (rule: string) => ({ rule, severity: "medium", confidence: "medium", waived: false, fingerprint: rule, path: "x", line: 1, message: "m", snippet: "s" }) as unknown as Finding;
    const vi = factor([result("F06-EXTERNAL-STATE-STORES", "F06", { status: "pass", score: 1, confidence: "high", weight: 10 }), result("F06-APP-PERSISTENT-VOLUME", "F06", { kind: "violation", status: "fail", score: 0.9, confidence: "high", weight: 5, findings: [finding("F06-APP-PERSISTENT-VOLUME")] })], "F06");
    expect(vi.status).toBe("partial");
    const viii = factor([result("F08-PROCESS-TYPES-DECLARED", "F08", { status: "pass", score: 1, confidence: "high", weight: 10 }), result("F08-IN-PROCESS-SCHEDULER", "F08", { kind: "violation", status: "fail", score: 0.9, confidence: "medium", weight: 5, findings: [finding("F08-IN-PROCESS-SCHEDULER")] })], "F08");
    expect(viii.score).toBe(75);
    expect(viii.status).toBe("partial");
    // F08-IN-PROCESS-SCHEDULER v5: a coordinated/guarded schedule (low: lock, env switch, Solid Queue behind SOLID_QUEUE_IN_PUMA) does not cap
    const low = { ...finding("F08-IN-PROCESS-SCHEDULER"), severity: "low" } as Finding;
    const viiiLow = factor([result("F08-PROCESS-TYPES-DECLARED", "F08", { status: "pass", score: 1, confidence: "high", weight: 10 }), result("F08-IN-PROCESS-SCHEDULER", "F08", { kind: "violation", status: "fail", score: 0.95, confidence: "medium", weight: 5, findings: [low] })], "F08");
    expect(viiiLow.status).toBe("pass");
  });
  it("in-app log shipping (F11-IN-APP-LOG-SHIPPING medium) caps XI at 75, low does not — scoring v5", () => {
    const finding = (severity: string) => ({ rule: "F11-IN-APP-LOG-SHIPPING", severity, confidence: "high", waived: false, fingerprint: "ship" + severity, path: "config.py", line: 1, message: "m", snippet: "s" }) as unknown as Finding;
    const stdout = result("F11-STDOUT-LOG-SINK", "F11", { status: "pass", score: 1, confidence: "high", weight: 10 });
    const ship = (sev: string) => factor([stdout, result("F11-IN-APP-LOG-SHIPPING", "F11", { kind: "violation", status: "fail", score: 0.75, confidence: "high", weight: 5, findings: [finding(sev)] })], "F11");
    expect(ship("medium").status).toBe("partial");
    expect(ship("low").status).toBe("pass");
  });
  it("VI of a service with every rule na is a low-confidence pass that is not counted", () => {
    const r = scoreRepository({ units: [unit], results: [result("F06-LOCAL-FS-PERSISTENCE", "F06", { kind: "violation", status: "na", score: null })], config: emptyConfig(), repoKind: "service" });
    const fr = r.factors.find((f) => f.code === "F06")!;
    expect(fr.status).toBe("pass");
    expect(fr.confidence).toBe("low");
    expect(r.overall.score).toBeNull();
  });
  it("a CLI is judged on I–III only", () => {
    const cli: Unit = { ...unit, kind: "cli" };
    const r = scoreRepository({ units: [cli], results: [result("F09-SIGTERM-HANDLING", "F09", { confidence: "medium" })], config: emptyConfig(), repoKind: "cli" });
    expect(r.factors.find((f) => f.code === "F09")!.status).toBe("na");
  });
  it("XII without a database (both datastore rules na) and nothing wrong found passes, not na — scoring v16", () => {
    const fr = factor([
      result("F12-MIGRATIONS-VERSIONED", "F12", { status: "na", score: null }),
      result("F12-RELEASE-PHASE-TASK", "F12", { status: "na", score: null }),
      result("F12-ADMIN-CODE-SHIPPED", "F12", { status: "partial", score: 0.25, confidence: "medium", weight: 2.5 }),
    ], "F12");
    expect(fr.status).toBe("pass");
  });
  it("XII with a database, no versioned migrations and no admin commands is at most partial — scoring v13", () => {
    const unversioned = result("F12-MIGRATIONS-VERSIONED", "F12", { status: "fail", score: 0, confidence: "medium", weight: 7.5, reason: "uses gorm but no versioned migrations were found" });
    const boot = result("F12-SCHEMA-MUTATION-ON-BOOT", "F12", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 5 });
    const release = result("F12-RELEASE-PHASE-TASK", "F12", { status: "fail", score: 0, absence: true, weight: 5 });
    const noAdmin = result("F12-ADMIN-CODE-SHIPPED", "F12", { status: "na", score: null, weight: 2.5 });
    const fr = factor([unversioned, boot, release, noAdmin], "F12");
    expect(fr).toMatchObject({ status: "partial", cap: 75 });
    expect(fr.reason).toMatch(/no versioned migrations and no admin commands/);
    // the same absences with admin commands in the codebase: advisory only, the pass line holds (scoring v12)
    const admin = result("F12-ADMIN-CODE-SHIPPED", "F12", { status: "partial", score: 0.75, confidence: "medium", weight: 2.5 });
    expect(factor([unversioned, boot, release, admin], "F12")).toMatchObject({ status: "pass", score: 80 });
    // versioned migrations and no admin commands: pass
    const versioned = result("F12-MIGRATIONS-VERSIONED", "F12", { status: "pass", score: 1, confidence: "medium", weight: 7.5 });
    expect(factor([versioned, boot, release, noAdmin], "F12").status).toBe("pass");
  });
  it("XII is judged without a database when admin commands ship in the image and run as documented one-offs — scoring v9", () => {
    const na = [result("F12-MIGRATIONS-VERSIONED", "F12", { status: "na", score: null }), result("F12-RELEASE-PHASE-TASK", "F12", { status: "na", score: null })];
    const shipped = result("F12-ADMIN-CODE-SHIPPED", "F12", { status: "pass", score: 1, confidence: "high", weight: 2.5 });
    const runner = result("F12-ONE-OFF-RUNNER", "F12", { status: "pass", score: 1, confidence: "medium", weight: 2.5 });
    expect(factor([...na, shipped, runner], "F12").status).toBe("pass");
    // scoring v16: without a database the factor is judged whatever admin evidence there is (v9–v15 said na for these two)
    expect(factor([...na, result("F12-ADMIN-CODE-SHIPPED", "F12", { status: "partial", score: 0.75, confidence: "medium", weight: 2.5 }), runner], "F12").status).toBe("pass");
    expect(factor([...na, shipped], "F12").status).toBe("pass");
  });
  it("a framework secret literal fallback (medium) caps III at 75", () => {
    const fb = { rule: "F03-FRAMEWORK-SECRET-LITERAL", severity: "medium", confidence: "high", waived: false, fingerprint: "k", path: "config.py", line: 9, message: "m", snippet: "s" } as unknown as Finding;
    const fr = factor([
      result("F03-FRAMEWORK-SECRET-LITERAL", "F03", { kind: "violation", status: "fail", score: 0.75, confidence: "high", weight: 7.5, findings: [fb] }),
      result("F03-HARDCODED-SECRET", "F03", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 10 }),
    ], "F03");
    expect(fr.score).toBe(75);
    expect(fr.status).toBe("partial");
  });
  it("scoring v9: a framework signing key written as a literal in the code (literalInCode) caps III at 45", () => {
    const lit = (data: Record<string, unknown>, severity = "high") => ({ rule: "F03-FRAMEWORK-SECRET-LITERAL", severity, confidence: "high", waived: false, fingerprint: "k", path: "JWTConfiguration.java", line: 12, message: "m", snippet: "s", data }) as unknown as Finding;
    const iii = (f: Finding) => factor([
      result("F03-FRAMEWORK-SECRET-LITERAL", "F03", { kind: "violation", status: "fail", score: 0.6, confidence: "high", weight: 7.5, findings: [f] }),
      result("F03-HARDCODED-SECRET", "F03", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 10 }),
      result("F03-ENV-CONFIG-READ", "F03", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 10 }),
    ], "F03");
    expect(iii(lit({ literalInCode: true })).status).toBe("fail");
    expect(iii(lit({ literalInCode: true })).cap).toBe(45);
    // the same key in a config file the platform can override (Spring relaxed binding) stays at most partial
    expect(iii(lit({})).status).toBe("partial");
    expect(iii(lit({})).cap).toBe(70);
  });
  it("scoring v18: settings only in a PHP config file copied from a template on the instance (instanceFileOnly) cap III at 45", () => {
    const tpl = (data: Record<string, unknown>, severity = "high") => ({ rule: "F03-CONFIG-FILE-PRIMARY", severity, confidence: severity === "high" ? "high" : "medium", waived: false, fingerprint: "t", path: "user/config-sample.php", line: 1, message: "m", snippet: "s", data }) as unknown as Finding;
    const iii = (f: Finding) => factor([
      result("F03-CONFIG-FILE-PRIMARY", "F03", { kind: "violation", status: "fail", score: 0.6, confidence: "medium", weight: 7.5, findings: [f] }),
      result("F03-HARDCODED-SECRET", "F03", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 10 }),
      result("F03-ENV-CONFIG-READ", "F03", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 10 }),
    ], "F03");
    expect(iii(tpl({ instanceFileOnly: true })).status).toBe("fail");
    expect(iii(tpl({ instanceFileOnly: true })).cap).toBe(45);
    // a Docker variant of the file reads the environment: at most partial
    expect(iii(tpl({ envVariant: "config.docker.php" }, "medium")).status).toBe("partial");
  });
  it("a request handler writing to the local disk (even low severity) caps VI at 75", () => {
    const w = { rule: "F06-LOCAL-FS-PERSISTENCE", severity: "low", confidence: "medium", waived: false, fingerprint: "w", path: "pkg/api/store.go", line: 35, message: "m", snippet: "s" } as unknown as Finding;
    const fr = factor([
      result("F06-LOCAL-FS-PERSISTENCE", "F06", { kind: "violation", status: "fail", score: 0.9, confidence: "medium", weight: 5, findings: [w] }),
      result("F06-STICKY-SESSIONS", "F06", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 7.5 }),
    ], "F06");
    expect(fr.score).toBe(75);
    expect(fr.status).toBe("partial");
  });
});

describe("grade and status follow the displayed (rounded) score (scoring v5)", () => {
  const graded = (score: number, code: FactorCode = "F01") =>
    scoreRepository({ units: [unit], results: [result(`${code}-X`, code, { status: "partial", score, rawScore: score, confidence: "high" })], config: emptyConfig(), repoKind: "service" });
  it("a mean of 69.5 is shown as 70 and graded C, not D", () => {
    const out = graded(0.695);
    expect(out.overall.score).toBe(69.5);
    expect(Math.round(out.overall.score!)).toBe(70);
    expect(out.overall.grade).toBe("C");
  });
  it("69.4 is shown as 69 and stays D", () => {
    const out = graded(0.694);
    expect(out.overall.score).toBe(69.4);
    expect(out.overall.grade).toBe("D");
  });
  it("a factor scored 79.5 (shown as 80) passes; 49.4 (shown as 49) fails", () => {
    expect(graded(0.795, "F07").factors.find((f) => f.code === "F07")!.status).toBe("pass");
    expect(graded(0.494, "F07").factors.find((f) => f.code === "F07")!.status).toBe("fail");
  });
});

describe("monorepo aggregation (scoring v6)", () => {
  const web: Unit = { ...unit, path: "apps/server", loc: 30000 };
  const client: Unit = { ...unit, path: "apps/client", kind: "static", loc: 70000 };
  const judgedRule = (u: string, score: number) => result("F10-DEV-SERVER-IN-PROD", "F10", { unit: u, kind: "violation", status: score === 1 ? "pass" : "fail", score, rawScore: score, weight: 7.5, confidence: "high" });
  // a thin absence-only evidence rule (not CONTINUOUS-DEPLOYMENT, which only corroborates since scoring v9)
  const thinRule = (u: string) => result("F10-LOCAL-ENV-AS-CODE", "F10", { unit: u, status: "fail", score: 0, rawScore: 0, weight: 5, confidence: "medium", absence: true });
  it("a unit with insufficient evidence on a factor does not pull the repository factor score down", () => {
    const r = scoreRepository({ units: [web, client], results: [judgedRule("apps/server", 1), thinRule("apps/client")], config: emptyConfig(), repoKind: "monorepo" });
    expect(r.units.find((u) => u.path === "apps/client")!.factors.find((f) => f.code === "F10")!.insufficient).toBe(true);
    expect(r.factors.find((f) => f.code === "F10")!.status).toBe("pass");
  });
  it("V: a rule cap on one deployable (migrations at every container start) is not averaged away — scoring v9", () => {
    const workers: Unit = { ...unit, path: "apps/workers", loc: 30000 };
    const deploy: Unit = { ...unit, path: "docker", loc: 0 };
    const ok = (u: string) => [
      result("F05-BUILD-PIPELINE-DEFINED", "F05", { unit: u, status: "pass", score: 1, rawScore: 1, weight: 5, confidence: "high" }),
      result("F05-MULTI-STAGE-BUILD", "F05", { unit: u, status: "pass", score: 1, rawScore: 1, weight: 7.5, confidence: "high" }),
    ];
    const migrate = { rule: "F05-RUNTIME-BUILD-STEP", severity: "medium", confidence: "medium", waived: false, fingerprint: "m", path: "docker/root/etc/s6-overlay/s6-rc.d/init-db-migration/run", line: 1, message: "m", snippet: "s" } as unknown as Finding;
    const results = [...ok("apps/server"), ...ok("apps/workers"), ...ok("docker"), result("F05-RUNTIME-BUILD-STEP", "F05", { unit: "docker", kind: "violation", status: "fail", score: 0.75, rawScore: 0.75, weight: 10, confidence: "high", findings: [migrate] })];
    const r = scoreRepository({ units: [web, workers, deploy], results, config: emptyConfig(), repoKind: "monorepo" });
    expect(r.units.find((u) => u.path === "docker")!.factors.find((f) => f.code === "F05")!.status).toBe("partial");
    expect(r.factors.find((f) => f.code === "F05")!.status).toBe("partial");
    // other factors keep the weighted mean (a capped F10 unit among passing ones)
    const f10 = scoreRepository({ units: [web, workers, deploy], results: [judgedRule("apps/server", 1), judgedRule("apps/workers", 1), judgedRule("docker", 0.7)], config: emptyConfig(), repoKind: "monorepo" });
    expect(f10.factors.find((f) => f.code === "F10")!.status).toBe("pass");
  });
  it("II: when every judged deployable is capped, published libraries do not lift the product — scoring v10", () => {
    const ui: Unit = { ...unit, path: "packages/ui", loc: 30000 };
    const lib: Unit = { ...unit, path: "packages/components", kind: "library", loc: 90000, signals: [{ kind: "library", points: 3 } as unknown as Unit["signals"][number]] };
    const capped = { rule: "F02-NON-FROZEN-INSTALL", severity: "medium", confidence: "high", waived: false, fingerprint: "n", path: "Dockerfile", line: 4, message: "m", snippet: "s", data: { runtimeModules: true } } as unknown as Finding;
    // scoring v12: F02-NON-FROZEN-INSTALL is advisory — a unit whose only deficit it is passes at 80 with no cap (see
    // "scoring v12: advisory rules") — so each deployable also has a material deficit, an unpinned OS package in its
    // final stage (F02-OS-PACKAGE-UNPINNED low), and keeps its cap
    const osPkg = (u: string) => result("F02-OS-PACKAGE-UNPINNED", "F02", { unit: u, kind: "violation", status: "fail", score: 0.875, rawScore: 0.875, weight: 2.5, confidence: "high",
      findings: [{ rule: "F02-OS-PACKAGE-UNPINNED", severity: "low", confidence: "high", waived: false, fingerprint: `os-${u}`, path: `${u}/Dockerfile`, line: 2, message: "m", snippet: "s" } as unknown as Finding] });
    const ii = (u: string, findings: Finding[]) => [
      result("F02-LOCKFILE-MISSING", "F02", { unit: u, kind: "violation", status: "pass", score: 1, rawScore: 1, weight: 10, confidence: "high" }),
      result("F02-MANIFEST-MISSING", "F02", { unit: u, kind: "violation", status: "pass", score: 1, rawScore: 1, weight: 10, confidence: "high" }),
      result("F02-NON-FROZEN-INSTALL", "F02", { unit: u, kind: "violation", status: findings.length ? "fail" : "pass", score: findings.length ? 0.75 : 1, rawScore: findings.length ? 0.75 : 1, weight: 5, confidence: "high", findings }),
      ...(u === "packages/components" ? [] : [osPkg(u)]),
    ];
    const all = scoreRepository({ units: [web, ui, lib], results: [...ii("apps/server", [capped]), ...ii("packages/ui", [capped]), ...ii("packages/components", [])], config: emptyConfig(), repoKind: "monorepo" });
    expect(all.factors.find((f) => f.code === "F02")!.status).toBe("partial");
    // one deployable not capped: the weighted mean decides, as before
    const one = scoreRepository({ units: [web, ui, lib], results: [...ii("apps/server", [capped]), ...ii("packages/ui", []), ...ii("packages/components", [])], config: emptyConfig(), repoKind: "monorepo" });
    expect(one.factors.find((f) => f.code === "F02")!.status).toBe("pass");
  });
  it("when every unit is insufficient, their scores still make the repository factor", () => {
    const r = scoreRepository({ units: [web, client], results: [thinRule("apps/server"), thinRule("apps/client")], config: emptyConfig(), repoKind: "monorepo" });
    expect(r.factors.find((f) => f.code === "F10")!.score).not.toBeNull();
  });
  it("units that are only partial on missing evidence do not make a failing repository factor (scoring v8)", () => {
    // each unit: a medium-confidence evidence rule found nothing (score 0) — "partial" per unit (RULES.md §0.1),
    // and the repository verdict must not turn their averaged 0 into "fail" (session6y: Lavalink VII)
    // scoring v12: judged on V (a factor static evidence can fail) with a material absence rule — Lavalink's
    // F07-EMBEDDED-SERVER-DEPENDENCY is advisory now, and alone it passes at 80
    const absent = (u: string) => result("F05-BUILD-PIPELINE-DEFINED", "F05", { unit: u, status: "fail", score: 0, rawScore: 0, weight: 10, confidence: "high", absence: true, reason: "no CI pipeline found" });
    const r = scoreRepository({ units: [web, { ...web, path: "apps/api", loc: 20000 }], results: [absent("apps/server"), absent("apps/api")], config: emptyConfig(), repoKind: "monorepo" });
    expect(r.units.map((u) => u.factors.find((f) => f.code === "F05")!.status)).toEqual(["partial", "partial"]);
    expect(r.factors.find((f) => f.code === "F05")!.score).toBe(0);
    expect(r.factors.find((f) => f.code === "F05")!.status).toBe("partial");
  });
  it("a judged unit that fails still fails the repository factor (a factor static evidence can fail, scoring v11)", () => {
    const judgedLogs = result("F11-FILE-LOG-SINK", "F11", { unit: "apps/server", kind: "violation", status: "fail", score: 0, rawScore: 0, weight: 7.5, confidence: "high" });
    const thinLogs = result("F11-STRUCTURED-LOGS", "F11", { unit: "apps/client", status: "fail", score: 0, rawScore: 0, weight: 5, confidence: "medium", absence: true });
    const r = scoreRepository({ units: [web, client], results: [judgedLogs, thinLogs], config: emptyConfig(), repoKind: "monorepo" });
    expect(r.factors.find((f) => f.code === "F11")!.status).toBe("fail");
    // VIII is one of the factors held at partial: the same shape scores 0 there but is "partial" (scoring v12: VIII, not
    // X — every X rule is advisory, so X alone now passes at 80)
    const judgedProcs = result("F08-DAEMONIZE-OR-PIDFILE", "F08", { unit: "apps/server", kind: "violation", status: "fail", score: 0, rawScore: 0, weight: 7.5, confidence: "high" });
    const thinProcs = result("F08-PROCESS-TYPES-DECLARED", "F08", { unit: "apps/client", status: "fail", score: 0, rawScore: 0, weight: 5, confidence: "medium", absence: true });
    const viii = scoreRepository({ units: [web, client], results: [judgedProcs, thinProcs], config: emptyConfig(), repoKind: "monorepo" }).factors.find((f) => f.code === "F08")!;
    expect(viii.score).toBe(0);
    expect(viii.status).toBe("partial");
  });
});

describe("monorepo aggregation: deploy-only units (scoring v7)", () => {
  const server: Unit = { ...unit, path: "apps/server", loc: 40000 };
  const deployOnly: Unit = { ...unit, path: ".", loc: 0 };
  const volume = (u: string, score: number) => result("F06-APP-PERSISTENT-VOLUME", "F06", { unit: u, kind: "violation", status: score === 1 ? "pass" : "fail", score, rawScore: score, weight: 10, confidence: "high" });
  it("a zero-code service unit holding the deploy files weighs like the largest service", () => {
    const r = scoreRepository({ units: [server, deployOnly], results: [volume("apps/server", 1), volume(".", 0)], config: emptyConfig(), repoKind: "monorepo" });
    expect(r.factors.find((f) => f.code === "F06")!.score).toBeLessThanOrEqual(50);
  });
  it("a small service with code keeps its sqrt(LOC) weight", () => {
    const small: Unit = { ...unit, path: "apps/tool", loc: 100 };
    const r = scoreRepository({ units: [server, small], results: [volume("apps/server", 1), volume("apps/tool", 0)], config: emptyConfig(), repoKind: "monorepo" });
    expect(r.factors.find((f) => f.code === "F06")!.score).toBeGreaterThan(90);
  });
});

describe("materiality calibration (scoring v8)", () => {
  const f = (rule: string, severity: string, path = "Dockerfile") => ({ rule, severity, confidence: "high", waived: false, fingerprint: `${rule}:${severity}:${path}`, path, message: "m", snippet: "s" }) as unknown as Finding;
  const pass = (rule: string, weight = 5) => result(rule, "F02", { kind: "violation", status: "pass", score: 1, confidence: "high", weight });
  const cleanII = [pass("F02-LOCKFILE-MISSING", 7.5), pass("F02-MANIFEST-MISSING", 10), pass("F02-NON-FROZEN-INSTALL"), pass("F02-ADHOC-PACKAGE-INSTALL"), pass("F02-LOOSE-VERSION-SPEC"), pass("F02-BASE-IMAGE-UNPINNED")];
  // scoring v12: every II rule below is advisory; with only those not passing, II would pass at 80 with no cap whatever
  // their caps and weights, so each case keeps one material deficit — an unpinned OS package in the final stage
  // (F02-OS-PACKAGE-UNPINNED low, score 0.875) — and the caps and weights show again
  const osPkg = result("F02-OS-PACKAGE-UNPINNED", "F02", { kind: "violation", status: "fail", confidence: "high", weight: 2.5, score: 0.875, findings: [f("F02-OS-PACKAGE-UNPINNED", "low")] });
  it("high F02-DOWNLOAD-THEN-RUN / F02-UNDECLARED-IMPORT findings neither cap II at 70 nor weigh fully", () => {
    // without scoring v8: cap 70, and (35 + 2.2) / 52.5 = 71 even uncapped; with it: (35 + 2.2) / 45 = 82.6 (the clean
    // rules weigh 35: F02-BASE-IMAGE-UNPINNED is not material alone either)
    const download = result("F02-DOWNLOAD-THEN-RUN", "F02", { kind: "violation", confidence: "high", weight: 7.5, score: 0, findings: [f("F02-DOWNLOAD-THEN-RUN", "high")] });
    const undeclared = result("F02-UNDECLARED-IMPORT", "F02", { kind: "violation", confidence: "high", weight: 7.5, score: 0, findings: [f("F02-UNDECLARED-IMPORT", "high", "src/app.ts")] });
    const fr = factor([...cleanII, osPkg, download, undeclared], "F02");
    expect(fr.cap).toBeNull();
    expect(fr.status).toBe("pass");
    expect(fr.score).toBeCloseTo(82.6, 1);
  });
  it("a high F02-LOCKFILE-MISSING finding still caps II at 70", () => {
    const lock = result("F02-LOCKFILE-MISSING", "F02", { kind: "violation", confidence: "high", weight: 7.5, score: 0.5, findings: [f("F02-LOCKFILE-MISSING", "high", "requirements.txt")] });
    const fr = factor([...cleanII.filter((r) => r.rule !== "F02-LOCKFILE-MISSING"), osPkg, lock], "F02");
    expect(fr.cap).toBe(70);
    expect(fr.status).toBe("partial");
    // scoring v12: F02-LOCKFILE-MISSING is material (judged not-pass in 8 of 17 first runs, too close to half to be
    // advisory): as II's only deficit it still caps at 70
    expect(factor([...cleanII.filter((r) => r.rule !== "F02-LOCKFILE-MISSING"), lock], "F02")).toMatchObject({ status: "partial", score: 70, cap: 70 });
  });
  const xii = (rule: string, over: Partial<RuleResult>) => result(rule, "F12", { weight: 5, ...over });
  const absentRelease = [
    xii("F12-RELEASE-PHASE-TASK", { absence: true, score: 0, status: "fail" }),
    xii("F12-ONE-OFF-RUNNER", { weight: 2.5, confidence: "medium", score: 0, status: "fail" }),
    xii("F12-ADMIN-CODE-SHIPPED", { weight: 2.5, confidence: "medium", score: 0.25, status: "partial" }),
  ];
  it("XII: with versioned migrations, a missing release phase / one-off runner does not make the factor partial", () => {
    const fr = factor([xii("F12-MIGRATIONS-VERSIONED", { status: "pass", score: 1, confidence: "high" }), ...absentRelease], "F12");
    expect(fr.status).toBe("pass");
    // left out of the score, not floored (scoring v12: these XII rules are advisory, so the status alone would pass either way)
    expect(fr.score).toBe(100);
    expect(fr.rules.map((r) => r.id)).toContain("F12-RELEASE-PHASE-TASK"); // still reported
  });
  it("XII: without versioned migrations the same absences still count (scoring v12: XII rules are advisory → pass at 80)", () => {
    const fr = factor([xii("F12-MIGRATIONS-VERSIONED", { status: "fail", score: 0, confidence: "medium" }), ...absentRelease], "F12");
    // scoring v12: every rule here is advisory, so XII passes with its score floored at the pass line; the corroborating
    // rules still count: they lower the score (80, not 100 as above) and the verdict names them
    expect(fr).toMatchObject({ status: "pass", score: 80, cap: null });
    for (const id of ["F12-MIGRATIONS-VERSIONED", "F12-RELEASE-PHASE-TASK", "F12-ONE-OFF-RUNNER", "F12-ADMIN-CODE-SHIPPED"]) expect(fr.reason, id).toContain(id);
  });
  it("XII: a release-phase task that passes still counts with versioned migrations", () => {
    const fr = factor([xii("F12-MIGRATIONS-VERSIONED", { status: "pass", score: 1, confidence: "high" }), xii("F12-RELEASE-PHASE-TASK", { status: "pass", score: 1, confidence: "high" })], "F12");
    expect(fr.status).toBe("pass");
    expect(fr.coverage).toBe(1);
  });
});

describe("F08-MULTI-PROCESS-CONTAINER cap (scoring v8)", () => {
  const procs = result("F08-PROCESS-TYPES-DECLARED", "F08", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 7.5 });
  const multi = (confidence: "high" | "medium") => result("F08-MULTI-PROCESS-CONTAINER", "F08", {
    kind: "violation", confidence: "high", weight: 5, score: 0.75,
    findings: [{ rule: "F08-MULTI-PROCESS-CONTAINER", severity: "medium", confidence, waived: false, fingerprint: `m${confidence}`, path: "Dockerfile", message: "m", snippet: "s" } as unknown as Finding],
  });
  it("several long-running processes in the app container (high confidence) cap VIII at 75", () => {
    const fr = factor([procs, multi("high")], "F08");
    expect(fr.cap).toBe(75);
    expect(fr.status).toBe("partial");
  });
  it("a supervisord whose program list is not in the repo (medium confidence) does not cap", () => {
    expect(factor([procs, multi("medium")], "F08").status).toBe("pass");
  });
});

describe("F07-EMBEDDED-SERVER-DEPENDENCY evidence cap (scoring v8)", () => {
  const loopback = result("F07-LOOPBACK-BIND", "F07", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 7.5 });
  const injection = result("F07-APP-SERVER-INJECTION", "F07", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 5 });
  it("an observed injected server (no embedded server, medium confidence) caps VII at 45 → fail", () => {
    // as in the bench repos: F07-APP-SERVER-INJECTION reports the php-fpm image (low), so the fail is observed, not absence
    const php = { rule: "F07-APP-SERVER-INJECTION", severity: "low", confidence: "high", waived: false, fingerprint: "php", path: "Dockerfile", message: "m", snippet: "s" } as unknown as Finding;
    const injected = { ...injection, status: "fail" as const, score: 0.875, findings: [php] };
    const fr = factor([loopback, injected, result("F07-EMBEDDED-SERVER-DEPENDENCY", "F07", { status: "fail", score: 0, confidence: "medium", weight: 5, reason: "no embedded HTTP server; the app relies on an injected server" })], "F07");
    expect(fr.cap).toBe(45);
    expect(fr.status).toBe("fail");
  });
  it("nothing found either way (absence, low confidence) does not cap", () => {
    const fr = factor([loopback, injection, result("F07-EMBEDDED-SERVER-DEPENDENCY", "F07", { status: "fail", score: 0, confidence: "low", absence: true, weight: 5 })], "F07");
    expect(fr.cap).toBeNull();
    expect(fr.status).toBe("pass");
    // scoring v12: the rule is advisory, so a wrong cap would be floored back to a pass at 80; the uncapped mean is 90.9
    expect(fr.score).toBeCloseTo(90.9, 1);
  });
});

describe("embedded default datastore (F04-EMBEDDED-BACKING-SERVICE defaultDatastore) — scoring v8", () => {
  const dflt = (data: Record<string, unknown> = {}) => ({ rule: "F04-EMBEDDED-BACKING-SERVICE", severity: "low", confidence: "high", waived: false, fingerprint: "dflt", path: "server/env.js", line: 3, message: "m", snippet: "s", data: { defaultDatastore: true, ...data } }) as unknown as Finding;
  const embedded = (data?: Record<string, unknown>) => result("F04-EMBEDDED-BACKING-SERVICE", "F04", { kind: "violation", status: "fail", score: 0.875, confidence: "high", weight: 10, findings: [dflt(data)] });
  const ok = (code: FactorCode, rule: string) => result(rule, code, { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 10 });
  it("caps IV at 75 (partial): a networked database is attachable, but the default is a local file", () => {
    const iv = factor([embedded(), ok("F04", "F04-ATTACHED-IN-MANIFESTS")], "F04");
    expect(iv.cap).toBe(75);
    expect(iv.status).toBe("partial");
    expect(factor([ok("F04", "F04-ATTACHED-IN-MANIFESTS")], "F04").status).toBe("pass");
  });
  it("caps VI at 75 alone, at 45 with other process-local state observed (an app data volume), not when files can go to object storage", () => {
    const volume = result("F06-APP-PERSISTENT-VOLUME", "F06", { kind: "violation", status: "fail", score: 0.75, confidence: "medium", weight: 7.5 });
    expect(factor([embedded(), ok("F06", "F06-EXTERNAL-STATE-STORES")], "F06")).toMatchObject({ status: "partial", cap: 75 });
    expect(factor([embedded(), volume], "F06")).toMatchObject({ status: "fail", cap: 45 });
    expect(factor([embedded({ objectStorage: true }), volume], "F06")).toMatchObject({ status: "partial", cap: 75 });
    expect(factor([embedded({ scaleOut: true }), volume], "F06").cap).toBe(75);
  });
  it("session 8: with files movable to object storage, VI is the VI rules' own verdict (confidence-weighted) capped at 75 — not the plain mean", () => {
    // two failing VI rules at medium/low confidence: the plain weighted mean is 0 (fail); judged like any factor, the
    // low-confidence absence weighs less and the medium-confidence finding scores 0.6 → partial
    const volume = result("F06-APP-PERSISTENT-VOLUME", "F06", { kind: "violation", status: "fail", score: 0.6, confidence: "medium", weight: 7.5 });
    const stores = result("F06-EXTERNAL-STATE-STORES", "F06", { kind: "evidence", status: "fail", score: 0, confidence: "low", weight: 2.5, absence: true });
    const vi = factor([embedded({ objectStorage: true }), volume, stores], "F06");
    expect(vi.cap).toBe(75);
    expect(vi.status).toBe("partial");
    expect(vi.findings.some((f) => f.rule === "F04-EMBEDDED-BACKING-SERVICE")).toBe(true);
    // without object storage the same app is built around its data directory: fail
    expect(factor([embedded(), volume, stores], "F06")).toMatchObject({ status: "fail", cap: 45 });
  });
  it("caps VIII at 75 unless the repository ships a scale-out path", () => {
    const procs = result("F08-PROCESS-TYPES-DECLARED", "F08", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 7.5 });
    expect(factor([embedded(), procs], "F08")).toMatchObject({ status: "partial", score: 75 });
    expect(factor([embedded({ scaleOut: true }), procs], "F08").status).toBe("pass");
  });
});

describe("internal libraries fold into their deployable (scoring v8)", () => {
  const server: Unit = { ...unit, path: "apps/server", loc: 20000, links: ["packages/db"] };
  const lib: Unit = { ...unit, path: "packages/db", kind: "library", loc: 3000, linkedBy: ["apps/server"] };
  const lockfile = (u: string, score: number, status: RuleResult["status"]) =>
    result("F02-LOCKFILE-MISSING", "F02", { unit: u, kind: "violation", status, score, rawScore: score, weight: 10, confidence: "high" });
  // scoring v12: F02-LOCKFILE-MISSING is advisory (alone: pass at 80), so the deployable's own partial II comes with a
  // material deficit too, an unpinned OS package in its final stage
  const osPkg = (u: string) => result("F02-OS-PACKAGE-UNPINNED", "F02", { unit: u, kind: "violation", status: "fail", score: 0.875, rawScore: 0.875, weight: 2.5, confidence: "high",
    findings: [{ rule: "F02-OS-PACKAGE-UNPINNED", severity: "low", confidence: "high", waived: false, fingerprint: `os-${u}`, path: `${u}/Dockerfile`, line: 2, message: "m", snippet: "s" } as unknown as Finding] });
  // II fails only on a decisive finding (scoring v11): source code with no dependency manifest at all
  const noManifest = (u: string) => result("F02-MANIFEST-MISSING", "F02", { unit: u, kind: "violation", status: "fail", score: 0, rawScore: 0, weight: 10, confidence: "high",
    findings: [{ rule: "F02-MANIFEST-MISSING", severity: "high", confidence: "high", waived: false, fingerprint: "m", path: "packages/db/index.py", message: "m", snippet: "s" } as unknown as Finding] });
  it("a failing internal library fails the deployable's factor, with the library's status, not only its score", () => {
    const r = scoreRepository({ units: [server, lib], results: [lockfile("apps/server", 0.6, "partial"), osPkg("apps/server"), noManifest("packages/db")], config: emptyConfig(), repoKind: "monorepo" });
    const own = r.units.find((u) => u.path === "apps/server")!.factors.find((f) => f.code === "F02")!;
    expect(own.status).toBe("partial");
    const repo = r.factors.find((f) => f.code === "F02")!;
    expect(repo.score).toBe(0);
    expect(repo.status).toBe("fail");
  });
  it("a library that scores better than its deployable leaves the deployable's verdict alone", () => {
    const r = scoreRepository({ units: [server, lib], results: [lockfile("apps/server", 0.6, "partial"), osPkg("apps/server"), lockfile("packages/db", 1, "pass")], config: emptyConfig(), repoKind: "monorepo" });
    const repo = r.factors.find((f) => f.code === "F02")!;
    expect(repo.score).toBe(r.units.find((u) => u.path === "apps/server")!.factors.find((f) => f.code === "F02")!.score);
    expect(repo.status).toBe("partial");
  });
});

describe("scoring v9: IV of a repository whose service has an embedded default datastore", () => {
  const u = (path: string, loc: number): Unit => ({ ...unit, path, loc });
  const r = (path: string, rule: string, over: Partial<RuleResult>) => ({ ...result(rule, "F04", over), unit: path });
  const emb = { rule: "F04-EMBEDDED-BACKING-SERVICE", severity: "low", confidence: "high", waived: false, fingerprint: "e", path: "packages/db/drizzle.config.ts", line: 12, message: "m", snippet: "s", data: { defaultDatastore: true } } as unknown as Finding;
  const iv = (withDefault: boolean) => scoreRepository({
    units: [u("apps/web", 36000), u("docker", 0)],
    results: [
      r("apps/web", "F04-EMBEDDED-BACKING-SERVICE", { kind: "violation", status: withDefault ? "fail" : "pass", score: withDefault ? 0.95 : 1, confidence: "high", weight: 10, findings: withDefault ? [emb] : [] }),
      r("apps/web", "F04-LOCATOR-FROM-CONFIG", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 10 }),
      r("docker", "F04-ATTACHED-IN-MANIFESTS", { kind: "evidence", status: "partial", score: 0.88, confidence: "high", weight: 10 }),
    ],
    config: emptyConfig(), repoKind: "service",
  }).factors.find((f) => f.code === "F04")!;
  it("a code-less deploy unit does not average the service's partial cap away", () => {
    const f = iv(true);
    expect(f.score).toBe(75);
    expect(f.status).toBe("partial");
  });
  it("without the embedded default the units are averaged as before", () => {
    expect(iv(false).status).toBe("pass");
  });
});

describe("scoring v9: a wired embedded store with other local state (VI/VIII); SIGTERM drain (IX)", () => {
  const wired = { rule: "F04-EMBEDDED-BACKING-SERVICE", severity: "medium", confidence: "medium", waived: false, fingerprint: "wired", path: "backend/database.ts", line: 11, message: "m", snippet: "s", data: { engine: "SQLite" } } as unknown as Finding;
  const server = { ...wired, fingerprint: "srv", data: { engine: "redis-server" } } as unknown as Finding;
  const f04 = (f: Finding) => result("F04-EMBEDDED-BACKING-SERVICE", "F04", { kind: "violation", status: "fail", score: 0.8125, confidence: "medium", weight: 10, findings: [f] });
  const volFinding = { rule: "F06-APP-PERSISTENT-VOLUME", severity: "medium", confidence: "high", waived: false, fingerprint: "vol", path: "compose.yaml", line: 10, message: "m", snippet: "s" } as unknown as Finding;
  const volume = result("F06-APP-PERSISTENT-VOLUME", "F06", { kind: "violation", status: "fail", score: 0.75, confidence: "high", weight: 7.5, findings: [volFinding] });
  const noVolume = result("F06-APP-PERSISTENT-VOLUME", "F06", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 7.5 });
  const procs = result("F08-PROCESS-TYPES-DECLARED", "F08", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 7.5 });
  it("VI: an embedded SQLite the code wires + an app data volume → fail (45)", () => {
    const fr = factor([f04(wired), volume], "F06");
    expect(fr.score).toBe(45);
    expect(fr.status).toBe("fail");
  });
  it("VI: a wired LiteDB store (.NET's embedded document store, session 26: lubelog) + an app data volume → fail", () => {
    expect(factor([f04({ ...wired, fingerprint: "lite", data: { engine: "LiteDB" } } as unknown as Finding), volume], "F06").status).toBe("fail");
  });
  it("VI: the same store with no other local state is not capped (a cache or test store next to the real database)", () => {
    expect(factor([f04(wired), noVolume], "F06").status).toBe("pass");
  });
  it("VI: a datastore server in the image (not an embedded engine) is not a wired embedded store", () => {
    expect(factor([f04(server), volume], "F06").cap).toBe(75);
  });
  it("VI: a default-datastore finding with a scale-out path keeps the wired store at partial", () => {
    const dflt = { ...wired, severity: "low", confidence: "high", fingerprint: "dflt", data: { defaultDatastore: true, scaleOut: true } } as unknown as Finding;
    const r = result("F04-EMBEDDED-BACKING-SERVICE", "F04", { kind: "violation", status: "fail", score: 0.8, confidence: "medium", weight: 10, findings: [wired, dflt] });
    expect(factor([r, volume], "F06").status).toBe("partial");
  });
  it("VIII: a wired embedded store caps VIII at 75 only when the VI rules see other local state", () => {
    expect(factor([f04(wired), volume, procs], "F08").status).toBe("partial");
    expect(factor([f04(wired), noVolume, procs], "F08").status).toBe("pass");
  });
  const sigterm = (score: number, confidence: "high" | "medium" | "low", absence = false) => result("F09-SIGTERM-HANDLING", "F09", { kind: "evidence", status: score >= 1 ? "pass" : score > 0 ? "partial" : "fail", score, confidence, absence, weight: 7.5 });
  const pass9 = (rule: string, weight = 7.5) => result(rule, "F09", { kind: "violation", status: "pass", score: 1, confidence: "high", weight });
  // scoring v12: F09-SIGTERM-HANDLING is advisory — as IX's only deficit it passes at 80 with no cap (see "scoring v12:
  // advisory rules") — so these cases keep a material deficit: slow work before the server listens (F09-SLOW-STARTUP-WORK low)
  const slowStart = result("F09-SLOW-STARTUP-WORK", "F09", { kind: "violation", status: "fail", score: 0.875, confidence: "high", weight: 5,
    findings: [{ rule: "F09-SLOW-STARTUP-WORK", severity: "low", confidence: "high", waived: false, fingerprint: "slow", path: "src/main.ts", line: 4, message: "m", snippet: "s" } as unknown as Finding] });
  it("IX: a handler that does not drain (observed, ≤ 0.5) caps IX at 75", () => {
    const fr = factor([sigterm(0.5, "high"), slowStart, pass9("F09-SIGNAL-SAFE-ENTRYPOINT"), pass9("F09-GRACE-PERIOD-CONFIG"), pass9("F09-FORCED-EXIT", 2.5), pass9("F09-READINESS-PROBE", 5)], "F09");
    expect(fr.cap).toBe(75);
    expect(fr.status).toBe("partial");
    // a low-confidence absence (nothing known about the runtime) does not cap
    expect(factor([sigterm(0, "low", true), slowStart, pass9("F09-SIGNAL-SAFE-ENTRYPOINT"), pass9("F09-GRACE-PERIOD-CONFIG"), pass9("F09-FORCED-EXIT", 2.5), pass9("F09-READINESS-PROBE", 5)], "F09").cap).toBeNull();
  });
  it("IX: with no SIGTERM handling at all, a non-forwarding entrypoint is the same fault, not a second one → partial", () => {
    const pid1 = { rule: "F09-SIGNAL-SAFE-ENTRYPOINT", severity: "high", confidence: "high", waived: false, fingerprint: "pid1", path: "Dockerfile", line: 9, message: "m", snippet: "s" } as unknown as Finding;
    const entry = result("F09-SIGNAL-SAFE-ENTRYPOINT", "F09", { kind: "violation", status: "fail", score: 0.5, confidence: "high", weight: 7.5, findings: [pid1] });
    const health = result("F09-HEALTHCHECK-DECLARED", "F09", { kind: "evidence", status: "fail", score: 0, confidence: "low", absence: true, weight: 2.5 });
    const fr = factor([sigterm(0, "medium"), entry, health, pass9("F09-FORCED-EXIT", 2.5)], "F09");
    // scoring v12: still partial — F09-SIGNAL-SAFE-ENTRYPOINT is a material rule that does not pass, so the advisory floor
    // must not apply. (Fails against score.ts as of scoring v12: the entrypoint result is dropped from `evaluated` before
    // `notPassing` is taken, so only the advisory F09-SIGTERM-HANDLING is left and IX passes at 80 — while the same
    // entrypoint with a draining handler stays partial below. Reported for a decision in score.ts, not papered over here.)
    expect(fr.status).toBe("partial");
    // with a handler that drains, the entrypoint that swallows SIGTERM still counts in full
    const withHandler = factor([sigterm(1, "high"), entry, health, pass9("F09-FORCED-EXIT", 2.5)], "F09");
    expect(withHandler.rules.some((r) => r.id === "F09-SIGNAL-SAFE-ENTRYPOINT")).toBe(true);
    expect(withHandler.cap).toBe(70);
  });
});

describe("X dev/prod parity: continuous deployment only corroborates (scoring v9)", () => {
  const devServer = (score: number) => result("F10-DEV-SERVER-IN-PROD", "F10", { kind: "violation", status: score === 1 ? "pass" : "fail", score, rawScore: score, weight: 7.5, confidence: "high" });
  const localEnv = (score: number) => result("F10-LOCAL-ENV-AS-CODE", "F10", { status: score === 1 ? "pass" : "partial", score, rawScore: score, weight: 5, confidence: "high" });
  const cd = (score: number, absence: boolean) => result("F10-CONTINUOUS-DEPLOYMENT", "F10", { status: score === 1 ? "pass" : score === 0 ? "fail" : "partial", score, rawScore: score, weight: 5, confidence: absence ? "low" : "medium", ...(absence ? { absence: true } : {}) });
  it("no deploy step found is left out of the score", () => {
    // without the exclusion: (7.5 + 3.75) / (7.5 + 5 + 1.5) = 80.4 → 80 pass, but 0.5 local env: (7.5+2.5)/14 = 71 partial
    expect(factor([devServer(1), localEnv(0.75), cd(0, true)], "F10").score).toBe(factor([devServer(1), localEnv(0.75)], "F10").score);
    expect(factor([devServer(1), localEnv(0.75), cd(0, true)], "F10").status).toBe("pass");
  });
  it("a manual deploy (0.5) is left out too, a passing one still counts", () => {
    // scoring v12: every X rule is advisory and a score under 80 is floored to 80, so local env at 0.75 keeps both sides
    // above the pass line (counted, the manual deploy would give 80.8 instead of 90)
    expect(factor([devServer(1), localEnv(0.75), cd(0.5, false)], "F10").score).toBe(factor([devServer(1), localEnv(0.75)], "F10").score);
    expect(factor([devServer(1), localEnv(0.75), cd(1, false)], "F10").score!).toBeGreaterThan(factor([devServer(1), localEnv(0.75)], "F10").score!);
  });
});

describe("scoring v9 (session 8): socket.io in-memory adapter; IX of a deployable that does not drain", () => {
  const ioFinding = (data: Record<string, unknown>, confidence = "high") => ({ rule: "F06-PROCESS-LOCAL-STATE", severity: "medium", confidence, waived: false, fingerprint: `io-${confidence}`, path: "src/index.ts", line: 2, message: "m", snippet: "s", data }) as unknown as Finding;
  const localState = (f: Finding) => result("F06-PROCESS-LOCAL-STATE", "F06", { kind: "violation", status: "fail", score: 0.875, rawScore: 0.875, confidence: "high", weight: 5, findings: [f] });
  const ok = (code: FactorCode, rule: string) => result(rule, code, { kind: "evidence", status: "pass", score: 1, rawScore: 1, confidence: "high", weight: 7.5 });
  it("a socket.io server without a shared adapter caps VI and VIII at 75", () => {
    const results = [localState(ioFinding({ inMemoryAdapter: true })), ok("F06", "F06-APP-PERSISTENT-VOLUME"), ok("F08", "F08-PROCESS-TYPES-DECLARED")];
    expect(factor(results, "F06")).toMatchObject({ status: "partial", cap: 75 });
    expect(factor(results, "F08")).toMatchObject({ status: "partial", score: 75 });
  });
  it("an ordinary medium module-level collection (no inMemoryAdapter flag) caps neither", () => {
    const results = [localState(ioFinding({ variable: "sessions" })), ok("F06", "F06-APP-PERSISTENT-VOLUME"), ok("F08", "F08-PROCESS-TYPES-DECLARED")];
    expect(factor(results, "F06").cap).toBeNull();
    expect(factor(results, "F08").status).toBe("pass");
  });
  const web: Unit = { ...unit, path: "apps/web", loc: 30000 };
  const worker: Unit = { ...unit, path: "apps/worker", loc: 2000 };
  // scoring v12: F09-SIGTERM-HANDLING is advisory: a unit whose only IX deficit it is passes at 80 with no cap, and then
  // does not cap the repository (see "scoring v12: advisory rules"). `material` adds a material IX deficit (a queue consumer
  // that acknowledges before the work is done, F09-WORKER-ACK-ON-COMPLETION low) so the unit keeps its cap; it is neither
  // an entrypoint nor a start-up rule, so it does not decide whether the unit is started by itself.
  const ix = (u: string, sigterm: number, started = true, material = false) => [
    result("F09-SIGTERM-HANDLING", "F09", { unit: u, status: sigterm >= 0.8 ? "pass" : "partial", score: sigterm, rawScore: sigterm, confidence: "high", weight: 7.5 }),
    result("F09-SIGNAL-SAFE-ENTRYPOINT", "F09", { unit: u, kind: "violation", status: started ? "pass" : "na", score: started ? 1 : null, rawScore: started ? 1 : null, confidence: "high", weight: 7.5 }),
    result("F09-FORCED-EXIT", "F09", { unit: u, kind: "violation", status: "pass", score: 1, rawScore: 1, confidence: "high", weight: 2.5 }),
    ...(material ? [result("F09-WORKER-ACK-ON-COMPLETION", "F09", { unit: u, kind: "violation", status: "fail", score: 0.875, rawScore: 0.875, confidence: "high", weight: 2.5,
      findings: [{ rule: "F09-WORKER-ACK-ON-COMPLETION", severity: "low", confidence: "high", waived: false, fingerprint: `ack-${u}`, path: `${u}/src/queue.ts`, line: 7, message: "m", snippet: "s" } as unknown as Finding] })] : []),
  ];
  it("IX: a small deployable that handles SIGINT only caps the repository at partial", () => {
    const r = scoreRepository({ units: [web, worker], results: [...ix("apps/web", 1), ...ix("apps/worker", 0.25, true, true)], config: emptyConfig(), repoKind: "monorepo" });
    expect(r.factors.find((f) => f.code === "F09")!.status).toBe("partial");
  });
  it("IX: not when the non-draining unit has no start command of its own (a library classified as a service)", () => {
    const r = scoreRepository({ units: [web, worker], results: [...ix("apps/web", 1), ...ix("apps/worker", 0.5, false, true)], config: emptyConfig(), repoKind: "monorepo" });
    expect(r.units.find((u) => u.path === "apps/worker")!.factors.find((f) => f.code === "F09")!.cap).toBe(75); // capped, not floored
    expect(r.factors.find((f) => f.code === "F09")!.status).toBe("pass");
  });
});

describe("scoring v9 (session 8): an app data volume with no networked datastore (noNetworkedStore)", () => {
  const vol = (data: Record<string, unknown>) => result("F06-APP-PERSISTENT-VOLUME", "F06", { kind: "violation", status: "fail", score: 0.75, rawScore: 0.75, confidence: "high", weight: 10,
    findings: [{ rule: "F06-APP-PERSISTENT-VOLUME", severity: "medium", confidence: "high", waived: false, fingerprint: `v-${JSON.stringify(data)}`, path: "docker-compose.yml", line: 5, message: "m", snippet: "s", data } as unknown as Finding] });
  const procs = result("F08-PROCESS-TYPES-DECLARED", "F08", { kind: "evidence", status: "pass", score: 1, rawScore: 1, confidence: "high", weight: 7.5 });
  it("caps VI at 45 and VIII at 75", () => {
    expect(factor([vol({ volume: "app-data", noNetworkedStore: true }), procs], "F06")).toMatchObject({ status: "fail", cap: 45 });
    expect(factor([vol({ volume: "app-data", noNetworkedStore: true }), procs], "F08")).toMatchObject({ status: "partial", score: 75 });
  });
  it("a data volume next to a networked database keeps the partial VI cap and leaves VIII alone", () => {
    expect(factor([vol({ volume: "app-data" }), procs], "F06")).toMatchObject({ status: "partial", cap: 75 });
    expect(factor([vol({ volume: "app-data" }), procs], "F08").status).toBe("pass");
  });
  const iv = (extra: RuleResult[] = []) => [
    result("F04-EMBEDDED-BACKING-SERVICE", "F04", { kind: "violation", status: "pass", score: 1, rawScore: 1, confidence: "medium", weight: 7.5 }),
    result("F04-HARDCODED-INTERNAL-ENDPOINT", "F04", { kind: "violation", status: "pass", score: 1, rawScore: 1, confidence: "medium", weight: 5 }),
    ...extra,
  ];
  it("scoring v19 (session 26): IV is at most partial when the data volume holds all of the app's state (rustypaste, enclosed)", () => {
    const fr = factor([vol({ volume: "app-data", noNetworkedStore: true }), ...iv()], "F04");
    expect(fr).toMatchObject({ status: "partial", cap: 75 });
    expect(fr.findings.some((f) => f.rule === "F06-APP-PERSISTENT-VOLUME")).toBe(true);
    // with a networked database attached the volume is not the datastore: IV is judged on its own rules
    expect(factor([vol({ volume: "app-data" }), ...iv()], "F04")).toMatchObject({ status: "pass", cap: null });
  });
  it("scoring v19: with an embedded production datastore IV is judged on that store, not on the data volume", () => {
    const prod = { rule: "F04-EMBEDDED-BACKING-SERVICE", severity: "medium", confidence: "high", waived: false, fingerprint: "p", path: "src/db.ts", line: 1, message: "m", snippet: "s", data: { engine: "SQLite", productionDatastore: true } } as unknown as Finding;
    const fr = factor([vol({ volume: "app-data", noNetworkedStore: true }), result("F04-EMBEDDED-BACKING-SERVICE", "F04", { kind: "violation", status: "fail", score: 0.8, rawScore: 0.8, confidence: "high", weight: 7.5, findings: [prod] })], "F04");
    expect(fr.status).toBe("fail");
    expect(fr.findings.some((f) => f.rule === "F06-APP-PERSISTENT-VOLUME")).toBe(false);
    expect(fr.reason ?? "").not.toMatch(/data volume/);
  });
});

describe("III: a validated, central config module (session 8)", () => {
  const heuristic = (confidence: "medium" | "high") => ({ rule: "F03-HARDCODED-SECRET", severity: "high", confidence, waived: false, fingerprint: "h", path: "backend/remark.rest", line: 16, message: "m", snippet: "s" }) as unknown as Finding;
  const iii = (validatedScore: number, confidence: "medium" | "high") => factor([
    result("F03-HARDCODED-SECRET", "F03", { kind: "violation", status: "fail", score: confidence === "medium" ? 0.625 : 0.5, confidence: "high", weight: 10, findings: [heuristic(confidence)] }),
    result("F03-CONFIG-VALIDATED", "F03", { kind: "evidence", status: validatedScore >= 1 ? "pass" : "partial", score: validatedScore, confidence: "medium", weight: 5 }),
    result("F03-ENV-CONFIG-READ", "F03", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 7.5 }),
    result("F03-SECRET-IN-DEPLOY-MANIFEST", "F03", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 7.5 }),
  ], "F03");
  it("a medium-confidence high finding does not cap III at 70 when the config is validated and central", () => {
    expect(iii(1, "medium").cap).toBeNull();
    expect(iii(1, "medium").status).toBe("pass");
  });
  it("without validation it still caps at 70", () => {
    expect(iii(0.5, "medium").cap).toBe(70);
    expect(iii(0.5, "medium").status).toBe("partial");
  });
  it("a high-confidence finding still caps even with validation", () => {
    expect(iii(1, "high").cap).toBe(70);
  });
});

describe("scoring v12: advisory rules", () => {
  const finding = (rule: string, severity: string, over: Partial<Finding> = {}) =>
    ({ rule, severity, confidence: "high", waived: false, fingerprint: `${rule}:${severity}:${JSON.stringify(over)}`, path: "src/app.ts", line: 1, message: "m", snippet: "s", ...over }) as unknown as Finding;
  const violation = (rule: string, code: FactorCode, score: number, findings: Finding[], over: Partial<RuleResult> = {}) =>
    result(rule, code, { kind: "violation", status: findings.some((f) => !f.waived && f.severity !== "info") ? "fail" : "pass", score, rawScore: score, confidence: "high", weight: 7.5, findings, ...over });
  const passing = (rule: string, code: FactorCode, weight = 7.5) => result(rule, code, { kind: "violation", status: "pass", score: 1, rawScore: 1, confidence: "high", weight });
  // IX whose only deficit is a handler that does not drain (F09-SIGTERM-HANDLING 0.5, observed): mean 78.6, evidence cap 75
  const noDrain = (unit = ".") => result("F09-SIGTERM-HANDLING", "F09", { unit, status: "partial", score: 0.5, rawScore: 0.5, confidence: "high", weight: 7.5 });
  const ixOk = (unit = ".") => [{ ...passing("F09-SIGNAL-SAFE-ENTRYPOINT", "F09"), unit }, { ...passing("F09-FORCED-EXIT", "F09", 2.5), unit }];
  const slowStart = (unit = ".") => ({ ...violation("F09-SLOW-STARTUP-WORK", "F09", 0.875, [finding("F09-SLOW-STARTUP-WORK", "low", { path: `${unit}/src/main.ts` })], { weight: 5 }), unit });

  it("(a) only advisory rules not passing → pass, the score floored at exactly 80, no cap, the rules named in the reason", () => {
    // XII: no release-phase task found (absence), no one-off runner and no versioned migrations (observed): mean 0
    const xii = factor([
      result("F12-RELEASE-PHASE-TASK", "F12", { absence: true, score: 0, rawScore: 0, status: "fail", weight: 5 }),
      result("F12-ONE-OFF-RUNNER", "F12", { confidence: "high", score: 0, rawScore: 0, status: "fail", weight: 5 }),
      result("F12-MIGRATIONS-VERSIONED", "F12", { confidence: "high", score: 0, rawScore: 0, status: "fail", weight: 5 }),
    ], "F12");
    expect(xii).toMatchObject({ status: "pass", score: 80, rawScore: 80, cap: null });
    expect(xii.reason).toContain("F12-ONE-OFF-RUNNER");
    // a finding of an advisory rule is still reported: IV with an internal endpoint literal (F04-HARDCODED-INTERNAL-ENDPOINT
    // high, generic high cap 70) and the locator not read from config
    const endpoint = finding("F04-HARDCODED-INTERNAL-ENDPOINT", "high", { data: { host: "billing.internal" } });
    const iv = factor([violation("F04-HARDCODED-INTERNAL-ENDPOINT", "F04", 0.5, [endpoint]), result("F04-LOCATOR-FROM-CONFIG", "F04", { status: "fail", score: 0, rawScore: 0, confidence: "high", weight: 5 })], "F04");
    expect(iv).toMatchObject({ status: "pass", score: 80, cap: null });
    expect(iv.reason).toContain("F04-HARDCODED-INTERNAL-ENDPOINT");
    expect(iv.reason).toContain("F04-LOCATOR-FROM-CONFIG");
    expect(iv.findings.map((f) => f.rule)).toContain("F04-HARDCODED-INTERNAL-ENDPOINT");
    // a handler that does not drain (F09-SIGTERM-HANDLING, material) is not floored: capped at 75
    expect(factor([noDrain(), ...ixOk()], "F09")).toMatchObject({ status: "partial", score: 75, cap: 75 });
  });

  it("(b) the same advisory rule with one material rule not passing → the ordinary verdict and score", () => {
    // IX: (3.75 + 7.5 + 2.5 + 4.4) / 22.5 = 80.6, capped at 75 by the missing drain → partial 75
    const ix = factor([noDrain(), ...ixOk(), slowStart()], "F09");
    expect(ix).toMatchObject({ status: "partial", score: 75, cap: 75 });
    expect(ix.reason ?? "").not.toContain("advisory");
    // IV (a factor static evidence can fail): the host literal caps at 45, an embedded store is material → fail 45
    const locator = finding("F04-HARDCODED-RESOURCE-LOCATOR", "high");
    const embedded = finding("F04-EMBEDDED-BACKING-SERVICE", "medium", { data: { engine: "redis-server" } });
    const iv = factor([violation("F04-HARDCODED-RESOURCE-LOCATOR", "F04", 0.5, [locator]), violation("F04-EMBEDDED-BACKING-SERVICE", "F04", 0.75, [embedded])], "F04");
    expect(iv).toMatchObject({ status: "fail", score: 45, cap: 45 });
  });

  it("(c) an advisory-only factor that already scores 80 or more keeps its own score", () => {
    const iv = factor([result("F04-ATTACHED-IN-MANIFESTS", "F04", { status: "partial", score: 0.88, rawScore: 0.88, confidence: "high", weight: 10 }), passing("F04-LOCATOR-FROM-CONFIG", "F04", 10)], "F04");
    expect(iv).toMatchObject({ status: "pass", score: 94, cap: null }); // (88 + 100) / 2, not lowered to 80
    expect(iv.reason).toBeUndefined(); // not floored
  });

  it("(d) a cross-factor cap (embedded default datastore on IV) keeps the ordinary verdict even when the factor's only other deficit is advisory", () => {
    const locator = violation("F04-HARDCODED-INTERNAL-ENDPOINT", "F04", 0.75, [finding("F04-HARDCODED-INTERNAL-ENDPOINT", "medium")]);
    const attached = result("F04-ATTACHED-IN-MANIFESTS", "F04", { status: "pass", score: 1, rawScore: 1, confidence: "high", weight: 10 });
    const dflt = (severity: string) => finding("F04-EMBEDDED-BACKING-SERVICE", severity, { path: "server/env.js", data: { defaultDatastore: true } });
    // as the rule reports it (low severity: the rule itself does not pass, a material rule)
    expect(factor([locator, attached, violation("F04-EMBEDDED-BACKING-SERVICE", "F04", 0.875, [dflt("low")])], "F04")).toMatchObject({ status: "partial", score: 75, cap: 75 });
    // the cap alone: the embedded-store rule passes (an info-level default-datastore finding), the only rule not passing is
    // the advisory endpoint literal — the default-datastore cap still holds IV at partial, no floor
    const fr = factor([locator, attached, violation("F04-EMBEDDED-BACKING-SERVICE", "F04", 1, [dflt("info")])], "F04");
    expect(fr.rules.find((r) => r.id === "F04-EMBEDDED-BACKING-SERVICE")!.status).toBe("pass");
    expect(fr).toMatchObject({ status: "partial", score: 75, cap: 75 });
  });

  it("(e) III: a plain committed secret is partial however low it scores; a signing key literal in the code fails", () => {
    const secret = violation("F03-HARDCODED-SECRET", "F03", 0, [finding("F03-HARDCODED-SECRET", "high")], { weight: 10 });
    const iii = (...extra: RuleResult[]) => factor([secret, ...extra], "F03");
    expect(iii().score).toBeLessThan(50);
    expect(iii().status).toBe("partial");
    const key = (over: Partial<Finding>) => violation("F03-FRAMEWORK-SECRET-LITERAL", "F03", 0, [finding("F03-FRAMEWORK-SECRET-LITERAL", "high", { path: "src/auth.go", data: { literalInCode: true }, ...over })]);
    expect(iii(key({})).status).toBe("fail");
    expect(iii(key({ severity: "critical" } as Partial<Finding>)).status).toBe("fail");
    // not decisive: below high severity or confidence, waived, a config-file value (no literalInCode), or another rule's flag
    expect(iii(key({ severity: "medium" } as Partial<Finding>)).status).toBe("partial");
    expect(iii(key({ confidence: "medium" } as Partial<Finding>)).status).toBe("partial");
    expect(iii(key({ waived: true })).status).toBe("partial");
    expect(iii(key({ data: {} })).status).toBe("partial");
    expect(iii(violation("F03-HARDCODED-SECRET", "F03", 0, [finding("F03-HARDCODED-SECRET", "high", { path: "src/b.ts", data: { literalInCode: true } })])).status).toBe("partial");
    for (const over of [{}, { severity: "medium" }, { confidence: "medium" }, { waived: true }, { data: {} }] as Partial<Finding>[]) expect(iii(key(over)).score, JSON.stringify(over)).toBeLessThan(50);
  });

  it("(f) monorepo: a unit floored to pass has no cap, so it does not trigger the repository's II every-deployable-capped cap; a non-draining unit (material) still caps IX", () => {
    const web: Unit = { ...unit, path: "apps/web", loc: 30000 };
    const worker: Unit = { ...unit, path: "apps/worker", loc: 2000 };
    const ix = (material: boolean) => scoreRepository({
      units: [web, worker],
      results: [{ ...passing("F09-SIGTERM-HANDLING", "F09"), kind: "evidence", unit: "apps/web" }, ...ixOk("apps/web"), noDrain("apps/worker"), ...ixOk("apps/worker"), ...(material ? [slowStart("apps/worker")] : [])],
      config: emptyConfig(), repoKind: "monorepo",
    });
    // F09-SIGTERM-HANDLING is material (54 of 123 first runs judged not-pass): the worker is not floored, keeps its
    // cap, and with a start command of its own (F09-SLOW-STARTUP-WORK) it caps the repository
    expect(ix(false).units.find((u) => u.path === "apps/worker")!.factors.find((f) => f.code === "F09")).toMatchObject({ status: "partial", score: 75, cap: 75 });
    expect(ix(true).factors.find((f) => f.code === "F09")!).toMatchObject({ status: "partial", score: 75 });

    // II: every deployable's image runs a non-frozen JS install (F02-NON-FROZEN-INSTALL runtimeModules, cap 75)
    const api: Unit = { ...unit, path: "apps/api", loc: 30000 };
    const nonFrozen = (u: string) => ({ ...violation("F02-NON-FROZEN-INSTALL", "F02", 0.75, [finding("F02-NON-FROZEN-INSTALL", "medium", { path: `${u}/Dockerfile`, data: { tool: "pnpm", runtimeModules: true } })], { weight: 5 }), unit: u });
    const osPkg = (u: string) => ({ ...violation("F02-OS-PACKAGE-UNPINNED", "F02", 0.875, [finding("F02-OS-PACKAGE-UNPINNED", "low", { path: `${u}/Dockerfile` })], { weight: 2.5 }), unit: u });
    const ii = (material: boolean) => scoreRepository({
      units: [web, api],
      results: ["apps/web", "apps/api"].flatMap((u) => [{ ...passing("F02-LOCKFILE-MISSING", "F02", 10), unit: u }, { ...passing("F02-MANIFEST-MISSING", "F02", 10), unit: u }, nonFrozen(u), ...(material ? [osPkg(u)] : [])]),
      config: emptyConfig(), repoKind: "monorepo",
    }).factors.find((f) => f.code === "F02")!;
    expect(ii(false)).toMatchObject({ status: "pass", cap: null });
    expect(ii(true)).toMatchObject({ status: "partial", score: 75 });
  });

  it("(h) scoring v17: an advisory rule is material again in its textbook case (MATERIAL_WHEN), and only there", () => {
    const run = (rule: string, code: FactorCode, f: Finding) => factor([violation(rule, code, 0.5, [f])], code);
    // VII: a fixed listen port is advisory (low: no platform assigns $PORT) but material and capped at 45 when a platform
    // descriptor assigns $PORT (medium)
    expect(run("F07-HARDCODED-LISTEN-PORT", "F07", finding("F07-HARDCODED-LISTEN-PORT", "low"))).toMatchObject({ status: "pass", score: 80 });
    expect(run("F07-HARDCODED-LISTEN-PORT", "F07", finding("F07-HARDCODED-LISTEN-PORT", "medium"))).toMatchObject({ status: "fail", cap: 45 });
    // a loopback bind the rule finds is advisory: no judge marked VII down for it in the first runs
    expect(run("F07-LOOPBACK-BIND", "F07", finding("F07-LOOPBACK-BIND", "high"))).toMatchObject({ status: "pass", score: 80 });
    // IV: a local or compose-service default locator (medium) is advisory; a remote host literal (high) caps at 45
    expect(run("F04-HARDCODED-RESOURCE-LOCATOR", "F04", finding("F04-HARDCODED-RESOURCE-LOCATOR", "medium", { data: { host: "localhost" } }))).toMatchObject({ status: "pass", score: 80 });
    expect(run("F04-HARDCODED-RESOURCE-LOCATOR", "F04", finding("F04-HARDCODED-RESOURCE-LOCATOR", "high", { data: { host: "db.prod.acme-corp.io" } }))).toMatchObject({ status: "fail", cap: 45 });
    // X: a dev server in a side image is advisory; in a platform-declared process (the rule's `platform` flag) it is material
    const dev = (data: Record<string, string | boolean>) => factor([violation("F10-DEV-SERVER-IN-PROD", "F10", 0.25, [finding("F10-DEV-SERVER-IN-PROD", "high", { data })])], "F10");
    expect(dev({ source: "dockerfile" })).toMatchObject({ status: "pass", score: 80 });
    expect(dev({ source: "procfile", platform: true }).status).toBe("partial");
    // a low-confidence textbook finding does not make the rule material
    expect(run("F07-HARDCODED-LISTEN-PORT", "F07", finding("F07-HARDCODED-LISTEN-PORT", "medium", { confidence: "low" } as Partial<Finding>))).toMatchObject({ status: "pass", score: 80 });
    // XI: unbuffered-stdout hygiene alone is advisory
    expect(run("F11-UNBUFFERED-STDOUT", "F11", finding("F11-UNBUFFERED-STDOUT", "medium"))).toMatchObject({ status: "pass", score: 80 });
  });

  it("(g) every advisory rule id is a registered rule of the factor its id names", () => {
    const factorOf = new Map(RULES.map((r) => [r.meta.id, r.meta.factor]));
    expect(ADVISORY_RULES.size).toBeGreaterThan(0);
    for (const id of ADVISORY_RULES) {
      expect(factorOf.has(id), `${id} is not a registered rule id`).toBe(true);
      expect(factorOf.get(id), id).toBe(id.slice(0, 3));
    }
  });
});

describe("an embedded file datastore wired by the app (F06-EMBEDDED-DATASTORE) — scoring v14", () => {
  const finding = (rule: string, data: Record<string, unknown> = {}) => ({ rule, severity: "medium", confidence: "medium", waived: false, fingerprint: rule, path: "store/sqlite.go", line: 6, message: "m", snippet: "s", data }) as unknown as Finding;
  const wired = result("F06-EMBEDDED-DATASTORE", "F06", { kind: "violation", status: "fail", score: 0.81, confidence: "medium", weight: 5, findings: [finding("F06-EMBEDDED-DATASTORE", { engine: "SQLite" })] });
  const stores = result("F06-EXTERNAL-STATE-STORES", "F06", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 10 });
  it("caps VI at partial even when every other VI rule passes", () => {
    expect(factor([stores], "F06").status).toBe("pass");
    expect(factor([wired, stores], "F06")).toMatchObject({ status: "partial", cap: 75 });
  });
  it("is not 'other local state' next to an F04 embedded store: VI stays partial, not built around a data directory", () => {
    const f04 = result("F04-EMBEDDED-BACKING-SERVICE", "F04", { kind: "violation", status: "fail", score: 0.9, confidence: "medium", weight: 10, findings: [finding("F04-EMBEDDED-BACKING-SERVICE", { engine: "SQLite" })] });
    expect(factor([f04, wired, stores], "F06").status).toBe("partial");
    // a real app data volume next to it is other local state: the app is built around its data directory
    const volume = result("F06-APP-PERSISTENT-VOLUME", "F06", { kind: "violation", status: "fail", score: 0.75, confidence: "medium", weight: 7.5, findings: [finding("F06-APP-PERSISTENT-VOLUME")] });
    expect(factor([f04, wired, volume, stores], "F06").status).toBe("fail");
  });
  it("VIII: the store alone does not pin the app to one host; with an app data volume it does", () => {
    const f04 = result("F04-EMBEDDED-BACKING-SERVICE", "F04", { kind: "violation", status: "fail", score: 0.9, confidence: "medium", weight: 10, findings: [finding("F04-EMBEDDED-BACKING-SERVICE", { engine: "SQLite" })] });
    const procs = result("F08-PROCESS-TYPES-DECLARED", "F08", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 7.5 });
    const volume = result("F06-APP-PERSISTENT-VOLUME", "F06", { kind: "violation", status: "fail", score: 0.75, confidence: "medium", weight: 7.5, findings: [finding("F06-APP-PERSISTENT-VOLUME")] });
    expect(factor([f04, wired, stores, procs], "F08").status).toBe("pass");
    expect(factor([f04, wired, volume, stores, procs], "F08").status).toBe("partial");
  });
});

describe("scoring v14: VI of a repository whose service keeps state on its instance", () => {
  const u = (path: string, loc: number): Unit => ({ ...unit, path, loc });
  const r = (path: string, rule: string, over: Partial<RuleResult>) => ({ ...result(rule, "F06", over), unit: path });
  const emb = { rule: "F06-EMBEDDED-DATASTORE", severity: "medium", confidence: "medium", waived: false, fingerprint: "e", path: "crates/db/src/con.rs", line: 3, message: "m", snippet: "s", data: { engine: "SQLite" } } as unknown as Finding;
  const vi = (wired: boolean) => scoreRepository({
    units: [u("crates/server", 20000), u("docker", 0)],
    results: [
      wired ? r("crates/server", "F06-EMBEDDED-DATASTORE", { kind: "violation", status: "fail", score: 0.81, confidence: "medium", weight: 5, findings: [emb] }) : r("crates/server", "F06-EMBEDDED-DATASTORE", { kind: "violation", status: "na", score: null, confidence: "medium", weight: 5 }),
      r("crates/server", "F06-EXTERNAL-STATE-STORES", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 10 }),
      r("docker", "F06-EXTERNAL-STATE-STORES", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 10 }),
    ],
    config: emptyConfig(), repoKind: "service",
  }).factors.find((f) => f.code === "F06")!;
  it("a code-less deploy unit does not average the service's cap away", () => {
    expect(vi(true)).toMatchObject({ score: 75, status: "partial" });
  });
  it("without the finding the units are averaged as before", () => {
    expect(vi(false).status).toBe("pass");
  });
});

describe("scoring v15: XI of a repository whose API writes its log to a file (session 16: peppermint)", () => {
  const u = (path: string, loc: number): Unit => ({ ...unit, path, loc });
  const r = (path: string, rule: string, over: Partial<RuleResult>) => ({ ...result(rule, "F11", over), unit: path });
  const file = { rule: "F11-FILE-LOG-SINK", severity: "high", confidence: "high", waived: false, fingerprint: "f", path: "apps/api/src/main.ts", line: 18, message: "m", snippet: "s" } as unknown as Finding;
  const xi = (apiToFile: boolean) => scoreRepository({
    units: [u("apps/api", 8000), u("apps/client", 20000), u("apps/landing", 6000)],
    results: [
      apiToFile ? r("apps/api", "F11-FILE-LOG-SINK", { kind: "violation", status: "fail", score: 0.6, confidence: "high", weight: 10, findings: [file] }) : r("apps/api", "F11-FILE-LOG-SINK", { kind: "violation", status: "pass", score: 1, confidence: "high", weight: 10 }),
      r("apps/api", "F11-STDOUT-LOG-SINK", { kind: "evidence", status: apiToFile ? "fail" : "pass", score: apiToFile ? 0 : 1, confidence: "medium", weight: 10 }),
      r("apps/client", "F11-STDOUT-LOG-SINK", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 10 }),
      r("apps/landing", "F11-STDOUT-LOG-SINK", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 10 }),
    ],
    config: emptyConfig(), repoKind: "monorepo",
  }).factors.find((f) => f.code === "F11")!;
  it("the front ends that log to the console do not average the API's file-only cap away", () => {
    expect(xi(true)).toMatchObject({ score: 40, status: "fail" });
  });
  it("without the file sink the units are averaged as before", () => {
    expect(xi(false).status).toBe("pass");
  });
});

describe("scoring v14: a wired embedded store beside a deployed networked database (F04 v16 networkedDeploy)", () => {
  const wired = (networkedDeploy: boolean) => ({ rule: "F04-EMBEDDED-BACKING-SERVICE", severity: "medium", confidence: "medium", waived: false, fingerprint: "w", path: "crates/server-sqlite/src/lib.rs", line: 4, message: "m", snippet: "s", data: { engine: "SQLite (sqlx/diesel)", ...(networkedDeploy ? { networkedDeploy: true } : {}) } }) as unknown as Finding;
  const f04 = (n: boolean) => result("F04-EMBEDDED-BACKING-SERVICE", "F04", { kind: "violation", status: "fail", score: 0.8125, confidence: "medium", weight: 10, findings: [wired(n)] });
  const volFinding = { rule: "F06-APP-PERSISTENT-VOLUME", severity: "medium", confidence: "high", waived: false, fingerprint: "vol", path: "k8s/app.yaml", line: 10, message: "m", snippet: "s" } as unknown as Finding;
  const volume = result("F06-APP-PERSISTENT-VOLUME", "F06", { kind: "violation", status: "fail", score: 0.75, confidence: "high", weight: 7.5, findings: [volFinding] });
  const procs = result("F08-PROCESS-TYPES-DECLARED", "F08", { kind: "evidence", status: "pass", score: 1, confidence: "high", weight: 7.5 });
  it("VI: not built around a local data directory when the deploy attaches a networked database", () => {
    expect(factor([f04(false), volume], "F06").status).toBe("fail");
    expect(factor([f04(true), volume], "F06").status).toBe("partial");
  });
  it("VIII: the wired store does not pin the app to one host then", () => {
    expect(factor([f04(false), volume, procs], "F08").status).toBe("partial");
    expect(factor([f04(true), volume, procs], "F08").status).toBe("pass");
  });
});
