import Link from "next/link";
import { canSeeOrg } from "@/lib/auth/viewer";
import { listOrgSummaries, type OrgSummary } from "@/lib/db/dashboard";
import { requirePageViewer } from "./_lib/viewer";
import { gradeForScore } from "@/lib/factors";
import { formatScore, pluralize } from "@/lib/ui/format";
import { Code, EmptyState } from "./_components/empty-state";
import { GradeBadge } from "./_components/grade-badge";
import { TimeAgo } from "./_components/time-ago";
import { AutoRefresh } from "./_components/auto-refresh";

export const dynamic = "force-dynamic";

export default async function OrganizationsPage() {
  const viewer = await requirePageViewer();
  const orgs = (await listOrgSummaries()).filter((o) => canSeeOrg(viewer, o.id));
  const scanning = orgs.some((o) => o.activeScanCount > 0);
  return (
    <>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Organizations</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Every repository scored against the twelve factors. Pick an organization to see its scorecard.
          </p>
        </div>
        {scanning && <AutoRefresh label="Scans in progress; this list refreshes itself." />}
      </div>
      {orgs.length === 0 ? (
        <NoOrganizations />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Organizations">
          {orgs.map((org) => (
            <OrgCard key={org.id} org={org} />
          ))}
        </ul>
      )}
    </>
  );
}

function OrgCard({ org }: { org: OrgSummary }) {
  const grade = org.score === null ? null : gradeForScore(org.score);
  return (
    <li className="relative flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition-shadow focus-within:ring-2 focus-within:ring-sky-500 hover:shadow-md dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-start gap-4">
        <GradeBadge grade={grade} score={org.score} size="lg" />
        <div className="min-w-0">
          <h2 className="truncate text-lg font-semibold">
            <Link href={`/orgs/${org.id}`} className="no-underline after:absolute after:inset-0 after:content-[''] hover:underline">
              {org.name}
            </Link>
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {org.sourceKind === "LOCAL" ? "Local source" : "GitHub"} · {org.login}
          </p>
          <p className="mt-1 text-sm">
            Score <span className="font-semibold tabular-nums">{formatScore(org.score)}</span>
            <span className="text-slate-600 dark:text-slate-400"> / 100</span>
          </p>
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
        <div>
          <dt className="text-slate-600 dark:text-slate-400">Repositories</dt>
          <dd className="font-medium tabular-nums">
            {org.repoCount}
            {org.scoredRepoCount < org.repoCount && (
              <span className="font-normal text-slate-600 dark:text-slate-400"> ({org.scoredRepoCount} scored)</span>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-400">Last scan</dt>
          <dd className="font-medium">{org.lastScanAt ? <TimeAgo date={org.lastScanAt} /> : "Never"}</dd>
        </div>
        <div className="col-span-2">
          <dt className="sr-only">Scan status</dt>
          <dd>
            <OrgScanStatus org={org} />
          </dd>
        </div>
      </dl>
    </li>
  );
}

function OrgScanStatus({ org }: { org: OrgSummary }) {
  const parts: React.ReactNode[] = [];
  if (org.activeScanCount > 0) {
    parts.push(
      <span key="active" className="inline-flex items-center gap-1.5 text-sky-800 dark:text-sky-300">
        <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-current" />
        Scanning {pluralize(org.activeScanCount, "repository", "repositories")}
      </span>,
    );
  }
  if (org.failedScanCount > 0) {
    parts.push(
      <span key="failed" className="text-red-800 dark:text-red-300">
        {pluralize(org.failedScanCount, "scan")} failed
      </span>,
    );
  }
  if (parts.length === 0) {
    parts.push(
      org.repoCount === 0 ? (
        <span key="empty" className="text-slate-600 dark:text-slate-400">No repositories yet</span>
      ) : org.scoredRepoCount === 0 ? (
        <span key="none" className="text-slate-600 dark:text-slate-400">Waiting for the first scan</span>
      ) : (
        <span key="ok" className="text-emerald-800 dark:text-emerald-300">All scans up to date</span>
      ),
    );
  }
  return <p className="flex flex-wrap gap-x-3 text-sm font-medium" data-testid="org-scan-status">{parts}</p>;
}

function NoOrganizations() {
  return (
    <EmptyState title="No organizations yet">
      <p>An organization is a GitHub account or a local directory of git repositories. To get started:</p>
      <ul className="list-disc space-y-2 pl-5">
        <li>
          Try the demo: <Code>npm run demo</Code> creates a demo organization from sample repositories and scans it.
        </li>
        <li>
          Point at your own repositories: set <Code>LOCAL_SOURCES=name=/absolute/dir</Code> (comma-separated for
          several) for the worker and scheduler. Each directory of git repositories becomes one organization; the
          next sync lists its repositories and queues their scans.
        </li>
      </ul>
      <AutoRefresh label="Waiting for the first organization; this page refreshes itself." intervalMs={5000} />
    </EmptyState>
  );
}
