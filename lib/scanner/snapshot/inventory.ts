// SD-1 file inventory: tracked files via `git ls-files` (safe env, no hooks, no fsmonitor), falling
// back to a walk that honours .gitignore files. Then every candidate file is read once (bounded
// concurrency) and classified: binary / oversized / minified / vendor / generated files are skipped
// and counted with a reason.
import { execFile } from "node:child_process";
import { lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import type { FileEntry, ProgressEvent, SkipReason } from "../types.ts";
import {
  BINARY_EXT_RE, basename, detectLanguage, envTag, hasGeneratedMarker, isBuildOutputPath, isExampleByHeader, isGoTestSupport, isVendorPath, pathRole,
} from "./roles.ts";

export interface InventoryLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export interface InventoryResult {
  files: FileEntry[];
  contents: Map<string, string>;
  /** Text of committed build output (isBuildOutputPath), read for secret detection only; entries stay skipped "vendor". */
  buildOutput: Map<string, string>;
  source: "git" | "walk";
  commit: string | null;
  commitDate: string | null;
  /** .gitmodules submodule paths (gitlinks). */
  submodules: string[];
  bytesRead: number;
  filesRead: number;
  limitsHit: string[];
  /** Paths of directories the walk could not enter (permissions etc.). */
  walkErrors: string[];
}

/**
 * Environment for git child processes: no user/system config, no prompts, no hooks. The scanner
 * never reads process.env; PATH is a fixed system path (override the binary with `gitBinary`).
 */
export const SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
export function safeGitEnv(): Record<string, string> {
  return {
    PATH: SAFE_PATH,
    HOME: "/nonexistent",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "/bin/false",
    SSH_ASKPASS: "/bin/false",
    GIT_OPTIONAL_LOCKS: "0",
    LC_ALL: "C",
  };
}
const SAFE_GIT_CONFIG = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.untrackedCache=false"];

let gitBinary = "git";
/** Use a specific git executable (absolute path) instead of the one on the fixed system PATH. */
export function setGitBinary(bin: string): void {
  gitBinary = bin;
}

function git(dir: string, args: string[], maxBuffer = 256 << 20): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(gitBinary, [...SAFE_GIT_CONFIG, ...args], { cwd: dir, env: safeGitEnv() as NodeJS.ProcessEnv, maxBuffer, timeout: 120_000 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout);
    });
  });
}

interface Listed {
  path: string;
  mode?: string;
}

async function listWithGit(dir: string): Promise<{ files: Listed[]; commit: string | null; commitDate: string | null } | null> {
  try {
    const inside = (await git(dir, ["rev-parse", "--is-inside-work-tree"])).trim();
    if (inside !== "true") return null;
  } catch {
    return null;
  }
  let out: string;
  try {
    out = await git(dir, ["ls-files", "-z", "-s", "--full-name", "--", "."]);
  } catch {
    return null;
  }
  // --full-name gives paths from the repo root; make them relative to `dir`.
  let prefix = "";
  try {
    prefix = (await git(dir, ["rev-parse", "--show-prefix"])).trim();
  } catch {
    prefix = "";
  }
  const files: Listed[] = [];
  for (const rec of out.split("\0")) {
    if (!rec) continue;
    // "<mode> <object> <stage>\t<path>"
    const tab = rec.indexOf("\t");
    if (tab === -1) continue;
    const mode = rec.slice(0, rec.indexOf(" "));
    let p = rec.slice(tab + 1);
    if (prefix && p.startsWith(prefix)) p = p.slice(prefix.length);
    if (files.length && files[files.length - 1].path === p) continue; // merge stages
    files.push({ path: p, mode });
  }
  let commit: string | null = null;
  let commitDate: string | null = null;
  try {
    const line = (await git(dir, ["log", "-1", "--format=%H %cI"])).trim();
    if (line) [commit, commitDate] = line.split(" ");
  } catch {
    // no commits yet
  }
  return { files, commit, commitDate };
}

