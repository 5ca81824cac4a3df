// "Badge" section of the repository and org pages: a preview and the Markdown to paste into a README.
// With SESSION_SECRET set, the URL carries the badge's token (lib/auth/badge-token.ts) so it shows
// without a session, e.g. through GitHub's image proxy; without it badges stay viewer-only and the
// section says why. Only rendered on pages the viewer may see, so a token is only handed to them.
import { headers } from "next/headers";
import { badgeToken, type BadgeKind } from "@/lib/auth/badge-token";
import { loadEnv } from "@/lib/env";
import { Code } from "./empty-state";
import { CopyField } from "./copy-field";

/** APP_URL, or the origin this request was addressed to. */
async function dashboardOrigin(): Promise<string> {
  const env = loadEnv();
  if (env.APP_URL) return env.APP_URL.replace(/\/+$/, "");
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost"}`;
}

export async function BadgeSection({ kind, id }: { kind: BadgeKind; id: string }) {
  const secret = loadEnv().SESSION_SECRET;
  const origin = await dashboardOrigin();
  const path = `/api/badges/${kind === "repo" ? "repos" : "orgs"}/${id}.svg`;
  const page = `${origin}/${kind === "repo" ? "repos" : "orgs"}/${id}`;
  const imageUrl = secret ? `${origin}${path}?token=${badgeToken(secret, kind, id)}` : `${origin}${path}`;
  const markdown = `[![twelve-factor](${imageUrl})](${page})`;
  const what = kind === "repo" ? "this repository's" : "this organization's";

  return (
    <section aria-labelledby="badge-heading" className="mt-10" data-testid="badge-section">
      <h2 id="badge-heading" className="mb-2 text-xl font-semibold">
        Badge
      </h2>
      <div className="max-w-2xl space-y-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        {/* Viewer-only URL for the preview: this page's viewer may see it either way. */}
        {/* eslint-disable-next-line @next/next/no-img-element -- an SVG from our own API */}
        <img src={path} alt={kind === "repo" ? "twelve-factor badge of this repository" : "twelve-factor badge of this organization"} height={20} className="h-5 w-auto" />
        {secret ? (
          <>
            <CopyField label="Markdown for a README" value={markdown} testId="badge-markdown" />
            <p className="text-xs text-slate-600 dark:text-slate-400">
              The link carries a token that shows {what} grade and score to anyone who has the link (GitHub shows
              README images through a proxy that is not signed in); it reveals nothing else. Changing the
              server&apos;s <Code>SESSION_SECRET</Code> invalidates it.
            </p>
          </>
        ) : (
          <>
            <CopyField label="Markdown (signed-in viewers only)" value={markdown} testId="badge-markdown" />
            <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="badge-viewer-only">
              This badge shows only to people who are signed in to this dashboard, so it will not render in a README
              on GitHub. To get a badge link that works anywhere, set <Code>SESSION_SECRET</Code> (at least 32
              characters) on the server: badge links are signed with it.
            </p>
          </>
        )}
      </div>
    </section>
  );
}
