// A local directory of git repositories (bare or not) treated as one organization. Each direct
// subdirectory that is a git repository is a repository of the organization; its HEAD branch is
// the default branch, and scans see committed content only (never a work tree's uncommitted files).
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../errors.ts";
import { runGit } from "../git/run-git.ts";
import { sourceRepositorySchema, type CloneAccess, type Source, type SourceRepository } from "./source.ts";

const GIT_METADATA_TIMEOUT_MS = 15_000;

export interface LocalSourceOptions {
  /** Organization key (LOCAL_SOURCES name). */
  login: string;
  /** Absolute directory holding the repositories. */
  path: string;
  displayName?: string;
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** The repository kind at `dir`, or null when it is not a git repository. */
async function detectRepository(dir: string): Promise<"bare" | "worktree" | null> {
  if (await exists(path.join(dir, ".git"))) return "worktree";
  if ((await exists(path.join(dir, "HEAD"))) && (await isDir(path.join(dir, "objects"))) && (await isDir(path.join(dir, "refs")))) {
    return "bare";
  }
  return null;
}

async function gitOutput(cwd: string, args: string[], signal?: AbortSignal): Promise<string | null> {
  try {
    const { stdout } = await runGit(args, {
      cwd,
      timeoutMs: GIT_METADATA_TIMEOUT_MS,
      signal,
      // The operator configured this directory; it may be a volume owned by another user.
      config: ["safe.directory=*"],
    });
    return stdout.toString("utf8").trim() || null;
  } catch (err) {
    if (err instanceof AppError && (err.code === "ABORTED" || err.code === "TIMEOUT")) throw err;
    return null;
  }
}

export class LocalSource implements Source {
  readonly kind = "LOCAL" as const;
  readonly login: string;
  readonly displayName: string;
  readonly root: string;

  constructor(options: LocalSourceOptions) {
    if (!path.isAbsolute(options.path)) {
      throw new AppError("VALIDATION", `local source "${options.login}" needs an absolute path`);
    }
    this.login = options.login;
    this.displayName = options.displayName ?? options.login;
    this.root = path.resolve(options.path);
  }

  async listRepositories(signal?: AbortSignal): Promise<SourceRepository[]> {
    let entries;
    try {
      entries = await readdir(this.root, { withFileTypes: true });
    } catch (err) {
      throw new AppError("NOT_FOUND", `local source "${this.login}": cannot read ${this.root}`, { cause: err });
    }
    const repos: SourceRepository[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith(".")) continue;
      const dir = path.join(this.root, entry.name);
      if (!(entry.isDirectory() || (entry.isSymbolicLink() && (await isDir(dir))))) continue;
      const kind = await detectRepository(dir);
      if (!kind) continue;
      const branch = await gitOutput(dir, ["symbolic-ref", "--quiet", "--short", "HEAD"], signal);
      const headSha = await gitOutput(dir, ["rev-parse", "--quiet", "--verify", "HEAD^{commit}"], signal);
      const name = entry.name.replace(/\.git$/, "") || entry.name;
      repos.push(
        sourceRepositorySchema.parse({
          externalId: entry.name,
          name,
          fullName: `${this.login}/${name}`,
          cloneUrl: dir,
          defaultBranch: branch ?? "HEAD",
          headSha,
          visibility: "private",
        }),
      );
    }
    return repos;
  }

  async cloneAccess(repo: { externalId: string; cloneUrl: string }): Promise<CloneAccess> {
    // Only ever clone from inside this source's directory, whatever the stored URL says.
    const dir = path.resolve(this.root, repo.externalId);
    if (path.dirname(dir) !== this.root) {
      throw new AppError("VALIDATION", `repository ${repo.externalId} is not inside local source "${this.login}"`);
    }
    return { url: dir, local: true };
  }
}
