// /settings/notifications — the signed-in user's weekly email report per org: weekly or off, with the
// default shown (on for org admins, off for other members). In demo mode there is nobody to email.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageViewer } from "@/app/_lib/viewer";
import { visibleOrgIds } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { listOrgSummaries } from "@/lib/db/scorecard";
import { listEmailPreferences } from "@/lib/db/subscriptions";
import { describeSchedule } from "@/lib/email/schedule";
import { loadEnv } from "@/lib/env";
import { saveEmailPreference } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Email preferences" };

const LABEL = { WEEKLY: "Weekly", OFF: "Off" } as const;

export default async function NotificationsPage() {
  const viewer = await requirePageViewer();
  const env = loadEnv();
  const schedule = describeSchedule(env.REPORT_CRON, env.REPORT_TZ);

  if (viewer.kind !== "user") {
    const orgs = await listOrgSummaries(visibleOrgIds(viewer));
    return (
      <div className="max-w-3xl space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Email preferences</h1>
        <p role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100">
          Sign in to manage email. Weekly reports go to signed-in members: on by default for org admins, off for other members.
        </p>
        {orgs.length ? (
          <section aria-labelledby="previews">
            <h2 id="previews" className="text-lg font-semibold">
              Preview the weekly report
            </h2>
            <ul className="mt-2 list-disc pl-6">
              {orgs.map((o) => (
                <li key={o.id}>
                  <Link className="underline" href={`/orgs/${encodeURIComponent(o.id)}/email-preview`}>
                    {o.name}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    );
  }

  const prefs = await listEmailPreferences(db(), viewer.userId, visibleOrgIds(viewer));
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Email preferences</h1>
      <p className="text-slate-700 dark:text-slate-300">
        A weekly report per organization: grade and score with the change since last week, regressions, new high and critical findings and the three most
        valuable fixes. It goes out {schedule}.
      </p>
      {prefs.length === 0 ? (
        <p role="status">You are not a member of any organization here yet.</p>
      ) : (
        <ul aria-label="Weekly report per organization" className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {prefs.map((p) => (
            <li key={p.orgId} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <div>
                <h2 className="font-medium">{p.orgName}</h2>
                <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="email-frequency">
                  {LABEL[p.effective]}
                  {p.chosen === null ? ` (default for ${p.role === "ADMIN" ? "admins" : "members"})` : ` (your choice; default ${LABEL[p.defaultFrequency].toLowerCase()})`}
                  {p.unsubscribedAt && p.effective === "OFF" ? ` · unsubscribed ${p.unsubscribedAt.toISOString().slice(0, 10)}` : ""}
                </p>
                <p className="mt-1 text-sm">
                  <Link className="underline" href={`/orgs/${encodeURIComponent(p.orgId)}/email-preview`}>
                    Preview next week&rsquo;s email for {p.orgName}
                  </Link>
                </p>
              </div>
              <form action={saveEmailPreference} className="flex items-center gap-2">
                <input type="hidden" name="orgId" value={p.orgId} />
                <input type="hidden" name="frequency" value={p.effective === "WEEKLY" ? "OFF" : "WEEKLY"} />
                <button
                  type="submit"
                  className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-sky-500 dark:border-slate-600 dark:hover:bg-slate-800"
                >
                  {p.effective === "WEEKLY" ? `Turn off for ${p.orgName}` : `Send me the weekly report for ${p.orgName}`}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
