"use client";

import Link from "next/link";
import { useEffect } from "react";

/** Shown when a page fails to load its data (most often: the database is unreachable). */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="rounded-xl border border-dashed border-red-300 bg-red-50 p-6 sm:p-8 dark:border-red-800 dark:bg-red-950/40" role="alert">
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <div className="mt-2 space-y-3 text-sm text-slate-800 dark:text-slate-200">
        <p>
          The dashboard could not read its data. Check that PostgreSQL is reachable (
          <a href="/api/health/ready" className="underline">/api/health/ready</a> reports the reason) and that migrations
          have been applied (<code>npm run db:migrate</code>), then try again.
        </p>
        {error.digest && <p className="text-xs text-slate-600 dark:text-slate-400">Error reference: {error.digest} (search the server logs for it)</p>}
        <div className="flex gap-3">
          <button type="button" onClick={reset} className="rounded-md bg-sky-700 px-4 py-1.5 font-medium text-white hover:bg-sky-800">
            Try again
          </button>
          <Link href="/" className="py-1.5 underline">Back to organizations</Link>
        </div>
      </div>
    </section>
  );
}
