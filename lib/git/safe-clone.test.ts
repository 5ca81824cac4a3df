import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { CloneLimitError, safeClone, sweepStaleClones, type SafeCloneResult } from "./safe-clone.ts";
import { startGitHttpServer, type GitHttpServer } from "./testing/git-http-server.ts";
import { createBareRepo, createWorkRepo, fixtureGit, installHook, makeTempDir } from "./testing/make-repo.ts";
import { fakeGithubToken } from "../scanner/testing/fake-secrets.ts";

const KB = 1024;

/** Every path under dir (relative), with lstat info, not following symlinks. */
function walk(dir: string, rel = ""): { rel: string; isSymlink: boolean; isFile: boolean }[] {
  const out: { rel: string; isSymlink: boolean; isFile: boolean }[] = [];
  for (const name of readdirSync(path.join(dir, rel))) {
    if (rel === "" && name === ".git") continue;
    const r = path.join(rel, name);
    const st = lstatSync(path.join(dir, r));
    if (st.isDirectory()) out.push(...walk(dir, r));
    else out.push({ rel: r, isSymlink: st.isSymbolicLink(), isFile: st.isFile() });
  }
  return out;
}

/** Files anywhere under dir (including .git) whose bytes contain any of the needles. */
function filesContaining(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, name);
    if (!lstatSync(p).isFile()) continue;
    const bytes = readFileSync(p);
    if (needles.some((n) => bytes.includes(n))) hits.push(name);
  }
  return hits;
}

function lsFiles(dir: string): string[] {
  return fixtureGit(dir, ["ls-files", "-z"]).split("\0").filter(Boolean).sort();
}

