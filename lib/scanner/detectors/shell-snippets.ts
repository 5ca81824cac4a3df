// Shell text the project runs outside the app process: CI steps (GitHub Actions, GitLab, CircleCI,
// Azure, Bitbucket, Drone, Buildkite, Travis, CodeBuild, Jenkinsfile `sh`), Makefile recipes and
// shell scripts. Each snippet keeps the path and 1-based line of its first line so rules can
// report `lineOf(snippet, command.lineOffset)`. Used by F05/F12 rules that judge deploy scripts.
import type { FileEntry } from "../types.ts";
import type { RepoSnapshot, YamlDoc } from "../snapshot/index.ts";

export interface ShellSnippet {
  path: string;
  /** 1-based line of the snippet's first line (for block scalars: the line after the key). */
  line: number;
  text: string;
  kind: "ci" | "makefile" | "script" | "jenkins";
  /** GitHub Actions job / CI job id when known. */
  job?: string;
  /** GitHub Actions job `environment:` when set. */
  environment?: string | null;
}

export const CI_FILE_RE = /(^|\/)(\.gitlab-ci\.ya?ml|\.circleci\/config\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|cloudbuild\.ya?ml|\.drone\.ya?ml|\.buildkite\/pipeline[\w.-]*\.ya?ml|\.travis\.ya?ml|buildspec\.ya?ml|\.woodpecker\.ya?ml|\.woodpecker\/[\w.-]+\.ya?ml|codefresh\.ya?ml)$/;
const SCRIPT_KEYS = new Set(["script", "before_script", "after_script", "commands", "command", "run", "cmd", "inline", "bash", "powershell", "pwsh", "install", "build", "post_build", "pre_build"]);

function collect(doc: YamlDoc, node: unknown, path: (string | number)[], out: { text: string; line: number; job?: string }[], depth = 0): void {
  if (depth > 12 || !node || typeof node !== "object") return;
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const p = [...path, Array.isArray(node) ? Number(k) : k];
    const job = typeof path[0] === "string" ? path[0] : typeof path[1] === "string" ? String(path[1]) : undefined;
    if (!Array.isArray(node) && SCRIPT_KEYS.has(k)) {
      const push = (text: string, pp: (string | number)[]) => {
        const l = doc.line(pp) ?? 1;
        out.push({ text, line: text.includes("\n") ? l + 1 : l, job });
      };
      if (typeof v === "string") push(v, p);
      else if (Array.isArray(v)) v.forEach((x, i) => (typeof x === "string" ? push(x, [...p, i]) : collect(doc, x, [...p, i], out, depth + 1)));
      else collect(doc, v, p, out, depth + 1);
      continue;
    }
    collect(doc, v, p, out, depth + 1);
  }
}

/** Every shell snippet in `files` (CI, Makefiles, Jenkinsfiles, shell scripts). */
export function shellSnippets(snapshot: RepoSnapshot, files: readonly FileEntry[]): ShellSnippet[] {
  const out: ShellSnippet[] = [];
  const scope = new Set(files.map((f) => f.path));
  for (const wf of snapshot.workflows()) {
    if (!scope.has(wf.path)) continue;
    for (const job of wf.jobs) for (const st of job.steps) {
      if (!st.run) continue;
      const l = st.keyLine ?? st.line ?? 1;
      out.push({ path: wf.path, line: st.run.includes("\n") ? l + 1 : l, text: st.run, kind: "ci", job: job.id, environment: job.environment });
    }
  }
  for (const f of files) {
    const name = f.path.split("/").pop()!;
    if (CI_FILE_RE.test(f.path)) {
      for (const doc of snapshot.yaml(f.path) ?? []) {
        const found: { text: string; line: number; job?: string }[] = [];
        collect(doc, doc.data, [], found);
        for (const s of found) out.push({ path: f.path, line: s.line, text: s.text, kind: "ci", job: s.job });
      }
    } else if (name === "Jenkinsfile" || /\.jenkinsfile$|\.groovy$/.test(name) && /pipeline|node\s*\{/.test(snapshot.text(f.path) ?? "")) {
      snapshot.lines(f.path).forEach((l, i) => {
        const m = /\b(?:sh|bat)\s*\(?\s*(?:script\s*:\s*)?(['"]{1,3})(.+?)\1/.exec(l);
        if (m) out.push({ path: f.path, line: i + 1, text: m[2], kind: "jenkins" });
      });
    } else if (f.language === "makefile" || /^(Makefile|GNUmakefile|makefile|[\w.-]+\.mk)$/.test(name)) {
      snapshot.lines(f.path).forEach((l, i) => {
        if (/^\t/.test(l)) out.push({ path: f.path, line: i + 1, text: l.replace(/^\t[@\-+]*/, "").replace(/\$\$/g, "$"), kind: "makefile" });
      });
    } else if (f.language === "shell") {
      const text = snapshot.text(f.path);
      if (text) out.push({ path: f.path, line: 1, text, kind: "script" });
    }
  }
  return out;
}
