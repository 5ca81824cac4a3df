// Scan lifecycle queries (write side): QUEUED → CLONING → SCANNING → DONE | FAILED | SKIPPED.
// A scan's results (factor results, findings) and its final DONE status are written in one
// transaction; `resultKey` (commit + scanner + rule-set version) is unique per repository, so the
// same commit is never stored twice by the same scanner, even by two workers racing.
import type { Prisma, PrismaClient } from "./generated/prisma/client.ts";
import type { Confidence, FactorStatus, ScanStatus, ScanTrigger, Severity } from "./generated/prisma/enums.ts";
import type { ScanReport } from "../scanner/types.ts";

type Client = PrismaClient | Prisma.TransactionClient;

/** States in which the scan is still someone's work. Final states are never overwritten. */
export const ACTIVE_SCAN_STATUSES = ["QUEUED", "CLONING", "SCANNING"] as const satisfies readonly ScanStatus[];

export interface ScannerIdentity {
  scannerVersion: string;
  rulesVersion: string;
}

/** The key under which a commit's results by one scanner and rule set are stored (unique per repository). */
export function scanResultKey(commitSha: string, scanner: ScannerIdentity): string {
  return `${commitSha}:${scanner.scannerVersion}:${scanner.rulesVersion}`;
}

export async function createQueuedScan(client: Client, input: { repositoryId: string; trigger: ScanTrigger; jobId?: string }): Promise<{ id: string }> {
  return client.scan.create({
    data: { repositoryId: input.repositoryId, trigger: input.trigger, status: "QUEUED", jobId: input.jobId },
    select: { id: true },
  });
}

export async function findScanById(client: Client, id: string) {
  return client.scan.findUnique({
    where: { id },
    select: { id: true, repositoryId: true, status: true, jobId: true, commitSha: true, error: true, resultKey: true },
  });
}

/**
 * Takes the scan for an attempt: back to CLONING at 0 % with this job id. False when the scan is
 * already final (a duplicate delivery of a finished job), so the caller does nothing.
 */
export async function claimScan(client: Client, scanId: string, jobId: string, at: Date = new Date()): Promise<boolean> {
  const { count } = await client.scan.updateMany({
    where: { id: scanId, status: { in: [...ACTIVE_SCAN_STATUSES] } },
    data: { status: "CLONING", progress: 0, jobId, error: null, startedAt: at },
  });
  return count === 1;
}

/** Live progress (0..100 within the current state); ignored once the scan is final. */
export async function updateScanProgress(client: Client, scanId: string, status: "CLONING" | "SCANNING", progress: number): Promise<void> {
  await client.scan.updateMany({
    where: { id: scanId, status: { in: [...ACTIVE_SCAN_STATUSES] } },
    data: { status, progress: Math.max(0, Math.min(100, Math.round(progress))) },
  });
}

/** After the clone: the commit being scanned, clone time, what the clone left out. Moves to SCANNING. */
export async function recordScanClone(
  client: Client,
  scanId: string,
  input: { commitSha: string; cloneMs: number; skipped: Prisma.InputJsonValue; scanner: ScannerIdentity },
): Promise<void> {
  await client.scan.updateMany({
    where: { id: scanId, status: { in: [...ACTIVE_SCAN_STATUSES] } },
    data: {
      status: "SCANNING",
      progress: 0,
      commitSha: input.commitSha,
      cloneMs: input.cloneMs,
      skipped: input.skipped,
      scannerVersion: input.scanner.scannerVersion,
      rulesVersion: input.scanner.rulesVersion,
    },
  });
}

/** The scan that stored results under this key, if any. */
export async function findStoredScan(client: Client, repositoryId: string, resultKey: string): Promise<{ id: string } | null> {
  return client.scan.findUnique({ where: { repositoryId_resultKey: { repositoryId, resultKey } }, select: { id: true } });
}

/** Ends an active scan without results (SKIPPED with the reason, or FAILED with the error). */
export async function finishScanWithoutResults(
  client: Client,
  scanId: string,
  input: {
    status: "SKIPPED" | "FAILED";
    reason: string;
    commitSha?: string;
    skipped?: Prisma.InputJsonValue;
    cloneMs?: number;
    scanner?: ScannerIdentity;
  },
  at: Date = new Date(),
): Promise<boolean> {
  const { count } = await client.scan.updateMany({
    where: { id: scanId, status: { in: [...ACTIVE_SCAN_STATUSES] } },
    data: {
      status: input.status,
      error: input.reason.slice(0, 2000),
      finishedAt: at,
      progress: 100,
      ...(input.commitSha ? { commitSha: input.commitSha } : {}),
      ...(input.skipped !== undefined ? { skipped: input.skipped } : {}),
      ...(input.cloneMs !== undefined ? { cloneMs: input.cloneMs } : {}),
      ...(input.scanner ? { scannerVersion: input.scanner.scannerVersion, rulesVersion: input.scanner.rulesVersion } : {}),
    },
  });
  return count === 1;
}

