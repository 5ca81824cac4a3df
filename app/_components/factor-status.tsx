import { FACTOR_STATUS_LABEL, type FactorStatusName } from "@/lib/ui/format";

/** Heatmap/tile colours per factor status. NA is hatched grey so it never reads as a failure. */
export const FACTOR_STATUS_CLASSES: Record<FactorStatusName, string> = {
  PASS: "bg-emerald-700 text-white",
  PARTIAL: "bg-amber-300 text-amber-950",
  FAIL: "bg-red-700 text-white",
  NA: "bg-hatch bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

export const NO_RESULT_CLASSES =
  "border border-dashed border-slate-300 text-slate-600 dark:border-slate-600 dark:text-slate-400";

const SYMBOL: Record<FactorStatusName, string> = { PASS: "✓", PARTIAL: "◐", FAIL: "✕", NA: "–" };

const PILL_CLASSES: Record<FactorStatusName, string> = {
  ...FACTOR_STATUS_CLASSES,
  NA: "bg-slate-100 text-slate-700 ring-1 ring-slate-300 ring-inset dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600",
};

/** A small pill: "✓ pass", "✕ fail", "– not applicable". */
export function FactorStatusPill({ status }: { status: FactorStatusName }) {
  return (
    <span
      data-factor-status={status}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${PILL_CLASSES[status]}`}
    >
      <span aria-hidden="true">{SYMBOL[status]}</span>
      {FACTOR_STATUS_LABEL[status]}
    </span>
  );
}

/** Legend for the status colours, shown above the heatmap and the factor cards. */
export function FactorStatusLegend() {
  const items: [FactorStatusName | null, string][] = [
    ["PASS", "Pass"],
    ["PARTIAL", "Partial"],
    ["FAIL", "Fail"],
    ["NA", "Not applicable"],
    [null, "No result"],
  ];
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
      {items.map(([status, label]) => (
        <li key={label} className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className={`inline-block size-3.5 rounded-sm ${status ? FACTOR_STATUS_CLASSES[status] : NO_RESULT_CLASSES}`}
          />
          {label}
        </li>
      ))}
    </ul>
  );
}
