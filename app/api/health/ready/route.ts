import { apiRoute, noStoreJson } from "@/app/api/_lib/api-route";
import { pingDatabase } from "@/lib/db/health";
import { scrubSecrets } from "@/lib/log";
import { isShuttingDown } from "@/app/_lib/shutdown-state";

export const dynamic = "force-dynamic";

/** Readiness: 200 when the database answers `SELECT 1`, else 503 with the reason (also while shutting down). */
export const GET = apiRoute<Record<string, never>>(async (_req, _params, { logFields }) => {
  if (isShuttingDown()) {
    return noStoreJson({ status: "unavailable", checks: { database: "skipped" }, reason: "shutting down" }, 503);
  }
  try {
    await pingDatabase();
    return noStoreJson({ status: "ok", checks: { database: "ok" } });
  } catch (err) {
    const reason = firstLine(err);
    logFields.reason = reason;
    return noStoreJson({ status: "unavailable", checks: { database: "fail" }, reason: `database: ${reason}` }, 503);
  }
});

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return scrubSecrets((message.split("\n").find((l) => l.trim()) ?? "unknown error").trim()).slice(0, 300);
}
