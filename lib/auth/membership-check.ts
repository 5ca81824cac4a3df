// Membership re-checks without a user token: the org's installation token asks
// GET /orgs/:org/memberships/:username (the app needs the "Members: read" permission).
import { RequestError } from "@octokit/request-error";
import type { GitHubOrgAccount } from "../db/memberships.ts";
import type { OrgRole } from "../db/generated/prisma/enums.ts";
import { installationClient, toAppError, type GitHubClient } from "../github/client.ts";
import type { GitHubConfig } from "../github/config.ts";

/** The user's role in the org, or null when they are not an active member. Throws (AppError) when GitHub cannot answer. */
export async function checkOrgMembershipWithInstallation(config: GitHubConfig, org: GitHubOrgAccount, username: string): Promise<OrgRole | null> {
  if (org.githubInstallationId === null) return null;
  const client: GitHubClient = installationClient(config, Number(org.githubInstallationId));
  try {
    const res = await client.request("GET /orgs/{org}/memberships/{username}", { org: org.login, username });
    if (res.data.state !== "active") return null;
    return res.data.role === "admin" ? "ADMIN" : "MEMBER";
  } catch (err) {
    if (err instanceof RequestError && err.status === 404) return null;
    throw toAppError(err, `check ${username}'s membership of ${org.login}`);
  }
}
