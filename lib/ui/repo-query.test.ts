import { describe, expect, it } from "vitest";
import { hasRepoFilters, parseRepoQuery, repoQueryString } from "./repo-query.ts";

describe("repo query parameters", () => {
  it("parses filters, sort and paging, dropping invalid values", () => {
    const q = parseRepoQuery(new URLSearchParams("q=+pay+&factor=3&status=fail&sort=factor-3&page=2&per_page=25&archived=exclude&scan=failed&language=Go"));
    expect(q).toEqual({
      search: "pay",
      language: "Go",
      kind: undefined,
      topic: undefined,
      archived: "exclude",
      factor: 3,
      factorStatus: "FAIL",
      scanState: "failed",
      sort: "factor-3",
      page: 2,
      pageSize: 25,
    });
    const bad = parseRepoQuery({ factor: "13", status: "meh", sort: "factor-13", page: "-1", per_page: "100000", archived: "x" });
    expect(bad).toMatchObject({ factor: undefined, factorStatus: undefined, sort: "name", page: 1, pageSize: 50, archived: "any" });
    expect(hasRepoFilters(bad)).toBe(false);
    expect(hasRepoFilters(q)).toBe(true);
  });

  it("round-trips through the query string, leaving defaults out", () => {
    const q = parseRepoQuery({ q: "a b", factor: "2", status: "partial", page: "3" });
    const s = repoQueryString(q);
    expect(s).toBe("?q=a+b&factor=2&status=partial&page=3");
    expect(parseRepoQuery(new URLSearchParams(s.slice(1)))).toEqual(q);
    expect(repoQueryString(q, { page: 1, search: undefined })).toBe("?factor=2&status=partial");
  });
});
