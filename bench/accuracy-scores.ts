// Factor scores for calibration work: re-scores every cached scoring input under CACHE_ROOT/<set>/<repo>.json (written by
// `ACC_CACHE=DIR bash bench/accuracy-sets.sh …`) with the current scoring code and prints one TSV line per factor:
// set, repo, factor, score, status, human verdict (from bench/accuracy/verdicts*.json, by repository name).
//   npx tsx bench/accuracy-scores.ts CACHE_ROOT OUT.tsv
// Session 10 used it to fit per-factor status thresholds on one pair of fresh sets and test them on the other
// (DISAGREEMENTS.md, session 10).
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { scoreRepository } from "../lib/scanner/score.ts";
const [cacheRoot, out] = process.argv.slice(2);
if (!cacheRoot || !out) {
  process.stderr.write("usage: npx tsx bench/accuracy-scores.ts CACHE_ROOT OUT.tsv\n");
  process.exit(2);
}
const verdicts = new Map<string, Record<string, [string, string]>>();
for (const f of await readdir("bench/accuracy")) {
  if (!/^verdicts.*\.json$/.test(f)) continue;
  const d = JSON.parse(await readFile(path.join("bench/accuracy", f), "utf8"));
  for (const r of d.repos) verdicts.set(r.name, r.factors);
}
const rows: string[] = [];
for (const set of await readdir(cacheRoot)) {
  for (const f of await readdir(path.join(cacheRoot, set))) {
    const name = f.replace(/\.json$/, "");
    const v = verdicts.get(name);
    if (!v) continue;
    const cached = JSON.parse(await readFile(path.join(cacheRoot, set, f), "utf8"));
    const scored = scoreRepository(cached.input);
    for (const fr of scored.factors) rows.push([set, name, fr.id, fr.score ?? "", fr.status, v[fr.id]?.[0] ?? "na"].join("\t"));
  }
}
await writeFile(out, rows.join("\n") + "\n");
console.log(`${rows.length} factor rows -> ${out}`);
