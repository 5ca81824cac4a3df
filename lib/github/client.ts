// The only place that builds Octokit clients. Every GitHub REST call of the app goes through here:
//   appClient(config)                       authenticated as the app (RS256 JWT)
//   installationClient(config, id)          authenticated as one installation (ghs_ token)
//   installationToken(config, id)           a token for git clones (cached in memory only)
// Throttling honours retry-after and secondary limits, 5xx are retried, each installation keeps a
// small reserve of its REST budget (a job that would spend it gets a retryable error instead), and
// every HTTP request is counted (restCallStats). Tokens live in this process's memory only: never in
// the database, logs or error messages.
import { createAppAuth } from "@octokit/auth-app";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { RequestError } from "@octokit/request-error";
import { Octokit } from "@octokit/rest";
import { createHash } from "node:crypto";
import { AppError, type ErrorCode } from "../errors.ts";
import { logger, scrubSecrets } from "../log.ts";
import type { GitHubConfig } from "./config.ts";

export const GitHubOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof GitHubOctokit>;

export interface ClientTuning {
  /** Retries of a rate-limited request before giving up with a retryable AppError (default 2). */
  rateLimitRetries: number;
  /** Longest wait (seconds) for a rate limit inside one call; longer → retryable AppError so the job retries later (default 60). */
  maxRateLimitWaitSeconds: number;
  /** Retries of a 5xx / network failure (default 3). */
  serverErrorRetries: number;
  /** Multiplier for retry-after and retry backoff in ms (default 1000; tests use less). */
  retryBaseMs: number;
  /** Remaining requests of an installation below which calls are refused until the reset (default 50). */
  installationReserve: number;
  /** A cached installation token is reused while it has at least this long to live (default 10 min). */
  tokenMinTtlMs: number;
}

const DEFAULT_TUNING: ClientTuning = {
  rateLimitRetries: 2,
  maxRateLimitWaitSeconds: 60,
  serverErrorRetries: 3,
  retryBaseMs: 1000,
  installationReserve: 50,
  tokenMinTtlMs: 10 * 60 * 1000,
};
let tuning: ClientTuning = { ...DEFAULT_TUNING };

/** Adjusts retry/backoff behaviour (tests and benchmarks). Clears cached clients. */
export function tuneGitHubClient(overrides: Partial<ClientTuning>): void {
  tuning = { ...DEFAULT_TUNING, ...overrides };
  apps.clear();
}

// ---------------------------------------------------------------- counting

export interface RestCallStats {
  total: number;
  byInstallation: Map<number, number>;
}
const stats: RestCallStats = { total: 0, byInstallation: new Map() };

/** HTTP requests made to the GitHub API by this process (including retries and token requests). */
export function restCallStats(): { total: number; byInstallation: Record<string, number> } {
  return { total: stats.total, byInstallation: Object.fromEntries([...stats.byInstallation].map(([k, v]) => [String(k), v])) };
}

export function resetRestCallStats(): void {
  stats.total = 0;
  stats.byInstallation.clear();
}

function countingFetch(installationId: number | null): typeof fetch {
  return (input, init) => {
    stats.total++;
    if (installationId !== null) stats.byInstallation.set(installationId, (stats.byInstallation.get(installationId) ?? 0) + 1);
    return fetch(input, init);
  };
}

// ---------------------------------------------------------------- budget per installation

interface Budget {
  remaining: number;
  resetAt: number;
}
const budgets = new Map<number, Budget>();

function recordBudget(installationId: number, headers: Record<string, string | number | undefined>) {
  const remaining = Number(headers["x-ratelimit-remaining"]);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (Number.isFinite(remaining) && Number.isFinite(reset)) budgets.set(installationId, { remaining, resetAt: reset * 1000 });
}

function checkBudget(installationId: number) {
  const b = budgets.get(installationId);
  if (!b) return;
  if (b.resetAt <= Date.now()) {
    budgets.delete(installationId);
    return;
  }
  if (b.remaining < tuning.installationReserve) {
    throw new AppError("UPSTREAM", `GitHub API budget of installation ${installationId} is nearly spent; it resets at ${new Date(b.resetAt).toISOString()}`, {
      details: { installationId, remaining: b.remaining, resetAt: new Date(b.resetAt).toISOString(), rateLimited: true },
    });
  }
}

// ---------------------------------------------------------------- clients

interface AppState {
  config: GitHubConfig;
  app: GitHubClient;
  auth: ReturnType<typeof createAppAuth>;
  installations: Map<number, GitHubClient>;
  tokens: Map<number, Promise<{ token: string; expiresAt: number }>>;
}
const apps = new Map<string, AppState>();

function appKey(config: GitHubConfig): string {
  return createHash("sha256").update(`${config.appId}\0${config.apiUrl}\0${config.privateKey}`).digest("hex");
}

function baseOptions(config: GitHubConfig, installationId: number | null) {
  const log = logger().child({ component: "github", ...(installationId !== null ? { installationId } : {}) });
  const onLimit = (kind: string) => (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
    const retrying = retryCount < tuning.rateLimitRetries && retryAfter <= tuning.maxRateLimitWaitSeconds;
    log.warn({ kind, retryAfter, method: options.method, route: options.url, retryCount, retrying }, "GitHub rate limit");
    return retrying;
  };
  return {
    baseUrl: config.apiUrl,
    userAgent: "twelvefactor",
    request: { fetch: countingFetch(installationId) },
    // Octokit logs every failed request at error level; callers decide what a failure means (a 404
    // can be an expected answer), so those lines go to debug.
    log: { debug: (m: string) => log.debug(scrubSecrets(m)), info: () => {}, warn: (m: string) => log.warn(scrubSecrets(m)), error: (m: string) => log.debug(scrubSecrets(m)) },
    throttle: {
      onRateLimit: onLimit("primary"),
      onSecondaryRateLimit: onLimit("secondary"),
      retryAfterBaseValue: tuning.retryBaseMs,
      fallbackSecondaryRateRetryAfter: 60,
    },
    // 409 (empty repository, conflicts) is an answer, not a transient failure.
    retry: { retries: tuning.serverErrorRetries, retryAfterBaseValue: tuning.retryBaseMs, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451] },
  };
}

