// The single entry point used by the worker, the CLI and tests:
//   scanRepository(dir, options) → ScanReport (the JSON contract, issue 3)
// Pipeline: snapshot (collect once) → classification → rules → waivers → scoring → report.
// No dependency on Next.js, Prisma, the queue or process.env.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Notice, ProgressEvent, ScanOptions, ScanReport, SkipReason, SkippedSummary } from "./types.ts";
import { SCHEMA_VERSION } from "./types.ts";
import { collectSnapshot } from "./snapshot/index.ts";
import { classifyRepository } from "./classify/units.ts";
import { runRules } from "./run-rules.ts";
import { applyWaivers } from "./waivers.ts";
import { scoreRepository } from "./score.ts";
import { CONFIG_FILE_NAMES, emptyConfig, parseConfig, validateConfig } from "./config.ts";
import { RULES } from "./rules/registry.ts";
import { RULES_VERSION, SCANNER_VERSION, SCORING_VERSION } from "./catalog.ts";

export { SCANNER_VERSION, RULES_VERSION, SCORING_VERSION };
export { listRules } from "./catalog.ts";

export class ScanError extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "NOT_A_DIRECTORY" | "CONFIG_UNREADABLE" | "ABORTED",
    message: string,
  ) {
    super(message);
    this.name = "ScanError";
  }
}

const DEFAULT_TIME_BUDGET_MS = 10 * 60_000;

