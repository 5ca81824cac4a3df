import { describe, expect, it } from "vitest";
import { family, overlaps, parseRange, parseVersion } from "./version-range.ts";

const allows = (range: string, line: string, precision?: number) => overlaps(parseRange(range)!, [family(line, precision)!]);

describe("version-range", () => {
  it("parses versions with precision", () => {
    expect(parseVersion("v20.11.1")).toEqual({ v: [20, 11, 1], precision: 3 });
    expect(parseVersion("3.12")).toEqual({ v: [3, 12, 0], precision: 2 });
    expect(parseVersion("lts/iron")).toBeNull();
  });
  it("npm ranges", () => {
    expect(allows(">=18", "22")).toBe(true);
    expect(allows("^20.11", "20")).toBe(true);
    expect(allows("^20.11", "22")).toBe(false);
    expect(allows("18.x || 20.x", "20.11.1", 1)).toBe(true);
    expect(allows("18.x || 20.x", "22", 1)).toBe(false);
    expect(allows(">= 18 < 21", "22")).toBe(false);
    expect(allows("16 - 18", "18")).toBe(true);
    expect(allows("~18.2", "18.3", 2)).toBe(false);
  });
  it("PEP 440 / Poetry / Ruby", () => {
    expect(allows(">=3.10,<3.13", "3.12", 2)).toBe(true);
    expect(allows(">=3.10,<3.12", "3.12", 2)).toBe(false);
    expect(allows("~=3.11", "3.13", 2)).toBe(true);
    expect(allows("~=3.11.2", "3.12", 2)).toBe(false);
    expect(allows("==3.11.*", "3.11", 2)).toBe(true);
    expect(allows("^3.11", "3.12", 2)).toBe(true);
    expect(allows("~> 3.2", "3.3", 2)).toBe(true);
    expect(allows("~> 3.2.0", "3.3", 2)).toBe(false);
  });
});
