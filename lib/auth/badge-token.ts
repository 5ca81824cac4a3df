// Unguessable badge URLs for READMEs: GitHub's image proxy (camo) sends no cookies, so a badge that asks
// for a session can never show there. A badge URL may instead carry `?token=`, an HMAC-SHA256 over
// (kind, id) under a key derived from SESSION_SECRET by HKDF with its own label (so a badge token can
// never double as a session signature or an unsubscribe token), cut to 128 bits (22 base64url
// characters). A token shows that one badge to anyone; it reveals nothing else and cannot be turned
// into another repository's or org's token. Rotating SESSION_SECRET invalidates every badge URL.
// Verification compares in constant time. Pure: no env, no database.
import { createHmac, timingSafeEqual } from "node:crypto";
import { deriveKey } from "../crypto/derive-key.ts";

export type BadgeKind = "repo" | "org";

const HKDF_INFO = "twelvefactor badge-v1";
const TOKEN_BYTES = 16;

function mac(secret: string, kind: BadgeKind, id: string): Buffer {
  return createHmac("sha256", deriveKey(secret, HKDF_INFO)).update(`${kind}\0${id}`).digest().subarray(0, TOKEN_BYTES);
}

/** The token of one repository's or org's public badge URL. */
export function badgeToken(secret: string, kind: BadgeKind, id: string): string {
  return mac(secret, kind, id).toString("base64url");
}

/** True only for the token `badgeToken(secret, kind, id)` returns; anything else (altered, another id or kind) is false. */
export function verifyBadgeToken(secret: string, kind: BadgeKind, id: string, token: string): boolean {
  // Compared as text, not decoded: the last of 22 characters carries 4 unused bits, so several strings
  // decode to the same bytes, and only the canonical one is the token.
  const given = Buffer.from(token, "utf8");
  const expected = Buffer.from(badgeToken(secret, kind, id), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
