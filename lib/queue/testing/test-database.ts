// Test-only: a database of the test file's own (migrated, with the queue schema installed), so
// workers and queues of parallel test files never see each other's jobs.
import path from "node:path";
import { createDb } from "../../db/client.ts";
import type { PrismaClient } from "../../db/generated/prisma/client.ts";
import { deployMigrations } from "../../db/migrate/deploy-migrations.ts";
import { defaultMigrationPaths } from "../../db/migrate/migrations-folder.ts";
import { createScratchDatabase } from "../../../test/support/scratch-db.ts";
import { installQueueSchema } from "../boss.ts";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");

export interface TestDatabase {
  url: string;
  db: PrismaClient;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const scratch = await createScratchDatabase(prefix);
  await deployMigrations({ ...defaultMigrationPaths(REPO_ROOT), databaseUrl: scratch.url });
  await installQueueSchema(scratch.url);
  const db = createDb(scratch.url);
  return {
    url: scratch.url,
    db,
    async drop() {
      await db.$disconnect();
      await scratch.drop();
    },
  };
}
