// Read queries behind the organizations list, the org scorecard (heatmap), the factor page and the
// JSON API. Read-only. Every function takes the viewer's org scope ("all" or a list of org ids, from
// lib/auth/viewer.ts visibleOrgIds) and applies it in SQL: an org outside the scope is "not found".
//
// Hot path: "latest scan per repository" (any status) and "latest DONE scan per repository" (its
// results). Both are LATERAL lookups on the (repositoryId, createdAt DESC) index: ~2 index probes per
// repository, no denormalised column to keep in sync with every writer (see bench/LOAD.md for the
// EXPLAIN ANALYZE on 1,000 repositories × 52 scans). Sorting, filtering and paging happen in SQL; when
// neither the filter nor the sort needs scan results (sort by name, repository-level filters), the page
// is cut first and only its rows get the lookups.
import { Prisma } from "./generated/prisma/client.ts";
import type { Confidence, FactorStatus, ScanStatus, Severity, SourceKind } from "./generated/prisma/enums.ts";
import { db } from "./client.ts";
import { findingSelect } from "./repo-report.ts";
import { dataEpoch } from "./data-epoch.ts";

/** A scan's state as the pages and the API show it. */
export type ScanState = {
  id: string;
  status: ScanStatus;
  progress: number;
  error: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/** One factor's result in a scan. */
export type FactorCell = {
  factor: number;
  status: FactorStatus;
  score: number | null;
  confidence: Confidence;
  findings: number;
};

/** Org ids the viewer may see ("all" for the local demo). */
export type OrgScope = "all" | readonly string[];

function scopeSql(scope: OrgScope, column: Prisma.Sql): Prisma.Sql {
  if (scope === "all") return Prisma.empty;
  return Prisma.sql`AND ${column} = ANY(${[...scope]}::text[])`;
}

// ------------------------------------------------------------------------------------------------
// Small result cache for org-wide aggregates (shared by concurrent requests; a few seconds old at most)
// ------------------------------------------------------------------------------------------------

const AGGREGATE_TTL_MS = 5_000;
/** Pages of repositories: short enough that a scan finishing shows up on the next auto-refresh. */
const REPO_PAGE_TTL_MS = 2_000;
const aggregateCache = new Map<string, { expires: number; value: Promise<unknown> }>();

let cacheEpoch = dataEpoch();

/**
 * Memoises `load()` for `ttlMs` per key; concurrent callers share one in-flight query. Failures are not
 * kept. Everything is forgotten when the data epoch moves (lib/db/data-epoch.ts).
 */
function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const epoch = dataEpoch();
  if (epoch !== cacheEpoch) {
    aggregateCache.clear();
    cacheEpoch = epoch;
  }
  const now = Date.now();
  const hit = aggregateCache.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  if (aggregateCache.size > 500) for (const [k, v] of aggregateCache) if (v.expires <= now) aggregateCache.delete(k);
  const value = load();
  aggregateCache.set(key, { expires: now + ttlMs, value });
  value.catch(() => {
    if (aggregateCache.get(key)?.value === value) aggregateCache.delete(key);
  });
  return value;
}

/** Forgets cached aggregates (tests that change data between reads). */
export function clearScorecardCache(): void {
  aggregateCache.clear();
}

// ------------------------------------------------------------------------------------------------
// Organizations list
// ------------------------------------------------------------------------------------------------

export type TrendPoint = { week: Date; score: number };

export type OrgSummary = {
  id: string;
  login: string;
  name: string;
  sourceKind: SourceKind;
  /** Repositories currently in the source (removed ones excluded). */
  repoCount: number;
  /** Repositories with at least one completed scan. */
  scoredRepoCount: number;
  /** Mean of the repositories' latest scores; null before any repository has a score. */
  score: number | null;
  /** Most recent end of a scan (done, failed or skipped). */
  lastScanAt: Date | null;
  /** Repositories whose latest scan is queued, cloning or scanning. */
  activeScanCount: number;
  /** Repositories whose latest scan failed. */
  failedScanCount: number;
  /** Mean score of the scans completed in each of the last TREND_WEEKS weeks (oldest first, weeks without scans left out). */
  trend: TrendPoint[];
};

export const TREND_WEEKS = 12;

