// The migrate admin command end to end (what bin/migrate.ts runs): deploy installs both the Prisma
// migrations and the job queue's schema, idempotently; status and drift report through exit codes.
import { describe, expect, it } from "vitest";
import { adminQuery, createScratchDatabase } from "../../../test/support/scratch-db.ts";
import { runMigrateCommand } from "./run-migrate-command.ts";

describe("runMigrateCommand", () => {
  it("deploy applies the migrations and installs the queue schema; both are idempotent", async () => {
    const scratch = await createScratchDatabase("tf_cmd");
    try {
      const databases = { databaseUrl: scratch.url };
      expect(await runMigrateCommand(["status"], databases)).toBe(1);
      expect(await runMigrateCommand(["deploy"], databases)).toBe(0);
      expect(await runMigrateCommand(["deploy"], databases)).toBe(0);
      const schemas = await adminQuery<{ nspname: string }>(scratch.url, "SELECT nspname FROM pg_namespace WHERE nspname IN ('public', 'pgboss') ORDER BY 1");
      expect(schemas.map((s) => s.nspname)).toEqual(["pgboss", "public"]);
      expect(await runMigrateCommand(["status"], databases)).toBe(0);
      // The queue schema is outside schema.prisma's view: it is not drift.
      expect(await runMigrateCommand(["drift"], databases)).toBe(0);
    } finally {
      await scratch.drop();
    }
  });

  it("answers usage errors with exit code 64", async () => {
    const databases = { databaseUrl: "postgresql://unused@127.0.0.1:1/none" };
    expect(await runMigrateCommand([], databases)).toBe(64);
    expect(await runMigrateCommand(["create"], databases)).toBe(64);
    expect(await runMigrateCommand(["bogus"], databases)).toBe(64);
  });
});
