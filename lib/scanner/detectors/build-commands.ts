// Build/CI shell commands (SD-6 applied to the places where images and artifacts are built):
// Dockerfile `RUN` instructions (per stage), GitHub Actions `run:` steps, GitLab CI `script:` lists
// and shell scripts. Each command carries its file:line, the other commands of the same RUN/step
// (for sequence checks such as download-then-execute) and, for Dockerfiles, the stage.
// Used by the F02 install/pinning rules.
import { memoByFiles } from "./memo.ts";
import type { FileEntry, Unit } from "../types.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";
import { parseShell, programOf, type ShellCommand } from "./shell.ts";

export type BuildCommandOrigin = "dockerfile" | "ci" | "script";

export interface BuildCommand {
  origin: BuildCommandOrigin;
  path: string;
  /** 1-based line of the command (for Dockerfiles: the RUN instruction's first line). */
  line: number;
  cmd: ShellCommand;
  /** All commands of the same RUN instruction / CI step / script, in order. */
  group: readonly ShellCommand[];
  /** Index of `cmd` in `group`. */
  index: number;
  /** Dockerfile stage of the RUN instruction. */
  stage?: { index: number; name: string | null; isFinal: boolean };
  /** Environment set for the command by the Dockerfile stage (`ENV`) or the CI step/job (`env:`). */
  stageEnv: Record<string, string>;
  /** The file is development-only (Dockerfile.dev, dev role). */
  dev: boolean;
  /** Shell scripts only: the script is referenced by a Dockerfile or a start command in scope. */
  referenced?: boolean;
  /**
   * Shell scripts only: what runs it — "image" (a Dockerfile instruction, or an entrypoint script) or "ci" (only
   * CI steps: its installs land on the CI machine, not in the artifact).
   */
  referencedBy?: "image" | "ci";
  /** Raw text of the RUN arguments / step script (for snippets). */
  text: string;
}

/** Strip wrappers that run another command: sudo, nice, env (already handled), time, xargs -r. */
export function unwrap(cmd: ShellCommand): string[] {
  let argv = cmd.argv;
  for (let guard = 0; guard < 4 && argv.length; guard++) {
    const p = (argv[0].split("/").pop() ?? "").toLowerCase();
    if (p === "sudo" || p === "nice" || p === "time" || p === "nohup" || p === "command") {
      argv = argv.slice(1);
      while (argv.length && argv[0].startsWith("-")) argv = argv.slice(1);
      continue;
    }
    break;
  }
  return argv;
}

/** Program (basename of argv[0] after unwrapping sudo & co). */
export function programName(cmd: ShellCommand): string {
  const argv = unwrap(cmd);
  return argv.length ? (argv[0].split("/").pop() ?? "") : programOf(cmd);
}

function strRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === "object" && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) out[k] = String(x ?? "");
  return out;
}

// Tilt (`Dockerfile-tilt`, built by a Tiltfile's docker_build) is a local development loop (accuracy bench session7a: homepage)
const DEV_DOCKERFILE_RE = /(^|[._-])(dev|development|local|devcontainer|test|tests|ci|e2e|playwright|cypress|selenium|storybook|tilt)([._-]|$)/i;

/**
 * Dockerfiles that only a development compose file builds (wallabag's docker/php/Dockerfile behind compose.yaml's
 * `build: context: docker/php`, with the source bind-mounted) and that no CI workflow, deploy script or
 * production compose file builds: development images, not the release build.
 */
