import { defineRule } from "./define-rule.ts";
import { isManifestPath } from "../snapshot/manifests.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";

const DESCRIPTOR_RE = /^(Dockerfile|Containerfile|fly\.toml|app\.yaml|Procfile|serverless\.ya?ml|render\.ya?ml|Chart\.yaml|vercel\.json|netlify\.toml|railway\.(json|toml)|nixpacks\.toml)$/;
const WORKSPACE_FILES = ["pnpm-workspace.yaml", "lerna.json", "nx.json", "turbo.json", "rush.json", "go.work", "MODULE.bazel", "WORKSPACE", "WORKSPACE.bazel", "pants.toml", "moon.yml", ".moon/workspace.yml"];
/** Polyglot build/deploy orchestrators that declare every app as a separately built artifact. */
const ORCHESTRATOR_FILES = ["skaffold.yaml", "skaffold.yml", "Tiltfile", "garden.yml", "project.garden.yml", "devspace.yaml", "earthly.yaml", "Earthfile"];

const dirOf = (p: string) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : ".");

/** Workspace / monorepo tooling at the repository root (RULES.md §2.1 list). */
function workspaceMarker(snapshot: RepoSnapshot): string | null {
  const pj = snapshot.packageJson("package.json") as { workspaces?: unknown } | undefined;
  if (pj?.workspaces) return "package.json workspaces";
  for (const f of WORKSPACE_FILES) if (snapshot.has(f)) return f;
  for (const g of ["settings.gradle", "settings.gradle.kts"]) if (/^\s*include\b/m.test(snapshot.text(g) ?? "")) return g;
  if (/<modules>\s*<module>/.test(snapshot.text("pom.xml") ?? "")) return "pom.xml <modules>";
  if ((snapshot.toml("Cargo.toml") as { workspace?: unknown } | undefined)?.workspace) return "Cargo.toml [workspace]";
  if ((snapshot.toml("pyproject.toml") as { tool?: { uv?: { workspace?: unknown } } } | undefined)?.tool?.uv?.workspace) return "uv workspace";
  for (const s of snapshot.glob("*.sln")) if (((snapshot.text(s.path) ?? "").match(/^Project\(/gm) ?? []).length >= 2) return s.path;
  for (const f of ORCHESTRATOR_FILES) if (snapshot.has(f)) return f;
  return null;
}

export default defineRule({
  meta: {
    id: "F01-MULTIPLE-APPS-NO-WORKSPACE",
    version: 1,
    factor: "F01",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker", "static"],
    scope: "repo",
    technique: ["FILE"],
    title: "Several deployable apps without monorepo structure",
    rationale:
      "Twelve-factor: one codebase per app; several apps in one repository form a distributed system whose components must each build, version and deploy independently. Without workspace tooling the apps share an implicit build, one change redeploys or breaks the others, and dependency boundaries are invisible.",
    remediation:
      "Either split the apps into separate repositories or declare them as a workspace/monorepo (npm/pnpm workspaces, Nx, Turborepo, Gradle multi-project, go.work, Bazel/Pants) so each app builds, versions and deploys independently.",
    docs: {
      bad: [{ file: "(repo)", code: "api/package.json + api/Dockerfile\nworker/package.json + worker/Dockerfile\n# no workspaces, no pnpm-workspace.yaml, no nx.json" }],
      good: [{ file: "package.json", code: "{ \"private\": true, \"workspaces\": [\"apps/*\", \"packages/*\"] }" }],
    },
    sources: [{ title: "12factor.net — Codebase", url: "https://12factor.net/codebase" }],
    deviations:
      "An app is a directory holding both a dependency manifest and its own deploy descriptor (Dockerfile, fly.toml, app.yaml, Procfile, serverless.yml, Helm chart …); directories with only a Dockerfile (nginx/proxy sidecars, tooling images) and several Dockerfiles of one app (Dockerfile.web/Dockerfile.worker in one directory: process types of one app) do not count. Nested apps are found even when the classifier merged them into a root unit (which it does when no workspace root exists). Dev/test/example directories are ignored. Besides the RULES.md workspace markers, polyglot build/deploy orchestrators that build each app as its own artifact (skaffold.yaml, Tiltfile, Garden, DevSpace, Earthly) count as monorepo structure — a polyglot microservice repo cannot use npm/Gradle workspaces. Declaring `kind: monorepo` or the units in .twelve-factor.yml is the documented way to silence it (waiver).",
  },
  check(ctx) {
    const snap = ctx.snapshot;
    const files = snap.files.filter((f) => f.role === "source");
    const descriptorDirs = new Map<string, string>();
    const manifestDirs = new Set<string>();
    for (const f of files) {
      const base = f.path.split("/").pop() ?? "";
      if (DESCRIPTOR_RE.test(base) && !descriptorDirs.has(dirOf(f.path))) descriptorDirs.set(dirOf(f.path), f.path);
      if (isManifestPath(f.path)) manifestDirs.add(dirOf(f.path));
    }
    const apps = [...descriptorDirs.entries()].filter(([d]) => manifestDirs.has(d)).map(([dir, path]) => ({ dir, path }));
    const deployableUnits = ctx.units.filter((u) => u.kind === "service" || u.kind === "worker" || u.kind === "static");
    if (apps.length < 2) {
      return deployableUnits.length ? undefined : ctx.na("no deployable app");
    }
    const marker = workspaceMarker(snap);
    if (marker) {
      ctx.evidence({ path: marker.split(" ")[0], note: `workspace tooling: ${marker}` });
      return;
    }
    ctx.report({
      path: apps[1].path,
      message: "Several deployable apps share the repository without workspace tooling.",
      match: apps.map((a) => a.dir).sort().join(","),
      snippet: apps.map((a) => `${a.dir}/ (${a.path.split("/").pop()})`).join(", ").slice(0, 200),
      related: apps.map((a) => ({ path: a.path, note: `app in ${a.dir}` })),
      data: { apps: apps.length, dirs: apps.map((a) => a.dir).join(", ") },
    });
  },
});
