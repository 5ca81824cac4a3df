// Where a finding's path:line points: the file at the scanned commit on GitHub, or the local viewer
// (local sources). Null when the scan has no commit or the finding no path.

export type EvidenceContext = {
  repositoryId: string;
  sourceKind: "LOCAL" | "GITHUB";
  htmlUrl: string | null;
  scanId: string;
  commitSha: string | null;
};

export function evidenceHref(ctx: EvidenceContext, filePath: string | null, line: number | null): string | null {
  if (!filePath || !ctx.commitSha) return null;
  const anchor = line ? `#L${line}` : "";
  if (ctx.sourceKind === "GITHUB") {
    if (!ctx.htmlUrl) return null;
    const encoded = filePath.split("/").map(encodeURIComponent).join("/");
    return `${ctx.htmlUrl}/blob/${ctx.commitSha}/${encoded}${anchor}`;
  }
  const query = new URLSearchParams({ scan: ctx.scanId, path: filePath, ...(line ? { line: String(line) } : {}) });
  return `/repos/${encodeURIComponent(ctx.repositoryId)}/source?${query.toString()}${anchor}`;
}
