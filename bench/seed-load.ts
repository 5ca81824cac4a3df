// Load seed: one org with 1,000 repositories and 12 months of weekly scans (52 per repository), each
// with twelve factor results and findings, for the dashboard load benchmark (bench/load.ts).
//   DATABASE_URL=postgresql://… npx tsx bench/seed-load.ts [--repos 1000] [--weeks 52]
// Rows are generated inside PostgreSQL (INSERT … SELECT over generate_series, a few statements in one
// transaction), not one ORM call per row. Finding rule ids, titles and remediations are the scanner's
// real catalog. Re-running replaces the org "load-org" (cascade) and nothing else. Deterministic
// (hash-based pseudo-randomness), so runs are comparable.
import pg from "pg";
import { loadEnv } from "../lib/env.ts";
import { listRules } from "../lib/scanner/catalog.ts";
import { arg } from "./args.ts";

export const LOAD_ORG_ID = "load-org";

const REPOS = Number(arg("repos") ?? 1000);
const WEEKS = Number(arg("weeks") ?? 52);

/** SQL for a deterministic pseudo-random number in [0, 1) from text parts. */
const rnd = (...parts: string[]) => `(('x' || substr(md5(${parts.join(" || ':' || ")}), 1, 8))::bit(32)::bigint / 4294967296.0)`;

