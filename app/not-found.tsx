import Link from "next/link";

export default function NotFound() {
  return (
    <section className="rounded-xl border border-dashed border-slate-300 bg-white p-6 sm:p-8 dark:border-slate-700 dark:bg-slate-900">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
        There is no organization or repository at this address. It may have been removed from its source.{" "}
        <Link href="/" className="underline">See all organizations</Link>.
      </p>
    </section>
  );
}
