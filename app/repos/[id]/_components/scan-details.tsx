import { z } from "zod";
import { JsonDetails } from "./json-details";

/**
 * What the worker stores in Scan.skipped (lib/jobs/scan-repo.ts): what the clone left out and the
 * limits it hit, and what the scanner skipped. Parsed leniently; anything else is shown as JSON.
 */
const skippedSchema = z.object({
  clone: z
    .object({
      fileCount: z.number().optional(),
      bytes: z.number().optional(),
      limitsHit: z.array(z.object({ kind: z.string(), detail: z.string() })).default([]),
      skippedFiles: z.array(z.object({ path: z.string(), reason: z.string(), bytes: z.number().optional() })).default([]),
      skippedFilesTotal: z.number().optional(),
    })
    .optional(),
  scan: z
    .object({
      total: z.number().default(0),
      byReason: z.record(z.string(), z.number()).default({}),
      limitsHit: z.array(z.string()).default([]),
    })
    .optional(),
});

const unitsSchema = z.array(
  z.object({
    path: z.string(),
    kind: z.string(),
    languages: z.array(z.string()).default([]),
    frameworks: z.array(z.string()).default([]),
    score: z.number().nullable().optional(),
    grade: z.string().nullable().optional(),
  }),
);

export function ScanDetails({
  units,
  skipped,
  cloneMs,
  scanMs,
}: {
  units: unknown;
  skipped: unknown;
  cloneMs: number | null;
  scanMs: number | null;
}) {
  const parsedUnits = unitsSchema.safeParse(units ?? []);
  const parsedSkipped = skippedSchema.safeParse(skipped ?? {});
  const clone = parsedSkipped.success ? parsedSkipped.data.clone : undefined;
  const scan = parsedSkipped.success ? parsedSkipped.data.scan : undefined;
  const limits = [...(clone?.limitsHit.map((l) => l.detail) ?? []), ...(scan?.limitsHit ?? [])];
  const skippedFiles = clone?.skippedFiles ?? [];
  const scannerSkips = Object.entries(scan?.byReason ?? {})
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));

  const facts: [string, string][] = [];
  if (clone?.fileCount !== undefined) facts.push(["Files", clone.fileCount.toLocaleString("en")]);
  if (clone?.bytes !== undefined) facts.push(["Size", formatBytes(clone.bytes)]);
  if (cloneMs !== null) facts.push(["Clone", formatMs(cloneMs)]);
  if (scanMs !== null) facts.push(["Scan", formatMs(scanMs)]);

  return (
    <section aria-labelledby="scan-details" className="mt-10" data-testid="scan-details">
      <h2 id="scan-details" className="mb-3 text-xl font-semibold">Scan details</h2>
      <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
        {facts.length > 0 && (
          <dl className="flex flex-wrap gap-x-8 gap-y-2">
            {facts.map(([term, value]) => (
              <div key={term}>
                <dt className="text-xs text-slate-600 dark:text-slate-400">{term}</dt>
                <dd className="font-semibold tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        )}

        {parsedUnits.success && parsedUnits.data.length > 0 && (
          <div>
            <h3 className="mb-1 font-medium">Deployable units</h3>
            <ul className="space-y-1">
              {parsedUnits.data.map((u) => (
                <li key={u.path} className="flex flex-wrap gap-x-2">
                  <code className="font-mono">{u.path === "." ? "(repository root)" : u.path}</code>
                  <span>{u.kind}</span>
                  {[...u.languages, ...u.frameworks].length > 0 && (
                    <span className="text-slate-600 dark:text-slate-400">{[...u.languages, ...u.frameworks].join(", ")}</span>
                  )}
                  {u.grade && <span className="text-slate-600 dark:text-slate-400">grade {u.grade}</span>}
                </li>
              ))}
            </ul>
          </div>
        )}

        <div data-testid="limits">
          <h3 className="mb-1 font-medium">Limits and skipped files</h3>
          {limits.length === 0 && skippedFiles.length === 0 && scannerSkips.length === 0 ? (
            <p className="text-slate-600 dark:text-slate-400">No limit was hit and no file was left out.</p>
          ) : (
            <ul className="list-disc space-y-1 pl-5">
              {limits.map((l) => (
                <li key={l}>Limit hit: {l}</li>
              ))}
              {scannerSkips.length > 0 && (
                <li>
                  The scanner did not read {scannerSkips.map(([reason, n]) => `${n} ${reason}`).join(", ")}{" "}
                  {scannerSkips.reduce((a, [, n]) => a + n, 0) === 1 ? "file" : "files"}.
                </li>
              )}
            </ul>
          )}
          {skippedFiles.length > 0 && (
            <details className="mt-2">
              <summary className="cursor-pointer">
                Files left out of the checkout ({clone?.skippedFilesTotal ?? skippedFiles.length})
              </summary>
              <ul className="mt-2 space-y-0.5 font-mono text-xs">
                {skippedFiles.map((f) => (
                  <li key={f.path} className="break-all">
                    {f.path} <span className="text-slate-600 dark:text-slate-400">({f.reason}{f.bytes !== undefined ? `, ${formatBytes(f.bytes)}` : ""})</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>

        {!parsedUnits.success && <JsonDetails summary="Deployable units (raw)" value={units} />}
        {!parsedSkipped.success && <JsonDetails summary="Skipped files and limits (raw)" value={skipped} />}
      </div>
    </section>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes / 1024;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[i]}`;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