const WALK_SKIP_DIRS = new Set([".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".mypy_cache", ".pytest_cache", ".next", ".turbo"]);

async function walk(dir: string, maxFiles: number, errors: string[]): Promise<Listed[]> {
  const out: Listed[] = [];
  // Each stack entry carries the ignore matchers that apply to it (with their base dirs).
  type Matcher = { base: string; ig: Ignore };
  const stack: { rel: string; matchers: Matcher[] }[] = [{ rel: "", matchers: [] }];
  while (stack.length) {
    const { rel, matchers: inherited } = stack.pop()!;
    const abs = rel ? path.join(dir, rel) : dir;
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch {
      errors.push(rel || ".");
      continue;
    }
    let matchers = inherited;
    if (entries.some((e) => e.name === ".gitignore" && e.isFile())) {
      try {
        const text = await readFile(path.join(abs, ".gitignore"), "utf8");
        matchers = [...inherited, { base: rel, ig: ignore().add(text) }];
      } catch {
        // unreadable .gitignore: ignore it
      }
    }
    const ignored = (p: string, isDir: boolean) =>
      matchers.some(({ base, ig }) => {
        const relToBase = base ? p.slice(base.length + 1) : p;
        return relToBase !== "" && ig.ignores(isDir ? relToBase + "/" : relToBase);
      });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (WALK_SKIP_DIRS.has(e.name) || ignored(p, true)) continue;
        subdirs.push(p);
      } else if (e.isFile() || e.isSymbolicLink()) {
        if (ignored(p, false)) continue;
        out.push({ path: p, mode: e.isSymbolicLink() ? "120000" : "100644" });
        if (out.length >= maxFiles * 2) return out; // hard stop; the limit is applied later
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ rel: subdirs[i], matchers });
  }
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

/** Committed build output read for secrets (isBuildOutputPath): per-file and total byte caps. */
const BUILD_OUTPUT_MAX_FILE = 256 * 1024;
const BUILD_OUTPUT_BUDGET = 16 * 1024 * 1024;
const utf8Fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const utf8Lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });

function decode(buf: Buffer): { text: string; invalid: boolean } {
  try {
    return { text: utf8Fatal.decode(buf), invalid: false };
  } catch {
    return { text: utf8Lenient.decode(buf), invalid: true };
  }
}

const MINIFIABLE_RE = /\.(m?js|cjs|css|html?)$/i;

/** Minified JS/CSS/HTML: mean line length > 300 on files over 2 KB (RULES.md §7.2). */
export function looksMinified(p: string, text: string): boolean {
  if (!MINIFIABLE_RE.test(p) || text.length < 2048) return false;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return text.length / lines > 300;
}

