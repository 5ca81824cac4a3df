import { describe, expect, it } from "vitest";
import { formatDateTime, formatLocation, formatRelativeTime, formatScore, initials, pluralize, shortSha } from "./format.ts";

describe("format helpers", () => {
  it("rounds scores and shows a dash for none", () => {
    expect(formatScore(41.6)).toBe("42");
    expect(formatScore(0)).toBe("0");
    expect(formatScore(null)).toBe("–");
    expect(formatScore(undefined)).toBe("–");
  });

  it("formats relative times", () => {
    const now = new Date("2026-11-26T12:00:00Z");
    expect(formatRelativeTime(new Date("2026-11-26T11:59:30Z"), now)).toBe("just now");
    expect(formatRelativeTime(new Date("2026-11-26T11:55:00Z"), now)).toBe("5 minutes ago");
    expect(formatRelativeTime(new Date("2026-11-26T09:00:00Z"), now)).toBe("3 hours ago");
    expect(formatRelativeTime(new Date("2026-11-25T12:00:00Z"), now)).toBe("yesterday");
    expect(formatRelativeTime(new Date("2026-11-12T12:00:00Z"), now)).toBe("2 weeks ago");
  });

  it("formats absolute times in UTC", () => {
    expect(formatDateTime(new Date("2027-03-31T00:00:00Z"))).toBe("31 Mar 2027, 00:00 UTC");
  });

  it("formats locations, shas and counts", () => {
    expect(formatLocation("src/a.ts", 41)).toBe("src/a.ts:41");
    expect(formatLocation("Dockerfile", null)).toBe("Dockerfile");
    expect(formatLocation(null, 3)).toBeNull();
    expect(shortSha("0123456789abcdef")).toBe("0123456");
    expect(shortSha(null)).toBeNull();
    expect(pluralize(1, "repository", "repositories")).toBe("1 repository");
    expect(pluralize(2, "scan")).toBe("2 scans");
  });

  it("avatar initials: first and last word of the name, else the login's first letter", () => {
    expect(initials("Alice Example", "alice")).toBe("AE");
    expect(initials("Ada M. Lovelace", "ada")).toBe("AL");
    expect(initials("  grace  ", "gh")).toBe("G");
    expect(initials("Ægir ørsted", "x")).toBe("ÆØ");
    expect(initials("𝒜lpha Beta", "x")).toBe("𝒜B"); // a whole code point, not half a surrogate pair
    expect(initials("(bot) 🤖", "-dependabot")).toBe("D");
    expect(initials(null, "octocat")).toBe("O");
    expect(initials("", "42-bot")).toBe("4");
    expect(initials(null, "--")).toBe("?");
  });
});
