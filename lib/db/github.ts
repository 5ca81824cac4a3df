// GitHub App and installation queries (the app created through the manifest flow, org rows of
// installations). Secrets are stored encrypted by the caller (lib/crypto/secret-box.ts).
import type { Prisma, PrismaClient } from "./generated/prisma/client.ts";

type Client = PrismaClient | Prisma.TransactionClient;

export interface StoredGitHubApp {
  appId: bigint;
  slug: string;
  name: string;
  htmlUrl: string;
  ownerLogin: string | null;
  clientId: string;
  clientSecretEncrypted: string;
  privateKeyEncrypted: string;
  webhookSecretEncrypted: string;
  updatedAt: Date;
}

const APP_ROW_ID = "default";

export async function findStoredGitHubApp(client: Client): Promise<StoredGitHubApp | null> {
  return client.gitHubApp.findUnique({
    where: { id: APP_ROW_ID },
    select: {
      appId: true,
      slug: true,
      name: true,
      htmlUrl: true,
      ownerLogin: true,
      clientId: true,
      clientSecretEncrypted: true,
      privateKeyEncrypted: true,
      webhookSecretEncrypted: true,
      updatedAt: true,
    },
  });
}

/** Stores (or replaces) the one GitHub App of this deployment. */
export async function saveGitHubApp(client: Client, app: Omit<StoredGitHubApp, "updatedAt">): Promise<void> {
  await client.gitHubApp.upsert({
    where: { id: APP_ROW_ID },
    create: { id: APP_ROW_ID, ...app },
    update: app,
    select: { id: true },
  });
}

const installationOrgSelect = {
  id: true,
  login: true,
  name: true,
  githubInstallationId: true,
  githubAccountType: true,
  suspendedAt: true,
  deletedAt: true,
  lastSyncedAt: true,
} as const;

export type InstallationOrg = Prisma.OrgGetPayload<{ select: typeof installationOrgSelect }>;

/**
 * Records an installation: creates or updates the GITHUB org of the account (by login; a login that
 * changed is followed by installation id first). Clears deletedAt; sets suspendedAt as given.
 */
export async function upsertInstallationOrg(
  client: Client,
  input: { installationId: bigint; accountId: bigint; login: string; name?: string | null; avatarUrl?: string | null; accountType: string; suspended: boolean },
): Promise<InstallationOrg> {
  const data = {
    login: input.login,
    name: input.name || input.login,
    avatarUrl: input.avatarUrl ?? null,
    githubInstallationId: input.installationId,
    githubAccountId: input.accountId,
    githubAccountType: input.accountType,
    suspendedAt: input.suspended ? new Date() : null,
    deletedAt: null,
  };
  const byInstallation = await client.org.findUnique({ where: { githubInstallationId: input.installationId }, select: { id: true } });
  const byLogin = byInstallation
    ? null
    : await client.org.findUnique({ where: { sourceKind_login: { sourceKind: "GITHUB", login: input.login } }, select: { id: true } });
  const existing = byInstallation ?? byLogin;
  if (existing) {
    return client.org.update({ where: { id: existing.id }, data, select: installationOrgSelect });
  }
  return client.org.create({ data: { sourceKind: "GITHUB", ...data }, select: installationOrgSelect });
}

export async function findOrgByInstallation(client: Client, installationId: bigint): Promise<InstallationOrg | null> {
  return client.org.findUnique({ where: { githubInstallationId: installationId }, select: installationOrgSelect });
}

export async function listInstallationOrgs(client: Client): Promise<InstallationOrg[]> {
  return client.org.findMany({ where: { sourceKind: "GITHUB" }, select: installationOrgSelect, orderBy: { login: "asc" } });
}

/** Marks the org of an installation deleted (uninstalled, or GitHub answers 404 for it). Returns whether a row changed. */
export async function markInstallationDeleted(client: Client, installationId: bigint, at: Date = new Date()): Promise<boolean> {
  const { count } = await client.org.updateMany({ where: { githubInstallationId: installationId, deletedAt: null }, data: { deletedAt: at } });
  return count > 0;
}

