// Extra e2e rows for the dashboard specs: an org with more repositories than one scorecard page
// (paging, filters by language/topic/archived/factor). Ids start with "e2e-" and are replaced on every run.
import { createHash } from "node:crypto";
import type { PrismaClient } from "../../lib/db/generated/prisma/client.ts";

export const MANY_ORG = { id: "e2e-org-many", login: "many-e2e", name: "Many Repos Org" } as const;
export const MANY_REPO_COUNT = 60;

/** svc-001 … svc-060: Go for odd numbers, Python for even; team-a below 31, team-b from 31; every 10th archived. */
export function manyRepo(i: number) {
  const n = String(i).padStart(3, "0");
  return {
    id: `e2e-many-${n}`,
    name: `svc-${n}`,
    language: i % 2 ? "Go" : "Python",
    topics: [i <= 30 ? "team-a" : "team-b"],
    archived: i % 10 === 0,
    /** Factor III fails for every 4th repository, else passes; score falls with i. */
    configFails: i % 4 === 0,
    score: 100 - i,
  };
}

export async function seedDashboard(client: PrismaClient): Promise<void> {
  await client.org.deleteMany({ where: { id: MANY_ORG.id } });
  await client.org.create({ data: { id: MANY_ORG.id, sourceKind: "GITHUB", login: MANY_ORG.login, name: MANY_ORG.name, lastSyncedAt: new Date() } });
  const repos = Array.from({ length: MANY_REPO_COUNT }, (_, k) => manyRepo(k + 1));
  await client.repository.createMany({
    data: repos.map((r) => ({
      id: r.id,
      orgId: MANY_ORG.id,
      externalId: r.id,
      name: r.name,
      fullName: `${MANY_ORG.login}/${r.name}`,
      cloneUrl: `https://example.invalid/${MANY_ORG.login}/${r.name}.git`,
      language: r.language,
      topics: r.topics,
      archived: r.archived,
    })),
  });
  const now = Date.now();
  await client.scan.createMany({
    data: repos.flatMap((r) =>
      [0, 1].map((w) => {
        const at = new Date(now - (w === 0 ? 8 : 1) * 24 * 3600_000);
        const score = w === 0 ? r.score - 5 : r.score;
        return {
          id: `${r.id}-scan-${w}`,
          repositoryId: r.id,
          status: "DONE" as const,
          progress: 100,
          commitSha: createHash("sha1").update(`${r.id}:${w}`).digest("hex"),
          scannerVersion: "0.1.0",
          resultKey: `${r.id}:${w}`,
          queuedAt: at,
          createdAt: at,
          startedAt: at,
          finishedAt: at,
          score,
          rawScore: score,
          grade: score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : score >= 60 ? "D" : "F",
          confidence: "MEDIUM" as const,
          kind: "service",
        };
      }),
    ),
  });
  await client.factorResult.createMany({
    data: repos.flatMap((r) =>
      [0, 1].flatMap((w) =>
        Array.from({ length: 12 }, (_, i) => {
          const factor = i + 1;
          const fail = factor === 3 && r.configFails;
          const na = factor === 8;
          return {
            scanId: `${r.id}-scan-${w}`,
            factor,
            status: fail ? ("FAIL" as const) : na ? ("NA" as const) : ("PASS" as const),
            score: na ? null : fail ? 30 : r.score,
            rawScore: na ? null : fail ? 30 : r.score,
            confidence: "MEDIUM" as const,
            findings: fail ? 1 : 0,
          };
        }),
      ),
    ),
  });
  await client.finding.createMany({
    data: repos
      .filter((r) => r.configFails)
      .flatMap((r) =>
        [0, 1].map((w) => ({
          scanId: `${r.id}-scan-${w}`,
          ruleId: "F03-DEPLOY-VALUE-IN-CODE",
          factor: 3,
          severity: "HIGH" as const,
          confidence: "MEDIUM" as const,
          message: "Per-deploy value hard-coded in code",
          remediation: "Read it from the environment.",
          path: "src/config.go",
          line: 12,
          fingerprint: createHash("sha256").update(`${r.id}:F03`).digest("hex"),
        })),
      ),
  });
}
