// The web process's response cache (lib/http/response-cache.ts) as deployed: web.mjs in front of the
// production build. Repeat reads are replayed from memory (with their own request id); a committed
// write by another process (here: this spec's own database connection, as the worker would) reaches
// the cache through the database's change notifications and the next read shows it.
import { expect, test } from "@playwright/test";
import { ACME, PAYMENTS } from "./fixtures/data.ts";
import { withDb } from "./support/helpers.ts";

const cacheOf = (res: { headers(): Record<string, string> }) => res.headers()["x-twelvefactor-cache"];

test.describe("response cache", () => {
  test("replays repeat reads of a page and an API answer until the data changes", async ({ request }) => {
    const page = `/orgs/${ACME.id}`;
    const api = `/api/v1/repos/${PAYMENTS.id}`;
    // The worker may be writing (other specs' scans): wait for a quiet moment in which a read is replayed.
    await expect.poll(async () => cacheOf(await request.get(page)), { timeout: 15_000 }).toBe("hit");
    await expect.poll(async () => cacheOf(await request.get(api)), { timeout: 15_000 }).toBe("hit");
    const a = await request.get(api, { headers: { "x-request-id": "cache-spec-1" } });
    const b = await request.get(api, { headers: { "x-request-id": "cache-spec-2" } });
    expect([a.headers()["x-request-id"], b.headers()["x-request-id"]]).toEqual(["cache-spec-1", "cache-spec-2"]);
    expect(await b.text()).toBe(await a.text());

    const marker = `changed by the cache spec ${Date.now()}`;
    const original = PAYMENTS.description ?? null;
    await withDb((db) => db.repository.update({ where: { id: PAYMENTS.id }, data: { description: marker } }));
    try {
      await expect.poll(async () => (await request.get(api)).text(), { timeout: 5_000 }).toContain(marker);
      const after = await request.get(api);
      expect(await after.text()).toContain(marker);
    } finally {
      await withDb((db) => db.repository.update({ where: { id: PAYMENTS.id }, data: { description: original } }));
    }
    await expect.poll(async () => (await request.get(api)).text(), { timeout: 5_000 }).not.toContain(marker);
  });

  test("never replays the local demo's answer to a request for another host", async ({ request }) => {
    const api = `/api/v1/orgs/${ACME.id}`;
    await expect.poll(async () => cacheOf(await request.get(api)), { timeout: 15_000 }).toBe("hit");
    // Through a proxy for a public name, an unconfigured (demo) instance shows nothing.
    const outside = await request.get(api, { headers: { "x-forwarded-host": "dashboard.example.com" } });
    expect(outside.status()).toBe(401);
    expect(cacheOf(outside)).toBe("miss");
  });
});
