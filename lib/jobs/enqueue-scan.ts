// Queueing a scan from any process (web rescan button, webhook, sync): the QUEUED Scan row and the
// job are created in one transaction. Imports only the job spec, never the scanner.
import { randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import { findRepositoryInstallationId } from "../db/github.ts";
import { createQueuedScan } from "../db/scans.ts";
import { enqueue } from "../queue/enqueue.ts";
import { scanRepoSpec, type ScanTriggerName } from "./specs/scan-repo.ts";

/**
 * Queues a scan of a repository. Returns null when a scan of this repository is already queued
 * (nothing new was created).
 */
export async function enqueueScan(
  db: PrismaClient,
  boss: PgBoss,
  input: { repositoryId: string; trigger: ScanTriggerName },
): Promise<{ scanId: string; jobId: string } | null> {
  const alreadyQueued = Symbol("already queued");
  try {
    return await db.$transaction(async (tx) => {
      const jobId = randomUUID();
      const installationId = await findRepositoryInstallationId(tx, input.repositoryId);
      const scan = await createQueuedScan(tx, { ...input, jobId });
      const sent = await enqueue(
        boss,
        scanRepoSpec,
        { ...input, scanId: scan.id, ...(installationId !== null ? { installationId: String(installationId) } : {}) },
        { tx, id: jobId },
      );
      if (!sent) throw alreadyQueued;
      return { scanId: scan.id, jobId };
    });
  } catch (err) {
    if (err === alreadyQueued) return null;
    throw err;
  }
}
