// Read queries behind the dashboard pages and JSON routes. Read-only: nothing here writes.
// Every query selects only the columns its page shows. "Results" of a repository are those of its
// latest DONE scan (a SKIPPED scan means "same commit, same scanner" and stores no results of its
// own); its "status" is that of its latest scan of any status.
import { Prisma } from "./generated/prisma/client.ts";
import type { Confidence, FactorStatus, ScanStatus, Severity, SourceKind } from "./generated/prisma/enums.ts";
import { db } from "./client.ts";

export type { Confidence, FactorStatus, ScanStatus, Severity, SourceKind };

/** Scan states in which a worker still has work to do (the UI polls while one of these is shown). */
export const ACTIVE_SCAN_STATUSES: readonly ScanStatus[] = ["QUEUED", "CLONING", "SCANNING"];

export function isActiveScanStatus(status: ScanStatus): boolean {
  return ACTIVE_SCAN_STATUSES.includes(status);
}

// ------------------------------------------------------------------------------------------------
// Organizations list
// ------------------------------------------------------------------------------------------------

export type OrgSummary = {
  id: string;
  login: string;
  name: string;
  sourceKind: SourceKind;
  /** Repositories currently in the source (removed ones excluded). */
  repoCount: number;
  /** Repositories with at least one completed scan. */
  scoredRepoCount: number;
  /** Mean of the repositories' latest scores; null before any repository has a score. */
  score: number | null;
  /** Most recent end of a scan (done, failed or skipped). */
  lastScanAt: Date | null;
  /** Repositories whose latest scan is queued, cloning or scanning. */
  activeScanCount: number;
  /** Repositories whose latest scan failed. */
  failedScanCount: number;
};

type OrgSummaryRow = Omit<OrgSummary, "lastScanAt"> & { lastScanAt: Date | null };

/** Every organization (not deleted) with its aggregate score and scan state, by name. */
export async function listOrgSummaries(): Promise<OrgSummary[]> {
  return db().$queryRaw<OrgSummaryRow[]>(Prisma.sql`
    WITH repo AS (
      SELECT r.id, r."orgId" FROM "Repository" r
      JOIN "Org" o ON o.id = r."orgId"
      WHERE o."deletedAt" IS NULL AND r."removedAt" IS NULL
    ),
    latest AS (
      SELECT DISTINCT ON (s."repositoryId") s."repositoryId", s.status, s."finishedAt"
      FROM "Scan" s JOIN repo ON repo.id = s."repositoryId"
      ORDER BY s."repositoryId", s."createdAt" DESC, s.id DESC
    ),
    latest_done AS (
      SELECT DISTINCT ON (s."repositoryId") s."repositoryId", s.score, s."finishedAt"
      FROM "Scan" s JOIN repo ON repo.id = s."repositoryId"
      WHERE s.status = 'DONE'
      ORDER BY s."repositoryId", s."createdAt" DESC, s.id DESC
    )
    SELECT o.id, o.login, o.name, o."sourceKind",
      count(repo.id)::int AS "repoCount",
      count(ld.score)::int AS "scoredRepoCount",
      avg(ld.score)::float8 AS score,
      greatest(max(ld."finishedAt"), max(l."finishedAt")) AS "lastScanAt",
      count(*) FILTER (WHERE l.status IN ('QUEUED', 'CLONING', 'SCANNING'))::int AS "activeScanCount",
      count(*) FILTER (WHERE l.status = 'FAILED')::int AS "failedScanCount"
    FROM "Org" o
    LEFT JOIN repo ON repo."orgId" = o.id
    LEFT JOIN latest l ON l."repositoryId" = repo.id
    LEFT JOIN latest_done ld ON ld."repositoryId" = repo.id
    WHERE o."deletedAt" IS NULL
    GROUP BY o.id
    ORDER BY lower(o.name), o.id
  `);
}

// ------------------------------------------------------------------------------------------------
// Org scorecard (heatmap)
// ------------------------------------------------------------------------------------------------

