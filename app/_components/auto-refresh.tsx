"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the current server page every few seconds (router.refresh: no full reload, scroll and
 * form state kept) while scans are running. The server stops rendering it once nothing is in progress.
 */
export function AutoRefresh({ label, intervalMs = 3000 }: { label: string; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [router, intervalMs]);
  return (
    <p className="flex items-center gap-2 text-xs text-sky-800 dark:text-sky-300">
      <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-current" />
      {label}
    </p>
  );
}
