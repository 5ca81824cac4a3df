// End-to-end tests of scanRepository: the JSON contract, robustness against hostile input,
// waivers, pragmas and classification-driven applicability.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { scanRepository, RULES_VERSION, SCANNER_VERSION } from "./scan.ts";
import { RULES } from "./rules/registry.ts";
import { defineRule } from "./rules/define-rule.ts";
import { writeFixture, type FixtureFiles } from "./testing.ts";
import type { ScanOptions, ScanReport } from "./types.ts";

async function scan(files: FixtureFiles, opts: ScanOptions & { git?: boolean } = {}): Promise<ScanReport> {
  const { dir, cleanup } = await writeFixture(files, { git: opts.git });
  try {
    return await scanRepository(dir, opts);
  } finally {
    await cleanup();
  }
}

const expressApp: FixtureFiles = {
  "package.json": JSON.stringify({ name: "api", private: true, scripts: { start: "node server.js" }, dependencies: { express: "^4.19.0", "express-session": "^1.18.0" } }),
  "package-lock.json": "{}",
  "server.js": "const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: process.env.SESSION_SECRET }));\napp.listen(3000);\n",
  "Procfile": "web: node server.js\n",
};

describe("JSON contract", () => {
  it("has schemaVersion 1, versions, exactly twelve factors I..XII and the documented fields", async () => {
    const r = await scan(expressApp);
    expect(r.schemaVersion).toBe(1);
    expect(r.scanner).toEqual({ version: SCANNER_VERSION, rulesVersion: RULES_VERSION, scoringVersion: 19 });
    expect(r.factors.map((f) => f.id)).toEqual(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]);
    expect(r.factors.map((f) => f.name)).toContain("Codebase");
    for (const f of r.factors) {
      expect(["pass", "partial", "fail", "na"]).toContain(f.status);
      expect(["high", "medium", "low"]).toContain(f.confidence);
      if (f.status === "na") expect(f.score).toBeNull();
      else expect(f.score).toBeGreaterThanOrEqual(0);
      for (const x of f.findings) {
        for (const k of ["rule", "severity", "message", "path", "line", "snippet", "fingerprint", "waived"]) expect(x).toHaveProperty(k);
        expect(x.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
      }
    }
    expect(r.kind).toBe("service");
    expect(r.units).toHaveLength(1);
    expect(["A", "B", "C", "D", "F"]).toContain(r.grade);
    expect(typeof r.score).toBe("number");
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(0);
    expect(r.skipped).toMatchObject({ total: expect.any(Number), byReason: expect.any(Object), parseErrors: expect.any(Array) });
    // it round-trips through JSON unchanged
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("reports the Express + MemoryStore + listen(3000) problems on the right factors", async () => {
    const r = await scan(expressApp);
    const vi = r.factors.find((f) => f.id === "VI")!;
    expect(vi.findings.map((f) => f.rule)).toContain("F06-IN-MEMORY-SESSION-STORE");
    expect(vi.status).not.toBe("pass");
    const vii = r.factors.find((f) => f.id === "VII")!;
    expect(vii.findings.map((f) => f.rule)).toContain("F07-HARDCODED-LISTEN-PORT");
    expect(vii.status).toBe("fail");
  });

  it("is deterministic for the same input", async () => {
    const { dir, cleanup } = await writeFixture(expressApp);
    try {
      const a = await scanRepository(dir, { now: new Date("2026-01-01") });
      const b = await scanRepository(dir, { now: new Date("2026-01-01") });
      const strip = (x: ScanReport) => ({ ...x, timings: {} });
      expect(strip(a)).toEqual(strip(b));
    } finally {
      await cleanup();
    }
  });
});

describe("robustness", () => {
  it("records malformed YAML/JSON/TOML/Dockerfile as parse errors and keeps scanning", async () => {
    const r = await scan({
      ...expressApp,
      "k8s/broken.yaml": "apiVersion: apps/v1\nkind: Deployment\nspec: [unclosed\n  - : :\n",
      "config/app.json": "{ \"a\": 1, ",
      "fly.toml": "app = \"x\"\n[[services\n",
      "Dockerfile": "FROM\nRUN \\\n",
      "docker-compose.yml": "services:\n  web: {image: x\n",
    });
    const errs = r.skipped.parseErrors.map((e) => e.path);
    expect(errs).toEqual(expect.arrayContaining(["k8s/broken.yaml", "fly.toml", "docker-compose.yml"]));
    expect(r.skipped.parseErrors.every((e) => e.message.length > 0)).toBe(true);
    expect(r.factors).toHaveLength(12);
    expect(r.stats.rulesErrored).toBe(0);
  });

  it("skips a 50 MB minified file and a minified bundle without reading them into rules", async () => {
    const { dir, cleanup } = await writeFixture(expressApp);
    try {
      const line = "var a=1;".repeat(1024);
      const chunk = Buffer.from(line);
      const big = Buffer.alloc(50 * 1024 * 1024, chunk);
      await writeFile(path.join(dir, "public/app.min.js").replace("public/", ""), big);
      await mkdir(path.join(dir, "lib"), { recursive: true });
      await writeFile(path.join(dir, "lib/bundle.js"), line.repeat(64)); // 512 KB, one line → minified
      const t0 = performance.now();
      const r = await scanRepository(dir);
      expect(performance.now() - t0).toBeLessThan(20_000);
      expect(r.skipped.byReason.vendor ?? 0).toBeGreaterThanOrEqual(1); // *.min.js is vendor by path
      expect(r.skipped.byReason.minified).toBe(1);
      expect(r.skipped.files.find((f) => f.path === "lib/bundle.js")?.reason).toBe("minified");
      expect(r.stats.bytesRead).toBeLessThan(2 * 1024 * 1024);
    } finally {
      await cleanup();
    }
  });

  it("skips oversized files by size without reading them", async () => {
    const { dir, cleanup } = await writeFixture(expressApp);
    try {
      await writeFile(path.join(dir, "data.sql"), Buffer.alloc(3 * 1024 * 1024, "INSERT INTO t VALUES (1);\n"));
      const r = await scanRepository(dir);
      expect(r.skipped.files).toContainEqual(expect.objectContaining({ path: "data.sql", reason: "size" }));
    } finally {
      await cleanup();
    }
  });

  it("handles invalid UTF-8 and binary files", async () => {
    const r = await scan({
      ...expressApp,
      "src/latin1.js": new Uint8Array([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x20, 0x78, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0xff, 0xfe, 0x22, 0x3b, 0x0a]),
      "assets/blob.dat2": new Uint8Array([0x00, 0x01, 0x02, 0x00, 0xff]),
    });
    expect(r.stats.rulesErrored).toBe(0);
    expect(r.skipped.files).toContainEqual(expect.objectContaining({ path: "assets/blob.dat2", reason: "binary" }));
  });

  it("scans a 100-level deep directory tree", async () => {
    const deep = Array.from({ length: 100 }, (_, i) => `d${i}`).join("/");
    const r = await scan({ ...expressApp, [`${deep}/leaf.js`]: "module.exports = 1;\n" });
    expect(r.stats.files).toBe(Object.keys(expressApp).length + 1);
    expect(r.stats.rulesErrored).toBe(0);
  });

  it("records a throwing rule as errored and finishes the scan", async () => {
    const boom = defineRule({
      meta: {
        id: "F09-TEST-THROWS", version: 1, factor: "F09", kind: "violation", severity: "high", confidence: "high", appliesTo: ["service"], technique: ["FILE"],
        title: "A rule that always throws", rationale: "Used by the robustness test to prove isolation of rule failures.", remediation: "Nothing to do; this is a test rule.",
        docs: { bad: [{ file: "x", code: "x" }], good: [{ file: "x", code: "x" }] }, sources: [{ title: "test", url: "https://example.com" }],
      },
      check() {
        throw new Error("kaboom");
      },
    });
    const r = await scan(expressApp, { ruleSet: [...RULES, boom] });
    expect(r.stats.rulesErrored).toBe(1);
    expect(r.skipped.rules).toContainEqual(expect.objectContaining({ rule: "F09-TEST-THROWS", status: "errored", reason: "kaboom" }));
    const ix = r.factors.find((f) => f.id === "IX")!;
    expect(ix.rules.find((x) => x.id === "F09-TEST-THROWS")?.status).toBe("errored");
    expect(r.factors).toHaveLength(12);
  });

  it("charges a repo-scope rule's time once, not once per unit it is fanned out to", async () => {
    // a deterministic clock: only the rule advances it, by exactly 1,000 ms per evaluation
    let clock = 0;
    let calls = 0;
    const spy = vi.spyOn(performance, "now").mockImplementation(() => clock);
    const slow = defineRule({
      meta: {
        id: "F09-TEST-SLOW", version: 1, factor: "F09", kind: "violation", severity: "low", confidence: "high", appliesTo: ["service"], scope: "repo", technique: ["FILE"],
        title: "A repo-scope rule that takes one second", rationale: "Used by the timings test to prove a repo-level rule is timed once.", remediation: "Nothing to do; this is a test rule.",
        docs: { bad: [{ file: "x", code: "x" }], good: [{ file: "x", code: "x" }] }, sources: [{ title: "test", url: "https://example.com" }],
      },
      check() {
        calls++;
        clock += 1000;
      },
    });
    const svc = (name: string) => ({
      [`apps/${name}/package.json`]: JSON.stringify({ name, private: true, dependencies: { express: "^4" } }),
      [`apps/${name}/server.js`]: "require('express')().listen(process.env.PORT);\n",
    });
    try {
      const r = await scan({ "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["apps/*"] }), ...svc("a"), ...svc("b"), ...svc("c") }, { ruleSet: [slow] });
      expect(r.units.length).toBeGreaterThanOrEqual(3);
      expect(calls).toBe(1);
      expect(r.timings["rule:F09-TEST-SLOW"]).toBe(1000);
    } finally {
      spy.mockRestore();
    }
  });

  it("honours an abort signal", async () => {
    const ac = new AbortController();
    ac.abort();
    const { dir, cleanup } = await writeFixture(expressApp);
    try {
      await expect(scanRepository(dir, { signal: ac.signal })).rejects.toThrow();
    } finally {
      await cleanup();
    }
  });

  it("fails clearly on a missing directory", async () => {
    await expect(scanRepository("/nonexistent/path/xyz")).rejects.toThrow(/path not found/);
  });

  it("applies maxFiles and reports the limit", async () => {
    const files: FixtureFiles = { ...expressApp };
    for (let i = 0; i < 30; i++) files[`src/m${i}.js`] = "module.exports = 1;\n";
    const r = await scan(files, { limits: { maxFiles: 10 } });
    expect(r.skipped.limitsHit).toContain("maxFiles");
    expect(r.skipped.byReason.limit).toBe(r.stats.files - 10);
  });
});

describe("waivers and pragmas", () => {
  it("applies a path waiver with reason and expiry, and reports score with and without it", async () => {
    const r = await scan({
      ...expressApp,
      ".twelve-factor.yml": "version: 1\nwaivers:\n  - id: W-1\n    rule: F06-IN-MEMORY-SESSION-STORE\n    paths: [\"server.js\"]\n    reason: \"Single-replica internal admin tool; sessions may be lost on restart.\"\n    expires: \"2026-06-30\"\n",
    }, { now: new Date("2026-01-15") });
    const f = r.factors.find((x) => x.id === "VI")!.findings.find((x) => x.rule === "F06-IN-MEMORY-SESSION-STORE")!;
    expect(f.waived).toBe(true);
    expect(f.waiver).toMatchObject({ id: "W-1", source: "config" });
    expect(r.waivers.active).toBe(1);
    const vi = r.factors.find((x) => x.id === "VI")!;
    expect(vi.score!).toBeGreaterThan(vi.rawScore!);
    expect(r.score!).toBeGreaterThanOrEqual(r.rawScore!);
  });

  it("reinstates findings of an expired waiver and reports WAIVER-EXPIRED", async () => {
    const r = await scan({
      ...expressApp,
      ".twelve-factor.yml": "waivers:\n  - id: W-2\n    rule: F06-IN-MEMORY-SESSION-STORE\n    paths: [\"server.js\"]\n    reason: \"Single-replica internal admin tool; sessions may be lost on restart.\"\n    expires: \"2025-12-31\"\n",
    }, { now: new Date("2026-01-15") });
    expect(r.factors.find((x) => x.id === "VI")!.findings.find((x) => x.rule === "F06-IN-MEMORY-SESSION-STORE")!.waived).toBe(false);
    expect(r.notices.map((n) => n.code)).toContain("WAIVER-EXPIRED");
  });

  it("reports unused waivers and rejects lazy reasons and glob waivers for secret rules", async () => {
    const r = await scan({
      ...expressApp,
      ".twelve-factor.yml": [
        "waivers:",
        "  - rule: F07-HARDCODED-LISTEN-PORT",
        "    paths: [\"nothing/**\"]",
        "    reason: \"Legacy listener kept until the platform migration is done.\"",
        "  - rule: F07-HARDCODED-LISTEN-PORT",
        "    paths: [\"server.js\"]",
        "    reason: \"false positive\"",
        "  - rule: F03-HARDCODED-SECRET",
        "    paths: [\"**\"]",
        "    reason: \"Fixtures contain fake keys used by our redaction tests.\"",
        "    expires: \"2026-03-01\"",
      ].join("\n") + "\n",
    }, { now: new Date("2026-01-15") });
    const codes = r.notices.map((n) => n.code);
    expect(codes).toContain("WAIVER-UNUSED");
    expect(codes.filter((c) => c === "CONFIG-WAIVER-REJECTED")).toHaveLength(2);
    expect(r.factors.find((x) => x.id === "VII")!.findings.find((x) => x.rule === "F07-HARDCODED-LISTEN-PORT")!.waived).toBe(false);
  });

  it("waives a secret finding by fingerprint only", async () => {
    const token = "ghp_" + "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8";
    const files = { ...expressApp, "src/gh.js": `module.exports = "${token}";\n` };
    const first = await scan(files);
    const secret = first.factors.find((x) => x.id === "III")!.findings.find((x) => x.rule === "F03-HARDCODED-SECRET")!;
    expect(secret.severity).toBe("critical");
    expect(first.gatesApplied).toContain("G1");
    const second = await scan({
      ...files,
      ".twelve-factor.yml": `waivers:\n  - rule: F03-HARDCODED-SECRET\n    fingerprint: "${secret.fingerprint}"\n    reason: "Revoked token kept as a regression fixture for redaction."\n    expires: "2026-03-01"\n`,
    }, { now: new Date("2026-01-15") });
    const again = second.factors.find((x) => x.id === "III")!.findings.find((x) => x.rule === "F03-HARDCODED-SECRET")!;
    expect(again.waived).toBe(true);
    expect(JSON.stringify(second)).not.toContain(token);
  });

  it("honours inline pragmas with a reason and reports ones without", async () => {
    const r = await scan({
      ...expressApp,
      "server.js": "const express = require('express');\nconst app = express();\n// twelve-factor-ignore F07-HARDCODED-LISTEN-PORT -- sidecar proxy always targets 3000 in this pod\napp.listen(3000);\nconst web2 = express();\n// twelve-factor-ignore F07-HARDCODED-LISTEN-PORT\nweb2.listen(3001);\n",
    });
    const findings = r.factors.find((x) => x.id === "VII")!.findings.filter((x) => x.rule === "F07-HARDCODED-LISTEN-PORT");
    expect(findings.find((x) => x.line === 4)?.waived).toBe(true);
    expect(findings.find((x) => x.line === 4)?.waiver?.source).toBe("inline");
    expect(findings.find((x) => x.line === 7)?.waived).toBe(false);
    expect(r.notices.map((n) => n.code)).toContain("PRAGMA-NO-REASON");
  });

  it("declares a factor N/A with a reason", async () => {
    const r = await scan({ ...expressApp, ".twelve-factor.yml": "factors:\n  VII:\n    applicable: false\n    reason: \"Traffic arrives through a unix socket owned by the sidecar.\"\n" });
    const vii = r.factors.find((x) => x.id === "VII")!;
    expect(vii.status).toBe("na");
    expect(vii.reason).toMatch(/declared not applicable/);
    expect(r.notices.map((n) => n.code)).toContain("NA-CONTRADICTED");
  });
});

describe("classification and applicability", () => {
  it("scores a library on codebase/dependencies/config only (port binding etc. are na)", async () => {
    const r = await scan({
      "package.json": JSON.stringify({ name: "tiny-lib", version: "1.2.0", main: "index.js", types: "index.d.ts", dependencies: { lodash: "^4.17.21" } }),
      "package-lock.json": "{}",
      "index.js": "const _ = require('lodash');\nmodule.exports = (x) => _.chunk(x, 2);\n",
      ".github/workflows/publish.yml": "on:\n  release:\n    types: [published]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - run: npm publish\n",
    });
    expect(r.kind).toBe("library");
    for (const id of ["IV", "VI", "VII", "VIII", "IX", "XII"]) expect(r.factors.find((f) => f.id === id)!.status, id).toBe("na");
  });

  it("classifies a PHP application (composer type project, root index.php front controller) as a service even next to a publishable front-end package.json (session 20: matomo)", async () => {
    const files = {
      "composer.json": JSON.stringify({ name: "acme/analytics", type: "project", require: { php: ">=8.1", "symfony/console": "^6" } }),
      "index.php": "<?php\nrequire __DIR__ . '/core/bootstrap.php';\n\\Acme\\FrontController::dispatch();\n",
      "core/bootstrap.php": "<?php\nnamespace Acme;\nclass FrontController { public static function dispatch() { echo 'ok'; } }\n",
      "package.json": JSON.stringify({ name: "acme-tracker", version: "5.0.0", main: "js/tracker.js" }),
      "js/tracker.js": "module.exports = function track() {};\n",
    };
    const r = await scan(files);
    expect(r.kind).toBe("service");
    expect(r.factors.find((f) => f.id === "VII")!.status).not.toBe("na");
    // a composer library with the same index.php stays a library
    const lib = await scan({ ...files, "composer.json": JSON.stringify({ name: "acme/analytics", type: "library", require: { php: ">=8.1" } }) });
    expect(lib.kind).toBe("library");
  });

  it("classifies a cobra CLI released with goreleaser as a CLI (exec.Cmd.Run is not a listener) and judges it on I–III only", async () => {
    const r = await scan({
      "go.mod": "module example.com/mdview\n\ngo 1.22\n\nrequire github.com/spf13/cobra v1.8.0\n",
      "go.sum": "",
      ".goreleaser.yml": "version: 2\nbuilds:\n  - main: .\n",
      "Dockerfile": 'FROM gcr.io/distroless/static\nCOPY mdview /usr/local/bin/mdview\nENTRYPOINT ["/usr/local/bin/mdview"]\n',
      "main.go": 'package main\n\nimport (\n\t"os"\n\t"os/exec"\n\n\t"github.com/spf13/cobra"\n)\n\nvar root = &cobra.Command{Use: "mdview", RunE: func(*cobra.Command, []string) error {\n\tc := exec.Command(os.Getenv("EDITOR"))\n\treturn c.Run()\n}}\n\nfunc main() { _ = root.Execute() }\n',
    });
    expect(r.kind).toBe("cli");
    for (const id of ["IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]) expect(r.factors.find((f) => f.id === id)!.status, id).toBe("na");
    expect(r.factors.find((f) => f.id === "II")!.status).not.toBe("na");
  });

  it("classifies a Go CLI whose subtest helpers call t.Run(\"…\") and whose TUI calls app.Run() as a CLI; a server with Run(\":8080\") stays a service", async () => {
    const files: FixtureFiles = {
      "go.mod": "module example.com/hubctl\n\ngo 1.22\n\nrequire (\n\tgithub.com/spf13/cobra v1.8.0\n\tgithub.com/urfave/cli/v2 v2.27.0\n)\n",
      "go.sum": "",
      ".goreleaser.yml": "version: 2\nbuilds:\n  - main: ./cmd/hubctl\n",
      "cmd/hubctl/main.go": 'package main\n\nimport (\n\t"os"\n\n\t"github.com/urfave/cli/v2"\n)\n\nfunc main() {\n\tapp := &cli.App{Name: "hubctl"}\n\t_ = app.Run(os.Args)\n}\n',
      "pkg/browse/browse.go": 'package browse\n\nimport "github.com/rivo/tview"\n\nfunc Browse() error {\n\tapp := tview.NewApplication()\n\treturn app.Run()\n}\n',
      "pkg/auth/contract/helper.go": 'package contract\n\nimport "testing"\n\nfunc Contract(t *testing.T) {\n\tt.Run("when no helper is configured, configures hubctl for the host", func(t *testing.T) {})\n}\n',
    };
    const r = await scan(files);
    expect(r.kind).toBe("cli");
    for (const id of ["IV", "VII", "VIII", "IX"]) expect(r.factors.find((f) => f.id === id)!.status, id).toBe("na");
    const svc = await scan({ ...files, "cmd/hubctl/serve.go": 'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc serve() {\n\tr := gin.Default()\n\t_ = r.Run(":8080")\n}\n' });
    expect(svc.kind).toBe("service");
  });

  it("classifies a kong CLI (package main, no listener) as a CLI: the toolkit is a CLI signal like cobra", async () => {
    const r = await scan({
      "go.mod": "module example.com/tool\n\ngo 1.22\n\nrequire github.com/alecthomas/kong v0.9.0\n",
      "go.sum": "",
      "main.go": 'package main\n\nimport "github.com/alecthomas/kong"\n\nvar cli struct {\n\tName string `arg:""`\n}\n\nfunc main() {\n\tctx := kong.Parse(&cli)\n\t_ = ctx.Run()\n}\n',
    });
    expect(r.kind).toBe("cli");
    expect(r.units[0].signals.some((s) => s.kind === "cli" && /kong/.test(s.reason))).toBe(true);
  });

  it("classifies a Go CLI with an optional control server, a man page and a test-runner Dockerfile as a CLI", async () => {
    const files: FixtureFiles = {
      "go.mod": "module example.com/finder\n\ngo 1.22\n",
      "go.sum": "",
      ".goreleaser.yml": "version: 2\nbuilds:\n  - main: .\n",
      "man/man1/finder.1": ".TH FINDER 1\n",
      "Dockerfile": 'FROM ruby:3.4\nCOPY . /finder\nCMD ["bash", "-c", "ruby /finder/test/runner.rb"]\n',
      "main.go": 'package main\n\nimport "example.com/finder/src"\n\nfunc main() { src.Run() }\n',
      "src/server.go": 'package src\n\nimport "net"\n\nfunc listen(addr string) (net.Listener, error) {\n\treturn net.Listen("tcp", addr)\n}\n',
      "src/run.go": "package src\n\nfunc Run() {}\n",
    };
    const r = await scan(files);
    expect(r.kind).toBe("cli");
    for (const id of ["IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]) expect(r.factors.find((f) => f.id === id)!.status, id).toBe("na");
    // the same repository whose image starts the program (no man page) stays a service
    const { "man/man1/finder.1": _man, ...rest } = files;
    void _man;
    const svc = await scan({ ...rest, Dockerfile: 'FROM gcr.io/distroless/static\nCOPY finder /finder\nEXPOSE 8080\nCMD ["/finder", "--listen", ":8080"]\n' });
    expect(svc.kind).toBe("service");
  });

  it("classifies a setuptools CLI (setup.cfg console_scripts) as a CLI despite a benchmark HTTP server", async () => {
    const files: FixtureFiles = {
      "setup.py": "from setuptools import setup\nsetup()\n",
      "setup.cfg": "[metadata]\nname = fetcher\n\n[options]\ninstall_requires =\n    requests>=2.22.0\n\n[options.entry_points]\nconsole_scripts =\n    fetch = fetcher.__main__:main\n",
      "fetcher/__init__.py": "__version__ = '1.0'\n",
      "fetcher/__main__.py": "import sys\n\ndef main():\n    return 0\n",
      "extras/profiling/run.py": "from http.server import HTTPServer, SimpleHTTPRequestHandler\nserver = HTTPServer(('localhost', 0), SimpleHTTPRequestHandler)\n",
      ".github/workflows/release.yml": "on: release\njobs:\n  pypi:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n",
    };
    const r = await scan(files);
    expect(r.kind).toBe("cli");
    for (const id of ["IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]) expect(r.factors.find((f) => f.id === id)!.status, id).toBe("na");
    // a pip-installable web app that also declares a console script and ships an image exposing a port stays a service
    const svc = await scan({
      "setup.py": "from setuptools import setup\nsetup(name='watcher', entry_points={'console_scripts': ['watcher = watcher:main']})\n",
      "requirements.txt": "flask==3.1.0\n",
      "watcher/__init__.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\n\ndef main():\n    app.run(host='0.0.0.0', port=int(os.environ.get('PORT', 5000)))\n",
      "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nEXPOSE 5000\nCMD ["python", "-m", "watcher"]\n',
    });
    expect(svc.kind).toBe("service");
  });

  it("classifies a PyPI-published program that serves HTTP through the standard library, run by an image binding an address, as a service (session 10)", async () => {
    const lib: FixtureFiles = {
      "pyproject.toml": "[build-system]\nrequires = ['setuptools']\nbuild-backend = 'setuptools.build_meta'\n\n[project]\nname = 'calserver'\nversion = '3.0'\ndependencies = ['vobject>=0.9']\n\n[project.scripts]\ncalserver = 'calserver.__main__:run'\n",
      "calserver/__init__.py": "__version__ = '3.0'\n",
      "calserver/__main__.py": "from calserver import server\n\ndef run():\n    server.serve()\n",
      ".github/workflows/pypi.yml": "on: release\njobs:\n  pypi:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n",
    };
    const serverPy = "import socketserver\nimport wsgiref.simple_server\n\nclass ParallelHTTPServer(socketserver.ThreadingMixIn, wsgiref.simple_server.WSGIServer):\n    daemon_threads = True\n\ndef serve():\n    server = ParallelHTTPServer(('0.0.0.0', 5232), wsgiref.simple_server.WSGIRequestHandler)\n    while True:\n        server.handle_request()\n";
    const dockerfile = 'FROM python:3.13-alpine\nCOPY . /app\nRUN pip install /app\nENTRYPOINT ["/usr/local/bin/calserver"]\nCMD ["--hosts", "0.0.0.0:5232,[::]:5232"]\n';
    const svc = await scan({ ...lib, "calserver/server.py": serverPy, Dockerfile: dockerfile });
    expect(svc.kind).toBe("service");
    expect(svc.factors.find((f) => f.id === "VII")!.status).not.toBe("na");
    // the same package without a server in its code stays a library: the image alone does not make it one
    const pkg = await scan({ ...lib, "calserver/server.py": "def serve():\n    return None\n", Dockerfile: dockerfile });
    expect(pkg.kind).not.toBe("service");
  });

  it("takes wsgi.py as a server entrypoint only when it exposes the application callable", async () => {
    const lib = await scan({
      "pyproject.toml": '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "fetchlib"\nversion = "1.0"\ndependencies = ["certifi"]\n',
      "fetchlib/__init__.py": "from ._transports.wsgi import WSGITransport\n",
      "fetchlib/_transports/wsgi.py": "class WSGITransport:\n    def __init__(self, app):\n        self.app = app\n",
      ".github/workflows/publish.yml": "on: release\njobs:\n  pypi:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n",
    });
    expect(lib.kind).toBe("library");
    const svc = await scan({
      "requirements.txt": "django==5.1\ngunicorn==23.0\n",
      "mysite/settings.py": "import os\nSECRET_KEY = os.environ['SECRET_KEY']\n",
      "mysite/wsgi.py": "import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\napplication = get_wsgi_application()\n",
    });
    expect(svc.kind).toBe("service");
  });

  it("keeps a gin service with r.Run() a service", async () => {
    const r = await scan({
      "go.mod": "module example.com/api\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n",
      "go.sum": "",
      "main.go": 'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc main() {\n\tr := gin.Default()\n\tr.Run()\n}\n',
    });
    expect(r.kind).toBe("service");
  });

  it("does not take npm init's \"main\" as a library signal for an app with a listener", async () => {
    const r = await scan({
      "package.json": JSON.stringify({ name: "api", version: "1.0.0", main: "index.js", dependencies: { "@nestjs/core": "^10", "@nestjs/common": "^10" } }),
      "package-lock.json": "{}",
      "src/main.ts": "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(process.env.PORT ?? 3000);\n}\nbootstrap();\n",
    });
    expect(r.kind).toBe("service");
    expect(r.units[0].ambiguous).toBe(false);
    // VI of a service with nothing stateful to inspect: a low-confidence pass, not na
    const vi = r.factors.find((f) => f.id === "VI")!;
    expect(vi.status).toBe("pass");
    expect(vi.confidence).toBe("low");
  });

  it("fails VI when the production datastore is an embedded SQLite file (Rails database.yml)", async () => {
    const r = await scan({
      "Gemfile": "source 'https://rubygems.org'\ngem 'rails', '7.1.0'\ngem 'sqlite3'\n",
      "Gemfile.lock": "GEM\n",
      "config.ru": "require_relative 'config/environment'\nrun Rails.application\n",
      "config/database.yml": "production:\n  adapter: sqlite3\n  database: db/production.sqlite3\n",
    });
    expect(r.kind).toBe("service");
    const vi = r.factors.find((f) => f.id === "VI")!;
    expect(vi.status).toBe("fail");
    expect(vi.findings.some((f) => f.rule === "F04-EMBEDDED-BACKING-SERVICE")).toBe(true);
  });

  it("keeps III na for a library whose only secret-shaped string is a test fixture", async () => {
    const token = "refreshed" + "-token-9f8e7d6c5b4a"; // not a word slug (session 8: `refreshed-token-123` is an identifier-shaped slug now)
    const r = await scan({
      "package.json": JSON.stringify({ name: "tiny-lib", version: "1.2.0", main: "index.js", types: "index.d.ts" }),
      "index.js": "module.exports = (x) => x * 2;\n",
      "test/index.test.js": `const reply = (res) => res.json({ error: { code: 'TOKEN_REFRESH', newToken: '${token}' } });\nmodule.exports = reply;\n`,
    });
    expect(r.kind).toBe("library");
    const iii = r.factors.find((f) => f.id === "III")!;
    expect(iii.findings.some((f) => f.rule === "F03-HARDCODED-SECRET"), JSON.stringify(iii.findings)).toBe(true);
    expect(iii.status).toBe("na");
  });

  it("treats a docs-only repository as N/A (docs)", async () => {
    const r = await scan({ "README.md": "# Notes\n", "docs/guide.md": "Hello\n", "img/logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0]) });
    expect(r.kind).toBe("docs");
    expect(r.grade).toBeNull();
    expect(r.gradeLabel).toBe("N/A (docs)");
    expect(r.factors).toHaveLength(12);
  });

  it("a .NET solution whose source-less root Dockerfile publishes its one web project is that project's deploy (session 5c: BaGetter)", async () => {
    const sln = 'Microsoft Visual Studio Solution File\nProject("{FAE04EC0}") = "Web", "src\\Web\\Web.csproj", "{1}"\nEndProject\nProject("{FAE04EC0}") = "Core", "src\\Core\\Core.csproj", "{2}"\nEndProject\n';
    const files: FixtureFiles = {
      "App.sln": sln,
      "Dockerfile": 'FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build\nCOPY /src .\nRUN dotnet publish Web -c Release -o /app\nFROM mcr.microsoft.com/dotnet/aspnet:9.0\nCOPY --from=build /app /app\nWORKDIR /app\nENTRYPOINT ["dotnet", "Web.dll"]\n',
      "src/Web/Web.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <ProjectReference Include="..\\Core\\Core.csproj" />\n  </ItemGroup>\n</Project>\n',
      "src/Web/Program.cs": "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.MapGet(\"/\", () => \"ok\");\napp.Run();\n",
      "src/Core/Core.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <IsPackable>true</IsPackable>\n  </PropertyGroup>\n</Project>\n',
      "src/Core/Thing.cs": "namespace Core;\npublic class Thing { }\n",
    };
    const r = await scan(files);
    // no source-less "." unit: the root Dockerfile is shared, and the web project is a (non-ambiguous) service
    expect(r.units.map((u) => [u.path, u.kind])).toEqual([["src/Core", "library"], ["src/Web", "service"]]);
    expect(r.units.find((u) => u.path === "src/Web")!.ambiguous).toBe(false);
    // the web project's production start command is the shared Dockerfile's ENTRYPOINT
    const v = r.factors.find((f) => f.id === "V")!;
    const runtimeStep = v.rules.find((x) => x.id === "F05-RUNTIME-BUILD-STEP" && (x.reason ?? "").startsWith("src/Web"));
    expect(runtimeStep?.status).not.toBe("na");
    // a Dockerfile at a root with its own application source keeps the root a unit of its own
    const withRootSource = await scan({ ...files, "Controllers/A.cs": "class A {}\n", "Controllers/B.cs": "class B {}\n", "Services/C.cs": "class C {}\n", "Root.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web" />\n' });
    expect(withRootSource.units.some((u) => u.path === ".")).toBe(true);
  });

  it("a Maven module whose only signal says library is a library, not an ambiguous service (session 5c: xxl-job-core)", async () => {
    const pom = (artifact: string, extra = "") => `<project><modelVersion>4.0.0</modelVersion><parent><groupId>x</groupId><artifactId>parent</artifactId><version>1</version></parent><artifactId>${artifact}</artifactId><packaging>jar</packaging>${extra}</project>\n`;
    const files: FixtureFiles = {
      "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging><modules><module>admin</module><module>core</module></modules></project>\n",
      "admin/pom.xml": pom("admin", "<dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>"),
      "admin/Dockerfile": 'FROM eclipse-temurin:21-jre\nCOPY target/admin.jar /app.jar\nEXPOSE 8080\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
      "admin/src/main/java/x/App.java": "package x;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n",
      "core/pom.xml": pom("core"),
      "core/src/main/java/x/core/Client.java": "package x.core;\npublic class Client { }\n",
    };
    const r = await scan(files);
    expect(r.units.map((u) => [u.path, u.kind])).toEqual([["admin", "service"], ["core", "library"]]);
    // a module with a deploy signal next to the library signal stays a service
    const r2 = await scan({ ...files, "core/Dockerfile": 'FROM eclipse-temurin:21-jre\nCOPY target/core.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n' });
    expect(r2.units.find((u) => u.path === "core")!.kind).toBe("service");
  });

  it("a Kotlin Javalin 7 server (Javalin.start { }) with catalog dependencies is a service (session 5c2: Suwayomi-Server)", async () => {
    const files: FixtureFiles = {
      "settings.gradle.kts": 'rootProject.name = "srv"\ninclude("server")\n',
      "gradle/libs.versions.toml": '[versions]\njavalin = "7.2.3"\n\n[libraries]\njavalin-core = { module = "io.javalin:javalin", version.ref = "javalin" }\n',
      "server/build.gradle.kts": "dependencies {\n    implementation(libs.javalin.core)\n}\n",
      "server/src/main/kotlin/srv/Main.kt": "package srv\n\nimport io.javalin.Javalin\n\nfun main() {\n    Javalin.start { config ->\n        config.jetty.port = 4567\n    }\n}\n",
    };
    const r = await scan(files);
    const server = r.units.find((u) => u.path === "server")!;
    expect(server.kind).toBe("service");
    expect(server.frameworks).toContain("javalin");
  });

  it("follows a web project's ProjectReferences: its class libraries' code is judged with it, and the solution is that one service (classification v2: eShopOnWeb, BaGetter)", async () => {
    const sln = 'Microsoft Visual Studio Solution File\nProject("{FAE04EC0}") = "Web", "src\\Web\\Web.csproj", "{1}"\nEndProject\nProject("{FAE04EC0}") = "Infrastructure", "src\\Infrastructure\\Infrastructure.csproj", "{2}"\nEndProject\nProject("{FAE04EC0}") = "Core", "src\\Core\\Core.csproj", "{3}"\nEndProject\n';
    const files: FixtureFiles = {
      "App.sln": sln,
      "src/Web/Web.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <ProjectReference Include="..\\Infrastructure\\Infrastructure.csproj" />\n  </ItemGroup>\n</Project>\n',
      "src/Web/Dockerfile": 'FROM mcr.microsoft.com/dotnet/aspnet:9.0\nCOPY out /app\nWORKDIR /app\nEXPOSE 8080\nENTRYPOINT ["dotnet", "Web.dll"]\n',
      "src/Web/Program.cs": "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.MapGet(\"/\", () => \"ok\");\napp.Run();\n",
      // the data layer (where the datastore is chosen) lives in a referenced class library, which references Core
      "src/Infrastructure/Infrastructure.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="8.0.0" />\n    <ProjectReference Include="..\\Core\\Core.csproj" />\n  </ItemGroup>\n</Project>\n',
      "src/Infrastructure/Dependencies.cs": 'namespace Infrastructure;\npublic static class Dependencies {\n  public static void Configure(IServiceCollection services) {\n    services.AddDbContext<AppDb>(o => o.UseSqlite("Data Source=/data/app.db"));\n  }\n}\n',
      "src/Core/Core.csproj": '<Project Sdk="Microsoft.NET.Sdk" />\n',
      "src/Core/Thing.cs": "namespace Core;\npublic class Thing { }\n",
    };
    const r = await scan(files);
    expect(r.units.map((u) => [u.path, u.kind])).toEqual([["src/Core", "library"], ["src/Infrastructure", "library"], ["src/Web", "service"]]);
    expect(r.kind).toBe("service");
    // the web service's IV sees the SQLite datastore its Infrastructure library configures (transitively linked)
    const webIv = r.units.find((u) => u.path === "src/Web")!.factors.find((f) => f.id === "IV")!;
    expect(webIv.findings.some((f) => f.rule === "F04-EMBEDDED-BACKING-SERVICE" && f.path === "src/Infrastructure/Dependencies.cs")).toBe(true);
    expect(webIv.status).toBe("fail");
    expect(r.factors.find((f) => f.id === "IV")!.status).toBe("fail");
    // without the reference the library stays a separate unit and the solution a monorepo
    const unlinked = await scan({ ...files, "src/Web/Web.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web" />\n' });
    expect(unlinked.kind).toBe("monorepo");
    expect(unlinked.units.find((u) => u.path === "src/Web")!.factors.find((f) => f.id === "IV")!.findings.some((f) => f.rule === "F04-EMBEDDED-BACKING-SERVICE")).toBe(false);
  });

  it("a cobra server released by goreleaser as container images, with a workflow generator under .github/, is a service (classification v9: headscale)", async () => {
    const files: FixtureFiles = {
      "go.mod": "module example.com/mesh\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.1.0\n\tgithub.com/spf13/cobra v1.8.0\n)\n",
      "packaging/systemd/mesh.service": "[Unit]\nDescription=mesh control server\n\n[Service]\nExecStart=/usr/bin/mesh serve\nRestart=always\n\n[Install]\nWantedBy=multi-user.target\n",
      "cmd/mesh/main.go": 'package main\n\nimport "example.com/mesh/cmd/mesh/cli"\n\nfunc main() { cli.Execute() }\n',
      "cmd/mesh/cli/root.go": 'package cli\n\nimport (\n\t"github.com/spf13/cobra"\n\t"example.com/mesh/control"\n)\n\nvar root = &cobra.Command{Use: "mesh"}\nvar serve = &cobra.Command{Use: "serve", Run: func(*cobra.Command, []string) { control.New().Run() }}\n\nfunc Execute() { root.AddCommand(serve); root.Execute() }\n',
      "control/app.go": "package control\n\ntype App struct{}\n\nfunc New() *App { return &App{} }\n\nfunc (a *App) Run() {}\n",
      ".github/workflows/gen-matrix.go": 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("matrix") }\n',
      ".goreleaser.yml": "version: 2\nbuilds:\n  - main: ./cmd/mesh\nkos:\n  - repository: ghcr.io/example/mesh\n    tags: ['{{ .Version }}']\n",
    };
    expect((await scan(files)).kind).toBe("service");
    // the same tree released as plain binaries is a command-line tool
    expect((await scan({ ...files, ".goreleaser.yml": "version: 2\nbuilds:\n  - main: ./cmd/mesh\narchives:\n  - format: tar.gz\n" })).kind).toBe("cli");
    // a Go module whose only package main is a workflow helper under .github/ is a library, not a CLI
    const lib = await scan({ "go.mod": "module example.com/kit\n\ngo 1.22\n", "kit.go": "package kit\n\nfunc Do() {}\n", ".github/workflows/gen-matrix.go": files[".github/workflows/gen-matrix.go"] });
    expect(lib.kind).toBe("library");
  });

  it("an npm-published daemon whose image is built from docker/Dockerfile is a service, not a library (classification v9: zigbee2mqtt)", async () => {
    const files: FixtureFiles = {
      "package.json": JSON.stringify({ name: "bridge2mqtt", version: "2.0.0", main: "index.js", bin: { bridge2mqtt: "cli.js" }, dependencies: { mqtt: "^5", ws: "^8" } }),
      "index.js": "const { Controller } = require('./lib/controller');\nnew Controller().start();\n",
      "cli.js": "#!/usr/bin/env node\nrequire('./index.js');\n",
      "lib/controller.js": "const http = require('http');\nclass Controller { start() { http.createServer((q, s) => s.end('ok')).listen(process.env.PORT || 8080); } }\nmodule.exports = { Controller };\n",
      "docker/Dockerfile": 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nEXPOSE 8080\nCMD ["node", "index.js"]\n',
      ".github/workflows/release.yml": "on: { push: { tags: ['*'] } }\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm publish\n",
    };
    expect((await scan(files)).kind).toBe("service");
    // without the image the published package with a bin stays a library/CLI
    const noImage = { ...files };
    delete (noImage as Record<string, unknown>)["docker/Dockerfile"];
    expect((await scan(noImage)).kind).not.toBe("service");
  });

  it("the Dockerfile a compose file builds with the unit's directory as its context is the unit's image (classification v11: papermerge-core)", async () => {
    const files: FixtureFiles = {
      "pyproject.toml": '[project]\nname = "docs"\nversion = "1.0"\ndependencies = ["fastapi", "uvicorn", "celery", "typer"]\n\n[project.scripts]\npm = "docs.cli:main"\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
      "docs/main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
      "docs/cli.py": "import typer\napp = typer.Typer()\ndef main():\n    app()\n",
      "docker/standard/Dockerfile": 'FROM python:3.13-alpine\nWORKDIR /app\nCOPY . .\nRUN pip install .\nEXPOSE 80\nCMD ["uvicorn", "docs.main:app", "--host", "0.0.0.0", "--port", "80"]\n',
      "docker/standard/docker-compose.yml": "services:\n  web:\n    build:\n      context: ../..\n      dockerfile: docker/standard/Dockerfile\n    ports:\n      - 7000:80\n",
    };
    expect((await scan(files)).kind).toBe("service");
    // a compose file that builds another context says nothing about the root unit
    const other = { ...files, "docker/standard/docker-compose.yml": "services:\n  web:\n    build:\n      context: .\n    ports:\n      - 7000:80\n" };
    expect((await scan(other)).kind).not.toBe("service");
  });

  it("the Dockerfile a CI step or a build command builds with the unit's directory as its context is the unit's image (classification v12: cnpmcore)", async () => {
    const base: FixtureFiles = {
      "package.json": JSON.stringify({ name: "registry", version: "4.0.0", type: "module", main: "./dist/app.js", files: ["dist/**/*"], dependencies: { egg: "^4.1.0", leoric: "^2.16.0" } }),
      "package-lock.json": "{}",
      "app.ts": "export default class AppBootHook {}\n",
      "app/controller/home.ts": "export async function index(ctx) { ctx.body = 'ok'; }\n",
      ".docker/debian/Dockerfile": 'FROM node:22-bookworm-slim\nWORKDIR /usr/src/app\nCOPY . .\nRUN npm ci\nEXPOSE 7001\nCMD ["npm", "run", "start:foreground"]\n',
    };
    const viaWorkflow = { ...base, ".github/workflows/release-image.yml": "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/build-push-action@v7\n        with:\n          context: .\n          file: .docker/debian/Dockerfile\n          push: true\n" };
    const r = await scan(viaWorkflow);
    expect(r.kind).toBe("service");
    expect(r.units[0].signals.some((x) => x.path === ".docker/debian/Dockerfile" && x.kind === "service")).toBe(true);
    const viaScript = { ...base, "package.json": JSON.stringify({ ...JSON.parse(base["package.json"] as string), scripts: { "images:debian": "docker build -t registry:latest -f .docker/debian/Dockerfile ." } }) };
    expect((await scan(viaScript)).kind).toBe("service");
    // nothing builds the image with the root as its context: the published package stays a library
    expect((await scan(base)).kind).toBe("library");
    const otherContext = { ...base, ".github/workflows/release-image.yml": (viaWorkflow[".github/workflows/release-image.yml"] as string).replace("context: .", "context: ./website") };
    expect((await scan(otherContext)).kind).toBe("library");
  });

  it("a dev container's compose file does not make its Dockerfile the unit's image (classification v12: ckan)", async () => {
    const files: FixtureFiles = {
      "setup.py": "from setuptools import setup\nsetup(name='portal', packages=['portal'])\n",
      "requirements.txt": "flask==3.0.0\n",
      "portal/__init__.py": "from flask import Flask\napp = Flask(__name__)\n",
      ".github/workflows/publish-pypi.yml": "on: release\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n",
      ".devcontainer/Dockerfile": 'FROM python:3.12\nCMD ["sleep", "infinity"]\nEXPOSE 5000\n',
      ".devcontainer/docker-compose.yml": "services:\n  app:\n    build:\n      context: ..\n      dockerfile: .devcontainer/Dockerfile\n",
    };
    const r = await scan(files);
    expect(r.units[0].signals.some((x) => x.reason.startsWith("Dockerfile"))).toBe(false);
    // a uWSGI configuration at the root is how the package is served
    const served = await scan({ ...files, "portal-uwsgi.ini": "[uwsgi]\nhttp = 127.0.0.1:8080\nmodule = wsgi:application\nmaster = true\n" });
    expect(served.units[0].signals.some((x) => x.kind === "service" && x.path === "portal-uwsgi.ini")).toBe(true);
    // an ini file without a [uwsgi] section says nothing
    const other = await scan({ ...files, "setup.ini": "[metadata]\nmodule = portal\n" });
    expect(other.units[0].signals.some((x) => x.path === "setup.ini")).toBe(false);
  });

  it("`\"keywords\": []` (npm init's default) is no library evidence (classification v12: ckan)", async () => {
    const files: FixtureFiles = {
      "requirements.txt": "django==5.0\ngunicorn==22.0\n",
      "manage.py": "import django\n",
      "web/settings.py": "DEBUG = False\n",
      "package.json": JSON.stringify({ name: "portal", version: "1.0.0", description: "assets", keywords: [], devDependencies: { gulp: "^5.0.0" } }),
    };
    const r = await scan(files);
    expect(r.units[0].signals.some((x) => x.kind === "library" && x.path === "package.json")).toBe(false);
    const filled = await scan({ ...files, "package.json": JSON.stringify({ name: "portal", version: "1.0.0", keywords: ["portal", "widgets"] }) });
    expect(filled.units[0].signals.some((x) => x.kind === "library" && x.path === "package.json")).toBe(true);
  });

  it("a lowercase `dockerfile` is the image Docker builds when there is no `Dockerfile` (scanner 0.5.1: hortusfox-web)", async () => {
    const files: FixtureFiles = {
      // the app was started from a framework skeleton and kept its composer.json (a library's description)
      "composer.json": JSON.stringify({ name: "acme/asatru-php", description: "A lightweight PHP framework", type: "project", keywords: ["framework", "php"], require: { php: "^8.3", "phpmailer/phpmailer": "^6.1" } }),
      "composer.lock": "{}",
      // front-end assets built with webpack, from a package.json that is neither private nor a workspace
      "package.json": JSON.stringify({ name: "plants", version: "1.0.0", main: "webpack.config.js", devDependencies: { webpack: "^5.0.0" } }),
      "public/index.php": "<?php\nrequire __DIR__ . '/../app/boot.php';\n",
      "app/boot.php": "<?php\necho 'ok';\n",
      dockerfile: 'FROM php:8.3.0-apache\nCOPY . /var/www/html\nEXPOSE 80\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["apache2-foreground"]\n',
      "docker-entrypoint.sh": '#!/bin/sh\nexec "$@"\n',
    };
    const r = await scan(files);
    expect(r.kind).toBe("service");
    const vii = r.factors.find((f) => f.id === "VII")!;
    expect(vii.status).toBe("pass");
    // the same tree without the image: a composer project with no deployable descriptor is not judged as a service
    const noImage = { ...files };
    delete (noImage as Record<string, unknown>).dockerfile;
    expect((await scan(noImage)).kind).not.toBe("service");
  });

  it("npm init's default `\"main\": \"index.js\"` naming a missing file is no library evidence (classification v10: hortusfox-web)", async () => {
    const app: FixtureFiles = {
      "composer.json": JSON.stringify({ name: "acme/plants", type: "project", require: { php: "^8.3" } }),
      "public/index.php": "<?php\necho 'ok';\n",
      "package.json": JSON.stringify({ name: "plants", version: "1.0.0", main: "index.js", scripts: { build: "webpack" }, devDependencies: { webpack: "^5.0.0" } }),
      "webpack.config.js": "module.exports = { entry: './app/resources/js/app.js' };\n",
      "app/resources/js/app.js": "console.log('ui');\n",
    };
    const kindOf = (r: Awaited<ReturnType<typeof scan>>) => r.units.find((u) => u.path === ".")!.kind;
    expect(kindOf(await scan(app))).not.toBe("library");
    // with the file it names, the same package.json is a module others can require
    expect(kindOf(await scan({ ...app, "index.js": "module.exports = () => 1;\n" }))).toBe("library");
  });

  it("a package bin that is an init-style control script (start/stop, pid file) runs a daemon: a service, not a CLI (classification v10: Cronicle)", async () => {
    const ctl = '#!/bin/sh\nPIDFILE=$HOMEDIR/logs/app.pid\nBINARY="node $HOMEDIR/lib/main.js"\ncase $1 in\n  start)\n    $BINARY &\n    ;;\n  stop)\n    kill $(cat $PIDFILE)\n    ;;\nesac\n';
    const files: FixtureFiles = {
      "package.json": JSON.stringify({ name: "Scheduler", version: "1.0.0", private: true, main: "lib/main.js", bin: "bin/control.sh", dependencies: { "socket.io": "^4.0.0" } }),
      "lib/main.js": "const server = require('./server');\nserver.startup();\n",
      "lib/server.js": "module.exports = { startup() {} };\n",
      "bin/control.sh": ctl,
    };
    expect((await scan(files)).kind).toBe("service");
    // a bin script that only forwards arguments is a command-line tool
    expect((await scan({ ...files, "bin/control.sh": '#!/bin/sh\nexec node "$(dirname "$0")/../lib/main.js" "$@"\n' })).kind).toBe("cli");
  });

  it("a pip-compile requirements.txt (\"autogenerated\" header) is the app's manifest, not generated code to skip (session 17: archivy, taiga-back, indico)", async () => {
    const files: FixtureFiles = {
      "requirements.txt": "#\n# This file is autogenerated by pip-compile with Python 3.12\n# by the following command:\n#\n#    pip-compile requirements.in\n#\nflask == 3.0.3\n    # via -r requirements.in\ngunicorn==22.0.0\n",
      "app/__init__.py": "from flask import Flask\napp = Flask(__name__)\n",
      Procfile: "web: gunicorn app:app\n",
    };
    const r = await scan(files);
    expect(r.units[0].frameworks).toContain("flask");
    expect(r.skipped.byReason.generated ?? 0).toBe(0);
  });

  it("a Flask app whose console script is a FlaskGroup is served by it: a service, not a CLI (classification v10: archivy)", async () => {
    const files: FixtureFiles = {
      "requirements.txt": "Flask == 2.3.2\nclick==8.1.7\n",
      "setup.py": "from setuptools import setup\nsetup(name='notes', install_requires=['Flask'], entry_points={'console_scripts': ['notes = notes.cli:cli']})\n",
      "notes/__init__.py": "from flask import Flask\napp = Flask(__name__)\n",
      "notes/cli.py": "import click\nfrom flask.cli import FlaskGroup\n\ndef create_app():\n    from notes import app\n    return app\n\n@click.group(cls=FlaskGroup, create_app=create_app)\ndef cli():\n    pass\n",
      ".github/workflows/pypi.yml": "on: { release: { types: [published] } }\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n",
    };
    expect((await scan(files)).kind).toBe("service");
    // the same console script as a plain click group is a command-line tool
    expect((await scan({ ...files, "notes/cli.py": "import click\n\n@click.group()\ndef cli():\n    pass\n" })).kind).not.toBe("service");
  });

  it("a Maven module packaged as a WAR is a deployable web application (classification v10: killbill)", async () => {
    const files: FixtureFiles = {
      "pom.xml": "<project>\n  <groupId>org.acme</groupId>\n  <artifactId>billing</artifactId>\n  <packaging>war</packaging>\n  <dependencies>\n    <dependency><groupId>javax.servlet</groupId><artifactId>javax.servlet-api</artifactId><scope>provided</scope></dependency>\n  </dependencies>\n</project>\n",
      "src/main/java/org/acme/BillingServlet.java": "package org.acme;\npublic class BillingServlet extends javax.servlet.http.HttpServlet {}\n",
      "src/main/webapp/WEB-INF/web.xml": "<web-app/>\n",
    };
    const r = await scan(files);
    expect(r.kind).toBe("service");
    expect(r.factors.find((f) => f.id === "VII")!.status).toBe("fail");
  });

  it("application code at the root without a root manifest makes the root the unit; vendored libraries with their own composer.json merge into it (classification v10: osTicket)", async () => {
    const lib = (name: string) => ({ [`include/${name}/composer.json`]: JSON.stringify({ name: `vendor/${name}`, type: "library", require: { php: ">=7.4" } }), [`include/${name}/src/Thing.php`]: "<?php\nnamespace Vendor;\nclass Thing {}\n", [`include/${name}/src/Other.php`]: "<?php\nnamespace Vendor;\nclass Other {}\n" });
    const files: FixtureFiles = {
      ...lib("mail"), ...lib("pdf"),
      "index.php": "<?php\nrequire 'main.inc.php';\necho render();\n",
      "login.php": "<?php\nrequire 'main.inc.php';\n",
      "main.inc.php": "<?php\nrequire 'include/class.app.php';\n",
      "include/class.app.php": "<?php\nclass App {}\n",
      "include/class.ticket.php": "<?php\nclass Ticket {}\n",
    };
    const r = await scan(files);
    expect(r.units.map((u) => u.path)).toEqual(["."]);
    expect(r.kind).toBe("service");
    // an index.php web root with no embedded server and no image is served by an injected web server
    expect(r.factors.find((f) => f.id === "VII")!.status).toBe("fail");
    // code only inside the manifest directories: the nested packages stay the units
    const only = { ...lib("mail"), ...lib("pdf") };
    expect((await scan(only)).units.map((u) => u.path).sort()).toEqual(["include/mail", "include/pdf"]);
  });

  it("a crate links the Cargo workspace members it depends on: the migrations in its db crate are its own (classification v9: kellnr, rauthy)", async () => {
    const files: FixtureFiles = {
      "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n\n[workspace.dependencies]\nreg-db = { path = "./crates/db" }\n',
      "crates/server/Cargo.toml": '[package]\nname = "reg-server"\nversion = "0.1.0"\n\n[dependencies]\nreg-db.workspace = true\naxum = "0.7"\ntokio = { version = "1", features = ["full"] }\n',
      "crates/server/src/main.rs": 'use axum::Router;\n\n#[tokio::main]\nasync fn main() {\n    let pool = reg_db::connect(&std::env::var("DATABASE_URL").unwrap()).await;\n    let listener = tokio::net::TcpListener::bind(("0.0.0.0", 8000)).await.unwrap();\n    axum::serve(listener, Router::new()).await.unwrap();\n}\n',
      "crates/db/Cargo.toml": '[package]\nname = "reg-db"\nversion = "0.1.0"\n\n[dependencies]\nsqlx = { version = "0.8", features = ["postgres", "runtime-tokio"] }\n',
      "crates/db/src/lib.rs": 'pub async fn connect(url: &str) -> sqlx::PgPool {\n    let pool = sqlx::PgPool::connect(url).await.unwrap();\n    sqlx::migrate!("./migrations").run(&pool).await.unwrap();\n    pool\n}\n',
      "crates/db/migrations/20240101000000_init.sql": "CREATE TABLE crates (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL);\n",
      "crates/db/migrations/20240301000000_owners.sql": "ALTER TABLE crates ADD COLUMN owner TEXT;\n",
      Dockerfile: 'FROM rust:1.82 AS build\nWORKDIR /src\nCOPY . .\nRUN cargo build --release --locked -p reg-server\nFROM debian:bookworm-slim\nCOPY --from=build /src/target/release/reg-server /usr/local/bin/reg-server\nCMD ["reg-server"]\n',
    };
    const r = await scan(files);
    expect(r.units.find((u) => u.path === "crates/db")!.kind).toBe("library");
    const server = r.units.find((u) => u.path === "crates/server")!;
    expect(server.kind).toBe("service");
    const xii = server.factors.find((f) => f.id === "XII")!;
    expect(xii.status).not.toBe("na");
    expect(xii.rules.find((x) => x.id === "F12-MIGRATIONS-VERSIONED")!.status).toBe("pass");
    // without the dependency the db crate is not the server's: no database, XII not applicable
    const unlinked = await scan({ ...files, "crates/server/Cargo.toml": '[package]\nname = "reg-server"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.7"\ntokio = { version = "1", features = ["full"] }\n' });
    expect(unlinked.units.find((u) => u.path === "crates/server")!.factors.find((f) => f.id === "XII")!.rules.find((x) => x.id === "F12-MIGRATIONS-VERSIONED")!.status).toBe("na");
  });

  it("a Maven app module that depends on a sibling jar module makes the parent that one service (classification v2)", async () => {
    const pom = (artifact: string, extra = "") => `<project><modelVersion>4.0.0</modelVersion><parent><groupId>x</groupId><artifactId>parent</artifactId><version>1</version></parent><artifactId>${artifact}</artifactId><packaging>jar</packaging>${extra}</project>\n`;
    const files: FixtureFiles = {
      "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging><modules><module>app</module><module>core</module></modules></project>\n",
      "app/pom.xml": pom("app", "<dependencies><dependency><groupId>x</groupId><artifactId>core</artifactId><version>1</version></dependency><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>"),
      "app/Dockerfile": 'FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nEXPOSE 8080\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
      "app/src/main/java/x/App.java": "package x;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n",
      "core/pom.xml": pom("core"),
      "core/src/main/java/x/core/Client.java": "package x.core;\npublic class Client { }\n",
    };
    const r = await scan(files);
    expect(r.units.map((u) => [u.path, u.kind])).toEqual([["app", "service"], ["core", "library"]]);
    expect(r.kind).toBe("service");
    // a test-scoped dependency is not a link
    const testOnly = await scan({ ...files, "app/pom.xml": pom("app", "<dependencies><dependency><groupId>x</groupId><artifactId>core</artifactId><version>1</version><scope>test</scope></dependency></dependencies><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>") });
    expect(testOnly.kind).toBe("monorepo");
  });

  it("an npm package whose bin starts a web server and that exposes no module API is a service (classification v2: thelounge)", async () => {
    const pj = (extra: Record<string, unknown> = {}) => JSON.stringify({ name: "chatd", version: "4.0.0", bin: { chatd: "index.js" }, files: ["index.js", "dist/**/*.js"], keywords: ["chat"], scripts: { start: "node index start" }, dependencies: { express: "^4.19.0", commander: "^12.0.0" }, ...extra });
    const files: FixtureFiles = {
      "package.json": pj(),
      "yarn.lock": "",
      "index.js": "#!/usr/bin/env node\nrequire('./dist/server/index.js');\n",
      "server/index.ts": "import {program} from 'commander';\nimport {start} from './server';\nprogram.command('start').action(() => start());\nprogram.parse();\n",
      "server/server.ts": "import express from 'express';\nimport http from 'http';\nexport function start() {\n  const app = express();\n  const server = http.createServer(app);\n  server.listen(9000);\n}\n",
      ".github/workflows/release.yml": "on: { push: { tags: ['v*'] } }\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: yarn --frozen-lockfile && yarn build\n      - run: npm publish\n",
    };
    const r = await scan(files);
    expect(r.kind).toBe("service");
    expect(r.factors.find((f) => f.id === "VII")!.status).not.toBe("na");
    // the same package exposing a module API (main) is a library that happens to ship a server command
    const lib = await scan({ ...files, "package.json": pj({ main: "dist/server/server.js", types: "dist/server/server.d.ts" }) });
    expect(lib.kind).not.toBe("service");
  });

  it("classification v3: a Rust binary crate is a CLI; servers on namespace objects and Go net.Listen(network, addr) are listeners", async () => {
    const rust = await scan({
      "Cargo.toml": '[package]\nname = "viewer"\nversion = "0.1.0"\n\n[dependencies]\nclap = "4.5"\n',
      "Cargo.lock": "version = 3\n",
      "src/lib.rs": "pub fn render() {}\n",
      // Cargo's auto-discovered binary target (src/bin/<name>/main.rs), next to the crate's library
      "src/bin/viewer/main.rs": "use clap::Parser;\nfn main() {\n    let _ = Cli::parse();\n}\n",
    });
    expect(rust.kind).toBe("cli");
    // the same crate binding a TCP listener is not a CLI
    const rustSrv = await scan({
      "Cargo.toml": '[package]\nname = "srv"\nversion = "0.1.0"\n\n[dependencies]\nclap = "4.5"\n',
      "Cargo.lock": "version = 3\n",
      "src/main.rs": 'use std::net::TcpListener;\nfn main() {\n    let l = TcpListener::bind("0.0.0.0:8080").unwrap();\n}\n',
    });
    expect(rustSrv.kind).not.toBe("cli");
    // a Node app published with "main" whose server lives on a global namespace object
    const wiki = await scan({
      "package.json": JSON.stringify({ name: "wiki", version: "2.5.0", main: "wiki.js", dependencies: { express: "4.19.2", yargs: "17.7.2" } }),
      "yarn.lock": "",
      "wiki.js": "require('./server');\n",
      "server/index.js": "const http = require('http');\nconst express = require('express');\nWIKI.server = http.createServer(express());\nWIKI.server.listen(WIKI.config.port, WIKI.config.bindIP);\n",
    });
    expect(wiki.kind).toBe("service");
    // a Go binary whose server package listens on a configured network/address
    const goSrv = await scan({
      "go.mod": "module example.com/memo\n\ngo 1.22\n\nrequire github.com/spf13/cobra v1.8.0\n",
      "cmd/memo/main.go": "package main\n\nimport \"example.com/memo/server\"\n\nfunc main() {\n\tserver.Start()\n}\n",
      "server/server.go": "package server\n\nimport \"net\"\n\nfunc Start() {\n\tl, _ := net.Listen(network, address)\n\t_ = l\n}\n",
    });
    expect(goSrv.kind).toBe("service");
  });

  it("does not average a deployable's violation away with its workspace packages (scoring v8: rallly II)", async () => {
    const lib = (name: string) => ({
      [`packages/${name}/package.json`]: JSON.stringify({ name: `@acme/${name}`, private: true, dependencies: { zod: "3.23.8" } }),
      [`packages/${name}/src/index.ts`]: "import { z } from 'zod';\nexport const s = z.string();\n".repeat(40),
    });
    const files: FixtureFiles = {
      "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["apps/*", "packages/*"] }),
      "package-lock.json": "{}",
      "apps/web/package.json": JSON.stringify({ name: "@acme/web", private: true, dependencies: { express: "4.19.2", "@acme/ui": "*", "@acme/utils": "*" } }),
      // the runtime image installs packages by name, outside the manifest and the lockfile, and the server imports
      // them (a material II violation in the deployable: scoring v8 treats undeclared imports alone as hygiene)
      "apps/web/Dockerfile": 'FROM node:22.11.0-slim\nCOPY . .\nRUN npm install dayjs lodash\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
      "apps/web/server.js": "const express = require('express');\nconst dayjs = require('dayjs');\nconst lodash = require('lodash');\nexpress().listen(process.env.PORT);\n",
      ...lib("ui"),
      ...lib("utils"),
      ...lib("tsconfig"),
    };
    const r = await scan(files);
    const web = r.units.find((u) => u.path === "apps/web")!;
    expect(web.kind).toBe("service");
    const webII = web.factors.find((f) => f.id === "II")!;
    const repoII = r.factors.find((f) => f.id === "II")!;
    // scoring v12: the ad-hoc install (F02-ADHOC-PACKAGE-INSTALL) is advisory, so the deployable's II stops at the pass
    // line (80) instead of going lower; the libraries score 100
    expect(webII.score!).toBeLessThanOrEqual(80);
    expect(webII.findings.map((f) => f.rule)).toContain("F02-ADHOC-PACKAGE-INSTALL");
    // the libraries pass II on their own, but the product's II is the deployable's
    expect(r.units.find((u) => u.path === "packages/ui")!.factors.find((f) => f.id === "II")!.score!).toBeGreaterThan(webII.score!);
    expect(repoII.score).toBe(webII.score);
    expect(repoII.status).toBe(webII.status);
  });

  it("a workspace package the root image starts by name is a service, not a library (classification v4: etherpad-lite)", async () => {
    const files: FixtureFiles = {
      "package.json": JSON.stringify({ name: "pad", private: true, scripts: { prod: "pnpm --filter ep_pad run prod" }, dependencies: { ep_pad: "link:src" } }),
      "pnpm-workspace.yaml": "packages:\n  - src\n  - bin\n",
      "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
      Dockerfile: 'FROM node:22.11.0-slim\nCOPY . .\nRUN pnpm install --frozen-lockfile\nEXPOSE 9001\nCMD ["pnpm", "run", "prod"]\n',
      "src/package.json": JSON.stringify({ name: "ep_pad", keywords: ["pad"], bin: { pad: "node/server.js" }, scripts: { prod: "node node/server.js" }, dependencies: { express: "4.19.2" } }),
      "src/node/server.js": "const express = require('express');\nconst app = express();\nmodule.exports = app;\n".repeat(3),
      "bin/package.json": JSON.stringify({ name: "bin", main: "index.js", dependencies: { ep_pad: "workspace:*" } }),
      "bin/index.js": "require('ep_pad');\n",
    };
    const r = await scan(files);
    const src = r.units.find((u) => u.path === "src")!;
    expect(src.kind).toBe("service");
    expect(src.signals.some((x) => x.kind === "service" && /workspace root starts this package/.test(x.reason))).toBe(true);
    expect(r.factors.find((f) => f.id === "VII")!.status).not.toBe("na");
  });

  it("a Go program that listens through net.ListenConfig or serves DNS with miekg/dns is a server (session 18: blocky)", async () => {
    const files: FixtureFiles = {
      "go.mod": "module example.com/dnsproxy\n\ngo 1.22\n\nrequire (\n\tgithub.com/miekg/dns v1.1.62\n\tgithub.com/spf13/cobra v1.8.0\n)\n",
      "go.sum": "",
      "main.go": 'package main\n\nimport "example.com/dnsproxy/cmd"\n\nfunc main() { cmd.Execute() }\n',
      "cmd/root.go": 'package cmd\n\nimport "github.com/spf13/cobra"\n\nvar root = &cobra.Command{Use: "dnsproxy"}\n\nfunc Execute() { _ = root.Execute() }\n',
      "server/server.go": 'package server\n\nimport (\n\t"context"\n\t"net"\n)\n\nfunc Listen(ctx context.Context, addr string) (net.Listener, error) {\n\tlc := &net.ListenConfig{}\n\treturn lc.Listen(ctx, "tcp", addr)\n}\n',
    };
    expect((await scan(files)).kind).toBe("service");
    const dns = { ...files, "server/server.go": 'package server\n\nimport "github.com/miekg/dns"\n\nfunc New(addr string) *dns.Server {\n\treturn &dns.Server{Addr: addr, Net: "udp"}\n}\n' };
    expect((await scan(dns)).kind).toBe("service");
    // without a listener the cobra program is a command-line tool, and a local port forward (gh-cli's codespaces
    // `net.ListenTCP`) does not make it a server
    const cli = { ...files, "server/server.go": 'package server\n\nfunc Version() string { return "1" }\n' };
    expect((await scan(cli)).kind).toBe("cli");
    const forward = { ...files, "server/server.go": 'package server\n\nimport "net"\n\nfunc Forward(addr *net.TCPAddr) (net.Listener, error) {\n\treturn net.ListenTCP("tcp", addr)\n}\n' };
    expect((await scan(forward)).kind).toBe("cli");
  });

  it("classification v5: a Go TUI with a pprof listener and a server inside a raw-string fixture is a CLI; a Django project deployed by systemd with mkdocs docs is a service", async () => {
    const tui = {
      "go.mod": "module example.com/tui\n\ngo 1.22\n",
      "go.sum": "",
      "main.go": "package main\n\nimport \"example.com/tui/pkg/app\"\n\nfunc main() { app.Start() }\n",
      "pkg/app/entry.go": 'package app\n\nimport (\n\t"net/http"\n\t_ "net/http/pprof"\n)\n\nfunc Start() {\n\tif profile {\n\t\tgo func() {\n\t\t\thttp.ListenAndServe("localhost:6060", nil)\n\t\t}()\n\t}\n\trunTUI()\n}\n',
      "pkg/fixtures/random.go": "package fixtures\n\nconst program = `package main\n\nimport \"net/http\"\n\nfunc main() {\n\thttp.ListenAndServe(\":8080\", nil)\n}\n`\n",
      ".goreleaser.yml": "builds:\n  - main: .\n",
    };
    expect((await scan(tui)).kind).toBe("cli");
    // the same program serving on all interfaces is a service, not a CLI
    expect((await scan({ ...tui, "pkg/app/entry.go": 'package app\n\nimport "net/http"\n\nfunc Start() {\n\thttp.ListenAndServe(":8080", nil)\n}\n' })).kind).not.toBe("cli");
    const django = {
      "pyproject.toml": '[build-system]\nrequires = ["setuptools"]\n\n[project]\nname = "inventory"\nversion = "4.0"\ndependencies = ["django==5.2", "gunicorn==23.0"]\n\n[project.scripts]\ninventory = "inventory.cli:main"\n',
      "mkdocs.yml": "site_name: Inventory\nnav:\n  - index.md\n",
      "docs/index.md": "# Inventory\n",
      "inventory/manage.py": "import os, sys\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'inventory.settings')\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n",
      "inventory/inventory/settings.py": "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nROOT_URLCONF = 'inventory.urls'\n",
      "inventory/inventory/cli.py": "def main():\n    print('inventory')\n",
      "contrib/inventory.service": "[Unit]\nDescription=Inventory WSGI\n\n[Service]\nExecStart=/opt/inventory/venv/bin/gunicorn --config /opt/inventory/gunicorn.py inventory.wsgi\n\n[Install]\nWantedBy=multi-user.target\n",
      "contrib/inventory-rq.service": "[Service]\nExecStart=/opt/inventory/venv/bin/python3 manage.py rqworker high default low\n",
    };
    const d = await scan(django);
    expect(d.kind).toBe("service");
    const root = d.units.find((u) => u.path === ".")!;
    expect(root.signals.some((x) => x.kind === "service" && /systemd unit inventory\.service runs a server/.test(x.reason))).toBe(true);
    expect(root.signals.find((x) => x.kind === "static")?.points).toBe(1);
  });

  it("classification v6: the README's quick start decides between a service and a command-line tool when code signals tie", async () => {
    // a Go program whose server start the listener patterns do not see (a wrapper package), shipped as an image
    const prog = {
      "go.mod": "module example.com/notes\n\ngo 1.22\n",
      "go.sum": "",
      "main.go": "package main\n\nimport \"example.com/notes/internal/boot\"\n\nfunc main() { boot.Run() }\n",
      "internal/boot/boot.go": "package boot\n\nfunc Run() { start(load()) }\n",
      Dockerfile: 'FROM gcr.io/distroless/static\nCOPY notes /notes\nENTRYPOINT ["/notes"]\n',
    };
    const ambiguous = await scan(prog);
    expect(ambiguous.units[0].ambiguous).toBe(true);
    const asServer = await scan({ ...prog, "README.md": "# notes\n\n```bash\ndocker run -d --name notes -p 5230:5230 -v ~/.notes:/var/opt/notes acme/notes:stable\n```\n" });
    expect(asServer.kind).toBe("service");
    expect(asServer.units[0].ambiguous).toBe(false);
    expect(asServer.units[0].signals.some((s) => s.kind === "service" && /README runs it as a container with a published port/.test(s.reason) && s.path === "README.md" && s.line === 4)).toBe(true);
    const asCli = await scan({ ...prog, "README.md": "# notes\n\nInstall:\n\n```sh\nbrew install notes\n```\n" });
    expect(asCli.kind).toBe("cli");
    for (const id of ["IV", "VII", "VIII", "IX"]) expect(asCli.factors.find((f) => f.id === id)!.status, id).toBe("na");
    // a dependency's install (`brew install postgresql`) and prose mentions are not evidence
    const other = await scan({ ...prog, "README.md": "# notes\n\nYou could run `docker run -p 80:80 notes` or:\n\n```sh\nbrew install postgresql\n```\n" });
    expect(other.units[0].ambiguous).toBe(true);
    // an npm-installed command that starts a server (a listener in its code) stays a service
    const npmApp = await scan({
      "package.json": JSON.stringify({ name: "boardly", version: "2.0.0", bin: { boardly: "bin/boardly.js" }, dependencies: { express: "^4.21.0" } }),
      "package-lock.json": "{}",
      "bin/boardly.js": "#!/usr/bin/env node\nrequire('../server.js');\n",
      "server.js": "const express = require('express');\nexpress().listen(process.env.PORT || 3000);\n",
      "README.md": "```\nnpm install -g boardly\nboardly start\n```\n",
    });
    expect(npmApp.kind).toBe("service");
    expect(npmApp.units[0].signals.some((s) => /README installs it as a command/.test(s.reason))).toBe(false);
  });

  it("classification v6: a Rust crate with only a library target is a library even when it holds listener code; the binary crate is the service", async () => {
    const r = await scan({
      "Cargo.toml": '[workspace]\nmembers = ["crates/server", "crates/routes"]\n',
      "Cargo.lock": "version = 3\n",
      "crates/server/Cargo.toml": '[package]\nname = "server"\nversion = "0.1.0"\n\n[dependencies]\nroutes = { path = "../routes" }\n',
      "crates/server/src/main.rs": "#[tokio::main]\nasync fn main() {\n    routes::serve().await;\n    let l = tokio::net::TcpListener::bind(\"0.0.0.0:8536\").await.unwrap();\n}\n",
      "crates/routes/Cargo.toml": '[package]\nname = "routes"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.7"\n',
      "crates/routes/src/lib.rs": "pub async fn serve() {\n    let listener = tokio::net::TcpListener::bind((\"127.0.0.1\", 8085)).await.unwrap();\n    axum::serve(listener, app()).await.unwrap();\n}\n",
    });
    const routes = r.units.find((u) => u.path === "crates/routes")!;
    expect(routes.kind).toBe("library");
    expect(routes.signals.some((s) => s.kind === "library" && s.points === 5 && /no binary target/.test(s.reason))).toBe(true);
    expect(r.units.find((u) => u.path === "crates/server")!.kind).toBe("service");
  });

  it("classification v7: the source-less workspace root's image runs one crate's binary and exposes a port → that crate is the service", async () => {
    const files = (entrypoint: string, expose: boolean) => ({
      "Cargo.toml": '[workspace]\nmembers = ["crates/edge", "crates/edge-cli", "crates/api"]\n',
      "Cargo.lock": "version = 3\n",
      "Dockerfile": `FROM rust:1.80 AS builder\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nFROM debian:bookworm-slim\nCOPY --from=builder /app/target/release/edge /app/edge\n${expose ? "EXPOSE 3063\n" : ""}ENTRYPOINT ["${entrypoint}"]\n`,
      // the binary crate: clap options, a server wired in sibling crates, no listener of its own
      "crates/edge/Cargo.toml": '[package]\nname = "edge"\nversion = "0.1.0"\n\n[dependencies]\nclap = "4"\napi = { path = "../api" }\n',
      "crates/edge/src/main.rs": "fn main() {\n    let args = edge_cli::parse();\n    api::run(args);\n}\n",
      "crates/edge-cli/Cargo.toml": '[package]\nname = "edge-cli"\nversion = "0.1.0"\n\n[dependencies]\nclap = "4"\n',
      "crates/edge-cli/src/lib.rs": "pub fn parse() {}\n",
      "crates/api/Cargo.toml": '[package]\nname = "api"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.7"\n',
      "crates/api/src/lib.rs": "pub fn run() {}\n",
    });
    const served = await scan(files("/app/edge", true));
    const edge = served.units.find((u) => u.path === "crates/edge")!;
    expect(edge.kind).toBe("service");
    expect(edge.signals.some((s) => /workspace root's Dockerfile runs this unit's binary edge/.test(s.reason))).toBe(true);
    expect(edge.signals.some((s) => /without a listener/.test(s.reason))).toBe(false);
    expect(served.units.find((u) => u.path === "crates/edge-cli")!.kind).toBe("library");
    // no port exposed (a CLI image) or a binary no unit builds: the crate stays a command-line tool
    expect((await scan(files("/app/edge", false))).units.find((u) => u.path === "crates/edge")!.kind).toBe("cli");
    expect((await scan(files("/usr/bin/other", true))).units.find((u) => u.path === "crates/edge")!.kind).toBe("cli");
  });

  it("classification v7: mix.exs marks an Elixir unit (a Phoenix app with assets/package.json is one service, not its assets), and an umbrella's apps_path is a workspace root", async () => {
    const phoenix = {
      "mix.exs": 'defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: "0.1.0", deps: deps()]\n  defp deps do\n    [\n      {:phoenix, "~> 1.7"},\n      {:ecto_sql, "~> 3.10"},\n      {:postgrex, ">= 0.0.0"}\n    ]\n  end\nend\n',
      "mix.lock": '%{"phoenix": {:hex, :phoenix, "1.7.14"}}\n',
      "lib/shop_web/endpoint.ex": "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n",
      "lib/shop/application.ex": "defmodule Shop.Application do\n  use Application\n  def start(_type, _args), do: Supervisor.start_link([ShopWeb.Endpoint], strategy: :one_for_one)\nend\n",
      "assets/package.json": JSON.stringify({ name: "assets", private: true, devDependencies: { esbuild: "0.21.0" } }),
      "assets/js/app.js": "console.log('hi');\n",
    };
    const r = await scan(phoenix);
    const root = r.units.find((u) => u.path === ".")!;
    expect(root).toBeDefined();
    expect(root.kind).toBe("service");
    expect(root.languages).toContain("elixir");
    expect(r.units.map((u) => u.path)).not.toContain("assets");
    const umbrella = await scan({
      "mix.exs": 'defmodule Shop.Umbrella.MixProject do\n  use Mix.Project\n  def project, do: [apps_path: "apps", deps: []]\nend\n',
      "mix.lock": "%{}\n",
      ...Object.fromEntries(Object.entries(phoenix).filter(([k]) => !k.startsWith("assets/")).map(([k, v]) => [`apps/shop_web/${k}`, v])),
      "apps/shop_core/mix.exs": 'defmodule ShopCore.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop_core, deps: [{:ecto_sql, "~> 3.10"}]]\nend\n',
      "apps/shop_core/lib/shop_core.ex": "defmodule ShopCore do\n  def hello, do: :world\nend\n",
    });
    expect(umbrella.units.map((u) => u.path)).toEqual(expect.arrayContaining(["apps/shop_core", "apps/shop_web"]));
    expect(umbrella.units.find((u) => u.path === "apps/shop_web")!.kind).toBe("service");
  });

  it("classification v7: a Maven jar without <packaging> (the default) deployed to a repository is a library; one with a main class is not", async () => {
    const pom = (extra: string) => `<project><modelVersion>4.0.0</modelVersion><groupId>io.acme</groupId><artifactId>dotenv</artifactId><version>3.0.0</version>${extra}</project>\n`;
    const src = { "src/main/java/io/acme/Dotenv.java": "package io.acme;\npublic final class Dotenv {\n  public static String get(String k) { return System.getenv(k); }\n}\n" };
    const published = await scan({ "pom.xml": pom("<distributionManagement><repository><id>central</id><url>https://central.example/</url></repository></distributionManagement><build><plugins><plugin><artifactId>maven-gpg-plugin</artifactId></plugin></plugins></build>"), ...src });
    expect(published.kind).toBe("library");
    expect(published.units[0].signals.some((x) => /published to a repository/.test(x.reason))).toBe(true);
    // not published: still library evidence (a plain jar), weaker
    expect((await scan({ "pom.xml": pom(""), ...src })).units[0].signals.some((x) => x.kind === "library" && x.points === 2)).toBe(true);
    // an executable jar (a main class in the manifest) is not a library
    const app = await scan({ "pom.xml": pom("<distributionManagement/><build><plugins><plugin><artifactId>maven-jar-plugin</artifactId><configuration><archive><manifest><mainClass>io.acme.Main</mainClass></manifest></archive></configuration></plugin></plugins></build>"), ...src });
    expect(app.units[0].signals.some((x) => x.kind === "library")).toBe(false);
  });

  it("classifies a workspace monorepo with two services and aggregates units", async () => {
    const svc = (name: string, port: string) => ({
      [`apps/${name}/package.json`]: JSON.stringify({ name, private: true, dependencies: { express: "^4" } }),
      [`apps/${name}/server.js`]: `require('express')().listen(${port});\n`,
      [`apps/${name}/Dockerfile`]: 'FROM node:22-slim\nCMD ["node", "server.js"]\n',
    });
    const r = await scan({
      "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["apps/*"] }),
      "package-lock.json": "{}",
      ...svc("api", "process.env.PORT"),
      ...svc("admin", "3000"),
    });
    expect(r.kind).toBe("monorepo");
    expect(r.units.map((u) => [u.path, u.kind])).toEqual([["apps/admin", "service"], ["apps/api", "service"]]);
    const vii = r.factors.find((f) => f.id === "VII")!;
    const admin = r.units.find((u) => u.path === "apps/admin")!.factors.find((f) => f.id === "VII")!;
    const api = r.units.find((u) => u.path === "apps/api")!.factors.find((f) => f.id === "VII")!;
    expect(admin.score!).toBeLessThan(api.score!);
    expect(vii.score!).toBeGreaterThanOrEqual(admin.score!);
    expect(vii.score!).toBeLessThanOrEqual(api.score!);
  });
});
