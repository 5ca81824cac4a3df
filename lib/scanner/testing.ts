// Test helpers for rule authors (used by *.test.ts only). Fixtures are tiny in-memory repos written
// to a temp directory, scanned with the real snapshot + classification + run-rules pipeline.
//
//   ruleTester(rule, {
//     valid:   [{ name: "PORT from env", files: { "package.json": "…", "src/server.ts": "…" } }],
//     invalid: [{ name: "listen(3000)", files: { … }, findings: [{ path: "src/server.ts", line: 3 }] }],
//   });
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Finding, RuleResult, RuleStatus, Severity, Unit, UnitKind } from "./types.ts";
import type { RuleDefinition } from "./rules/define-rule.ts";
import { collectSnapshot, type Snapshot } from "./snapshot/index.ts";
import { safeGitEnv } from "./snapshot/inventory.ts";
import { classifyRepository } from "./classify/units.ts";
import { runRules, type RuleRunNotice } from "./run-rules.ts";
import { emptyConfig, parseConfig, validateConfig, CONFIG_FILE_NAMES } from "./config.ts";

export type FixtureFiles = Record<string, string | Uint8Array>;

export interface FixtureOptions {
  /** Create a git repository and stage the files (needed when .gitignore must not hide tracked files). */
  git?: boolean;
  /** Force the kind of the root unit (declared in config). */
  kind?: UnitKind;
  /** Extra declared units. */
  units?: { path: string; kind: UnitKind }[];
  /** .twelve-factor.yml content (also read from the fixture files). */
  config?: string;
}

export async function writeFixture(files: FixtureFiles, opts: { git?: boolean } = {}): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tf-fixture-"));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    if (!abs.startsWith(dir + path.sep)) throw new Error(`fixture path escapes the fixture dir: ${rel}`);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  if (opts.git) {
    const run = (args: string[]) =>
      new Promise<void>((resolve, reject) =>
        execFile("git", ["-c", "core.hooksPath=/dev/null", "-c", "user.name=fixture", "-c", "user.email=fixture@example.invalid", ...args], { cwd: dir, env: safeGitEnv() as NodeJS.ProcessEnv }, (err) => (err ? reject(err) : resolve())),
      );
    await run(["init", "-q"]);
    await run(["add", "-A", "-f"]);
    await run(["commit", "-q", "-m", "fixture", "--no-gpg-sign"]);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Build a snapshot from an in-memory file map (the temp dir is removed afterwards). */
export async function snapshotFromFiles(files: FixtureFiles, opts: FixtureOptions = {}): Promise<{ snapshot: Snapshot; units: Unit[]; repoKind: string }> {
  const { dir, cleanup } = await writeFixture(files, opts);
  try {
    const snapshot = await collectSnapshot(dir);
    const cfgText = opts.config ?? CONFIG_FILE_NAMES.map((n) => snapshot.text(n)).find((t) => t !== undefined);
    const config = cfgText ? parseConfig(cfgText, ".twelve-factor.yml") : emptyConfig();
    const declared = [...config.units, ...(opts.units ?? []), ...(opts.kind ? [{ path: ".", kind: opts.kind }] : [])];
    const cls = classifyRepository(snapshot, declared);
    snapshot.setUnits(cls.units);
    return { snapshot, units: cls.units, repoKind: cls.repoKind };
  } finally {
    await cleanup();
  }
}

export interface RuleRun {
  results: RuleResult[];
  /** Findings of all units (including waived ones). */
  findings: Finding[];
  /** Result for the root unit (or the first unit). */
  result: RuleResult;
  units: Unit[];
  notices: RuleRunNotice[];
}

/** Run one rule over a fixture. */
export async function runRule(rule: RuleDefinition, files: FixtureFiles, opts: FixtureOptions = {}): Promise<RuleRun> {
  const { snapshot, units, repoKind } = await snapshotFromFiles(files, opts);
  const cfgText = opts.config ?? CONFIG_FILE_NAMES.map((n) => (typeof files[n] === "string" ? (files[n] as string) : undefined)).find((t) => t !== undefined);
  const config = cfgText ? validateConfig(parseConfig(cfgText, ".twelve-factor.yml"), [rule.meta], "2026-01-01") : emptyConfig();
  const { results, notices } = runRules({ snapshot, units, repoKind, rules: [rule], config });
  const result = results.find((r) => r.unit === ".") ?? results[0];
  return { results, findings: results.flatMap((r) => r.findings), result, units, notices };
}

export interface ExpectedFinding {
  path?: string;
  line?: number;
  severity?: Severity;
  confidence?: Finding["confidence"];
  /** Substring or regex the message must match. */
  message?: string | RegExp;
  /** Substring the snippet must contain. */
  snippet?: string;
  waived?: boolean;
}

