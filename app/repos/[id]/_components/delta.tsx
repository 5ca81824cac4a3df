/** "+3", "−2", "±0" with words for screen readers. */
export function Delta({ value }: { value: number | null }) {
  if (value === null) return <span aria-label="no change to show">–</span>;
  const rounded = Math.round(value);
  if (rounded === 0) return <span>±0</span>;
  const up = rounded > 0;
  return (
    <span className={up ? "font-semibold text-emerald-800 dark:text-emerald-300" : "font-semibold text-red-800 dark:text-red-300"}>
      <span aria-hidden="true">{up ? `+${rounded}` : `−${Math.abs(rounded)}`}</span>
      <span className="sr-only">{up ? `up ${rounded}` : `down ${Math.abs(rounded)}`}</span>
    </span>
  );
}
