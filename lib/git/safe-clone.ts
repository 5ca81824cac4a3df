// Safe, bounded clone of an untrusted repository into a temporary directory (STACK.md §7).
//
// Threat model: the repository content is hostile (symlinks out of the checkout, huge blobs, millions
// of files, .gitmodules, hook files, malformed objects); the server may be slow or huge. Defences:
// - plain `git` with a hardened env and `-c` config (run-git.ts): no hooks, no templates, no global
//   or system config, no submodules, restricted protocols, fsck of every received object;
// - depth 1, single branch, no tags, `--filter=blob:limit=N`, `--no-checkout`, so only the HEAD
//   tree and the blobs under the cap are downloaded; a watchdog kills the clone if the download
//   passes the byte cap (servers that ignore the filter), and every git call shares one deadline;
// - the promisor settings are removed right after the clone, so nothing later (checkout, the
//   scanner, a stray `git show`) can lazily fetch a missing big blob: it fails instead;
// - file count and total size are checked from `git ls-tree` + the local object sizes BEFORE
//   anything is written to the work tree; too many files or too many bytes refuses the clone;
// - the index is built from the filtered tree (no symlinks, no gitlinks, no oversized or missing
//   blobs) and written with `git checkout-index`, which runs no hooks; `git ls-files` in the result
//   lists exactly the files on disk;
// - a token goes in as an `http.<origin>/.extraHeader` through GIT_CONFIG_* env: never in the URL,
//   argv, .git/config, logs or error messages.
import { mkdtemp, readdir, lstat, rm, mkdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../errors.ts";
import { runGit, type RunGitOptions } from "./run-git.ts";

export interface CloneLimits {
  /** Whole clone (all git calls together). */
  timeoutMs: number;
  /** Largest file checked out; bigger ones are left out and reported in skippedFiles. */
  maxBlobBytes: number;
  /** Largest total checkout (and download); more refuses the clone. */
  maxBytes: number;
  /** Most tracked files; more refuses the clone. */
  maxFiles: number;
}

export const DEFAULT_CLONE_LIMITS: CloneLimits = {
  timeoutMs: 120_000,
  maxBlobBytes: 1024 * 1024,
  maxBytes: 512 * 1024 * 1024,
  maxFiles: 100_000,
};

export type LimitKind = "maxFiles" | "maxBytes" | "maxBlobBytes";

export interface LimitHit {
  kind: LimitKind;
  detail: string;
}

export type SkipReason = "too-large" | "symlink" | "submodule";

export interface SkippedFile {
  path: string;
  reason: SkipReason;
  /** Size in bytes when known (present blobs). */
  bytes?: number;
}

export interface SafeCloneOptions {
  /** https:// or http:// URL; file:// or an absolute path only with allowLocal. No credentials in it. */
  url: string;
  /** Access token for HTTP(S); sent as an Authorization header (Basic x-access-token:<token>). */
  token?: string;
  /** Branch to clone; default: the remote's HEAD (its default branch). */
  branch?: string;
  /** Parent of the temporary directory; default os.tmpdir(). */
  workDir?: string;
  limits?: Partial<CloneLimits>;
  /** Allow file:// URLs and local paths (local sources). */
  allowLocal?: boolean;
  signal?: AbortSignal;
}

export interface SafeCloneResult {
  /** The checkout (work tree with a .git directory). */
  dir: string;
  headSha: string;
  /** Branch checked out (the remote default branch unless one was asked for). */
  branch: string | null;
  /** Tracked files in HEAD (including skipped ones). */
  fileCount: number;
  /** Bytes written to the work tree. */
  bytes: number;
  limitsHit: LimitHit[];
  /** Files left out of the checkout (first MAX_SKIPPED_LISTED; limitsHit carries the totals). */
  skippedFiles: SkippedFile[];
  timings: { cloneMs: number; checkoutMs: number };
  /** Removes the temporary directory. Idempotent; call it in `finally`. */
  cleanup(): Promise<void>;
}

/** A limit that refuses the whole clone (too many files, too many bytes). */
export class CloneLimitError extends AppError {
  readonly limit: LimitHit;
  /** HEAD of the refused repository, when the refusal came after the download. */
  readonly headSha: string | undefined;
  constructor(limit: LimitHit, headSha?: string) {
    super("LIMIT_EXCEEDED", `repository refused: ${limit.detail}`, { details: { limit, headSha } });
    this.name = "CloneLimitError";
    this.limit = limit;
    this.headSha = headSha;
  }
}

const MAX_SKIPPED_LISTED = 1000;
const CLONE_DIR_PREFIX = "tf-clone-";
const WATCHDOG_INTERVAL_MS = 200;

interface CloneTarget {
  /** What git gets: an http(s) URL, or an absolute path (cloned with --no-local). */
  url: string;
  isLocal: boolean;
  /** `scheme://host[:port]` for the token header's URL scope. */
  origin: string | null;
}

function parseTarget(raw: string, allowLocal: boolean, hasToken: boolean): CloneTarget {
  if (raw.startsWith("/") || raw.startsWith("file:")) {
    if (!allowLocal) throw new AppError("FORBIDDEN", "local clones (file://) are disabled");
    if (hasToken) throw new AppError("VALIDATION", "a token cannot be used with a local clone");
    let local: string;
    try {
      local = raw.startsWith("/") ? raw : fileURLToPath(raw);
    } catch {
      throw new AppError("VALIDATION", "clone URL is not a valid file:// URL");
    }
    return { url: path.resolve(local), isLocal: true, origin: null };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("VALIDATION", "clone URL is not a valid URL");
  }
  if (url.username || url.password) {
    throw new AppError("VALIDATION", "clone URL must not contain credentials; pass a token instead");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new AppError("VALIDATION", `clone URL scheme ${url.protocol} is not allowed (https, http${allowLocal ? ", file" : ""})`);
  }
  if (hasToken && url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new AppError("FORBIDDEN", "refusing to send a token over plain http to a non-loopback host");
  }
  return { url: url.href, isLocal: false, origin: url.origin };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Sum of file sizes under dir (lstat, no symlink following). */
async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await dirBytes(p);
    else {
      try {
        total += (await lstat(p)).size;
      } catch {
        // a temp pack file renamed under us
      }
    }
  }
  return total;
}

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  path: string;
  /** The raw `mode type oid\tpath` record, replayed into the index. */
  record: string;
}

