import { formatScore } from "@/lib/ui/format";

const GRADE_CLASSES: Record<string, string> = {
  A: "bg-emerald-700 text-white",
  B: "bg-lime-700 text-white",
  C: "bg-amber-300 text-amber-950",
  D: "bg-orange-700 text-white",
  F: "bg-red-700 text-white",
};
const NO_GRADE = "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200";

const SIZES = {
  sm: "h-8 min-w-8 text-sm",
  md: "h-11 min-w-11 text-xl",
  lg: "h-16 min-w-16 text-3xl",
} as const;

/**
 * A grade letter in a coloured tile. The accessible name says "Grade B, score 84" so the colour is never
 * the only carrier of meaning. Grades like "B (provisional)" keep their suffix in the label.
 */
export function GradeBadge({
  grade,
  score,
  size = "md",
}: {
  grade: string | null;
  score?: number | null;
  size?: keyof typeof SIZES;
}) {
  const letter = grade?.trim().charAt(0).toUpperCase() ?? "";
  const label = grade
    ? `Grade ${grade}${score !== undefined && score !== null ? `, score ${formatScore(score)} of 100` : ""}`
    : "Not graded yet";
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className={`inline-flex shrink-0 items-center justify-center rounded-lg px-1.5 font-bold ${SIZES[size]} ${
        GRADE_CLASSES[letter] ?? NO_GRADE
      }`}
    >
      {grade ? (letter in GRADE_CLASSES ? letter : grade) : "–"}
    </span>
  );
}
