// Values the browser keeps for us (session id, OAuth state) signed with SESSION_SECRET: `value.mac`,
// mac = HMAC-SHA256(secret, purpose + value) in base64url. The purpose keeps a state cookie from being
// replayed as a session cookie. Verification compares in constant time.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export type SignPurpose = "session" | "oauth-state";

function mac(secret: string, purpose: SignPurpose, value: string): Buffer {
  return createHmac("sha256", secret).update(`${purpose}\0${value}`).digest();
}

/** 32 random bytes, base64url (43 characters): session ids and OAuth states. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

export function signValue(secret: string, purpose: SignPurpose, value: string): string {
  return `${value}.${mac(secret, purpose, value).toString("base64url")}`;
}

/** The value inside a signed string, or null when it is malformed or the signature does not match. */
export function verifySignedValue(secret: string, purpose: SignPurpose, signed: string | undefined | null): string | null {
  if (!signed || signed.length > 4096) return null;
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), "base64url");
  const expected = mac(secret, purpose, value);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return value;
}
