/**
 * Collapsible view of a JSON column (units, skipped files) whose exact shape belongs to the scanner:
 * arrays of flat objects become a table, anything else is shown as formatted JSON.
 */
export function JsonDetails({ summary, value }: { summary: string; value: unknown }) {
  const rows = asFlatRows(value);
  return (
    <details className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <summary className="cursor-pointer font-medium">
        {summary}
        {Array.isArray(value) && <span className="font-normal text-slate-600 dark:text-slate-400"> ({value.length})</span>}
      </summary>
      {rows ? (
        <div className="relative mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={summary}>
          <table className="w-full text-left text-xs">
            <thead>
              <tr>
                {rows.columns.map((c) => (
                  <th key={c} scope="col" className="border-b border-slate-200 px-2 py-1 font-medium dark:border-slate-700">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.items.map((item, i) => (
                <tr key={i}>
                  {rows.columns.map((c) => (
                    <td key={c} className="border-b border-slate-100 px-2 py-1 font-mono dark:border-slate-800">
                      {format(item[c])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <pre className="mt-3 overflow-x-auto rounded-md bg-slate-100 p-3 text-xs dark:bg-slate-950" tabIndex={0}>
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </details>
  );
}

function asFlatRows(value: unknown): { columns: string[]; items: Record<string, unknown>[] } | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  if (!value.every((v) => v !== null && typeof v === "object" && !Array.isArray(v))) return null;
  const items = value as Record<string, unknown>[];
  const columns = [...new Set(items.flatMap((i) => Object.keys(i)))];
  return columns.length > 0 && columns.length <= 8 ? { columns, items } : null;
}

function format(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(format).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
