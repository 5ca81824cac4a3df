import { PassThrough } from "node:stream";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main, isGitUrl } from "./cli.ts";
import { writeFixture } from "../lib/scanner/testing.ts";
import { startGitHttpServer } from "../lib/git/testing/git-http-server.ts";
import { createBareRepo, makeTempDir } from "../lib/git/testing/make-repo.ts";
import { rmSync } from "node:fs";

function io(tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty, columns: 100 });
  stdout.on("data", (d) => out.push(String(d)));
  stderr.on("data", (d) => err.push(String(d)));
  return { io: { stdout, stderr }, out: () => out.join(""), err: () => err.join("") };
}

const app = {
  "package.json": JSON.stringify({ name: "api", private: true, dependencies: { express: "^4" } }),
  "server.js": "require('express')().listen(3000);\n",
};

describe("twelvefactor CLI", () => {
  it("scans a path and prints a table; exit 0", async () => {
    const { dir, cleanup } = await writeFixture(app);
    try {
      const t = io();
      expect(await main(["scan", dir], t.io)).toBe(0);
      expect(t.out()).toContain("Grade:");
      expect(t.err()).toBe("");
    } finally {
      await cleanup();
    }
  });

  it("writes JSON / SARIF / markdown and to --output", async () => {
    const { dir, cleanup } = await writeFixture(app);
    try {
      const j = io();
      expect(await main(["scan", dir, "--format", "json"], j.io)).toBe(0);
      expect(JSON.parse(j.out()).factors).toHaveLength(12);
      const s = io();
      expect(await main(["scan", dir, "--format=sarif"], s.io)).toBe(0);
      expect(JSON.parse(s.out()).version).toBe("2.1.0");
      const m = io();
      expect(await main(["scan", dir, "-f", "markdown"], m.io)).toBe(0);
      expect(m.out()).toMatch(/^# Twelve-factor report/);
      const o = io();
      const file = path.join(dir, "report.json");
      expect(await main(["scan", dir, "--format", "json", "--output", file], o.io)).toBe(0);
      expect(o.out()).toBe("");
      expect(JSON.parse(await readFile(file, "utf8")).schemaVersion).toBe(1);
    } finally {
      await cleanup();
    }
  });

  it("exits 1 below --fail-under and 0 at or above it", async () => {
    const { dir, cleanup } = await writeFixture(app);
    try {
      const t = io();
      expect(await main(["scan", dir, "--format", "json", "--fail-under", "100"], t.io)).toBe(1);
      expect(t.err()).toMatch(/below --fail-under 100/);
      const t2 = io();
      expect(await main(["scan", dir, "--format", "json", "--fail-under", "0"], t2.io)).toBe(0);
    } finally {
      await cleanup();
    }
  });

  it("exits 2 with a one-line message on usage and scan errors", async () => {
    for (const args of [["scan"], ["scan", ".", "--format", "xml"], ["scan", ".", "--fail-under", "abc"], ["frobnicate"], ["scan", ".", "--bogus"]]) {
      const t = io();
      expect(await main(args, t.io), args.join(" ")).toBe(2);
      expect(t.err().split("\n")[0]).toMatch(/^twelvefactor: /);
      expect(t.out()).toBe("");
    }
    const t = io();
    expect(await main(["scan", "/definitely/not/here"], t.io)).toBe(2);
    expect(t.err()).toBe("twelvefactor: error: path not found: /definitely/not/here\n");
  });

  it("shows progress on stderr only when it is a TTY, never on stdout", async () => {
    const { dir, cleanup } = await writeFixture(app);
    try {
      const tty = io(true);
      expect(await main(["scan", dir, "--format", "json"], tty.io)).toBe(0);
      expect(tty.err()).toMatch(/running rules|reading files|listing files/);
      expect(() => JSON.parse(tty.out())).not.toThrow();
      const quiet = io(true);
      expect(await main(["scan", dir, "--format", "json", "--quiet"], quiet.io)).toBe(0);
      expect(quiet.err()).toBe("");
    } finally {
      await cleanup();
    }
  });

  it("recognises git URLs", () => {
    expect(isGitUrl("https://github.com/acme/api.git")).toBe(true);
    expect(isGitUrl("git@github.com:acme/api.git")).toBe(true);
    expect(isGitUrl("./local/dir")).toBe(false);
    expect(isGitUrl("/abs/path")).toBe(false);
  });

  it("clones a git URL over HTTP with the hardened clone, scans it and reports its commit", async () => {
    const root = makeTempDir("tf-cli-remote-");
    const { headSha } = createBareRepo(root, "api", app);
    const server = await startGitHttpServer({ projectRoot: root });
    try {
      const t = io();
      expect(await main(["scan", `${server.url}/api.git`, "--format", "json"], t.io)).toBe(0);
      const report = JSON.parse(t.out());
      expect(report.repo.commit).toBe(headSha);
      expect(report.factors).toHaveLength(12);
      const vii = report.factors.find((f: { id: string }) => f.id === "VII");
      expect(vii.findings.some((f: { rule: string; path: string }) => f.rule === "F07-HARDCODED-LISTEN-PORT" && f.path === "server.js")).toBe(true);
      expect(server.requests.some((r) => r.url.includes("git-upload-pack"))).toBe(true);
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("lists rules", async () => {
    const t = io();
    expect(await main(["rules", "--format", "json"], t.io)).toBe(0);
    expect(JSON.parse(t.out()).length).toBeGreaterThan(20);
  });
});
