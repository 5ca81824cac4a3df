import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { commitFiles, createWorkRepo, makeTempDir } from "../git/testing/make-repo.ts";
import { localRepoDir, readFileAtCommit, safeRepoPath } from "./read-file-at-commit.ts";

let root: string;
let dir: string;
let first: string;
let second: string;

beforeAll(() => {
  root = makeTempDir("tf-view-");
  dir = path.join(root, "app");
  first = createWorkRepo(dir, { "src/server.js": "line 1\nline 2\nsecret = 1\n", "img.bin": Buffer.from([0, 1, 2, 3]) });
  second = commitFiles(dir, { "src/server.js": "changed\n", "big.txt": "x".repeat(1024 * 1024 + 10), link: { symlink: "/etc/passwd" } }, "second");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
};

describe("safeRepoPath", () => {
  it("accepts plain relative paths and refuses traversal, absolute paths, options and .git", () => {
    expect(safeRepoPath("src/a.ts")).toBe("src/a.ts");
    for (const bad of ["../etc/passwd", "src/../../x", "/etc/passwd", "-x", "a//b", "./a", ".git/config", "a\\b", "a\0b", ""]) {
      expect(safeRepoPath(bad), bad).toBeNull();
    }
  });
});

describe("localRepoDir", () => {
  it("stays inside the org directory", () => {
    expect(localRepoDir("/srv/git", "app")).toBe("/srv/git/app");
    expect(() => localRepoDir("/srv/git", "../etc")).toThrow(AppError);
    expect(() => localRepoDir("/srv/git", "a/b")).toThrow(AppError);
  });
});

describe("readFileAtCommit", () => {
  it("shows the file as it was at the scanned commit, not the current one", async () => {
    expect(await readFileAtCommit(dir, first, "src/server.js")).toEqual({ kind: "text", text: "line 1\nline 2\nsecret = 1\n", bytes: 25 });
    expect(await readFileAtCommit(dir, second, "src/server.js")).toMatchObject({ kind: "text", text: "changed\n" });
  });

  it("refuses files not in that commit's tree, directories, malformed input and unknown commits", async () => {
    expect(await code(readFileAtCommit(dir, first, "big.txt"))).toBe("NOT_FOUND");
    expect(await code(readFileAtCommit(dir, first, "src"))).toBe("NOT_FOUND");
    expect(await code(readFileAtCommit(dir, first, "../app/src/server.js"))).toBe("VALIDATION");
    expect(await code(readFileAtCommit(dir, "HEAD", "src/server.js"))).toBe("VALIDATION");
    expect(await code(readFileAtCommit(dir, "f".repeat(40), "src/server.js"))).toBe("NOT_FOUND");
  });

  it("caps the size, detects binary files and never follows symlinks", async () => {
    expect(await readFileAtCommit(dir, second, "big.txt")).toEqual({ kind: "too-large", bytes: 1024 * 1024 + 10 });
    expect(await readFileAtCommit(dir, first, "img.bin")).toEqual({ kind: "binary", bytes: 4 });
    expect(await readFileAtCommit(dir, second, "link")).toMatchObject({ kind: "binary" });
  });
});
