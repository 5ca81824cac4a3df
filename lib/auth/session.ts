// Sessions as the browser sees them: a random 32-byte id in the database, the id signed with
// SESSION_SECRET in the cookie. A cookie that does not verify, or names a missing or expired session,
// is simply anonymous.
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import { createSession, deleteSession, findActiveSession, type ActiveSession } from "../db/sessions.ts";
import { randomToken, signValue, verifySignedValue } from "./signed-value.ts";

export async function issueSession(
  db: PrismaClient,
  input: { secret: string; userId: string; maxAgeHours: number; userAgent: string | null; now?: Date },
): Promise<{ cookieValue: string; maxAgeSeconds: number; sessionId: string }> {
  const now = input.now ?? new Date();
  const sessionId = randomToken();
  const maxAgeSeconds = input.maxAgeHours * 3600;
  await createSession(db, { id: sessionId, userId: input.userId, expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000), userAgent: input.userAgent });
  return { cookieValue: signValue(input.secret, "session", sessionId), maxAgeSeconds, sessionId };
}

/** The session a cookie value names, or null (bad signature, unknown, expired). */
export async function readSession(db: PrismaClient, secret: string, cookieValue: string | undefined, now = new Date()): Promise<ActiveSession | null> {
  const id = verifySignedValue(secret, "session", cookieValue);
  if (!id) return null;
  return findActiveSession(db, id, now);
}

/** Deletes the session a cookie names (sign-out); a bad cookie is ignored. */
export async function endSession(db: PrismaClient, secret: string, cookieValue: string | undefined): Promise<void> {
  const id = verifySignedValue(secret, "session", cookieValue);
  if (id) await deleteSession(db, id);
}
