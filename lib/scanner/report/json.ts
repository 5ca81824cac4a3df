// JSON renderer: the issue-3 contract, pretty-printed and newline-terminated.
import type { ScanReport } from "../types.ts";

export function renderJson(report: ScanReport, opts: { pretty?: boolean } = {}): string {
  return JSON.stringify(report, null, opts.pretty === false ? undefined : 2) + "\n";
}
