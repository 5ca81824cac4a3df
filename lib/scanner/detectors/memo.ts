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
