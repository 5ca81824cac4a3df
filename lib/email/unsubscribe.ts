// Using an unsubscribe link: verify the signed token, then turn that user's report for that org off.
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import { describeUnsubscribe, unsubscribeFromDigest } from "../db/subscriptions.ts";
import { verifyUnsubscribeToken, type UnsubscribeClaims } from "./unsubscribe-token.ts";

export type UnsubscribeResult =
  | { status: "invalid" }
  | { status: "unsubscribed" | "already-unsubscribed"; orgName: string; claims: UnsubscribeClaims };

export async function unsubscribeWithToken(db: PrismaClient, sessionSecret: string | undefined, token: string | null | undefined): Promise<UnsubscribeResult> {
  const claims = sessionSecret && token ? verifyUnsubscribeToken(sessionSecret, token) : null;
  if (!claims) return { status: "invalid" };
  const target = await describeUnsubscribe(db, claims.userId, claims.orgId);
  if (!target) return { status: "invalid" };
  const outcome = await unsubscribeFromDigest(db, claims.userId, claims.orgId);
  if (outcome === "unknown") return { status: "invalid" };
  return { status: outcome, orgName: target.orgName, claims };
}

/** What the confirmation page shows for a token (nothing is changed by looking). */
export async function previewUnsubscribe(db: PrismaClient, sessionSecret: string | undefined, token: string | null | undefined) {
  const claims = sessionSecret && token ? verifyUnsubscribeToken(sessionSecret, token) : null;
  if (!claims) return null;
  const target = await describeUnsubscribe(db, claims.userId, claims.orgId);
  return target ? { ...target, claims } : null;
}