async function main(): Promise<void> {
  const client = new pg.Client({ connectionString: loadEnv().DATABASE_URL });
  await client.connect();
  const t0 = performance.now();
  const timings: [string, number, number][] = [];
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    const res = await client.query(sql, params);
    timings.push([label, res.rowCount ?? 0, Math.round(performance.now() - t)]);
  };
  const rules = listRules().filter((r) => r.kind === "violation");
  try {
    await client.query("BEGIN");
    await step("delete previous load org", `DELETE FROM "Org" WHERE id = $1`, [LOAD_ORG_ID]);
    await step(
      "org",
      `INSERT INTO "Org" (id, "sourceKind", login, name, "lastSyncedAt", "createdAt", "updatedAt")
       VALUES ($1, 'GITHUB', 'load-test', 'Load Test Org', now(), now(), now())`,
      [LOAD_ORG_ID],
    );
    await client.query(`CREATE TEMP TABLE rule_cat (factor int, idx int, rule_id text, title text, remediation text, severity "Severity") ON COMMIT DROP`);
    const byFactor = new Map<number, typeof rules>();
    for (const r of rules) {
      const f = Number(r.factor.slice(1));
      byFactor.set(f, [...(byFactor.get(f) ?? []), r]);
    }
    const catRows = [...byFactor].flatMap(([f, list]) => list.map((r, i) => [f, i, r.id, r.title, r.remediation, r.severity.toUpperCase()]));
    await client.query(
      `INSERT INTO rule_cat SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::"Severity"[])`,
      [0, 1, 2, 3, 4, 5].map((c) => catRows.map((row) => row[c])),
    );
    await client.query(`CREATE TEMP TABLE rule_count ON COMMIT DROP AS SELECT factor, count(*)::int AS n FROM rule_cat GROUP BY factor`);

    await step(
      "repositories",
      `INSERT INTO "Repository" (id, "orgId", "externalId", name, "fullName", description, "cloneUrl", "htmlUrl",
         "defaultBranch", archived, visibility, language, topics, "createdAt", "updatedAt")
       SELECT 'load-repo-' || lpad(i::text, 4, '0'), $1, (100000 + i)::text,
         (ARRAY['api','web','worker','billing','search','auth','ledger','gateway','mailer','reports','catalog','inventory'])[1 + i % 12]
           || '-' || (ARRAY['service','app','jobs','core','ui','sync','tools','edge'])[1 + (i / 12) % 8] || '-' || i,
         'load-test/repo-' || i, 'Synthetic repository ' || i, 'https://example.invalid/load-test/repo-' || i || '.git',
         'https://github.com/load-test/repo-' || i, 'main', i % 41 = 0, 'private',
         (ARRAY['TypeScript','Go','Python','Java','Ruby','Kotlin','Rust','C#'])[1 + (i * 7) % 8],
         ARRAY['team-' || (ARRAY['payments','platform','growth','data','identity','core'])[1 + i % 6]] ||
           CASE WHEN i % 3 = 0 THEN ARRAY['tier-1'] ELSE ARRAY[]::text[] END,
         now() - interval '400 days', now()
       FROM generate_series(1, $2::int) i`,
      [LOAD_ORG_ID, REPOS],
    );

    // Per repository: a base quality and a yearly trend; per week: noise. Week WEEKS-1 is this week.
    // The latest scan of every 50th repository failed and of every 97th is still running (no results).
    await step(
      "scans",
      `INSERT INTO "Scan" (id, "repositoryId", status, trigger, progress, error, "commitSha", "scannerVersion", "resultKey",
         "queuedAt", "startedAt", "finishedAt", "createdAt", score, "rawScore", grade, confidence, kind, "cloneMs", "scanMs")
       SELECT s.id, s.repo, s.status, 'SCHEDULE', CASE WHEN s.status = 'SCANNING' THEN 40 ELSE 100 END,
         CASE WHEN s.status = 'FAILED' THEN 'clone failed: repository is larger than CLONE_MAX_BYTES (512 MiB)' END,
         CASE WHEN s.status = 'DONE' THEN md5(s.id) END, CASE WHEN s.status = 'DONE' THEN '0.1.0' END,
         CASE WHEN s.status = 'DONE' THEN md5(s.id) || ':0.1.0' END,
         s.at - interval '2 minutes', s.at - interval '1 minute', CASE WHEN s.status <> 'SCANNING' THEN s.at END,
         s.at - interval '2 minutes',
         CASE WHEN s.status = 'DONE' AND NOT s.docs THEN s.score END, CASE WHEN s.status = 'DONE' AND NOT s.docs THEN s.score END,
         CASE WHEN s.status <> 'DONE' OR s.docs THEN NULL WHEN s.score >= 90 THEN 'A' WHEN s.score >= 80 THEN 'B'
           WHEN s.score >= 70 THEN 'C' WHEN s.score >= 60 THEN 'D' ELSE 'F' END,
         CASE WHEN s.status = 'DONE' THEN (ARRAY['HIGH','MEDIUM','LOW']::"Confidence"[])[1 + s.i % 3] END,
         CASE WHEN s.status = 'DONE' THEN CASE WHEN s.docs THEN 'docs' ELSE (ARRAY['service','worker','library','cli','static','infra'])[1 + s.i % 6] END END,
         400 + s.i % 900, 1500 + (s.i * 13) % 4000
       FROM (
         SELECT i, w, 'load-scan-' || lpad(i::text, 4, '0') || '-' || lpad(w::text, 2, '0') AS id,
           'load-repo-' || lpad(i::text, 4, '0') AS repo,
           now() - ((${WEEKS - 1} - w) * interval '7 days') - (i % 72) * interval '1 hour' AS at,
           (CASE WHEN w = ${WEEKS - 1} AND i % 97 = 0 THEN 'SCANNING' WHEN w = ${WEEKS - 1} AND i % 50 = 0 THEN 'FAILED' ELSE 'DONE' END)::"ScanStatus" AS status,
           i % 59 = 0 AS docs,
           round(greatest(5, least(100, 35 + 55 * ${rnd("i::text", "'base'")} + (w - ${WEEKS}) * (${rnd("i::text", "'trend'")} - 0.35) * 0.4
             + 8 * (${rnd("i::text", "w::text")} - 0.5)))::numeric, 1)::float8 AS score
         FROM generate_series(1, $1::int) i, generate_series(0, ${WEEKS - 1}) w
       ) s`,
      [REPOS],
    );

    // Factor results: the scan score plus a per-(repo, factor) offset; a few factors are not applicable.
    await step(
      "factor results",
      `INSERT INTO "FactorResult" (id, "scanId", factor, score, "rawScore", status, confidence, findings)
       SELECT x.id, x."scanId", x.f, x.fs, x.fs,
         (CASE WHEN x.fs IS NULL THEN 'NA' WHEN x.fs >= 80 THEN 'PASS' WHEN x.fs >= 50 THEN 'PARTIAL' ELSE 'FAIL' END)::"FactorStatus",
         (ARRAY['HIGH','MEDIUM','LOW']::"Confidence"[])[1 + (x.ri + x.f) % 3],
         CASE WHEN x.fs IS NULL OR x.fs >= 80 THEN 0 WHEN x.fs >= 50 THEN 1 ELSE 1 + (x.ri + x.f) % 3 END
       FROM (
         SELECT s.id || '-f' || f AS id, s.id AS "scanId", f, r.ri,
           CASE WHEN (r.ri + f) % 11 = 0 OR (s.kind = 'docs' AND f <> 3) THEN NULL
             ELSE round(greatest(0, least(100, coalesce(s.score, 100) + 50 * (${rnd("r.ri::text", "f::text")} - 0.45)
               + 6 * (${rnd("s.id", "f::text")} - 0.5)))::numeric)::float8 END AS fs
         FROM "Scan" s
         JOIN LATERAL (SELECT substr(s."repositoryId", 11)::int AS ri) r ON true
         CROSS JOIN generate_series(1, 12) f
         WHERE s."repositoryId" LIKE 'load-repo-%' AND s.status = 'DONE'
       ) x`,
    );

    // Findings: one per partial factor, one to three per failing factor, from that factor's rules. The
    // fingerprint is stable per (repository, rule, slot) so the same finding recurs week after week.
    await step(
      "findings",
      `INSERT INTO "Finding" (id, "scanId", "ruleId", factor, severity, confidence, message, remediation, path, line, snippet, fingerprint)
       SELECT fr.id || '-' || k, fr."scanId", c.rule_id, fr.factor, c.severity, fr.confidence, c.title, c.remediation,
         (ARRAY['src/config.ts','Dockerfile','docker-compose.yml','.github/workflows/deploy.yml','src/server.ts','app/settings.py','cmd/main.go','package.json'])[1 + (r.ri + k + fr.factor) % 8],
         1 + (r.ri * 7 + k * 13) % 200, NULL, md5(r.ri::text || ':' || c.rule_id || ':' || k)
       FROM "FactorResult" fr
       JOIN "Scan" s ON s.id = fr."scanId"
       JOIN LATERAL (SELECT substr(s."repositoryId", 11)::int AS ri) r ON true
       CROSS JOIN LATERAL generate_series(1, fr.findings) k
       JOIN rule_count rc ON rc.factor = fr.factor
       JOIN rule_cat c ON c.factor = fr.factor AND c.idx = (r.ri + k * 3) % rc.n
       WHERE s."repositoryId" LIKE 'load-repo-%' AND fr.findings > 0`,
    );
    await client.query("COMMIT");
    const tAnalyze = performance.now();
    await client.query(`ANALYZE "Org", "Repository", "Scan", "FactorResult", "Finding"`);
    timings.push(["analyze", 0, Math.round(performance.now() - tAnalyze)]);
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  for (const [label, rows, ms] of timings) console.log(`${label.padEnd(26)} ${String(rows).padStart(9)} rows ${String(ms).padStart(7)} ms`);
  console.log(`total ${Math.round(performance.now() - t0)} ms; org id ${LOAD_ORG_ID} (${REPOS} repositories × ${WEEKS} weekly scans)`);
}

await main();
