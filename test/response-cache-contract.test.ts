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

/** Request headers the cache handles itself (If-None-Match → 304, x-request-id set per replay) or keys on. */
const HEADERS_ACCOUNTED_FOR = new Set(["if-none-match", "x-request-id", "accept", "host", "x-forwarded-host", "cookie"]);

describe("response cache contract", () => {
  const files = sources(path.join(ROOT, "app"));

  it("only app/_lib/viewer.ts reads the request through next/headers", () => {
    const users = files.filter((f) => /^import[^;]*from\s*["']next\/headers["']/m.test(readFileSync(f, "utf8"))).map((f) => path.relative(ROOT, f));
    expect(users).toEqual(["app/_lib/viewer.ts"]);
  });

  it("route handlers read only request headers the cache accounts for", () => {
    const read: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, "utf8").matchAll(/\bheaders\.get\(\s*["'`]([^"'`]+)["'`]/g)) {
        if (!HEADERS_ACCOUNTED_FOR.has(m[1]!.toLowerCase())) read.push(`${path.relative(ROOT, f)}: ${m[1]}`);
      }
    }
    // Routes outside the cache's allow-list may read anything; list them here with the reason.
    const allowed = read.filter((r) => !/^app\/api\/(github|auth|unsubscribe|repos|orgs|health)\//.test(r));
    expect(allowed).toEqual([]);
  });
});
