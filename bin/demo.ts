// `npm run demo`: the whole system on an embedded default, no credentials and no Docker needed.
// Starts PostgreSQL (embedded, unless DATABASE_URL is set), applies migrations (the one-off admin
// process), writes sample repositories plus a clone of this repository into .data/demo-repos,
// declares them as a local source, then runs web + worker + scheduler as separate processes with
// the same environment — exactly the process formation production uses. Ctrl-C stops everything.
import { runDemo } from "../lib/demo/run-demo.ts";

runDemo().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
