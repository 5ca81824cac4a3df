import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildBundle, freshBundle, ROOT } from "./cli-bundle.mjs";
import { main as sourceMain } from "./cli.ts";
import { writeFixture } from "../lib/scanner/testing.ts";

// Below ROOT so the bundle's bare imports resolve from the project's node_modules, as the real one does.
const outDir = path.join(ROOT, "node_modules", ".cache", `twelvefactor-cli-test-${process.pid}-${Date.now()}`);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

type Main = (argv: string[], io?: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }) => Promise<number>;

async function runJson(main: Main, dir: string): Promise<Record<string, unknown>> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: string[] = [];
  stdout.on("data", (d) => chunks.push(String(d)));
  expect(await main(["scan", dir, "--format", "json"], { stdout, stderr })).toBe(0);
  const report = JSON.parse(chunks.join("")) as Record<string, unknown>;
  delete report.timings;
  return report;
}

describe("CLI bundle (bin/cli-bundle.mjs)", () => {
  it("builds a bundle that scans exactly like the sources", async () => {
    const bundle = (await buildBundle(outDir)) as string;
    expect(freshBundle(outDir)).toBe(bundle);
    const { main: bundledMain } = (await import(pathToFileURL(bundle).href)) as { main: Main };
    const { dir, cleanup } = await writeFixture({
      "package.json": JSON.stringify({ name: "api", private: true, dependencies: { express: "^4" } }),
      "server.js": "const s = 'sk_live_" + "a".repeat(24) + "';\nrequire('express')().listen(3000);\n",
    });
    try {
      const fromBundle = await runJson(bundledMain, dir);
      expect(fromBundle).toEqual(await runJson(sourceMain, dir));
      expect((fromBundle.factors as unknown[]).length).toBe(12);
    } finally {
      await cleanup();
    }
  }, 60_000);

  it("is stale as soon as one recorded input differs or is gone", async () => {
    const inputsFile = path.join(outDir, "cli.inputs.json");
    const original = readFileSync(inputsFile, "utf8");
    const recorded = JSON.parse(original) as { files: Record<string, string> };
    expect(Object.keys(recorded.files)).toEqual(expect.arrayContaining(["bin/cli.ts", "lib/scanner/score.ts"]));
    try {
      const edited = { ...recorded, files: { ...recorded.files, "lib/scanner/score.ts": "1:1" } };
      writeFileSync(inputsFile, JSON.stringify(edited));
      expect(freshBundle(outDir)).toBeNull();
      const deleted = { ...recorded, files: { ...recorded.files, "lib/scanner/no-such-rule.ts": "1:1" } };
      writeFileSync(inputsFile, JSON.stringify(deleted));
      expect(freshBundle(outDir)).toBeNull();
    } finally {
      writeFileSync(inputsFile, original);
    }
    expect(freshBundle(outDir)).not.toBeNull();
    expect(freshBundle(path.join(outDir, "missing"))).toBeNull();
  });

  it("the package bin runs end to end", async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [path.join(ROOT, "bin", "twelvefactor.mjs"), "--version"], (e, stdout) => (e ? reject(e) : resolve(stdout))),
    );
    expect(out).toMatch(/twelvefactor \d+\.\d+\.\d+/);
  }, 60_000);
});
