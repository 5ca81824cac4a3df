import { expect, test } from "@playwright/test";
import { NEW_SERVICE } from "./fixtures/data.ts";

test.describe("JSON routes", () => {
  test("liveness answers 200 and echoes a caller's request id", async ({ request }) => {
    const res = await request.get("/api/health/live", { headers: { "x-request-id": "e2e-abc.123" } });
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers()["x-request-id"]).toBe("e2e-abc.123");
    expect(res.headers()["cache-control"]).toBe("no-store");
  });

  test("a request without (or with an unusable) request id gets a fresh one", async ({ request }) => {
    const a = await request.get("/api/health/live");
    expect(a.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const b = await request.get("/api/health/live", { headers: { "x-request-id": "bad id\twith spaces" } });
    expect(b.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers()["x-request-id"]).not.toBe(a.headers()["x-request-id"]);
  });

  test("readiness checks the database", async ({ request }) => {
    const res = await request.get("/api/health/ready");
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", checks: { database: "ok" } });
  });

  test("repo status returns the latest scan's status and progress", async ({ request }) => {
    const res = await request.get(`/api/repos/${NEW_SERVICE.id}/status`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ repositoryId: NEW_SERVICE.id, scan: { status: "SCANNING", progress: 40, error: null } });
    expect(typeof body.scan.queuedAt).toBe("string");
    expect(res.headers()["x-request-id"]).toBeTruthy();
  });

  test("repo status of an unknown repository is 404", async ({ request }) => {
    const res = await request.get("/api/repos/no-such-repo/status");
    expect(res.status()).toBe(404);
    expect(await res.json()).toEqual({ error: "repository not found" });
  });
});
