// The offline migration commands against a real PostgreSQL: deploy on an empty database, re-deploy as a
// no-op, _prisma_migrations matching the folder, status, drift, create (no changes / a change / with a
// configured shadow database), atomic failing migrations, and no leaked shadow databases.
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, createScratchDatabase, testDatabaseUrl, type ScratchDatabase } from "../../../test/support/scratch-db.ts";
import { createMigration, migrationDirectoryName } from "./create-migration.ts";
import { deployMigrations } from "./deploy-migrations.ts";
import { detectDrift } from "./detect-drift.ts";
import { migrationStatus } from "./migration-status.ts";
import { defaultMigrationPaths, LOCKFILE_CONTENT, normaliseMigrationName, readMigrationsList } from "./migrations-folder.ts";

const repo = defaultMigrationPaths(path.resolve(import.meta.dirname, "../../.."));

type MigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};

const rows = (url: string) =>
  adminQuery<MigrationRow>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');

const shadowDatabases = async () =>
  (await adminQuery<{ datname: string }>(testDatabaseUrl(), "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'"))
    .map((r) => r.datname);

/** A private copy of prisma/ (schema + migrations) that a test may change. */
async function copyOfPrismaFolder(): Promise<{ schemaPath: string; migrationsDir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tf-migrate-"));
  await cp(repo.schemaPath, path.join(dir, "schema.prisma"));
  await cp(repo.migrationsDir, path.join(dir, "migrations"), { recursive: true });
  return {
    schemaPath: path.join(dir, "schema.prisma"),
    migrationsDir: path.join(dir, "migrations"),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

describe("the migrations folder", () => {
  it("holds Prisma Migrate's layout: timestamped directories with migration.sql, and the lockfile", async () => {
    const list = await readMigrationsList(repo.migrationsDir);
    expect(list.lockfile.content).toBe(LOCKFILE_CONTENT);
    expect(list.migrationDirectories.length).toBeGreaterThan(0);
    for (const dir of list.migrationDirectories) {
      expect(dir.path).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(dir.migrationFile.content.tag).toBe("ok");
    }
    expect(list.migrationDirectories[0]!.path).toMatch(/_init$/);
  });

  it("names migrations as Prisma does", () => {
    expect(migrationDirectoryName("Add scan index", new Date("2026-01-02T03:04:05Z"))).toBe("20260102030405_add_scan_index");
    expect(normaliseMigrationName("  user-Email ")).toBe("user_email");
    expect(() => normaliseMigrationName("!!!")).toThrow(/invalid migration name/);
  });
});

describe("deploy", () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase("tf_migrate");
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it("reports every migration pending on an empty database", async () => {
    const status = await migrationStatus({ ...repo, databaseUrl: scratch.url });
    expect(status.hasMigrationsTable).toBe(false);
    expect(status.upToDate).toBe(false);
    expect(status.pending).toEqual(status.migrations);
  });

  it("applies all migrations to an empty database", async () => {
    const folder = await readMigrationsList(repo.migrationsDir);
    const names = folder.migrationDirectories.map((d) => d.path);
    const result = await deployMigrations({ ...repo, databaseUrl: scratch.url });
    expect(result).toEqual({ applied: names, total: names.length });
    const tables = await adminQuery<{ tablename: string }>(
      scratch.url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining(["FactorResult", "Finding", "Org", "Repository", "Scan", "_prisma_migrations"]),
    );
  });

  it("records one _prisma_migrations row per folder migration, with Prisma's checksum (sha256 of migration.sql)", async () => {
    const folder = await readMigrationsList(repo.migrationsDir);
    const expected = await Promise.all(
      folder.migrationDirectories.map(async (d) => ({
        migration_name: d.path,
        checksum: createHash("sha256")
          .update(await readFile(path.join(repo.migrationsDir, d.path, "migration.sql")))
          .digest("hex"),
      })),
    );
    const applied = await rows(scratch.url);
    expect(applied.map((r) => ({ migration_name: r.migration_name, checksum: r.checksum }))).toEqual(expected);
    for (const row of applied) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("is a no-op when re-applied", async () => {
    const before = await rows(scratch.url);
    const result = await deployMigrations({ ...repo, databaseUrl: scratch.url });
    expect(result.applied).toEqual([]);
    expect(await rows(scratch.url)).toEqual(before);
  });

  it("leaves the database up to date and matching schema.prisma", async () => {
    const status = await migrationStatus({ ...repo, databaseUrl: scratch.url });
    expect(status).toMatchObject({ upToDate: true, pending: [], failed: [], edited: [], hasMigrationsTable: true });
    expect(await detectDrift({ ...repo, databaseUrl: scratch.url })).toEqual({ drifted: false, script: expect.any(String) });
  });

  it("detects drift when the database is changed by hand", async () => {
    await adminQuery(scratch.url, 'ALTER TABLE "Org" ADD COLUMN "handMade" integer');
    try {
      const drift = await detectDrift({ ...repo, databaseUrl: scratch.url });
      expect(drift.drifted).toBe(true);
      expect(drift.script).toMatch(/DROP COLUMN "handMade"/);
    } finally {
      await adminQuery(scratch.url, 'ALTER TABLE "Org" DROP COLUMN "handMade"');
    }
  });
});

describe("create", () => {
  // The main database already holds the tables: if the shadow replay ran against it (adapter-pg bug 1),
  // the replay would fail with `relation "Org" already exists`.
  let main: ScratchDatabase;
  beforeAll(async () => {
    main = await createScratchDatabase("tf_create");
    await deployMigrations({ ...repo, databaseUrl: main.url });
  });
  afterAll(async () => {
    await main?.drop();
  });

  it("reports no changes when schema.prisma matches the migrations, writes nothing, leaks no shadow database", async () => {
    const folder = await copyOfPrismaFolder();
    try {
      const shadowsBefore = await shadowDatabases();
      const before = await readdir(folder.migrationsDir);
      const result = await createMigration({ ...folder, databaseUrl: main.url }, "nothing");
      expect(result).toEqual({ created: false });
      expect(await readdir(folder.migrationsDir)).toEqual(before);
      expect(await shadowDatabases()).toEqual(shadowsBefore);
    } finally {
      await folder.dispose();
    }
  });

  it("writes a migration for a schema change, which then deploys and leaves no drift", async () => {
    const folder = await copyOfPrismaFolder();
    const target = await createScratchDatabase("tf_create_apply");
    const shadowsBefore = await shadowDatabases();
    try {
      const schema = await readFile(folder.schemaPath, "utf8");
      await writeFile(folder.schemaPath, schema.replace("  avatarUrl            String?\n", "  avatarUrl            String?\n  homepage String?\n"));
      const result = await createMigration({ ...folder, databaseUrl: main.url }, "org homepage");
      if (!result.created) throw new Error("expected a migration");
      expect(result.name).toMatch(/^\d{14}_org_homepage$/);
      expect(result.sql).toMatch(/ALTER TABLE "Org" ADD COLUMN\s+"homepage" TEXT/);
      expect(await readFile(result.file, "utf8")).toBe(result.sql);
      expect(await shadowDatabases()).toEqual(shadowsBefore);

      const deployed = await deployMigrations({ ...folder, databaseUrl: target.url });
      expect(deployed.applied.at(-1)).toBe(result.name);
      expect((await detectDrift({ ...folder, databaseUrl: target.url })).drifted).toBe(false);
      // The main database was only read: the shadow replay did not touch it.
      expect((await rows(main.url)).map((r) => r.migration_name)).not.toContain(result.name);
    } finally {
      await target.drop();
      await folder.dispose();
    }
  });

  it("uses SHADOW_DATABASE_URL when given (wiping it), and refuses the main database as shadow", async () => {
    const folder = await copyOfPrismaFolder();
    const shadow = await createScratchDatabase("tf_shadow");
    try {
      await adminQuery(shadow.url, "CREATE TABLE leftover (id int)");
      const result = await createMigration({ ...folder, databaseUrl: main.url, shadowDatabaseUrl: shadow.url }, "nothing");
      expect(result).toEqual({ created: false });
      const leftover = await adminQuery(shadow.url, "SELECT 1 FROM pg_tables WHERE tablename = 'leftover'");
      expect(leftover).toEqual([]);
      await expect(createMigration({ ...folder, databaseUrl: main.url, shadowDatabaseUrl: main.url }, "x")).rejects.toThrow(
        /same database/,
      );
    } finally {
      await shadow.drop();
      await folder.dispose();
    }
  });

  it("writes an empty migration with draft when nothing changed", async () => {
    const folder = await copyOfPrismaFolder();
    try {
      const result = await createMigration({ ...folder, databaseUrl: main.url }, "backfill", { draft: true });
      expect(result).toMatchObject({ created: true, sql: "-- This is an empty migration.\n" });
    } finally {
      await folder.dispose();
    }
  });
});

describe("a migration script", () => {
  it("runs whole, like Prisma's native engine: `;` inside literals and function bodies works, a failure rolls back", async () => {
    const folder = await copyOfPrismaFolder();
    const scratch = await createScratchDatabase("tf_script");
    try {
      const add = async (name: string, sql: string) => {
        await mkdir(path.join(folder.migrationsDir, name));
        await writeFile(path.join(folder.migrationsDir, name, "migration.sql"), sql);
      };
      await add(
        "29990101000000_semicolons",
        `CREATE TABLE "Note" ("id" integer, "body" text DEFAULT 'a; b');\n` +
          `CREATE FUNCTION note_one() RETURNS integer AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;\n` +
          `INSERT INTO "Note" VALUES (1, 'x;y');\n`,
      );
      await deployMigrations({ ...folder, databaseUrl: scratch.url });
      expect(await adminQuery(scratch.url, 'SELECT body, note_one() AS one FROM "Note"')).toEqual([{ body: "x;y", one: 1 }]);

      await add("29990101000001_broken", `CREATE TABLE "Half" ("id" integer);\nSELECT 1/0;\n`);
      await expect(deployMigrations({ ...folder, databaseUrl: scratch.url })).rejects.toThrow(/division by zero/);
      expect(await adminQuery(scratch.url, "SELECT 1 FROM pg_tables WHERE tablename = 'Half'")).toEqual([]);
      const status = await migrationStatus({ ...folder, databaseUrl: scratch.url });
      expect(status.failed).toEqual(["29990101000001_broken"]);
      expect(status.upToDate).toBe(false);
    } finally {
      await scratch.drop();
      await folder.dispose();
    }
  });
});

