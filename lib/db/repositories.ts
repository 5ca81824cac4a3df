// Repository queries for the sync and scan pipeline (write side).
import { Prisma, type PrismaClient } from "./generated/prisma/client.ts";
import type { SourceRepository } from "../sources/source.ts";

type Client = PrismaClient | Prisma.TransactionClient;

export interface UpsertedRepository {
  id: string;
  externalId: string;
  headSha: string | null;
  archived: boolean;
  fork: boolean;
}

/**
 * Creates or updates the organization's repositories from a source listing (by externalId), and
 * clears `removedAt` for any that came back. One transaction: a sync never leaves half a listing.
 */
export async function upsertRepositories(client: PrismaClient, orgId: string, repos: SourceRepository[]): Promise<UpsertedRepository[]> {
  return client.$transaction(async (tx) => {
    const out: UpsertedRepository[] = [];
    for (const r of repos) {
      const data = {
        name: r.name,
        fullName: r.fullName,
        description: r.description,
        cloneUrl: r.cloneUrl,
        htmlUrl: r.htmlUrl,
        defaultBranch: r.defaultBranch,
        headSha: r.headSha,
        archived: r.archived,
        fork: r.fork,
        visibility: r.visibility,
        language: r.language,
        topics: r.topics,
        removedAt: null,
      };
      out.push(
        await tx.repository.upsert({
          where: { orgId_externalId: { orgId, externalId: r.externalId } },
          create: { orgId, externalId: r.externalId, ...data },
          update: data,
          select: { id: true, externalId: true, headSha: true, archived: true, fork: true },
        }),
      );
    }
    return out;
  });
}

/** Marks repositories that are no longer in the source as removed (their scans are kept). Returns how many. */
export async function markRemovedRepositories(client: Client, orgId: string, presentExternalIds: string[], at: Date = new Date()): Promise<number> {
  const { count } = await client.repository.updateMany({
    where: { orgId, removedAt: null, externalId: { notIn: presentExternalIds } },
    data: { removedAt: at },
  });
  return count;
}

const repositoryForScanSelect = {
  id: true,
  externalId: true,
  fullName: true,
  cloneUrl: true,
  defaultBranch: true,
  headSha: true,
  removedAt: true,
  org: { select: { id: true, sourceKind: true, login: true, name: true, localPath: true, githubInstallationId: true, deletedAt: true } },
} as const;

export type RepositoryForScan = Prisma.RepositoryGetPayload<{ select: typeof repositoryForScanSelect }>;

export async function findRepositoryForScan(client: Client, id: string): Promise<RepositoryForScan | null> {
  return client.repository.findUnique({ where: { id }, select: repositoryForScanSelect });
}

/** Records the HEAD a clone actually saw (fresher than the last sync). */
export async function updateRepositoryHead(client: Client, id: string, headSha: string): Promise<void> {
  await client.repository.update({ where: { id }, data: { headSha }, select: { id: true } });
}

/**
 * Repositories of the organization that need a scan: present in the source, with a HEAD, allowed by
 * the organization's archived/fork policy, no scan queued or running, and no finished (DONE or
 * SKIPPED) scan of their current HEAD by this scanner and rule-set version. A FAILED scan does not
 * count, so the next sync tries again.
 */
export async function listRepositoriesNeedingScan(
  client: Client,
  orgId: string,
  scanner: { scannerVersion: string; rulesVersion: string },
): Promise<{ id: string; headSha: string }[]> {
  return client.$queryRaw<{ id: string; headSha: string }[]>(Prisma.sql`
    SELECT r.id, r."headSha"
    FROM "Repository" r
    JOIN "Org" o ON o.id = r."orgId"
    WHERE r."orgId" = ${orgId}
      AND r."removedAt" IS NULL
      AND r."headSha" IS NOT NULL
      AND (o."includeArchived" OR NOT r.archived)
      AND (o."includeForks" OR NOT r.fork)
      AND NOT EXISTS (
        SELECT 1 FROM "Scan" s
        WHERE s."repositoryId" = r.id AND s.status IN ('QUEUED', 'CLONING', 'SCANNING'))
      AND NOT EXISTS (
        SELECT 1 FROM "Scan" s
        WHERE s."repositoryId" = r.id AND s.status IN ('DONE', 'SKIPPED')
          AND s."commitSha" = r."headSha"
          AND s."scannerVersion" = ${scanner.scannerVersion}
          AND s."rulesVersion" = ${scanner.rulesVersion})
    ORDER BY r.name, r.id
  `);
}
