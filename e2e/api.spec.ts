import { expect, test } from "@playwright/test";
import { ACME, EMPTY_ORG, LEGACY, NEW_SERVICE, PAYMENTS } from "./fixtures/data.ts";
import { MANY_ORG } from "./support/seed-dashboard.ts";

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

test.describe("JSON API v1", () => {
  test("orgs: list and one org with factor distribution", async ({ request }) => {
    const list = await request.get("/api/v1/orgs");
    expect(list.status()).toBe(200);
    expect(list.headers()["content-type"]).toContain("application/json");
    const { orgs } = await list.json();
    const acme = orgs.find((o: { id: string }) => o.id === ACME.id);
    expect(acme).toMatchObject({ name: ACME.name, repoCount: 5, scoredRepoCount: 3, grade: "C", activeScanCount: 1, failedScanCount: 1 });
    expect(acme.links.badge).toBe(`/api/badges/orgs/${ACME.id}.svg`);

    const one = await request.get(`/api/v1/orgs/${ACME.id}`);
    const body = await one.json();
    expect(body.factors).toHaveLength(12);
    expect(body.factors[2]).toMatchObject({ factor: 3, roman: "III", name: "Config", repos: { pass: 2, partial: 1, fail: 1, na: 0, none: 1 } });
    expect(body.commonFindings[0]).toHaveProperty("ruleId");
    expect((await request.get("/api/v1/orgs/no-such-org")).status()).toBe(404);
    expect(await (await request.get("/api/v1/orgs/no-such-org")).json()).toEqual({ error: "organization not found" });
  });

  test("org repos: paged, filtered and sorted like the page, with ETag revalidation", async ({ request }) => {
    const res = await request.get(`/api/v1/orgs/${MANY_ORG.id}/repos?per_page=20&page=2`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.repos).toHaveLength(20);
    expect(body.repos[0].name).toBe("svc-021");
    expect(body.pagination).toEqual({
      total: 60,
      page: 2,
      perPage: 20,
      pageCount: 3,
      next: `/api/v1/orgs/${MANY_ORG.id}/repos?per_page=20&page=3`,
      prev: `/api/v1/orgs/${MANY_ORG.id}/repos?per_page=20&page=1`,
    });
    expect(body.repos[0].result.factors[2]).toMatchObject({ factor: 3, status: "PASS" });
    const etag = res.headers()["etag"];
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(res.headers()["cache-control"]).toBe("private, no-cache");
    const again = await request.get(`/api/v1/orgs/${MANY_ORG.id}/repos?per_page=20&page=2`, { headers: { "if-none-match": etag } });
    expect(again.status()).toBe(304);

    const failing = await (await request.get(`/api/v1/orgs/${MANY_ORG.id}/repos?factor=3&status=fail&sort=score-asc`)).json();
    expect(failing.pagination.total).toBe(15);
    expect(failing.repos[0].name).toBe("svc-060");
    expect(failing.repos[0].result.factors[2].topFinding).toMatchObject({ ruleId: "F03-DEPLOY-VALUE-IN-CODE", severity: "HIGH" });
    expect((await request.get("/api/v1/orgs/no-such-org/repos")).status()).toBe(404);
  });

  test("repos, scans and findings", async ({ request }) => {
    const repo = await (await request.get(`/api/v1/repos/${LEGACY.id}`)).json();
    expect(repo).toMatchObject({ id: LEGACY.id, orgId: ACME.id, name: LEGACY.name, result: { score: 41.6, grade: "F" } });
    expect(repo.result.factors[2]).toMatchObject({ factor: 3, status: "FAIL", score: 20 });

    const scans = await (await request.get(`/api/v1/repos/${LEGACY.id}/scans?per_page=1`)).json();
    expect(scans.pagination).toMatchObject({ total: 2, pageCount: 2 });
    const scanId = scans.scans[0].id;
    const scan = await (await request.get(`/api/v1/scans/${scanId}`)).json();
    expect(scan).toMatchObject({ id: scanId, repositoryId: LEGACY.id, status: "DONE", score: 41.6 });
    expect(scan.factors).toHaveLength(12);

    const findings = await (await request.get(`/api/v1/scans/${scanId}/findings`)).json();
    expect(findings.findings.map((f: { severity: string }) => f.severity)).toEqual(["CRITICAL", "HIGH", "MEDIUM", "LOW"]);
    expect(findings.findings[3]).toMatchObject({ waived: true, waiverReason: "Local development entry point only" });
    const config = await (await request.get(`/api/v1/scans/${scanId}/findings?factor=3`)).json();
    expect(config.pagination.total).toBe(1);

    for (const path of ["/api/v1/repos/nope", "/api/v1/repos/nope/scans", "/api/v1/scans/nope", "/api/v1/scans/nope/findings"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(404);
    }
  });

  test("scorecard CSV: quoted, formula-safe, one row per repository", async ({ request }) => {
    const res = await request.get(`/api/v1/orgs/${ACME.id}/scorecard.csv`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
    expect(res.headers()["content-disposition"]).toBe('attachment; filename="acme-e2e-scorecard.csv"');
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines).toHaveLength(1 + ACME.repos.length);
    expect(lines[0]).toMatch(/^repository,full_name,language,kind,archived,topics,grade,score,I Codebase score,I Codebase status,/);
    const legacy = lines.find((l) => l.startsWith(`${LEGACY.name},`))!;
    expect(legacy).toContain(",F,41.6,60,partial,35,fail,20,fail,");
    expect((await request.get(`/api/v1/orgs/no-such-org/scorecard.csv`)).status()).toBe(404);
  });
});

test.describe("badges", () => {
  test("repo and org badges: shields-style SVG with grade and score, cached five minutes by the viewer's browser", async ({ request, page }) => {
    const res = await request.get(`/api/badges/repos/${PAYMENTS.id}.svg`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
    // shown to this viewer (the local demo), not to everyone: no shared caching
    expect(res.headers()["cache-control"]).toBe("private, max-age=300");
    const svg = await res.text();
    expect(svg).toContain('aria-label="twelve-factor: A · 93"');
    const etag = res.headers()["etag"];
    expect((await request.get(`/api/badges/repos/${PAYMENTS.id}.svg`, { headers: { "if-none-match": etag } })).status()).toBe(304);

    const org = await request.get(`/api/badges/orgs/${ACME.id}.svg`);
    expect(await org.text()).toContain("twelve-factor: C · 70");
    expect(await (await request.get(`/api/badges/orgs/${EMPTY_ORG.id}.svg`)).text()).toContain("not scored");

    const missing = await request.get("/api/badges/repos/nope.svg");
    expect(missing.status()).toBe(404);
    expect(await missing.text()).toContain("twelve-factor: not found");
    expect((await request.get(`/api/badges/repos/${PAYMENTS.id}.png`)).status()).toBe(404);
    // This server has no SESSION_SECRET: no badge token is valid, whatever it is.
    expect((await request.get(`/api/badges/repos/${PAYMENTS.id}.svg?token=AAAAAAAAAAAAAAAAAAAAAA`)).status()).toBe(404);

    // Rendered by the browser at its computed size.
    await page.goto(`/api/badges/repos/${PAYMENTS.id}.svg`);
    const box = await page.locator("svg").boundingBox();
    expect(box!.height).toBe(20);
    expect(box!.width).toBeGreaterThan(100);
  });
});
