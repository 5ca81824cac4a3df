// The rescan routes against the test database and a real pg-boss producer (no worker runs here, so
// queued scans stay queued): a second rescan returns the waiting scan instead of a duplicate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { stopProducer } from "@/lib/queue/producer";
import { testDatabaseUrl } from "@/test/support/scratch-db";
import { GET as orgGET, POST as orgPOST } from "../../../orgs/[id]/rescan/route";
import { POST } from "./route";

// Ids unique per run: queued pg-boss jobs (singleton per repository) outlive the rows this file deletes,
// so a re-run on the same database must not reuse them.
const RUN = Math.random().toString(36).slice(2, 8);
const ORG = `t-rescan-org-${RUN}`;
const A = `t-rescan-a-${RUN}`;
const B = `t-rescan-b-${RUN}`;
const REMOVED = `t-rescan-removed-${RUN}`;
const REPOS = [A, B, REMOVED];
const ORIGIN = "http://127.0.0.1:3000";

// A browser always sends Host (the demo viewer answers loopback hosts only); a plain Request does not.
const HOST = { host: new URL(ORIGIN).host };
const post = (url: string, headers: Record<string, string> = { origin: ORIGIN, "sec-fetch-site": "same-origin" }) =>
  new Request(`${ORIGIN}${url}`, { method: "POST", headers: { ...HOST, ...headers } });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(async () => {
  testDatabaseUrl();
  await db().org.deleteMany({ where: { id: ORG } });
  await db().org.create({ data: { id: ORG, sourceKind: "LOCAL", login: `t-rescan-${RUN}`, name: "Rescan test", localPath: "/nonexistent" } });
  for (const id of REPOS) {
    await db().repository.create({
      data: { id, orgId: ORG, externalId: id, name: id, fullName: `t-rescan/${id}`, cloneUrl: "/nonexistent", removedAt: id === REMOVED ? new Date() : null },
    });
  }
});

afterAll(async () => {
  await stopProducer();
  await db().org.deleteMany({ where: { id: ORG } });
  await disconnectDb();
});

describe("POST /api/repos/:id/rescan", () => {
  it("queues a scan, then answers 200 with the same waiting scan instead of a duplicate", async () => {
    const first = await POST(post(`/api/repos/${A}/rescan`), params(A));
    expect(first.status).toBe(202);
    const a = (await first.json()) as { queued: boolean; scan: { id: string; status: string } };
    expect(a).toMatchObject({ queued: true, scan: { status: "QUEUED" } });

    const second = await POST(post(`/api/repos/${A}/rescan`), params(A));
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ queued: false, scan: { id: a.scan.id, status: "QUEUED" } });
    expect(await db().scan.count({ where: { repositoryId: A } })).toBe(1);
  });

  it("refuses cross-site requests, unknown and removed repositories", async () => {
    expect((await POST(post(`/api/repos/${B}/rescan`, { origin: "https://evil.example" }), params(B))).status).toBe(403);
    expect((await POST(post(`/api/repos/${B}/rescan`, { "sec-fetch-site": "cross-site" }), params(B))).status).toBe(403);
    expect((await POST(post("/api/repos/nope/rescan"), params("nope"))).status).toBe(404);
    expect((await POST(post(`/api/repos/${REMOVED}/rescan`), params(REMOVED))).status).toBe(409);
    expect(await db().scan.count({ where: { repositoryId: { in: [B, REMOVED] } } })).toBe(0);
  });
});

describe("/api/orgs/:id/rescan", () => {
  it("queues every active repository once and reports the org's progress", async () => {
    const res = await orgPOST(post(`/api/orgs/${ORG}/rescan`), params(ORG));
    expect(res.status).toBe(202);
    // t-rescan-a already had a waiting scan: not duplicated; the removed repository is not scanned.
    expect(await res.json()).toMatchObject({ repos: 2, queued: 1, alreadyQueued: 1, progress: { repos: 2, counts: { QUEUED: 2, DONE: 0 } } });
    const progress = await orgGET(new Request(`${ORIGIN}/api/orgs/${ORG}/rescan`, { headers: HOST }), params(ORG));
    expect(await progress.json()).toMatchObject({ progress: { counts: { QUEUED: 2 } } });
    expect((await orgPOST(post("/api/orgs/nope/rescan"), params("nope"))).status).toBe(404);
  });
});
