// Per-snapshot memo of a detector over a list of files (keyed by the paths, in order): several rules ask a detector
// for the same files of a unit (session 9 profile). Callers get a fresh array; the items are shared and must not be
// mutated.
import type { FileEntry } from "../types.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";

export function memoByFiles<T>(collect: (snapshot: RepoSnapshot, files: readonly FileEntry[]) => T[]): (snapshot: RepoSnapshot, files: readonly FileEntry[]) => T[] {
  const memo = new WeakMap<RepoSnapshot, Map<string, readonly T[]>>();
  return (snapshot, files) => {
    let byFiles = memo.get(snapshot);
    if (!byFiles) memo.set(snapshot, (byFiles = new Map()));
    const key = files.map((f) => f.path).join("\0");
    let items = byFiles.get(key);
    if (!items) byFiles.set(key, (items = collect(snapshot, files)));
    return [...items];
  };
}

/**
 * A memo scoped to one snapshot (one scan): `memo(snapshot, key, compute)` computes once per key and returns the shared
 * value after that. Callers must not mutate what it returns.
 */
export function snapshotMemo<T>(): (snapshot: RepoSnapshot, key: string, compute: () => T) => T {
  const memo = new WeakMap<RepoSnapshot, Map<string, T>>();
  return (snapshot, key, compute) => {
    let byKey = memo.get(snapshot);
    if (!byKey) memo.set(snapshot, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key) as T;
    const value = compute();
    byKey.set(key, value);
    return value;
  };
}

/**
 * Per-snapshot, per-file memo of a detector whose items each come from one file alone: rules ask for the same files
 * many times, in different lists (several rules per unit, and every unit that links the same internal library:
 * bitwarden-server has 42 units, most linking src/Core), which `memoByFiles` cannot reuse. Callers get a fresh array in
 * the order of `files`; the items are shared and must not be mutated.
 */
export function memoPerFile<T>(collectOne: (snapshot: RepoSnapshot, file: FileEntry) => readonly T[]): (snapshot: RepoSnapshot, files: readonly FileEntry[]) => T[] {
  const memo = snapshotMemo<readonly T[]>();
  return (snapshot, files) => {
    const out: T[] = [];
    for (const f of files) for (const it of memo(snapshot, f.path, () => collectOne(snapshot, f))) out.push(it);
    return out;
  };
}
