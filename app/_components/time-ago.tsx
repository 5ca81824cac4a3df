import { formatDateTime, formatRelativeTime } from "@/lib/ui/format";

/** "5 minutes ago" with the exact UTC time as a tooltip and machine-readable datetime. */
export function TimeAgo({ date }: { date: Date | string }) {
  const d = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={d.toISOString()} title={formatDateTime(d)}>
      {formatRelativeTime(d)}
    </time>
  );
}