/** Every visible organization (not deleted) with its aggregate score, trend and scan state, by name. */
export async function listOrgSummaries(scope: OrgScope): Promise<OrgSummary[]> {
  if (scope !== "all" && scope.length === 0) return [];
  const rows = await db().$queryRaw<Omit<OrgSummary, "trend">[]>(Prisma.sql`
    WITH repo AS (
      SELECT r.id, r."orgId" FROM "Repository" r
      JOIN "Org" o ON o.id = r."orgId"
      WHERE o."deletedAt" IS NULL AND r."removedAt" IS NULL ${scopeSql(scope, Prisma.sql`o.id`)}
    )
    SELECT o.id, o.login, o.name, o."sourceKind",
      count(repo.id)::int AS "repoCount",
      count(ld.score)::int AS "scoredRepoCount",
      avg(ld.score)::float8 AS score,
      greatest(max(ld."finishedAt"), max(l."finishedAt")) AS "lastScanAt",
      count(*) FILTER (WHERE l.status IN ('QUEUED', 'CLONING', 'SCANNING'))::int AS "activeScanCount",
      count(*) FILTER (WHERE l.status = 'FAILED')::int AS "failedScanCount"
    FROM "Org" o
    LEFT JOIN repo ON repo."orgId" = o.id
    LEFT JOIN LATERAL (
      SELECT s.status, s."finishedAt" FROM "Scan" s WHERE s."repositoryId" = repo.id
      ORDER BY s."createdAt" DESC, s.id DESC LIMIT 1
    ) l ON true
    LEFT JOIN LATERAL (
      SELECT s.score, s."finishedAt" FROM "Scan" s WHERE s."repositoryId" = repo.id AND s.status = 'DONE'
      ORDER BY s."createdAt" DESC, s.id DESC LIMIT 1
    ) ld ON true
    WHERE o."deletedAt" IS NULL ${scopeSql(scope, Prisma.sql`o.id`)}
    GROUP BY o.id
    ORDER BY lower(o.name), o.id
  `);
  const trends = await orgTrends(rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, trend: trends.get(r.id) ?? [] }));
}

/** Weekly mean of completed scan scores over the last TREND_WEEKS weeks, per org. */
async function orgTrends(orgIds: string[]): Promise<Map<string, TrendPoint[]>> {
  const out = new Map<string, TrendPoint[]>();
  if (orgIds.length === 0) return out;
  const rows = await cached(`trend:${orgIds.join(",")}`, AGGREGATE_TTL_MS, () =>
    db().$queryRaw<{ orgId: string; week: Date; score: number }[]>(Prisma.sql`
      SELECT r."orgId", date_trunc('week', s."createdAt") AS week, avg(s.score)::float8 AS score
      FROM "Repository" r
      JOIN "Scan" s ON s."repositoryId" = r.id
      WHERE r."orgId" = ANY(${orgIds}::text[]) AND r."removedAt" IS NULL
        AND s."createdAt" >= date_trunc('week', now()) - ${`${TREND_WEEKS - 1} weeks`}::interval
        AND s.status = 'DONE' AND s.score IS NOT NULL
      GROUP BY 1, 2
      ORDER BY 1, 2
    `),
  );
  const hit = trendsOf.get(rows);
  if (hit) return hit;
  for (const row of rows) {
    const list = out.get(row.orgId) ?? [];
    list.push({ week: row.week, score: row.score });
    out.set(row.orgId, list);
  }
  trendsOf.set(rows, out);
  return out;
}

/** The trend map of one shared (cached) query result: the same object while the result is cached. */
const trendsOf = new WeakMap<object, Map<string, TrendPoint[]>>();

// ------------------------------------------------------------------------------------------------
// Org header + org-wide aggregates (distribution per factor, worst factors, common findings, facets)
// ------------------------------------------------------------------------------------------------

export type OrgInfo = {
  id: string;
  login: string;
  name: string;
  sourceKind: SourceKind;
  localPath: string | null;
  lastSyncedAt: Date | null;
};

/** The org if it exists (not deleted) and is in the scope; null otherwise. */
export async function findVisibleOrg(scope: OrgScope, orgId: string): Promise<OrgInfo | null> {
  if (scope !== "all" && !scope.includes(orgId)) return null;
  // The scope is checked above on every call; only the row (existence, name) is shared for a few seconds.
  return cached(`org:${orgId}`, AGGREGATE_TTL_MS, () =>
    db().org.findFirst({
      where: { id: orgId, deletedAt: null },
      select: { id: true, login: true, name: true, sourceKind: true, localPath: true, lastSyncedAt: true },
    }),
  );
}

export type FactorDistribution = {
  factor: number;
  pass: number;
  partial: number;
  fail: number;
  na: number;
  /** Repositories with a completed scan but no result for this factor, plus those never scored. */
  none: number;
  /** Mean factor score over repositories where it applies; null when it applies nowhere. */
  averageScore: number | null;
};

export type CommonFinding = {
  ruleId: string;
  factor: number;
  severity: Severity;
  /** The finding message (rules use static messages). */
  message: string;
  /** Repositories whose latest results contain it. */
  repoCount: number;
  /** Occurrences across those repositories. */
  count: number;
};

export type Facet = { value: string; count: number };

export type OrgOverview = {
  org: OrgInfo;
  repoCount: number;
  scoredRepoCount: number;
  score: number | null;
  activeScanCount: number;
  failedScanCount: number;
  lastScanAt: Date | null;
  /** Index 0..11 = factor I..XII. */
  distribution: FactorDistribution[];
  /** Factors by mean score, worst first (only factors that apply somewhere). */
  worstFactors: FactorDistribution[];
  commonFindings: CommonFinding[];
  trend: TrendPoint[];
  facets: { languages: Facet[]; kinds: Facet[]; topics: Facet[]; archived: number };
};