export type ScanState = {
  id: string;
  status: ScanStatus;
  progress: number;
  error: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export type FactorCell = {
  factor: number;
  status: FactorStatus;
  score: number | null;
  confidence: Confidence;
  findings: number;
};

export type RepoRow = {
  id: string;
  name: string;
  fullName: string;
  language: string | null;
  archived: boolean;
  /** Latest scan of any status; null when the repository was never queued. */
  latestScan: ScanState | null;
  /** Results of the latest completed scan; null before the first one. */
  result: {
    scanId: string;
    score: number | null;
    grade: string | null;
    kind: string | null;
    finishedAt: Date | null;
    /** Index 0..11 = factor I..XII; null when the scan stored no result for that factor. */
    factors: (FactorCell | null)[];
  } | null;
};

export type OrgScorecard = {
  org: {
    id: string;
    login: string;
    name: string;
    sourceKind: SourceKind;
    localPath: string | null;
    lastSyncedAt: Date | null;
  };
  /** Repositories in the org (before the search filter). */
  totalRepoCount: number;
  repos: RepoRow[];
};

export type RepoSort = "name" | "score-desc" | "score-asc" | "status";

export type OrgScorecardQuery = {
  /** Case-insensitive substring of the repository name. */
  search?: string;
  sort?: RepoSort;
};

type LatestScanRow = ScanState & { repositoryId: string };

/** The org's repositories × factors, with latest scan state; null when the org does not exist. */
export async function getOrgScorecard(orgId: string, query: OrgScorecardQuery = {}): Promise<OrgScorecard | null> {
  const client = db();
  const org = await client.org.findFirst({
    where: { id: orgId, deletedAt: null },
    select: { id: true, login: true, name: true, sourceKind: true, localPath: true, lastSyncedAt: true },
  });
  if (!org) return null;

  const search = query.search?.trim();
  const [totalRepoCount, repos, latestScans, latestDone] = await Promise.all([
    client.repository.count({ where: { orgId, removedAt: null } }),
    client.repository.findMany({
      where: { orgId, removedAt: null, ...(search ? { name: { contains: search, mode: "insensitive" } } : {}) },
      select: { id: true, name: true, fullName: true, language: true, archived: true },
      orderBy: { name: "asc" },
    }),
    client.$queryRaw<LatestScanRow[]>(Prisma.sql`
      SELECT DISTINCT ON (s."repositoryId") s."repositoryId", s.id, s.status, s.progress, s.error,
        s."queuedAt", s."startedAt", s."finishedAt"
      FROM "Scan" s JOIN "Repository" r ON r.id = s."repositoryId"
      WHERE r."orgId" = ${orgId} AND r."removedAt" IS NULL
      ORDER BY s."repositoryId", s."createdAt" DESC, s.id DESC
    `),
    client.$queryRaw<{ repositoryId: string; id: string; score: number | null; grade: string | null; kind: string | null; finishedAt: Date | null }[]>(Prisma.sql`
      SELECT DISTINCT ON (s."repositoryId") s."repositoryId", s.id, s.score, s.grade, s.kind, s."finishedAt"
      FROM "Scan" s JOIN "Repository" r ON r.id = s."repositoryId"
      WHERE r."orgId" = ${orgId} AND r."removedAt" IS NULL AND s.status = 'DONE'
      ORDER BY s."repositoryId", s."createdAt" DESC, s.id DESC
    `),
  ]);

  const factorRows = latestDone.length
    ? await client.factorResult.findMany({
        where: { scanId: { in: latestDone.map((s) => s.id) } },
        select: { scanId: true, factor: true, status: true, score: true, confidence: true, findings: true },
      })
    : [];
  const factorsByScan = new Map<string, (FactorCell | null)[]>();
  for (const row of factorRows) {
    if (row.factor < 1 || row.factor > 12) continue;
    let cells = factorsByScan.get(row.scanId);
    if (!cells) factorsByScan.set(row.scanId, (cells = Array<FactorCell | null>(12).fill(null)));
    cells[row.factor - 1] = { factor: row.factor, status: row.status, score: row.score, confidence: row.confidence, findings: row.findings };
  }
  const latestByRepo = new Map(latestScans.map(({ repositoryId, ...scan }) => [repositoryId, scan]));
  const doneByRepo = new Map(latestDone.map((s) => [s.repositoryId, s]));

  const rows: RepoRow[] = repos.map((repo) => {
    const done = doneByRepo.get(repo.id);
    return {
      ...repo,
      latestScan: latestByRepo.get(repo.id) ?? null,
      result: done
        ? {
            scanId: done.id,
            score: done.score,
            grade: done.grade,
            kind: done.kind,
            finishedAt: done.finishedAt,
            factors: factorsByScan.get(done.id) ?? Array<FactorCell | null>(12).fill(null),
          }
        : null,
    };
  });
  return { org, totalRepoCount, repos: sortRepoRows(rows, query.sort ?? "name") };
}

const STATUS_ORDER: Record<ScanStatus, number> = { FAILED: 0, SCANNING: 1, CLONING: 2, QUEUED: 3, SKIPPED: 4, DONE: 5 };

/** Sorts heatmap rows; repositories without a score go last in both score orders. */
export function sortRepoRows(rows: RepoRow[], sort: RepoSort): RepoRow[] {
  const byName = (a: RepoRow, b: RepoRow) => a.name.localeCompare(b.name);
  const score = (r: RepoRow) => r.result?.score ?? null;
  const compare: Record<RepoSort, (a: RepoRow, b: RepoRow) => number> = {
    name: byName,
    "score-desc": (a, b) => nullsLast(score(a), score(b), (x, y) => y - x) || byName(a, b),
    "score-asc": (a, b) => nullsLast(score(a), score(b), (x, y) => x - y) || byName(a, b),
    status: (a, b) =>
      (a.latestScan ? STATUS_ORDER[a.latestScan.status] : 6) - (b.latestScan ? STATUS_ORDER[b.latestScan.status] : 6) || byName(a, b),
  };
  return [...rows].sort(compare[sort]);
}

function nullsLast(a: number | null, b: number | null, cmp: (x: number, y: number) => number): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return cmp(a, b);
}

