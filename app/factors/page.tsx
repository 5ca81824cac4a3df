import type { Metadata } from "next";
import { FACTORS } from "@/lib/factors";

export const metadata: Metadata = { title: "The twelve factors" };

export default function FactorsPage() {
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">The twelve factors</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        What each column of the scorecard means. Every factor is scored 0–100 from the rules that apply to the
        repository&apos;s kind; a factor where no rule applies is <em>not applicable</em> and does not count towards the grade
        (A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below).
      </p>
      <ol className="mt-6 grid gap-3 md:grid-cols-2">
        {FACTORS.map((f) => (
          <li key={f.id} id={`factor-${f.id}`} className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <h2 className="font-semibold">
              <span className="text-slate-600 dark:text-slate-400">{f.roman}.</span> {f.name}
            </h2>
            <p className="mt-1 text-sm italic">{f.summary}</p>
            <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{f.explanation}</p>
          </li>
        ))}
      </ol>
    </>
  );
}
