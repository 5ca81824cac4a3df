// twelvefactor CLI: thin entry point over lib/scanner (scanRepository + renderers).
//   twelvefactor scan <path-or-git-url> [--format table|json|sarif|markdown] [--fail-under N]
//                     [--config FILE] [--output FILE] [--now YYYY-MM-DD] [--no-color] [--quiet]
//   twelvefactor rules [--format table|json]
// Exit codes: 0 ok, 1 score below --fail-under, 2 usage or scan error (one-line message on stderr).
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { scanRepository, ScanError, listRules, SCANNER_VERSION, RULES_VERSION } from "../lib/scanner/scan.ts";
import type { ProgressEvent, ScanReport } from "../lib/scanner/types.ts";
import { renderJson } from "../lib/scanner/report/json.ts";
import { renderTable } from "../lib/scanner/report/table.ts";
import { renderMarkdown } from "../lib/scanner/report/markdown.ts";
import { renderSarif } from "../lib/scanner/report/sarif.ts";
import { safeClone } from "../lib/git/safe-clone.ts";

const USAGE = `Usage:
  twelvefactor scan <path-or-git-url> [options]
  twelvefactor rules [--format table|json]

Options:
  --format <table|json|sarif|markdown>  output format (default: table)
  --fail-under <0-100>                  exit 1 when the overall score is below N
  --config <file>                       use this config instead of the repo's .twelve-factor.yml
  --output <file>                       write the report to a file instead of stdout
  --now <YYYY-MM-DD>                    reference date for waiver expiry (default: HEAD commit date)
  --no-color                            plain table output
  --quiet                               no progress indicator
  -h, --help                            show this help
  -v, --version                         print versions`;

const FORMATS = ["table", "json", "sarif", "markdown"] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/** Is this argument a git URL rather than a local path? */
export function isGitUrl(target: string): boolean {
  return /^(https?:\/\/|ssh:\/\/|git:\/\/|git@[\w.-]+:)/.test(target);
}

/** Clone a git URL into a temp dir with the hardened clone from lib/git (hooks off, limits, no submodules). */
export async function cloneForScan(url: string, signal?: AbortSignal): Promise<{ dir: string; headSha: string; limitsHit: string[]; cleanup(): Promise<void> }> {
  try {
    const r = await safeClone({ url, signal });
    return { dir: r.dir, headSha: r.headSha, limitsHit: r.limitsHit.map((l) => `${l.kind}: ${l.detail}`), cleanup: r.cleanup };
  } catch (e) {
    throw new ScanError("NOT_FOUND", `cannot clone ${url}: ${(e as Error).message.split("\n")[0]}`);
  }
}

function progressRenderer(io: CliIo, enabled: boolean) {
  if (!enabled) return { onProgress: undefined, done: () => {} };
  const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
  let i = 0;
  let last = 0;
  let shown = false;
  const label: Record<string, string> = { inventory: "listing files", read: "reading files", parse: "parsing JS/TS", classify: "classifying units", rules: "running rules", score: "scoring", done: "done" };
  const onProgress = (e: ProgressEvent) => {
    const now = Date.now();
    if (now - last < 80 && e.phase !== "done") return;
    last = now;
    const width = 20;
    const frac = e.total ? Math.min(1, e.done / e.total) : null;
    const barText = frac === null ? "" : ` [${"█".repeat(Math.round(frac * width))}${"░".repeat(width - Math.round(frac * width))}]`;
    const counts = e.total ? ` ${e.done}/${e.total}` : e.done ? ` ${e.done}` : "";
    const line = `${frames[i++ % frames.length]} ${label[e.phase] ?? e.phase}${barText}${counts}`;
    io.stderr.write(`\r\x1b[2K${line.slice(0, (io.stderr.columns ?? 80) - 1)}`);
    shown = true;
  };
  return { onProgress, done: () => shown && io.stderr.write("\r\x1b[2K") };
}

function render(report: ScanReport, format: Format, color: boolean): string {
  switch (format) {
    case "json":
      return renderJson(report);
    case "sarif":
      return renderSarif(report, listRules());
    case "markdown":
      return renderMarkdown(report);
    default:
      return renderTable(report, { color });
  }
}

