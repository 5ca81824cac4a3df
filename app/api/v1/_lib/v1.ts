// Shared plumbing of the read-only JSON API (/api/v1): who is asking, conditional responses, paging.
// Authorization is the pages' own: anonymous → 401, an org (or a repo/scan of an org) the viewer may
// not see → 404, exactly like a missing one, so ids do not leak.
import { createHash } from "node:crypto";
import type { ApiContext } from "@/app/api/_lib/api-route";
import { guardRead } from "@/app/api/_lib/guard";
import type { OrgScope } from "@/lib/db/scorecard";

export const API_VERSION = "v1";

/** The viewer's org scope, or the 401 response to return (app/api/_lib/guard.ts, with the API's own 401 body). */
export async function apiScope(req: Request, ctx: ApiContext): Promise<{ scope: OrgScope; error?: undefined } | { scope?: undefined; error: Response }> {
  const guard = await guardRead(req, ctx, unauthenticated);
  return "refuse" in guard ? { error: guard.refuse } : { scope: guard.scope };
}

function unauthenticated(): Response {
  return Response.json(
    { error: "unauthenticated", hint: "sign in to the dashboard; the API uses the same session" },
    { status: 401, headers: { "cache-control": "no-store" } },
  );
}

export function notFound(what: string): Response {
  return Response.json({ error: `${what} not found` }, { status: 404, headers: { "cache-control": "no-store" } });
}

/**
 * JSON with a strong ETag over the body; answers 304 when the client already has it. Private (the answer
 * depends on who asks) and revalidated on every use.
 */
export function jsonWithEtag(req: Request, body: unknown | (() => unknown), memo?: { key: object; variant: string }): Response {
  const { text, etag } = memo ? serializeMemo(memo.key, memo.variant, body) : serialize(typeof body === "function" ? body() : body);
  const headers = { etag, "cache-control": "private, no-cache", vary: "Cookie" };
  const match = req.headers.get("if-none-match");
  if (match && match.split(",").some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(text, { status: 200, headers: { ...headers, "content-type": "application/json; charset=utf-8" } });
}

function serialize(body: unknown): { text: string; etag: string } {
  const text = JSON.stringify(body);
  return { text, etag: `"${createHash("sha1").update(text).digest("base64url")}"` };
}

/**
 * Serialised bodies of a shared (cached, read-only) query result, per variant (the request URL): while
 * lib/db hands out the same result object, the JSON text and its ETag are computed once.
 */
const serialized = new WeakMap<object, Map<string, { text: string; etag: string }>>();

function serializeMemo(key: object, variant: string, body: unknown): { text: string; etag: string } {
  let byVariant = serialized.get(key);
  if (!byVariant) serialized.set(key, (byVariant = new Map()));
  let hit = byVariant.get(variant);
  if (!hit) {
    hit = serialize(typeof body === "function" ? body() : body);
    if (byVariant.size < 50) byVariant.set(variant, hit);
  }
  return hit;
}

/** ?page=&per_page= (1-based, at most 200 per page). */
export function pageParams(url: URL): { page: number; pageSize: number } {
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  const pageSize = Number.parseInt(url.searchParams.get("per_page") ?? "50", 10);
  return {
    page: Number.isFinite(page) && page >= 1 ? page : 1,
    pageSize: Number.isFinite(pageSize) && pageSize >= 1 ? Math.min(pageSize, 200) : 50,
  };
}

/** Paging block of every list answer, with the next/previous page URLs. */
export function pagination(url: URL, p: { total: number; page: number; pageSize: number; pageCount: number }) {
  const link = (page: number) => {
    const u = new URL(url.pathname + url.search, "http://x");
    u.searchParams.set("page", String(page));
    return `${u.pathname}${u.search}`;
  };
  return {
    total: p.total,
    page: p.page,
    perPage: p.pageSize,
    pageCount: p.pageCount,
    next: p.page < p.pageCount ? link(p.page + 1) : null,
    prev: p.page > 1 ? link(Math.min(p.page - 1, p.pageCount)) : null,
  };
}
