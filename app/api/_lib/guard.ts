// The one authorization step of every API route that shows or changes org data (status, rescan, the
// JSON API v1, badges without a token). The viewer comes from the request's own headers (signed session
// cookie, or the demo on localhost: lib/auth/request-viewer.ts), not next/headers, so the handlers also
// answer when called with a plain Request. Anonymous callers are refused before any lookup (401; routes
// with their own answer format pass their own refusal); everyone else gets their org scope, which the
// handler passes into its lib/db query, so an org the viewer may not see is simply not found: the same
// 404 as a missing id, and ids do not leak.
import { noStoreJson, type ApiContext } from "@/app/api/_lib/api-route";
import { isShuttingDown } from "@/app/_lib/shutdown-state";
import { viewerForHeaders } from "@/lib/auth/request-viewer";
import { visibleOrgIds, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import type { OrgScope } from "@/lib/db/repo-report";
import { loadEnv } from "@/lib/env";
import { crossSiteReason } from "@/lib/http/same-origin";

export type Guarded = { scope: OrgScope; viewer: Exclude<Viewer, { kind: "anonymous" }> } | { refuse: Response };

const unauthenticated = () => noStoreJson({ error: "unauthenticated" }, 401);

/** The viewer and their scope for a read, or the refusal (default: 401 {"error":"unauthenticated"}). */
export async function guardRead(req: Request, ctx: ApiContext, refuse: () => Response = unauthenticated): Promise<Guarded> {
  const viewer = await viewerForHeaders(db(), loadEnv(), req.headers);
  if (viewer.kind === "anonymous") {
    ctx.logFields.refused = viewer.reason;
    return { refuse: refuse() };
  }
  ctx.logFields.viewer = viewer.kind === "user" ? viewer.userId : "demo";
  return { scope: visibleOrgIds(viewer), viewer };
}

/**
 * Like guardRead, for a state-changing request: a cross-site request is refused first (403), and while
 * the process shuts down, 503 (try again: another instance takes it).
 */
export async function guardWrite(req: Request, ctx: ApiContext): Promise<Guarded> {
  const appUrl = loadEnv().APP_URL;
  const crossSite = crossSiteReason(req, appUrl ? [appUrl] : []);
  if (crossSite) {
    ctx.logFields.refused = crossSite;
    return { refuse: noStoreJson({ error: "cross-site request refused" }, 403) };
  }
  const read = await guardRead(req, ctx);
  if ("refuse" in read) return read;
  if (isShuttingDown()) return { refuse: noStoreJson({ error: "server is shutting down, try again" }, 503) };
  return read;
}
