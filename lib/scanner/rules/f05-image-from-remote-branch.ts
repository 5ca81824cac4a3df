import { defineRule } from "./define-rule.ts";
import { parseShell } from "../detectors/shell.ts";
import { substituteArgs, type DockerStage } from "../snapshot/parsers.ts";

/** Branch names that move: an image built from one holds whatever the branch was when it was built. */
const MOVING_REF_RE = /^(master|main|develop|development|dev|trunk|stable|latest|next|nightly|unstable|HEAD|release)$/i;
/** `git clone` options that take a value (the URL is the first other word after `clone`). */
const CLONE_VALUE_OPTS = new Set(["-b", "--branch", "--depth", "-o", "--origin", "-c", "--config", "--reference", "--separate-git-dir", "-u", "--upload-pack", "-j", "--jobs", "--filter", "--shallow-since", "--shallow-exclude", "--template", "--bundle-uri"]);

/** The last path segment of a repository URL or module path, lowercased, without `.git` and punctuation. */
function repoKey(s: string): string {
  const last = s.replace(/[#?].*$/, "").replace(/\/+$/, "").split(/[/:]/).pop() ?? "";
  return last.replace(/\.git$/i, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * The stages the final image is built from: the last stage, the stages its FROM chain names, and the stages it (or
 * those) copy from. A Dockerfile with several targets (uptime-kuma's pr-test stage clones the repository to test a pull
 * request) ships only the final one by default.
 */
function releaseStages(stages: readonly DockerStage[]): Set<number> {
  const byName = new Map<string, number>();
  for (const st of stages) if (st.name) byName.set(st.name, st.index);
  const ref = (r: string | undefined | null) => (r == null ? undefined : /^\d+$/.test(r) ? Number(r) : byName.get(r.toLowerCase()));
  const out = new Set<number>();
  const todo = stages.length ? [stages[stages.length - 1].index] : [];
  while (todo.length) {
    const i = todo.pop()!;
    if (out.has(i)) continue;
    out.add(i);
    const st = stages.find((x) => x.index === i);
    if (!st) continue;
    const parent = ref(st.fromStage);
    if (parent !== undefined) todo.push(parent);
    for (const ins of st.instructions) {
      const from = ins.keyword === "COPY" ? ref(ins.flags["from"]) : undefined;
      if (from !== undefined) todo.push(from);
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: "F05-IMAGE-FROM-REMOTE-BRANCH",
    version: 1,
    factor: "F05",
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker"],
    technique: ["PARSE"],
    title: "The image clones the project's own repository at a branch instead of building the checked-out code",
    rationale:
      "A build turns one commit of the codebase into a release. A Dockerfile that runs `git clone` of the project's own repository at a moving branch (master, main, a GIT_BRANCH argument defaulting to one, or no ref at all) ignores the build context: an image tagged v2.3 holds whatever that branch was when the image was built, two builds of the same commit differ, and no release can be traced back to, or rebuilt from, its commit.",
    remediation: "Build from the build context (`COPY . .` in a build stage) so the image is made from the commit CI checked out; if a remote clone is unavoidable, clone an immutable ref (a release tag or a commit SHA passed as a build argument).",
    docs: {
      bad: [{ file: "docker/Dockerfile", code: "FROM alpine/git AS src\nARG GIT_BRANCH=master\nRUN git clone --depth 1 --branch ${GIT_BRANCH} https://github.com/acme/files\nFROM golang:1.23 AS build\nCOPY --from=src /git/files .\nRUN make build" }],
      good: [{ file: "docker/Dockerfile", code: "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN make build" }],
    },
    sources: [{ title: "12factor.net — Build, release, run", url: "https://12factor.net/build-release-run" }],
    deviations:
      "Not in RULES.md (session 24; fresh set session30e: filestash V, human fail / scanner pass — docker/Dockerfile clones `--branch ${GIT_BRANCH}` (master) of its own GitHub repository; accuracy bench session22b: filegator V, human partial / scanner pass — its Dockerfile clones upstream master, so a tagged image holds master). The repository is the project's own when the clone URL's last segment is the name of one of its dependency manifests (go.mod module, composer/package.json name, pyproject/Cargo name …). A version-like ref (v1.2.3, 6.0, a commit SHA) is an immutable release and is not reported (bagisto's production images clone `--branch ${BAGISTO_VERSION}`); clones of other repositories (tools built from source: sassc, flutter, wait-for-it) are not this rule's concern. Only the stages the final image is built from count (its FROM chain and the stages it copies from): a Dockerfile's other targets, such as uptime-kuma's pr-test stage that clones the repository to test a pull request, are not the release.",
  },
  check(ctx) {
    const inScope = new Set(ctx.files({ roles: ["source", "dev", "example", "vendor", "test"] }).map((f) => f.path));
    const dfs = ctx.snapshot.dockerfiles().filter((d) => inScope.has(d.path) && ctx.snapshot.file(d.path)?.role !== "dev" && ctx.snapshot.file(d.path)?.role !== "test" && ctx.snapshot.file(d.path)?.env !== "dev");
    if (!dfs.length) return ctx.na("no production Dockerfile");
    const own = new Set(ctx.snapshot.manifests().map((m) => (m.name ? repoKey(m.name) : "")).filter((k) => k.length >= 3));
    if (!own.size) return ctx.na("no manifest names the project");
    // judged only when an image clones the project's own repository: a rule that passes for the mere absence of the
    // pattern would dilute the factor's other evidence
    let cloned = false;
    for (const df of dfs) {
      const shipped = releaseStages(df.model.stages);
      for (const st of df.model.stages) {
        if (!shipped.has(st.index)) continue;
        const vars: Record<string, string | null> = { ...df.model.globalArgs };
        for (const ins of st.instructions) {
          if (ins.keyword === "ARG") {
            // `ARG NAME` without a default keeps the global ARG's value
            for (const p of ins.properties) vars[p.name] = p.value ?? vars[p.name] ?? null;
            continue;
          }
          if (ins.keyword !== "RUN" || !/\bgit\b[^\n]*\bclone\b/.test(ins.args)) continue;
          for (const c of parseShell(ins.argv ? ins.argv.join(" ") : ins.args)) {
            const ci = c.argv.indexOf("clone");
            if (c.argv[0] !== "git" || ci < 0) continue;
            let url: string | null = null;
            let ref: string | null | undefined;
            for (let i = ci + 1; i < c.argv.length; i++) {
              const a = c.argv[i];
              if (a === "-b" || a === "--branch") {
                ref = substituteArgs(c.argv[++i] ?? "", vars);
                continue;
              }
              if (a.startsWith("--branch=")) {
                ref = substituteArgs(a.slice(9), vars);
                continue;
              }
              if (a.startsWith("-")) {
                if (CLONE_VALUE_OPTS.has(a)) i++;
                continue;
              }
              url = substituteArgs(a, vars);
              break;
            }
            if (!url || !/^(https?:\/\/|git@|ssh:\/\/|git:\/\/)/.test(url) || !own.has(repoKey(url))) continue;
            cloned = true;
            // a version-like ref is an immutable release; an unresolved argument with no default is supplied by the
            // build (CI passes the tag or SHA)
            if (ref === null) continue;
            if (ref !== undefined && !MOVING_REF_RE.test(ref)) continue;
            ctx.report({
              path: df.path,
              line: ins.line,
              message: `The image clones the project's own repository (${url}) at ${ref ? `branch ${ref}` : "its default branch"} instead of building the checked-out code: a tagged image holds whatever that branch was at build time.`,
              match: `clone:${repoKey(url)}:${ref ?? "HEAD"}`,
              data: { url, ref: ref ?? "HEAD" },
            });
          }
        }
      }
    }
    if (!cloned) return ctx.na("no image clones the project's own repository");
  },
});
