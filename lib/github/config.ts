// Which GitHub App this deployment uses. Two ways to configure it:
//   1. environment (GITHUB_APP_ID, GITHUB_PRIVATE_KEY, …): takes precedence, never touches the DB;
//   2. the app created from the dashboard (manifest flow), stored in the GitHubApp row with its
//      secrets encrypted under APP_ENCRYPTION_KEY.
// Both point at GITHUB_API_URL / GITHUB_URL (github.com or a GitHub Enterprise Server).
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import { findStoredGitHubApp } from "../db/github.ts";
import { githubPrivateKeyFromEnv, type Env } from "../env.ts";
import { AppError } from "../errors.ts";
import { decryptSecret, parseEncryptionKey } from "../crypto/secret-box.ts";

export interface GitHubConfig {
  appId: number;
  /** null when configured through the environment without GITHUB_APP_SLUG (look it up with the app JWT). */
  slug: string | null;
  /** PEM (PKCS#1 or PKCS#8). Never log it. */
  privateKey: string;
  /** null → webhooks are refused (401). */
  webhookSecret: string | null;
  /** null → sign-in with GitHub is not available. */
  clientId: string | null;
  clientSecret: string | null;
  /** REST base, no trailing slash (https://api.github.com, https://HOST/api/v3). */
  apiUrl: string;
  /** Web base, no trailing slash (https://github.com, https://HOST). */
  webUrl: string;
  source: "env" | "database";
}

type ConfigEnv = Pick<
  Env,
  | "GITHUB_APP_ID"
  | "GITHUB_PRIVATE_KEY"
  | "GITHUB_WEBHOOK_SECRET"
  | "GITHUB_CLIENT_ID"
  | "GITHUB_CLIENT_SECRET"
  | "GITHUB_APP_SLUG"
  | "GITHUB_API_URL"
  | "GITHUB_URL"
  | "APP_ENCRYPTION_KEY"
>;

const CACHE_MS = 30_000;
let cache: { key: string; at: number; value: Promise<GitHubConfig | null> } | undefined;

const trimSlash = (u: string) => u.replace(/\/+$/, "");

/** The app configured in the environment, or null when GITHUB_APP_ID is unset (env.ts rejects partial config). */
export function githubConfigFromEnv(env: ConfigEnv): GitHubConfig | null {
  if (env.GITHUB_APP_ID === undefined) return null;
  const privateKey = githubPrivateKeyFromEnv(env);
  if (!privateKey) throw new AppError("VALIDATION", "GITHUB_PRIVATE_KEY is required when GITHUB_APP_ID is set");
  return {
    appId: env.GITHUB_APP_ID,
    slug: env.GITHUB_APP_SLUG ?? null,
    privateKey,
    webhookSecret: env.GITHUB_WEBHOOK_SECRET ?? null,
    clientId: env.GITHUB_CLIENT_ID ?? null,
    clientSecret: env.GITHUB_CLIENT_SECRET ?? null,
    apiUrl: trimSlash(env.GITHUB_API_URL),
    webUrl: trimSlash(env.GITHUB_URL),
    source: "env",
  };
}

async function configFromDatabase(db: PrismaClient, env: ConfigEnv): Promise<GitHubConfig | null> {
  const row = await findStoredGitHubApp(db);
  if (!row) return null;
  if (!env.APP_ENCRYPTION_KEY) {
    throw new AppError("VALIDATION", "a GitHub App is stored in the database but APP_ENCRYPTION_KEY is not set, so its secrets cannot be read");
  }
  const key = parseEncryptionKey(env.APP_ENCRYPTION_KEY);
  return {
    appId: Number(row.appId),
    slug: row.slug,
    privateKey: decryptSecret(row.privateKeyEncrypted, key, "the GitHub App private key"),
    webhookSecret: decryptSecret(row.webhookSecretEncrypted, key, "the GitHub App webhook secret"),
    clientId: row.clientId,
    clientSecret: decryptSecret(row.clientSecretEncrypted, key, "the GitHub App client secret"),
    apiUrl: trimSlash(env.GITHUB_API_URL),
    webUrl: trimSlash(env.GITHUB_URL),
    source: "database",
  };
}

/**
 * The GitHub App of this deployment, or null when none is configured. Environment first, then the
 * database. Cached for 30 s per process (invalidateGitHubConfig() after storing a new app).
 */
export async function loadGitHubConfig(db: PrismaClient, env: ConfigEnv): Promise<GitHubConfig | null> {
  const fromEnv = githubConfigFromEnv(env);
  if (fromEnv) return fromEnv;
  const key = `${env.GITHUB_API_URL}|${env.GITHUB_URL}|${env.APP_ENCRYPTION_KEY ?? ""}`;
  if (cache && cache.key === key && Date.now() - cache.at < CACHE_MS) return cache.value;
  const value = configFromDatabase(db, env);
  cache = { key, at: Date.now(), value };
  value.catch(() => {
    if (cache?.value === value) cache = undefined;
  });
  return value;
}

/** Like loadGitHubConfig, but a missing app is an error (for code paths that need one). */
export async function requireGitHubConfig(db: PrismaClient, env: ConfigEnv): Promise<GitHubConfig> {
  const config = await loadGitHubConfig(db, env);
  if (!config) {
    throw new AppError("VALIDATION", "no GitHub App is configured: set GITHUB_APP_ID and GITHUB_PRIVATE_KEY, or create one from /admin/github");
  }
  return config;
}

/** Forget the cached database config (after the manifest flow stored a new app). */
export function invalidateGitHubConfig(): void {
  cache = undefined;
}
