// Test-only: a small org with two weeks of scan history and its members, written with Prisma. Used by
// the digest unit tests, the email job tests and the e2e preview seed; the tests compute what they
// expect from DIGEST_FIXTURE itself (not from the code under test).
import { createHash } from "node:crypto";
import { gradeForScore } from "../../factors.ts";
import type { PrismaClient } from "../../db/generated/prisma/client.ts";
import type { FactorStatus, OrgRole, Severity } from "../../db/generated/prisma/enums.ts";

const DAY = 24 * 3600 * 1000;

export type FixtureFinding = { rule: string; factor: number; severity: Severity; key: string; waived?: boolean; remediation?: string };
export type FixtureScan = {
  /** Days before the fixture's asOf the scan finished (negative: after asOf). */
  daysAgo: number;
  status?: "DONE" | "FAILED";
  score: number | null;
  /** Twelve characters, factor I..XII: P pass, p partial, F fail, N not applicable. */
  factors: string;
  findings?: FixtureFinding[];
};
export type FixtureRepo = { id: string; name: string; scans: FixtureScan[] };
export type FixtureMember = { id: string; login: string; email: string | null; role: OrgRole; subscription?: "WEEKLY" | "OFF" };

export const FIXTURE_STATUS: Record<string, FactorStatus> = { P: "PASS", p: "PARTIAL", F: "FAIL", N: "NA" };
export const FIXTURE_FACTOR_SCORE: Record<FactorStatus, number | null> = { PASS: 100, PARTIAL: 50, FAIL: 0, NA: null };

export function fixtureFingerprint(repoId: string, key: string): string {
  return createHash("sha256").update(`${repoId}:${key}`).digest("hex");
}

export type DigestFixture = {
  orgId: string;
  orgName: string;
  orgLogin: string;
  /** The moment the digest is computed for (a Monday 08:00 UTC). */
  asOf: Date;
  repos: FixtureRepo[];
  members: FixtureMember[];
};

export function digestFixture(prefix: string, asOf = new Date("2026-11-23T08:00:00Z")): DigestFixture {
  return {
    orgId: `${prefix}-org`,
    orgName: "Digest Co",
    orgLogin: `${prefix}-co`,
    asOf,
    repos: [
      {
        id: `${prefix}-alpha`,
        name: "alpha-api",
        scans: [
          { daysAgo: 30, score: 85, factors: "PPPPPPPPPpPP" },
          {
            daysAgo: 9,
            score: 80,
            factors: "PPpPPPPPPpPP",
            findings: [{ rule: "F03-hardcoded-secret", factor: 3, severity: "HIGH", key: "secret-1", remediation: "Read the secret from the environment." }],
          },
          {
            daysAgo: 2,
            score: 60,
            factors: "PPFPPPpPPpPP",
            findings: [
              { rule: "F03-hardcoded-secret", factor: 3, severity: "HIGH", key: "secret-1", remediation: "Read the secret from the environment." },
              { rule: "F03-hardcoded-secret", factor: 3, severity: "CRITICAL", key: "secret-2", remediation: "Read the secret from the environment." },
              { rule: "F07-hardcoded-listen-port", factor: 7, severity: "MEDIUM", key: "port-1", remediation: "Bind the port given in PORT." },
              { rule: "F03-hardcoded-secret", factor: 3, severity: "CRITICAL", key: "secret-waived", waived: true },
            ],
          },
          { daysAgo: 1, status: "FAILED", score: null, factors: "" },
          // Finished after asOf: not part of this digest.
          { daysAgo: -1, score: 10, factors: "FFFFFFFFFFFF" },
        ],
      },
      {
        id: `${prefix}-beta`,
        name: "beta-worker",
        scans: [
          {
            daysAgo: 10,
            score: 50,
            factors: "PFFpPPPPFpPN",
            findings: [{ rule: "F02-lockfile-missing", factor: 2, severity: "HIGH", key: "lock-1", remediation: "Commit the lockfile." }],
          },
          {
            daysAgo: 1,
            score: 75,
            factors: "PPFpPPPPPpPN",
            findings: [
              { rule: "F02-lockfile-missing", factor: 2, severity: "HIGH", key: "lock-1", remediation: "Commit the lockfile." },
              { rule: "F07-hardcoded-listen-port", factor: 7, severity: "MEDIUM", key: "port-1", remediation: "Bind the port given in PORT." },
            ],
          },
        ],
      },
      {
        id: `${prefix}-gamma`,
        name: "gamma-lib",
        scans: [{ daysAgo: 20, score: 90, factors: "PPPPPPNNPPPN", findings: [{ rule: "F02-lockfile-missing", factor: 2, severity: "HIGH", key: "lock-1" }] }],
      },
      {
        id: `${prefix}-delta`,
        name: "delta-web",
        scans: [
          {
            daysAgo: 3,
            score: 70,
            factors: "PPpPFPPPPpPP",
            findings: [
              { rule: "F04-hardcoded-internal-endpoint", factor: 4, severity: "HIGH", key: "endpoint-1", remediation: "Locate the service through config." },
              { rule: "F11-log-file", factor: 11, severity: "INFO", key: "log-1" },
            ],
          },
        ],
      },
    ],
    members: [
      { id: `${prefix}-u-admin`, login: "ada", email: `ada@${prefix}.example.test`, role: "ADMIN" },
      { id: `${prefix}-u-optin`, login: "bob", email: `bob@${prefix}.example.test`, role: "MEMBER", subscription: "WEEKLY" },
      { id: `${prefix}-u-member`, login: "cyd", email: `cyd@${prefix}.example.test`, role: "MEMBER" },
      { id: `${prefix}-u-optout`, login: "dee", email: `dee@${prefix}.example.test`, role: "ADMIN", subscription: "OFF" },
      { id: `${prefix}-u-noemail`, login: "eve", email: null, role: "ADMIN" },
    ],
  };
}

