import Link from "next/link";
import type { RepoHeader } from "@/lib/db/repo-report";

const TABS = [
  { key: "report", label: "Report", href: (id: string) => `/repos/${id}` },
  { key: "history", label: "History", href: (id: string) => `/repos/${id}/history` },
  { key: "compare", label: "What changed", href: (id: string) => `/repos/${id}/compare` },
] as const;

/** Breadcrumb and the repository's sub-page tabs (report, history, what changed). */
export function RepoNav({ repo, current, trail }: { repo: RepoHeader; current: (typeof TABS)[number]["key"] | null; trail?: string }) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        <Link href="/" className="underline">Organizations</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={`/orgs/${repo.org.id}`} className="underline">{repo.org.name}</Link> <span aria-hidden="true">/</span>{" "}
        {trail ? (
          <>
            <Link href={`/repos/${repo.id}`} className="underline">{repo.name}</Link> <span aria-hidden="true">/</span>{" "}
            <span aria-current="page">{trail}</span>
          </>
        ) : (
          <span aria-current="page">{repo.name}</span>
        )}
      </nav>
      {current && (
        <nav aria-label="Repository" className="mb-6 border-b border-slate-200 dark:border-slate-800">
          <ul className="-mb-px flex flex-wrap gap-1 text-sm">
            {TABS.map((tab) => (
              <li key={tab.key}>
                <Link
                  href={tab.href(repo.id)}
                  aria-current={tab.key === current ? "page" : undefined}
                  className={`inline-block border-b-2 px-3 py-2 font-medium no-underline ${
                    tab.key === current
                      ? "border-sky-700 text-sky-800 dark:border-sky-400 dark:text-sky-300"
                      : "border-transparent text-slate-700 hover:border-slate-400 dark:text-slate-300"
                  }`}
                >
                  {tab.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}
