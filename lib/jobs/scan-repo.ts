// scan-repo: clone one repository safely, scan its HEAD, store the results atomically.
//
// The Scan row moves QUEUED → CLONING → SCANNING → DONE | SKIPPED | FAILED, with progress. The job
// is idempotent: the commit is known only after the clone, and if that commit was already stored
// by this scanner and rule-set version (Scan.resultKey, unique per repository) the scan is SKIPPED;
// a worker that loses a race to store the same key also ends SKIPPED. Results and the DONE status
// are one transaction. Limits (file count, size) end the scan SKIPPED with the limit as the
// reason; files left out (too large, symlinks, submodules) are recorded in Scan.skipped.
import { z } from "zod";
import type { Prisma, PrismaClient } from "../db/generated/prisma/client.ts";
import { findRepositoryForScan, updateRepositoryHead } from "../db/repositories.ts";
import {
  claimScan,
  createQueuedScan,
  finishScanWithoutResults,
  findStoredScan,
  recordScanClone,
  requeueScan,
  scanResultKey,
  scanResultRows,
  storeScanResults,
  updateScanProgress,
  type ScannerIdentity,
} from "../db/scans.ts";
import { AppError, errorMessage, isAppError, isRetryable } from "../errors.ts";
import { CloneLimitError, safeClone, type SafeCloneResult } from "../git/safe-clone.ts";
import { implementJob, type JobContext } from "../queue/define-job.ts";
import { RULES_VERSION, SCANNER_VERSION, scanRepository } from "../scanner/scan.ts";
import type { ProgressEvent } from "../scanner/types.ts";
import { scanRepoPayloadSchema, scanRepoSpec } from "./specs/scan-repo.ts";

export { scanRepoPayloadSchema, type ScanRepoPayload } from "./specs/scan-repo.ts";

export const SCANNER: ScannerIdentity = { scannerVersion: SCANNER_VERSION, rulesVersion: RULES_VERSION };



/** How much of the Scan's progress bar each scanner phase covers. */
const PHASES: Record<ProgressEvent["phase"], [number, number]> = {
  inventory: [0, 5],
  read: [5, 40],
  parse: [40, 60],
  classify: [60, 65],
  rules: [65, 95],
  score: [95, 99],
  done: [100, 100],
};
const PROGRESS_WRITE_INTERVAL_MS = 1000;
const SKIPPED_FILES_STORED = 200;

export const scanRepo = implementJob(scanRepoSpec, handleScanRepo);

function cloneSummary(clone: Pick<SafeCloneResult, "fileCount" | "bytes" | "limitsHit" | "skippedFiles">): Prisma.InputJsonObject {
  return {
    fileCount: clone.fileCount,
    bytes: clone.bytes,
    limitsHit: clone.limitsHit.map((l) => ({ ...l })),
    skippedFiles: clone.skippedFiles.slice(0, SKIPPED_FILES_STORED).map((f) => ({ ...f })),
    skippedFilesTotal: clone.skippedFiles.length,
  };
}

