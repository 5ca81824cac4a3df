// Absolute links into the dashboard for emails (APP_URL, else http://localhost:$PORT).
import type { Env } from "../env.ts";

export function appBaseUrl(env: Pick<Env, "APP_URL" | "PORT">): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

export type DigestLinks = {
  org: string;
  repo: (repoId: string) => string;
  factor: (factor: number) => string;
  preferences: string;
  unsubscribe: string;
};

export function digestLinks(base: string, orgId: string, unsubscribeToken: string): DigestLinks {
  return {
    org: `${base}/orgs/${encodeURIComponent(orgId)}`,
    repo: (repoId) => `${base}/repos/${encodeURIComponent(repoId)}`,
    factor: (factor) => `${base}/factors#factor-${factor}`,
    preferences: `${base}/settings/notifications`,
    unsubscribe: `${base}/unsubscribe?token=${encodeURIComponent(unsubscribeToken)}`,
  };
}

/** The RFC 8058 one-click endpoint mail clients POST "List-Unsubscribe=One-Click" to. */
export function oneClickUnsubscribeUrl(base: string, unsubscribeToken: string): string {
  return `${base}/api/unsubscribe?token=${encodeURIComponent(unsubscribeToken)}`;
}
