import { describe, expect, it } from "vitest";
import { GRADE_COLORS, GREY, notFoundBadge, renderBadge, scoreBadge, textWidth } from "./badge.ts";

describe("badges", () => {
  it("measures Verdana 11px text (shields' reference widths)", () => {
    expect(Math.round(textWidth("build") + 10)).toBe(37); // shields.io draws "build" in a 37 px label
    expect(textWidth("iii")).toBeLessThan(textWidth("WWW"));
    expect(textWidth("")).toBe(0);
  });

  it("sizes the two halves from the text and escapes it", () => {
    const svg = renderBadge("a<b", "x&y", "#123456");
    expect(svg).toContain("a&lt;b");
    expect(svg).toContain("x&amp;y");
    expect(svg).not.toContain("a<b");
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(width).toBe(Math.round(textWidth("a<b") + 10) + Math.round(textWidth("x&y") + 10));
    expect(svg).toContain('fill="#123456"');
  });

  it("colours by grade and says when there is no score", () => {
    expect(scoreBadge("B", 84.4)).toContain("B · 84");
    expect(scoreBadge("B", 84.4)).toContain(GRADE_COLORS.B);
    expect(scoreBadge(null, 91)).toContain("A · 91"); // grade derived from the score (org badges)
    expect(scoreBadge(null, null)).toContain("not scored");
    expect(notFoundBadge()).toContain("not found");
    expect(notFoundBadge()).toContain(GREY);
  });
});
