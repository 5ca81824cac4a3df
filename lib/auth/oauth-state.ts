// The OAuth `state` parameter, bound to the browser that started sign-in: a random state plus the
// page to return to, signed into a short-lived HttpOnly cookie. The callback accepts the code only
// when GitHub hands back the same state that this browser's cookie carries.
import { timingSafeEqual } from "node:crypto";
import { OAUTH_STATE_MAX_AGE_SECONDS } from "./cookies.ts";
import { randomToken, signValue, verifySignedValue } from "./signed-value.ts";

/**
 * A same-site relative path to return to after sign-in, or "/". Rejects absolute and
 * protocol-relative URLs ("//evil", "/\\evil"), control characters and anything not starting with "/".
 */
export function safeReturnPath(input: string | null | undefined): string {
  if (!input || input.length > 2048) return "/";
  if (!input.startsWith("/") || input.startsWith("//") || input.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f\\]/.test(input)) return "/";
  try {
    const u = new URL(input, "http://x.invalid");
    if (u.origin !== "http://x.invalid") return "/";
    if (u.pathname.startsWith("/api/auth/") || u.pathname === "/login") return "/";
    return u.pathname + u.search + u.hash;
  } catch {
    return "/";
  }
}

export function createOAuthState(secret: string, returnTo: string | null | undefined, now = Date.now()) {
  const state = randomToken();
  const payload = Buffer.from(
    JSON.stringify({ s: state, r: safeReturnPath(returnTo), e: now + OAUTH_STATE_MAX_AGE_SECONDS * 1000 }),
  ).toString("base64url");
  return { state, cookieValue: signValue(secret, "oauth-state", payload) };
}

/**
 * Checks the state GitHub returned against the browser's state cookie. Returns the return path, or null
 * when the cookie is missing, tampered with, expired, or carries another state.
 */
export function checkOAuthState(
  secret: string,
  cookieValue: string | undefined,
  returnedState: string | null,
  now = Date.now(),
): { returnTo: string } | null {
  const payload = verifySignedValue(secret, "oauth-state", cookieValue);
  if (!payload || !returnedState) return null;
  let parsed: { s?: unknown; r?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof parsed.s !== "string" || typeof parsed.e !== "number" || parsed.e < now) return null;
  const a = Buffer.from(parsed.s);
  const b = Buffer.from(returnedState);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return { returnTo: safeReturnPath(typeof parsed.r === "string" ? parsed.r : "/") };
}