async function scanCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", short: "f" },
      "fail-under": { type: "string" },
      config: { type: "string", short: "c" },
      output: { type: "string", short: "o" },
      now: { type: "string" },
      "no-color": { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
    },
  });
  if (positionals.length !== 1) throw new UsageError("scan needs exactly one <path-or-git-url>");
  const format = (values.format ?? "table") as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
  let failUnder: number | undefined;
  if (values["fail-under"] !== undefined) {
    failUnder = Number(values["fail-under"]);
    if (!Number.isFinite(failUnder) || failUnder < 0 || failUnder > 100) throw new UsageError("--fail-under must be a number between 0 and 100");
  }
  let now: Date | undefined;
  if (values.now !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.now) || Number.isNaN(Date.parse(values.now))) throw new UsageError("--now must be a date YYYY-MM-DD");
    now = new Date(values.now + "T00:00:00Z");
  }
  const target = positionals[0];
  const progress = progressRenderer(io, !!io.stderr.isTTY && !values.quiet);
  let cloned: Awaited<ReturnType<typeof cloneForScan>> | null = null;
  let report: ScanReport;
  try {
    let dir = target;
    if (isGitUrl(target)) {
      progress.onProgress?.({ phase: "inventory", done: 0, message: "cloning" });
      cloned = await cloneForScan(target);
      dir = cloned.dir;
    }
    report = await scanRepository(dir, {
      configFile: values.config,
      now,
      onProgress: progress.onProgress,
      displayPath: cloned ? target : undefined,
      commit: cloned?.headSha,
    });
  } finally {
    progress.done();
    if (cloned) await cloned.cleanup().catch(() => {});
  }
  const text = render(report, format, format === "table" && !values["no-color"] && !values.output && !!io.stdout.isTTY);
  if (values.output) await writeFile(values.output, text);
  else io.stdout.write(text);
  if (failUnder !== undefined) {
    if (report.score === null) {
      io.stderr.write(`twelvefactor: no overall score (${report.gradeLabel}); --fail-under not applied\n`);
    } else if (report.score < failUnder) {
      io.stderr.write(`twelvefactor: score ${report.score} is below --fail-under ${failUnder}\n`);
      return 1;
    }
  }
  return 0;
}

function rulesCommand(args: string[], io: CliIo): number {
  const { values } = parseArgs({ args, options: { format: { type: "string", short: "f" } } });
  const rules = listRules();
  if (values.format === "json") io.stdout.write(JSON.stringify(rules, null, 2) + "\n");
  else if (values.format && values.format !== "table") throw new UsageError("--format must be table or json");
  else for (const r of rules) io.stdout.write(`${r.id.padEnd(34)} ${r.kind.padEnd(9)} ${r.severity.padEnd(8)} ${r.title}\n`);
  return 0;
}

export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === "-h" || command === "--help" || command === "help") {
      io.stdout.write(USAGE + "\n");
      return command ? 0 : 2;
    }
    if (command === "-v" || command === "--version") {
      io.stdout.write(`twelvefactor ${SCANNER_VERSION} (rules ${RULES_VERSION})\n`);
      return 0;
    }
    if (rest.includes("-h") || rest.includes("--help")) {
      io.stdout.write(USAGE + "\n");
      return 0;
    }
    if (command === "scan") return await scanCommand(rest, io);
    if (command === "rules") return rulesCommand(rest, io);
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith?.("ERR_PARSE_ARGS")) {
      io.stderr.write(`twelvefactor: ${(e as Error).message}\n${USAGE.split("\n").slice(0, 3).join("\n")}\n`);
      return 2;
    }
    const msg = e instanceof ScanError ? e.message : `scan failed: ${(e as Error)?.message ?? String(e)}`;
    io.stderr.write(`twelvefactor: error: ${msg.split("\n")[0]}\n`);
    return 2;
  }
}

// Run when executed directly (`tsx bin/cli.ts …`); the package bin shim calls main() itself.
if (process.argv[1] && /(^|[\\/])cli\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
