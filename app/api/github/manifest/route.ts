import { cookies } from "next/headers";
import { apiRoute } from "@/app/api/_lib/api-route";
import { currentViewer } from "@/app/_lib/viewer";
import { isAdmin } from "@/lib/auth/viewer";
import { loadEnv } from "@/lib/env";
import { buildManifest, manifestPostUrl, MANIFEST_STATE_COOKIE, newManifestState } from "@/lib/github/manifest";

export const dynamic = "force-dynamic";

const ORG_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * Starts the App Manifest flow: remembers a random state in a short-lived cookie and hands the
 * browser a form that POSTs the manifest to GitHub (GitHub only accepts it from the browser).
 */
export const POST = apiRoute(async (req) => {
  if (!isAdmin(await currentViewer())) return Response.json({ error: "admins only" }, { status: 403 });
  const env = loadEnv();
  const form = await req.formData();
  const org = String(form.get("org") ?? "").trim();
  if (org && !ORG_LOGIN.test(org)) return Response.json({ error: "invalid organization login" }, { status: 422 });
  const appUrl = env.APP_URL ?? new URL(req.url).origin;
  const name = String(form.get("name") ?? "").trim() || "twelvefactor";
  const manifest = buildManifest(appUrl, name);
  const state = newManifestState();
  (await cookies()).set(MANIFEST_STATE_COOKIE, state, {
    httpOnly: true,
    sameSite: "lax",
    secure: appUrl.startsWith("https://"),
    path: "/api/github/manifest",
    maxAge: 15 * 60,
  });
  const action = manifestPostUrl(env.GITHUB_URL, state, org || null);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Create GitHub App</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem">
<form id="manifest" method="post" action="${escapeHtml(action)}">
<input type="hidden" name="manifest" value="${escapeHtml(JSON.stringify(manifest))}">
<p>Sending the app manifest to GitHub…</p>
<button type="submit">Continue to GitHub</button>
</form>
<script>document.getElementById("manifest").submit()</script>
</body></html>`;
  return new Response(html, { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
});