export async function scanRepository(dir: string, options: ScanOptions = {}): Promise<ScanReport> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) => (timings[name] = Math.round(performance.now() - since));
  const progress = (e: ProgressEvent) => {
    try {
      options.onProgress?.(e);
    } catch {
      // a failing progress callback must not break the scan
    }
  };
  const abs = path.resolve(dir);
  let st;
  try {
    st = await stat(abs);
  } catch {
    throw new ScanError("NOT_FOUND", `path not found: ${dir}`);
  }
  if (!st.isDirectory()) throw new ScanError("NOT_A_DIRECTORY", `not a directory: ${dir}`);
  const deadline = t0 + (options.limits?.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  const checkAbort = () => {
    if (options.signal?.aborted) throw new ScanError("ABORTED", "scan aborted");
  };

  // 1. snapshot
  let t = performance.now();
  let snapshot;
  try {
    snapshot = await collectSnapshot(abs, { limits: options.limits, onProgress: progress, signal: options.signal });
  } catch (e) {
    if (options.signal?.aborted) throw new ScanError("ABORTED", "scan aborted");
    throw e;
  }
  lap("snapshotMs", t);
  checkAbort();

  // 2. config
  let configText = options.configText;
  let configPath: string | null = null;
  if (configText === undefined && options.configFile) {
    try {
      configText = await readFile(options.configFile, "utf8");
      configPath = options.configFile;
    } catch (e) {
      throw new ScanError("CONFIG_UNREADABLE", `cannot read config file ${options.configFile}: ${(e as Error).message}`);
    }
  } else if (configText === undefined) {
    for (const name of CONFIG_FILE_NAMES) {
      const text = snapshot.text(name);
      if (text !== undefined) {
        configText = text;
        configPath = name;
        break;
      }
    }
  } else configPath = options.configFile ?? "(inline)";
  const ruleSet = (options.ruleSet ?? RULES).filter((r) => !options.rules || options.rules.includes(r.meta.id));
  const commitDay = snapshot.commitDate ? snapshot.commitDate.slice(0, 10) : null;
  const today = options.now ? options.now.toISOString().slice(0, 10) : commitDay ?? new Date().toISOString().slice(0, 10);
  const parsed = configText !== undefined ? parseConfig(configText, configPath) : emptyConfig();
  const config = validateConfig(parsed, ruleSet.map((r) => r.meta), today);

  // 3. classification
  t = performance.now();
  progress({ phase: "classify", done: 0 });
  const cls = classifyRepository(snapshot, config.units);
  snapshot.setUnits(cls.units);
  lap("classifyMs", t);

  // 4. parse JS/TS once (progress-reported), then rules
  t = performance.now();
  snapshot.warmJs(progress, options.signal);
  lap("parseMs", t);
  checkAbort();
  t = performance.now();
  progress({ phase: "rules", done: 0, total: ruleSet.length });
  let run;
  try {
    run = runRules({ snapshot, units: cls.units, repoKind: cls.repoKind, rules: ruleSet, config, onProgress: progress, signal: options.signal, deadline });
  } catch (e) {
    if (options.signal?.aborted) throw new ScanError("ABORTED", "scan aborted");
    throw e;
  }
  lap("rulesMs", t);

  // 5. waivers + scoring
  t = performance.now();
  progress({ phase: "score", done: 0 });
  const waived = applyWaivers(run.results, config, today);
  const scoreInput = { units: cls.units, results: waived.results, config, repoKind: cls.repoKind };
  try {
    options.onScoreInput?.(scoreInput);
  } catch {
    // tooling hook: a failing callback must not break the scan
  }
  const scored = scoreRepository(scoreInput);
  lap("scoreMs", t);

  const notices: Notice[] = [
    ...config.notices.map((n) => ({ code: n.code, severity: "info" as const, message: n.message, ...(configPath ? { path: configPath } : {}), ...(n.line ? { line: n.line } : {}) })),
    ...run.notices.map((n) => ({ code: n.code, severity: "info" as const, message: n.message, path: n.path, line: n.line, rule: n.rule })),
    ...waived.notices,
    ...scored.notices,
  ];

  // skipped files / parse errors / rules that could not run
  const byReason: Partial<Record<SkipReason, number>> = {};
  const skippedFiles: SkippedSummary["files"] = [];
  for (const f of snapshot.files) {
    if (!f.skipped) continue;
    byReason[f.skipped] = (byReason[f.skipped] ?? 0) + 1;
    if (skippedFiles.length < 200 && f.skipped !== "vendor") skippedFiles.push({ path: f.path, reason: f.skipped, ...(f.size ? { size: f.size } : {}) });
  }
  const ruleIssues = new Map<string, SkippedSummary["rules"][number]>();
  for (const r of waived.results) {
    if (r.status !== "errored" && r.status !== "unknown") continue;
    const key = `${r.rule}\0${r.unit}`;
    if (!ruleIssues.has(key)) ruleIssues.set(key, { rule: r.rule, unit: r.unit, status: r.status, reason: r.error ?? r.reason ?? "" });
  }
  const limitsHit = [...snapshot.limitsHit, ...(run.timeBudgetHit ? ["timeBudget"] : [])];
  const skipped: SkippedSummary = {
    total: Object.values(byReason).reduce((a, b) => a + (b ?? 0), 0),
    byReason,
    files: skippedFiles,
    parseErrors: [...snapshot.parseErrors].slice(0, 200),
    rules: [...ruleIssues.values()],
    limitsHit,
  };
  timings.totalMs = Math.round(performance.now() - t0);
  // per-rule time summed over units; the five slowest are reported
  const perRule = new Map<string, number>();
  for (const r of waived.results) perRule.set(r.rule, (perRule.get(r.rule) ?? 0) + r.durationMs);
  for (const [rule, ms] of [...perRule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)) if (ms >= 1) timings[`rule:${rule}`] = Math.round(ms);
  progress({ phase: "done", done: 1, total: 1 });

  return {
    schemaVersion: SCHEMA_VERSION,
    scanner: { version: SCANNER_VERSION, rulesVersion: RULES_VERSION, scoringVersion: SCORING_VERSION },
    repo: { path: options.displayPath ?? dir, commit: options.commit ?? snapshot.commit, configPath },
    kind: cls.repoKind,
    kindConfidence: cls.repoKindConfidence,
    units: scored.units,
    score: scored.overall.score,
    rawScore: scored.overall.rawScore,
    grade: scored.overall.grade,
    gradeLabel: scored.overall.gradeLabel,
    gatesApplied: scored.overall.gatesApplied,
    confidence: scored.overall.confidence,
    factors: scored.factors,
    notices,
    waivers: waived.summary,
    skipped,
    stats: {
      files: snapshot.files.length,
      filesRead: snapshot.stats.filesRead,
      bytesRead: snapshot.stats.bytesRead,
      rules: ruleSet.length,
      rulesErrored: new Set(waived.results.filter((r) => r.status === "errored").map((r) => r.rule)).size,
    },
    timings,
  };
}
