// The shared PrismaClient: created lazily from DATABASE_URL through adapter-pg, reused, and reopened
// after disconnectDb() (shutdown closes the pool; a later call gets a fresh one).
import { afterAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "../../test/support/scratch-db.ts";
import { createDb, db, disconnectDb } from "./client.ts";
import { deployMigrations } from "./migrate/deploy-migrations.ts";
import { defaultMigrationPaths } from "./migrate/migrations-folder.ts";
import path from "node:path";

describe("db()", () => {
  afterAll(async () => {
    await disconnectDb();
  });

  it("queries the migrated database named by DATABASE_URL and returns the same client each time", async () => {
    const client = db();
    expect(db()).toBe(client);
    const [{ one }] = await client.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`;
    expect(one).toBe(1);
    expect(typeof (await client.org.count())).toBe("number");
  });

  it("closes the pool on disconnectDb() and opens a new client afterwards", async () => {
    const before = db();
    await disconnectDb();
    await disconnectDb(); // idempotent
    const after = db();
    expect(after).not.toBe(before);
    const [{ ok }] = await after.$queryRaw<{ ok: boolean }[]>`SELECT true AS ok`;
    expect(ok).toBe(true);
  });
});

describe("createDb()", () => {
  it("writes and reads through the generated client on its own database", async () => {
    const scratch = await createScratchDatabase("tf_client");
    const client = createDb(scratch.url);
    try {
      await deployMigrations({ ...defaultMigrationPaths(path.resolve(import.meta.dirname, "../..")), databaseUrl: scratch.url });
      const org = await client.org.create({ data: { sourceKind: "LOCAL", login: "acme", name: "Acme" }, select: { id: true } });
      const repo = await client.repository.create({
        data: { orgId: org.id, externalId: "api", name: "api", fullName: "acme/api", cloneUrl: "/srv/acme/api", topics: ["x"] },
        select: { topics: true, defaultBranch: true },
      });
      expect(repo).toEqual({ topics: ["x"], defaultBranch: "main" });
    } finally {
      await client.$disconnect();
      await scratch.drop();
    }
  });
});
