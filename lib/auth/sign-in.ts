// The callback's work once the state has been checked: code → user token → profile and memberships →
// User + Membership rows → a new session. The token lives only in this function's scope.
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import { deleteExpiredSessions } from "../db/sessions.ts";
import { parseAdminLogins, upsertGitHubUser, type SignedInUser } from "../db/users.ts";
import { exchangeCode, fetchUserOrgMemberships, fetchUserProfile, type OAuthAppConfig } from "./github-oauth.ts";
import { recordSignInMemberships, type MembershipRow } from "./memberships.ts";
import { issueSession } from "./session.ts";

export type SignInSettings = {
  appUrl: string;
  sessionSecret: string;
  sessionMaxAgeHours: number;
  adminGithubLogins: string;
};

export async function signInWithGitHubCode(
  db: PrismaClient,
  config: OAuthAppConfig,
  settings: SignInSettings,
  input: { code: string; userAgent: string | null },
): Promise<{ user: SignedInUser; memberships: MembershipRow[]; cookieValue: string; maxAgeSeconds: number }> {
  const token = await exchangeCode(config, settings.appUrl, input.code);
  const profile = await fetchUserProfile(config.apiUrl, token);
  const memberOf = await fetchUserOrgMemberships(config.apiUrl, token);
  const user = await upsertGitHubUser(db, profile, parseAdminLogins(settings.adminGithubLogins));
  const memberships = await recordSignInMemberships(db, user.id, profile, memberOf);
  await deleteExpiredSessions(db); // housekeeping: expired rows are dead anyway
  const session = await issueSession(db, {
    secret: settings.sessionSecret,
    userId: user.id,
    maxAgeHours: settings.sessionMaxAgeHours,
    userAgent: input.userAgent,
  });
  return { user, memberships, cookieValue: session.cookieValue, maxAgeSeconds: session.maxAgeSeconds };
}
