import { describe, expect, it } from "vitest";
import { snapshotFromFiles } from "../testing.ts";
import { memoByFiles, memoPerFile, snapshotMemo } from "./memo.ts";

describe("detector memos (session 14)", () => {
  it("snapshotMemo computes once per key within a snapshot and again for another snapshot", async () => {
    const a = (await snapshotFromFiles({ "a.txt": "a\n" })).snapshot;
    const b = (await snapshotFromFiles({ "b.txt": "b\n" })).snapshot;
    const memo = snapshotMemo<number>();
    let calls = 0;
    const compute = () => ++calls;
    expect([memo(a, "k", compute), memo(a, "k", compute), memo(a, "other", compute), memo(b, "k", compute)]).toEqual([1, 1, 2, 3]);
    expect(calls).toBe(3);
  });
  it("memoPerFile collects each file once across different file lists and keeps the order of each list", async () => {
    const { snapshot } = await snapshotFromFiles({ "lib/core.py": "x\n", "svc1/main.py": "y\n", "svc2/main.py": "z\n" });
    const file = (p: string) => snapshot.files.find((f) => f.path === p)!;
    const seen: string[] = [];
    const perFile = memoPerFile((_s, f) => (seen.push(f.path), [`${f.path}#1`, `${f.path}#2`]));
    const perList = memoByFiles((_s, files) => files.map((f) => f.path));
    expect(perFile(snapshot, [file("svc1/main.py"), file("lib/core.py")])).toEqual(["svc1/main.py#1", "svc1/main.py#2", "lib/core.py#1", "lib/core.py#2"]);
    expect(perFile(snapshot, [file("lib/core.py"), file("svc2/main.py")])).toEqual(["lib/core.py#1", "lib/core.py#2", "svc2/main.py#1", "svc2/main.py#2"]);
    expect(seen).toEqual(["svc1/main.py", "lib/core.py", "svc2/main.py"]);
    // callers get a fresh array: changing it does not change the next answer
    perList(snapshot, [file("lib/core.py")]).push("junk");
    expect(perList(snapshot, [file("lib/core.py")])).toEqual(["lib/core.py"]);
  });
});
