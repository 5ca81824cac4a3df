// Whether this web process has received SIGTERM/SIGINT. Set by instrumentation.ts, read by the API
// routes; kept on globalThis because Next bundles instrumentation and routes separately (each has its
// own copy of this module).
const KEY = Symbol.for("twelvefactor.web.shuttingDownSince");

type Holder = typeof globalThis & { [KEY]?: number };

/** Records the start of shutdown; returns false when it had already started. */
export function markShuttingDown(at: number = Date.now()): boolean {
  const holder = globalThis as Holder;
  if (holder[KEY] !== undefined) return false;
  holder[KEY] = at;
  return true;
}

export function isShuttingDown(): boolean {
  return (globalThis as Holder)[KEY] !== undefined;
}
