// Rescans from the web: which repositories may be queued, and the org-wide progress of their scans.
import type { PrismaClient } from "./generated/prisma/client.ts";
import { orgInScope, repoInScope, scanStateSelect, type OrgScope, type ScanState } from "./repo-report.ts";

/** A repository that can be rescanned (exists, in scope, not removed from its source); else null. */
export async function findRescannableRepo(client: PrismaClient, repositoryId: string, scope: OrgScope) {
  return client.repository.findFirst({
    where: { id: repositoryId, ...repoInScope(scope) },
    select: { id: true, orgId: true, removedAt: true, org: { select: { suspendedAt: true } } },
  });
}

/** The latest scan of a repository (after an enqueue that found one already queued). */
export function findLatestScan(client: PrismaClient, repositoryId: string): Promise<ScanState | null> {
  return client.scan.findFirst({ where: { repositoryId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: scanStateSelect });
}

/** The org (in scope, not deleted) and the ids of its active repositories. */
export async function findRescannableOrg(client: PrismaClient, orgId: string, scope: OrgScope) {
  const org = await client.org.findFirst({ where: orgInScope(orgId, scope), select: { id: true, suspendedAt: true } });
  if (!org) return null;
  const repos = await client.repository.findMany({ where: { orgId, removedAt: null }, select: { id: true }, orderBy: { name: "asc" } });
  return { ...org, repositoryIds: repos.map((r) => r.id) };
}

export type OrgScanProgress = {
  orgId: string;
  repos: number;
  /** Repositories by the status of their latest scan ("NONE": never scanned). */
  counts: Record<"QUEUED" | "CLONING" | "SCANNING" | "DONE" | "FAILED" | "SKIPPED" | "NONE", number>;
  /** Failed latest scans (name and reason), at most 20. */
  failures: { repositoryId: string; name: string; error: string | null }[];
};

/** How far an org's scans are: each active repository counted once, by its latest scan. */
export async function getOrgScanProgress(client: PrismaClient, orgId: string, scope: OrgScope): Promise<OrgScanProgress | null> {
  const org = await client.org.findFirst({ where: orgInScope(orgId, scope), select: { id: true } });
  if (!org) return null;
  const repos = await client.repository.findMany({
    where: { orgId, removedAt: null },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      scans: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { status: true, error: true } },
    },
  });
  const counts: OrgScanProgress["counts"] = { QUEUED: 0, CLONING: 0, SCANNING: 0, DONE: 0, FAILED: 0, SKIPPED: 0, NONE: 0 };
  const failures: OrgScanProgress["failures"] = [];
  for (const repo of repos) {
    const scan = repo.scans[0];
    counts[scan?.status ?? "NONE"]++;
    if (scan?.status === "FAILED" && failures.length < 20) failures.push({ repositoryId: repo.id, name: repo.name, error: scan.error });
  }
  return { orgId: org.id, repos: repos.length, counts, failures };
}
