import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentViewer } from "@/app/_lib/viewer";
import { safeReturnPath } from "@/lib/auth/oauth-state";
import { Code, EmptyState } from "../_components/empty-state";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  denied: "GitHub did not authorize the sign-in. Nothing was signed in.",
  rejected: "GitHub rejected the sign-in code (it may have been used already or expired). Please try again.",
  github: "GitHub could not be reached to finish the sign-in. Please try again in a moment.",
  "not-configured": "Sign-in is not available: no GitHub App is configured.",
  "no-session-secret": "Sign-in is not available: SESSION_SECRET is not set on the server.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const viewer = await currentViewer();
  const returnTo = safeReturnPath(one("returnTo"));
  if (viewer.kind === "user") redirect(returnTo);

  if (viewer.kind === "demo") {
    return (
      <div className="mx-auto max-w-xl">
        <EmptyState title="Demo mode: no sign-in needed">
          <p>
            No GitHub App is configured, so this dashboard runs in demo mode: everyone on this machine sees every
            organization without signing in. Demo mode answers only on <Code>localhost</Code>.
          </p>
          <p>
            To sign in with GitHub and limit each user to their organizations, configure a GitHub App (see the README,
            &ldquo;Sign-in and access&rdquo;). <Link href="/" className="underline">See the organizations</Link>.
          </p>
        </EmptyState>
      </div>
    );
  }

  if (viewer.reason === "demo-not-local") {
    return (
      <div className="mx-auto max-w-xl">
        <EmptyState title="Demo mode is only available on localhost" tone="error">
          <p>
            This dashboard has no GitHub App configured, so it runs in demo mode, which shows every organization without
            sign-in and therefore only answers requests to <Code>localhost</Code>.
          </p>
          <p>
            To serve it on this address, configure GitHub (README, &ldquo;Sign-in and access&rdquo;): set the GitHub App
            variables and <Code>SESSION_SECRET</Code>, then sign in with GitHub.
          </p>
        </EmptyState>
      </div>
    );
  }

  const error = one("error");
  const startUrl = `/api/auth/github${returnTo === "/" ? "" : `?returnTo=${encodeURIComponent(returnTo)}`}`;
  return (
    <div className="mx-auto max-w-md">
      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          Sign in with your GitHub account. You will see the organizations where this app is installed and you are a
          member.
        </p>
        {error && (
          <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100">
            {ERRORS[error] ?? "The sign-in did not complete. Please try again."}
          </p>
        )}
        {one("signedOut") && !error && (
          <p role="status" className="mt-4 text-sm text-slate-700 dark:text-slate-300">
            You are signed out.
          </p>
        )}
        <a
          href={startUrl}
          className="mt-6 inline-flex w-full items-center justify-center gap-2 rounded-md bg-slate-900 px-4 py-2.5 text-sm font-semibold text-white no-underline hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-white"
        >
          <GitHubMark />
          Sign in with GitHub
        </a>
        <p className="mt-4 text-xs text-slate-600 dark:text-slate-400">
          Without a GitHub App configured, the dashboard runs in demo mode on localhost and needs no sign-in.
        </p>
      </section>
    </div>
  );
}

function GitHubMark() {
  return (
    <svg aria-hidden="true" width="18" height="18" viewBox="0 0 16 16" fill="currentColor">
      <path d="M8 0C3.58 0 0 3.58 0 8c0 3.54 2.29 6.53 5.47 7.59.4.07.55-.17.55-.38 0-.19-.01-.82-.01-1.49-2.01.37-2.53-.49-2.69-.94-.09-.23-.48-.94-.82-1.13-.28-.15-.68-.52-.01-.53.63-.01 1.08.58 1.23.82.72 1.21 1.87.87 2.33.66.07-.52.28-.87.51-1.07-1.78-.2-3.64-.89-3.64-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82.64-.18 1.32-.27 2-.27.68 0 1.36.09 2 .27 1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48 0 1.07-.01 1.93-.01 2.2 0 .21.15.46.55.38A8.013 8.013 0 0016 8c0-4.42-3.58-8-8-8z" />
    </svg>
  );
}
