// A signed-in viewer for bench/load.ts: creates (or reuses) a GitHub user who is a member of the load
// org, issues a session, and prints the Cookie header value. The web process must run in GitHub mode
// with the same SESSION_SECRET (any GITHUB_APP_ID/GITHUB_PRIVATE_KEY will do: nothing here calls GitHub
// while the memberships are fresh, i.e. within MEMBERSHIP_REFRESH_MINUTES).
//   DATABASE_URL=… SESSION_SECRET=… npx tsx bench/load-session.ts [--org load-org]
//   npx tsx bench/load.ts --url … --cookie "$(…the line it printed…)"
import { issueSession } from "../lib/auth/session.ts";
import { SESSION_COOKIE } from "../lib/auth/cookies.ts";
import { createDb } from "../lib/db/client.ts";
import { replaceMemberships } from "../lib/db/memberships.ts";
import { loadEnv } from "../lib/env.ts";

const orgArg = process.argv.indexOf("--org");
const orgId = orgArg > 0 ? process.argv[orgArg + 1]! : "load-org";
const env = loadEnv();
if (!env.SESSION_SECRET) {
  console.error("SESSION_SECRET is required (the web process's, at least 32 characters)");
  process.exit(2);
}
const db = createDb(env.DATABASE_URL);
try {
  const user = await db.user.upsert({
    where: { githubId: 990_001n },
    create: { githubId: 990_001n, login: "load-viewer", name: "Load Viewer", membershipsRefreshedAt: new Date() },
    update: { membershipsRefreshedAt: new Date() },
  });
  await replaceMemberships(db, user.id, [{ orgId, role: "MEMBER" }]);
  const { cookieValue } = await issueSession(db, { secret: env.SESSION_SECRET, userId: user.id, maxAgeHours: 24, userAgent: "bench/load" });
  console.log(`${SESSION_COOKIE}=${cookieValue}`);
} finally {
  await db.$disconnect();
}
