import { apiRoute } from "@/app/api/_lib/api-route";
import { secureCookies } from "@/lib/auth/cookies";
import { viewerForHeaders } from "@/lib/auth/request-viewer";
import { isAdmin } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { loadEnv } from "@/lib/env";
import { buildManifest, manifestPostUrl, manifestStateCookie, MANIFEST_STATE_MAX_AGE_SECONDS, newManifestState } from "@/lib/github/manifest";

export const dynamic = "force-dynamic";

const ORG_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * Starts the App Manifest flow (admins only): remembers a random state in a short-lived cookie and
 * hands the browser a form that POSTs the manifest to GitHub (GitHub only accepts it from the browser).
 * The viewer comes from the request's own headers (session cookie / Host), like every API route.
 */
export const POST = apiRoute(async (req, _params, ctx) => {
  const env = loadEnv();
  if (!isAdmin(await viewerForHeaders(db(), env, req.headers))) {
    ctx.logFields.refused = "not an admin";
    return Response.json({ error: "admins only" }, { status: 403 });
  }
  const form = await req.formData();
  const org = String(form.get("org") ?? "").trim();
  if (org && !ORG_LOGIN.test(org)) return Response.json({ error: "invalid organization login" }, { status: 422 });
  const appUrl = (env.APP_URL ?? new URL(req.url).origin).replace(/\/+$/, "");
  const name = String(form.get("name") ?? "").trim() || "twelvefactor";
  const manifest = buildManifest(appUrl, name);
  const state = newManifestState();
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
  const headers = new Headers({ "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  headers.append("set-cookie", manifestStateCookie(state, { secure: secureCookies(appUrl), maxAgeSeconds: MANIFEST_STATE_MAX_AGE_SECONDS }));
  return new Response(html, { status: 200, headers });
});
