#!/usr/bin/env node
// Package `bin` shim (`npx twelvefactor scan .` after `npm ci`, on the Node version from node_modules).
// Runs a bundle of the CLI when one matching the current sources exists (built on first use, see
// bin/cli-bundle.mjs), else the TypeScript sources through tsx. V8's compile cache (Node >= 22.1) keeps
// compiled bytecode between runs in the OS temp dir.
import module from "node:module";
import { pathToFileURL } from "node:url";
import { buildBundle, freshBundle } from "./cli-bundle.mjs";

module.enableCompileCache?.();

async function loadMain() {
  let bundle = freshBundle();
  if (!bundle) {
    try {
      bundle = await buildBundle();
    } catch {
      bundle = null; // read-only install or no esbuild: the sources still run
    }
  }
  if (bundle) return (await import(pathToFileURL(bundle).href)).main;
  const { register } = await import("tsx/esm/api");
  register();
  return (await import("./cli.ts")).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
