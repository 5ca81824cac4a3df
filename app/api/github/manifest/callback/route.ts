import { cookies } from "next/headers";
import { apiRoute } from "@/app/api/_lib/api-route";
import { currentViewer } from "@/app/_lib/viewer";
import { isAdmin } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { loadEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { completeManifestFlow, MANIFEST_STATE_COOKIE, statesMatch } from "@/lib/github/manifest";

export const dynamic = "force-dynamic";

/** GitHub's redirect after the app was created from the manifest: check state, exchange the code, store the app. */
export const GET = apiRoute(async (req, _params, ctx) => {
  const url = new URL(req.url);
  // Not Response.redirect: its headers are immutable and apiRoute adds x-request-id.
  const back = (query: string) => new Response(null, { status: 303, headers: { location: new URL(`/admin/github?${query}`, url).href } });
  if (!isAdmin(await currentViewer())) return Response.json({ error: "admins only" }, { status: 403 });
  const jar = await cookies();
  const expected = jar.get(MANIFEST_STATE_COOKIE)?.value;
  jar.delete({ name: MANIFEST_STATE_COOKIE, path: "/api/github/manifest" });
  if (!statesMatch(expected, url.searchParams.get("state"))) {
    ctx.logFields.refused = "state mismatch";
    return back("error=state");
  }
  const code = url.searchParams.get("code");
  if (!code) return back("error=code");
  try {
    const app = await completeManifestFlow(db(), loadEnv(), code);
    ctx.logFields.appId = app.appId;
    return back(`created=${encodeURIComponent(app.slug)}`);
  } catch (err) {
    if (isAppError(err)) {
      ctx.logFields.error = err.message;
      return back(`error=${encodeURIComponent(err.code === "VALIDATION" ? "config" : "github")}`);
    }
    throw err;
  }
});