async function handleScanRepo(payload: z.output<typeof scanRepoPayloadSchema>, ctx: JobContext) {
  const { db, env } = ctx;
  const repo = await findRepositoryForScan(db, payload.repositoryId);
  if (!repo) throw new AppError("NOT_FOUND", `repository ${payload.repositoryId} does not exist`);

  const scanId =
    payload.scanId ??
    (await db.scan.findFirst({ where: { jobId: ctx.jobId }, select: { id: true } }))?.id ??
    (await createQueuedScan(db, { repositoryId: repo.id, trigger: payload.trigger, jobId: ctx.jobId })).id;
  const log = ctx.log.child({ scanId, repository: repo.fullName });

  if (repo.removedAt || repo.org.deletedAt) {
    await finishScanWithoutResults(db, scanId, { status: "SKIPPED", reason: "repository was removed from its source" });
    return { scanId, status: "SKIPPED", reason: "removed" };
  }
  if (!(await claimScan(db, scanId, ctx.jobId))) {
    log.info("scan already finished: nothing to do");
    return { scanId, status: "ALREADY_FINAL" };
  }

  // Clone
  let clone: SafeCloneResult;
  const cloneStarted = Date.now();
  try {
    const access = await ctx.sourceFor(repo.org).cloneAccess(repo);
    clone = await safeClone({
      url: access.url,
      token: access.token,
      allowLocal: access.local && env.ALLOW_LOCAL_CLONE,
      workDir: env.SCAN_WORK_DIR,
      signal: ctx.signal,
      limits: {
        timeoutMs: env.CLONE_TIMEOUT_SECONDS * 1000,
        maxBlobBytes: env.CLONE_MAX_BLOB_BYTES,
        maxBytes: env.CLONE_MAX_BYTES,
        maxFiles: env.CLONE_MAX_FILES,
      },
    });
  } catch (err) {
    if (err instanceof CloneLimitError || isAppError(err, "NOT_FOUND")) {
      // Not a failure of ours and not transient: the repository is over a cap, or empty.
      await finishScanWithoutResults(db, scanId, {
        status: "SKIPPED",
        reason: err.message,
        // A download refused mid-way never saw HEAD: record the one the last sync saw, so the next
        // sync does not queue the same refusal again.
        commitSha: err instanceof CloneLimitError ? (err.headSha ?? repo.headSha ?? undefined) : undefined,
        cloneMs: Date.now() - cloneStarted,
        skipped: err instanceof CloneLimitError ? { clone: { limitsHit: [{ ...err.limit }], refused: true } } : undefined,
        scanner: SCANNER,
      });
      log.warn({ reason: err.message }, "scan skipped");
      return { scanId, status: "SKIPPED", reason: err.message };
    }
    return await failAttempt(ctx, scanId, err, log);
  }

  try {
    const commitSha = clone.headSha;
    const skipped: Prisma.InputJsonObject = { clone: cloneSummary(clone) };
    await updateRepositoryHead(db, repo.id, commitSha);
    const resultKey = scanResultKey(commitSha, SCANNER);
    const stored = await findStoredScan(db, repo.id, resultKey);
    if (stored) {
      const reason = `commit ${commitSha.slice(0, 12)} was already scanned by scanner ${SCANNER.scannerVersion} (rules ${SCANNER.rulesVersion}) in scan ${stored.id}`;
      await finishScanWithoutResults(db, scanId, { status: "SKIPPED", reason, commitSha, cloneMs: Date.now() - cloneStarted, skipped, scanner: SCANNER });
      log.info({ commitSha, storedScanId: stored.id }, "scan skipped: commit already scanned");
      return { scanId, status: "SKIPPED", reason: "already-scanned", storedScanId: stored.id };
    }
    await recordScanClone(db, scanId, { commitSha, cloneMs: Date.now() - cloneStarted, skipped, scanner: SCANNER });
    log.info({ commitSha, files: clone.fileCount, cloneMs: Date.now() - cloneStarted, limitsHit: clone.limitsHit }, "repository cloned");

    // Scan
    const scanStarted = Date.now();
    const progress = progressWriter(db, scanId, log);
    const report = await scanRepository(clone.dir, {
      signal: ctx.signal,
      onProgress: progress.onProgress,
      commit: commitSha,
      displayPath: repo.fullName,
    });
    await progress.flush();
    if (ctx.signal.aborted) throw new AppError("ABORTED", "scan aborted");
    const scanMs = Date.now() - scanStarted;
    const rows = scanResultRows(report, {
      scanMs,
      skipped: {
        ...skipped,
        scan: { total: report.skipped.total, byReason: report.skipped.byReason, limitsHit: report.skipped.limitsHit },
      },
    });

    // Store: one transaction; the unique result key makes a racing duplicate a no-op.
    const outcome = await storeScanResults(db, scanId, resultKey, rows);
    if (!outcome.stored) {
      const reason =
        outcome.reason === "already-stored"
          ? `commit ${commitSha.slice(0, 12)} was stored by a concurrent scan of the same scanner version`
          : "scan was finished elsewhere";
      await finishScanWithoutResults(db, scanId, { status: "SKIPPED", reason, commitSha, scanner: SCANNER });
      log.info({ reason: outcome.reason }, "scan skipped: results already stored");
      return { scanId, status: "SKIPPED", reason: outcome.reason };
    }
    log.info({ commitSha, score: report.score, grade: report.grade, findings: rows.findings.length, scanMs }, "scan stored");
    return { scanId, status: "DONE", commitSha, score: report.score, grade: report.grade };
  } catch (err) {
    return await failAttempt(ctx, scanId, err, log);
  } finally {
    await clone.cleanup();
  }
}

/**
 * An attempt failed. Shutdown or a retryable error with attempts left: the Scan goes back to
 * QUEUED and the error is rethrown so pg-boss retries. Otherwise the Scan ends FAILED, and a
 * non-retryable error fails the job for good.
 */
async function failAttempt(ctx: JobContext, scanId: string, err: unknown, log: JobContext["log"]): Promise<never> {
  const aborted = ctx.signal.aborted || isAppError(err, "ABORTED") || (err as { code?: string })?.code === "ABORTED";
  const message = errorMessage(err);
  if (aborted && ctx.shuttingDown()) {
    await requeueScan(ctx.db, scanId, "interrupted: the worker shut down; the scan will run again");
    throw new AppError("ABORTED", "interrupted by worker shutdown", { cause: err });
  }
  const reason = aborted ? `attempt ${ctx.attempt} timed out` : `attempt ${ctx.attempt} failed: ${message}`;
  if ((aborted || isRetryable(err)) && !ctx.isLastAttempt) {
    await requeueScan(ctx.db, scanId, `${reason}; retrying`);
  } else {
    await finishScanWithoutResults(ctx.db, scanId, { status: "FAILED", reason: aborted ? reason : message, scanner: SCANNER });
    log.error({ err: message }, "scan failed");
  }
  throw err;
}

/** Throttled progress writes (at most one a second, plus phase changes), awaited before the final write. */
function progressWriter(db: PrismaClient, scanId: string, log: JobContext["log"]) {
  let last = 0;
  let lastPhase = "";
  let chain: Promise<void> = Promise.resolve();
  return {
    onProgress(e: ProgressEvent) {
      const now = Date.now();
      if (now - last < PROGRESS_WRITE_INTERVAL_MS && e.phase === lastPhase) return;
      last = now;
      lastPhase = e.phase;
      const [from, to] = PHASES[e.phase] ?? [0, 99];
      const within = e.total ? Math.min(1, e.done / e.total) : 0;
      const pct = from + (to - from) * within;
      chain = chain.then(() =>
        updateScanProgress(db, scanId, "SCANNING", pct).catch((err: unknown) => log.warn({ err: errorMessage(err) }, "progress write failed")),
      );
    },
    flush: () => chain,
  };
}
