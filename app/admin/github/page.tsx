import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { currentViewer } from "@/app/_lib/viewer";
import { isAdmin } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { listInstallationOrgs } from "@/lib/db/github";
import { loadEnv } from "@/lib/env";
import { errorMessage } from "@/lib/errors";
import { loadGitHubConfig, type GitHubConfig } from "@/lib/github/config";
import { appSlug, installUrl } from "@/lib/github/installations";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "GitHub App" };

const MESSAGES: Record<string, { tone: "ok" | "error"; text: string }> = {
  "error=state": { tone: "error", text: "The GitHub App was not stored: the sign-in state did not match. Start again." },
  "error=code": { tone: "error", text: "GitHub did not send back a code. Start again." },
  "error=config": { tone: "error", text: "The app could not be stored: set APP_ENCRYPTION_KEY (and configure a GitHub App) first." },
  "error=github": { tone: "error", text: "GitHub refused the app conversion (the code may have expired). Start again." },
  "error=installation": { tone: "error", text: "That installation could not be confirmed with GitHub." },
};

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function GitHubAdminPage({ searchParams }: { searchParams: Search }) {
  if (!isAdmin(await currentViewer())) notFound();
  const env = loadEnv();
  const params = await searchParams;
  let config: GitHubConfig | null = null;
  let configError: string | null = null;
  try {
    config = await loadGitHubConfig(db(), env);
  } catch (err) {
    configError = errorMessage(err);
  }
  let slug: string | null = config?.slug ?? null;
  if (config && !slug) slug = await appSlug(config).catch(() => null);
  const installations = await listInstallationOrgs(db());

  const notice = Object.entries(params)
    .map(([k, v]) => (k === "created" ? { tone: "ok" as const, text: `GitHub App “${String(v)}” created and stored. Now install it on an organization.` } : k === "installed" ? { tone: "ok" as const, text: `Installed on ${String(v)}; its repositories are being synced.` } : MESSAGES[`${k}=${String(v)}`]))
    .find(Boolean);

  return (
    <div className="max-w-3xl space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">GitHub App</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          twelvefactor reads your organizations through a GitHub App: installations choose the repositories, webhooks trigger scans on push.
        </p>
      </div>

      {notice && (
        <p role="status" className={`rounded-md border px-4 py-3 text-sm ${notice.tone === "ok" ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100" : "border-rose-300 bg-rose-50 text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100"}`}>
          {notice.text}
        </p>
      )}

      <section aria-labelledby="app-status" className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="app-status" className="text-lg font-semibold">Status</h2>
        {configError ? (
          <p className="mt-2 text-sm text-rose-700 dark:text-rose-300">{configError}</p>
        ) : config ? (
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="text-slate-600 dark:text-slate-400">App</dt>
            <dd>{slug ?? `id ${config.appId}`} (id {config.appId})</dd>
            <dt className="text-slate-600 dark:text-slate-400">Configured by</dt>
            <dd>{config.source === "env" ? "environment variables (GITHUB_APP_ID …)" : "this dashboard (stored encrypted in the database)"}</dd>
            <dt className="text-slate-600 dark:text-slate-400">GitHub</dt>
            <dd>{config.webUrl}</dd>
            <dt className="text-slate-600 dark:text-slate-400">Webhooks</dt>
            <dd>{config.webhookSecret ? "signed deliveries accepted" : "no webhook secret: deliveries are refused"}</dd>
            <dt className="text-slate-600 dark:text-slate-400">Sign-in</dt>
            <dd>{config.clientId && config.clientSecret ? "available" : "not configured (no client id/secret)"}</dd>
          </dl>
        ) : (
          <p className="mt-2 text-sm">No GitHub App is configured yet.</p>
        )}
      </section>

      {(!config || config.source === "database") && (
        <section aria-labelledby="create-app" className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="create-app" className="text-lg font-semibold">{config ? "Replace the GitHub App" : "Create the GitHub App"}</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            GitHub creates the app from a manifest with the right permissions and webhooks, then hands its keys back to this dashboard
            {env.APP_ENCRYPTION_KEY ? "" : " (set APP_ENCRYPTION_KEY first: the keys are stored encrypted)"}.
          </p>
          <form method="post" action="/api/github/manifest" className="mt-4 flex flex-wrap items-end gap-3">
            <label className="flex flex-col text-sm">
              <span>Owner organization (leave empty for your personal account)</span>
              <input name="org" pattern="[A-Za-z0-9][A-Za-z0-9-]{0,38}" className="mt-1 rounded-md border border-slate-300 px-3 py-2 dark:border-slate-700 dark:bg-slate-950" />
            </label>
            <label className="flex flex-col text-sm">
              <span>App name</span>
              <input name="name" defaultValue="twelvefactor" maxLength={34} required className="mt-1 rounded-md border border-slate-300 px-3 py-2 dark:border-slate-700 dark:bg-slate-950" />
            </label>
            <button type="submit" className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700">
              Create GitHub App
            </button>
          </form>
        </section>
      )}

      {config && slug && (
        <section aria-labelledby="install" className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="install" className="text-lg font-semibold">Installations</h2>
          <p className="mt-1 text-sm">
            <a href={installUrl(config, slug)} className="font-medium text-sky-700 underline dark:text-sky-400">
              Install on an organization
            </a>{" "}
            <span className="text-slate-600 dark:text-slate-400">(choose the repositories on GitHub; you come back here afterwards).</span>
          </p>
          {installations.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Not installed anywhere yet.</p>
          ) : (
            <table className="mt-4 w-full text-left text-sm">
              <caption className="sr-only">Installations of the GitHub App</caption>
              <thead>
                <tr className="border-b border-slate-200 dark:border-slate-800">
                  <th scope="col" className="py-2 font-medium">Account</th>
                  <th scope="col" className="py-2 font-medium">Type</th>
                  <th scope="col" className="py-2 font-medium">Installation</th>
                  <th scope="col" className="py-2 font-medium">State</th>
                </tr>
              </thead>
              <tbody>
                {installations.map((org) => (
                  <tr key={org.id} className="border-b border-slate-100 dark:border-slate-800">
                    <td className="py-2">
                      {org.deletedAt ? org.login : <Link href={`/orgs/${org.id}`} className="text-sky-700 underline dark:text-sky-400">{org.login}</Link>}
                    </td>
                    <td className="py-2">{org.githubAccountType ?? "—"}</td>
                    <td className="py-2 tabular-nums">{org.githubInstallationId?.toString() ?? "—"}</td>
                    <td className="py-2">{org.deletedAt ? "uninstalled" : org.suspendedAt ? "suspended" : org.lastSyncedAt ? "active" : "syncing"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
