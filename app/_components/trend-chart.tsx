import { formatScore } from "@/lib/ui/format";

export type TrendDatum = { at: Date; score: number | null; label: string; href?: string };

const W = 960;
const H = 240;
const PAD = { top: 12, right: 16, bottom: 28, left: 36 };
const BANDS = [90, 80, 70, 60];

const dateLabel = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/**
 * Score over time as a server-rendered SVG (0–100, grade thresholds as dashed lines). Accessible: an
 * image with a title and a summary; each point has its own title. Pages show the same data as a table.
 */
export function TrendChart({ title, summary, data }: { title: string; summary: string; data: TrendDatum[] }) {
  const points = data.filter((d): d is TrendDatum & { score: number } => d.score !== null);
  const times = data.map((d) => d.at.getTime());
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (d: Date) => PAD.left + (t1 === t0 ? innerW / 2 : ((d.getTime() - t0) / (t1 - t0)) * innerW);
  const y = (score: number) => PAD.top + (1 - score / 100) * innerH;
  const id = title.replace(/\W+/g, "-").toLowerCase();
  // Break the line where a point has no score.
  const segments: string[] = [];
  let current: string[] = [];
  for (const d of data) {
    if (d.score === null) {
      if (current.length) segments.push(current.join(" "));
      current = [];
    } else current.push(`${x(d.at).toFixed(1)},${y(d.score).toFixed(1)}`);
  }
  if (current.length) segments.push(current.join(" "));

  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900" data-testid="trend-chart">
      {/* Below ~560 px the labels would shrink out of legibility: the chart scrolls sideways instead. */}
      <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label={`${title} (scrollable)`}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="h-auto w-full min-w-[560px] text-slate-500 dark:text-slate-400"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {[0, 50, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="stroke-slate-300 dark:stroke-slate-700" strokeWidth="1" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="fill-slate-600 text-[11px] dark:fill-slate-400">
              {v}
            </text>
          </g>
        ))}
        {BANDS.map((v) => (
          <line key={v} x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="stroke-slate-200 dark:stroke-slate-800" strokeDasharray="4 4" />
        ))}
        {points.length > 0 && (
          <>
            <text x={PAD.left} y={H - 8} className="fill-slate-600 text-[11px] dark:fill-slate-400">
              {dateLabel.format(new Date(t0))}
            </text>
            {t1 !== t0 && (
              <text x={W - PAD.right} y={H - 8} textAnchor="end" className="fill-slate-600 text-[11px] dark:fill-slate-400">
                {dateLabel.format(new Date(t1))}
              </text>
            )}
          </>
        )}
        {segments.map((s, i) =>
          s.includes(" ") ? (
            <polyline key={i} points={s} fill="none" className="stroke-sky-700 dark:stroke-sky-400" strokeWidth="2.5" strokeLinejoin="round" />
          ) : null,
        )}
        {points.map((d, i) => (
          <circle key={i} cx={x(d.at)} cy={y(d.score)} r="4.5" className="fill-white stroke-sky-700 dark:fill-slate-900 dark:stroke-sky-400" strokeWidth="2.5">
            <title>{`${d.label}: ${formatScore(d.score)}`}</title>
          </circle>
        ))}
      </svg>
      </div>
      {points.length === 0 && (
        <figcaption className="mt-2 text-sm text-slate-700 dark:text-slate-300">No completed scan with a score in this period yet.</figcaption>
      )}
    </figure>
  );
}
