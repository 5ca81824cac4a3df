// `migrate drift`: compares the live database with prisma/schema.prisma (tables, columns, enums, indexes
// in `public`; pg-boss's own schema is outside schema.prisma's view). Needs no shadow database, so it is
// safe to run against production. `script` is the SQL that would bring the database to the schema.
import path from "node:path";
import { NO_FILTERS, withSchemaEngine, type MigrateTarget } from "./schema-engine.ts";

export type DriftResult = { drifted: boolean; script: string };

const EXIT_CODE_DIFF = 2;

export async function detectDrift(target: MigrateTarget): Promise<DriftResult> {
  const out = await withSchemaEngine(target, ({ engine, schema }) =>
    engine.diff({
      from: { tag: "schemaDatasource", files: [schema], configDir: path.dirname(schema.path) },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    }),
  );
  return { drifted: out.exitCode === EXIT_CODE_DIFF, script: out.stdout ?? "" };
}
