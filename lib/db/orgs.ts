// Organization queries for the sync pipeline (write side). Reads for pages live in scorecard.ts, repo-report.ts and history.ts.
import type { Prisma, PrismaClient } from "./generated/prisma/client.ts";
import type { SourceKind } from "./generated/prisma/enums.ts";

type Client = PrismaClient | Prisma.TransactionClient;

const orgSourceSelect = {
  id: true,
  sourceKind: true,
  login: true,
  name: true,
  localPath: true,
  githubInstallationId: true,
  includeArchived: true,
  includeForks: true,
  suspendedAt: true,
  deletedAt: true,
} as const;

export type OrgForSync = Prisma.OrgGetPayload<{ select: typeof orgSourceSelect }>;

/** Creates or updates the organization of a local source (LOCAL_SOURCES name → directory). */
export async function upsertLocalOrg(client: Client, input: { login: string; name?: string; localPath: string }): Promise<OrgForSync> {
  return client.org.upsert({
    where: { sourceKind_login: { sourceKind: "LOCAL", login: input.login } },
    create: { sourceKind: "LOCAL", login: input.login, name: input.name ?? input.login, localPath: input.localPath },
    update: { localPath: input.localPath, deletedAt: null },
    select: orgSourceSelect,
  });
}

export async function findOrgForSync(client: Client, id: string): Promise<OrgForSync | null> {
  return client.org.findUnique({ where: { id }, select: orgSourceSelect });
}

/** Organizations a periodic sync should visit: not deleted, not suspended. */
export async function listSyncableOrgs(client: Client): Promise<{ id: string; sourceKind: SourceKind; login: string }[]> {
  return client.org.findMany({
    where: { deletedAt: null, suspendedAt: null },
    select: { id: true, sourceKind: true, login: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function markOrgSynced(client: Client, id: string, at: Date = new Date()): Promise<void> {
  await client.org.update({ where: { id }, data: { lastSyncedAt: at }, select: { id: true } });
}
