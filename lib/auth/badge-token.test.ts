import { describe, expect, it } from "vitest";
import { badgeToken, verifyBadgeToken } from "./badge-token.ts";

const SECRET = "s".repeat(40);

describe("badge tokens", () => {
  it("are 22 base64url characters, stable per (secret, kind, id)", () => {
    const t = badgeToken(SECRET, "repo", "abc");
    expect(t).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(badgeToken(SECRET, "repo", "abc")).toBe(t);
    expect(verifyBadgeToken(SECRET, "repo", "abc", t)).toBe(true);
  });

  it("do not verify for another id, kind or secret, altered or truncated", () => {
    const t = badgeToken(SECRET, "repo", "abc");
    expect(verifyBadgeToken(SECRET, "repo", "abd", t)).toBe(false);
    expect(verifyBadgeToken(SECRET, "org", "abc", t)).toBe(false);
    expect(verifyBadgeToken("t".repeat(40), "repo", "abc", t)).toBe(false);
    expect(verifyBadgeToken(SECRET, "repo", "abc", t.slice(0, 21))).toBe(false);
    expect(verifyBadgeToken(SECRET, "repo", "abc", t + "A")).toBe(false);
    expect(verifyBadgeToken(SECRET, "repo", "abc", "")).toBe(false);
    // every other character in every position, including the last one's unused low bits
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (let i = 0; i < t.length; i++) {
      for (const c of alphabet) {
        if (c === t[i]) continue;
        expect(verifyBadgeToken(SECRET, "repo", "abc", t.slice(0, i) + c + t.slice(i + 1))).toBe(false);
      }
    }
  });
});
