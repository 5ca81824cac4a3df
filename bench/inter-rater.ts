// Inter-rater agreement: two independent human verdict files for the same repositories (issue 3). How often
// do two careful judges agree per factor? That is the ceiling an automated verdict can be held to.
//   npx tsx bench/inter-rater.ts bench/accuracy/verdicts-session6z.json bench/accuracy/second-opinion-session6z.json
// Prints agreement over the factor verdicts both files give, pass<->fail inversions and each disagreement.
// Exit code: 0, or 2 on usage errors.
import { readFile } from "node:fs/promises";

type Status = "pass" | "partial" | "fail" | "na";
interface RepoVerdicts { name: string; commit: string; factors: Record<string, [Status, string]> }

async function load(file: string): Promise<Map<string, RepoVerdicts>> {
  const data = JSON.parse(await readFile(file, "utf8")) as { repos: RepoVerdicts[] };
  return new Map(data.repos.map((r) => [r.name, r]));
}

async function main(): Promise<number> {
  const [fa, fb] = process.argv.slice(2);
  if (!fa || !fb) {
    process.stderr.write("usage: npx tsx bench/inter-rater.ts <verdicts-a.json> <verdicts-b.json>\n");
    return 2;
  }
  const [a, b] = await Promise.all([load(fa), load(fb)]);
  let total = 0, agree = 0, inversions = 0;
  const pairs = new Map<string, number>();
  const lines: string[] = [];
  for (const [name, ra] of a) {
    const rb = b.get(name);
    if (!rb) continue;
    if (ra.commit !== rb.commit) lines.push(`  ${name}: judged at different commits (${ra.commit.slice(0, 12)} vs ${rb.commit.slice(0, 12)})`);
    for (const [factor, [sa]] of Object.entries(ra.factors)) {
      const sb = rb.factors[factor]?.[0];
      if (!sb) continue;
      total++;
      if (sa === sb) { agree++; continue; }
      if ((sa === "pass" && sb === "fail") || (sa === "fail" && sb === "pass")) inversions++;
      pairs.set(`${sa}->${sb}`, (pairs.get(`${sa}->${sb}`) ?? 0) + 1);
      lines.push(`  ${name} ${factor}: ${sa} vs ${sb}`);
    }
  }
  if (!total) {
    process.stderr.write("no repository is judged in both files\n");
    return 2;
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  process.stdout.write(`Disagreement kinds (a->b): ${[...pairs].map(([k, v]) => `${k} ${v}`).join(", ") || "none"}\n`);
  process.stdout.write(`Inter-rater agreement: ${agree}/${total} = ${((100 * agree) / total).toFixed(1)}%, pass<->fail inversions: ${inversions}\n`);
  return 0;
}

main().then((code) => (process.exitCode = code), (e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exitCode = 2; });
