// Browser sessions. The row id is the secret the (signed) cookie carries; deleting the row signs out.
import type { PrismaClient } from "./generated/prisma/client.ts";

/** lastSeenAt is written at most this often (not on every request). */
const TOUCH_EVERY_MS = 5 * 60_000;

export async function createSession(
  db: PrismaClient,
  input: { id: string; userId: string; expiresAt: Date; userAgent: string | null },
): Promise<void> {
  await db.session.create({
    data: { id: input.id, userId: input.userId, expiresAt: input.expiresAt, userAgent: input.userAgent?.slice(0, 400) ?? null },
    select: { id: true },
  });
}

export type ActiveSession = {
  id: string;
  expiresAt: Date;
  user: {
    id: string;
    login: string;
    name: string | null;
    avatarUrl: string | null;
    isAdmin: boolean;
    membershipsRefreshedAt: Date | null;
  };
};

/** The session and its user, or null when it does not exist or has expired (an expired row is deleted). */
export async function findActiveSession(db: PrismaClient, id: string, now = new Date()): Promise<ActiveSession | null> {
  const row = await db.session.findUnique({
    where: { id },
    select: {
      id: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { id: true, login: true, name: true, avatarUrl: true, isAdmin: true, membershipsRefreshedAt: true } },
    },
  });
  if (!row) return null;
  if (row.expiresAt <= now) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  return { id: row.id, expiresAt: row.expiresAt, user: row.user };
}

export async function deleteSession(db: PrismaClient, id: string): Promise<void> {
  await db.session.deleteMany({ where: { id } });
}

export async function deleteExpiredSessions(db: PrismaClient, now = new Date()): Promise<number> {
  return (await db.session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
