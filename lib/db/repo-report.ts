// The repository page's read side: the repository (only when its org is in the viewer's scope), its
// latest scan state, and the full results of its latest completed scan, including what raised and
// lowered each factor (read from the stored scanner report, the JSON contract of lib/scanner).
import { z } from "zod";
import type { Prisma, PrismaClient } from "./generated/prisma/client.ts";

/** Org ids the viewer may see ("all" for the local demo), as `visibleOrgIds` returns them. */
export type OrgScope = "all" | readonly string[];

/** A `where` on Repository restricting it to orgs in scope (and to orgs not deleted). */
export function repoInScope(scope: OrgScope): Prisma.RepositoryWhereInput {
  return scope === "all" ? { org: { deletedAt: null } } : { orgId: { in: [...scope] }, org: { deletedAt: null } };
}

/** A `where` on Org matching `orgId` only when it is in the scope (and not deleted). */
export function orgInScope(orgId: string, scope: OrgScope): Prisma.OrgWhereInput {
  return { AND: [{ id: orgId, deletedAt: null }, scope === "all" ? {} : { id: { in: [...scope] } }] };
}

export const repoHeaderSelect = {
  id: true,
  name: true,
  fullName: true,
  description: true,
  htmlUrl: true,
  defaultBranch: true,
  language: true,
  archived: true,
  removedAt: true,
  org: { select: { id: true, name: true, sourceKind: true } },
} as const satisfies Prisma.RepositorySelect;

export type RepoHeader = Prisma.RepositoryGetPayload<{ select: typeof repoHeaderSelect }>;

/** The repository if it exists and its org is in scope (else null: callers answer 404, never 403). */
export function findRepoInScope(client: PrismaClient, repositoryId: string, scope: OrgScope): Promise<RepoHeader | null> {
  return client.repository.findFirst({ where: { id: repositoryId, ...repoInScope(scope) }, select: repoHeaderSelect });
}

export const scanStateSelect = {
  id: true,
  status: true,
  progress: true,
  error: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
} as const satisfies Prisma.ScanSelect;

export type ScanState = Prisma.ScanGetPayload<{ select: typeof scanStateSelect }>;

/** The finding fields every page and API view reads. */
export const findingSelect = {
  id: true,
  ruleId: true,
  factor: true,
  severity: true,
  confidence: true,
  message: true,
  remediation: true,
  unit: true,
  path: true,
  line: true,
  snippet: true,
  fingerprint: true,
  waived: true,
  waiverReason: true,
  waiverExpires: true,
} as const satisfies Prisma.FindingSelect;

export type FindingRow = Prisma.FindingGetPayload<{ select: typeof findingSelect }>;

// ------------------------------------------------------------------------------------------------
// What raised and lowered a factor (from the stored report; lenient: old reports may lack fields)
// ------------------------------------------------------------------------------------------------

const ruleSummarySchema = z.object({
  id: z.string(),
  status: z.string(),
  score: z.number().nullable(),
  weight: z.number(),
  findings: z.number().default(0),
  reason: z.string().optional(),
});

const factorReportSchema = z.object({
  code: z.string().regex(/^F\d\d$/),
  coverage: z.number().optional(),
  cap: z.number().nullable().optional(),
  insufficient: z.boolean().optional(),
  reason: z.string().optional(),
  rules: z.array(ruleSummarySchema).default([]),
  evidence: z
    .array(
      z.object({
        rule: z.string(),
        score: z.number().nullable(),
        items: z.array(z.object({ path: z.string(), line: z.number().nullable(), note: z.string() })).default([]),
      }),
    )
    .default([]),
});

const reportSchema = z.object({
  gradeLabel: z.string().optional(),
  gatesApplied: z.array(z.string()).default([]),
  scanner: z.object({ version: z.string(), rulesVersion: z.string(), scoringVersion: z.number().optional() }).optional(),
  factors: z.array(z.unknown()).default([]),
  notices: z.array(z.object({ code: z.string(), message: z.string(), path: z.string().optional(), line: z.number().optional() })).default([]),
});

export type FactorDriver = {
  rule: string;
  /** Rule score 0..1 (null when it could not decide). */
  score: number | null;
  weight: number;
  /** Why (the rule's reason, or the first evidence note). */
  note: string | null;
  findings: number;
};

export type FactorInsight = {
  factor: number;
  coverage: number | null;
  cap: number | null;
  insufficient: boolean;
  reason: string | null;
  /** Rules that passed, heaviest first (what holds the score up). */
  raised: FactorDriver[];
  /** Rules that failed or partly failed, biggest loss (weight × (1 − score)) first. */
  lowered: FactorDriver[];
};

const MAX_DRIVERS = 3;

