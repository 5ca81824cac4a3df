// The viewer of one request, from what the request carries (Host, Cookie) and the configuration.
// Next-free so route handlers, pages and tests share it (app/_lib/viewer.ts memoises it per request).
//
// - No GitHub configured: demo mode, but only for requests addressed to a loopback host (localhost,
//   127.0.0.1, ::1); any other host is anonymous with reason "demo-not-local". The Host header is
//   chosen by the client, so this guards against accidentally exposing an unconfigured instance,
//   not against a determined attacker: configure GitHub before exposing the dashboard.
// - GitHub configured: the signed session cookie → user → memberships (+ local orgs for admins).
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import { listVisibleOrgIds } from "../db/memberships.ts";
import { logger } from "../log.ts";
import { hostnameOfHostHeader, isLoopbackHost, readCookie, SESSION_COOKIE } from "./cookies.ts";
import { membershipsAreStale } from "./memberships.ts";
import { readSession } from "./session.ts";
import type { Viewer } from "./viewer.ts";

export type ViewerRequest = {
  host: string | null;
  /** X-Forwarded-Host, when a proxy set it: must be loopback too for demo mode. */
  forwardedHost: string | null;
  cookieHeader: string | null;
};

export type ViewerSettings = {
  githubConfigured: boolean;
  sessionSecret: string | undefined;
  membershipRefreshMinutes: number;
  /** Re-checks a user's memberships with GitHub (no user token); absent: no refresh. */
  refreshMemberships?: (user: { id: string; login: string }) => Promise<void>;
};

/** True when every host the request names is a loopback address. */
export function isLocalRequest(req: Pick<ViewerRequest, "host" | "forwardedHost">): boolean {
  const host = hostnameOfHostHeader(req.host);
  if (!host || !isLoopbackHost(host)) return false;
  if (req.forwardedHost) {
    return req.forwardedHost.split(",").every((h) => {
      const name = hostnameOfHostHeader(h);
      return name !== null && isLoopbackHost(name);
    });
  }
  return true;
}

/** Failed refresh attempts are not retried for a minute (per process), so a GitHub outage does not slow every request. */
const lastRefreshAttempt = new Map<string, number>();

export async function resolveViewer(db: PrismaClient, settings: ViewerSettings, req: ViewerRequest, now = new Date()): Promise<Viewer> {
  if (!settings.githubConfigured) {
    return isLocalRequest(req) ? { kind: "demo" } : { kind: "anonymous", reason: "demo-not-local" };
  }
  if (!settings.sessionSecret) return { kind: "anonymous", reason: "signed-out" };
  const session = await readSession(db, settings.sessionSecret, readCookie(req.cookieHeader, SESSION_COOKIE), now);
  if (!session) return { kind: "anonymous", reason: "signed-out" };
  const user = session.user;

  if (settings.refreshMemberships && membershipsAreStale(user.membershipsRefreshedAt, settings.membershipRefreshMinutes, now)) {
    const last = lastRefreshAttempt.get(user.id) ?? 0;
    if (now.getTime() - last > 60_000) {
      lastRefreshAttempt.set(user.id, now.getTime());
      try {
        await settings.refreshMemberships(user);
        lastRefreshAttempt.delete(user.id);
      } catch (err) {
        logger().warn({ userId: user.id, err: (err as Error).message }, "membership refresh failed; keeping the previous memberships");
      }
    }
  }

  return {
    kind: "user",
    userId: user.id,
    login: user.login,
    name: user.name,
    avatarUrl: user.avatarUrl,
    isAdmin: user.isAdmin,
    orgIds: await listVisibleOrgIds(db, user.id, user.isAdmin),
  };
}
