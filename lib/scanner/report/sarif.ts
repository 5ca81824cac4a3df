// SARIF 2.1.0 for GitHub code scanning (RULES.md §6.3): rules in tool.driver.rules, levels from
// severity, partialFingerprints, suppressions for waived findings. Evidence results and
// absence-of-evidence are not emitted (JSON/markdown only) to avoid code-scanning noise.
import type { Finding, RuleMeta, ScanReport, Severity } from "../types.ts";
import { allFindings } from "./common.ts";

export type SarifLevel = "error" | "warning" | "note" | "none";

export const SARIF_LEVEL: Record<Severity, SarifLevel> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };
const SECURITY_SEVERITY: Partial<Record<Severity, string>> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };
const PRECISION = { high: "high", medium: "medium", low: "low" } as const;

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: unknown[];
}

function ruleName(id: string): string {
  return id.replace(/^F\d\d-/, "").toLowerCase().split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

function uriOf(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function resultOf(f: Finding, ruleIndex: number): Record<string, unknown> {
  const region: Record<string, unknown> = { startLine: f.line && f.line > 0 ? f.line : 1 };
  if (f.column && f.column > 0) region.startColumn = f.column;
  if (f.endLine && f.line && f.endLine >= f.line) region.endLine = f.endLine;
  if (f.snippet) region.snippet = { text: f.snippet };
  const result: Record<string, unknown> = {
    ruleId: f.rule,
    ruleIndex,
    level: SARIF_LEVEL[f.severity],
    message: { text: `${f.message} ${f.remediation}`.trim() },
    locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(f.path), uriBaseId: "%SRCROOT%" }, region } }],
    partialFingerprints: { "twelveFactor/v1": f.fingerprint.replace(/^sha256:/, "") },
    properties: { severity: f.severity, confidence: f.confidence, factor: f.factor, unit: f.unit, locator: f.locator, ...(f.adjusted ? { adjusted: f.adjusted } : {}) },
  };
  if (f.related?.length) {
    result.relatedLocations = f.related.map((r, i) => ({
      id: i + 1,
      message: { text: r.note },
      physicalLocation: { artifactLocation: { uri: uriOf(r.path), uriBaseId: "%SRCROOT%" }, region: { startLine: r.line && r.line > 0 ? r.line : 1 } },
    }));
  }
  if (f.waived && f.waiver) {
    result.suppressions = [{ kind: f.waiver.source === "inline" ? "inSource" : "external", status: "accepted", justification: f.waiver.reason }];
  }
  return result;
}

export function renderSarif(report: ScanReport, catalog: readonly RuleMeta[], opts: { informationUri?: string } = {}): string {
  const findings = allFindings(report);
  // all catalog rules are listed (so code scanning can show docs), results reference them by index
  const rules = catalog.map((m) => ({
    id: m.id,
    name: ruleName(m.id),
    shortDescription: { text: m.title },
    fullDescription: { text: m.rationale },
    help: {
      text: m.remediation,
      markdown: `**${m.title}**\n\n${m.rationale}\n\n**Remediation:** ${m.remediation}\n\n` +
        (m.docs.bad[0] ? `Bad (\`${m.docs.bad[0].file}\`):\n\n\`\`\`\n${m.docs.bad[0].code}\n\`\`\`\n\n` : "") +
        (m.docs.good[0] ? `Good (\`${m.docs.good[0].file}\`):\n\n\`\`\`\n${m.docs.good[0].code}\n\`\`\`\n\n` : "") +
        m.sources.map((s) => `- [${s.title}](${s.url})`).join("\n"),
    },
    ...(m.sources[0]?.url ? { helpUri: m.sources[0].url } : {}),
    defaultConfiguration: { level: SARIF_LEVEL[m.severity] },
    properties: {
      tags: ["twelve-factor", m.factor, ...(m.secret ? ["security"] : [])],
      precision: PRECISION[m.confidence],
      factor: m.factor,
      severity: m.severity,
      kind: m.kind,
      ...(m.secret && SECURITY_SEVERITY[m.severity] ? { "security-severity": SECURITY_SEVERITY[m.severity] } : {}),
    },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = findings.filter((f) => index.has(f.rule)).map((f) => resultOf(f, index.get(f.rule)!));
  const log: SarifLog = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "twelvefactor",
            version: report.scanner.version,
            semanticVersion: report.scanner.version,
            informationUri: opts.informationUri ?? "https://12factor.net/",
            rules,
            properties: { rulesVersion: report.scanner.rulesVersion },
          },
        },
        automationDetails: { id: "twelvefactor/" },
        ...(report.repo.commit && /^https:\/\//.test(report.repo.path) ? { versionControlProvenance: [{ repositoryUri: report.repo.path, revisionId: report.repo.commit }] } : {}),
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "Root of the scanned repository" } } },
        results,
        properties: { score: report.score, rawScore: report.rawScore, grade: report.grade, kind: report.kind },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
