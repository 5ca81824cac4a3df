// Which orgs a user may see: Membership rows, written from GitHub at sign-in and at each refresh.
import type { PrismaClient } from "./generated/prisma/client.ts";
import type { OrgRole } from "./generated/prisma/enums.ts";

export type GitHubOrgAccount = {
  id: string;
  login: string;
  githubAccountId: bigint | null;
  githubAccountType: string | null;
  githubInstallationId: bigint | null;
};

/** Installed GitHub accounts (not deleted): the orgs a user can be a member of. */
export async function listGitHubOrgAccounts(db: PrismaClient): Promise<GitHubOrgAccount[]> {
  return db.org.findMany({
    where: { sourceKind: "GITHUB", deletedAt: null },
    select: { id: true, login: true, githubAccountId: true, githubAccountType: true, githubInstallationId: true },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Replaces the user's memberships with `rows` (orgs not listed lose the membership) and records the
 * refresh time, in one transaction.
 */
export async function replaceMemberships(
  db: PrismaClient,
  userId: string,
  rows: readonly { orgId: string; role: OrgRole }[],
  now = new Date(),
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.membership.deleteMany({ where: { userId, orgId: { notIn: rows.map((r) => r.orgId) } } });
    for (const r of rows) {
      await tx.membership.upsert({
        where: { userId_orgId: { userId, orgId: r.orgId } },
        create: { userId, orgId: r.orgId, role: r.role, refreshedAt: now },
        update: { role: r.role, refreshedAt: now },
        select: { id: true },
      });
    }
    await tx.user.update({ where: { id: userId }, data: { membershipsRefreshedAt: now }, select: { id: true } });
  });
}

/** Org ids the user may see: their memberships, plus every local org when they are an admin. */
export async function listVisibleOrgIds(db: PrismaClient, userId: string, isAdmin: boolean): Promise<string[]> {
  const orgs = await db.org.findMany({
    where: {
      deletedAt: null,
      OR: [{ memberships: { some: { userId } } }, ...(isAdmin ? [{ sourceKind: "LOCAL" as const }] : [])],
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  return orgs.map((o) => o.id);
}

/** Users whose memberships were last refreshed before `staleBefore` (or never), and who still have a session. */
export async function listUsersWithStaleMemberships(db: PrismaClient, staleBefore: Date, limit = 100) {
  return db.user.findMany({
    where: {
      OR: [{ membershipsRefreshedAt: null }, { membershipsRefreshedAt: { lt: staleBefore } }],
      sessions: { some: { expiresAt: { gt: new Date() } } },
    },
    select: { id: true, login: true, githubId: true },
    take: limit,
  });
}

/** The org a repository belongs to (for authorizing repository routes), or null. */
export async function findRepositoryOrgId(db: PrismaClient, repositoryId: string): Promise<string | null> {
  const repo = await db.repository.findUnique({ where: { id: repositoryId }, select: { orgId: true } });
  return repo?.orgId ?? null;
}