type OverviewRow = {
  repoCount: number;
  scoredRepoCount: number;
  score: number | null;
  activeScanCount: number;
  failedScanCount: number;
  lastScanAt: Date | null;
  archived: number;
  languages: Facet[] | null;
  kinds: Facet[] | null;
  topics: Facet[] | null;
  factors: { factor: number; status: FactorStatus; n: number; avg: number | null }[] | null;
  findings: CommonFinding[] | null;
};

/** Header numbers and org-wide aggregates of the latest results; null when the org is not visible. Cached a few seconds. */
export async function getOrgOverview(scope: OrgScope, orgId: string): Promise<OrgOverview | null> {
  const org = await findVisibleOrg(scope, orgId);
  if (!org) return null;
  const [row, trends] = await Promise.all([cached(`overview:${orgId}`, AGGREGATE_TTL_MS, () => loadOverview(orgId)), orgTrends([orgId])]);
  // Built once per shared (cached) row, org and trend: the page and the API ask many times a second, and
  // the API memoises its serialised body on the identity of this (read-only) object.
  const memo = overviewOf.get(row);
  if (memo && memo.org === org && memo.trends === trends) return memo.value;
  const value = buildOverview(org, row, trends.get(orgId) ?? []);
  overviewOf.set(row, { org, trends, value });
  return value;
}

const overviewOf = new WeakMap<OverviewRow, { org: OrgInfo; trends: Map<string, TrendPoint[]>; value: OrgOverview }>();

function buildOverview(org: OrgInfo, row: OverviewRow, trend: TrendPoint[]): OrgOverview {
  const counts = new Map<number, FactorDistribution>();
  for (let f = 1; f <= 12; f++) counts.set(f, { factor: f, pass: 0, partial: 0, fail: 0, na: 0, none: 0, averageScore: null });
  for (const r of row.factors ?? []) {
    const d = counts.get(r.factor);
    if (!d) continue;
    const key = r.status.toLowerCase() as "pass" | "partial" | "fail" | "na";
    d[key] += r.n;
  }
  const sums = new Map<number, { sum: number; n: number }>();
  for (const r of row.factors ?? []) {
    if (r.avg === null || r.status === "NA") continue;
    const s = sums.get(r.factor) ?? { sum: 0, n: 0 };
    s.sum += r.avg * r.n;
    s.n += r.n;
    sums.set(r.factor, s);
  }
  const distribution = [...counts.values()].map((d) => {
    const s = sums.get(d.factor);
    return { ...d, none: row.repoCount - d.pass - d.partial - d.fail - d.na, averageScore: s && s.n > 0 ? s.sum / s.n : null };
  });
  const worstFactors = distribution
    .filter((d) => d.averageScore !== null)
    .sort((a, b) => a.averageScore! - b.averageScore! || b.fail - a.fail || a.factor - b.factor);
  return {
    org,
    repoCount: row.repoCount,
    scoredRepoCount: row.scoredRepoCount,
    score: row.score,
    activeScanCount: row.activeScanCount,
    failedScanCount: row.failedScanCount,
    lastScanAt: row.lastScanAt === null ? null : new Date(row.lastScanAt),
    distribution,
    worstFactors,
    commonFindings: row.findings ?? [],
    trend,
    facets: { languages: row.languages ?? [], kinds: row.kinds ?? [], topics: row.topics ?? [], archived: row.archived },
  };
}

