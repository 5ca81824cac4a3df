// The org scorecard's filter/sort/page parameters, parsed once for the page, the JSON API and the CSV
// export (same names everywhere: ?q=&language=&kind=&topic=&archived=&factor=&status=&scan=&sort=&page=&per_page=).
// Invalid values are dropped (a hand-edited URL still renders), never an error.
import { z } from "zod";

export type FactorStatusName = "PASS" | "PARTIAL" | "FAIL" | "NA";
export type RepoSortName = "name" | "score-desc" | "score-asc" | "status" | `factor-${number}`;

export type ParsedRepoQuery = {
  search?: string;
  language?: string;
  kind?: string;
  topic?: string;
  archived: "any" | "exclude" | "only";
  factor?: number;
  factorStatus?: FactorStatusName;
  scanState: "any" | "failed" | "active" | "never";
  sort: RepoSortName;
  page: number;
  pageSize: number;
};

const text = z.string().trim().min(1).max(200).optional().catch(undefined);
const schema = z.object({
  q: text,
  language: text,
  kind: text,
  topic: text,
  archived: z.enum(["any", "exclude", "only"]).catch("any").default("any"),
  factor: z.coerce.number().int().min(1).max(12).optional().catch(undefined),
  status: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(["PASS", "PARTIAL", "FAIL", "NA"]))
    .optional()
    .catch(undefined),
  scan: z.enum(["any", "failed", "active", "never"]).catch("any").default("any"),
  sort: z
    .string()
    .regex(/^(name|score-desc|score-asc|status|factor-([1-9]|1[0-2]))$/)
    .catch("name")
    .default("name"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  per_page: z.coerce.number().int().min(1).max(200).catch(50).default(50),
});

type Raw = Record<string, string | string[] | undefined> | URLSearchParams;

function get(raw: Raw, key: string): string | undefined {
  if (raw instanceof URLSearchParams) return raw.get(key) ?? undefined;
  const v = raw[key];
  return Array.isArray(v) ? v[0] : v;
}

export function parseRepoQuery(raw: Raw, defaults: { pageSize?: number } = {}): ParsedRepoQuery {
  const keys = ["q", "language", "kind", "topic", "archived", "factor", "status", "scan", "sort", "page", "per_page"];
  const input: Record<string, string | undefined> = {};
  for (const k of keys) {
    const v = get(raw, k);
    if (v !== undefined && v !== "") input[k] = v;
  }
  if (input.per_page === undefined && defaults.pageSize) input.per_page = String(defaults.pageSize);
  const p = schema.parse(input);
  return {
    search: p.q,
    language: p.language,
    kind: p.kind,
    topic: p.topic,
    archived: p.archived,
    factor: p.factor,
    factorStatus: p.status,
    scanState: p.scan,
    sort: p.sort as RepoSortName,
    page: p.page,
    pageSize: p.per_page,
  };
}

/** The query string for a parsed query with some fields changed (defaults left out, so URLs stay short). */
export function repoQueryString(query: ParsedRepoQuery, change: Partial<ParsedRepoQuery> = {}, defaults: { pageSize?: number } = {}): string {
  const q = { ...query, ...change };
  const params = new URLSearchParams();
  if (q.search) params.set("q", q.search);
  if (q.language) params.set("language", q.language);
  if (q.kind) params.set("kind", q.kind);
  if (q.topic) params.set("topic", q.topic);
  if (q.archived !== "any") params.set("archived", q.archived);
  if (q.factor) params.set("factor", String(q.factor));
  if (q.factorStatus) params.set("status", q.factorStatus.toLowerCase());
  if (q.scanState !== "any") params.set("scan", q.scanState);
  if (q.sort !== "name") params.set("sort", q.sort);
  if (q.page > 1) params.set("page", String(q.page));
  if (q.pageSize !== (defaults.pageSize ?? 50)) params.set("per_page", String(q.pageSize));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** True when any filter (not sort or page) is set. */
export function hasRepoFilters(q: ParsedRepoQuery): boolean {
  return Boolean(q.search || q.language || q.kind || q.topic || q.archived !== "any" || q.factor || q.factorStatus || q.scanState !== "any");
}
