// SVG badge responses, shields-style: cacheable for five minutes, with an ETag for cheap revalidation.
// A badge shown through its token (`?token=`, lib/auth/badge-token.ts) is the same for everyone, so
// shared caches (GitHub's camo, CDNs) may keep it; a badge shown to a signed-in viewer depends on who
// asks, so only the browser keeps it. Refusals are never cached.
import { createHash } from "node:crypto";
import { notFoundBadge, signInBadge } from "@/lib/ui/badge";

const SVG = { "content-type": "image/svg+xml; charset=utf-8", "x-content-type-options": "nosniff" };

export function badgeResponse(req: Request, svg: string, audience: "public" | "viewer"): Response {
  const etag = `"${createHash("sha1").update(svg).digest("base64url")}"`;
  const headers: Record<string, string> = {
    ...SVG,
    "cache-control": audience === "public" ? "public, max-age=300, s-maxage=300" : "private, max-age=300",
    etag,
  };
  if (audience === "viewer") headers.vary = "Cookie";
  const match = req.headers.get("if-none-match");
  if (match && match.split(",").some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) return new Response(null, { status: 304, headers });
  return new Response(svg, { headers });
}

/** A missing id, an org or repository the viewer may not see, or a wrong token: the same grey badge. */
export function notFoundBadgeResponse(): Response {
  return new Response(notFoundBadge(), { status: 404, headers: { ...SVG, "cache-control": "no-store" } });
}

/** Nobody signed in and no token: 401 with a badge saying so, whatever the id (so it leaks nothing). */
export function signInBadgeResponse(): Response {
  return new Response(signInBadge(), { status: 401, headers: { ...SVG, "cache-control": "no-store" } });
}

/** "abc.svg" → "abc"; null for anything else. */
export function idFromSvgFile(file: string): string | null {
  const m = /^([A-Za-z0-9_-]{1,128})\.svg$/.exec(file);
  return m ? m[1] : null;
}
