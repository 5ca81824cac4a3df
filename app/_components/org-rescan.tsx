"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/** The org's scan progress as GET/POST /api/orgs/:id/rescan return it. */
export type OrgProgress = {
  orgId: string;
  repos: number;
  counts: Record<"QUEUED" | "CLONING" | "SCANNING" | "DONE" | "FAILED" | "SKIPPED" | "NONE", number>;
  failures: { repositoryId: string; name: string; error: string | null }[];
};

const POLL_MS = 2000;
const busy = (p: OrgProgress) => p.counts.QUEUED + p.counts.CLONING + p.counts.SCANNING > 0;

/** "12 queued, 3 scanning, 40 done, 1 failed". */
export function progressSummary(p: OrgProgress): string {
  const parts: string[] = [];
  if (p.counts.QUEUED) parts.push(`${p.counts.QUEUED} queued`);
  if (p.counts.CLONING) parts.push(`${p.counts.CLONING} cloning`);
  if (p.counts.SCANNING) parts.push(`${p.counts.SCANNING} scanning`);
  if (p.counts.DONE) parts.push(`${p.counts.DONE} done`);
  if (p.counts.SKIPPED) parts.push(`${p.counts.SKIPPED} skipped`);
  if (p.counts.FAILED) parts.push(`${p.counts.FAILED} failed`);
  if (p.counts.NONE) parts.push(`${p.counts.NONE} never scanned`);
  return parts.length ? parts.join(", ") : "no repositories";
}

/**
 * "Rescan all repositories" for an org, with a live summary: polls the org's progress every 2 s while
 * any scan is queued or running, and refreshes the server page when they are all finished.
 */
export function OrgRescan({ orgId, initial }: { orgId: string; initial: OrgProgress }) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [message, setMessage] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const wasBusy = useRef(busy(initial));
  const url = `/api/orgs/${encodeURIComponent(orgId)}/rescan`;

  useEffect(() => {
    setProgress(initial);
    wasBusy.current = busy(initial);
  }, [initial]);

  const active = busy(progress);
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    const timer = setInterval(async () => {
      try {
        const res = await fetch(url, { cache: "no-store" });
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as { progress: OrgProgress };
        if (cancelled) return;
        setProgress(body.progress);
        const nowBusy = busy(body.progress);
        if (wasBusy.current && !nowBusy) router.refresh();
        wasBusy.current = nowBusy;
      } catch {
        if (!cancelled) setMessage({ tone: "error", text: "Lost contact with the server; retrying every few seconds." });
      }
    }, POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [active, url, router]);

  const rescan = async () => {
    setSending(true);
    setMessage(null);
    try {
      const res = await fetch(url, { method: "POST", cache: "no-store" });
      const body = (await res.json().catch(() => ({}))) as { queued?: number; alreadyQueued?: number; progress?: OrgProgress; error?: string };
      if (!res.ok || !body.progress) {
        setMessage({ tone: "error", text: `Rescan failed: ${body.error ?? `the server answered ${res.status}`}.` });
        return;
      }
      wasBusy.current = busy(body.progress);
      setProgress(body.progress);
      setMessage({
        tone: "info",
        text: `Queued ${body.queued} ${body.queued === 1 ? "scan" : "scans"}${body.alreadyQueued ? `; ${body.alreadyQueued} already waiting` : ""}.`,
      });
    } catch {
      setMessage({ tone: "error", text: "Rescan failed: could not reach the server; check your connection and try again." });
    } finally {
      setSending(false);
    }
  };

  const running = progress.counts.CLONING + progress.counts.SCANNING;
  const finished = progress.counts.DONE + progress.counts.FAILED + progress.counts.SKIPPED;
  return (
    <section aria-labelledby="org-rescan-heading" className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid="org-rescan">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="org-rescan-heading" className="font-semibold">Scans</h2>
        <button
          type="button"
          onClick={rescan}
          disabled={sending || progress.repos === 0}
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-700 dark:disabled:bg-slate-700 dark:disabled:text-slate-200"
          data-testid="org-rescan-button"
        >
          {sending ? "Queuing…" : "Rescan all repositories"}
        </button>
      </div>
      <p className="mt-2 text-sm" aria-live="polite" data-testid="org-progress" data-busy={active ? "true" : "false"}>
        {progress.repos === 0 ? "This organization has no repositories yet; sync it first." : progressSummary(progress)}
        {running > 0 && ` · ${running} running now`}
      </p>
      {progress.repos > 0 && (
        <div
          role="progressbar"
          aria-label="Repositories with a finished latest scan"
          aria-valuemin={0}
          aria-valuemax={progress.repos}
          aria-valuenow={finished}
          className="mt-2 h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
        >
          <div className="h-full bg-sky-600 transition-[width] duration-500" style={{ width: `${(finished / progress.repos) * 100}%` }} />
        </div>
      )}
      {message && (
        <p className={`mt-2 text-sm ${message.tone === "error" ? "text-red-800 dark:text-red-300" : "text-slate-700 dark:text-slate-300"}`} role={message.tone === "error" ? "alert" : "status"} data-testid="org-rescan-message">
          {message.text}
        </p>
      )}
      {progress.failures.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer">Why {progress.failures.length === 1 ? "a scan" : `${progress.failures.length} scans`} failed</summary>
          <ul className="mt-1 space-y-1">
            {progress.failures.map((f) => (
              <li key={f.repositoryId}>
                <a href={`/repos/${f.repositoryId}`} className="underline">{f.name}</a>: <span className="font-mono text-xs">{f.error ?? "no reason recorded"}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
