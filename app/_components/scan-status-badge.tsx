import { SCAN_STATUS_LABEL, type ScanStatusName } from "@/lib/ui/format";

const STATUS_CLASSES: Record<ScanStatusName, string> = {
  QUEUED: "bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
  CLONING: "bg-sky-50 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-700",
  SCANNING: "bg-sky-50 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-700",
  DONE: "bg-emerald-50 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-700",
  FAILED: "bg-red-50 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-700",
  SKIPPED: "bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
};

/** "Scanning 40%", "Failed", "Not scanned": a pill for one scan's state. */
export function ScanStatusBadge({ status, progress }: { status: ScanStatusName | null; progress?: number }) {
  if (!status) {
    return (
      <span className="inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300 ring-inset dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600">
        Not scanned
      </span>
    );
  }
  const active = status === "QUEUED" || status === "CLONING" || status === "SCANNING";
  const showProgress = (status === "CLONING" || status === "SCANNING") && progress !== undefined && progress > 0;
  return (
    <span
      data-scan-status={status}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STATUS_CLASSES[status]}`}
    >
      {active && <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-current" />}
      {SCAN_STATUS_LABEL[status]}
      {showProgress && <span className="tabular-nums">{Math.round(progress)}%</span>}
    </span>
  );
}
