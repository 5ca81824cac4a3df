// The GitHub side of sign-in (OAuth web flow of the GitHub App). The user token exists only inside
// `signInWithGitHubCode`'s caller for the length of one callback request: it is never stored, logged
// or put in an error message.
import { z } from "zod";
import { AppError } from "../errors.ts";

/** The OAuth part of the GitHub configuration (lib/github/config.ts provides it). */
export type OAuthAppConfig = { clientId: string; clientSecret: string; apiUrl: string; webUrl: string };

const TIMEOUT_MS = 15_000;

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** The callback GitHub redirects back to; must match the app's registered callback URL. */
export function oauthRedirectUri(appUrl: string): string {
  return `${trimSlash(appUrl)}/api/auth/github/callback`;
}

/** GitHub's authorize page for this app, carrying the state bound to the browser. */
export function authorizeUrl(config: OAuthAppConfig, appUrl: string, state: string): string {
  const u = new URL(`${trimSlash(config.webUrl)}/login/oauth/authorize`);
  u.searchParams.set("client_id", config.clientId);
  u.searchParams.set("redirect_uri", oauthRedirectUri(appUrl));
  u.searchParams.set("state", state);
  u.searchParams.set("allow_signup", "false");
  return u.toString();
}

const tokenResponse = z.union([
  z.object({ access_token: z.string().min(1) }),
  z.object({ error: z.string(), error_description: z.string().optional() }),
]);

/** Exchanges the code from the callback for a user token (never stored). */
export async function exchangeCode(config: OAuthAppConfig, appUrl: string, code: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${trimSlash(config.webUrl)}/login/oauth/access_token`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({
        client_id: config.clientId,
        client_secret: config.clientSecret,
        code,
        redirect_uri: oauthRedirectUri(appUrl),
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new AppError("UPSTREAM", "GitHub did not answer the code exchange", { details: { reason: (err as Error).name } });
  }
  if (!res.ok) throw new AppError("UPSTREAM", `GitHub refused the code exchange (HTTP ${res.status})`);
  const body = tokenResponse.safeParse(await res.json().catch(() => null));
  if (!body.success) throw new AppError("UPSTREAM", "GitHub's code exchange answer was not understood");
  if ("error" in body.data) {
    // error codes are fixed identifiers (bad_verification_code, incorrect_client_credentials, …)
    throw new AppError("FORBIDDEN", `GitHub rejected the sign-in code (${body.data.error.slice(0, 60)})`);
  }
  return body.data.access_token;
}

async function getJson(apiUrl: string, path: string, token: string): Promise<{ status: number; body: unknown; next: string | null }> {
  let res: Response;
  try {
    res = await fetch(path.startsWith("http") ? path : `${trimSlash(apiUrl)}${path}`, {
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${token}`,
        "x-github-api-version": "2022-11-28",
        "user-agent": "twelvefactor",
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new AppError("UPSTREAM", `GitHub did not answer GET ${path.split("?")[0]}`, { details: { reason: (err as Error).name } });
  }
  const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1] ?? null;
  return { status: res.status, body: await res.json().catch(() => null), next };
}

const githubUser = z.object({
  id: z.number().int().positive(),
  login: z.string().min(1),
  name: z.string().nullish(),
  avatar_url: z.string().nullish(),
  email: z.string().nullish(),
});
export type GitHubUserProfile = { githubId: number; login: string; name: string | null; avatarUrl: string | null; email: string | null };

const emails = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));

/** GET /user and the primary verified address from GET /user/emails (null when not readable). */
export async function fetchUserProfile(apiUrl: string, token: string): Promise<GitHubUserProfile> {
  const user = await getJson(apiUrl, "/user", token);
  if (user.status !== 200) throw new AppError("UPSTREAM", `GitHub answered GET /user with HTTP ${user.status}`);
  const parsed = githubUser.safeParse(user.body);
  if (!parsed.success) throw new AppError("UPSTREAM", "GitHub's /user answer was not understood");
  let email: string | null = null;
  const list = await getJson(apiUrl, "/user/emails?per_page=100", token);
  if (list.status === 200) {
    const rows = emails.safeParse(list.body);
    if (rows.success) email = rows.data.find((e) => e.primary && e.verified)?.email ?? null;
  }
  return {
    githubId: parsed.data.id,
    login: parsed.data.login,
    name: parsed.data.name ?? null,
    avatarUrl: parsed.data.avatar_url ?? null,
    email,
  };
}

const orgMemberships = z.array(
  z.object({
    state: z.string(),
    role: z.string(),
    organization: z.object({ id: z.number().int(), login: z.string() }),
  }),
);
export type OrgMembershipInfo = { orgGithubId: number; orgLogin: string; role: "ADMIN" | "MEMBER" };

/** The user's active organization memberships (GET /user/memberships/orgs, all pages). */
export async function fetchUserOrgMemberships(apiUrl: string, token: string): Promise<OrgMembershipInfo[]> {
  const out: OrgMembershipInfo[] = [];
  let path: string | null = "/user/memberships/orgs?state=active&per_page=100";
  for (let page = 0; path && page < 50; page++) {
    const res = await getJson(apiUrl, path, token);
    if (res.status !== 200) throw new AppError("UPSTREAM", `GitHub answered GET /user/memberships/orgs with HTTP ${res.status}`);
    const rows = orgMemberships.safeParse(res.body);
    if (!rows.success) throw new AppError("UPSTREAM", "GitHub's /user/memberships/orgs answer was not understood");
    for (const m of rows.data) {
      if (m.state !== "active") continue;
      out.push({ orgGithubId: m.organization.id, orgLogin: m.organization.login, role: m.role === "admin" ? "ADMIN" : "MEMBER" });
    }
    path = res.next;
  }
  return out;
}
