// The viewer for a request's headers, with this process's configuration (pages through
// app/_lib/viewer.ts, API routes through app/api/_lib/guard.ts).
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import type { Env } from "../env.ts";
import { loadAuthConfig } from "./auth-config.ts";
import { resolveViewer } from "./resolve-viewer.ts";
import type { Viewer } from "./viewer.ts";

export async function viewerForHeaders(db: PrismaClient, env: Env, headers: Headers): Promise<Viewer> {
  const config = await loadAuthConfig(db, env);
  return resolveViewer(
    db,
    {
      githubConfigured: config.github !== null,
      sessionSecret: config.sessionSecret,
      membershipRefreshMinutes: env.MEMBERSHIP_REFRESH_MINUTES,
      refreshMemberships: config.refreshMemberships,
    },
    { host: headers.get("host"), forwardedHost: headers.get("x-forwarded-host"), cookieHeader: headers.get("cookie") },
  );
}
