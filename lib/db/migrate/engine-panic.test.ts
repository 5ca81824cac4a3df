// A Rust panic inside the WebAssembly schema engine must surface as an error carrying the panic message
// (the engine would otherwise leave the operation's promise pending forever: a hung migration). The
// process's engine is unusable afterwards, which later calls say, so this runs in its own test file.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createScratchDatabase } from "../../../test/support/scratch-db.ts";
import { deployMigrations } from "./deploy-migrations.ts";
import { defaultMigrationPaths } from "./migrations-folder.ts";
import { withSchemaEngine } from "./schema-engine.ts";

describe("a schema engine panic", () => {
  it("rejects with the panic message instead of hanging, and later calls fail fast", async () => {
    const scratch = await createScratchDatabase("tf_panic");
    try {
      const target = { ...defaultMigrationPaths(path.resolve(import.meta.dirname, "../../..")), databaseUrl: scratch.url };
      await expect(withSchemaEngine(target, async ({ engine }) => engine.debugPanic())).rejects.toThrow(/schema engine panicked/);
      await expect(deployMigrations(target)).rejects.toThrow(/unusable after an earlier panic/);
    } finally {
      await scratch.drop();
    }
  });
});