/** Per-factor drivers from a stored report; [] when the report is missing or unreadable. Pure. */
export function factorInsights(report: unknown): FactorInsight[] {
  const parsed = reportSchema.safeParse(report);
  if (!parsed.success) return [];
  const out: FactorInsight[] = [];
  for (const raw of parsed.data.factors) {
    const f = factorReportSchema.safeParse(raw);
    if (!f.success) continue;
    const evidenceNote = (rule: string) => f.data.evidence.find((e) => e.rule === rule)?.items[0]?.note ?? null;
    const driver = (r: z.infer<typeof ruleSummarySchema>): FactorDriver => ({
      rule: r.id,
      score: r.score,
      weight: r.weight,
      note: r.reason ?? evidenceNote(r.id),
      findings: r.findings,
    });
    const scored = f.data.rules.filter((r) => r.score !== null && ["pass", "fail", "partial", "waived"].includes(r.status));
    const raised = scored
      .filter((r) => (r.score ?? 0) >= 0.8)
      .sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id))
      .slice(0, MAX_DRIVERS)
      .map(driver);
    const lowered = scored
      .filter((r) => (r.score ?? 1) < 0.8)
      .sort((a, b) => b.weight * (1 - (b.score ?? 0)) - a.weight * (1 - (a.score ?? 0)) || a.id.localeCompare(b.id))
      .slice(0, MAX_DRIVERS)
      .map(driver);
    out.push({
      factor: Number(f.data.code.slice(1)),
      coverage: f.data.coverage ?? null,
      cap: f.data.cap ?? null,
      insufficient: f.data.insufficient ?? false,
      reason: f.data.reason ?? null,
      raised,
      lowered,
    });
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// The page
// ------------------------------------------------------------------------------------------------

export type RepoPageResult = {
  id: string;
  commitSha: string | null;
  scannerVersion: string | null;
  rulesVersion: string | null;
  finishedAt: Date | null;
  score: number | null;
  rawScore: number | null;
  grade: string | null;
  gradeLabel: string | null;
  gatesApplied: string[];
  confidence: "HIGH" | "MEDIUM" | "LOW" | null;
  kind: string | null;
  units: unknown;
  skipped: unknown;
  cloneMs: number | null;
  scanMs: number | null;
  factors: { factor: number; status: "PASS" | "PARTIAL" | "FAIL" | "NA"; score: number | null; rawScore: number | null; confidence: "HIGH" | "MEDIUM" | "LOW"; findings: number }[];
  insights: FactorInsight[];
  notices: { code: string; message: string; path?: string; line?: number }[];
  findings: FindingRow[];
};

export type RepoPage = {
  repo: RepoHeader;
  latestScan: ScanState | null;
  /** The latest completed scan (null when none finished yet). */
  result: RepoPageResult | null;
  /** Completed scans in total (for the history link). */
  doneScanCount: number;
};

/**
 * One repository for its page: null when it does not exist or its org is outside the scope.
 * Findings are ordered factor, severity (critical first), path, line.
 */
export async function getRepoPage(client: PrismaClient, repositoryId: string, scope: OrgScope): Promise<RepoPage | null> {
  const repo = await findRepoInScope(client, repositoryId, scope);
  if (!repo) return null;
  const [latestScan, done, doneScanCount] = await Promise.all([
    client.scan.findFirst({ where: { repositoryId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: scanStateSelect }),
    client.scan.findFirst({
      where: { repositoryId, status: "DONE" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        commitSha: true,
        scannerVersion: true,
        rulesVersion: true,
        finishedAt: true,
        score: true,
        rawScore: true,
        grade: true,
        confidence: true,
        kind: true,
        units: true,
        skipped: true,
        cloneMs: true,
        scanMs: true,
        report: true,
        factors: {
          select: { factor: true, status: true, score: true, rawScore: true, confidence: true, findings: true },
          orderBy: { factor: "asc" },
        },
        findings: {
          select: findingSelect,
          orderBy: [{ factor: "asc" }, { severity: "asc" }, { path: "asc" }, { line: "asc" }, { id: "asc" }],
        },
      },
    }),
    client.scan.count({ where: { repositoryId, status: "DONE" } }),
  ]);
  if (!done) return { repo, latestScan, result: null, doneScanCount };
  const { report, ...rest } = done;
  const meta = reportSchema.safeParse(report);
  return {
    repo,
    latestScan,
    doneScanCount,
    result: {
      ...rest,
      gradeLabel: meta.success ? (meta.data.gradeLabel ?? null) : null,
      gatesApplied: meta.success ? meta.data.gatesApplied : [],
      notices: meta.success ? meta.data.notices : [],
      insights: factorInsights(report),
    },
  };
}

/** The latest scan's state (live progress polling); null when the repository is missing or out of scope. */
export async function getRepoScanState(
  client: PrismaClient,
  repositoryId: string,
  scope: OrgScope,
): Promise<{ repositoryId: string; scan: (ScanState & { score: number | null; grade: string | null }) | null } | null> {
  const repo = await client.repository.findFirst({ where: { id: repositoryId, ...repoInScope(scope) }, select: { id: true } });
  if (!repo) return null;
  const scan = await client.scan.findFirst({
    where: { repositoryId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { ...scanStateSelect, score: true, grade: true },
  });
  return { repositoryId: repo.id, scan };
}

/** A completed scan of a repository in scope, with what the local source viewer needs. */
export async function findScanForSource(client: PrismaClient, repositoryId: string, scanId: string, scope: OrgScope) {
  return client.scan.findFirst({
    where: { id: scanId, repositoryId, commitSha: { not: null }, repository: repoInScope(scope) },
    select: {
      id: true,
      commitSha: true,
      repository: {
        select: {
          id: true,
          name: true,
          externalId: true,
          org: { select: { id: true, name: true, sourceKind: true, localPath: true } },
        },
      },
    },
  });
}
