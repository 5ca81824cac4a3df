// The README and .env.example must document every variable the code reads (lib/env.ts is the only reader).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoEnvSchema, e2eEnvSchema, envSchema } from "../lib/env.ts";

const root = path.resolve(import.meta.dirname, "..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const envExample = readFileSync(path.join(root, ".env.example"), "utf8");
const variables = [...new Set([...Object.keys(envSchema.shape), ...Object.keys(demoEnvSchema.shape), ...Object.keys(e2eEnvSchema.shape)])];

describe("documentation", () => {
  it.each(variables)("README documents %s in the configuration table", (name) => {
    expect(readme).toMatch(new RegExp("^\\| `" + name + "` \\|", "m"));
  });
  it.each(Object.keys(envSchema.shape))(".env.example lists %s", (name) => {
    expect(envExample).toMatch(new RegExp("^#? ?" + name + "=", "m"));
  });
  it("README quick start uses the two documented commands", () => {
    expect(readme).toContain("npm ci && npm run demo");
    expect(readme).toContain("npm ci && npm test");
  });
});
