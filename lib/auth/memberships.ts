// Which installed GitHub accounts a user belongs to. At sign-in this uses the user's token (their
// organization memberships); later refreshes have no user token and ask GitHub through the app's
// installation token instead (GET /orgs/:org/memberships/:username), so a member removed on GitHub
// loses access at the next refresh.
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import type { OrgRole } from "../db/generated/prisma/enums.ts";
import { listGitHubOrgAccounts, replaceMemberships, type GitHubOrgAccount } from "../db/memberships.ts";
import type { OrgMembershipInfo } from "./github-oauth.ts";

export type MembershipRow = { orgId: string; role: OrgRole };
type Person = { githubId: number | bigint; login: string };

function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** A personal account installation belongs to the user it is: matched by account id, else by login. */
function ownsUserAccount(org: GitHubOrgAccount, person: Person): boolean {
  if (org.githubAccountId !== null) return org.githubAccountId === BigInt(person.githubId);
  return sameLogin(org.login, person.login);
}

function isUserAccount(org: GitHubOrgAccount): boolean {
  return org.githubAccountType === "User";
}

/** Memberships at sign-in, from the user's own organization memberships (pure). */
export function membershipsFromSignIn(orgs: readonly GitHubOrgAccount[], person: Person, memberOf: readonly OrgMembershipInfo[]): MembershipRow[] {
  const rows: MembershipRow[] = [];
  for (const org of orgs) {
    if (isUserAccount(org)) {
      if (ownsUserAccount(org, person)) rows.push({ orgId: org.id, role: "ADMIN" });
      continue;
    }
    const m = memberOf.find((x) =>
      org.githubAccountId !== null ? BigInt(x.orgGithubId) === org.githubAccountId : sameLogin(x.orgLogin, org.login),
    );
    if (m) rows.push({ orgId: org.id, role: m.role });
  }
  return rows;
}

export async function recordSignInMemberships(db: PrismaClient, userId: string, person: Person, memberOf: readonly OrgMembershipInfo[], now = new Date()) {
  const rows = membershipsFromSignIn(await listGitHubOrgAccounts(db), person, memberOf);
  await replaceMemberships(db, userId, rows, now);
  return rows;
}

/**
 * Asks GitHub, with the org's installation token, whether `username` is an active member of the
 * organization `org`: their role, or null (not a member). Throws when GitHub cannot answer.
 */
export type OrgMembershipChecker = (org: GitHubOrgAccount, username: string) => Promise<OrgRole | null>;

/**
 * Re-checks every installed account for one user and replaces their memberships. When GitHub cannot
 * answer for some org, nothing is changed and the error is thrown (the next request or job retries),
 * so an outage neither grants nor silently drops access.
 */
export async function refreshUserMemberships(
  db: PrismaClient,
  user: { id: string; githubId: number | bigint; login: string },
  check: OrgMembershipChecker,
  now = new Date(),
): Promise<MembershipRow[]> {
  const orgs = await listGitHubOrgAccounts(db);
  const rows: MembershipRow[] = [];
  for (const org of orgs) {
    if (isUserAccount(org)) {
      if (ownsUserAccount(org, user)) rows.push({ orgId: org.id, role: "ADMIN" });
      continue;
    }
    if (org.githubInstallationId === null) continue;
    const role = await check(org, user.login);
    if (role) rows.push({ orgId: org.id, role });
  }
  await replaceMemberships(db, user.id, rows, now);
  return rows;
}

/** True when the user's memberships are older than MEMBERSHIP_REFRESH_MINUTES. */
export function membershipsAreStale(refreshedAt: Date | null, refreshMinutes: number, now = new Date()): boolean {
  return !refreshedAt || now.getTime() - refreshedAt.getTime() > refreshMinutes * 60_000;
}
