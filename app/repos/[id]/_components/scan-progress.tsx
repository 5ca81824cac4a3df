"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ScanStatusBadge } from "@/app/_components/scan-status-badge";
import { formatDateTime, formatRelativeTime, type ScanStatusName } from "@/lib/ui/format";

/** The latest scan as the status route returns it (dates as ISO strings). */
export type ScanSnapshot = {
  id: string;
  status: ScanStatusName;
  progress: number;
  error: string | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

const ACTIVE: ScanStatusName[] = ["QUEUED", "CLONING", "SCANNING"];
const POLL_MS = 2000;

const STEP_TEXT: Record<ScanStatusName, string> = {
  QUEUED: "Waiting for a worker to pick up the scan.",
  CLONING: "Cloning the repository into a temporary directory.",
  SCANNING: "Running the rules against the checkout.",
  DONE: "Scan complete.",
  FAILED: "The scan failed.",
  SKIPPED: "Skipped: this commit was already scanned with the same scanner version.",
};

/**
 * Latest scan state with live progress: while the scan is queued, cloning or scanning it polls
 * GET /api/repos/:id/status every 2 s; when the scan finishes it re-renders the server page
 * (router.refresh) so the new results appear without a full reload.
 */
export function ScanProgress({ repositoryId, initial }: { repositoryId: string; initial: ScanSnapshot | null }) {
  const router = useRouter();
  const [scan, setScan] = useState(initial);
  const [pollError, setPollError] = useState(false);
  const lastStatus = useRef(initial?.status);

  // A server re-render brings a newer snapshot: adopt it.
  useEffect(() => {
    setScan(initial);
    lastStatus.current = initial?.status;
  }, [initial]);

  const active = scan !== null && ACTIVE.includes(scan.status);
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    const controller = new AbortController();
    const poll = async () => {
      try {
        const res = await fetch(`/api/repos/${encodeURIComponent(repositoryId)}/status`, {
          cache: "no-store",
          signal: controller.signal,
        });
        if (!res.ok) throw new Error(`status ${res.status}`);
        const body = (await res.json()) as { scan: ScanSnapshot | null };
        if (cancelled) return;
        setPollError(false);
        setScan(body.scan);
        const was = lastStatus.current;
        lastStatus.current = body.scan?.status;
        if (body.scan && was && ACTIVE.includes(was) && !ACTIVE.includes(body.scan.status)) router.refresh();
      } catch {
        if (!cancelled) setPollError(true);
      }
    };
    const timer = setInterval(poll, POLL_MS);
    return () => {
      cancelled = true;
      controller.abort();
      clearInterval(timer);
    };
  }, [active, repositoryId, router]);

  if (!scan) {
    return (
      <Panel>
        <p className="text-sm">
          This repository has not been queued for a scan yet. The next sync of its organization queues it.
        </p>
      </Panel>
    );
  }

  const showBar = scan.status === "CLONING" || scan.status === "SCANNING";
  return (
    <Panel>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-sm font-semibold">Latest scan</h2>
        <span data-testid="scan-status">
          <ScanStatusBadge status={scan.status} progress={scan.progress} />
        </span>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {scan.finishedAt ? (
            <>finished {when(scan.finishedAt)}</>
          ) : scan.startedAt ? (
            <>started {when(scan.startedAt)}</>
          ) : (
            <>queued {when(scan.queuedAt)}</>
          )}
        </span>
      </div>
      <p className="mt-2 text-sm" aria-live="polite" data-testid="scan-step">
        {STEP_TEXT[scan.status]}
        {scan.status === "FAILED" && " Fix the cause below; the next sync or push queues a new scan."}
      </p>
      {scan.error && (scan.status === "FAILED" || scan.status === "SKIPPED") && (
        <p
          className={`mt-2 rounded-md px-3 py-2 font-mono text-xs break-words ${
            scan.status === "FAILED"
              ? "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200"
              : "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200"
          }`}
          data-testid="scan-error"
        >
          {scan.error}
        </p>
      )}
      {showBar && (
        <div
          role="progressbar"
          aria-label={`${scan.status === "CLONING" ? "Cloning" : "Scanning"} progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(scan.progress)}
          className="mt-3 h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
        >
          <div className="h-full rounded-full bg-sky-600 transition-[width] duration-500" style={{ width: `${Math.max(2, Math.min(100, scan.progress))}%` }} />
        </div>
      )}
      {pollError && (
        <p className="mt-2 text-xs text-amber-800 dark:text-amber-300" role="status">
          Lost contact with the server; retrying every few seconds.
        </p>
      )}
    </Panel>
  );
}

function when(iso: string) {
  const d = new Date(iso);
  return (
    <time dateTime={iso} title={formatDateTime(d)} suppressHydrationWarning>
      {formatRelativeTime(d)}
    </time>
  );
}

function Panel({ children }: { children: React.ReactNode }) {
  return (
    <section
      aria-label="Scan status"
      className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      data-testid="scan-progress"
    >
      {children}
    </section>
  );
}