/** Replaces the fixture's rows (org cascade; users by id). */
export async function seedDigestFixture(db: PrismaClient, fx: DigestFixture): Promise<void> {
  await db.org.deleteMany({ where: { id: fx.orgId } });
  await db.user.deleteMany({ where: { id: { in: fx.members.map((m) => m.id) } } });
  await db.org.create({ data: { id: fx.orgId, sourceKind: "GITHUB", login: fx.orgLogin, name: fx.orgName } });
  for (const repo of fx.repos) {
    await db.repository.create({
      data: { id: repo.id, orgId: fx.orgId, externalId: repo.id, name: repo.name, fullName: `${fx.orgLogin}/${repo.name}`, cloneUrl: `https://example.invalid/${repo.name}.git` },
    });
    for (const [i, scan] of repo.scans.entries()) {
      const finishedAt = new Date(fx.asOf.getTime() - scan.daysAgo * DAY);
      const done = (scan.status ?? "DONE") === "DONE";
      await db.scan.create({
        data: {
          id: `${repo.id}-s${i}`,
          repositoryId: repo.id,
          status: scan.status ?? "DONE",
          createdAt: new Date(finishedAt.getTime() - 60_000),
          queuedAt: new Date(finishedAt.getTime() - 60_000),
          startedAt: new Date(finishedAt.getTime() - 30_000),
          finishedAt,
          progress: 100,
          score: scan.score,
          rawScore: scan.score,
          grade: scan.score === null ? null : gradeForScore(scan.score),
          resultKey: done ? `${repo.id}-${i}:test` : null,
          factors: {
            create: [...scan.factors].map((c, f) => {
              const status = FIXTURE_STATUS[c]!;
              return { factor: f + 1, status, score: FIXTURE_FACTOR_SCORE[status], rawScore: FIXTURE_FACTOR_SCORE[status], confidence: "HIGH" as const };
            }),
          },
          findings: {
            create: (scan.findings ?? []).map((f) => ({
              ruleId: f.rule,
              factor: f.factor,
              severity: f.severity,
              confidence: "HIGH" as const,
              message: `${f.rule} (${f.key})`,
              remediation: f.remediation ?? null,
              path: `src/${f.key}.ts`,
              line: 3,
              fingerprint: fixtureFingerprint(repo.id, f.key),
              waived: f.waived ?? false,
            })),
          },
        },
      });
    }
  }
  for (const m of fx.members) {
    await db.user.create({ data: { id: m.id, githubId: BigInt(Math.abs(hash32(m.id))), login: m.login, email: m.email } });
    await db.membership.create({ data: { userId: m.id, orgId: fx.orgId, role: m.role } });
    if (m.subscription) await db.emailSubscription.create({ data: { userId: m.id, orgId: fx.orgId, frequency: m.subscription } });
  }
}

function hash32(s: string): number {
  return createHash("sha256").update(s).digest().readInt32BE(0) || 1;
}