export async function collectInventory(
  dir: string,
  limits: InventoryLimits,
  opts: { onProgress?: (e: ProgressEvent) => void; signal?: AbortSignal } = {},
): Promise<InventoryResult> {
  const limitsHit: string[] = [];
  const walkErrors: string[] = [];
  opts.onProgress?.({ phase: "inventory", done: 0, message: "listing files" });
  let viaGit = await listWithGit(dir);
  // A work tree with nothing tracked yet (fresh `git init`) is scanned by walking it.
  if (viaGit && viaGit.files.length === 0) viaGit = null;
  const listed = viaGit ? viaGit.files : await walk(dir, limits.maxFiles, walkErrors);
  opts.onProgress?.({ phase: "inventory", done: listed.length, total: listed.length, message: viaGit ? "git ls-files" : "directory walk" });

  const files: FileEntry[] = new Array(listed.length);
  const contents = new Map<string, string>();
  const buildOutput = new Map<string, string>();
  let buildOutputBytes = 0;
  const submodules: string[] = [];
  let bytesRead = 0;
  let filesRead = 0;
  let totalBudgetHit = false;

  const roleOf = (p: string, generated: boolean | undefined, head: string | undefined): FileEntry["role"] => {
    if (generated || head === undefined) return pathRole(p, generated);
    if (isGoTestSupport(p, head)) return "test";
    const role = pathRole(p);
    return role === "source" && isExampleByHeader(p, head) ? "example" : role;
  };
  const make = (p: string, extra: Partial<FileEntry> & { generated?: boolean; head?: string } = {}): FileEntry => {
    const { generated, head, ...rest } = extra;
    return {
      path: p,
      size: rest.size ?? 0,
      language: detectLanguage(p, head),
      role: roleOf(p, generated, head),
      env: envTag(p),
      ...rest,
    };
  };

  let next = 0;
  let done = 0;
  const worker = async () => {
    while (true) {
      const i = next++;
      if (i >= listed.length) return;
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("aborted");
      const { path: p, mode } = listed[i];
      files[i] = await readOne(p, mode, i);
      done++;
      if (done % 250 === 0) opts.onProgress?.({ phase: "read", done, total: listed.length });
    }
  };

  // Committed build output: secrets only, own small budget so a repository with a big committed dist/
  // cannot crowd out its sources or grow the snapshot.
  const readBuildOutput = async (p: string): Promise<void> => {
    try {
      const abs = path.join(dir, p);
      const st = await lstat(abs);
      if (!st.isFile() || st.size > Math.min(limits.maxFileBytes, BUILD_OUTPUT_MAX_FILE) || buildOutputBytes + st.size > BUILD_OUTPUT_BUDGET) return;
      buildOutputBytes += st.size;
      const buf = await readFile(abs);
      if (buf.subarray(0, 8192).includes(0)) return;
      const { text } = decode(buf);
      if (looksMinified(p, text)) return;
      buildOutput.set(p, text);
    } catch {
      // unreadable: nothing to scan
    }
  };

  const readOne = async (p: string, mode: string | undefined, index: number): Promise<FileEntry> => {
    if (index >= limits.maxFiles) {
      if (!limitsHit.includes("maxFiles")) limitsHit.push("maxFiles");
      return make(p, { skipped: "limit" });
    }
    if (mode === "160000") {
      submodules.push(p);
      return make(p, { skipped: "unreadable" });
    }
    if (mode === "120000") return make(p, { skipped: "symlink" });
    if (isVendorPath(p)) {
      if (isBuildOutputPath(p)) await readBuildOutput(p);
      return make(p, { skipped: "vendor" });
    }
    const abs = path.join(dir, p);
    let size = 0;
    try {
      const st = await lstat(abs);
      if (st.isSymbolicLink()) return make(p, { skipped: "symlink" });
      if (!st.isFile()) return make(p, { skipped: "unreadable" });
      size = st.size;
    } catch {
      return make(p, { skipped: "unreadable" });
    }
    if (BINARY_EXT_RE.test(p)) return make(p, { size, skipped: "binary" });
    if (size > limits.maxFileBytes) return make(p, { size, skipped: "size" });
    if (bytesRead + size > limits.maxTotalBytes) {
      if (!totalBudgetHit) {
        totalBudgetHit = true;
        limitsHit.push("maxTotalBytes");
      }
      return make(p, { size, skipped: "limit" });
    }
    let buf: Buffer;
    try {
      buf = await readFile(abs);
    } catch {
      return make(p, { size, skipped: "unreadable" });
    }
    bytesRead += buf.length;
    filesRead++;
    const probe = buf.subarray(0, 8192);
    if (probe.includes(0)) return make(p, { size, skipped: "binary" });
    const { text, invalid } = decode(buf);
    const head = text.slice(0, 2000);
    if (looksMinified(p, text)) return make(p, { size, skipped: "minified", head });
    const generated = hasGeneratedMarker(p, head);
    if (generated) return make(p, { size, generated: true, head, skipped: "generated", invalidUtf8: invalid || undefined });
    contents.set(p, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return make(p, { size, head, invalidUtf8: invalid || undefined });
  };

  const concurrency = 16;
  await Promise.all(Array.from({ length: Math.min(concurrency, listed.length) }, worker));
  opts.onProgress?.({ phase: "read", done: listed.length, total: listed.length });
  if (walkErrors.length) limitsHit.push(`unreadableDirectories:${walkErrors.length}`);

  return {
    files,
    contents,
    buildOutput,
    source: viaGit ? "git" : "walk",
    commit: viaGit?.commit ?? null,
    commitDate: viaGit?.commitDate ?? null,
    submodules,
    bytesRead,
    filesRead,
    limitsHit,
    walkErrors,
  };
}

export function skipReasonOf(f: FileEntry): SkipReason | undefined {
  return f.skipped;
}

export { basename };
