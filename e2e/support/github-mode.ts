// The e2e suite's GitHub-mode formation (e2e/github-signin.spec.ts): the local GitHub stand-in, a second
// production web server and a worker configured for it, on a database of their own (so the demo-mode
// worker never takes GitHub jobs). Everything here is derived from the suite's DATABASE_URL and E2E_PORT,
// so playwright.config.ts, the stand-in process and the spec agree without passing values around.
// The secrets are test values computed at run time (never literals in the repository).
import { createHash } from "node:crypto";
import type { E2eEnv } from "../../lib/env.ts";
import { withDatabase } from "../../test/support/scratch-db.ts";

/** GitHub App id of the stand-in's first app (its ids start at 1001). */
export const FAKE_APP_ID = 1001;

export type GitHubModeSettings = ReturnType<typeof githubModeSettings>;

export function githubModeSettings(env: Pick<E2eEnv, "DATABASE_URL" | "E2E_PORT">) {
  const derive = (purpose: string) => createHash("sha256").update(`twelvefactor-e2e\0${purpose}\0${env.DATABASE_URL}\0${env.E2E_PORT}`).digest("hex");
  const fakePort = env.E2E_PORT + 1;
  const webPort = env.E2E_PORT + 3;
  const webUrl = `http://127.0.0.1:${fakePort}`;
  const dbName = decodeURIComponent(new URL(env.DATABASE_URL).pathname.slice(1));
  return {
    fakePort,
    /** The stand-in's control endpoint (push a commit → push webhook payload). */
    controlUrl: `http://127.0.0.1:${env.E2E_PORT + 2}`,
    controlPort: env.E2E_PORT + 2,
    webPort,
    appUrl: `http://127.0.0.1:${webPort}`,
    databaseUrl: withDatabase(env.DATABASE_URL, `${dbName}_gh`),
    githubWebUrl: webUrl,
    githubApiUrl: `${webUrl}/api/v3`,
    appId: FAKE_APP_ID,
    clientId: `Iv1.${derive("client-id").slice(0, 16)}`,
    clientSecret: derive("client-secret"),
    webhookSecret: derive("webhook-secret"),
    sessionSecret: derive("session-secret"),
  };
}

/** The app environment of the GitHub-mode web server, worker and stand-in. */
export function githubModeEnv(s: GitHubModeSettings, privateKeyPem: string): Record<string, string> {
  return {
    DATABASE_URL: s.databaseUrl,
    APP_URL: s.appUrl,
    GITHUB_URL: s.githubWebUrl,
    GITHUB_API_URL: s.githubApiUrl,
    GITHUB_APP_ID: String(s.appId),
    GITHUB_PRIVATE_KEY: privateKeyPem,
    GITHUB_CLIENT_ID: s.clientId,
    GITHUB_CLIENT_SECRET: s.clientSecret,
    GITHUB_WEBHOOK_SECRET: s.webhookSecret,
    SESSION_SECRET: s.sessionSecret,
  };
}
