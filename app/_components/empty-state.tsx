/** A bordered panel for "nothing here yet" and "something went wrong", always with a next step. */
export function EmptyState({
  title,
  children,
  tone = "neutral",
  headingLevel = 2,
}: {
  title: string;
  children: React.ReactNode;
  tone?: "neutral" | "error";
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section
      className={`rounded-xl border border-dashed p-6 sm:p-8 ${
        tone === "error"
          ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/40"
          : "border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900"
      }`}
    >
      <Heading className="text-lg font-semibold">{title}</Heading>
      <div className="mt-2 space-y-3 text-sm text-slate-700 dark:text-slate-300">{children}</div>
    </section>
  );
}

/** Inline code with the dashboard's styling. */
export function Code({ children }: { children: React.ReactNode }) {
  return (
    <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[0.85em] text-slate-800 dark:bg-slate-800 dark:text-slate-100">
      {children}
    </code>
  );
}