async function loadOverview(orgId: string): Promise<OverviewRow> {
  const [row] = await db().$queryRaw<OverviewRow[]>(Prisma.sql`
    WITH st AS MATERIALIZED (
      SELECT r.id, r.language, r.topics, r.archived, l.status, l."finishedAt" AS "lastFinishedAt",
        ld.id AS "doneId", ld.score, ld.kind, ld."finishedAt" AS "doneFinishedAt"
      FROM "Repository" r
      LEFT JOIN LATERAL (
        SELECT s.status, s."finishedAt" FROM "Scan" s WHERE s."repositoryId" = r.id
        ORDER BY s."createdAt" DESC, s.id DESC LIMIT 1
      ) l ON true
      LEFT JOIN LATERAL (
        SELECT s.id, s.score, s.kind, s."finishedAt" FROM "Scan" s WHERE s."repositoryId" = r.id AND s.status = 'DONE'
        ORDER BY s."createdAt" DESC, s.id DESC LIMIT 1
      ) ld ON true
      WHERE r."orgId" = ${orgId} AND r."removedAt" IS NULL
    )
    SELECT
      (SELECT count(*)::int FROM st) AS "repoCount",
      (SELECT count(score)::int FROM st) AS "scoredRepoCount",
      (SELECT avg(score)::float8 FROM st) AS score,
      (SELECT count(*)::int FROM st WHERE status IN ('QUEUED', 'CLONING', 'SCANNING')) AS "activeScanCount",
      (SELECT count(*)::int FROM st WHERE status = 'FAILED') AS "failedScanCount",
      (SELECT greatest(max("doneFinishedAt"), max("lastFinishedAt")) FROM st) AS "lastScanAt",
      (SELECT count(*)::int FROM st WHERE archived) AS archived,
      (SELECT json_agg(json_build_object('value', language, 'count', n) ORDER BY n DESC, language)
         FROM (SELECT language, count(*)::int n FROM st WHERE language IS NOT NULL GROUP BY 1) x) AS languages,
      (SELECT json_agg(json_build_object('value', kind, 'count', n) ORDER BY n DESC, kind)
         FROM (SELECT kind, count(*)::int n FROM st WHERE kind IS NOT NULL GROUP BY 1) x) AS kinds,
      (SELECT json_agg(json_build_object('value', topic, 'count', n) ORDER BY n DESC, topic)
         FROM (SELECT topic, count(*)::int n FROM st, unnest(st.topics) topic GROUP BY 1) x) AS topics,
      (SELECT json_agg(json_build_object('factor', factor, 'status', status, 'n', n, 'avg', avg))
         FROM (SELECT fr.factor, fr.status, count(*)::int n, avg(fr.score)::float8 avg
               FROM st JOIN "FactorResult" fr ON fr."scanId" = st."doneId" GROUP BY 1, 2) x) AS factors,
      (SELECT json_agg(json_build_object('ruleId', "ruleId", 'factor', factor, 'severity', severity, 'message', message,
                 'repoCount', repos, 'count', n) ORDER BY repos DESC, n DESC, "ruleId")
         FROM (SELECT f."ruleId", min(f.factor) factor, min(f.severity) severity, min(f.message) message,
                 count(DISTINCT f."scanId")::int repos, count(*)::int n
               FROM st JOIN "Finding" f ON f."scanId" = st."doneId" WHERE NOT f.waived
               GROUP BY 1 ORDER BY repos DESC, n DESC, 1 LIMIT 10) x) AS findings
  `);
  return row;
}

// ------------------------------------------------------------------------------------------------
// Repositories of an org: filter, sort, page (heatmap rows, JSON API, CSV)
// ------------------------------------------------------------------------------------------------

export type RepoSort = "name" | "score-desc" | "score-asc" | "status" | `factor-${number}`;
export type ArchivedFilter = "any" | "exclude" | "only";
export type ScanStateFilter = "any" | "failed" | "active" | "never";

export type RepoQuery = {
  /** Case-insensitive substring of the repository name. */
  search?: string;
  language?: string;
  /** Repository kind of the latest results (service, worker, library …). */
  kind?: string;
  /** A topic the repository carries (team-x, tier-1 …). */
  topic?: string;
  archived?: ArchivedFilter;
  /** With `factorStatus`: repositories whose latest results have this factor in that status. */
  factor?: number;
  /** Alone: repositories with any factor in that status. */
  factorStatus?: FactorStatus;
  scanState?: ScanStateFilter;
  sort?: RepoSort;
  page?: number;
  pageSize?: number;
};

export type TopFinding = { ruleId: string; severity: Severity; message: string };

export type ScorecardRepo = {
  id: string;
  name: string;
  fullName: string;
  language: string | null;
  archived: boolean;
  topics: string[];
  /** Latest scan of any status; null when the repository was never queued. */
  latestScan: ScanState | null;
  /** Results of the latest completed scan; null before the first one. */
  result: {
    scanId: string;
    score: number | null;
    grade: string | null;
    kind: string | null;
    finishedAt: Date | null;
    /** Index 0..11 = factor I..XII; null when the scan stored no result for that factor. */
    factors: (FactorCell | null)[];
    /** Index 0..11: the most severe unwaived finding of that factor, if any. */
    topFindings: (TopFinding | null)[];
  } | null;
};

export type RepoPage = {
  /** Repositories matching the filters (all pages). */
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  repos: ScorecardRepo[];
};

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

type PageRow = {
  id: string;
  name: string;
  fullName: string;
  language: string | null;
  archived: boolean;
  topics: string[];
  lsId: string | null;
  lsStatus: ScanStatus | null;
  lsProgress: number | null;
  lsError: string | null;
  lsQueuedAt: Date | null;
  lsStartedAt: Date | null;
  lsFinishedAt: Date | null;
  ldId: string | null;
  ldScore: number | null;
  ldGrade: string | null;
  ldKind: string | null;
  ldFinishedAt: Date | null;
  total?: number;
};