export async function setInstallationSuspended(client: Client, installationId: bigint, suspended: boolean, at: Date = new Date()): Promise<boolean> {
  const { count } = await client.org.updateMany({ where: { githubInstallationId: installationId }, data: { suspendedAt: suspended ? at : null } });
  return count > 0;
}

/** A repository of an installation's org by its GitHub id. */
export async function findInstallationRepository(client: Client, orgId: string, githubRepoId: number) {
  return client.repository.findUnique({
    where: { orgId_externalId: { orgId, externalId: String(githubRepoId) } },
    select: { id: true, headSha: true, defaultBranch: true, removedAt: true, archived: true, fork: true },
  });
}

/** Applies repository metadata from a webhook (rename, archive, default branch, visibility…). */
export async function updateRepositoryFromWebhook(
  client: Client,
  id: string,
  data: { name: string; fullName: string; defaultBranch: string; archived: boolean; fork: boolean; visibility: string; htmlUrl: string | null; cloneUrl: string | null; description: string | null },
): Promise<void> {
  const { cloneUrl, ...rest } = data;
  await client.repository.update({ where: { id }, data: { ...rest, ...(cloneUrl ? { cloneUrl } : {}) }, select: { id: true } });
}

export async function markRepositoryRemoved(client: Client, id: string, at: Date = new Date()): Promise<void> {
  await client.repository.update({ where: { id }, data: { removedAt: at }, select: { id: true } });
}

export async function setRepositoryHead(client: Client, id: string, headSha: string): Promise<void> {
  await client.repository.update({ where: { id }, data: { headSha, removedAt: null }, select: { id: true } });
}

/** The GitHub App installation of a repository's org (null for local sources). */
export async function findRepositoryInstallationId(client: Client, repositoryId: string): Promise<bigint | null> {
  const row = await client.repository.findUnique({ where: { id: repositoryId }, select: { org: { select: { githubInstallationId: true } } } });
  return row?.org.githubInstallationId ?? null;
}

/**
 * The installation's account was renamed on GitHub (organization.renamed, installation_target.renamed):
 * the org row follows the new login (its display name too while it was just the login). Another
 * GITHUB row still holding the new login is stale (logins are unique on GitHub at any time): it is
 * renamed aside so the unique (sourceKind, login) key stays free. Returns the updated org, or null
 * when no org belongs to the installation. Idempotent.
 */
export async function renameInstallationOrg(
  db: PrismaClient,
  installationId: bigint,
  account: { login: string; id: bigint },
): Promise<InstallationOrg | null> {
  return db.$transaction(async (tx) => {
    const org = await tx.org.findUnique({ where: { githubInstallationId: installationId }, select: { id: true, login: true, name: true, githubAccountId: true } });
    if (!org) return null;
    if (org.githubAccountId !== null && org.githubAccountId !== account.id) return null;
    if (org.login !== account.login) {
      const holder = await tx.org.findUnique({ where: { sourceKind_login: { sourceKind: "GITHUB", login: account.login } }, select: { id: true, login: true } });
      if (holder && holder.id !== org.id) {
        await tx.org.update({ where: { id: holder.id }, data: { login: `${holder.login}~renamed-${holder.id}` }, select: { id: true } });
      }
    }
    return tx.org.update({
      where: { id: org.id },
      data: { login: account.login, githubAccountId: account.id, ...(org.name === org.login ? { name: account.login } : {}) },
      select: installationOrgSelect,
    });
  });
}

/**
 * organization.member_removed: the user (by GitHub id) loses the org at once (not at the next refresh).
 * Returns whether a membership was deleted.
 */
export async function removeMemberFromInstallationOrg(client: Client, orgId: string, githubUserId: bigint): Promise<boolean> {
  const { count } = await client.membership.deleteMany({ where: { orgId, user: { githubId: githubUserId } } });
  return count > 0;
}

/**
 * organization.member_added: the user's memberships are re-read from GitHub at their next request
 * (membership state and role are GitHub's to say; an invitation is not a membership yet).
 */
export async function markMembershipsStale(client: Client, githubUserId: bigint): Promise<boolean> {
  const { count } = await client.user.updateMany({ where: { githubId: githubUserId }, data: { membershipsRefreshedAt: null } });
  return count > 0;
}
