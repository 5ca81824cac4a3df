// The JSON API v1 route handlers in-process, against the test database, with a real signed-in user:
// GitHub is configured through the environment (no call to GitHub is made: memberships are fresh), the
// user's session cookie is issued like sign-in does, and the user is a member of one GitHub org only.
// Covers: anonymous 401 on every endpoint, another org's data answering exactly like a missing id,
// paging and its links, ETag/304 and a changed ETag after a change, scans and findings, and the CSV
// export (every page, formula-safe cells, safe file name).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSession } from "@/lib/auth/session";
import { db, disconnectDb } from "@/lib/db/client";
import { testDatabaseUrl } from "@/test/support/scratch-db";
import { GET as orgCsv } from "./orgs/[id]/scorecard.csv/route";
import { GET as orgRepos } from "./orgs/[id]/repos/route";
import { GET as orgOne } from "./orgs/[id]/route";
import { GET as orgList } from "./orgs/route";
import { GET as repoScans } from "./repos/[id]/scans/route";
import { GET as repoOne } from "./repos/[id]/route";
import { GET as scanFindings } from "./scans/[id]/findings/route";
import { GET as scanOne } from "./scans/[id]/route";

// Configuration the routes read through loadEnv() at their first call (after these lines). The API URL
// goes nowhere: a test that reached GitHub would fail.
const SECRET = randomBytes(24).toString("hex");
Object.assign(process.env, {
  SESSION_SECRET: SECRET,
  GITHUB_APP_ID: "4242",
  GITHUB_PRIVATE_KEY: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
  GITHUB_API_URL: "http://127.0.0.1:9/api/v3",
  GITHUB_URL: "http://127.0.0.1:9",
  LOG_LEVEL: "silent",
});

const RUN = randomBytes(4).toString("hex");
const id = (name: string) => `t-v1-${name}-${RUN}`;
const MINE = id("mine");
const OTHER = id("other");
const LOCAL = id("local");
const BIG = id("big");
const R1 = id("r1");
const EVIL = id("evil");
const RB = id("rb");
const BIG_REPOS = 203;
const scanIds: Record<string, string> = {};
let cookie = "";

