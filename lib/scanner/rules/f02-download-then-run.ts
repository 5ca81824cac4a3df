import { defineRule } from "./define-rule.ts";
import { buildCommands, programName, unwrap, type BuildCommand } from "../detectors/build-commands.ts";
import { formatArgv, type ShellCommand } from "../detectors/shell.ts";
import { lowerSeverity, type Severity } from "../types.ts";

const INTERPRETER_RE = /^(sh|bash|zsh|dash|ash|ksh|python[23]?(\.\d+)?|perl|ruby|node|php|pwsh|iex)$/;
const DOWNLOADER_RE = /^(curl|wget)$/;
const PROCESS_SUB_RE = /\b(?:ba|z|da|k)?sh\s+<\(\s*(?:curl|wget)\b[^)]*\)/;
const CMD_SUB_RE = /\b(?:ba|z|da|k)?sh\s+-c\s+["']?\$\(\s*(?:curl|wget)\b[^)]*\)/;

function isVerification(cmd: ShellCommand): boolean {
  const p = programName(cmd);
  const argv = unwrap(cmd);
  if (/^(sha(1|224|256|384|512)sum|shasum|b2sum|md5sum)$/.test(p)) return argv.some((a) => /^-[a-z]*c|^--check$/.test(a));
  if (/^gpgv?2?$/.test(p)) return argv.includes("--verify") || p.startsWith("gpgv");
  if (p === "cosign") return argv.some((a) => /^verify/.test(a));
  if (p === "minisign" || p === "signify") return argv.includes("-V");
  if (p === "openssl") return argv.includes("dgst") && argv.some((a) => a === "-verify");
  return false;
}

/** File a download writes to, if any. */
function downloadTarget(cmd: ShellCommand): string | null {
  const p = programName(cmd);
  const argv = unwrap(cmd);
  const url = argv.find((a) => /^https?:\/\//.test(a));
  if (p === "curl") {
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === "-o" || argv[i] === "--output") return argv[i + 1] ?? null;
      if (/^-[a-zA-Z]*o$/.test(argv[i]) && argv[i] !== "-o") return argv[i + 1] ?? null;
      if (/^--output=/.test(argv[i])) return argv[i].slice(9);
    }
    if (argv.some((a) => a === "-O" || a === "--remote-name" || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(a)) && url) return url.split("?")[0].split("/").pop() || null;
    return null;
  }
  if (p === "wget") {
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === "-O" || argv[i] === "--output-document") return argv[i + 1] === "-" ? null : argv[i + 1] ?? null;
      if (/^-[a-zA-Z]*O$/.test(argv[i])) return argv[i + 1] === "-" ? null : argv[i + 1] ?? null;
      if (/^--output-document=/.test(argv[i])) return argv[i].slice(18);
    }
    if (cmd.next === "|") return null;
    return url ? url.split("?")[0].split("/").pop() || null : null;
  }
  return null;
}

const base = (p: string) => p.split("/").pop() ?? p;

/** Does `cmd` execute the file `target`? */
function executes(cmd: ShellCommand, target: string): boolean {
  const argv = unwrap(cmd);
  if (!argv.length) return false;
  const p = base(argv[0]);
  const same = (a: string) => a === target || base(a) === base(target) && (a.includes("/") || target.includes("/") || a === base(target));
  if (INTERPRETER_RE.test(p)) {
    const file = argv.slice(1).find((a) => !a.startsWith("-"));
    return !!file && same(file);
  }
  return (argv[0].includes("/") || argv[0] === target) && same(argv[0]);
}

