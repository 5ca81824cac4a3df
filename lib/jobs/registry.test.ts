// Every job file is registered, and every registered job has a sane policy.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JOBS } from "./registry.ts";
import { JOB_SPECS } from "./specs/index.ts";

/** Modules in lib/jobs that are helpers, not jobs. */
const HELPERS = new Set(["registry.ts", "enqueue-scan.ts"]);

describe("job registry", () => {
  it("registers every job file in lib/jobs exactly once", async () => {
    const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !HELPERS.has(f));
    const exported = [];
    for (const file of files) {
      const mod = (await import(path.join(import.meta.dirname, file))) as Record<string, unknown>;
      const jobs = Object.values(mod).filter((v) => typeof v === "object" && v !== null && "handle" in v && "schema" in v);
      expect(jobs, `${file} should export exactly one job`).toHaveLength(1);
      expect((jobs[0] as unknown as { name: string }).name).toBe(file.replace(/\.ts$/, ""));
      exported.push(jobs[0]);
    }
    expect(new Set(JOBS)).toEqual(new Set(exported));
    expect(new Set(JOBS.map((j) => j.name)).size).toBe(JOBS.length);
  });

  it("has one spec per job, in lib/jobs/specs/<name>.ts, listed in JOB_SPECS", async () => {
    const dir = path.join(import.meta.dirname, "specs");
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "index.ts");
    expect(files.map((f) => f.replace(/\.ts$/, "")).sort()).toEqual(JOBS.map((j) => j.name).sort());
    expect(JOB_SPECS.map((s) => s.name).sort()).toEqual(JOBS.map((j) => j.name).sort());
    for (const job of JOBS) {
      const spec = JOB_SPECS.find((s) => s.name === job.name)!;
      const { handle: _handle, ...rest } = job;
      expect(rest, job.name).toEqual(spec);
    }
  });

  it("gives every job a retry policy, an expiry and an idempotency key", () => {
    for (const job of JOBS) {
      expect(job.retryLimit, job.name).toBeGreaterThanOrEqual(1);
      expect(job.expireInSeconds, job.name).toBeGreaterThan(0);
      expect(job.policy, job.name).toBe("stately");
      expect(job.singletonKey, job.name).toBeTypeOf("function");
    }
  });
});
