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
 * Per-snapshot, per-file memo of a detector whose items each come from one file alone (session 14): units that link the
 * same internal library ask for its files again and again, each time in a different list, which `memoByFiles` cannot
 * reuse (bitwarden-server: 42 units, most linking src/Core). Callers get a fresh array in the order of `files`; the
 * items are shared and must not be mutated.
 */
export function memoPerFile<T>(collectOne: (snapshot: RepoSnapshot, file: FileEntry) => readonly T[]): (snapshot: RepoSnapshot, files: readonly FileEntry[]) => T[] {
  const memo = new WeakMap<RepoSnapshot, Map<string, readonly T[]>>();
  return (snapshot, files) => {
    let byFile = memo.get(snapshot);
    if (!byFile) memo.set(snapshot, (byFile = new Map()));
    const out: T[] = [];
    for (const f of files) {
      let items = byFile.get(f.path);
      if (!items) byFile.set(f.path, (items = collectOne(snapshot, f)));
      for (const it of items) out.push(it);
    }
    return out;
  };
}
