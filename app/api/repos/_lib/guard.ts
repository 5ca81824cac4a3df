// Shared checks of the rescan routes (repository and org): same-origin POST, a signed-in viewer, and
// the viewer's org scope for the query.
import { noStoreJson, type ApiContext } from "@/app/api/_lib/api-route";
import { isShuttingDown } from "@/app/_lib/shutdown-state";
import { viewerForHeaders } from "@/lib/auth/request-viewer";
import { visibleOrgIds } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import type { OrgScope } from "@/lib/db/repo-report";
import { loadEnv } from "@/lib/env";
import { crossSiteReason } from "@/lib/http/same-origin";

/** The viewer's scope for a state-changing request, or the response refusing it. */
export async function guardWrite(req: Request, ctx: ApiContext): Promise<{ scope: OrgScope } | { refuse: Response }> {
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

/**
 * The viewer's scope for a read, or 401 when nobody is signed in. The viewer comes from the request's
 * own headers (not next/headers), so the handlers also answer when called with a plain Request.
 */
export async function guardRead(req: Request, ctx: ApiContext): Promise<{ scope: OrgScope } | { refuse: Response }> {
  const viewer = await viewerForHeaders(db(), loadEnv(), req.headers);
  if (viewer.kind === "anonymous") {
    ctx.logFields.refused = viewer.reason;
    return { refuse: noStoreJson({ error: "unauthenticated" }, 401) };
  }
  return { scope: visibleOrgIds(viewer) };
}
