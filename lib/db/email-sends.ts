// The digest send log: one EmailSend row per (org, recipient, ISO week), unique, so a repeated or
// duplicated job finds the row and never sends a second time.
//
// Row life: PENDING (messageId null = free) → claimed (PENDING, messageId set, updatedAt = claim time)
// → SENT | FAILED, or back to free after a transient error. A claim is a lease: a claim older than
// `leaseSeconds` belongs to an attempt that died (worker killed), and may be taken over. Every
// transition is one conditional UPDATE, so two workers can never both hold the claim.
import { Prisma, type PrismaClient } from "./generated/prisma/client.ts";
import type { EmailSendStatus } from "./generated/prisma/enums.ts";

export type SendKey = { orgId: string; userId: string; week: string };

/** Creates the PENDING rows that do not exist yet; returns how many were new. */
export async function createPendingSends(db: PrismaClient, orgId: string, week: string, userIds: string[]): Promise<number> {
  if (!userIds.length) return 0;
  const { count } = await db.emailSend.createMany({ data: userIds.map((userId) => ({ orgId, userId, week })), skipDuplicates: true });
  return count;
}

export type ClaimResult =
  | { claimed: true; attempts: number; takeover: boolean }
  | { claimed: false; status: EmailSendStatus | "MISSING" | "CLAIMED" };

/**
 * Takes the send for one attempt: only a PENDING row that is free, or whose claim is older than the
 * lease. `takeover` says the previous claim was abandoned mid-send (the message may or may not have
 * reached the server before that worker died).
 */
export async function claimSend(db: PrismaClient, key: SendKey, messageId: string, leaseSeconds: number): Promise<ClaimResult> {
  const rows = await db.$queryRaw<{ attempts: number; takeover: boolean }[]>(Prisma.sql`
    UPDATE "EmailSend" AS e
    SET attempts = e.attempts + 1, "messageId" = ${messageId}, "updatedAt" = now()
    FROM (SELECT id, "messageId" IS NOT NULL AS takeover FROM "EmailSend"
          WHERE "orgId" = ${key.orgId} AND "userId" = ${key.userId} AND week = ${key.week} FOR UPDATE) AS old
    WHERE e.id = old.id AND e.status = 'PENDING'
      AND (e."messageId" IS NULL OR e."updatedAt" < now() - make_interval(secs => ${leaseSeconds}))
    RETURNING e.attempts, old.takeover
  `);
  if (rows[0]) return { claimed: true, attempts: rows[0].attempts, takeover: rows[0].takeover };
  const row = await db.emailSend.findUnique({ where: { orgId_userId_week: key }, select: { status: true, messageId: true } });
  if (!row) return { claimed: false, status: "MISSING" };
  return { claimed: false, status: row.status === "PENDING" ? "CLAIMED" : row.status };
}

/** The server accepted the message: SENT, in one statement, only by the claim holder. */
export async function markSent(db: PrismaClient, key: SendKey, messageId: string, at = new Date()): Promise<boolean> {
  const { count } = await db.emailSend.updateMany({
    where: { ...key, status: "PENDING", messageId },
    data: { status: "SENT", sentAt: at, error: null },
  });
  return count === 1;
}

/** A transient failure: keep PENDING, free the claim so the retry can take it, record the error. */
export async function releaseSend(db: PrismaClient, key: SendKey, messageId: string, error: string): Promise<void> {
  await db.emailSend.updateMany({ where: { ...key, status: "PENDING", messageId }, data: { messageId: null, error } });
}

/** A permanent failure, or the last attempt failed: FAILED with the error; never retried. */
export async function markFailed(db: PrismaClient, key: SendKey, error: string): Promise<void> {
  await db.emailSend.updateMany({ where: { ...key, status: "PENDING" }, data: { status: "FAILED", error, messageId: null } });
}

/** The recipient no longer wants it (unsubscribed, or left the org, between fan-out and send): nothing was sent, drop the row. */
export async function dropPendingSend(db: PrismaClient, key: SendKey): Promise<void> {
  await db.emailSend.deleteMany({ where: { ...key, status: "PENDING" } });
}

/** Recipients among `userIds` whose send for the week is still PENDING. */
export async function listPendingSendUserIds(db: PrismaClient, orgId: string, week: string): Promise<string[]> {
  const rows = await db.emailSend.findMany({ where: { orgId, week, status: "PENDING" }, select: { userId: true }, orderBy: { userId: "asc" } });
  return rows.map((r) => r.userId);
}

export async function findSend(db: PrismaClient, key: SendKey) {
  return db.emailSend.findUnique({ where: { orgId_userId_week: key } });
}