export default defineRule({
  meta: {
    id: "F02-DOWNLOAD-THEN-RUN",
    version: 5,
    factor: "F02",
    alsoAffects: ["F05"],
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker", "library", "cli", "static", "infra"],
    technique: ["PARSE"],
    title: "Remote scripts piped into a shell",
    rationale:
      "`curl … | sh` runs whatever the server returns at build time: the dependency is neither declared nor pinned, the build is not reproducible, and a compromised or changed installer silently changes the image. Twelve-factor apps declare every dependency explicitly and never rely on what happens to be downloadable.",
    remediation:
      "Install the tool through a package manager with a pinned version, or download a pinned release and verify its checksum (`sha256sum -c`) or signature before executing it.",
    docs: {
      bad: [{ file: "Dockerfile", code: "RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -" }],
      good: [{ file: "Dockerfile", code: "RUN curl -fsSLo tool.tgz https://example.com/tool-1.2.3.tgz \\\n && echo \"<sha256>  tool.tgz\" | sha256sum -c - \\\n && tar xzf tool.tgz" }],
    },
    sources: [
      { title: "OpenSSF Scorecard Pinned-Dependencies (downloadThenRun)", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
      { title: "12factor.net — Dependencies", url: "https://12factor.net/dependencies" },
    ],
    deviations:
      "Download-to-file followed by execution is tracked across the RUN instructions of one Dockerfile stage (not only within one RUN), across one CI step, and through a whole shell script; `ADD <url>` without `--checksum` counts as a download. Only execution of the downloaded file through a shell/interpreter or by its path counts (a downloaded binary that is merely installed is not flagged). Severity: high in Dockerfiles and scripts, medium in CI (RULES.md), one level lower in development-only Dockerfiles/scripts. v2 (accuracy bench session5b: BookStack dev/docker/): Dockerfiles and scripts under a development directory (env tag dev, e.g. dev/docker/Dockerfile, dev/docker/entrypoint.node.sh) count as development-only, like Dockerfile.dev. v3 (accuracy bench session5b2: wallabag docker/php/Dockerfile): a Dockerfile outside the repository root that only a development compose file builds, and that no production compose file or CI workflow mentions, is development-only. v4 (accuracy bench session 5c: yq, golangci-lint/gosec installers fetched from raw.githubusercontent.com/…/<commit SHA>/install.sh): a script URL pinned to a full 40-hex commit SHA is immutable content and is reported low. v5 (accuracy bench session7b: homebox `.devcontainer/Dockerfile` running the Taskfile installer, human II pass / scanner partial): a dev container image (.devcontainer/) is a developer's workstation, not a build or deploy of the app — info.",
  },
  check(ctx) {
    const files = ctx.files();
    const cmds = buildCommands(ctx.snapshot, files);
    const hasDocker = files.some((f) => f.language === "dockerfile");
    if (!cmds.length && !hasDocker) return ctx.na("no Dockerfile, CI step or shell script");
    const reported = new Set<string>();
    const sev = (c: BuildCommand): Severity => {
      const s: Severity = c.origin === "ci" ? "medium" : "high";
      // v5: a dev container image (.devcontainer/) is a developer's workstation, never a build or deploy of the app
      if (/(^|\/)\.devcontainer\//.test(c.path)) return "info";
      return c.dev ? lowerSeverity(s) : s;
    };
    const report = (c: BuildCommand, message: string, match: string, data: Record<string, string>) => {
      const key = `${c.path}:${c.line}:${match}`;
      if (reported.has(key)) return;
      reported.add(key);
      // v2 (accuracy bench session 5c: yq scripts/devtools.sh, golangci-lint's install.sh fetched from
      // raw.githubusercontent.com/<owner>/<repo>/<40-hex commit>/install.sh): a URL pinned to a full commit SHA
      // serves immutable content — not a floating installer, so low
      const pinned = unwrap(c.cmd).some((a) => /^https?:\/\/\S*\/[0-9a-f]{40}\//.test(a));
      ctx.report({ path: c.path, line: c.line, message, match, severity: pinned ? "low" : sev(c), data: pinned ? { ...data, pinnedToCommit: "true" } : data });
    };

    // Sequences: one Dockerfile stage, one CI step, one script.
    const sequences = new Map<string, BuildCommand[]>();
    for (const c of cmds) {
      const key = c.origin === "dockerfile" ? `${c.path}#${c.stage?.index}` : c.origin === "ci" ? `${c.path}#${c.line - c.cmd.lineOffset}#${c.text.length}` : c.path;
      (sequences.get(key) ?? sequences.set(key, []).get(key)!).push(c);
    }

    for (const seq of sequences.values()) {
      const pending: { target: string; at: BuildCommand }[] = [];
      for (let i = 0; i < seq.length; i++) {
        const c = seq[i];
        const p = programName(c.cmd);
        // curl … | sh
        if (DOWNLOADER_RE.test(p) && c.cmd.next === "|") {
          const nxt = seq[i + 1];
          if (nxt && nxt.path === c.path && INTERPRETER_RE.test(programName(nxt.cmd))) {
            report(c, "Remote script piped into an interpreter without verification.", `${formatArgv(unwrap(c.cmd))} | ${programName(nxt.cmd)}`, { downloader: p, interpreter: programName(nxt.cmd) });
            continue;
          }
        }
        if (isVerification(c.cmd)) {
          pending.length = 0;
          continue;
        }
        const target = DOWNLOADER_RE.test(p) ? downloadTarget(c.cmd) : null;
        if (target) {
          pending.push({ target, at: c });
          continue;
        }
        const hit = pending.find((d) => executes(c.cmd, d.target));
        if (hit) {
          report(c, "Downloaded script executed without checksum or signature verification.", `${formatArgv(unwrap(hit.at.cmd))} ; ${formatArgv(unwrap(c.cmd))}`, { downloaded: hit.target, downloadedAt: `${hit.at.path}:${hit.at.line}` });
        }
      }
    }

    // Forms the simple parser flattens: bash <(curl …), sh -c "$(curl …)".
    const seenText = new Set<string>();
    for (const c of cmds) {
      const k = `${c.path}:${c.line}`;
      if (seenText.has(k)) continue;
      seenText.add(k);
      const text = c.origin === "script" ? (ctx.snapshot.lines(c.path)[c.line - 1] ?? "") : c.text;
      const m = PROCESS_SUB_RE.exec(text) ?? CMD_SUB_RE.exec(text);
      if (m) report(c, "Remote script executed through process/command substitution.", m[0], { form: m[0].slice(0, 80) });
    }

    // Dockerfile ADD <url> (no --checksum) executed later in the stage.
    for (const f of files) {
      if (f.language !== "dockerfile") continue;
      const model = ctx.snapshot.dockerfile(f.path);
      for (const stage of model?.stages ?? []) {
        const added: string[] = [];
        for (const ins of stage.instructions) {
          if (ins.keyword === "ADD" && !("checksum" in ins.flags)) {
            const parts = ins.argv ?? ins.args.split(/\s+/);
            const url = parts.find((a) => /^https?:\/\//.test(a));
            const dest = parts[parts.length - 1];
            if (url && dest && dest !== url) added.push(dest.endsWith("/") ? dest + base(url.split("?")[0]) : dest);
          }
          if (ins.keyword === "RUN" && added.length) {
            const run = cmds.find((c) => c.path === f.path && c.line === ins.line && added.some((t) => executes(c.cmd, t)));
            if (run) report(run, "Downloaded script executed without checksum or signature verification.", `ADD ; ${formatArgv(unwrap(run.cmd))}`, { downloaded: added.join(", ") });
          }
        }
      }
    }
  },
});
