import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeClone } from "../git/safe-clone.ts";
import { createBareRepo, createWorkRepo, fixtureGit, makeTempDir } from "../git/testing/make-repo.ts";
import { LocalSource } from "./local-source.ts";
import { sourceForOrg } from "./source-for-org.ts";

describe("LocalSource", () => {
  let root: string;
  let elsewhere: string;
  let bareSha: string;
  let workSha: string;

  beforeAll(() => {
    root = makeTempDir("tf-local-source-");
    elsewhere = makeTempDir("tf-elsewhere-");
    bareSha = createBareRepo(root, "api", { "server.js": "require('http').createServer().listen(process.env.PORT);\n" }).headSha;
    workSha = createWorkRepo(path.join(root, "web"), { "index.html": "<h1>hi</h1>\n" });
    fixtureGit(path.join(root, "web"), ["checkout", "--quiet", "-b", "trunk"]);
    fixtureGit(root, ["init", "--quiet", "--bare", "--initial-branch=main", "--template=", path.join(root, "empty.git")]);
    mkdirSync(path.join(root, "not-a-repo"));
    writeFileSync(path.join(root, "README.txt"), "a file, not a repository\n");
    mkdirSync(path.join(root, ".hidden"));
    createWorkRepo(path.join(elsewhere, "linked"), { "a.txt": "a\n" });
    symlinkSync(path.join(elsewhere, "linked"), path.join(root, "linked"));
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it("lists bare and non-bare repositories with metadata, skipping everything else", async () => {
    const source = new LocalSource({ login: "acme", path: root });
    const repos = await source.listRepositories();
    expect(repos.map((r) => r.externalId)).toEqual(["api.git", "empty.git", "linked", "web"]);
    const api = repos.find((r) => r.name === "api")!;
    expect(api).toMatchObject({
      externalId: "api.git",
      fullName: "acme/api",
      cloneUrl: path.join(root, "api.git"),
      defaultBranch: "main",
      headSha: bareSha,
      archived: false,
      fork: false,
      visibility: "private",
      htmlUrl: null,
    });
    expect(repos.find((r) => r.name === "web")).toMatchObject({ defaultBranch: "trunk", headSha: workSha });
    expect(repos.find((r) => r.name === "empty")).toMatchObject({ headSha: null, defaultBranch: "main" });
  });

  it("gives clone access inside its directory only, and the access clones", async () => {
    const source = sourceForOrg({ sourceKind: "LOCAL", login: "acme", name: "Acme", localPath: root });
    const access = await source.cloneAccess({ externalId: "api.git", cloneUrl: "/somewhere/else" });
    expect(access).toEqual({ url: path.join(root, "api.git"), local: true });
    await expect(source.cloneAccess({ externalId: "../etc", cloneUrl: "" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(source.cloneAccess({ externalId: "a/b", cloneUrl: "" })).rejects.toMatchObject({ code: "VALIDATION" });
    const clone = await safeClone({ url: access.url, allowLocal: access.local });
    try {
      expect(clone.headSha).toBe(bareSha);
    } finally {
      await clone.cleanup();
    }
  });

  it("fails clearly for a missing directory and a relative path", async () => {
    await expect(new LocalSource({ login: "x", path: path.join(root, "nope") }).listRepositories()).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(() => new LocalSource({ login: "x", path: "relative/dir" })).toThrow(/absolute path/);
    expect(() => sourceForOrg({ sourceKind: "GITHUB", login: "x", name: "x", localPath: null })).toThrow(/no App installation/);
  });
});
