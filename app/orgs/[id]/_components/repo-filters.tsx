"use client";
// A client component (still server-rendered, and a plain GET form without JavaScript): its props are a
// few hundred bytes, where a server component would put the whole form's element tree into the React
// Server Components payload of every scorecard page.
import Link from "next/link";
import type { Facet } from "@/lib/db/scorecard";
import type { ParsedRepoQuery } from "@/lib/ui/repo-query";

const SORTS: { value: string; label: string }[] = [
  { value: "name", label: "Name (A–Z)" },
  { value: "score-asc", label: "Score (lowest first)" },
  { value: "score-desc", label: "Score (highest first)" },
  { value: "status", label: "Scan status (failed first)" },
];

const field = "flex flex-col gap-1";
const labelClass = "text-xs font-medium text-slate-700 dark:text-slate-300";
const control = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-950";

/**
 * The scorecard's filter bar: a plain GET form (works without JavaScript, every state is a shareable URL).
 * Page resets to 1 on apply because the form does not carry it.
 */
export function RepoFilters({
  orgId,
  query,
  factors,
  facets,
  pageSizes,
  showReset,
}: {
  orgId: string;
  query: ParsedRepoQuery;
  factors: { id: number; label: string }[];
  facets: { languages: Facet[]; kinds: Facet[]; topics: Facet[]; archived: number };
  /** First entry is the default. */
  pageSizes: number[];
  /** Filters or a non-default sort are applied (hasRepoFilters(query) || sort ≠ name). */
  showReset: boolean;
}) {
  const factorSorts = factors.map((f) => ({ value: `factor-${f.id}`, label: `${f.label} (worst first)` }));
  return (
    <form
      method="get"
      action={`/orgs/${orgId}#repositories`}
      role="search"
      aria-label="Filter repositories"
      className="mb-4 grid grid-cols-2 items-end gap-3 rounded-xl border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className={`${field} col-span-2 sm:col-span-3 lg:col-span-2`}>
        <label htmlFor="q" className={labelClass}>
          Search repositories
        </label>
        <input id="q" name="q" type="search" defaultValue={query.search ?? ""} placeholder="Repository name" className={control} />
      </div>
      <div className={field}>
        <label htmlFor="factor" className={labelClass}>
          Factor
        </label>
        <select id="factor" name="factor" defaultValue={query.factor ? String(query.factor) : ""} className={control}>
          <option value="">Any factor</option>
          {factors.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <div className={field}>
        <label htmlFor="status" className={labelClass}>
          Factor status
        </label>
        <select id="status" name="status" defaultValue={query.factorStatus?.toLowerCase() ?? ""} className={control}>
          <option value="">Any (factor alone: not passing)</option>
          <option value="fail">Fail</option>
          <option value="partial">Partial</option>
          <option value="pass">Pass</option>
          <option value="na">Not applicable</option>
        </select>
      </div>
      <div className={field}>
        <label htmlFor="language" className={labelClass}>
          Language
        </label>
        <select id="language" name="language" defaultValue={query.language ?? ""} className={control}>
          <option value="">Any language</option>
          {facets.languages.map((f) => (
            <option key={f.value} value={f.value}>
              {f.value} ({f.count})
            </option>
          ))}
        </select>
      </div>
      <div className={field}>
        <label htmlFor="kind" className={labelClass}>
          Kind
        </label>
        <select id="kind" name="kind" defaultValue={query.kind ?? ""} className={control}>
          <option value="">Any kind</option>
          {facets.kinds.map((f) => (
            <option key={f.value} value={f.value}>
              {f.value} ({f.count})
            </option>
          ))}
        </select>
      </div>
      <div className={field}>
        <label htmlFor="topic" className={labelClass}>
          Team / topic
        </label>
        <select id="topic" name="topic" defaultValue={query.topic ?? ""} className={control}>
          <option value="">Any topic</option>
          {facets.topics.map((f) => (
            <option key={f.value} value={f.value}>
              {f.value} ({f.count})
            </option>
          ))}
        </select>
      </div>
      <div className={field}>
        <label htmlFor="archived" className={labelClass}>
          Archived
        </label>
        <select id="archived" name="archived" defaultValue={query.archived} className={control}>
          <option value="any">Include archived ({facets.archived})</option>
          <option value="exclude">Hide archived</option>
          <option value="only">Only archived</option>
        </select>
      </div>
      <div className={field}>
        <label htmlFor="scan" className={labelClass}>
          Scan state
        </label>
        <select id="scan" name="scan" defaultValue={query.scanState} className={control}>
          <option value="any">Any</option>
          <option value="failed">Latest scan failed</option>
          <option value="active">Scanning now</option>
          <option value="never">Never scanned</option>
        </select>
      </div>
      <div className={field}>
        <label htmlFor="sort" className={labelClass}>
          Sort by
        </label>
        <select id="sort" name="sort" defaultValue={query.sort} className={control}>
          {[...SORTS, ...factorSorts].map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className={field}>
        <label htmlFor="per_page" className={labelClass}>
          Rows per page
        </label>
        <select id="per_page" name="per_page" defaultValue={String(query.pageSize)} className={control}>
          {pageSizes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <div className="col-span-2 flex items-center gap-3 sm:col-span-1">
        <button type="submit" className="rounded-md bg-sky-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
          Apply
        </button>
        {showReset && (
          <Link href={`/orgs/${orgId}#repositories`} className="text-sm underline">
            Reset
          </Link>
        )}
      </div>
    </form>
  );
}
