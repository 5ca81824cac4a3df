// Recording installations of the app (setup redirect after "Install", admin page).
import type { PgBoss } from "pg-boss";
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import { upsertInstallationOrg, type InstallationOrg } from "../db/github.ts";
import { enqueue } from "../queue/enqueue.ts";
import { syncSourceSpec } from "../jobs/specs/sync-source.ts";
import { appClient, githubCall } from "./client.ts";
import type { GitHubConfig } from "./config.ts";

/**
 * Fetches an installation with the app JWT (so only a real installation of THIS app is recorded,
 * whatever id the browser brought), upserts its org and queues its first sync.
 */
export async function recordInstallation(
  db: PrismaClient,
  boss: PgBoss,
  config: GitHubConfig,
  installationId: number,
): Promise<{ org: InstallationOrg; syncQueued: boolean }> {
  const app = appClient(config);
  const { data } = await githubCall(`read installation ${installationId}`, () => app.rest.apps.getInstallation({ installation_id: installationId }));
  const account = data.account as { login?: string; id?: number; type?: string; avatar_url?: string; name?: string | null } | null;
  if (!account?.login || !account.id) throw new Error(`installation ${installationId} has no account`);
  const org = await upsertInstallationOrg(db, {
    installationId: BigInt(data.id),
    accountId: BigInt(account.id),
    login: account.login,
    name: account.name ?? null,
    avatarUrl: account.avatar_url ?? null,
    accountType: account.type ?? (data.target_type as string | undefined) ?? "Organization",
    suspended: Boolean(data.suspended_at),
  });
  const syncQueued = !org.suspendedAt && (await enqueue(boss, syncSourceSpec, { orgId: org.id })) !== null;
  return { org, syncQueued };
}

/** The app's slug: from the config, else looked up with the app JWT (env config without GITHUB_APP_SLUG). */
export async function appSlug(config: GitHubConfig): Promise<string> {
  if (config.slug) return config.slug;
  const { data } = await githubCall("read the app", () => appClient(config).rest.apps.getAuthenticated());
  return data?.slug ?? String(config.appId);
}

export function installUrl(config: GitHubConfig, slug: string): string {
  return `${config.webUrl}/apps/${encodeURIComponent(slug)}/installations/new`;
}
