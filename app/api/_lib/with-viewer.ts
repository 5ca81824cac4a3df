// API routes that show org data: `viewerRoute` resolves the viewer from the request (signed session
// cookie, or demo on localhost) and answers 401 {error:"unauthenticated"} to anonymous callers before
// the handler runs. Handlers answer `orgNotVisible()` (404, like a missing id) for orgs the viewer may
// not see.
import { viewerForHeaders } from "@/lib/auth/request-viewer";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { loadEnv } from "@/lib/env";
import { apiRoute, noStoreJson, type ApiContext } from "./api-route";

export type ViewerContext = ApiContext & { viewer: Exclude<Viewer, { kind: "anonymous" }> };

export function viewerRoute<P>(handler: (req: Request, params: P, ctx: ViewerContext) => Promise<Response>) {
  return apiRoute<P>(async (req, params, ctx) => {
    const viewer = await viewerForHeaders(db(), loadEnv(), req.headers);
    if (viewer.kind === "anonymous") {
      ctx.logFields.auth = viewer.reason;
      return noStoreJson({ error: "unauthenticated" }, 401);
    }
    ctx.logFields.viewer = viewer.kind === "user" ? viewer.userId : "demo";
    return handler(req, params, { ...ctx, viewer });
  });
}

/** The answer for an org (or one of its repositories) the viewer may not see: the same 404 as a missing id. */
export function orgNotVisible(what = "not found"): Response {
  return noStoreJson({ error: what }, 404);
}
