import { formatScore } from "@/lib/ui/format";

export type SparkPoint = { week: Date | string; score: number };

/**
 * Score trend as a small server-rendered SVG line (0..100 scale). The accessible name summarises it
 * ("Score trend over 12 weeks: 58 to 62"); the exact values are in the <title> tooltip and a hidden list.
 */
export function Sparkline({ points, width = 120, height = 32, className = "" }: { points: SparkPoint[]; width?: number; height?: number; className?: string }) {
  if (points.length === 0) {
    return <span className="text-xs text-slate-600 dark:text-slate-400">No trend yet</span>;
  }
  const scores = points.map((p) => p.score);
  const min = Math.max(0, Math.floor(Math.min(...scores) - 5));
  const max = Math.min(100, Math.ceil(Math.max(...scores) + 5));
  const span = Math.max(1, max - min);
  const pad = 3;
  const x = (i: number) => (points.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1));
  const y = (s: number) => pad + ((max - s) * (height - 2 * pad)) / span;
  const d = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(" ");
  const first = scores[0];
  const last = scores[scores.length - 1];
  const delta = last - first;
  const label = `Score trend over ${points.length} ${points.length === 1 ? "week" : "weeks"}: ${formatScore(first)} to ${formatScore(last)}`;
  const trendClass =
    Math.round(delta) > 0 ? "text-emerald-700 dark:text-emerald-400" : Math.round(delta) < 0 ? "text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400";
  return (
    <span className={`inline-flex items-center gap-2 ${className}`}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className={trendClass} data-testid="sparkline">
        <title>{`${label}\n${points.map((p) => `${new Date(p.week).toISOString().slice(0, 10)}: ${formatScore(p.score)}`).join("\n")}`}</title>
        <path d={d} fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinejoin="round" strokeLinecap="round" />
        <circle cx={x(points.length - 1)} cy={y(last)} r="2.5" fill="currentColor" />
      </svg>
      <span aria-hidden="true" className={`text-xs font-semibold tabular-nums ${trendClass}`}>
        {Math.round(delta) > 0 ? "▲" : Math.round(delta) < 0 ? "▼" : "■"} {Math.abs(Math.round(delta))}
      </span>
    </span>
  );
}
