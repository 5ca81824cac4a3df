// Seeds the database the web server and worker were started with (DATABASE_URL, set by npm test).
import { createDb } from "../lib/db/client.ts";
import { parseE2eEnv } from "../lib/env.ts";
import { seedDatabase } from "./fixtures/seed.ts";
import { seedDashboard } from "./support/seed-dashboard.ts";
import { seedHistory } from "./support/seed-history.ts";

export default async function globalSetup(): Promise<void> {
  const client = createDb(parseE2eEnv().DATABASE_URL);
  try {
    await seedDatabase(client);
    await seedDashboard(client);
    await seedHistory(client);
    await (await import("./support/seed-email.ts")).seedEmailPreview(client);
  } finally {
    await client.$disconnect();
  }
}
