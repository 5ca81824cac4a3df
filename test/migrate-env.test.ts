// Factor III at the migrate admin process: a malformed DATABASE_URL stops it before it touches anything,
// with exactly one line naming the variable.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function runMigrate(env: Record<string, string | undefined>) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return spawnSync(process.execPath, ["--import", "tsx", "bin/migrate.ts", "deploy"], {
    cwd: ROOT,
    env: { ...rest, ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("bin/migrate.ts environment validation", () => {
  it("exits non-zero with one line naming DATABASE_URL when it is malformed", () => {
    const result = runMigrate({ DATABASE_URL: "not-a-url" });
    expect(result.status).not.toBe(0);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("DATABASE_URL");
    expect(lines[0]).toMatch(/malformed/);
    expect(result.stdout).toBe("");
  });

  it("names DATABASE_URL when it is missing", () => {
    const result = runMigrate({});
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/DATABASE_URL is required but not set/)]);
  });
});
