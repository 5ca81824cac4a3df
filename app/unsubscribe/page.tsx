// /unsubscribe?token=… : the link in every digest. Looking changes nothing (mail scanners follow
// links); the button posts to /api/unsubscribe, which redirects back here with the result.
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { previewUnsubscribe } from "@/lib/email/unsubscribe";
import { loadEnv } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function UnsubscribePage({ searchParams }: Props) {
  const params = await searchParams;
  const token = one(params.token);
  const result = one(params.result);
  const target = await previewUnsubscribe(db(), loadEnv().SESSION_SECRET, token);
  // The outcome comes from the stored state, not from the query (?result= only picks the wording once
  // the report is off): a report still on always asks for confirmation, one already off needs none.
  const outcome = !target?.alreadyOff ? null : result === "unsubscribed" ? "unsubscribed" : "already-unsubscribed";

  return (
    <section className="mx-auto max-w-lg rounded-xl border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-xl font-semibold">Weekly email report</h1>
      {!target || result === "invalid" ? (
        <p className="mt-3 text-slate-700 dark:text-slate-300" role="alert">
          This unsubscribe link is not valid. It may have been altered or cut off; use the link from the email itself, or{" "}
          <Link className="underline" href="/settings/notifications">
            manage your email preferences
          </Link>{" "}
          after signing in.
        </p>
      ) : outcome ? (
        <div className="mt-3 space-y-2" role="status">
          <p>
            {outcome === "unsubscribed" ? "You are unsubscribed" : "You were already unsubscribed"}: <strong>{target.email ?? target.login}</strong> gets no more weekly
            reports for <strong>{target.orgName}</strong>.
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Changed your mind?{" "}
            <Link className="underline" href="/settings/notifications">
              Turn it back on in your email preferences
            </Link>
            .
          </p>
        </div>
      ) : (
        <form method="post" action="/api/unsubscribe" className="mt-3 space-y-4">
          <p>
            Stop the weekly twelvefactor report for <strong>{target.orgName}</strong> to <strong>{target.email ?? target.login}</strong>?
          </p>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="confirm" value="1" />
          <button type="submit" className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 focus:outline-none focus:ring-2 focus:ring-sky-500 focus:ring-offset-2">
            Unsubscribe
          </button>
        </form>
      )}
    </section>
  );
}