/** Puts an interrupted scan back to QUEUED (its job will run again), noting why. */
export async function requeueScan(client: Client, scanId: string, reason: string): Promise<void> {
  await client.scan.updateMany({
    where: { id: scanId, status: { in: [...ACTIVE_SCAN_STATUSES] } },
    data: { status: "QUEUED", progress: 0, error: reason.slice(0, 2000) },
  });
}

/** Active scans queued before `olderThan` (candidates for "abandoned": the caller checks their jobs). */
export async function listStaleActiveScans(client: Client, olderThan: Date, limit = 500): Promise<{ id: string; jobId: string | null }[]> {
  return client.scan.findMany({
    where: { status: { in: [...ACTIVE_SCAN_STATUSES] }, queuedAt: { lt: olderThan } },
    select: { id: true, jobId: true },
    orderBy: { queuedAt: "asc" },
    take: limit,
  });
}

// ------------------------------------------------------------------------------------------------
// Results
// ------------------------------------------------------------------------------------------------

const upper = <T extends string>(v: string) => v.toUpperCase() as T;

/** Factor code F01..F12 → 1..12. */
function factorNumber(code: string): number {
  const n = Number.parseInt(code.replace(/^F/, ""), 10);
  if (!Number.isInteger(n) || n < 1 || n > 12) throw new Error(`unexpected factor code ${code}`);
  return n;
}

export interface ScanResultRows {
  scan: Omit<Prisma.ScanUpdateManyMutationInput, "status" | "resultKey">;
  factors: Omit<Prisma.FactorResultCreateManyInput, "scanId">[];
  findings: Omit<Prisma.FindingCreateManyInput, "scanId">[];
}

/** Maps the scanner's report (JSON contract) onto rows. Pure. */
export function scanResultRows(report: ScanReport, extra: { scanMs: number; skipped: Prisma.InputJsonValue }): ScanResultRows {
  const factors = report.factors.map((f) => ({
    factor: factorNumber(f.code),
    score: f.score,
    rawScore: f.rawScore,
    status: upper<FactorStatus>(f.status),
    confidence: upper<Confidence>(f.confidence),
    findings: f.findings.filter((x) => !x.waived).length,
  }));
  const findings = report.factors.flatMap((f) =>
    f.findings.map((x) => ({
      ruleId: x.rule,
      factor: factorNumber(x.factor),
      severity: upper<Severity>(x.severity),
      confidence: upper<Confidence>(x.confidence),
      message: x.message,
      remediation: x.remediation || null,
      unit: x.unit || null,
      path: x.path || null,
      line: x.line,
      column: x.column,
      snippet: x.snippet ? x.snippet.slice(0, 2000) : null,
      fingerprint: x.fingerprint,
      waived: x.waived,
      waiverReason: x.waiver?.reason ?? null,
      waiverExpires: x.waiver?.expires ? new Date(x.waiver.expires) : null,
    })),
  );
  return {
    scan: {
      scanMs: extra.scanMs,
      score: report.score,
      rawScore: report.rawScore,
      grade: report.grade,
      confidence: upper<Confidence>(report.confidence),
      kind: report.kind,
      units: report.units.map((u) => ({
        path: u.path,
        kind: u.kind,
        languages: u.languages,
        frameworks: u.frameworks,
        score: u.score,
        grade: u.grade,
      })) as Prisma.InputJsonValue,
      skipped: extra.skipped,
      report: report as unknown as Prisma.InputJsonValue,
      scannerVersion: report.scanner.version,
      rulesVersion: report.scanner.rulesVersion,
    },
    factors,
    findings,
  };
}

export type StoreScanOutcome = { stored: true } | { stored: false; reason: "already-stored" | "not-active" };

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return (
    e?.code === "P2002" ||
    e?.code === "23505" ||
    e?.cause?.code === "23505" ||
    e?.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation"
  );
}

/**
 * Stores a scan's results and marks it DONE, all in one transaction: factor results, findings and
 * the final status appear together or not at all. If another scan already stored results under the
 * same key (a racing worker, a duplicate job), nothing is written and `already-stored` is returned.
 */
export async function storeScanResults(
  client: PrismaClient,
  scanId: string,
  resultKey: string,
  rows: ScanResultRows,
  at: Date = new Date(),
): Promise<StoreScanOutcome> {
  try {
    return await client.$transaction(async (tx) => {
      // Claim the key first: the unique index serialises racing writers here, before any child rows.
      const { count } = await tx.scan.updateMany({
        where: { id: scanId, status: { in: [...ACTIVE_SCAN_STATUSES] } },
        data: { ...rows.scan, status: "DONE", resultKey, progress: 100, error: null, finishedAt: at },
      });
      if (count !== 1) return { stored: false, reason: "not-active" } as const;
      await tx.factorResult.createMany({ data: rows.factors.map((f) => ({ ...f, scanId })) });
      if (rows.findings.length > 0) {
        await tx.finding.createMany({ data: rows.findings.map((f) => ({ ...f, scanId })) });
      }
      return { stored: true } as const;
    }, { maxWait: 10_000, timeout: 60_000 });
  } catch (err) {
    if (isUniqueViolation(err)) return { stored: false, reason: "already-stored" };
    throw err;
  }
}
