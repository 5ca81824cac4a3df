// Creating the GitHub App from the dashboard (App Manifest flow, docs.github.com "Registering a
// GitHub App from a manifest"): the admin's browser POSTs a manifest to GitHub, GitHub redirects back
// with a one-time code, and we exchange it (POST /app-manifests/{code}/conversions) for the app's
// id, private key, webhook secret and OAuth credentials, stored encrypted under APP_ENCRYPTION_KEY.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import { saveGitHubApp } from "../db/github.ts";
import type { Env } from "../env.ts";
import { AppError } from "../errors.ts";
import { encryptSecret, parseEncryptionKey } from "../crypto/secret-box.ts";
import { githubCall, GitHubOctokit } from "./client.ts";
import { invalidateGitHubConfig } from "./config.ts";

export const MANIFEST_STATE_COOKIE = "tf_gh_manifest_state";
/** Path of the state cookie: sent back only to the manifest routes. */
export const MANIFEST_STATE_COOKIE_PATH = "/api/github/manifest";
/** Minutes the admin has to come back from GitHub's "Create GitHub App" page. */
export const MANIFEST_STATE_MAX_AGE_SECONDS = 15 * 60;

/** Set-Cookie value for the manifest state (maxAgeSeconds 0 clears it). HttpOnly, SameSite=Lax. */
export function manifestStateCookie(value: string, opts: { secure: boolean; maxAgeSeconds: number }): string {
  const parts = [`${MANIFEST_STATE_COOKIE}=${value}`, `Path=${MANIFEST_STATE_COOKIE_PATH}`, "HttpOnly", "SameSite=Lax", `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`];
  if (opts.maxAgeSeconds <= 0) parts.push("Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  if (opts.secure) parts.push("Secure");
  return parts.join("; ");
}

export interface AppManifest {
  name: string;
  url: string;
  hook_attributes: { url: string; active: boolean };
  redirect_url: string;
  callback_urls: string[];
  setup_url: string;
  setup_on_update: boolean;
  public: boolean;
  request_oauth_on_install: boolean;
  default_permissions: Record<string, "read" | "write">;
  default_events: string[];
}

/**
 * The manifest for this deployment. `installation` (and `installation_target`: the account was
 * renamed) events are sent to every GitHub App and cannot be listed in default_events; the others are
 * subscribed here (`organization` — renames, members removed — needs Members read).
 */
export function buildManifest(appUrl: string, name = "twelvefactor"): AppManifest {
  const base = appUrl.replace(/\/+$/, "");
  return {
    name: name.slice(0, 34),
    url: base,
    hook_attributes: { url: `${base}/api/github/webhooks`, active: true },
    redirect_url: `${base}/api/github/manifest/callback`,
    callback_urls: [`${base}/api/auth/github/callback`],
    setup_url: `${base}/api/github/setup`,
    setup_on_update: true,
    public: false,
    request_oauth_on_install: false,
    default_permissions: { metadata: "read", contents: "read", checks: "write", members: "read" },
    default_events: ["installation_repositories", "repository", "push", "organization"],
  };
}

/** Where the browser posts the manifest: the user's account, or an organization. */
export function manifestPostUrl(webUrl: string, state: string, org?: string | null): string {
  const base = webUrl.replace(/\/+$/, "");
  const path = org ? `/organizations/${encodeURIComponent(org)}/settings/apps/new` : "/settings/apps/new";
  return `${base}${path}?state=${encodeURIComponent(state)}`;
}

export function newManifestState(): string {
  return randomBytes(24).toString("base64url");
}

export function statesMatch(expected: string | undefined | null, given: string | null): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface Conversion {
  id: number;
  slug: string;
  name: string;
  html_url: string;
  owner?: { login?: string } | null;
  pem: string;
  webhook_secret: string | null;
  client_id: string;
  client_secret: string;
}

/** Exchanges the manifest code and stores the new app (encrypted). Returns its public facts. */
export async function completeManifestFlow(
  db: PrismaClient,
  env: Pick<Env, "GITHUB_API_URL" | "APP_ENCRYPTION_KEY">,
  code: string,
): Promise<{ appId: number; slug: string; name: string; htmlUrl: string }> {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(code)) throw new AppError("VALIDATION", "invalid manifest code");
  if (!env.APP_ENCRYPTION_KEY) {
    throw new AppError("VALIDATION", "APP_ENCRYPTION_KEY must be set to store a GitHub App created from the dashboard (openssl rand -base64 32)");
  }
  const key = parseEncryptionKey(env.APP_ENCRYPTION_KEY);
  // Octokit would log a failed request (with the code in its URL) at error level on stderr; the
  // caller reports the outcome instead.
  const quiet = () => {};
  const octokit = new GitHubOctokit({
    baseUrl: env.GITHUB_API_URL.replace(/\/+$/, ""),
    throttle: { enabled: false },
    retry: { enabled: false },
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
  const { data } = await githubCall("convert the app manifest code", () => octokit.request("POST /app-manifests/{code}/conversions", { code }));
  const app = data as unknown as Conversion;
  if (!app.pem || !app.client_secret || !app.id) throw new AppError("UPSTREAM", "GitHub returned an incomplete app");
  await saveGitHubApp(db, {
    appId: BigInt(app.id),
    slug: app.slug,
    name: app.name,
    htmlUrl: app.html_url,
    ownerLogin: app.owner?.login ?? null,
    clientId: app.client_id,
    clientSecretEncrypted: encryptSecret(app.client_secret, key),
    privateKeyEncrypted: encryptSecret(app.pem, key),
    // A manifest without hook_attributes gets no secret; generate one so deliveries can be verified.
    webhookSecretEncrypted: encryptSecret(app.webhook_secret ?? randomBytes(20).toString("hex"), key),
  });
  invalidateGitHubConfig();
  return { appId: app.id, slug: app.slug, name: app.name, htmlUrl: app.html_url };
}
