// What makes the web process's response cache (lib/http/response-cache.ts, lib/http/web-front.ts) safe:
// a cached answer may be replayed to any request with the same URL, Host, vary headers and viewer key.
// That holds only while pages and routes choose what to show from those alone, so this checks the code:
// - `next/headers` (headers(), cookies()) is used only by app/_lib/viewer.ts, which resolves the viewer;
// - route handlers read no request header except the ones the cache accounts for.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(p);
  }
  return out;
}

/**
 * Request headers the cache handles itself (If-None-Match → 304, x-request-id set per replay) or keys on
 * (Host, the vary list in lib/http/response-cache.ts, and the session cookie through the viewer key).
 */
const HEADERS_ACCOUNTED_FOR = new Set(["if-none-match", "x-request-id", "accept", "host", "x-forwarded-host", "x-forwarded-proto", "cookie"]);
/** Names passed to some `.get("…")` that are request headers (hyphenated, or one of these). */
const looksLikeHeader = (name: string) => name.includes("-") || ["host", "cookie", "accept", "authorization", "referer", "origin", "range"].includes(name.toLowerCase());

describe("response cache contract", () => {
  const files = sources(path.join(ROOT, "app"));

  it("only app/_lib/viewer.ts reads the request through next/headers", () => {
    const users = files.filter((f) => /^import[^;]*from\s*["']next\/headers["']/m.test(readFileSync(f, "utf8"))).map((f) => path.relative(ROOT, f));
    // badge-section.tsx builds absolute badge URLs from Host / X-Forwarded-Host / X-Forwarded-Proto, which
    // are part of the cache key (checked below with every other header read).
    expect(users.sort()).toEqual(["app/_components/badge-section.tsx", "app/_lib/viewer.ts"]);
  });

  it("route handlers read only request headers the cache accounts for", () => {
    const read: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      if (!/next\/headers|\.headers\b/.test(text)) continue;
      for (const m of text.matchAll(/\.get\(\s*["'`]([^"'`]+)["'`]/g)) {
        if (looksLikeHeader(m[1]!) && !HEADERS_ACCOUNTED_FOR.has(m[1]!.toLowerCase())) read.push(`${path.relative(ROOT, f)}: ${m[1]}`);
      }
    }
    // Routes outside the cache's allow-list may read anything; list them here with the reason.
    const allowed = read.filter((r) => !/^app\/api\/(github|auth|unsubscribe|repos|orgs|health)\//.test(r));
    expect(allowed).toEqual([]);
  });
});
