// POST /api/unsubscribe?token=… : one-click unsubscribe. Mail clients POST the RFC 8058 body
// "List-Unsubscribe=One-Click" to the List-Unsubscribe URL; the /unsubscribe page's confirm button
// posts a form with the token. No login: the HMAC-signed token is the authorization. A token that
// does not verify is refused (400); a second use answers "already-unsubscribed". GET does nothing
// here (link scanners prefetch GETs); the page at /unsubscribe asks for confirmation.
import { apiRoute, noStoreJson } from "@/app/api/_lib/api-route";
import { db } from "@/lib/db/client";
import { unsubscribeWithToken } from "@/lib/email/unsubscribe";
import { loadEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

export const POST = apiRoute<Record<string, never>>(async (req, _params, ctx) => {
  const url = new URL(req.url);
  let token = url.searchParams.get("token");
  let fromPage = false;
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
    const form = await req.formData();
    const field = form.get("token");
    if (typeof field === "string" && field) token = field;
    fromPage = form.get("confirm") === "1";
  }
  const result = await unsubscribeWithToken(db(), loadEnv().SESSION_SECRET, token);
  ctx.logFields.unsubscribe = result.status;
  if (fromPage) {
    // Post/redirect/get back to the page, which shows the outcome.
    const to = new URL("/unsubscribe", url);
    if (token) to.searchParams.set("token", token);
    to.searchParams.set("result", result.status);
    return new Response(null, { status: 303, headers: { location: to.pathname + to.search, "cache-control": "no-store" } });
  }
  if (result.status === "invalid") return noStoreJson({ error: "invalid or altered unsubscribe link" }, 400);
  return noStoreJson({ status: result.status, org: result.orgName });
});
