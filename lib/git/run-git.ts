// Runs the git CLI with a hardened, fully explicit environment (STACK.md §7): no system or global
// config, no prompts, no hooks, no fsmonitor, restricted protocols. Nothing is inherited from the
// parent process's environment, so a developer's ~/.gitconfig or a stray GIT_* variable cannot
// change what a clone does. Each git process gets its own process group, so a timeout or an abort
// kills git and every helper it started (remote-https, index-pack, upload-pack).
import { spawn } from "node:child_process";
import { AppError, type ErrorCode } from "../errors.ts";
import { scrubSecrets } from "../log.ts";

/** A fixed search path: never inherited, so nothing can shadow git or its remote helpers. */
const SAFE_PATH = "/usr/local/bin:/usr/bin:/bin:/opt/homebrew/bin";

/** Config applied to every git invocation with `-c` (command-line config overrides a repository's own). */
export const HARDENED_CONFIG: readonly string[] = [
  "core.hooksPath=/dev/null",
  "core.fsmonitor=false",
  "core.symlinks=false",
  "core.protectNTFS=true",
  "core.protectHFS=true",
  "core.askPass=/bin/false",
  "core.sshCommand=/bin/false",
  "credential.helper=",
  "submodule.recurse=false",
  "fetch.recurseSubmodules=false",
  "protocol.ext.allow=never",
  "protocol.ssh.allow=never",
  "protocol.git.allow=never",
  "transfer.fsckObjects=true",
  "fetch.fsckObjects=true",
  // Cosmetic defects common in old, legitimate histories; the dangerous checks stay errors.
  "fetch.fsck.zeroPaddedFilemode=ignore",
  "fetch.fsck.badTimezone=ignore",
  "fetch.fsck.missingSpaceBeforeDate=ignore",
  "init.templateDir=",
  "http.lowSpeedLimit=1024",
  "http.lowSpeedTime=30",
  "http.followRedirects=initial",
  "advice.detachedHead=false",
  "gc.auto=0",
  "maintenance.auto=false",
];

export interface RunGitOptions {
  cwd?: string;
  /** Kill the whole process group after this long. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Allow the file:// transport (local sources). */
  allowFile?: boolean;
  /** Extra config passed through GIT_CONFIG_COUNT/KEY/VALUE: never visible in argv. */
  secretConfig?: Record<string, string>;
  /** Extra non-secret `-c key=value` settings for this call. */
  config?: string[];
  /** Strings to remove from any error text (tokens, auth headers). */
  secrets?: string[];
  /** Data for stdin. */
  input?: string | Buffer;
  /** Cap on captured stdout (bytes); beyond it the process is killed and the call fails. */
  maxStdoutBytes?: number;
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
}

/** The environment every git process runs with (exported for tests). */
export function gitEnv(opts: Pick<RunGitOptions, "allowFile" | "secretConfig">): Record<string, string> {
  const env: Record<string, string> = {
    PATH: SAFE_PATH,
    HOME: "/nonexistent",
    XDG_CONFIG_HOME: "/nonexistent",
    LANG: "C",
    LC_ALL: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_SYSTEM: "/dev/null",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "/bin/false",
    SSH_ASKPASS: "/bin/false",
    GIT_SSH_COMMAND: "/bin/false",
    GIT_LFS_SKIP_SMUDGE: "1",
    GIT_NO_REPLACE_OBJECTS: "1",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_PROTOCOL_FROM_USER: "0",
    GIT_ALLOW_PROTOCOL: opts.allowFile ? "http:https:file" : "http:https",
  };
  const entries = Object.entries(opts.secretConfig ?? {});
  if (entries.length > 0) {
    env.GIT_CONFIG_COUNT = String(entries.length);
    entries.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
  }
  return env;
}

/** Removes known secrets and credential-looking text from output that may reach logs or the database. */
export function scrubGitOutput(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("***");
  return scrubSecrets(out);
}

/** Permanent failures get a non-retryable code; anything else (network, server errors) is UPSTREAM. */
function classifyFailure(stderr: string): ErrorCode {
  // fsck found malformed or dangerous objects (e.g. a tree entry named .git): retrying cannot help.
  if (/fsck error|hasDotgit|badTree|gitmodules[A-Z]/.test(stderr)) return "FORBIDDEN";
  if (/repository '.*' not found|does not appear to be a git repository|Remote branch .* not found/.test(stderr)) return "NOT_FOUND";
  return "UPSTREAM";
}

/**
 * Runs `git <args>` with the hardened env and config. Rejects with AppError TIMEOUT / ABORTED /
 * UPSTREAM (non-zero exit; message carries the scrubbed last lines of stderr).
 */
export function runGit(args: readonly string[], opts: RunGitOptions): Promise<GitResult> {
  const secrets = opts.secrets ?? [];
  const fullArgs = [
    ...HARDENED_CONFIG.flatMap((c) => ["-c", c]),
    "-c",
    `protocol.file.allow=${opts.allowFile ? "always" : "never"}`,
    ...(opts.config ?? []).flatMap((c) => ["-c", c]),
    "--no-pager",
    ...args,
  ];
  const maxStdout = opts.maxStdoutBytes ?? 256 * 1024 * 1024;
  const command = args.find((a) => !a.startsWith("-")) ?? "git";

  return new Promise<GitResult>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new AppError("ABORTED", `git ${command} aborted before start`));
      return;
    }
    const child = spawn("git", fullArgs, {
      cwd: opts.cwd,
      env: gitEnv(opts) as NodeJS.ProcessEnv,
      detached: true, // own process group: kill(-pid) reaches git's helpers too
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = "";
    let failure: AppError | undefined;

    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const fail = (e: AppError) => {
      failure ??= e;
      killGroup();
    };
    const timer = setTimeout(
      () => fail(new AppError("TIMEOUT", `git ${command} timed out after ${Math.round(opts.timeoutMs / 1000)}s`)),
      Math.max(1, opts.timeoutMs),
    );
    const onAbort = () => fail(new AppError("ABORTED", `git ${command} aborted`));
    opts.signal?.addEventListener("abort", onAbort, { once: true });

    child.stdout.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxStdout) {
        fail(new AppError("LIMIT_EXCEEDED", `git ${command} produced more than ${maxStdout} bytes of output`));
        return;
      }
      out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      // keep the tail only; git can be chatty
      err = (err + chunk.toString("utf8")).slice(-16 * 1024);
    });
    child.stdin.on("error", () => {
      // EPIPE when git exits before reading all input; the exit code tells the story
    });
    child.on("error", (e) => fail(new AppError("INTERNAL", `could not run git: ${e.message}`)));
    child.on("close", (code, sig) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      if (failure) {
        reject(failure);
        return;
      }
      if (code === 0) {
        resolve({ stdout: Buffer.concat(out), stderr: scrubGitOutput(err, secrets) });
        return;
      }
      const scrubbed = scrubGitOutput(err, secrets);
      const tail = scrubbed
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(-3)
        .join(" | ");
      reject(
        new AppError(classifyFailure(scrubbed), `git ${command} failed (${sig ?? `exit ${code}`})${tail ? `: ${tail}` : ""}`, {
          details: { exitCode: code, signal: sig },
        }),
      );
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}