describe("safeClone", () => {
  let root: string; // served repositories
  let workDir: string; // where clones go
  let outside: string; // a directory outside every checkout
  let server: GitHttpServer;
  let authServer: GitHttpServer;
  const TOKEN = fakeGithubToken("ghs", "TestTokenValue0123456789abcdefABCDEF");
  const repos: Record<string, { path: string; headSha: string }> = {};

  beforeAll(async () => {
    root = makeTempDir("tf-served-");
    workDir = makeTempDir("tf-clones-");
    outside = makeTempDir("tf-outside-");
    writeFileSync(path.join(outside, "secret.txt"), "TOP-SECRET-OUTSIDE-CONTENT\n");

    repos.plain = createBareRepo(root, "plain", {
      "package.json": '{"name":"plain"}\n',
      "src/index.ts": "export const x = 1;\n",
      "README.md": "# plain\n",
    });
    repos.symlinks = createBareRepo(root, "symlinks", {
      "ok.txt": "fine\n",
      "etc-passwd": { symlink: "/etc/passwd" },
      "escape": { symlink: path.join(outside, "secret.txt") },
      "relative-escape": { symlink: "../../../../../../../../" + outside.slice(1) + "/secret.txt" },
      "dir/parent": { symlink: ".." },
    });
    repos.big = createBareRepo(root, "big", {
      "small.txt": "small\n",
      "exact.bin": Buffer.alloc(100 * KB, 7),
      "assets/big.bin": Buffer.alloc(300 * KB, 1),
    });
    const many: Record<string, string> = {};
    for (let i = 0; i < 50; i++) many[`files/f${i}.txt`] = `file ${i}\n`;
    repos.many = createBareRepo(root, "many", many);
    const heavy: Record<string, Buffer> = {};
    for (let i = 0; i < 30; i++) heavy[`data/d${i}.bin`] = Buffer.alloc(60 * KB, i);
    repos.heavy = createBareRepo(root, "heavy", heavy);
    repos.submodule = createBareRepo(root, "submodule", {
      ".gitmodules": '[submodule "vendor/lib"]\n\tpath = vendor/lib\n\turl = http://10.255.255.1:9/unreachable.git\n',
      "vendor/lib": { gitlink: "0123456789abcdef0123456789abcdef01234567" },
      "main.go": "package main\n",
    });
    const marker = path.join(outside, "HOOK-RAN");
    const hookScript = `#!/bin/sh\necho "$0" >> ${marker}\n`;
    repos.hooks = createBareRepo(root, "hooks", {
      "app.js": "console.log('hi');\n",
      ".githooks/post-checkout": { executable: hookScript },
      "hooks/post-checkout": { executable: hookScript },
      ".husky/post-checkout": { executable: hookScript },
    });
    // Hooks in the served repository itself (server side) must not travel either.
    for (const hook of ["post-checkout", "post-merge", "post-update", "pre-upload-pack", "reference-transaction"]) {
      installHook(repos.hooks.path, hook, hookScript);
    }

    server = await startGitHttpServer({ projectRoot: root });
    authServer = await startGitHttpServer({ projectRoot: root, token: TOKEN });
  });

  afterAll(async () => {
    await server?.close();
    await authServer?.close();
    for (const d of [root, workDir, outside]) if (d) rmSync(d, { recursive: true, force: true });
  });

  async function withClone<T>(promise: Promise<SafeCloneResult>, fn: (r: SafeCloneResult) => T | Promise<T>): Promise<T> {
    const result = await promise;
    try {
      return await fn(result);
    } finally {
      await result.cleanup();
    }
  }

  it("clones over smart HTTP at depth 1 and cleans up", async () => {
    const started = Date.now();
    const result = await safeClone({ url: `${server.url}/plain.git`, workDir });
    const elapsed = Date.now() - started;
    try {
      expect(result.headSha).toBe(repos.plain!.headSha);
      expect(result.branch).toBe("main");
      expect(result.fileCount).toBe(3);
      expect(result.limitsHit).toEqual([]);
      expect(result.skippedFiles).toEqual([]);
      expect(walk(result.dir).map((f) => f.rel).sort()).toEqual(["README.md", "package.json", "src/index.ts"]);
      expect(lsFiles(result.dir)).toEqual(["README.md", "package.json", "src/index.ts"]);
      expect(readFileSync(path.join(result.dir, "src/index.ts"), "utf8")).toBe("export const x = 1;\n");
      expect(existsSync(path.join(result.dir, ".git/shallow"))).toBe(true);
      expect(result.dir.startsWith(workDir)).toBe(true);
      console.info(`[measure] safeClone http small repo: ${elapsed} ms (clone ${result.timings.cloneMs} ms, checkout ${result.timings.checkoutMs} ms)`);
    } finally {
      await result.cleanup();
    }
    expect(existsSync(result.dir)).toBe(false);
    await result.cleanup(); // idempotent
  });

  it("contains symlinks: none is created, followed or read", async () => {
    await withClone(safeClone({ url: `${server.url}/symlinks.git`, workDir }), (r) => {
      const files = walk(r.dir);
      expect(files.filter((f) => f.isSymlink)).toEqual([]);
      expect(files.map((f) => f.rel)).toEqual(["ok.txt"]);
      expect(r.skippedFiles.filter((s) => s.reason === "symlink").map((s) => s.path).sort()).toEqual(
        ["dir/parent", "escape", "etc-passwd", "relative-escape"].sort(),
      );
      // nothing in the checkout carries content from outside it
      for (const f of files) expect(readFileSync(path.join(r.dir, f.rel), "utf8")).not.toContain("TOP-SECRET");
      expect(lsFiles(r.dir)).toEqual(["ok.txt"]);
    });
    expect(readFileSync(path.join(outside, "secret.txt"), "utf8")).toBe("TOP-SECRET-OUTSIDE-CONTENT\n");
  });

  it("skips files over the blob cap without fetching them, and records them", async () => {
    const before = server.requests.length;
    await withClone(safeClone({ url: `${server.url}/big.git`, workDir, limits: { maxBlobBytes: 100 * KB } }), (r) => {
      expect(walk(r.dir).map((f) => f.rel).sort()).toEqual(["exact.bin", "small.txt"]);
      expect(r.skippedFiles).toEqual([{ path: "assets/big.bin", reason: "too-large" }]);
      expect(r.limitsHit).toEqual([{ kind: "maxBlobBytes", detail: "1 file over 100.0 KiB left out of the checkout" }]);
      expect(lsFiles(r.dir)).toEqual(["exact.bin", "small.txt"]);
      // The big blob was never downloaded, and asking for it now fails instead of fetching it.
      const bigOid = fixtureGit(repos.big!.path, ["rev-parse", "HEAD:assets/big.bin"]);
      expect(() => fixtureGit(r.dir, ["cat-file", "-e", bigOid])).toThrow();
      expect(() => fixtureGit(r.dir, ["-c", "protocol.version=2", "show", `HEAD:assets/big.bin`])).toThrow();
    });
    const uploads = server.requests.slice(before).filter((q) => q.method === "POST");
    expect(uploads.length).toBeLessThanOrEqual(2); // ls-refs + one fetch; no lazy fetch
  });

  it("refuses a repository with more files than the file cap, before checkout", async () => {
    const before = readdirSync(workDir).length;
    const err = await safeClone({ url: `${server.url}/many.git`, workDir, limits: { maxFiles: 20 } }).catch((e) => e);
    expect(err).toBeInstanceOf(CloneLimitError);
    expect(err.code).toBe("LIMIT_EXCEEDED");
    expect(err.limit).toEqual({ kind: "maxFiles", detail: "50 files, over the 20 file cap" });
    expect(err.message).toBe("repository refused: 50 files, over the 20 file cap");
    expect(readdirSync(workDir).length).toBe(before); // temp dir removed
  });

  it("refuses a repository over the total size cap", async () => {
    const err = await safeClone({
      url: `${server.url}/heavy.git`,
      workDir,
      limits: { maxBlobBytes: 100 * KB, maxBytes: 1024 * KB },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(CloneLimitError);
    expect(err.limit.kind).toBe("maxBytes");
    expect(err.message).toMatch(/over the 1\.0 MiB cap/);
  });

  it("refuses a download over the size cap when the server ignores the filter", async () => {
    const ignoring = createBareRepo(root, "nofilter", { "blob.bin": randomBytes(3 * 1024 * KB) });
    fixtureGit(ignoring.path, ["config", "uploadpack.allowFilter", "false"]);
    const err = await safeClone({ url: `${server.url}/nofilter.git`, workDir, limits: { maxBytes: 1024 * KB } }).catch((e) => e);
    expect(err).toBeInstanceOf(CloneLimitError);
    expect(err.limit.kind).toBe("maxBytes");
    expect(err.message).toMatch(/download/);
  });

  it("ignores .gitmodules and never contacts the submodule URL", async () => {
    const started = Date.now();
    await withClone(safeClone({ url: `${server.url}/submodule.git`, workDir, limits: { timeoutMs: 20_000 } }), (r) => {
      expect(Date.now() - started).toBeLessThan(10_000); // an attempt on 10.255.255.1 would hang
      expect(walk(r.dir).map((f) => f.rel).sort()).toEqual([".gitmodules", "main.go"]);
      expect(r.skippedFiles).toEqual([{ path: "vendor/lib", reason: "submodule" }]);
      expect(existsSync(path.join(r.dir, ".git/modules"))).toBe(false);
    });
  });

  it("never runs hooks: not the repo's, not the server's, not ambient config or templates", async () => {
    const marker = path.join(outside, "HOOK-RAN");
    // Ambient configuration that WOULD run a hook on checkout for a normal git (positive control).
    const evilHooks = path.join(outside, "evil-hooks");
    const evilTemplate = path.join(outside, "evil-template");
    mkdirSync(evilHooks, { recursive: true });
    writeFileSync(path.join(evilHooks, "post-checkout"), `#!/bin/sh\necho ambient >> ${marker}\n`, { mode: 0o755 });
    installHook(evilTemplate, "post-checkout", `#!/bin/sh\necho template >> ${marker}\n`);
    const evilConfig = path.join(outside, "evil.gitconfig");
    writeFileSync(evilConfig, `[core]\n\thooksPath = ${evilHooks}\n[init]\n\ttemplateDir = ${evilTemplate}\n`);

    const control = path.join(workDir, "control");
    // async: the server lives in this process
    await promisify(execFile)("git", ["clone", "--quiet", `${server.url}/hooks.git`, control], {
      env: { PATH: "/usr/bin:/bin", HOME: "/nonexistent", GIT_CONFIG_GLOBAL: evilConfig, GIT_CONFIG_NOSYSTEM: "1" } as Record<string, string> as NodeJS.ProcessEnv,
    });
    expect(readFileSync(marker, "utf8")).toContain("ambient"); // the marker mechanism works
    rmSync(marker);
    rmSync(control, { recursive: true, force: true });

    const saved = { g: process.env.GIT_CONFIG_GLOBAL, t: process.env.GIT_TEMPLATE_DIR };
    process.env.GIT_CONFIG_GLOBAL = evilConfig;
    process.env.GIT_TEMPLATE_DIR = evilTemplate;
    try {
      await withClone(safeClone({ url: `${server.url}/hooks.git`, workDir }), (r) => {
        expect(walk(r.dir).map((f) => f.rel).sort()).toEqual([".githooks/post-checkout", ".husky/post-checkout", "app.js", "hooks/post-checkout"]);
        expect(readdirSync(path.join(r.dir, ".git"))).not.toContain("hooks");
      });
      await withClone(safeClone({ url: repos.hooks!.path, workDir, allowLocal: true }), () => undefined);
    } finally {
      process.env.GIT_CONFIG_GLOBAL = saved.g;
      process.env.GIT_TEMPLATE_DIR = saved.t;
      if (saved.g === undefined) delete process.env.GIT_CONFIG_GLOBAL;
      if (saved.t === undefined) delete process.env.GIT_TEMPLATE_DIR;
    }
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses objects that fsck rejects (a tree entry named .git carrying a hook)", async () => {
    const bare = path.join(root, "dotgit.git");
    fixtureGit(root, ["init", "--quiet", "--bare", "--template=", bare]);
    const blob = fixtureGit(bare, ["hash-object", "-w", "--stdin"], `#!/bin/sh\ntouch ${path.join(outside, "DOTGIT-RAN")}\n`);
    const hooks = fixtureGit(bare, ["mktree"], `100755 blob ${blob}\tpost-checkout\n`);
    const dotgit = fixtureGit(bare, ["mktree"], `040000 tree ${hooks}\thooks\n`);
    const top = fixtureGit(bare, ["mktree"], `040000 tree ${dotgit}\t.git\n100644 blob ${blob}\tok.txt\n`);
    const commit = fixtureGit(bare, ["commit-tree", top, "-m", "evil"]);
    fixtureGit(bare, ["update-ref", "refs/heads/main", commit]);
    fixtureGit(bare, ["symbolic-ref", "HEAD", "refs/heads/main"]);
    const err = await safeClone({ url: `${server.url}/dotgit.git`, workDir }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toMatch(/hasDotgit/);
    expect(existsSync(path.join(outside, "DOTGIT-RAN"))).toBe(false);
  });

  it("authenticates with a token that never lands in argv, .git/config or errors", async () => {
    const denied = await safeClone({ url: `${authServer.url}/plain.git`, workDir }).catch((e) => e);
    expect(denied).toBeInstanceOf(AppError);
    expect(denied.retryable).toBe(true);

    const wrong = fakeGithubToken("ghs", "WrongTokenValue0123456789abcdefABCDEF");
    const wrongErr = await safeClone({ url: `${authServer.url}/plain.git`, token: wrong, workDir }).catch((e) => e);
    expect(wrongErr).toBeInstanceOf(AppError);
    expect(wrongErr.message).not.toContain(wrong);
    expect(wrongErr.message).not.toContain(Buffer.from(`x-access-token:${wrong}`).toString("base64"));
    expect(JSON.stringify(wrongErr.details)).not.toContain(wrong);

    await withClone(safeClone({ url: `${authServer.url}/plain.git`, token: TOKEN, workDir }), (r) => {
      expect(r.headSha).toBe(repos.plain!.headSha);
      const basic = Buffer.from(`x-access-token:${TOKEN}`).toString("base64");
      expect(filesContaining(r.dir, [TOKEN, basic])).toEqual([]);
      const config = readFileSync(path.join(r.dir, ".git/config"), "utf8");
      expect(config).not.toContain(TOKEN);
      expect(config).not.toContain(basic);
      expect(config).not.toMatch(/extraheader/i);
      expect(config).toContain(`url = ${authServer.url}/plain.git`);
    });
    const authed = authServer.requests.filter((q) => q.status === 200);
    expect(authed.length).toBeGreaterThan(0);
    expect(authed.every((q) => q.authorization === `Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString("base64")}`)).toBe(true);
  });

  it("keeps the token out of every process's command line while cloning", async () => {
    const slowAuth = await startGitHttpServer({ projectRoot: root, token: TOKEN, uploadPackDelayMs: 1_500 });
    try {
      const cloning = safeClone({ url: `${slowAuth.url}/plain.git`, token: TOKEN, workDir });
      await new Promise((r) => setTimeout(r, 700));
      const cmdlines: string[] = [];
      for (const pid of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
        try {
          cmdlines.push(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
        } catch {
          // exited
        }
      }
      expect(cmdlines.some((c) => c.includes("git") && c.includes("clone") && c.includes(slowAuth.url))).toBe(true);
      expect(cmdlines.filter((c) => c.includes(TOKEN) || c.includes(Buffer.from(`x-access-token:${TOKEN}`).toString("base64")))).toEqual([]);
      await (await cloning).cleanup();
    } finally {
      await slowAuth.close();
    }
  });

  it("rejects credentials in the URL and tokens over plain http to other hosts", async () => {
    await expect(safeClone({ url: "https://user:pass@example.com/x.git", workDir })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(safeClone({ url: "http://example.com/x.git", token: TOKEN, workDir })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(safeClone({ url: "ssh://git@example.com/x.git", workDir })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(safeClone({ url: "ext::sh -c touch% /tmp/pwned", workDir })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(safeClone({ url: repos.plain!.path, workDir })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("clones local bare and non-bare repositories (path and file://) when allowed", async () => {
    const work = path.join(root, "worktree-repo");
    const sha = createWorkRepo(work, { "a.txt": "a\n", "big.bin": Buffer.alloc(200 * KB, 3) });
    writeFileSync(path.join(work, "uncommitted.txt"), "not committed\n");
    for (const url of [work, `file://${work}`, repos.plain!.path, `file://${repos.plain!.path}`]) {
      await withClone(safeClone({ url, workDir, allowLocal: true, limits: { maxBlobBytes: 100 * KB } }), (r) => {
        if (url.includes("worktree-repo")) {
          expect(r.headSha).toBe(sha);
          expect(walk(r.dir).map((f) => f.rel)).toEqual(["a.txt"]);
          expect(r.skippedFiles).toEqual([{ path: "big.bin", reason: "too-large" }]);
          // a local clone is a real clone: no hardlinks to or alternates of the source's objects
          expect(existsSync(path.join(r.dir, ".git/objects/info/alternates"))).toBe(false);
        } else {
          expect(r.headSha).toBe(repos.plain!.headSha);
        }
      });
    }
  });

  it("fails an empty repository with NOT_FOUND", async () => {
    const empty = path.join(root, "empty.git");
    fixtureGit(root, ["init", "--quiet", "--bare", "--template=", empty]);
    await expect(safeClone({ url: `${server.url}/empty.git`, workDir })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("times out a slow server, killing git, and cleans up", async () => {
    const slow = await startGitHttpServer({ projectRoot: root, uploadPackDelayMs: 5_000 });
    try {
      const before = readdirSync(workDir).length;
      const started = Date.now();
      const err = await safeClone({ url: `${slow.url}/plain.git`, workDir, limits: { timeoutMs: 1_000 } }).catch((e) => e);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(err).toMatchObject({ code: "TIMEOUT" });
      expect(err.retryable).toBe(true);
      expect(readdirSync(workDir).length).toBe(before);

      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      await expect(safeClone({ url: `${slow.url}/plain.git`, workDir, signal: controller.signal })).rejects.toMatchObject({ code: "ABORTED" });
      expect(readdirSync(workDir).length).toBe(before);
    } finally {
      await slow.close();
    }
  });
});

describe("sweepStaleClones", () => {
  it("removes only old clone directories", async () => {
    const parent = makeTempDir("tf-sweep-");
    try {
      const { mkdirSync, utimesSync } = await import("node:fs");
      mkdirSync(path.join(parent, "tf-clone-old/repo"), { recursive: true });
      mkdirSync(path.join(parent, "tf-clone-new/repo"), { recursive: true });
      mkdirSync(path.join(parent, "unrelated"), { recursive: true });
      const old = new Date(Date.now() - 5 * 3600_000);
      utimesSync(path.join(parent, "tf-clone-old"), old, old);
      utimesSync(path.join(parent, "unrelated"), old, old);
      expect(await sweepStaleClones(parent, 3 * 3600_000)).toBe(1);
      expect(readdirSync(parent).sort()).toEqual(["tf-clone-new", "unrelated"]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
