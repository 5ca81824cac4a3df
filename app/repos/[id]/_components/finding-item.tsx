import type { FindingRow } from "@/lib/db/repo-report";
import { formatDateTime, formatLocation } from "@/lib/ui/format";
import { evidenceHref, type EvidenceContext } from "./evidence";

export const SEVERITY_CLASSES: Record<FindingRow["severity"], string> = {
  CRITICAL: "bg-red-700 text-white",
  HIGH: "bg-orange-700 text-white",
  MEDIUM: "bg-amber-300 text-amber-950",
  LOW: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  INFO: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

/** One finding: severity, message, rule, evidence (path:line link + snippet), remediation, waiver. */
export function FindingItem({
  finding,
  evidence,
  now,
  badge,
}: {
  finding: FindingRow;
  evidence: EvidenceContext;
  now: Date;
  /** Extra label (e.g. "new", "fixed") on the compare page. */
  badge?: React.ReactNode;
}) {
  const location = formatLocation(finding.path, finding.line);
  const href = evidenceHref(evidence, finding.path, finding.line);
  const expired = finding.waived && finding.waiverExpires !== null && finding.waiverExpires < now;
  return (
    <li
      className={`rounded-xl border bg-white p-4 dark:bg-slate-900 ${
        finding.waived ? "border-dashed border-slate-300 dark:border-slate-700" : "border-slate-200 dark:border-slate-800"
      }`}
      data-testid="finding"
      data-rule-id={finding.ruleId}
      data-fingerprint={finding.fingerprint}
    >
      <div className="flex flex-wrap items-center gap-2">
        {badge}
        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${SEVERITY_CLASSES[finding.severity]}`}>
          {finding.severity.toLowerCase()}
        </span>
        <p className="font-medium">{finding.message}</p>
      </div>
      <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600 dark:text-slate-400">
        <code>{finding.ruleId}</code>
        <span>{finding.confidence.toLowerCase()} confidence</span>
        {finding.unit && finding.unit !== "." && <span>unit {finding.unit}</span>}
      </p>
      {location && (
        <p className="mt-2 font-mono text-sm break-all" data-testid="finding-location">
          {href ? (
            <a
              href={href}
              className="text-sky-800 underline dark:text-sky-300"
              {...(href.startsWith("http") ? { rel: "noreferrer", target: "_blank" } : {})}
              aria-label={`${location}${href.startsWith("http") ? " (opens on GitHub)" : " (view the file at the scanned commit)"}`}
            >
              {location}
            </a>
          ) : (
            location
          )}
        </p>
      )}
      {finding.snippet && (
        <pre
          className="relative mt-2 overflow-x-auto rounded-md bg-slate-100 p-3 font-mono text-xs leading-relaxed text-slate-800 dark:bg-slate-950 dark:text-slate-200"
          tabIndex={0}
          aria-label={`Snippet from ${location ?? "the repository"}`}
        >
          <code>{finding.snippet}</code>
        </pre>
      )}
      {finding.remediation && (
        <p className="mt-2 text-sm">
          <span className="font-semibold">How to fix: </span>
          {finding.remediation}
        </p>
      )}
      {finding.waived && (
        <p
          className={`mt-2 rounded-md px-3 py-2 text-sm ${
            expired ? "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100" : "bg-slate-100 dark:bg-slate-800"
          }`}
          data-testid="waiver"
          data-expired={expired ? "true" : "false"}
        >
          <span className="font-semibold">{expired ? "Waiver expired: " : "Waived: "}</span>
          {finding.waiverReason ?? "no reason given"}
          {finding.waiverExpires && (
            <>
              {" "}· {expired ? "expired" : "expires"}{" "}
              <time dateTime={finding.waiverExpires.toISOString()}>{formatDateTime(finding.waiverExpires)}</time>
              {expired && " — renew it in .twelve-factor.yml or fix the finding; the next scan counts it again."}
            </>
          )}
        </p>
      )}
    </li>
  );
}
