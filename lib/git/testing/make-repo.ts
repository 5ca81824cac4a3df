// Test fixtures: real git repositories built on disk (including hostile ones). Test-only code.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** File content, or a special entry. */
export type FixtureEntry =
  | string
  | Buffer
  | { symlink: string }
  | { executable: string }
  /** A gitlink (submodule entry) pointing at this commit id. */
  | { gitlink: string };

export type FixtureFiles = Record<string, FixtureEntry>;

const FIXTURE_ENV: Record<string, string> = {
  PATH: "/usr/local/bin:/usr/bin:/bin",
  HOME: "/nonexistent",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "Fixture",
  GIT_AUTHOR_EMAIL: "fixture@example.test",
  GIT_COMMITTER_NAME: "Fixture",
  GIT_COMMITTER_EMAIL: "fixture@example.test",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
};

/** Runs git for fixture building (not hardened: this is the "attacker" side). */
export function fixtureGit(cwd: string, args: string[], input?: string): string {
  return execFileSync("git", args, { cwd, env: FIXTURE_ENV as NodeJS.ProcessEnv, input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] }).trim();
}

export function makeTempDir(prefix = "tf-fixture-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

function writeEntries(dir: string, files: FixtureFiles): { gitlinks: [string, string][] } {
  const gitlinks: [string, string][] = [];
  for (const [rel, entry] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof entry === "string" || Buffer.isBuffer(entry)) writeFileSync(abs, entry);
    else if ("symlink" in entry) symlinkSync(entry.symlink, abs);
    else if ("executable" in entry) {
      writeFileSync(abs, entry.executable);
      chmodSync(abs, 0o755);
    } else gitlinks.push([rel, entry.gitlink]);
  }
  return { gitlinks };
}

/**
 * Creates a non-bare repository at `dir` with one commit per element of `commits` (each a set of
 * files written on top of the previous state) on branch `main`. Returns the HEAD sha.
 */
export function createWorkRepo(dir: string, ...commits: FixtureFiles[]): string {
  mkdirSync(dir, { recursive: true });
  fixtureGit(dir, ["init", "--quiet", "--initial-branch=main", "--template="]);
  for (const [i, files] of commits.entries()) {
    const { gitlinks } = writeEntries(dir, files);
    fixtureGit(dir, ["add", "--all"]);
    for (const [rel, sha] of gitlinks) fixtureGit(dir, ["update-index", "--add", "--cacheinfo", `160000,${sha},${rel}`]);
    fixtureGit(dir, ["commit", "--quiet", "--allow-empty", "-m", `commit ${i + 1}`]);
  }
  return fixtureGit(dir, ["rev-parse", "HEAD"]);
}

/** Adds a commit to an existing work repository; returns the new HEAD sha. */
export function commitFiles(dir: string, files: FixtureFiles, message = "update"): string {
  writeEntries(dir, files);
  fixtureGit(dir, ["add", "--all"]);
  fixtureGit(dir, ["commit", "--quiet", "--allow-empty", "-m", message]);
  return fixtureGit(dir, ["rev-parse", "HEAD"]);
}

/**
 * Creates a bare repository `<root>/<name>` (suffix `.git` added when missing) from the given
 * commits, configured for partial clone (uploadpack.allowFilter). Returns its path and HEAD sha.
 */
export function createBareRepo(root: string, name: string, ...commits: FixtureFiles[]): { path: string; headSha: string } {
  const work = makeTempDir("tf-work-");
  const bare = path.join(root, name.endsWith(".git") ? name : `${name}.git`);
  let headSha: string;
  try {
    headSha = createWorkRepo(work, ...commits);
    fixtureGit(root, ["clone", "--quiet", "--bare", "--template=", work, bare]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  fixtureGit(bare, ["config", "uploadpack.allowFilter", "true"]);
  fixtureGit(bare, ["config", "uploadpack.allowAnySHA1InWant", "true"]);
  return { path: bare, headSha };
}

/** Writes an executable hook into a repository's hooks directory (bare or .git). */
export function installHook(gitDir: string, hook: string, script: string): void {
  const hooks = path.join(gitDir, "hooks");
  mkdirSync(hooks, { recursive: true });
  writeFileSync(path.join(hooks, hook), script);
  chmodSync(path.join(hooks, hook), 0o755);
}
