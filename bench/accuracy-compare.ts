// Compares accuracy reports (the OUT directories `bash bench/accuracy-sets.sh ROOT OUT` writes, one <set>.txt per set)
// with the human verdicts inside them (issue 3):
//   npx tsx bench/accuracy-compare.ts OUT                per set: scanner agreement, inversions, and the constant predictor
//   npx tsx bench/accuracy-compare.ts OUT_A OUT_B [-v]   the same for OUT_B, plus every verdict that changed from A to B
//                                                         (+ now agrees, - no longer agrees, ~ changed but still wrong)
// The constant predictor says III, VI and VIII partial and every other factor pass, whatever the repository: the
// baseline a scanner has to beat on fresh sets (DISAGREEMENTS.md, sessions 13–19).
// Exit code: 0, or 2 on usage errors.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

type Status = "pass" | "partial" | "fail" | "na";
interface Row { set: string; repo: string; factor: string; human: Status; scanner: Status }

const HEADER_RE = /^== (?:\[held-out (\S+)\] )?(\S+) \(\S+; scanner kind \S+\)/;
const ROW_RE = /^[*X]?\s+(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\s+(pass|partial|fail|na)\s+(pass|partial|fail|na)\b/;
const CONSTANT: Record<string, Status> = { III: "partial", VI: "partial", VIII: "partial" };

/** The factor rows of one report (the per-repository tables `bench/accuracy.ts` prints). */
export function parseReport(text: string, fallbackSet: string): Row[] {
  const rows: Row[] = [];
  let repo: { set: string; name: string } | null = null;
  for (const line of text.split("\n")) {
    const h = HEADER_RE.exec(line);
    if (h) {
      repo = { set: h[1] ?? fallbackSet, name: h[2] };
      continue;
    }
    if (/^(Held-out )?[Aa]greement:/.test(line)) repo = null;
    const m = repo ? ROW_RE.exec(line) : null;
    if (m && repo) rows.push({ set: repo.set, repo: repo.name, factor: m[1], human: m[2] as Status, scanner: m[3] as Status });
  }
  return rows;
}

async function loadDir(dir: string): Promise<Row[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".txt")).sort();
  const all = await Promise.all(files.map(async (f) => parseReport(await readFile(path.join(dir, f), "utf8"), f.replace(/\.txt$/, ""))));
  return all.flat();
}

const inversion = (r: Row) => (r.human === "pass" && r.scanner === "fail") || (r.human === "fail" && r.scanner === "pass");
const pct = (a: number, n: number) => (n ? ((100 * a) / n).toFixed(1) : "0.0");

function summary(rows: readonly Row[]): string[] {
  const sets = [...new Set(rows.map((r) => r.set))].sort();
  const line = (name: string, rs: readonly Row[]) => {
    const agree = rs.filter((r) => r.human === r.scanner).length;
    const constant = rs.filter((r) => r.human === (CONSTANT[r.factor] ?? "pass")).length;
    return `${name.padEnd(14)} ${String(agree).padStart(5)}/${String(rs.length).padEnd(5)} ${pct(agree, rs.length).padStart(5)} %  inversions ${String(rs.filter(inversion).length).padStart(3)}  constant ${constant} (${pct(constant, rs.length)} %)`;
  };
  return [...sets.map((s) => line(s, rows.filter((r) => r.set === s))), line("ALL", rows)];
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const verbose = args.includes("-v");
  const [a, b] = args.filter((x) => x !== "-v");
  if (!a) {
    process.stderr.write("usage: npx tsx bench/accuracy-compare.ts OUT [OUT_B] [-v]\n");
    return 2;
  }
  const rowsA = await loadDir(a);
  if (!b) {
    process.stdout.write(summary(rowsA).join("\n") + "\n");
    return 0;
  }
  const rowsB = await loadDir(b);
  process.stdout.write(summary(rowsB).join("\n") + "\n");
  const key = (r: Row) => `${r.set}\0${r.repo}\0${r.factor}`;
  const before = new Map(rowsA.map((r) => [key(r), r]));
  const gained = new Map<string, number>(), lost = new Map<string, number>();
  const changes: string[] = [];
  for (const r of rowsB) {
    const old = before.get(key(r));
    if (!old || old.scanner === r.scanner) continue;
    const tag = old.scanner !== old.human && r.scanner === r.human ? "+" : old.scanner === old.human && r.scanner !== r.human ? "-" : "~";
    if (tag === "+") gained.set(r.factor, (gained.get(r.factor) ?? 0) + 1);
    if (tag === "-") lost.set(r.factor, (lost.get(r.factor) ?? 0) + 1);
    changes.push(`${tag} ${r.set} ${r.repo} ${r.factor}: human ${r.human}, scanner ${old.scanner} -> ${r.scanner}`);
  }
  const count = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
  const byFactor = (m: Map<string, number>) => [...m].map(([f, n]) => `${f} ${n}`).join(", ");
  process.stdout.write(`\nchanged from ${a} to ${b}: +${count(gained)} (${byFactor(gained)}) / -${count(lost)} (${byFactor(lost)}), ${changes.length} verdicts changed\n`);
  if (verbose) process.stdout.write(changes.join("\n") + "\n");
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await main());
