// pingDatabase against the real PostgreSQL of the test run.
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb } from "./client.ts";
import { pingDatabase } from "./health.ts";

afterAll(async () => {
  await disconnectDb();
});

describe("pingDatabase", () => {
  it("resolves when the database answers", async () => {
    await expect(pingDatabase()).resolves.toBeUndefined();
  });
});