// ------------------------------------------------------------------------------------------------
// Repository report
// ------------------------------------------------------------------------------------------------

export type FindingView = {
  id: string;
  ruleId: string;
  factor: number;
  severity: Severity;
  confidence: Confidence;
  message: string;
  remediation: string | null;
  unit: string | null;
  path: string | null;
  line: number | null;
  snippet: string | null;
  waived: boolean;
  waiverReason: string | null;
  waiverExpires: Date | null;
};

export type RepoReport = {
  repo: {
    id: string;
    name: string;
    fullName: string;
    description: string | null;
    htmlUrl: string | null;
    defaultBranch: string;
    language: string | null;
    archived: boolean;
    org: { id: string; name: string };
  };
  latestScan: ScanState | null;
  result: {
    id: string;
    commitSha: string | null;
    scannerVersion: string | null;
    finishedAt: Date | null;
    score: number | null;
    rawScore: number | null;
    grade: string | null;
    confidence: Confidence | null;
    kind: string | null;
    units: Prisma.JsonValue | null;
    skipped: Prisma.JsonValue | null;
    cloneMs: number | null;
    scanMs: number | null;
    factors: FactorCell[];
    findings: FindingView[];
  } | null;
};

const scanStateSelect = {
  id: true,
  status: true,
  progress: true,
  error: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
} as const satisfies Prisma.ScanSelect;

/** One repository with its latest scan state and the full results of its latest completed scan. */
export async function getRepoReport(repositoryId: string): Promise<RepoReport | null> {
  const client = db();
  const [repo, latestScan, result] = await Promise.all([
    client.repository.findUnique({
      where: { id: repositoryId },
      select: {
        id: true,
        name: true,
        fullName: true,
        description: true,
        htmlUrl: true,
        defaultBranch: true,
        language: true,
        archived: true,
        org: { select: { id: true, name: true } },
      },
    }),
    findLatestScanState(repositoryId),
    client.scan.findFirst({
      where: { repositoryId, status: "DONE" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        commitSha: true,
        scannerVersion: true,
        finishedAt: true,
        score: true,
        rawScore: true,
        grade: true,
        confidence: true,
        kind: true,
        units: true,
        skipped: true,
        cloneMs: true,
        scanMs: true,
        factors: {
          select: { factor: true, status: true, score: true, confidence: true, findings: true },
          orderBy: { factor: "asc" },
        },
        findings: {
          select: {
            id: true,
            ruleId: true,
            factor: true,
            severity: true,
            confidence: true,
            message: true,
            remediation: true,
            unit: true,
            path: true,
            line: true,
            snippet: true,
            waived: true,
            waiverReason: true,
            waiverExpires: true,
          },
          orderBy: [{ factor: "asc" }, { severity: "asc" }, { path: "asc" }, { line: "asc" }, { id: "asc" }],
        },
      },
    }),
  ]);
  if (!repo) return null;
  return { repo, latestScan, result };
}

/** Latest scan (any status) of a repository, or null when it was never queued. */
function findLatestScanState(repositoryId: string): Promise<ScanState | null> {
  return db().scan.findFirst({
    where: { repositoryId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: scanStateSelect,
  });
}

export type RepoScanStatus = {
  repositoryId: string;
  scan: (ScanState & { score: number | null; grade: string | null }) | null;
};

/** The latest scan's status and progress (for live progress polling); null when the repository does not exist. */
export async function getRepoScanStatus(repositoryId: string): Promise<RepoScanStatus | null> {
  const client = db();
  const [repo, scan] = await Promise.all([
    client.repository.findUnique({ where: { id: repositoryId }, select: { id: true } }),
    client.scan.findFirst({
      where: { repositoryId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { ...scanStateSelect, score: true, grade: true },
    }),
  ]);
  if (!repo) return null;
  return { repositoryId: repo.id, scan };
}

// ------------------------------------------------------------------------------------------------
// Readiness
// ------------------------------------------------------------------------------------------------

/** Runs `SELECT 1`; rejects when the database does not answer within timeoutMs. */
export async function pingDatabase(timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db().$queryRaw`SELECT 1`, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
