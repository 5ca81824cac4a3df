// Reads one file of a local source's repository as it was at a scanned commit (the evidence viewer).
// The path comes from a URL, so it is checked twice: its shape (relative, no "..", no NUL) and its
// presence as a blob in `git ls-tree` of that commit. git runs with fixed arguments through runGit
// (no shell, hardened environment, no hooks), inside the org's configured directory only, with a
// size cap on what is read.
import path from "node:path";
import { AppError } from "../errors.ts";
import { runGit } from "../git/run-git.ts";

export const MAX_VIEW_BYTES = 1024 * 1024;
const GIT_TIMEOUT_MS = 10_000;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export type FileAtCommit =
  | { kind: "text"; text: string; bytes: number }
  | { kind: "binary"; bytes: number }
  | { kind: "too-large"; bytes: number };

/** A repository-relative path safe to hand to git, or null. */
export function safeRepoPath(input: string): string | null {
  if (input.length === 0 || input.length > 1024) return null;
  if (input.includes("\0") || input.includes("\\") || input.startsWith("/") || input.startsWith("-")) return null;
  const parts = input.split("/");
  if (parts.some((p) => p === "" || p === "." || p === ".." || p === ".git")) return null;
  return input;
}

/** The directory of a local repository inside the org's directory (never outside it). */
export function localRepoDir(orgPath: string, externalId: string): string {
  const root = path.resolve(orgPath);
  const dir = path.resolve(root, externalId);
  if (path.dirname(dir) !== root) throw new AppError("VALIDATION", "repository is not inside its local source");
  return dir;
}

/**
 * The file `filePath` at `commitSha` of the repository at `repoDir`. NOT_FOUND when the path is not a
 * file of that commit (or the commit is gone); VALIDATION when the path or sha is malformed.
 */
export async function readFileAtCommit(repoDir: string, commitSha: string, filePath: string): Promise<FileAtCommit> {
  if (!SHA.test(commitSha)) throw new AppError("VALIDATION", "malformed commit sha");
  const rel = safeRepoPath(filePath);
  if (!rel) throw new AppError("VALIDATION", "malformed path");
  const git = (args: string[], maxStdoutBytes = 64 * 1024) =>
    runGit(args, { cwd: repoDir, timeoutMs: GIT_TIMEOUT_MS, config: ["safe.directory=*"], maxStdoutBytes });

  let listing: string;
  try {
    listing = (await git(["ls-tree", "-z", "--full-tree", "-l", commitSha, "--", rel])).stdout.toString("utf8");
  } catch (err) {
    if (err instanceof AppError && err.code === "LIMIT_EXCEEDED") throw err;
    throw new AppError("NOT_FOUND", "commit not found in the repository", { cause: err });
  }
  // "<mode> SP <type> SP <object> SP+ <size> TAB <path>" NUL
  const entry = listing
    .split("\0")
    .map((line) => /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t(.*)$/s.exec(line))
    .find((m) => m && m[5] === rel);
  if (!entry || entry[2] !== "blob") throw new AppError("NOT_FOUND", "no such file at this commit");
  const [, mode, , blob, size] = entry;
  const bytes = Number(size);
  if (mode === "120000") return { kind: "binary", bytes }; // a symlink: show nothing it points to
  if (bytes > MAX_VIEW_BYTES) return { kind: "too-large", bytes };
  const content = (await git(["cat-file", "blob", blob!], MAX_VIEW_BYTES + 1)).stdout;
  if (content.subarray(0, 8000).includes(0)) return { kind: "binary", bytes };
  return { kind: "text", text: content.toString("utf8"), bytes };
}
