// Workaround 3 of 3 for @prisma/adapter-pg 7.10.1 under the schema engine (STACK.md §2): the adapter
// has no column-type mapping for OID 18 (`"char"`, used throughout pg_catalog), so every diff that
// introspects a non-empty database fails with "Column type 'char' could not be deserialized".
//
// Two parts, because the engine also needs to see those columns AS characters (its describer reads
// e.g. pg_constraint.contype with get_char(); PostgreSQL 18 stores NOT NULL constraints there, so a
// plain "report it as text" patch panics on PG 18 while passing on PG 15):
//  1. installCharOidPatch(): node-postgres reports OID 18 columns as text (OID 25), marked, so the
//     adapter does not throw. It changes a process-wide prototype, so ONLY the migration process may
//     install it (bin/migrate.ts and tests of lib/db/migrate); app processes never import this file.
//  2. restoreCharColumns(adapter): the adapter's results report the marked columns as Character.
import pg from "pg";
import { ColumnTypeEnum, type SqlQuery, type SqlResultSet } from "@prisma/driver-adapter-utils";

const CHAR_OID = 18;
const TEXT_OID = 25;
const PATCHED = Symbol.for("twelvefactor.charOidPatch");
const CHAR_FIELD = Symbol.for("twelvefactor.charField");

type FieldDescription = { dataTypeID: number; [CHAR_FIELD]?: true };
type ResultPrototype = { addFields(fields: FieldDescription[]): void; [PATCHED]?: true };

export function installCharOidPatch(): void {
  const proto = (pg as unknown as { Result: { prototype: ResultPrototype } }).Result.prototype;
  if (proto[PATCHED]) return;
  const original = proto.addFields;
  proto.addFields = function addFields(this: ResultPrototype, fields: FieldDescription[]) {
    const mapped = fields.some((f) => f.dataTypeID === CHAR_OID)
      ? fields.map((f) => (f.dataTypeID === CHAR_OID ? { ...f, dataTypeID: TEXT_OID, [CHAR_FIELD]: true as const } : f))
      : fields;
    return original.call(this, mapped);
  };
  proto[PATCHED] = true;
}

/** What restoreCharColumns() needs of an adapter-pg queryable (adapter or transaction). */
type PgQueryable = {
  queryRaw(query: SqlQuery): Promise<SqlResultSet>;
  performIO?: (query: SqlQuery) => Promise<{ fields: FieldDescription[] }>;
};

/** Makes a queryable's results report `"char"` columns as Character instead of Text. */
export function restoreCharColumns<T extends object>(queryable: T): T {
  const q = queryable as unknown as PgQueryable;
  if (typeof q.performIO !== "function") return queryable; // not adapter-pg's shape: leave it alone
  const charColumns = new WeakMap<SqlQuery, number[]>();
  const performIO = q.performIO.bind(queryable);
  const queryRaw = q.queryRaw.bind(queryable);
  q.performIO = async (query) => {
    const result = await performIO(query);
    const indexes = result.fields.flatMap((f, i) => (f[CHAR_FIELD] ? [i] : []));
    if (indexes.length) charColumns.set(query, indexes);
    return result;
  };
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}
