// Renderer tests: JSON contract, SARIF 2.1.0 structure as GitHub code scanning requires it,
// markdown and the terminal table.
import { beforeAll, describe, expect, it } from "vitest";
import { scanRepository } from "../scan.ts";
import { listRules } from "../catalog.ts";
import { writeFixture } from "../testing.ts";
import type { ScanReport } from "../types.ts";
import { renderJson } from "./json.ts";
import { renderSarif, SARIF_LEVEL } from "./sarif.ts";
import { renderMarkdown } from "./markdown.ts";
import { renderTable } from "./table.ts";

let report: ScanReport;
const TOKEN = "ghp_" + "Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8";

beforeAll(async () => {
  const { dir, cleanup } = await writeFixture({
    "package.json": JSON.stringify({ name: "api", private: true, dependencies: { express: "^4", "express-session": "^1" } }),
    "server.js": "const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: process.env.S }));\n// twelve-factor-ignore F07-HARDCODED-LISTEN-PORT -- the sidecar always forwards to 3000 here\napp.listen(3000);\n",
    "src/token.js": `module.exports = "${TOKEN}";\n`,
    "Dockerfile": "FROM node:latest\nCMD npm start\n",
    "a dir/file with space.js": "module.exports = 1;\n",
  });
  try {
    report = await scanRepository(dir, { now: new Date("2026-01-01") });
  } finally {
    await cleanup();
  }
});

describe("JSON renderer", () => {
  it("renders the contract and never contains the raw secret", () => {
    const text = renderJson(report);
    const parsed = JSON.parse(text) as ScanReport;
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.factors).toHaveLength(12);
    expect(text).not.toContain(TOKEN);
    expect(text.endsWith("\n")).toBe(true);
  });
});

describe("SARIF renderer", () => {
  const sarif = () => JSON.parse(renderSarif(report, listRules())) as any;

  it("has the 2.1.0 envelope, one run and the tool driver with all catalog rules", () => {
    const s = sarif();
    expect(s.version).toBe("2.1.0");
    expect(s.$schema).toMatch(/sarif-2\.1\.0/);
    expect(s.runs).toHaveLength(1);
    const driver = s.runs[0].tool.driver;
    expect(driver.name).toBe("twelvefactor");
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(listRules().map((r) => r.id));
    for (const r of driver.rules) {
      expect(r.shortDescription.text.length).toBeGreaterThan(0);
      expect(r.fullDescription.text.length).toBeGreaterThan(0);
      expect(r.help.text.length).toBeGreaterThan(0);
      expect(["error", "warning", "note", "none"]).toContain(r.defaultConfiguration.level);
      if (r.helpUri) expect(r.helpUri).toMatch(/^https:\/\//);
      expect(r.properties.tags).toContain("twelve-factor");
    }
  });

  it("emits results GitHub accepts: ruleIndex, level, message, relative uri, startLine ≥ 1, partialFingerprints", () => {
    const s = sarif();
    const run = s.runs[0];
    expect(run.results.length).toBeGreaterThan(0);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(Object.values(SARIF_LEVEL)).toContain(r.level);
      expect(r.message.text.length).toBeGreaterThan(0);
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:/i);
      expect(loc.artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(r.partialFingerprints["twelveFactor/v1"]).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(JSON.stringify(s)).not.toContain(TOKEN);
  });

  it("maps severities to levels and marks waived findings as suppressed", () => {
    const s = sarif();
    const results = s.runs[0].results as any[];
    const secret = results.find((r) => r.ruleId === "F03-HARDCODED-SECRET");
    expect(secret.level).toBe("error");
    const port = results.find((r) => r.ruleId === "F07-HARDCODED-LISTEN-PORT");
    expect(port.suppressions).toEqual([{ kind: "inSource", status: "accepted", justification: "the sidecar always forwards to 3000 here" }]);
    const open = results.filter((r) => !r.suppressions);
    expect(open.length).toBeGreaterThan(0);
    const spaced = results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri.includes("space"));
    if (spaced) expect(spaced.locations[0].physicalLocation.artifactLocation.uri).toContain("%20");
  });

  it("marks secret rules with a security-severity", () => {
    const rule = sarif().runs[0].tool.driver.rules.find((r: { id: string }) => r.id === "F03-HARDCODED-SECRET");
    expect(rule.properties["security-severity"]).toBe("9.5");
    expect(rule.properties.tags).toContain("security");
  });
});

describe("markdown and table renderers", () => {
  it("markdown has the grade, a 12-row factor table and findings", () => {
    const md = renderMarkdown(report);
    expect(md).toContain(`**Grade ${report.gradeLabel}**`);
    const rows = md.split("\n").filter((l) => /^\| (I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\. /.test(l));
    expect(rows).toHaveLength(12);
    expect(md).toContain("F06-IN-MEMORY-SESSION-STORE");
    expect(md).toContain("## Waived");
    expect(md).not.toContain(TOKEN);
  });

  it("table shows bars for every factor, no ANSI codes unless asked", () => {
    const t = renderTable(report);
    expect(t).not.toMatch(/\x1b\[/);
    for (const f of report.factors) expect(t).toContain(`${f.id.padEnd(5)}${f.name}`);
    expect(t).toMatch(/[█░]{20}/);
    expect(t).toContain("fix:");
    expect(renderTable(report, { color: true })).toMatch(/\x1b\[/);
    expect(t).not.toContain(TOKEN);
  });
});
