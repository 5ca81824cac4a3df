// One-click unsubscribe tokens: HMAC-SHA256 over (user, org, issued week), keyed with a key derived
// from SESSION_SECRET by HKDF with its own label, so a token can never double as a session signature
// (or the other way round). Format: "u1.<base64url payload>.<base64url mac>". No login is needed to use
// one; it only ever turns one user's report for one org off.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { deriveKey } from "../crypto/derive-key.ts";
import { WEEK_PATTERN } from "./week.ts";

const VERSION = "u1";
const HKDF_INFO = "twelvefactor unsubscribe-v1";

const payloadSchema = z.object({
  u: z.string().min(1).max(64),
  o: z.string().min(1).max(64),
  w: z.string().regex(WEEK_PATTERN),
});

export type UnsubscribeClaims = { userId: string; orgId: string; week: string };

function mac(sessionSecret: string, body: string): Buffer {
  return createHmac("sha256", deriveKey(sessionSecret, HKDF_INFO)).update(`${VERSION}.${body}`).digest();
}

export function signUnsubscribeToken(sessionSecret: string, claims: UnsubscribeClaims): string {
  const body = Buffer.from(JSON.stringify({ u: claims.userId, o: claims.orgId, w: claims.week })).toString("base64url");
  return `${VERSION}.${body}.${mac(sessionSecret, body).toString("base64url")}`;
}

/** The claims of a genuine token; null for anything altered, truncated or signed with another secret. */
export function verifyUnsubscribeToken(sessionSecret: string, token: string): UnsubscribeClaims | null {
  if (token.length > 1024) return null;
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION) return null;
  const [, body, sig] = parts as [string, string, string];
  const expected = mac(sessionSecret, body);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    return parsed.success ? { userId: parsed.data.u, orgId: parsed.data.o, week: parsed.data.w } : null;
  } catch {
    return null;
  }
}
