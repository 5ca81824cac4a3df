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
 * Latest scan state with live progress and a Rescan button: while the scan is queued, cloning or
 * scanning it polls GET /api/repos/:id/status every 2 s; when the scan finishes it re-renders the
 * server page (router.refresh) so the new results appear without a full reload. Rescan POSTs to
 * /api/repos/:id/rescan and follows the queued scan the same way.
 */
export function ScanProgress({
  repositoryId,
  initial,
  rescanDisabledReason = null,
}: {
  repositoryId: string;
  initial: ScanSnapshot | null;
  /** Why this repository cannot be rescanned (removed from its source…); null: the button is offered. */
  rescanDisabledReason?: string | null;
}) {
  const router = useRouter();
  const [scan, setScan] = useState(initial);
  const [pollError, setPollError] = useState(false);
  const [rescan, setRescan] = useState<{ state: "idle" | "sending" } | { state: "sent"; queued: boolean } | { state: "error"; message: string }>({
    state: "idle",
  });
  const lastStatus = useRef(initial?.status);

  const requestRescan = async () => {
    setRescan({ state: "sending" });
    try {
      const res = await fetch(`/api/repos/${encodeURIComponent(repositoryId)}/rescan`, { method: "POST", cache: "no-store" });
      const body = (await res.json().catch(() => ({}))) as { scan?: ScanSnapshot | null; queued?: boolean; error?: string };
      if (!res.ok) {
        setRescan({ state: "error", message: body.error ?? `the server answered ${res.status}` });
        return;
      }
      setRescan({ state: "sent", queued: Boolean(body.queued) });
      if (body.scan) {
        lastStatus.current = body.scan.status;
        setScan(body.scan);
      }
    } catch {
      setRescan({ state: "error", message: "could not reach the server; check your connection and try again" });
    }
  };

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

  const button = (
    <RescanButton
      busy={rescan.state === "sending"}
      active={active}
      disabledReason={rescanDisabledReason}
      onClick={requestRescan}
    />
  );
  const rescanNote =
    rescan.state === "error" ? (
      <p className="mt-2 text-sm text-red-800 dark:text-red-300" role="alert" data-testid="rescan-error">
        Rescan failed: {rescan.message}.
      </p>
    ) : rescan.state === "sent" && !rescan.queued ? (
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300" data-testid="rescan-note">
        A scan of this repository was already queued; following that one.
      </p>
    ) : null;

  if (!scan) {
    return (
      <Panel>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm" aria-live="polite" data-testid="scan-step">
            This repository has not been scanned yet. Press Rescan to queue a scan now, or wait for the next sync of its organization.
          </p>
          {button}
        </div>
        {rescanNote}
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
        <span className="ml-auto">{button}</span>
      </div>
      <p className="mt-2 text-sm" aria-live="polite" data-testid="scan-step">
        {STEP_TEXT[scan.status]}
        {scan.status === "FAILED" && " Fix the cause below, then press Rescan (or wait for the next sync or push)."}
        {showBar && ` ${Math.round(scan.progress)}% done.`}
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
      {rescanNote}
      {pollError && (
        <p className="mt-2 text-xs text-amber-800 dark:text-amber-300" role="status">
          Lost contact with the server; retrying every few seconds.
        </p>
      )}
    </Panel>
  );
}

function RescanButton({
  busy,
  active,
  disabledReason,
  onClick,
}: {
  busy: boolean;
  active: boolean;
  disabledReason: string | null;
  onClick: () => void;
}) {
  const disabled = busy || active || disabledReason !== null;
  const hint = disabledReason ?? (active ? "A scan is in progress" : null);
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-disabled={disabled}
      title={hint ?? "Queue a new scan of the default branch"}
      className="inline-flex items-center gap-2 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-700 dark:disabled:bg-slate-700 dark:disabled:text-slate-200"
      data-testid="rescan-button"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" width="14" height="14" className={busy ? "animate-spin" : ""} fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M16 10a6 6 0 1 1-1.8-4.3M16 3v4h-4" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {busy ? "Queuing…" : active ? "Scan in progress" : "Rescan"}
    </button>
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
