// Accuracy benchmark: human per-factor verdicts vs the scanner on real public repositories (issue 3).
//   npx tsx bench/accuracy.ts <dir-with-checkouts> [--verdicts FILE] [--json] [--cache DIR]
//   npx tsx bench/accuracy.ts --rescore DIR [--verdicts FILE] [--json]
// For every repo in bench/accuracy/verdicts.json whose checkout exists as <dir>/<name>, scans it with the
// same entry point as the CLI (scanRepository) and prints human vs scanner per factor, then the totals:
// agreement over all factor verdicts, pass<->fail inversions, and a confusion matrix (rows = human).
// Repositories marked `heldOut: true` (verdicts written after the fixes, before scanning them) are
// reported separately and excluded from the main totals, so tuning cannot hide overfitting; with several
// held-out sets (`heldOutSet`, the session that wrote them) each set's figure is printed too.
// A checkout at a different commit than the one the verdicts were written for is scanned but flagged.
// --cache DIR also writes each repository's scoring input (units, rule results, config) to DIR/<name>.json;
// --rescore DIR then re-scores those inputs with the current score.ts without scanning (seconds for every set),
// which is how a scoring-only change is checked across all sets before the full run confirms it.
// Exit code: 0 when agreement >= 90% and no inversions, 1 otherwise, 2 on usage errors.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { scanRepository } from "../lib/scanner/scan.ts";
import { scoreRepository, type ScoreInput } from "../lib/scanner/score.ts";

const STATUSES = ["pass", "partial", "fail", "na"] as const;
type Status = (typeof STATUSES)[number];
const FACTORS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"] as const;
const TARGET_AGREEMENT = 90;

interface RepoVerdicts {
  name: string;
  url: string;
  commit: string;
  kind: string;
  heldOut?: boolean;
  /** Which held-out set the repo belongs to (verdicts written in that session, before scanning). */
  heldOutSet?: string;
  factors: Record<string, [Status, string]>;
}

interface Row {
  factor: string;
  human: Status;
  scanner: Status;
  rationale: string;
  rules: string[];
}