function parseLsTree(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of out.toString("utf8").split("\0")) {
    if (!record) continue;
    const tab = record.indexOf("\t");
    const [mode, type, oid] = record.slice(0, tab).split(" ");
    entries.push({ mode: mode!, type: type!, oid: oid!, path: record.slice(tab + 1), record });
  }
  return entries;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

/**
 * Clones `url` safely into a new temporary directory. The caller owns the result and must call
 * `cleanup()` in a `finally`. On any error the temporary directory is removed before rejecting.
 * Rejects with CloneLimitError (LIMIT_EXCEEDED) when the repository is over the file or byte cap,
 * AppError TIMEOUT / ABORTED / UPSTREAM for transient failures, VALIDATION / FORBIDDEN for bad input.
 */
export async function safeClone(options: SafeCloneOptions): Promise<SafeCloneResult> {
  const limits: CloneLimits = { ...DEFAULT_CLONE_LIMITS, ...options.limits };
  const target = parseTarget(options.url, options.allowLocal ?? false, Boolean(options.token));
  const deadline = Date.now() + limits.timeoutMs;

  const secrets: string[] = [];
  const secretConfig: Record<string, string> = {};
  if (options.token) {
    const basic = Buffer.from(`x-access-token:${options.token}`).toString("base64");
    secrets.push(options.token, basic);
    // URL-scoped, so the header only goes to this origin.
    secretConfig[`http.${target.origin}/.extraHeader`] = `Authorization: Basic ${basic}`;
  }

  const parent = options.workDir ?? tmpdir();
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(path.join(parent, CLONE_DIR_PREFIX));
  const dir = path.join(tmp, "repo");
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await rm(tmp, { recursive: true, force: true, maxRetries: 3 });
  };

  const git = async (args: string[], extra: Partial<RunGitOptions> = {}) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new AppError("TIMEOUT", `clone timed out after ${Math.round(limits.timeoutMs / 1000)}s`);
    }
    return runGit(args, {
      cwd: dir,
      timeoutMs: remaining,
      signal: extra.signal ?? options.signal,
      allowFile: target.isLocal,
      secretConfig,
      secrets,
      ...extra,
    });
  };

  try {
    const started = Date.now();
    await download(target, dir, tmp, limits, options, git);
    // From here on, a missing blob is an error, never a network fetch.
    await git(["config", "--unset-all", "remote.origin.promisor"]).catch(() => undefined);
    await git(["config", "--unset-all", "remote.origin.partialclonefilter"]).catch(() => undefined);

    const headSha = (await git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).catch(() => null))?.stdout
      .toString()
      .trim();
    if (!headSha) throw new AppError("NOT_FOUND", "repository has no commits on its default branch");
    const branch =
      (await git(["symbolic-ref", "--quiet", "--short", "HEAD"]).catch(() => null))?.stdout.toString().trim() || null;
    const cloneMs = Date.now() - started;

    const checkoutStarted = Date.now();
    const plan = await planCheckout(limits, git).catch((err: unknown) => {
      throw err instanceof CloneLimitError ? new CloneLimitError(err.limit, headSha) : err;
    });
    if (plan.included.length > 0) {
      await git(["update-index", "-z", "--index-info"], {
        input: plan.included.map((e) => `${e.record}\0`).join(""),
      });
      await git(["checkout-index", "--all", "--force", "--quiet"]);
    }
    const checkoutMs = Date.now() - checkoutStarted;

    return {
      dir,
      headSha,
      branch,
      fileCount: plan.fileCount,
      bytes: plan.bytes,
      limitsHit: plan.limitsHit,
      skippedFiles: plan.skipped.slice(0, MAX_SKIPPED_LISTED),
      timings: { cloneMs, checkoutMs },
      cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/**
 * Removes clone directories left behind by a process that died before its `finally` ran (SIGKILL,
 * OOM). Only directories older than `olderThanMs` are touched, so clones in progress in another
 * worker sharing the directory are left alone. Returns how many were removed.
 */
export async function sweepStaleClones(workDir: string | undefined, olderThanMs: number): Promise<number> {
  const parent = workDir ?? tmpdir();
  let removed = 0;
  let names: string[];
  try {
    names = (await readdir(parent)).filter((n) => n.startsWith(CLONE_DIR_PREFIX));
  } catch {
    return 0;
  }
  for (const name of names) {
    const dir = path.join(parent, name);
    try {
      const st = await stat(dir);
      if (st.isDirectory() && Date.now() - st.mtimeMs > olderThanMs) {
        await rm(dir, { recursive: true, force: true, maxRetries: 3 });
        removed++;
      }
    } catch {
      // raced with another sweeper or the owner's cleanup
    }
  }
  return removed;
}

type Git = (args: string[], extra?: Partial<RunGitOptions>) => ReturnType<typeof runGit>;

/** `git clone --no-checkout` with a watchdog on the bytes written. */
async function download(
  target: CloneTarget,
  dir: string,
  tmp: string,
  limits: CloneLimits,
  options: SafeCloneOptions,
  git: Git,
): Promise<void> {
  const args = [
    "clone",
    "--quiet",
    "--no-checkout",
    "--depth=1",
    "--single-branch",
    "--no-tags",
    // blob:limit omits blobs of at least N bytes; +1 keeps files of exactly maxBlobBytes.
    `--filter=blob:limit=${limits.maxBlobBytes + 1}`,
    "--no-recurse-submodules",
    "--template=",
  ];
  if (target.isLocal) {
    // --no-local: the regular transport (so --depth and --filter apply), never hardlinks or copies
    // of the source's object store. The local transport runs upload-pack without our -c settings,
    // so it gets them this way (a fixed string, not input). safe.directory: local sources are
    // directories the operator configured, possibly owned by another user (a mounted volume).
    args.push("--no-local", "--upload-pack=git -c uploadpack.allowFilter=true -c safe.directory=* upload-pack");
  }
  if (options.branch) args.push("--branch", options.branch);
  args.push("--", target.url, dir);

  const watchdog = new AbortController();
  const forward = () => watchdog.abort();
  if (options.signal?.aborted) watchdog.abort();
  options.signal?.addEventListener("abort", forward, { once: true });
  let overCap: number | undefined;
  let checking = false;
  const timer = setInterval(async () => {
    if (checking) return;
    checking = true;
    const bytes = await dirBytes(dir);
    checking = false;
    if (bytes > limits.maxBytes && overCap === undefined) {
      overCap = bytes;
      watchdog.abort();
    }
  }, WATCHDOG_INTERVAL_MS);
  try {
    await git(args, { cwd: tmp, signal: watchdog.signal });
    // A fast download can finish between two watchdog ticks.
    const bytes = await dirBytes(dir);
    if (bytes > limits.maxBytes) overCap = bytes;
  } catch (err) {
    if (overCap !== undefined) {
      throw new CloneLimitError({
        kind: "maxBytes",
        detail: `download passed ${formatBytes(overCap)}, over the ${formatBytes(limits.maxBytes)} cap`,
      });
    }
    if (options.signal?.aborted) throw new AppError("ABORTED", "clone aborted", { cause: err });
    throw err;
  } finally {
    clearInterval(timer);
    options.signal?.removeEventListener("abort", forward);
  }
  if (overCap !== undefined) {
    throw new CloneLimitError({
      kind: "maxBytes",
      detail: `download of ${formatBytes(overCap)} is over the ${formatBytes(limits.maxBytes)} cap`,
    });
  }
}

interface CheckoutPlan {
  included: TreeEntry[];
  skipped: SkippedFile[];
  limitsHit: LimitHit[];
  fileCount: number;
  bytes: number;
}

/** Decides, from the tree and the local object sizes only, what gets checked out. */
async function planCheckout(limits: CloneLimits, git: Git): Promise<CheckoutPlan> {
  const tree = parseLsTree((await git(["ls-tree", "-r", "-z", "--full-tree", "HEAD"])).stdout);
  const fileCount = tree.length;
  if (fileCount > limits.maxFiles) {
    throw new CloneLimitError({
      kind: "maxFiles",
      detail: `${fileCount} files, over the ${limits.maxFiles} file cap`,
    });
  }

  // Sizes of the blobs we have. Enumerating local objects never triggers a fetch.
  const sizes = new Map<string, number>();
  const objects = await git(["cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectname) %(objectsize)"]);
  for (const line of objects.stdout.toString("utf8").split("\n")) {
    const [type, oid, size] = line.split(" ");
    if (type === "blob" && oid && size) sizes.set(oid, Number(size));
  }

  const included: TreeEntry[] = [];
  const skipped: SkippedFile[] = [];
  let bytes = 0;
  let tooLarge = 0;
  for (const entry of tree) {
    if (entry.mode === "120000") {
      skipped.push({ path: entry.path, reason: "symlink" });
    } else if (entry.type === "commit") {
      skipped.push({ path: entry.path, reason: "submodule" });
    } else if (entry.type !== "blob") {
      continue;
    } else {
      const size = sizes.get(entry.oid);
      if (size === undefined || size > limits.maxBlobBytes) {
        tooLarge++;
        skipped.push(size === undefined ? { path: entry.path, reason: "too-large" } : { path: entry.path, reason: "too-large", bytes: size });
      } else {
        bytes += size;
        included.push(entry);
      }
    }
  }
  if (bytes > limits.maxBytes) {
    throw new CloneLimitError({
      kind: "maxBytes",
      detail: `${formatBytes(bytes)} in ${included.length} files, over the ${formatBytes(limits.maxBytes)} cap`,
    });
  }
  const limitsHit: LimitHit[] = [];
  if (tooLarge > 0) {
    limitsHit.push({
      kind: "maxBlobBytes",
      detail: `${tooLarge} file${tooLarge === 1 ? "" : "s"} over ${formatBytes(limits.maxBlobBytes)} left out of the checkout`,
    });
  }
  return { included, skipped, limitsHit, fileCount, bytes };
}
