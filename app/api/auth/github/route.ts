// Start of "Sign in with GitHub": a fresh state bound to this browser (signed, short-lived cookie),
// then the redirect to GitHub's authorize page.
import { apiRoute } from "@/app/api/_lib/api-route";
import { loadAuthConfig } from "@/lib/auth/auth-config";
import { OAUTH_STATE_COOKIE, OAUTH_STATE_MAX_AGE_SECONDS, serializeCookie } from "@/lib/auth/cookies";
import { authorizeUrl } from "@/lib/auth/github-oauth";
import { createOAuthState } from "@/lib/auth/oauth-state";
import { db } from "@/lib/db/client";
import { loadEnv } from "@/lib/env";
import { appUrlFor, cookiesSecure, redirectTo } from "../_lib";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (req) => {
  const env = loadEnv();
  const config = await loadAuthConfig(db(), env);
  if (!config.oauth) return redirectTo(env, req, "/login?error=not-configured");
  if (!config.sessionSecret) return redirectTo(env, req, "/login?error=no-session-secret");
  const { state, cookieValue } = createOAuthState(config.sessionSecret, new URL(req.url).searchParams.get("returnTo"));
  const headers = new Headers({ location: authorizeUrl(config.oauth, appUrlFor(env, req), state), "cache-control": "no-store" });
  headers.append(
    "set-cookie",
    serializeCookie(OAUTH_STATE_COOKIE, cookieValue, { maxAgeSeconds: OAUTH_STATE_MAX_AGE_SECONDS, secure: cookiesSecure(env, req) }),
  );
  return new Response(null, { status: 302, headers });
});
