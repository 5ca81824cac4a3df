import { pluralize } from "@/lib/ui/format";

export type StatusCounts = { pass: number; partial: number; fail: number; na: number; none: number };

const SEGMENTS: { key: keyof StatusCounts; label: string; fill: string }[] = [
  { key: "pass", label: "pass", fill: "fill-emerald-700" },
  { key: "partial", label: "partial", fill: "fill-amber-300" },
  { key: "fail", label: "fail", fill: "fill-red-700" },
  { key: "na", label: "not applicable", fill: "fill-slate-300 dark:fill-slate-600" },
  { key: "none", label: "no result", fill: "fill-slate-100 dark:fill-slate-800" },
];

/** Text alternative: "412 pass, 300 partial, 250 fail, 38 not applicable". */
export function describeCounts(c: StatusCounts): string {
  return SEGMENTS.filter((s) => c[s.key] > 0)
    .map((s) => `${c[s.key]} ${s.label}`)
    .join(", ");
}

/**
 * One stacked horizontal bar (pass | partial | fail | n/a | none) as server-rendered SVG. Segments are
 * separated by gaps and the counts are also given as text (accessible name, tooltip and the
 * numbers printed beside the bar), so colour is never the only carrier.
 */
export function DistributionBar({ counts, label, height = 14 }: { counts: StatusCounts; label: string; height?: number }) {
  const total = SEGMENTS.reduce((n, s) => n + counts[s.key], 0);
  let x = 0;
  return (
    <svg
      viewBox={`0 0 1000 ${height}`}
      preserveAspectRatio="none"
      className="h-3.5 w-full overflow-visible"
      role="img"
      aria-label={`${label}: ${total === 0 ? "no repositories" : describeCounts(counts)}`}
    >
      <title>{`${label}: ${total === 0 ? "no repositories" : `${describeCounts(counts)} (of ${pluralize(total, "repository", "repositories")})`}`}</title>
      {total === 0 ? (
        <rect width="1000" height={height} rx="3" className="fill-slate-100 dark:fill-slate-800" />
      ) : (
        SEGMENTS.map((s) => {
          const w = (counts[s.key] / total) * 1000;
          const at = x;
          x += w;
          if (w <= 0) return null;
          return (
            <rect key={s.key} x={at} width={Math.max(0, w - 2)} height={height} className={s.fill} />
          );
        })
      )}
    </svg>
  );
}
