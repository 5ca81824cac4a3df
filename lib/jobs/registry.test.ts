// Every job file is registered, and every registered job has a sane policy.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JOBS } from "./registry.ts";

describe("job registry", () => {
  it("registers every job file in lib/jobs exactly once", async () => {
    const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "registry.ts");
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

  it("gives every job a retry policy, an expiry and an idempotency key", () => {
    for (const job of JOBS) {
      expect(job.retryLimit, job.name).toBeGreaterThanOrEqual(1);
      expect(job.expireInSeconds, job.name).toBeGreaterThan(0);
      expect(job.policy, job.name).toBe("stately");
      expect(job.singletonKey, job.name).toBeTypeOf("function");
    }
  });
});
