// Sign-out: POST only. CSRF-safe: the session cookie is SameSite=Lax (not sent on cross-site POSTs)
// and the Origin header must be this site's.
import { apiRoute, noStoreJson } from "@/app/api/_lib/api-route";
import { loadAuthConfig } from "@/lib/auth/auth-config";
import { clearCookie, readCookie, SESSION_COOKIE } from "@/lib/auth/cookies";
import { endSession } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { loadEnv } from "@/lib/env";
import { appUrlFor, cookiesSecure, redirectTo } from "../_lib";

export const dynamic = "force-dynamic";

function sameOrigin(req: Request, appUrl: string): boolean {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  const host = req.headers.get("host");
  return origin === new URL(appUrl).origin || (host !== null && new URL(origin).host === host);
}

export const POST = apiRoute(async (req, _params, ctx) => {
  const env = loadEnv();
  if (!sameOrigin(req, appUrlFor(env, req))) {
    ctx.logFields.signOut = "cross-origin refused";
    return noStoreJson({ error: "cross-origin request refused" }, 403);
  }
  const config = await loadAuthConfig(db(), env);
  if (config.sessionSecret) await endSession(db(), config.sessionSecret, readCookie(req.headers.get("cookie"), SESSION_COOKIE));
  return redirectTo(env, req, "/login?signedOut=1", [clearCookie(SESSION_COOKIE, cookiesSecure(env, req))]);
});
