// The CLI's fast start: one pre-bundled ES module instead of ~150 TypeScript modules compiled by tsx's
// loader thread on every run (about 0.25 s of a CI run's start-up; measured in bench/cli-start.mjs).
//
// The bundle is a cache, never a second source of truth: it records every input file with its size and
// mtime, and is used only while all of them are unchanged. An edited, added-by-import or deleted source
// makes it stale; the shim then rebuilds it (esbuild, ~0.3 s) or, if that is impossible (read-only
// install, esbuild missing), runs the TypeScript sources through tsx exactly as before.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_OUT_DIR = path.join(ROOT, "node_modules", ".cache", "twelvefactor-cli");

/** @param {string} outDir */
function paths(outDir) {
  return { bundle: path.join(outDir, "cli.mjs"), inputs: path.join(outDir, "cli.inputs.json") };
}

/** @param {string} file */
function stamp(file) {
  const st = statSync(file);
  return `${st.size}:${Math.trunc(st.mtimeMs)}`;
}

/**
 * The bundle's path when it exists and every recorded input is unchanged; null otherwise.
 * @param {string} [outDir]
 */
export function freshBundle(outDir = DEFAULT_OUT_DIR) {
  const p = paths(outDir);
  try {
    const recorded = JSON.parse(readFileSync(p.inputs, "utf8"));
    if (!existsSync(p.bundle) || typeof recorded !== "object" || !recorded.files) return null;
    for (const [rel, want] of Object.entries(recorded.files)) {
      if (stamp(path.join(ROOT, rel)) !== want) return null;
    }
    return p.bundle;
  } catch {
    return null;
  }
}

/**
 * Bundles bin/cli.ts (dependencies stay external: they resolve from node_modules) and records its inputs.
 * Written to temporary names and renamed, so a concurrent run never imports half a file.
 * @param {string} [outDir]
 * @returns {Promise<string>} the bundle's path
 */
export async function buildBundle(outDir = DEFAULT_OUT_DIR) {
  const esbuild = await import("esbuild");
  const p = paths(outDir);
  mkdirSync(outDir, { recursive: true });
  const tmp = `${p.bundle}.${process.pid}.tmp`;
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, "bin", "cli.ts")],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    packages: "external",
    outfile: tmp,
    metafile: true,
    logLevel: "silent",
  });
  /** @type {Record<string, string>} */
  const files = {};
  for (const rel of Object.keys(result.metafile.inputs)) files[rel] = stamp(path.join(ROOT, rel));
  // The bundle lives under node_modules/.cache: bare imports must resolve from the project's node_modules,
  // which they do from any directory below ROOT.
  renameSync(tmp, p.bundle);
  const tmpInputs = `${p.inputs}.${process.pid}.tmp`;
  writeFileSync(tmpInputs, JSON.stringify({ builtAt: new Date().toISOString(), files }));
  renameSync(tmpInputs, p.inputs);
  return p.bundle;
}
