import { scanRepository } from "../lib/scanner/scan.ts";
const dir = process.argv[2];
for (let i = 0; i < 3; i++) {
  const r = await scanRepository(dir);
  const t = r.timings as Record<string, number>;
  console.log(i, JSON.stringify({ s: t.snapshotMs, c: t.classifyMs, p: t.parseMs, r: t.rulesMs, tot: t.totalMs }), Object.entries(t).filter(([k]) => k.startsWith("rule:")).map(([k, v]) => `${k.slice(5)}=${v}`).join(" "));
}
