import { defineRule } from "./define-rule.ts";
import { CI_TOOLING_RE, LOCKFILES } from "../snapshot/manifests.ts";
import { snapshotMemo } from "../detectors/memo.ts";
import type { Dependency, DependencyManifest, RepoSnapshot } from "../snapshot/index.ts";
import type { Severity } from "../types.ts";

const dirOf = (p: string) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : ".");
const join = (dir: string, rel: string) => {
  const parts = dir === "." ? [] : dir.split("/");
  for (const seg of rel.replace(/^\.\//, "").split("/")) {
    if (seg === "..") parts.pop();
    else if (seg && seg !== ".") parts.push(seg);
  }
  return parts.join("/") || ".";
};

type Kind = "unbounded" | "wildcard" | "branch" | "local-path" | "snapshot";

/** Why a spec floats, or null. */
function looseness(eco: DependencyManifest["ecosystem"], dep: Dependency, projectVersion: string | null): Kind | null {
  const s = dep.spec.trim();
  switch (eco) {
    case "npm": {
      if (/^(workspace:|link:|portal:|catalog:)/.test(s)) return null;
      const inner = /^npm:(?:@[^/]+\/)?[^@]+@(.*)$/.exec(s)?.[1] ?? s;
      if (/^file:/.test(inner)) return "local-path";
      if (inner === "" || inner === "*" || inner === "x" || inner === "latest" || inner === "next") return "wildcard";
      if (/^(git\+|git:|github:|gitlab:|bitbucket:)|^[\w-]+\/[\w.-]+(#.*)?$/.test(inner) || /^https?:\/\/.*\.git(#.*)?$/.test(inner)) {
        const ref = /#(.+)$/.exec(inner)?.[1];
        if (!ref || /^(main|master|develop|dev|trunk|HEAD)$/.test(ref)) return "branch";
        return null;
      }
      if (/^https?:\/\/.*(tarball|archive)\/(refs\/heads\/)?(main|master|develop)\b/.test(inner)) return "branch";
      if (/^>=?\s*[\w.]+$/.test(inner)) return "unbounded";
      return null;
    }
    case "pypi": {
      if (/^(git\+|hg\+|https?:)/.test(dep.name) || /^(git\+|hg\+)/.test(s)) {
        const at = /@([^@#\s]+)(#.*)?$/.exec(s.replace(/^git\+https?:\/\/[^@/]*@/, "git+https://"));
        if (!at || /^(main|master|develop|dev|trunk|HEAD)$/.test(at[1])) return "branch";
        return null;
      }
      if (/^\.|^\/|^file:/.test(dep.name)) return null;
      if (s === "" || s === "*") return "wildcard";
      // `>=1.2` / `>1` with no upper bound and no exact pin
      if (/>/.test(s) && !/<|==|~=|\^|~(?!=)/.test(s)) return "unbounded";
      return null;
    }
    case "maven": {
      if (!s || s.includes("${")) return null;
      if (/^[[(]/.test(s)) return "unbounded";
      if (/^(LATEST|RELEASE)$/.test(s)) return "wildcard";
      if (/-SNAPSHOT$/.test(s) && !/-SNAPSHOT$/.test(projectVersion ?? "")) return "snapshot";
      return null;
    }
    case "gradle":
      if (/\+$/.test(s) || /^latest\.(release|integration|milestone)$/.test(s)) return "wildcard";
      if (/^[[(]/.test(s)) return "unbounded";
      return null;
    case "sbt":
      // v5 (session 12): sbt/Ivy revisions — `latest.integration`/`latest.release` and `1.+` float, `[1.0,)` ranges
      // are unbounded, a -SNAPSHOT of another project moves; identifiers sbt resolves at load time (`scalaVersion.value`,
      // an unresolved constant) are not judged
      if (!s || !/^[\w[(]/.test(s) || (/^[A-Za-z_][\w.]*$/.test(s) && !/^latest\./.test(s))) return null;
      if (/\+$/.test(s) || /^latest\.(release|integration|milestone)$/.test(s)) return "wildcard";
      if (/^[[(]/.test(s)) return "unbounded";
      if (/-SNAPSHOT$/.test(s) && !/-SNAPSHOT$/.test(projectVersion ?? "")) return "snapshot";
      return null;
    case "nuget":
      if (s === "*" || /\.\*$/.test(s) || /^\*/.test(s)) return "wildcard";
      if (/^[[(][^,]*,\s*\)$/.test(s)) return "unbounded";
      return null;
    case "composer":
      // platform requirements (ext-curl: "*", php, lib-icu, composer-plugin-api) declare what the runtime must
      // provide; "*" there is the standard way to require an extension, not a floating package version
      if (/^(php(-64bit|-ipv6|-zts|-debug)?|hhvm|ext-[\w-]+|lib-[\w-]+|composer(-plugin|-runtime)?-api|composer)$/i.test(dep.name)) return null;
      if (/^dev-(master|main|develop)\b/.test(s)) return "branch";
      if (s === "*" || s === "") return "wildcard";
      if (/^>=?\s*[\w.]+$/.test(s)) return "unbounded";
      return null;
    case "cargo":
      if (s === "*") return "wildcard";
      if (/"branch"/.test(s)) return "branch";
      if (/^>=?\s*[\w.]+$/.test(s)) return "unbounded";
      return null;
    case "rubygems":
      if (/\bbranch:\s*["']/.test(s) || (/\b(git|github):/.test(s) && !/\b(ref|tag):/.test(s))) return "branch";
      return null;
    case "hex":
      // v4 (session 11): mix.exs requirements — umbrella siblings are workspace structure; `path:` deps are judged like
      // npm `file:` links; git/github deps without `ref:`/`tag:` (or with `branch:`) follow a branch; no requirement
      // at all is any version; `>= x` has no upper bound (`~> 1.7` is bounded)
      if (/\bin_umbrella:\s*true\b/.test(s)) return null;
      if (/\bpath:\s*"/.test(s)) return "local-path";
      if (/\b(git|github):\s*"/.test(s)) return /\b(ref|tag):\s*"/.test(s) && !/\bbranch:/.test(s) ? null : "branch";
      if (s === "") return "wildcard";
      if (/^>=?\s*[\w.-]+$/.test(s)) return "unbounded";
      return null;
    default:
      return null;
  }
}

function lockfileNear(snapshot: RepoSnapshot, m: DependencyManifest): string | null {
  const names = new Set(LOCKFILES[m.ecosystem]);
  if (m.ecosystem === "pypi" && /requirements[\w.-]*\.txt$/.test(m.path)) {
    // a requirements file is installed directly with pip; another tool's lockfile does not pin it
    const own = snapshot.text(m.path) ?? "";
    if (/--hash=|autogenerated by pip-compile|uv pip compile/.test(own)) return m.path;
  }
  for (const { path, base } of lockfileCandidates(snapshot)) {
    if (!names.has(base)) continue;
    const d = dirOf(path);
    if (d === "." || m.dir === d || m.dir.startsWith(d + "/")) return path;
  }
  return null;
}

/** Files whose name is some ecosystem's lockfile, in snapshot order (once per snapshot, not once per manifest: medusa has 400 manifests and 15k files). */
const LOCKFILE_NAMES = new Set(Object.values(LOCKFILES).flat());
const lockfilesMemo = snapshotMemo<{ path: string; base: string }[]>();
function lockfileCandidates(snapshot: RepoSnapshot): { path: string; base: string }[] {
  return lockfilesMemo(snapshot, "lockfiles", () =>
    snapshot.files.flatMap((f) => {
      const base = f.path.slice(f.path.lastIndexOf("/") + 1);
      return LOCKFILE_NAMES.has(base) ? [{ path: f.path, base }] : [];
    }),
  );
}

const MESSAGES: Record<Kind, string> = {
  unbounded: "Dependency version has no upper bound.",
  wildcard: "Dependency version is a wildcard or floating tag.",
  branch: "Dependency tracks a moving VCS branch.",
  "local-path": "Dependency points outside the repository.",
  snapshot: "SNAPSHOT dependency in a release build.",
};

export default defineRule({
  meta: {
    id: "F02-LOOSE-VERSION-SPEC",
    version: 5,
    factor: "F02",
    kind: "violation",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker", "cli", "static", "infra"],
    reducedFor: ["library"],
    technique: ["PARSE"],
    title: "Floating or unbounded dependency versions",
    rationale:
      "A dependency declared as `*`, `>=1.0`, a git branch or a bare name resolves to whatever is newest on the day of the build, so the same commit can produce different artifacts and a broken or compromised release reaches production without any change in the repository.",
    remediation: "Pin exact versions (or commit a lockfile and install from it) and let an update bot (Dependabot/Renovate) propose upgrades.",
    docs: {
      bad: [{ file: "requirements.txt", code: "flask\nrequests>=2.0" }],
      good: [{ file: "requirements.txt", code: "flask==3.0.3\nrequests==2.32.3" }],
    },
    sources: [
      { title: "OpenSSF Scorecard Pinned-Dependencies", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
      { title: "hadolint DL3013 / DL3016 rationale", url: "https://github.com/hadolint/hadolint#rules" },
    ],
    deviations:
      "When a lockfile of the ecosystem covers the manifest, unbounded ranges and bare names are not reported (RULES.md: low): the lockfile pins them, and penalising `>=` next to a uv.lock/poetry.lock would punish the recommended setup; wildcards (`*`, `latest`) and moving VCS branches stay low. Only the unit's own manifests are checked (a root tooling manifest owned by no unit is judged with the root unit only). Without a lockfile they are medium (Maven has no lockfile, so ranges/LATEST/SNAPSHOT are always medium). A requirements*.txt counts as locked only when it is pip-compile output or hash-pinned (another tool's lockfile does not pin what `pip install -r` installs). `requirements*.in` (pip-compile inputs) are skipped. Local `file:`/Go `replace => ../path` links are flagged only when the target is not inside the repository (in-repo links are workspace structure). Libraries: unbounded ranges are not reported (correct practice for libraries), wildcards/branches are info. Dev/test-scoped dependencies are one level lower. Terraform modules without `version`/`?ref=` are medium. v2 (accuracy bench session5b: BookStack `\"ext-curl\": \"*\"`): Composer platform requirements (php, ext-*, lib-*, composer-plugin-api) are not package versions and are not reported. v3 (accuracy bench session7b: homebox `.github/workflows/update-currencies/requirements.txt`): manifests under a CI configuration directory (.github/, .gitlab/, .circleci/ …) belong to CI helper scripts and are one level lower, like development dependencies. v4 (session 11: hexpm, Elixir): mix.exs is read as a Hex manifest (mix.lock its lockfile) — `>= x` requirements are unbounded, a dependency without a requirement is a wildcard, git/github dependencies without `ref:`/`tag:` or with `branch:` follow a branch, `path:` dependencies outside the repository are local paths; `in_umbrella: true` siblings and `only: :dev/:test` tooling are judged like workspace links and dev dependencies. v5 (session 12, sbt support; accuracy bench session12b gitbucket, session11d metarank): build.sbt modules are read — `latest.integration`/`latest.release` and `1.+` revisions are wildcards, Ivy ranges (`[1.0,)`) unbounded, another project's -SNAPSHOT a snapshot, always medium (no lockfile, like Maven); versions given as identifiers sbt resolves at load time (`scalaVersion.value`, a constant the parser could not resolve) are not judged.",
  },
  check(ctx) {
    const inScope = new Set(ctx.files().map((f) => f.path));
    // The unit's own manifests (files owned by no unit, e.g. a root tooling pyproject.toml, only for the root unit).
    const own = new Set(ctx.unit.files);
    const manifests = ctx.snapshot.manifests().filter((m) => inScope.has(m.path) && (own.has(m.path) || ctx.unit.path === ".") && !/\.in$/.test(m.path));
    const tfFiles = ctx.files().filter((f) => /\.tf$/.test(f.path));
    if (!manifests.length && !tfFiles.length) return ctx.na("no dependency manifest");
    const lib = ctx.unit.kind === "library";
    for (const m of manifests) {
      const lock = lockfileNear(ctx.snapshot, m);
      let projectVersion: string | null = null;
      if (m.ecosystem === "maven") {
        const pv = (ctx.snapshot.xml(m.path) as { project?: { version?: unknown } } | undefined)?.project?.version;
        projectVersion = typeof pv === "string" ? pv : null;
      } else if (m.ecosystem === "sbt") {
        projectVersion = /\bversion\s*:=\s*"([^"]*)"/.exec(ctx.snapshot.text(m.path) ?? "")?.[1] ?? null;
      }
      for (const dep of m.deps) {
        const kind = looseness(m.ecosystem, dep, projectVersion);
        if (!kind) continue;
        if (kind === "local-path") {
          const target = join(m.dir, dep.spec.replace(/^npm:[^@]+@/, "").replace(/^file:/, "").replace(/^.*\bpath:\s*"([^"]*)".*$/, "$1"));
          if (target !== ".." && !target.startsWith("../") && ctx.snapshot.files.some((f) => f.path.startsWith(target + "/"))) continue;
        }
        let severity: Severity;
        const locked = !!lock && kind !== "local-path" && m.ecosystem !== "maven" && m.ecosystem !== "sbt";
        // Ranges are correct practice in libraries, and a lockfile pins them in apps: nothing to report.
        if (kind === "unbounded" && (lib || locked)) continue;
        if (lib) severity = "info";
        else if (!locked) severity = "medium";
        else severity = "low";
        // v3: a CI helper script's manifest (.github/workflows/x/requirements.txt) is tooling, like a dev dependency
        if (severity !== "info" && (dep.scope === "dev" || dep.scope === "test" || CI_TOOLING_RE.test(m.path))) severity = severity === "medium" ? "low" : "info";
        ctx.report({
          path: m.path,
          line: dep.line,
          message: MESSAGES[kind],
          match: `${dep.name}@${dep.spec}`,
          severity,
          data: { dependency: dep.name, spec: dep.spec || null, kind, lockfile: lock, scope: dep.scope },
        });
      }
      if (m.ecosystem === "go" && !ctx.snapshot.files.some((f) => /(^|\/)go\.work$/.test(f.path))) {
        ctx.snapshot.lines(m.path).forEach((l, i) => {
          const r = /^\s*(?:replace\s+)?(\S+)(?:\s+\S+)?\s*=>\s*(\.{1,2}\/\S*)\s*$/.exec(l.replace(/\/\/.*$/, ""));
          if (!r) return;
          const target = join(m.dir, r[2]);
          if (target !== ".." && !target.startsWith("../") && ctx.snapshot.has(`${target === "." ? "" : target + "/"}go.mod`)) return;
          ctx.report({ path: m.path, line: i + 1, message: MESSAGES["local-path"], match: `replace ${r[1]} => ${r[2]}`, severity: lib ? "info" : "medium", data: { dependency: r[1], spec: r[2], kind: "local-path" } });
        });
      }
    }
    for (const f of tfFiles) {
      for (const b of ctx.snapshot.hcl(f.path) ?? []) {
        if (b.type !== "module") continue;
        const src = b.attrs.find((a) => a.key === "source")?.literal;
        if (typeof src !== "string" || /^\.{1,2}\//.test(src)) continue;
        const version = b.attrs.find((a) => a.key === "version");
        const git = /^(git::|github\.com\/|bitbucket\.org\/|git@)/.test(src);
        const floating = git ? !/[?&]ref=/.test(src) || /[?&]ref=(main|master|develop|HEAD)\b/.test(src) : /^[\w-]+\/[\w-]+\/[\w-]+(\/\/.*)?$/.test(src) && !version;
        if (!floating) continue;
        ctx.report({ path: f.path, line: b.line, message: git ? "Dependency tracks a moving VCS branch." : "Dependency version is a wildcard or floating tag.", match: `module ${b.labels[0] ?? ""} ${src}`, severity: "medium", data: { dependency: src, kind: git ? "branch" : "wildcard" } });
      }
    }
  },
});
