import { apiRoute } from "@/app/api/_lib/api-route";
import { viewerForHeaders } from "@/lib/auth/request-viewer";
import { isAdmin } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { loadEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { loadGitHubConfig } from "@/lib/github/config";
import { recordInstallation } from "@/lib/github/installations";
import { producerBoss } from "@/lib/queue/producer";

export const dynamic = "force-dynamic";

/**
 * GitHub's setup redirect after the app was installed (or its repositories changed):
 * `?installation_id=…&setup_action=install|update`. The installation is read back with the app JWT,
 * so only a real installation of this app is recorded; its org is upserted and its sync queued. Safe
 * for anyone to trigger (it only records what GitHub confirms, like the installation webhook does):
 * an id GitHub does not confirm for this app stores nothing. Admins are sent back to /admin/github with
 * the outcome; anyone else to / (learning nothing about the installation).
 */
export const GET = apiRoute(async (req, _params, ctx) => {
  const url = new URL(req.url);
  const raw = url.searchParams.get("installation_id") ?? "";
  const installationId = /^[0-9]{1,18}$/.test(raw) ? Number(raw) : NaN;
  const env = loadEnv();
  const admin = isAdmin(await viewerForHeaders(db(), env, req.headers));
  const appUrl = (env.APP_URL ?? url.origin).replace(/\/+$/, "") + "/";
  // Not Response.redirect: its headers are immutable and apiRoute adds x-request-id.
  const done = (query: string) =>
    new Response(null, { status: 303, headers: { location: new URL(admin ? `/admin/github?${query}` : "/", appUrl).href, "cache-control": "no-store" } });
  if (!Number.isSafeInteger(installationId) || installationId <= 0) return done("error=installation");
  const config = await loadGitHubConfig(db(), env);
  if (!config) return done("error=config");
  try {
    const { org, syncQueued } = await recordInstallation(db(), await producerBoss(), config, installationId);
    Object.assign(ctx.logFields, { installationId, orgId: org.id, syncQueued });
    return done(`installed=${encodeURIComponent(org.login)}`);
  } catch (err) {
    if (isAppError(err) && (err.code === "NOT_FOUND" || err.code === "FORBIDDEN")) {
      ctx.logFields.refused = err.message;
      return done("error=installation");
    }
    throw err;
  }
});