function stateFor(config: GitHubConfig): AppState {
  const key = appKey(config);
  let state = apps.get(key);
  if (!state) {
    const app = new GitHubOctokit({
      ...baseOptions(config, null),
      authStrategy: createAppAuth,
      auth: { appId: config.appId, privateKey: config.privateKey },
    });
    // The same auth (and request pipeline: throttling, retries, counting) mints installation tokens.
    const auth = createAppAuth({ appId: config.appId, privateKey: config.privateKey, request: app.request });
    state = { config, app, auth, installations: new Map(), tokens: new Map() };
    apps.set(key, state);
  }
  return state;
}

/** Octokit authenticated as the app (JWT): /app, /app/installations… */
export function appClient(config: GitHubConfig): GitHubClient {
  return stateFor(config).app;
}

/**
 * An installation access token, from this process's memory cache while it has at least
 * tokenMinTtlMs left, else freshly created (POST /app/installations/:id/access_tokens).
 */
export async function installationToken(config: GitHubConfig, installationId: number): Promise<{ token: string; expiresAt: Date }> {
  const state = stateFor(config);
  const cached = state.tokens.get(installationId);
  if (cached) {
    try {
      const t = await cached;
      if (t.expiresAt - Date.now() >= tuning.tokenMinTtlMs) return { token: t.token, expiresAt: new Date(t.expiresAt) };
    } catch {
      // a failed creation is not cached; fall through and try again
    }
    if (state.tokens.get(installationId) === cached) state.tokens.delete(installationId);
  }
  let pending = state.tokens.get(installationId);
  if (!pending) {
    pending = (async () => {
      try {
        const result = (await state.auth({ type: "installation", installationId, refresh: true })) as { token: string; expiresAt: string };
        return { token: result.token, expiresAt: Date.parse(result.expiresAt) };
      } catch (err) {
        throw toAppError(err, `create an access token for installation ${installationId}`);
      }
    })();
    state.tokens.set(installationId, pending);
    pending.catch(() => {
      if (state.tokens.get(installationId) === pending) state.tokens.delete(installationId);
    });
  }
  const t = await pending;
  return { token: t.token, expiresAt: new Date(t.expiresAt) };
}

/** Drops a cached installation token (e.g. after GitHub answered 401 for it). */
export function forgetInstallationToken(config: GitHubConfig, installationId: number): void {
  stateFor(config).tokens.delete(installationId);
}

/** Octokit authenticated as one installation; tokens are created and refreshed as needed. */
export function installationClient(config: GitHubConfig, installationId: number): GitHubClient {
  const state = stateFor(config);
  let client = state.installations.get(installationId);
  if (!client) {
    const c = new GitHubOctokit(baseOptions(config, installationId));
    c.hook.before("request", async (options) => {
      checkBudget(installationId);
      const { token } = await installationToken(config, installationId);
      options.headers.authorization = `token ${token}`;
    });
    c.hook.after("request", (response) => {
      recordBudget(installationId, response.headers as Record<string, string>);
    });
    c.hook.error("request", (error) => {
      if (error instanceof RequestError) {
        if (error.response) recordBudget(installationId, error.response.headers as Record<string, string>);
        if (error.status === 401) forgetInstallationToken(config, installationId);
      }
      throw error;
    });
    client = c;
    state.installations.set(installationId, client);
  }
  return client;
}

/** Forget every client and token of every app (tests; after the app changed). */
export function resetGitHubClients(): void {
  apps.clear();
  budgets.clear();
}

// ---------------------------------------------------------------- errors

/**
 * Maps a GitHub failure to an AppError: 5xx, network failures and rate limits are retryable
 * (UPSTREAM); 404/410 → NOT_FOUND (installation or repository gone), 401/403 → FORBIDDEN, 422 →
 * VALIDATION. The message names the operation and GitHub's status/message, never a token.
 */
export function toAppError(err: unknown, operation: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof RequestError) {
    const headers = (err.response?.headers ?? {}) as Record<string, string | undefined>;
    const ghMessage = (err.response?.data as { message?: string } | undefined)?.message ?? "";
    const rateLimited =
      err.status === 429 || (err.status === 403 && (/rate limit/i.test(ghMessage) || headers["x-ratelimit-remaining"] === "0" || headers["retry-after"] !== undefined));
    let code: ErrorCode;
    if (rateLimited || err.status >= 500 || err.status === 0) code = "UPSTREAM";
    else if (err.status === 404 || err.status === 410) code = "NOT_FOUND";
    else if (err.status === 401 || err.status === 403) code = "FORBIDDEN";
    else if (err.status === 422) code = "VALIDATION";
    else code = "UPSTREAM";
    const message = scrubSecrets(`GitHub: could not ${operation}: ${err.status}${ghMessage ? ` ${ghMessage}` : ""}`);
    return new AppError(code, message, {
      details: { status: err.status, rateLimited, ...(headers["retry-after"] ? { retryAfter: headers["retry-after"] } : {}) },
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError("UPSTREAM", scrubSecrets(`GitHub: could not ${operation}: ${message}`));
}

/** Runs a GitHub call, mapping failures with toAppError. */
export async function githubCall<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toAppError(err, operation);
  }
}
