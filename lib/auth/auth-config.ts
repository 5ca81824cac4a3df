// The sign-in configuration of this process: the OAuth client of the GitHub App (environment or the
// app created through the manifest flow) plus the session settings.
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import type { Env } from "../env.ts";
import type { OAuthAppConfig } from "./github-oauth.ts";

export type AuthConfig = {
  /** Null: no GitHub configured (demo mode on localhost). */
  oauth: OAuthAppConfig | null;
  sessionSecret: string | undefined;
  /** Re-checks one user's memberships through the app's installation tokens (absent: not possible). */
  refreshMemberships?: (user: { id: string; login: string }) => Promise<void>;
};

// Until lib/github/config.ts lands: the OAuth client from the environment only.
export async function loadAuthConfig(_db: PrismaClient, env: Env): Promise<AuthConfig> {
  const oauth =
    env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
      ? { clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET, apiUrl: env.GITHUB_API_URL, webUrl: env.GITHUB_URL }
      : null;
  return { oauth, sessionSecret: env.SESSION_SECRET };
}
