import { apiRoute } from "@/app/api/_lib/api-route";
import { readCookie, secureCookies } from "@/lib/auth/cookies";
import { viewerForHeaders } from "@/lib/auth/request-viewer";
import { isAdmin } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { loadEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { completeManifestFlow, manifestStateCookie, MANIFEST_STATE_COOKIE, statesMatch } from "@/lib/github/manifest";

export const dynamic = "force-dynamic";

/**
 * GitHub's redirect after the app was created from the manifest (admins only): check the state
 * against this browser's cookie, exchange the code, store the app encrypted. Nothing is stored
 * unless the state matches.
 */
export const GET = apiRoute(async (req, _params, ctx) => {
  const env = loadEnv();
  const url = new URL(req.url);
  if (!isAdmin(await viewerForHeaders(db(), env, req.headers))) {
    ctx.logFields.refused = "not an admin";
    return Response.json({ error: "admins only" }, { status: 403 });
  }
  const appUrl = (env.APP_URL ?? url.origin).replace(/\/+$/, "");
  const clear = manifestStateCookie("", { secure: secureCookies(appUrl), maxAgeSeconds: 0 });
  // Not Response.redirect: its headers are immutable and apiRoute adds x-request-id.
  const back = (query: string) =>
    new Response(null, { status: 303, headers: { location: new URL(`/admin/github?${query}`, appUrl + "/").href, "set-cookie": clear, "cache-control": "no-store" } });
  const expected = readCookie(req.headers.get("cookie"), MANIFEST_STATE_COOKIE);
  if (!statesMatch(expected, url.searchParams.get("state"))) {
    ctx.logFields.refused = "state mismatch";
    return back("error=state");
  }
  const code = url.searchParams.get("code");
  if (!code) return back("error=code");
  try {
    const app = await completeManifestFlow(db(), env, code);
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
