// The badge routes in-process against the test database: a badge URL with its token shows the badge to
// anyone (no cookie, as GitHub's camo proxy asks), a token of another repository or kind, or an altered
// one, is the same 404 as a missing id, and without a token the pages' authorization still applies.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { badgeToken } from "@/lib/auth/badge-token";
import { db, disconnectDb } from "@/lib/db/client";
import { testDatabaseUrl } from "@/test/support/scratch-db";
import { GET as orgBadge } from "./orgs/[file]/route";
import { GET as repoBadge } from "./repos/[file]/route";

// The routes read SESSION_SECRET through loadEnv(), parsed at their first call (after this line).
const SECRET = randomBytes(24).toString("hex");
process.env.SESSION_SECRET = SECRET;
process.env.LOG_LEVEL = "silent";

const RUN = randomBytes(4).toString("hex");
const ORG = `t-badge-org-${RUN}`;
const A = `t-badge-a-${RUN}`;
const B = `t-badge-b-${RUN}`;
const REMOVED = `t-badge-removed-${RUN}`;

// No GitHub App is configured here: loopback hosts get the demo viewer, any other host is anonymous.
const LOCAL = "http://127.0.0.1:3000";
const PUBLIC = "https://dashboard.example.com";
type Route = typeof repoBadge;
const get = (route: Route, base: string, path: string, headers: Record<string, string> = {}) => {
  const url = new URL(path, base);
  const file = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  return route(new Request(url, { headers: { host: url.host, ...headers } }), { params: Promise.resolve({ file }) });
};
const repoUrl = (id: string, token?: string) => `/api/badges/repos/${id}.svg${token === undefined ? "" : `?token=${encodeURIComponent(token)}`}`;
const orgUrl = (id: string, token?: string) => `/api/badges/orgs/${id}.svg${token === undefined ? "" : `?token=${encodeURIComponent(token)}`}`;

beforeAll(async () => {
  testDatabaseUrl();
  await db().org.create({ data: { id: ORG, sourceKind: "LOCAL", login: `t-badge-${RUN}`, name: "Badge test", localPath: "/nonexistent" } });
  for (const [id, score, grade] of [[A, 93.4, "A"], [B, 41.2, "F"], [REMOVED, 80, "B"]] as const) {
    await db().repository.create({
      data: { id, orgId: ORG, externalId: id, name: id, fullName: `t-badge/${id}`, cloneUrl: "/nonexistent", removedAt: id === REMOVED ? new Date() : null },
    });
    await db().scan.create({ data: { repositoryId: id, status: "DONE", score, grade, finishedAt: new Date(), kind: "service" } });
  }
});

afterAll(async () => {
  await db().org.deleteMany({ where: { id: ORG } });
  await disconnectDb();
});

describe("badge with its token", () => {
  it("shows the repository badge without a session, publicly cacheable, and revalidates with its ETag", async () => {
    const res = await get(repoBadge, PUBLIC, repoUrl(A, badgeToken(SECRET, "repo", A)));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300, s-maxage=300");
    expect(await res.text()).toContain('aria-label="twelve-factor: A · 93"');
    const again = await get(repoBadge, PUBLIC, repoUrl(A, badgeToken(SECRET, "repo", A)), { "if-none-match": res.headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  it("shows the org badge with the org's token", async () => {
    const res = await get(orgBadge, PUBLIC, orgUrl(ORG, badgeToken(SECRET, "org", ORG)));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("twelve-factor: D · 67"); // mean of 93.4 and 41.2; the removed repo does not count
  });

  it("an altered token, another repository's token, another kind's or another secret's is 404 like a missing id", async () => {
    const token = badgeToken(SECRET, "repo", A);
    const altered = token.slice(0, 10) + (token[10] === "x" ? "y" : "x") + token.slice(11);
    for (const wrong of [altered, token.slice(0, -1), token + "x", "", badgeToken(SECRET, "repo", B), badgeToken(SECRET, "org", A), badgeToken("z".repeat(48), "repo", A)]) {
      const res = await get(repoBadge, PUBLIC, repoUrl(A, wrong));
      expect(res.status, wrong).toBe(404);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.text()).toContain("twelve-factor: not found");
    }
    // a signed-in (here: demo) viewer with a wrong token gets the 404 too: the token alone decides
    expect((await get(repoBadge, LOCAL, repoUrl(A, badgeToken(SECRET, "repo", B)))).status).toBe(404);
    // the org badge does not take the token of one of its repositories
    expect((await get(orgBadge, PUBLIC, orgUrl(ORG, badgeToken(SECRET, "repo", ORG)))).status).toBe(404);
  });

  it("a valid token of a removed repository or a missing id is 404", async () => {
    expect((await get(repoBadge, PUBLIC, repoUrl(REMOVED, badgeToken(SECRET, "repo", REMOVED)))).status).toBe(404);
    expect((await get(repoBadge, PUBLIC, repoUrl("nope", badgeToken(SECRET, "repo", "nope")))).status).toBe(404);
  });
});

describe("badge without a token", () => {
  it("anonymous → 401 with a 'sign-in required' badge, the same for an existing and a missing id", async () => {
    for (const id of [A, "nope"]) {
      const res = await get(repoBadge, PUBLIC, repoUrl(id));
      expect(res.status).toBe(401);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.text()).toContain("twelve-factor: sign-in required");
    }
    expect((await get(orgBadge, PUBLIC, orgUrl(ORG))).status).toBe(401);
  });

  it("a viewer who may see the org gets the badge, cached by the browser only", async () => {
    const res = await get(repoBadge, LOCAL, repoUrl(B));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    expect(res.headers.get("vary")).toBe("Cookie");
    expect(await res.text()).toContain("twelve-factor: F · 41");
    expect((await get(repoBadge, LOCAL, repoUrl("nope"))).status).toBe(404);
    expect((await get(repoBadge, LOCAL, "/api/badges/repos/x.png")).status).toBe(404);
  });
});

describe("without SESSION_SECRET", () => {
  it("badges stay viewer-only: even the right token is 404", async () => {
    delete process.env.SESSION_SECRET;
    vi.resetModules();
    const fresh = (await import("./repos/[file]/route")).GET;
    try {
      expect((await get(fresh, PUBLIC, repoUrl(A, badgeToken(SECRET, "repo", A)))).status).toBe(404);
      expect((await get(fresh, LOCAL, repoUrl(A))).status).toBe(200);
    } finally {
      await (await import("@/lib/db/client")).disconnectDb();
      process.env.SESSION_SECRET = SECRET;
    }
  });
});
