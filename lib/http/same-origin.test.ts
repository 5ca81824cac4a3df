import { describe, expect, it } from "vitest";
import { crossSiteReason } from "./same-origin.ts";

const post = (headers: Record<string, string>, url = "http://127.0.0.1:3000/api/repos/x/rescan") =>
  new Request(url, { method: "POST", headers });

describe("crossSiteReason", () => {
  it("accepts same-origin browser requests", () => {
    expect(crossSiteReason(post({ "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" }))).toBeNull();
    expect(crossSiteReason(post({ origin: "http://127.0.0.1:3000" }))).toBeNull();
  });

  it("accepts requests without browser headers (not a page, so no ambient cookies to abuse)", () => {
    expect(crossSiteReason(post({}))).toBeNull();
  });

  it("refuses cross-site and same-site-but-other-origin requests", () => {
    expect(crossSiteReason(post({ "sec-fetch-site": "cross-site", origin: "https://evil.example" }))).toMatch(/cross-site/);
    expect(crossSiteReason(post({ "sec-fetch-site": "same-site" }))).toMatch(/same-site/);
    expect(crossSiteReason(post({ origin: "https://evil.example" }))).toMatch(/evil/);
    expect(crossSiteReason(post({ origin: "null" }))).toMatch(/null/);
  });

  it("accepts the public origin behind a proxy (APP_URL or Host header)", () => {
    const behindProxy = post({ origin: "https://tf.example.com", host: "tf.example.com", "x-forwarded-proto": "https" }, "http://10.0.0.5:3000/x");
    expect(crossSiteReason(behindProxy)).toBeNull();
    expect(crossSiteReason(post({ origin: "https://dash.example.com" }, "http://10.0.0.5:3000/x"), ["https://dash.example.com/"])).toBeNull();
    expect(crossSiteReason(post({ origin: "https://other.example.com" }, "http://10.0.0.5:3000/x"), ["https://dash.example.com/"])).not.toBeNull();
  });
});
