// CSRF guard for state-changing requests (rescan buttons): a browser always says where a POST comes
// from (Sec-Fetch-Site, Origin). A cross-site one is refused; a request with neither header is not
// from a browser page (curl, scripts), which cannot ride on a victim's cookies.

/** Why the request is refused, or null when it is same-origin (or not from a browser). */
export function crossSiteReason(req: Request, allowedOrigins: readonly string[] = []): string | null {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site is ${site}`;
  const origin = req.headers.get("origin");
  if (origin === null) return null;
  if (origin === "null") return "Origin is null";
  const allowed = new Set(allowedOrigins.map(originOf).filter((o): o is string => o !== null));
  allowed.add(new URL(req.url).origin);
  const host = req.headers.get("host");
  if (host) {
    const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || new URL(req.url).protocol.replace(":", "");
    allowed.add(`${proto}://${host}`);
  }
  return allowed.has(origin) ? null : `Origin ${origin} is not this site`;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
