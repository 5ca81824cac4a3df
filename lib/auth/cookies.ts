// Cookie names and attributes for sign-in. Both cookies are HttpOnly (no script reads them),
// SameSite=Lax (sent on top-level navigations such as the OAuth redirect back, not on cross-site
// POSTs), Path=/, and Secure. Chromium and Firefox accept Secure cookies on http://localhost and
// http://127.0.0.1 (loopback counts as a secure context; the e2e suite signs in over plain http on
// 127.0.0.1), so Secure is always set except when APP_URL is plain http on a non-loopback host, where
// browsers would drop the cookie.

export const SESSION_COOKIE = "tf_session";
export const OAUTH_STATE_COOKIE = "tf_oauth_state";
/** Minutes the browser has to come back from GitHub's authorize page. */
export const OAUTH_STATE_MAX_AGE_SECONDS = 10 * 60;

export type CookieOptions = { maxAgeSeconds: number; secure: boolean };

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Loopback host names (without port): the only hosts demo mode answers on. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return LOOPBACK.has(h) || h.endsWith(".localhost");
}

/** Host header → host name without port ("[::1]:3000" → "[::1]", "localhost:3000" → "localhost"). */
export function hostnameOfHostHeader(host: string | null | undefined): string | null {
  if (!host) return null;
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) {
    const end = h.indexOf("]");
    return end > 0 ? h.slice(0, end + 1) : null;
  }
  return h.split(":")[0] || null;
}

/** Secure unless the app is served over plain http on a non-loopback host (see the header comment). */
export function secureCookies(appUrl: string): boolean {
  const u = new URL(appUrl);
  return u.protocol === "https:" || isLoopbackHost(u.hostname);
}

export function serializeCookie(name: string, value: string, opts: CookieOptions): string {
  const parts = [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`];
  if (opts.maxAgeSeconds <= 0) parts.push("Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  if (opts.secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearCookie(name: string, secure: boolean): string {
  return serializeCookie(name, "", { maxAgeSeconds: 0, secure });
}

/** One cookie's value from a Cookie request header. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