const BASE = "https://dashboard.example.com";
type Handler = (req: Request, route: { params: Promise<never> }) => Promise<Response>;
const call = (h: Handler, path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  h(new Request(new URL(path, BASE), { headers: { host: "dashboard.example.com", ...headers } }), { params: Promise.resolve(params as never) });
const as = (c: string | null): Record<string, string> => (c ? { cookie: `tf_session=${c}` } : {});
const get = (h: Handler, path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) => call(h, path, params, { ...as(cookie), ...headers });

const FACTOR_STATUSES = ["PASS", "PARTIAL", "FAIL", "NA"] as const;
async function doneScan(repositoryId: string, score: number, createdAt: Date, findings: { factor: number; severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW"; waived?: boolean }[] = []) {
  const scan = await db().scan.create({
    data: {
      repositoryId,
      status: "DONE",
      score,
      grade: score >= 90 ? "A" : score >= 50 ? "C" : "F",
      kind: "service",
      commitSha: randomBytes(20).toString("hex"),
      queuedAt: createdAt,
      finishedAt: createdAt,
      createdAt,
      factors: {
        create: Array.from({ length: 12 }, (_, i) => ({
          factor: i + 1,
          status: FACTOR_STATUSES[i % 4]!,
          score: i % 4 === 3 ? null : score,
          confidence: "MEDIUM" as const,
          findings: findings.filter((f) => f.factor === i + 1).length,
        })),
      },
      findings: {
        create: findings.map((f, i) => ({
          ruleId: `T-${f.factor}-${i}`,
          factor: f.factor,
          severity: f.severity,
          confidence: "HIGH" as const,
          message: `finding ${i}`,
          path: `src/f${i}.ts`,
          line: i + 1,
          fingerprint: `fp-${RUN}-${i}`,
          waived: f.waived ?? false,
          waiverReason: f.waived ? "accepted" : null,
        })),
      },
    },
  });
  return scan.id;
}

beforeAll(async () => {
  testDatabaseUrl();
  const installation = () => BigInt(Number.parseInt(randomBytes(5).toString("hex"), 16));
  const org = (orgId: string, login: string, sourceKind: "GITHUB" | "LOCAL") =>
    db().org.create({
      data: {
        id: orgId,
        sourceKind,
        login,
        name: login,
        ...(sourceKind === "GITHUB" ? { githubInstallationId: installation(), githubAccountType: "Organization" } : { localPath: "/nonexistent" }),
      },
    });
  await org(MINE, `t-v1-mine-${RUN}`, "GITHUB");
  await org(OTHER, `t-v1-other-${RUN}`, "GITHUB");
  await org(LOCAL, `t-v1-local-${RUN}`, "LOCAL");
  await org(BIG, `t-v1 "big";${RUN}`, "GITHUB");
  const repo = (repoId: string, orgId: string, extra: Record<string, unknown> = {}) =>
    db().repository.create({ data: { id: repoId, orgId, externalId: repoId, name: repoId, fullName: `t/${repoId}`, cloneUrl: "/nonexistent", ...extra } });
  await repo(R1, MINE, { language: "TypeScript" });
  await repo(EVIL, MINE, { name: '=HYPERLINK("http://evil.example","x")', fullName: "@evil/+cmd", language: "-2+3", topics: ["=1+1", "safe"] });
  await repo(RB, OTHER);
  await repo(id("lr"), LOCAL);

  const t0 = Date.now() - 3 * 86_400_000;
  scanIds.r1Old = await doneScan(R1, 40, new Date(t0));
  scanIds.r1Mid = await doneScan(R1, 60, new Date(t0 + 86_400_000));
  scanIds.r1New = await doneScan(R1, 91, new Date(t0 + 2 * 86_400_000), [
    { factor: 3, severity: "LOW" },
    { factor: 3, severity: "CRITICAL" },
    { factor: 5, severity: "HIGH" },
    { factor: 5, severity: "MEDIUM", waived: true },
  ]);
  scanIds.queued = (await db().scan.create({ data: { repositoryId: EVIL, status: "QUEUED" } })).id;
  scanIds.other = await doneScan(RB, 77, new Date(t0), [{ factor: 1, severity: "HIGH" }]);

  await db().repository.createMany({
    data: Array.from({ length: BIG_REPOS }, (_, i) => ({ id: `${BIG}-${i}`, orgId: BIG, externalId: `${i}`, name: `repo-${String(i).padStart(3, "0")}`, fullName: `big/repo-${i}`, cloneUrl: "/nonexistent" })),
  });

  // A non-admin member of MINE and BIG (local orgs are for admins only), memberships fresh.
  const user = await db().user.create({
    data: { githubId: installation(), login: `t-v1-user-${RUN}`, isAdmin: false, membershipsRefreshedAt: new Date(Date.now() + 3_600_000) },
  });
  await db().membership.createMany({ data: [MINE, BIG].map((orgId) => ({ userId: user.id, orgId })) });
  cookie = (await issueSession(db(), { secret: SECRET, userId: user.id, maxAgeHours: 1, userAgent: null })).cookieValue;
});

afterAll(async () => {
  await db().org.deleteMany({ where: { id: { in: [MINE, OTHER, LOCAL, BIG] } } });
  await db().user.deleteMany({ where: { login: `t-v1-user-${RUN}` } });
  await disconnectDb();
});

/** Every endpoint, pointed at the given org / repository / scan. */
const endpoints = (o: string, r: string, s: string): [string, Handler, string, Record<string, string>][] => [
  ["org", orgOne as Handler, `/api/v1/orgs/${o}`, { id: o }],
  ["org repos", orgRepos as Handler, `/api/v1/orgs/${o}/repos`, { id: o }],
  ["org csv", orgCsv as Handler, `/api/v1/orgs/${o}/scorecard.csv`, { id: o }],
  ["repo", repoOne as Handler, `/api/v1/repos/${r}`, { id: r }],
  ["repo scans", repoScans as Handler, `/api/v1/repos/${r}/scans`, { id: r }],
  ["scan", scanOne as Handler, `/api/v1/scans/${s}`, { id: s }],
  ["scan findings", scanFindings as Handler, `/api/v1/scans/${s}/findings`, { id: s }],
];

describe("authorization", () => {
  it("anonymous, a forged and a tampered session cookie get 401 on every endpoint", async () => {
    for (const c of [null, "forged", `${cookie.slice(0, -2)}xx`]) {
      for (const [name, h, path, params] of [["orgs", orgList as Handler, "/api/v1/orgs", {}] as const, ...endpoints(MINE, R1, scanIds.r1New!)]) {
        const res = await call(h, path, params, as(c));
        expect(res.status, `${name} ${c}`).toBe(401);
        expect(res.headers.get("cache-control")).toBe("no-store");
        expect(await res.json()).toMatchObject({ error: "unauthenticated" });
      }
    }
  });

  it("the member sees their orgs only", async () => {
    const res = await get(orgList as Handler, "/api/v1/orgs");
    expect(res.status).toBe(200);
    const { orgs } = (await res.json()) as { orgs: { id: string }[] };
    expect(orgs.map((o) => o.id).sort()).toEqual([MINE, BIG].sort());
  });

  it("another org's (and a local org's) data answers exactly like a missing id: 404, same body", async () => {
    const visible = endpoints(MINE, R1, scanIds.r1New!);
    const foreign = endpoints(OTHER, RB, scanIds.other!);
    const local = endpoints(LOCAL, id("lr"), "nope");
    const missing = endpoints("nope", "nope", "nope");
    for (let i = 0; i < visible.length; i++) {
      const [name, h, path, params] = visible[i]!;
      expect((await get(h, path, params)).status, name).toBe(200);
      const gone = await get(missing[i]![1], missing[i]![2], missing[i]![3]);
      expect(gone.status, name).toBe(404);
      const goneBody = await gone.text();
      for (const [, fh, fpath, fparams] of [foreign[i]!, local[i]!]) {
        const res = await get(fh, fpath, fparams);
        expect(res.status, fpath).toBe(404);
        expect(await res.text(), fpath).toBe(goneBody);
      }
    }
  });
});

describe("paging and conditional requests", () => {
  it("scans: newest first, per_page with next/prev links, capped at 200", async () => {
    const page1 = await get(repoScans as Handler, `/api/v1/repos/${R1}/scans?per_page=2`, { id: R1 });
    const b1 = (await page1.json()) as { scans: { id: string; score: number }[]; pagination: Record<string, unknown> };
    expect(b1.scans.map((s) => s.id)).toEqual([scanIds.r1New, scanIds.r1Mid]);
    expect(b1.pagination).toEqual({ total: 3, page: 1, perPage: 2, pageCount: 2, next: `/api/v1/repos/${R1}/scans?per_page=2&page=2`, prev: null });

    const page2 = await get(repoScans as Handler, b1.pagination.next as string, { id: R1 });
    const b2 = (await page2.json()) as typeof b1;
    expect(b2.scans.map((s) => s.id)).toEqual([scanIds.r1Old]);
    expect(b2.pagination).toMatchObject({ page: 2, next: null, prev: `/api/v1/repos/${R1}/scans?per_page=2&page=1` });

    const capped = (await (await get(repoScans as Handler, `/api/v1/repos/${R1}/scans?per_page=5000&page=0`, { id: R1 })).json()) as typeof b1;
    expect(capped.pagination).toMatchObject({ page: 1, perPage: 200, pageCount: 1 });
    expect(capped.scans).toHaveLength(3);
  });

  it("org repos: the page's paging over SQL (203 repositories, 50 per page by default)", async () => {
    const res = await get(orgRepos as Handler, `/api/v1/orgs/${BIG}/repos?page=5`, { id: BIG });
    const body = (await res.json()) as { repos: { name: string }[]; pagination: Record<string, unknown> };
    expect(body.pagination).toMatchObject({ total: BIG_REPOS, page: 5, perPage: 50, pageCount: 5, next: null });
    expect(body.repos.map((r) => r.name)).toEqual(["repo-200", "repo-201", "repo-202"]);
    const q = (await (await get(orgRepos as Handler, `/api/v1/orgs/${BIG}/repos?q=repo-19`, { id: BIG })).json()) as typeof body;
    expect(q.pagination.total).toBe(10); // repo-190 … repo-199
  });

  it("ETag: 304 for the same answer (also weak), a new ETag once the data changes", async () => {
    const path = `/api/v1/repos/${R1}/scans`;
    const first = await get(repoScans as Handler, path, { id: R1 });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await get(repoScans as Handler, path, { id: R1 }, { "if-none-match": inm });
      expect(again.status, inm).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("etag")).toBe(etag);
    }
    expect((await get(repoScans as Handler, path, { id: R1 }, { "if-none-match": '"stale"' })).status).toBe(200);

    const extra = await db().scan.create({ data: { repositoryId: R1, status: "QUEUED" } });
    try {
      const changed = await get(repoScans as Handler, path, { id: R1 }, { "if-none-match": etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
      expect(((await changed.json()) as { scans: { id: string }[] }).scans[0]!.id).toBe(extra.id);
    } finally {
      await db().scan.delete({ where: { id: extra.id } });
    }
  });
});

describe("scans and findings", () => {
  it("a repository with its latest results; a DONE scan with 12 factors, a queued one with none", async () => {
    const repo = (await (await get(repoOne as Handler, `/api/v1/repos/${R1}`, { id: R1 })).json()) as Record<string, any>;
    expect(repo).toMatchObject({ id: R1, orgId: MINE, result: { scanId: scanIds.r1New, score: 91, grade: "A" } });
    expect(repo.result.factors).toHaveLength(12);
    expect(repo.links).toMatchObject({ scans: `/api/v1/repos/${R1}/scans`, badge: `/api/badges/repos/${R1}.svg` });

    const done = (await (await get(scanOne as Handler, `/api/v1/scans/${scanIds.r1Mid}`, { id: scanIds.r1Mid! })).json()) as Record<string, any>;
    expect(done).toMatchObject({ id: scanIds.r1Mid, repositoryId: R1, status: "DONE", score: 60 });
    expect(done.factors.map((f: { factor: number }) => f.factor)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(done.factors[2]).toMatchObject({ factor: 3, status: "FAIL", score: 60 });
    const queued = (await (await get(scanOne as Handler, `/api/v1/scans/${scanIds.queued}`, { id: scanIds.queued! })).json()) as Record<string, any>;
    expect(queued).toMatchObject({ status: "QUEUED", factors: [] });
  });

  it("findings: most severe first, waived ones flagged, ?factor= narrows, paged", async () => {
    const path = `/api/v1/scans/${scanIds.r1New}/findings`;
    const all = (await (await get(scanFindings as Handler, path, { id: scanIds.r1New! })).json()) as { findings: Record<string, any>[]; pagination: Record<string, unknown> };
    expect(all.findings.map((f) => [f.severity, f.factor, f.waived])).toEqual([
      ["CRITICAL", 3, false],
      ["HIGH", 5, false],
      ["MEDIUM", 5, true],
      ["LOW", 3, false],
    ]);
    expect(all.findings[2]).toMatchObject({ waiverReason: "accepted", path: "src/f3.ts", line: 4 });
    const f5 = (await (await get(scanFindings as Handler, `${path}?factor=5`, { id: scanIds.r1New! })).json()) as typeof all;
    expect(f5.findings.map((f) => f.severity)).toEqual(["HIGH", "MEDIUM"]);
    // an out-of-range factor is ignored, not an empty list
    expect(((await (await get(scanFindings as Handler, `${path}?factor=13`, { id: scanIds.r1New! })).json()) as typeof all).pagination.total).toBe(4);
    const p2 = (await (await get(scanFindings as Handler, `${path}?per_page=3&page=2`, { id: scanIds.r1New! })).json()) as typeof all;
    expect(p2.findings.map((f) => f.severity)).toEqual(["LOW"]);
    expect(p2.pagination).toMatchObject({ total: 4, pageCount: 2, prev: `/api/v1/scans/${scanIds.r1New}/findings?per_page=3&page=1` });
  });
});

describe("scorecard CSV", () => {
  it("cells a spreadsheet would run as formulas are defused; numbers stay numbers", async () => {
    const res = await get(orgCsv as Handler, `/api/v1/orgs/${MINE}/scorecard.csv`, { id: MINE });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    const lines = (await res.text()).split("\r\n");
    const evil = lines.find((l) => l.includes("HYPERLINK"))!;
    expect(evil.startsWith(`"'=HYPERLINK(""http://evil.example"",""x"")",'@evil/+cmd,'-2+3,,false,'=1+1 safe,`)).toBe(true);
    // No cell of the file starts with a formula character.
    for (const line of lines.filter(Boolean)) {
      for (const cell of line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!) {
        expect(cell.replace(/^"/, ""), line).not.toMatch(/^[=+@\t\r]/);
      }
    }
    const r1 = lines.find((l) => l.startsWith(`${R1},`))!;
    expect(r1).toContain(",A,91,91,pass,91,partial,91,fail,,not applicable,");
  });

  it("holds every page (203 rows), honours the filters, and the file name is safe", async () => {
    const res = await get(orgCsv as Handler, `/api/v1/orgs/${BIG}/scorecard.csv`, { id: BIG });
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines).toHaveLength(1 + BIG_REPOS);
    expect(lines.at(-1)!.startsWith("repo-202,")).toBe(true);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="t-v1__big__${RUN}-scorecard.csv"`);
    const filtered = (await (await get(orgCsv as Handler, `/api/v1/orgs/${BIG}/scorecard.csv?q=repo-19`, { id: BIG })).text()).trim().split("\r\n");
    expect(filtered).toHaveLength(1 + 10);
  });
});