export interface ValidCase {
  name: string;
  files: FixtureFiles;
  options?: FixtureOptions;
  /** Accepted statuses for a valid case (default: anything but "fail"/"partial"/"errored", and no open findings). */
  status?: RuleStatus | RuleStatus[];
}

export interface InvalidCase {
  name: string;
  files: FixtureFiles;
  options?: FixtureOptions;
  /** Expected findings (each must match one open finding), or the exact number of open findings. */
  findings?: ExpectedFinding[] | number;
  /** Expected rule status (default "fail" for violation rules, "fail" or "partial" for evidence rules). */
  status?: RuleStatus | RuleStatus[];
}

function matches(f: Finding, e: ExpectedFinding): boolean {
  if (e.path !== undefined && f.path !== e.path) return false;
  if (e.line !== undefined && f.line !== e.line) return false;
  if (e.severity !== undefined && f.severity !== e.severity) return false;
  if (e.confidence !== undefined && f.confidence !== e.confidence) return false;
  if (e.waived !== undefined && f.waived !== e.waived) return false;
  if (e.snippet !== undefined && !f.snippet.includes(e.snippet)) return false;
  if (e.message !== undefined && !(typeof e.message === "string" ? f.message.includes(e.message) : e.message.test(f.message))) return false;
  return true;
}

function describeFindings(fs: Finding[]): string {
  return fs.map((f) => `  ${f.path}:${f.line ?? "-"} [${f.severity}] ${f.message} | ${f.snippet}`).join("\n") || "  (none)";
}

/** Assertion helpers for a single fixture. */
export function expectRule(rule: RuleDefinition, files: FixtureFiles, opts: FixtureOptions = {}) {
  return {
    async toTrigger(expected?: ExpectedFinding[] | number, status?: RuleStatus | RuleStatus[]): Promise<RuleRun> {
      const run = await runRule(rule, files, opts);
      const open = run.findings.filter((f) => !f.waived);
      const errored = run.results.find((r) => r.status === "errored");
      if (errored) throw new Error(`${rule.meta.id} errored: ${errored.error}`);
      // Info findings are report-only, so a violation rule whose open findings are all info still passes.
      const infoOnly = open.length > 0 && open.every((f) => f.severity === "info");
      const statuses =
        status === undefined ? (rule.meta.kind === "violation" ? [infoOnly ? "pass" : "fail"] : ["fail", "partial"]) : Array.isArray(status) ? status : [status];
      expect(statuses, `status of ${rule.meta.id} (reason: ${run.result.reason ?? "-"})\nfindings:\n${describeFindings(run.findings)}`).toContain(run.result.status);
      if (typeof expected === "number") {
        expect(open.length, `number of open findings\n${describeFindings(open)}`).toBe(expected);
      } else if (expected) {
        for (const e of expected) {
          expect(open.some((f) => matches(f, e)) || (e.waived === true && run.findings.some((f) => matches(f, e))), `expected a finding ${JSON.stringify(e)}\nactual:\n${describeFindings(run.findings)}`).toBe(true);
        }
      } else if (rule.meta.kind === "violation") {
        expect(open.length, "at least one open finding").toBeGreaterThan(0);
      }
      return run;
    },
    async notToTrigger(status?: RuleStatus | RuleStatus[]): Promise<RuleRun> {
      const run = await runRule(rule, files, opts);
      const open = run.findings.filter((f) => !f.waived);
      const errored = run.results.find((r) => r.status === "errored");
      if (errored) throw new Error(`${rule.meta.id} errored: ${errored.error}`);
      expect(open, `unexpected findings:\n${describeFindings(open)}`).toHaveLength(0);
      const ok = status === undefined ? ["pass", "na", "waived"] : Array.isArray(status) ? status : [status];
      expect(ok, `status of ${rule.meta.id} (reason: ${run.result.reason ?? "-"})`).toContain(run.result.status);
      return run;
    },
  };
}

/** ESLint-RuleTester-style table of valid (must not trigger) and invalid (must trigger) cases. */
export function ruleTester(rule: RuleDefinition, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    if (!cases.valid.length || !cases.invalid.length) throw new Error(`${rule.meta.id}: ruleTester needs at least one valid and one invalid case`);
    describe("valid", () => {
      for (const c of cases.valid) it(c.name, async () => void (await expectRule(rule, c.files, c.options).notToTrigger(c.status)));
    });
    describe("invalid", () => {
      for (const c of cases.invalid) it(c.name, async () => void (await expectRule(rule, c.files, c.options).toTrigger(c.findings, c.status)));
    });
  });
}
