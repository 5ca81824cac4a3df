// A process-wide counter that moves whenever the database's data may have changed, as far as this
// process knows: the web front (lib/http/web-front.ts) advances it on every change notification and
// on every write it answered. Short-lived read caches (lib/db/scorecard.ts) start afresh when it
// moves, so a cleared response cache never re-renders from a stale aggregate. Without a change feed
// (next dev, tests, other processes) it stays put and those caches fall back to their TTLs.
// Kept on globalThis: Next bundles instrumentation and the routes separately (each has its own copy
// of this module).
const KEY = Symbol.for("twelvefactor.dataEpoch");
type Holder = typeof globalThis & { [KEY]?: number };

export function dataEpoch(): number {
  return (globalThis as Holder)[KEY] ?? 0;
}

export function advanceDataEpoch(): void {
  (globalThis as Holder)[KEY] = dataEpoch() + 1;
}
