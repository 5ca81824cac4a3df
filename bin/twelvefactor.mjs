#!/usr/bin/env node
// Package `bin` shim: registers tsx so the TypeScript CLI runs without a build step
// (`npx twelvefactor scan .` after `npm ci`, on the Node version from node_modules).
import { register } from "tsx/esm/api";

register();
const { main } = await import("./cli.ts");
process.exitCode = await main(process.argv.slice(2));