export function devComposeOnlyDockerfiles(snapshot: RepoSnapshot): Set<string> {
  const dev = new Set<string>();
  const prod = new Set<string>();
  const norm = (p: string) => p.replace(/^\.\//, "").replace(/\/\.\//g, "/").replace(/\/$/, "");
  for (const cf of snapshot.composeFiles()) {
    const dir = cf.path.includes("/") ? cf.path.slice(0, cf.path.lastIndexOf("/")) : ".";
    for (const s of cf.services) {
      if (!s.build) continue;
      const ctx = norm(dir === "." ? s.build.context : `${dir}/${s.build.context}`) || ".";
      const df = norm(s.build.dockerfile ? `${ctx === "." ? "" : ctx + "/"}${s.build.dockerfile}` : snapshot.dockerfilePath(ctx));
      (cf.dev ? dev : prod).add(df);
    }
  }
  const ci = snapshot.workflows().map((w) => snapshot.text(w.path) ?? "").join("\n");
  // a root Dockerfile is usually also the release image (CI `docker build .` need not name it): never demoted
  return new Set([...dev].filter((p) => p.includes("/") && !prod.has(p) && !ci.includes(p) && !ci.includes(p.slice(0, p.lastIndexOf("/")))));
}

/** Collect build commands from Dockerfiles, CI workflows and shell scripts among `files`. Memoized per snapshot and file list (memoByFiles). */
export const buildCommands = memoByFiles(collectBuildCommands);

function collectBuildCommands(snapshot: RepoSnapshot, files: readonly FileEntry[]): BuildCommand[] {
  const out: BuildCommand[] = [];
  const inScope = new Set(files.map((f) => f.path));
  const referencedNames = new Set<string>();
  const imageReferenced = new Set<string>();
  const devOnlyImages = devComposeOnlyDockerfiles(snapshot);

  for (const f of files) {
    if (f.language !== "dockerfile") continue;
    const model = snapshot.dockerfile(f.path);
    if (!model) continue;
    const base = f.path.split("/").pop() ?? "";
    // a Dockerfile under a development directory (dev/docker/Dockerfile: env tag dev) is development-only too
    const dev = f.role === "dev" || f.env === "dev" || DEV_DOCKERFILE_RE.test(base.replace(/^(Dockerfile|Containerfile)/i, "")) || f.path.includes(".devcontainer/") || devOnlyImages.has(f.path);
    for (const stage of model.stages) {
      const env: Record<string, string> = {};
      for (const ins of stage.instructions) {
        for (const m of ins.args.matchAll(/[\w./-]+\.(sh|bash)\b/g)) {
          referencedNames.add(m[0].split("/").pop()!);
          imageReferenced.add(m[0].split("/").pop()!);
        }
        if (ins.keyword === "ENV") for (const p of ins.properties) env[p.name] = p.value ?? "";
        if (ins.keyword !== "RUN") continue;
        let group: ShellCommand[];
        if (ins.jsonForm && ins.argv) {
          group = ins.argv.length ? [{ argv: ins.argv, env: {}, next: null, lineOffset: 0, nested: false, exec: false }] : [];
          const ci = ins.argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
          if (/^(\/bin\/)?(ba)?sh$/.test(ins.argv[0] ?? "") && ci !== -1 && ins.argv[ci + 1]) group = parseShell(ins.argv[ci + 1], true);
        } else {
          group = parseShell(ins.args);
        }
        group.forEach((cmd, index) =>
          out.push({ origin: "dockerfile", path: f.path, line: ins.line, cmd, group, index, stage: { index: stage.index, name: stage.name, isFinal: stage.isFinal }, stageEnv: { ...env }, dev, text: ins.args }),
        );
      }
    }
  }

  for (const wf of snapshot.workflows()) {
    if (!inScope.has(wf.path)) continue;
    const lines = snapshot.lines(wf.path);
    for (const job of wf.jobs) {
      for (const step of job.steps) {
        if (!step.run) continue;
        const keyLine = step.keyLine ?? step.line ?? 1;
        // `run: |` / `run: >-` → the script starts on the next line.
        const block = /run:\s*[|>][-+0-9]*\s*(#.*)?$/.test(lines[keyLine - 1] ?? "");
        const group = parseShell(step.run);
        const env = { ...strRecord(wf.env), ...strRecord(job.env), ...strRecord(step.env) };
        for (const m of step.run.matchAll(/[\w./-]+\.(sh|bash)\b/g)) referencedNames.add(m[0].split("/").pop()!);
        group.forEach((cmd, index) =>
          out.push({ origin: "ci", path: wf.path, line: keyLine + (block ? 1 : 0) + cmd.lineOffset, cmd, group, index, stageEnv: env, dev: false, text: step.run! }),
        );
      }
    }
  }

  // GitLab CI: script / before_script / after_script lists.
  for (const f of files) {
    if (!/(^|\/)\.gitlab-ci\.ya?ml$/.test(f.path)) continue;
    for (const doc of snapshot.yaml(f.path) ?? []) {
      const data = doc.data as Record<string, unknown> | null;
      if (!data || typeof data !== "object") continue;
      for (const [jobName, job] of Object.entries(data)) {
        if (!job || typeof job !== "object" || Array.isArray(job)) continue;
        for (const key of ["before_script", "script", "after_script"]) {
          const list = (job as Record<string, unknown>)[key];
          const items = Array.isArray(list) ? list : typeof list === "string" ? [list] : [];
          items.forEach((item, i) => {
            if (typeof item !== "string") return;
            const line = doc.line([jobName, key, i]) ?? doc.line([jobName, key]) ?? 1;
            const group = parseShell(item);
            group.forEach((cmd, index) => out.push({ origin: "ci", path: f.path, line: line + cmd.lineOffset, cmd, group, index, stageEnv: {}, dev: false, text: item }));
          });
        }
      }
    }
  }

  for (const f of files) {
    if (f.language !== "shell") continue;
    const text = snapshot.text(f.path);
    if (text === undefined) continue;
    const group = parseShell(text);
    const base = f.path.split("/").pop() ?? "";
    const byImage = imageReferenced.has(base) || /(^|[-_])entrypoint/i.test(base);
    const referenced = byImage || referencedNames.has(base);
    const referencedBy = byImage ? "image" as const : referenced ? "ci" as const : undefined;
    group.forEach((cmd, index) => out.push({ origin: "script", path: f.path, line: cmd.lineOffset + 1, cmd, group, index, stageEnv: {}, dev: f.role === "dev" || f.env === "dev", referenced, ...(referencedBy ? { referencedBy } : {}), text: cmd.argv.join(" ") }));
  }
  return out;
}

/**
 * Build commands that shape the unit's artifact: Dockerfile RUN and CI steps, plus shell scripts only
 * when a Dockerfile or CI step runs them (an unreferenced script is a developer convenience).
 */
export function effectiveBuildCommands(snapshot: RepoSnapshot, files: readonly FileEntry[]): BuildCommand[] {
  return buildCommands(snapshot, files).filter((c) => c.origin !== "script" || c.referenced);
}

/** Package ecosystems of the unit's own manifests (shared CI files are judged per ecosystem). */
export function unitEcosystems(snapshot: RepoSnapshot, unit: Unit): Set<string> {
  return new Set(snapshot.manifests().filter((m) => m.dir === unit.path || unit.manifests.includes(m.path)).map((m) => m.ecosystem as string));
}
