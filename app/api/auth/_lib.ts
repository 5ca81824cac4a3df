// Shared by the sign-in routes: the app's public origin and cookie security.
import { secureCookies } from "@/lib/auth/cookies";
import type { Env } from "@/lib/env";

/** APP_URL, or (unset) the origin the request came to. */
export function appUrlFor(env: Env, req: Request): string {
  return (env.APP_URL ?? new URL(req.url).origin).replace(/\/+$/, "");
}

export function cookiesSecure(env: Env, req: Request): boolean {
  return secureCookies(appUrlFor(env, req));
}

/** A redirect to a same-site path (303: the browser follows it with GET). */
export function redirectTo(env: Env, req: Request, path: string, setCookies: string[] = []): Response {
  const headers = new Headers({ location: new URL(path, appUrlFor(env, req) + "/").toString(), "cache-control": "no-store" });
  for (const c of setCookies) headers.append("set-cookie", c);
  return new Response(null, { status: 303, headers });
}
