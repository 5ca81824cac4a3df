// GitHub redirects back here with ?code&state. The state must match this browser's state cookie
// (else 400 and no session); then the code is exchanged, the user and memberships recorded and the
// session cookie set. Other failures are shown on /login.
import { apiRoute } from "@/app/api/_lib/api-route";
import { loadAuthConfig } from "@/lib/auth/auth-config";
import { clearCookie, OAUTH_STATE_COOKIE, readCookie, serializeCookie, SESSION_COOKIE } from "@/lib/auth/cookies";
import { checkOAuthState } from "@/lib/auth/oauth-state";
import { signInWithGitHubCode } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { loadEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { appUrlFor, cookiesSecure, redirectTo } from "../../_lib";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (req, _params, ctx) => {
  const env = loadEnv();
  const url = new URL(req.url);
  const secure = cookiesSecure(env, req);
  const clearState = clearCookie(OAUTH_STATE_COOKIE, secure);
  const config = await loadAuthConfig(db(), env);
  if (!config.oauth) return redirectTo(env, req, "/login?error=not-configured", [clearState]);
  if (!config.sessionSecret) return redirectTo(env, req, "/login?error=no-session-secret", [clearState]);

  const checked = checkOAuthState(config.sessionSecret, readCookie(req.headers.get("cookie"), OAUTH_STATE_COOKIE), url.searchParams.get("state"));
  if (!checked) {
    ctx.logFields.signIn = "state mismatch";
    return new Response(stateErrorPage(), {
      status: 400,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "set-cookie": clearState },
    });
  }
  if (url.searchParams.get("error")) {
    ctx.logFields.signIn = "denied on GitHub";
    return redirectTo(env, req, "/login?error=denied", [clearState]);
  }
  const code = url.searchParams.get("code");
  if (!code || code.length > 512) return redirectTo(env, req, "/login?error=denied", [clearState]);

  try {
    const result = await signInWithGitHubCode(
      db(),
      config.oauth,
      {
        appUrl: appUrlFor(env, req),
        sessionSecret: config.sessionSecret,
        sessionMaxAgeHours: env.SESSION_MAX_AGE_HOURS,
        adminGithubLogins: env.ADMIN_GITHUB_LOGINS,
      },
      { code, userAgent: req.headers.get("user-agent") },
    );
    ctx.logFields.signIn = "ok";
    ctx.logFields.userId = result.user.id;
    ctx.logFields.memberships = result.memberships.length;
    return redirectTo(env, req, checked.returnTo, [
      clearState,
      serializeCookie(SESSION_COOKIE, result.cookieValue, { maxAgeSeconds: result.maxAgeSeconds, secure }),
    ]);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    ctx.logFields.signIn = err.message;
    return redirectTo(env, req, `/login?error=${err.code === "FORBIDDEN" ? "rejected" : "github"}`, [clearState]);
  }
});

function stateErrorPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in failed · twelvefactor</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>Sign-in failed</h1>
<p>This sign-in did not start in this browser, or it took longer than 10 minutes. Nothing was signed in.</p>
<p><a href="/login">Try again</a></p></body></html>`;
}
