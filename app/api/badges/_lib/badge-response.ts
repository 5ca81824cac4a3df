// SVG badge responses: cacheable for five minutes by browsers and shared caches (README embeds), with
// an ETag for cheap revalidation. An org or repository the viewer may not see gets the same grey
// "not found" badge as a missing one, with 404 and no caching (it may be visible after sign-in).
import { createHash } from "node:crypto";
import { notFoundBadge } from "@/lib/ui/badge";

export function badgeResponse(req: Request, svg: string): Response {
  const etag = `"${createHash("sha1").update(svg).digest("base64url")}"`;
  const headers = {
    "content-type": "image/svg+xml; charset=utf-8",
    "cache-control": "public, max-age=300, s-maxage=300",
    etag,
    "x-content-type-options": "nosniff",
  };
  const match = req.headers.get("if-none-match");
  if (match && match.split(",").some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) return new Response(null, { status: 304, headers });
  return new Response(svg, { headers });
}

export function notFoundBadgeResponse(): Response {
  return new Response(notFoundBadge(), {
    status: 404,
    headers: { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "no-cache", "x-content-type-options": "nosniff" },
  });
}

/** "abc.svg" → "abc"; null for anything else. */
export function idFromSvgFile(file: string): string | null {
  const m = /^([A-Za-z0-9_-]{1,128})\.svg$/.exec(file);
  return m ? m[1] : null;
}
