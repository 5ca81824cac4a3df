import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageViewer } from "@/app/_lib/viewer";
import { EmptyState } from "@/app/_components/empty-state";
import { visibleOrgIds } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { findScanForSource } from "@/lib/db/repo-report";
import { AppError } from "@/lib/errors";
import { localRepoDir, MAX_VIEW_BYTES, readFileAtCommit, safeRepoPath, type FileAtCommit } from "@/lib/sources/read-file-at-commit";
import { shortSha } from "@/lib/ui/format";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Source at the scanned commit" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Lines shown around the finding's line when a file is long. */
const CONTEXT_LINES = 200;

/**
 * A file of a LOCAL source's repository at the scanned commit (the evidence link of a finding). Only
 * for local orgs the viewer can see; the path must be a file of that commit (read-file-at-commit.ts).
 */
export default async function SourcePage({ params, searchParams }: Props) {
  const { id } = await params;
  const q = await searchParams;
  const scanId = typeof q.scan === "string" ? q.scan : "";
  const rawPath = typeof q.path === "string" ? q.path : "";
  const line = typeof q.line === "string" && /^\d{1,7}$/.test(q.line) ? Number(q.line) : null;
  const viewer = await requirePageViewer();
  const scan = scanId.length > 0 && scanId.length <= 64 ? await findScanForSource(db(), id, scanId, visibleOrgIds(viewer)) : null;
  if (!scan || scan.repository.org.sourceKind !== "LOCAL" || !scan.repository.org.localPath || !scan.commitSha) notFound();
  const repo = scan.repository;
  const filePath = safeRepoPath(rawPath);

  let file: FileAtCommit | null = null;
  let problem: string | null = filePath ? null : "This is not a path inside the repository.";
  if (filePath) {
    try {
      file = await readFileAtCommit(localRepoDir(repo.org.localPath!, repo.externalId), scan.commitSha, filePath);
    } catch (err) {
      if (!(err instanceof AppError) || !["NOT_FOUND", "VALIDATION", "TIMEOUT", "LIMIT_EXCEEDED"].includes(err.code)) throw err;
      problem =
        err.code === "NOT_FOUND"
          ? "This file is not part of the scanned commit, or the commit is no longer in the local repository (history rewritten or the repository moved)."
          : err.code === "TIMEOUT"
            ? "Reading the file took too long. Try again in a moment."
            : "This file cannot be shown.";
    }
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        <Link href="/" className="underline">Organizations</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={`/orgs/${repo.org.id}`} className="underline">{repo.org.name}</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={`/repos/${repo.id}`} className="underline">{repo.name}</Link> <span aria-hidden="true">/</span> <span aria-current="page">source</span>
      </nav>
      <h1 className="mb-1 font-mono text-xl font-bold break-all">{filePath ?? rawPath.slice(0, 200)}</h1>
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
        At commit <code title={scan.commitSha}>{shortSha(scan.commitSha)}</code>, the commit that was scanned
        {line ? <>; line {line} is highlighted</> : null}.{" "}
        <Link href={`/repos/${repo.id}`} className="underline">Back to the report</Link>
      </p>
      {problem || !file ? (
        <EmptyState title="File not available" tone="error">
          <p>{problem}</p>
          <p>
            Open <Link href={`/repos/${repo.id}`} className="underline">the report</Link> and follow a finding&apos;s link again, or press Rescan there to scan the current commit.
          </p>
        </EmptyState>
      ) : file.kind !== "text" ? (
        <EmptyState title={file.kind === "binary" ? "Binary file or symbolic link" : "File too large to show"}>
          <p>
            {file.kind === "binary"
              ? "This file has no text to show."
              : `It has ${file.bytes.toLocaleString("en")} bytes; the viewer shows files up to ${MAX_VIEW_BYTES.toLocaleString("en")} bytes.`}{" "}
            Open it from the repository checkout at <code>{shortSha(scan.commitSha)}</code>.
          </p>
        </EmptyState>
      ) : (
        <Code text={file.text} line={line} />
      )}
    </>
  );
}

function Code({ text, line }: { text: string; line: number | null }) {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const target = line && line <= lines.length ? line : null;
  const from = lines.length > CONTEXT_LINES * 2 && target ? Math.max(1, target - CONTEXT_LINES) : 1;
  const to = lines.length > CONTEXT_LINES * 2 && target ? Math.min(lines.length, target + CONTEXT_LINES) : lines.length;
  return (
    <div
      className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white font-mono text-xs leading-relaxed dark:border-slate-800 dark:bg-slate-900"
      tabIndex={0}
      role="region"
      aria-label="File contents"
      data-testid="source-view"
    >
      {from > 1 && <p className="px-3 py-1 text-slate-600 dark:text-slate-400">… lines 1–{from - 1} not shown</p>}
      <table className="min-w-full border-collapse">
        <tbody>
          {lines.slice(from - 1, to).map((content, i) => {
            const n = from + i;
            const hit = n === target;
            return (
              <tr key={n} id={`L${n}`} className={hit ? "bg-amber-100 dark:bg-amber-900/60" : undefined} data-highlighted={hit ? "true" : undefined} aria-current={hit ? "location" : undefined}>
                <td className="w-1 select-none px-3 text-right align-top text-slate-600 dark:text-slate-400">{n}</td>
                <td className="px-3 whitespace-pre">{content || " "}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {to < lines.length && <p className="px-3 py-1 text-slate-600 dark:text-slate-400">… lines {to + 1}–{lines.length} not shown</p>}
    </div>
  );
}