const LATEST_SCAN = Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT s.id, s.status, s.progress, s.error, s."queuedAt", s."startedAt", s."finishedAt"
    FROM "Scan" s WHERE s."repositoryId" = b.id
    ORDER BY s."createdAt" DESC, s.id DESC LIMIT 1
  ) ls ON true
  LEFT JOIN LATERAL (
    SELECT s.id, s.score, s.grade, s.kind, s."finishedAt"
    FROM "Scan" s WHERE s."repositoryId" = b.id AND s.status = 'DONE'
    ORDER BY s."createdAt" DESC, s.id DESC LIMIT 1
  ) ld ON true`;

const PAGE_COLUMNS = Prisma.sql`b.id, b.name, b."fullName", b.language, b.archived, b.topics,
  ls.id AS "lsId", ls.status AS "lsStatus", ls.progress AS "lsProgress", ls.error AS "lsError",
  ls."queuedAt" AS "lsQueuedAt", ls."startedAt" AS "lsStartedAt", ls."finishedAt" AS "lsFinishedAt",
  ld.id AS "ldId", ld.score AS "ldScore", ld.grade AS "ldGrade", ld.kind AS "ldKind", ld."finishedAt" AS "ldFinishedAt"`;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Normalises a query: trims strings, clamps page and page size. */
export function normalizeRepoQuery(query: RepoQuery): Required<Pick<RepoQuery, "sort" | "page" | "pageSize" | "archived" | "scanState">> & RepoQuery {
  const pageSize = Math.min(Math.max(1, Math.trunc(query.pageSize ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
  const factor = query.factor !== undefined && query.factor >= 1 && query.factor <= 12 ? Math.trunc(query.factor) : undefined;
  const sortFactor = query.sort?.startsWith("factor-") ? Number(query.sort.slice(7)) : null;
  const sort: RepoSort = sortFactor !== null && !(sortFactor >= 1 && sortFactor <= 12 && Number.isInteger(sortFactor)) ? "name" : (query.sort ?? "name");
  return {
    ...query,
    search: query.search?.trim() || undefined,
    language: query.language?.trim() || undefined,
    kind: query.kind?.trim() || undefined,
    topic: query.topic?.trim() || undefined,
    factor,
    sort,
    archived: query.archived ?? "any",
    scanState: query.scanState ?? "any",
    page: Math.max(1, Math.trunc(query.page ?? 1)),
    pageSize,
  };
}

/**
 * One page of the org's repositories with latest scan state and latest results per factor; null when
 * the org is not visible. Filters and sort run in SQL (see the file comment for the fast path).
 */
export async function queryOrgRepos(scope: OrgScope, orgId: string, input: RepoQuery = {}): Promise<RepoPage | null> {
  const org = await findVisibleOrg(scope, orgId);
  if (!org) return null;
  return queryReposOfOrg(orgId, input);
}

/**
 * queryOrgRepos for an org already known to be visible. Identical queries within REPO_PAGE_TTL_MS share
 * one result (many viewers of one org page, auto-refresh, API polling); results are read-only.
 */
export function queryReposOfOrg(orgId: string, input: RepoQuery = {}): Promise<RepoPage> {
  const q = normalizeRepoQuery(input);
  return cached(`repos:${orgId}:${JSON.stringify(q)}`, REPO_PAGE_TTL_MS, () => loadRepoPage(orgId, q));
}

async function loadRepoPage(orgId: string, q: ReturnType<typeof normalizeRepoQuery>): Promise<RepoPage> {
  const repoWhere: Prisma.Sql[] = [Prisma.sql`r."orgId" = ${orgId}`, Prisma.sql`r."removedAt" IS NULL`];
  if (q.search) repoWhere.push(Prisma.sql`r.name ILIKE ${`%${escapeLike(q.search)}%`}`);
  if (q.language) repoWhere.push(Prisma.sql`r.language = ${q.language}`);
  if (q.topic) repoWhere.push(Prisma.sql`${q.topic} = ANY(r.topics)`);
  if (q.archived === "exclude") repoWhere.push(Prisma.sql`NOT r.archived`);
  if (q.archived === "only") repoWhere.push(Prisma.sql`r.archived`);

  const resultWhere: Prisma.Sql[] = [];
  if (q.kind) resultWhere.push(Prisma.sql`ld.kind = ${q.kind}`);
  if (q.factorStatus) {
    resultWhere.push(
      q.factor
        ? Prisma.sql`EXISTS (SELECT 1 FROM "FactorResult" fr WHERE fr."scanId" = ld.id AND fr.factor = ${q.factor} AND fr.status = ${q.factorStatus}::"FactorStatus")`
        : Prisma.sql`EXISTS (SELECT 1 FROM "FactorResult" fr WHERE fr."scanId" = ld.id AND fr.status = ${q.factorStatus}::"FactorStatus")`,
    );
  } else if (q.factor) {
    // A factor alone: repositories where it does not pass (the usual "who fails III?" question).
    resultWhere.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "FactorResult" fr WHERE fr."scanId" = ld.id AND fr.factor = ${q.factor} AND fr.status IN ('FAIL', 'PARTIAL'))`,
    );
  }
  if (q.scanState === "failed") resultWhere.push(Prisma.sql`ls.status = 'FAILED'`);
  if (q.scanState === "active") resultWhere.push(Prisma.sql`ls.status IN ('QUEUED', 'CLONING', 'SCANNING')`);
  if (q.scanState === "never") resultWhere.push(Prisma.sql`ls.id IS NULL`);

  const sortFactor = q.sort.startsWith("factor-") ? Number(q.sort.slice(7)) : null;
  const order: Prisma.Sql = (() => {
    switch (q.sort) {
      case "score-desc":
        return Prisma.sql`ld.score DESC NULLS LAST, b.name, b.id`;
      case "score-asc":
        return Prisma.sql`ld.score ASC NULLS LAST, b.name, b.id`;
      case "status":
        return Prisma.sql`CASE ls.status WHEN 'FAILED' THEN 0 WHEN 'SCANNING' THEN 1 WHEN 'CLONING' THEN 2 WHEN 'QUEUED' THEN 3
          WHEN 'SKIPPED' THEN 4 WHEN 'DONE' THEN 5 ELSE 6 END, b.name, b.id`;
      case "name":
        return Prisma.sql`b.name, b.id`;
      default:
        // Worst first on that factor; not applicable and no result last.
        return Prisma.sql`(SELECT fr.score FROM "FactorResult" fr WHERE fr."scanId" = ld.id AND fr.factor = ${sortFactor}) ASC NULLS LAST, ld.score ASC NULLS LAST, b.name, b.id`;
    }
  })();

  const offset = (q.page - 1) * q.pageSize;
  const base = Prisma.sql`SELECT r.id, r.name, r."fullName", r.language, r.archived, r.topics FROM "Repository" r WHERE ${Prisma.join(repoWhere, " AND ")}`;
  const client = db();
  let rows: PageRow[];
  let total: number;
  if (resultWhere.length === 0 && q.sort === "name") {
    // Fast path: page the repositories by name first, look up scans for that page only.
    const [countRows, pageRows] = await Promise.all([
      client.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM (${base}) b`),
      client.$queryRaw<PageRow[]>(Prisma.sql`
        SELECT ${PAGE_COLUMNS}
        FROM (${base} ORDER BY r.name, r.id LIMIT ${q.pageSize} OFFSET ${offset}) b
        ${LATEST_SCAN}
        ORDER BY b.name, b.id`),
    ]);
    total = countRows[0]?.n ?? 0;
    rows = pageRows;
  } else {
    rows = await client.$queryRaw<PageRow[]>(Prisma.sql`
      SELECT ${PAGE_COLUMNS}, count(*) OVER ()::int AS total
      FROM (${base}) b
      ${LATEST_SCAN}
      ${resultWhere.length ? Prisma.sql`WHERE ${Prisma.join(resultWhere, " AND ")}` : Prisma.empty}
      ORDER BY ${order}
      LIMIT ${q.pageSize} OFFSET ${offset}`);
    total = rows[0]?.total ?? (offset > 0 ? await countFiltered(base, resultWhere) : 0);
  }

  const doneIds = rows.map((r) => r.ldId).filter((id): id is string => id !== null);
  const [factorRows, findingRows] = doneIds.length
    ? await Promise.all([
        client.$queryRaw<(FactorCell & { scanId: string })[]>(Prisma.sql`
          SELECT "scanId", factor, status, score, confidence, findings FROM "FactorResult" WHERE "scanId" = ANY(${doneIds}::text[])`),
        client.$queryRaw<(TopFinding & { scanId: string; factor: number })[]>(Prisma.sql`
          SELECT DISTINCT ON ("scanId", factor) "scanId", factor, "ruleId", severity, message
          FROM "Finding" WHERE "scanId" = ANY(${doneIds}::text[]) AND NOT waived
          ORDER BY "scanId", factor, severity, "ruleId", id`),
      ])
    : [[], []];
  const cells = new Map<string, (FactorCell | null)[]>();
  for (const { scanId, ...cell } of factorRows) {
    if (cell.factor < 1 || cell.factor > 12) continue;
    let list = cells.get(scanId);
    if (!list) cells.set(scanId, (list = Array<FactorCell | null>(12).fill(null)));
    list[cell.factor - 1] = cell;
  }
  const tops = new Map<string, (TopFinding | null)[]>();
  for (const { scanId, factor, ...finding } of findingRows) {
    if (factor < 1 || factor > 12) continue;
    let list = tops.get(scanId);
    if (!list) tops.set(scanId, (list = Array<TopFinding | null>(12).fill(null)));
    list[factor - 1] = finding;
  }

  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
    repos: rows.map((r) => ({
      id: r.id,
      name: r.name,
      fullName: r.fullName,
      language: r.language,
      archived: r.archived,
      topics: r.topics,
      latestScan: r.lsId
        ? {
            id: r.lsId,
            status: r.lsStatus!,
            progress: r.lsProgress ?? 0,
            error: r.lsError,
            queuedAt: r.lsQueuedAt!,
            startedAt: r.lsStartedAt,
            finishedAt: r.lsFinishedAt,
          }
        : null,
      result: r.ldId
        ? {
            scanId: r.ldId,
            score: r.ldScore,
            grade: r.ldGrade,
            kind: r.ldKind,
            finishedAt: r.ldFinishedAt,
            factors: cells.get(r.ldId) ?? Array<FactorCell | null>(12).fill(null),
            topFindings: tops.get(r.ldId) ?? Array<TopFinding | null>(12).fill(null),
          }
        : null,
    })),
  };
}

async function countFiltered(base: Prisma.Sql, resultWhere: Prisma.Sql[]): Promise<number> {
  const [row] = await db().$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM (${base}) b ${LATEST_SCAN}
    ${resultWhere.length ? Prisma.sql`WHERE ${Prisma.join(resultWhere, " AND ")}` : Prisma.empty}`);
  return row?.n ?? 0;
}

// ------------------------------------------------------------------------------------------------
// One factor across an org
// ------------------------------------------------------------------------------------------------

export type RuleBreakdown = {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Repositories whose latest results have at least one unwaived finding of this rule. */
  repoCount: number;
  count: number;
  waived: number;
};

export type FactorOverview = {
  distribution: FactorDistribution;
  rules: RuleBreakdown[];
};

/** Rule-level breakdown of one factor over the latest results of an org (visible org assumed). Cached a few seconds. */
export async function getFactorRules(orgId: string, factor: number): Promise<RuleBreakdown[]> {
  return cached(`factor:${orgId}:${factor}`, AGGREGATE_TTL_MS, () =>
    db().$queryRaw<RuleBreakdown[]>(Prisma.sql`
      WITH ld AS MATERIALIZED (
        SELECT x.id FROM "Repository" r
        JOIN LATERAL (
          SELECT s.id FROM "Scan" s WHERE s."repositoryId" = r.id AND s.status = 'DONE'
          ORDER BY s."createdAt" DESC, s.id DESC LIMIT 1
        ) x ON true
        WHERE r."orgId" = ${orgId} AND r."removedAt" IS NULL
      )
      SELECT f."ruleId", min(f.severity) AS severity, min(f.message) AS message,
        count(DISTINCT f."scanId") FILTER (WHERE NOT f.waived)::int AS "repoCount",
        count(*) FILTER (WHERE NOT f.waived)::int AS count,
        count(*) FILTER (WHERE f.waived)::int AS waived
      FROM ld JOIN "Finding" f ON f."scanId" = ld.id AND f.factor = ${factor}
      GROUP BY f."ruleId"
      ORDER BY "repoCount" DESC, count DESC, f."ruleId"
    `),
  );
}

// ------------------------------------------------------------------------------------------------
// JSON API: one repository, its scans, one scan, its findings (all scoped through the repo's org)
// ------------------------------------------------------------------------------------------------

export type RepoSummary = {
  id: string;
  orgId: string;
  name: string;
  fullName: string;
  description: string | null;
  htmlUrl: string | null;
  defaultBranch: string;
  language: string | null;
  archived: boolean;
  topics: string[];
  latestScan: ScanState | null;
  result: { scanId: string; score: number | null; grade: string | null; kind: string | null; finishedAt: Date | null; factors: FactorCell[] } | null;
};

/** A repository visible to the scope (its org visible and not deleted, the repository not removed), else null. */
export async function getVisibleRepo(scope: OrgScope, repoId: string): Promise<RepoSummary | null> {
  const client = db();
  const repo = await client.repository.findFirst({
    where: { id: repoId, removedAt: null, org: { deletedAt: null, ...(scope === "all" ? {} : { id: { in: [...scope] } }) } },
    select: {
      id: true,
      orgId: true,
      name: true,
      fullName: true,
      description: true,
      htmlUrl: true,
      defaultBranch: true,
      language: true,
      archived: true,
      topics: true,
    },
  });
  if (!repo) return null;
  const [latestScan, done] = await Promise.all([
    client.scan.findFirst({
      where: { repositoryId: repoId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, status: true, progress: true, error: true, queuedAt: true, startedAt: true, finishedAt: true },
    }),
    client.scan.findFirst({
      where: { repositoryId: repoId, status: "DONE" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        score: true,
        grade: true,
        kind: true,
        finishedAt: true,
        factors: { select: { factor: true, status: true, score: true, confidence: true, findings: true }, orderBy: { factor: "asc" } },
      },
    }),
  ]);
  return {
    ...repo,
    latestScan,
    result: done ? { scanId: done.id, score: done.score, grade: done.grade, kind: done.kind, finishedAt: done.finishedAt, factors: done.factors } : null,
  };
}

export type ScanSummary = {
  id: string;
  repositoryId: string;
  status: ScanStatus;
  trigger: string;
  progress: number;
  error: string | null;
  commitSha: string | null;
  scannerVersion: string | null;
  rulesVersion: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  score: number | null;
  rawScore: number | null;
  grade: string | null;
  confidence: string | null;
  kind: string | null;
};

const scanSummarySelect = {
  id: true,
  repositoryId: true,
  status: true,
  trigger: true,
  progress: true,
  error: true,
  commitSha: true,
  scannerVersion: true,
  rulesVersion: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  score: true,
  rawScore: true,
  grade: true,
  confidence: true,
  kind: true,
} as const satisfies Prisma.ScanSelect;

export type Paged<T> = { total: number; page: number; pageSize: number; pageCount: number; items: T[] };

function paging(page: number | undefined, pageSize: number | undefined): { page: number; pageSize: number } {
  return {
    page: Math.max(1, Math.trunc(page ?? 1)),
    pageSize: Math.min(Math.max(1, Math.trunc(pageSize ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE),
  };
}

/** Scans of a visible repository, newest first; null when the repository is not visible. */
export async function listRepoScans(
  scope: OrgScope,
  repoId: string,
  opts: { page?: number; pageSize?: number } = {},
): Promise<Paged<ScanSummary> | null> {
  const client = db();
  const repo = await client.repository.findFirst({
    where: { id: repoId, removedAt: null, org: { deletedAt: null, ...(scope === "all" ? {} : { id: { in: [...scope] } }) } },
    select: { id: true },
  });
  if (!repo) return null;
  const { page, pageSize } = paging(opts.page, opts.pageSize);
  const [total, items] = await Promise.all([
    client.scan.count({ where: { repositoryId: repoId } }),
    client.scan.findMany({
      where: { repositoryId: repoId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: scanSummarySelect,
    }),
  ]);
  return { total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)), items };
}

export type ScanDetail = ScanSummary & { orgId: string; factors: FactorCell[] };

/** One scan with its factor results, if its repository's org is visible; else null. */
export async function getVisibleScan(scope: OrgScope, scanId: string): Promise<ScanDetail | null> {
  const scan = await db().scan.findFirst({
    where: {
      id: scanId,
      repository: { removedAt: null, org: { deletedAt: null, ...(scope === "all" ? {} : { id: { in: [...scope] } }) } },
    },
    select: {
      ...scanSummarySelect,
      repository: { select: { orgId: true } },
      factors: { select: { factor: true, status: true, score: true, confidence: true, findings: true }, orderBy: { factor: "asc" } },
    },
  });
  if (!scan) return null;
  const { repository, ...rest } = scan;
  return { ...rest, orgId: repository.orgId };
}

export type FindingItem = {
  id: string;
  ruleId: string;
  factor: number;
  severity: Severity;
  confidence: string;
  message: string;
  remediation: string | null;
  unit: string | null;
  path: string | null;
  line: number | null;
  column: number | null;
  snippet: string | null;
  fingerprint: string;
  waived: boolean;
  waiverReason: string | null;
  waiverExpires: Date | null;
};

/** Findings of a visible scan (most severe first), optionally of one factor; null when the scan is not visible. */
export async function listScanFindings(
  scope: OrgScope,
  scanId: string,
  opts: { page?: number; pageSize?: number; factor?: number } = {},
): Promise<Paged<FindingItem> | null> {
  const client = db();
  const scan = await client.scan.findFirst({
    where: { id: scanId, repository: { removedAt: null, org: { deletedAt: null, ...(scope === "all" ? {} : { id: { in: [...scope] } }) } } },
    select: { id: true },
  });
  if (!scan) return null;
  const { page, pageSize } = paging(opts.page, opts.pageSize);
  const where = { scanId, ...(opts.factor ? { factor: opts.factor } : {}) };
  const [total, items] = await Promise.all([
    client.finding.count({ where }),
    client.finding.findMany({
      where,
      orderBy: [{ severity: "asc" }, { factor: "asc" }, { path: "asc" }, { line: "asc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { ...findingSelect, column: true },
    }),
  ]);
  return { total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)), items };
}

// ------------------------------------------------------------------------------------------------
// Badges
// ------------------------------------------------------------------------------------------------

export type BadgeData = { label: string; grade: string | null; score: number | null };

/** Grade and score of a visible repository's latest results (null when not visible). */
export async function getRepoBadge(scope: OrgScope, repoId: string): Promise<BadgeData | null> {
  const rows = await db().$queryRaw<{ name: string; grade: string | null; score: number | null }[]>(Prisma.sql`
    SELECT r.name, ld.grade, ld.score FROM "Repository" r
    JOIN "Org" o ON o.id = r."orgId" AND o."deletedAt" IS NULL
    LEFT JOIN LATERAL (
      SELECT s.grade, s.score FROM "Scan" s WHERE s."repositoryId" = r.id AND s.status = 'DONE'
      ORDER BY s."createdAt" DESC, s.id DESC LIMIT 1
    ) ld ON true
    WHERE r.id = ${repoId} AND r."removedAt" IS NULL ${scopeSql(scope, Prisma.sql`o.id`)}`);
  const row = rows[0];
  return row ? { label: row.name, grade: row.grade, score: row.score } : null;
}

/** Mean score of a visible org's latest results (null when not visible). */
export async function getOrgBadge(scope: OrgScope, orgId: string): Promise<BadgeData | null> {
  const overview = await getOrgOverview(scope, orgId);
  if (!overview) return null;
  return { label: overview.org.name, grade: null, score: overview.score };
}
