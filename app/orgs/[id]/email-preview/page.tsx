// /orgs/:id/email-preview — next week's digest email for this org, as it would go out now: the HTML
// part in a sandboxed iframe (no scripts, no navigation) and the plain-text part.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrgPage } from "@/app/_lib/viewer";
import { db } from "@/lib/db/client";
import { renderDigestPreview } from "@/lib/email/preview-digest";
import { fmtWeek } from "@/lib/email/format";
import { describeSchedule } from "@/lib/email/schedule";
import { loadEnv } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Email preview" };

type Props = { params: Promise<{ id: string }> };

export default async function EmailPreviewPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireOrgPage(id);
  const name = viewer.kind === "user" ? (viewer.name ?? viewer.login) : null;
  const preview = await renderDigestPreview(db(), loadEnv(), id, name);
  if (!preview) notFound();
  const env = loadEnv();

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <Link className="underline" href={`/orgs/${encodeURIComponent(id)}`}>
            Back to the scorecard
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Weekly email preview</h1>
        <p className="mt-2 max-w-3xl text-slate-700 dark:text-slate-300">
          The report as it would go out now ({fmtWeek(preview.week)}), {viewer.kind === "user" ? "addressed to you" : "as an org admin gets it"}. The numbers keep
          changing until it is sent ({describeSchedule(env.REPORT_CRON, env.REPORT_TZ)}). {env.SMTP_URL ? null : "Email is not configured here (SMTP_URL is unset), so nothing is sent."}{" "}
          <Link className="underline" href="/settings/notifications">
            Email preferences
          </Link>
        </p>
      </div>

      <dl className="grid max-w-3xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium text-slate-600 dark:text-slate-400">From</dt>
        <dd>{env.EMAIL_FROM}</dd>
        <dt className="font-medium text-slate-600 dark:text-slate-400">Subject</dt>
        <dd data-testid="email-subject">{preview.subject}</dd>
      </dl>

      <section aria-labelledby="html-part">
        <h2 id="html-part" className="mb-2 text-lg font-semibold">
          HTML part
        </h2>
        <iframe
          title={`Weekly email preview (HTML) for ${preview.subject}`}
          sandbox=""
          srcDoc={preview.html}
          className="h-[1700px] w-full max-w-[680px] rounded-lg border border-slate-200 bg-white dark:border-slate-700"
        />
      </section>

      <section aria-labelledby="text-part">
        <h2 id="text-part" className="mb-2 text-lg font-semibold">
          Plain-text part
        </h2>
        <pre
          data-testid="email-text"
          tabIndex={0}
          className="max-w-3xl overflow-x-auto rounded-lg border border-slate-200 bg-white p-4 text-xs leading-5 text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          {preview.text}
        </pre>
      </section>
    </div>
  );
}
