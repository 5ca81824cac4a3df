// The sign-in configuration of this process: the GitHub App (environment or the app created through
// the manifest flow, lib/github/config.ts), its OAuth client, the session secret, and how memberships
// are re-checked without a user token (the org's installation token).
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import type { Env } from "../env.ts";
import { loadGitHubConfig, type GitHubConfig } from "../github/config.ts";
import { checkOrgMembershipWithInstallation } from "./membership-check.ts";
import type { OAuthAppConfig } from "./github-oauth.ts";
import { refreshUserMemberships } from "./memberships.ts";
import { findUserById } from "../db/users.ts";

export type AuthConfig = {
  /** A GitHub App is configured (not demo mode). */
  github: GitHubConfig | null;
  /** Its OAuth client; null when the app has no client id/secret (sign-in unavailable). */
  oauth: OAuthAppConfig | null;
  sessionSecret: string | undefined;
  /** Re-checks one user's memberships through the app's installation tokens. */
  refreshMemberships?: (user: { id: string; login: string }) => Promise<void>;
};

export async function loadAuthConfig(db: PrismaClient, env: Env): Promise<AuthConfig> {
  const github = await loadGitHubConfig(db, env);
  if (!github) return { github: null, oauth: null, sessionSecret: env.SESSION_SECRET };
  const oauth =
    github.clientId && github.clientSecret
      ? { clientId: github.clientId, clientSecret: github.clientSecret, apiUrl: github.apiUrl, webUrl: github.webUrl }
      : null;
  return {
    github,
    oauth,
    sessionSecret: env.SESSION_SECRET,
    refreshMemberships: async (user) => {
      const row = await findUserById(db, user.id);
      if (!row) return;
      await refreshUserMemberships(db, row, (org, username) => checkOrgMembershipWithInstallation(github, org, username));
    },
  };
}
