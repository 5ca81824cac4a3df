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
// Shared shapes (the org scorecard, lists and the JSON API live in scorecard.ts)
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