function headOf(dir: string): Promise<string | null> {
  return new Promise((resolve) =>
    execFile("git", ["-C", dir, "rev-parse", "HEAD"], (e, out) => resolve(e ? null : out.trim())),
  );
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { verdicts: { type: "string" }, json: { type: "boolean", default: false }, cache: { type: "string" }, rescore: { type: "string" } },
  });
  const rescore = values.rescore;
  const dir = rescore ?? positionals[0];
  if (!dir) {
    process.stderr.write("usage: npx tsx bench/accuracy.ts <dir-with-checkouts> [--verdicts FILE] [--json] [--cache DIR]\n       npx tsx bench/accuracy.ts --rescore DIR [--verdicts FILE] [--json]\n");
    return 2;
  }
  if (values.cache) await mkdir(values.cache, { recursive: true });
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Default: verdicts.json plus every verdicts-<set>.json beside it (one file per held-out set, so sets
  // written in parallel never touch the same file); --verdicts FILE reads that one file only.
  const accDir = path.join(here, "accuracy");
  const verdictFiles = values.verdicts
    ? [values.verdicts]
    : [
        path.join(accDir, "verdicts.json"),
        ...(await readdir(accDir)).filter((f) => /^verdicts-[\w.-]+\.json$/.test(f)).sort().map((f) => path.join(accDir, f)),
      ];
  const data: { repos: RepoVerdicts[] } = { repos: [] };
  for (const file of verdictFiles) {
    const parsed = JSON.parse(await readFile(file, "utf8")) as { repos: RepoVerdicts[] };
    data.repos.push(...parsed.repos);
  }

  const confusion: Record<Status, Record<Status, number>> = Object.fromEntries(
    STATUSES.map((h) => [h, Object.fromEntries(STATUSES.map((s) => [s, 0]))]),
  ) as Record<Status, Record<Status, number>>;
  let total = 0;
  let agree = 0;
  type Held = { total: number; agree: number; inversions: string[]; disagreements: string[] };
  const held: Held = { total: 0, agree: 0, inversions: [], disagreements: [] };
  const heldSets = new Map<string, Held>();
  const inversions: string[] = [];
  const disagreements: string[] = [];
  const results: unknown[] = [];
  const out: string[] = [];

  for (const repo of data.repos) {
    const checkout = path.join(dir, rescore ? `${repo.name}.json` : repo.name);
    if (!existsSync(checkout)) {
      out.push(`-- ${repo.name}: no ${rescore ? "cached scoring input" : "checkout"} at ${checkout}, skipped\n`);
      continue;
    }
    let head: string | null;
    let report: { kind: string; score: number | null; grade: string | null; factors: ReturnType<typeof scoreRepository>["factors"] };
    if (rescore) {
      const cached = JSON.parse(await readFile(checkout, "utf8")) as { head: string | null; input: ScoreInput };
      head = cached.head;
      const scored = scoreRepository(cached.input);
      report = { kind: cached.input.repoKind, score: scored.overall.score, grade: scored.overall.grade, factors: scored.factors };
    } else {
      head = await headOf(checkout);
      let input: ScoreInput | undefined;
      report = await scanRepository(checkout, { onScoreInput: (i) => (input = i) });
      if (values.cache && input) await writeFile(path.join(values.cache, `${repo.name}.json`), JSON.stringify({ head, input }));
    }
    const byId = new Map(report.factors.map((f) => [f.id, f]));
    const rows: Row[] = FACTORS.map((id) => {
      const [human, rationale] = repo.factors[id] ?? ["na", "(no verdict)"];
      const f = byId.get(id);
      const scanner = (f?.status ?? "na") as Status;
      // Rules behind the verdict: those that did not pass (with their own status), then rules with findings.
      const ruleStats = (f?.rules ?? []).filter((x) => x.status === "fail" || x.status === "partial");
      const rules = [...new Set([...ruleStats.map((x) => `${x.id}:${x.status}`), ...(f?.findings ?? []).filter((x) => !x.waived).map((x) => x.rule)])];
      return { factor: id, human, scanner, rationale, rules };
    });

    const commitNote = head && head !== repo.commit ? `  !! checkout at ${head.slice(0, 12)}, verdicts for ${repo.commit.slice(0, 12)}` : "";
    out.push(`== ${repo.heldOut ? `[held-out${repo.heldOutSet ? ` ${repo.heldOutSet}` : ""}] ` : ""}${repo.name} (${repo.kind}; scanner kind ${report.kind}) ${repo.url} @ ${repo.commit.slice(0, 12)}${commitNote}`);
    out.push(`   ${pad("factor", 7)}${pad("human", 9)}${pad("scanner", 9)}  rules (not passing:status, then rules with findings)`);
    for (const r of rows) {
      const same = r.human === r.scanner;
      const inverted = (r.human === "pass" && r.scanner === "fail") || (r.human === "fail" && r.scanner === "pass");
      if (repo.heldOut) {
        const setName = repo.heldOutSet ?? "(unnamed)";
        let set = heldSets.get(setName);
        if (!set) heldSets.set(setName, (set = { total: 0, agree: 0, inversions: [], disagreements: [] }));
        for (const h of [held, set]) {
          h.total++;
          if (same) h.agree++;
          if (inverted) h.inversions.push(`${repo.name} ${r.factor}: human ${r.human}, scanner ${r.scanner}`);
          if (!same) h.disagreements.push(`${repo.name} ${r.factor}: human ${r.human}, scanner ${r.scanner} [${r.rules.join(", ")}] — ${r.rationale}`);
        }
      } else {
        total++;
        confusion[r.human][r.scanner]++;
        if (same) agree++;
        if (inverted) inversions.push(`${repo.name} ${r.factor}: human ${r.human}, scanner ${r.scanner}`);
        if (!same) disagreements.push(`${repo.name} ${r.factor}: human ${r.human}, scanner ${r.scanner} [${r.rules.join(", ")}] — ${r.rationale}`);
      }
      const mark = same ? " " : inverted ? "X" : "*";
      out.push(`${mark}  ${pad(r.factor, 7)}${pad(r.human, 9)}${pad(r.scanner, 9)}  ${r.rules.join(", ")}`);
    }
    out.push("");
    results.push({ name: repo.name, commit: repo.commit, head, scannerKind: report.kind, score: report.score, grade: report.grade, rows });
  }

  const pct = total ? (100 * agree) / total : 0;
  if (values.json) {
    process.stdout.write(JSON.stringify({ total, agree, agreementPct: Number(pct.toFixed(1)), inversions, confusion, disagreements, heldOut: held, heldOutSets: Object.fromEntries(heldSets), results }, null, 2) + "\n");
  } else {
    out.push(`Agreement: ${agree}/${total} factor verdicts = ${pct.toFixed(1)}% (target >= ${TARGET_AGREEMENT}%)`);
    out.push(`pass<->fail inversions: ${inversions.length}${inversions.length ? "\n  " + inversions.join("\n  ") : ""}`);
    out.push("");
    out.push("Confusion matrix (rows = human, columns = scanner):");
    out.push(`   ${pad("", 9)}${STATUSES.map((s) => pad(s, 9)).join("")}`);
    for (const h of STATUSES) out.push(`   ${pad(h, 9)}${STATUSES.map((s) => pad(String(confusion[h][s]), 9)).join("")}`);
    out.push("");
    out.push(`Disagreements (${disagreements.length}):`);
    for (const d of disagreements) out.push(`  ${d}`);
    if (held.total) {
      out.push("");
      out.push(`Held-out agreement: ${held.agree}/${held.total} = ${((100 * held.agree) / held.total).toFixed(1)}%, pass<->fail inversions: ${held.inversions.length}${held.inversions.length ? "\n  " + held.inversions.join("\n  ") : ""}`);
      out.push(`Held-out disagreements (${held.disagreements.length}):`);
      for (const d of held.disagreements) out.push(`  ${d}`);
      if (heldSets.size > 1) {
        for (const [name, h] of heldSets) {
          out.push("");
          out.push(`Held-out set ${name}: ${h.agree}/${h.total} = ${((100 * h.agree) / h.total).toFixed(1)}%, pass<->fail inversions: ${h.inversions.length}${h.inversions.length ? "\n  " + h.inversions.join("\n  ") : ""}`);
        }
      }
    }
    process.stdout.write(out.join("\n") + "\n");
  }
  return pct >= TARGET_AGREEMENT && inversions.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`accuracy: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(2);
  },
);
