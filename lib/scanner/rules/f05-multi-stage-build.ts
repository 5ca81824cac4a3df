import { defineRule } from "./define-rule.ts";
import { parseShell } from "../detectors/shell.ts";

const SDK_IMAGE_RE = /(^|\/)(golang|maven|gradle|rust|sbt|clojure|haskell|swift|openjdk|eclipse-temurin|amazoncorretto|microsoft\/dotnet\/sdk|dotnet\/sdk|mcr\.microsoft\.com\/dotnet\/sdk)(:|$)|[-_:](jdk|sdk|devel|build)([-_.]|$)/i;
const TOOLCHAIN_PKG_RE = /^(build-essential|gcc|g\+\+|make|cmake|clang|musl-dev|libc6?-dev|[\w.+-]+-dev(el)?|openjdk-\d+-jdk|default-jdk|golang|cargo|rustc|maven|gradle|python3?-dev)(=.*)?$/;
const COMPILE_RE = /\b(npm run build|yarn build|pnpm (run )?build|tsc\b|next build|vite build|webpack\b|go build|mvn\b|gradle\b|gradlew\b|dotnet (publish|build)|cargo build|ng build)/;

export default defineRule({
  meta: {
    id: "F05-MULTI-STAGE-BUILD",
    version: 1,
    factor: "F05",
    kind: "evidence",
    severity: "low",
    confidence: "high",
    appliesTo: ["service", "worker", "cli", "static"],
    opinionated: true,
    technique: ["PARSE"],
    title: "Build toolchain separated from the runtime image",
    rationale:
      "Strict separation of build and run: compilers, SDKs and dev dependencies belong to the build stage. A multi-stage Dockerfile (or buildpacks/jib/ko) ships only the built artifact, so the run stage has as few moving parts as possible.",
    remediation: "Use a multi-stage Dockerfile: compile and install in a build stage, copy only the result into a slim runtime stage.",
    docs: {
      bad: [{ file: "Dockerfile", code: "FROM golang:1.22\nCOPY . .\nRUN go build -o app\nCMD [\"./app\"]" }],
      good: [{ file: "Dockerfile", code: "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nCMD [\"/app\"]" }],
    },
    sources: [
      { title: "hadolint DL3022–DL3024 (multi-stage)", url: "https://github.com/hadolint/hadolint#rules" },
      { title: "12factor.net — Build, release, run", url: "https://12factor.net/build-release-run" },
    ],
    deviations:
      "A single stage that uses a slim runtime base and runs no compile step (typical for interpreted apps installing production dependencies only) scores 0.75 instead of 0: RULES.md lists it as acceptable. Cloud Native Buildpacks (project.toml), jib, ko and nixpacks count as separated builds.",
  },
  check(ctx) {
    const files = ctx.files();
    const alt = files.find((f) => /(^|\/)(project\.toml|\.ko\.yaml|nixpacks\.toml)$/.test(f.path) || ((/pom\.xml$|build\.gradle(\.kts)?$/.test(f.path)) && /jib-maven-plugin|com\.google\.cloud\.tools\.jib/.test(ctx.snapshot.text(f.path) ?? "")));
    const inScope = new Set(files.map((f) => f.path));
    const dfs = ctx.snapshot.dockerfiles().filter((d) => inScope.has(d.path) && ctx.snapshot.file(d.path)?.role !== "dev" && ctx.snapshot.file(d.path)?.env !== "dev");
    if (!dfs.length) {
      if (alt) {
        ctx.evidence({ path: alt.path, note: "image built by buildpacks/jib/ko/nixpacks" });
        return ctx.score(1);
      }
      return ctx.na("no production Dockerfile");
    }
    let best = 0;
    for (const df of dfs) {
      const stages = df.model.stages;
      const final = stages[stages.length - 1];
      const finalRuns = final.instructions.filter((i) => i.keyword === "RUN");
      const installs = finalRuns.flatMap((r) => parseShell(r.argv ? r.argv.join(" ") : r.args)).filter((c) => /^(apt-get|apt|apk|yum|dnf|microdnf)$/.test(c.argv[0] ?? "") && c.argv.some((a) => a === "install" || a === "add")).flatMap((c) => c.argv.filter((a) => !a.startsWith("-")));
      const toolchain = installs.filter((p) => TOOLCHAIN_PKG_RE.test(p));
      const sdkBase = SDK_IMAGE_RE.test(final.from.resolved ?? final.from.raw);
      const copiesFrom = final.instructions.some((i) => i.keyword === "COPY" && i.flags["from"] !== undefined) || !!final.fromStage;
      if (stages.length >= 2 && copiesFrom) {
        if (!toolchain.length && !sdkBase) {
          ctx.evidence({ path: df.path, line: final.from.line, note: `multi-stage build (${stages.length} stages), runtime stage copies artifacts` });
          best = Math.max(best, 1);
        } else {
          ctx.evidence({ path: df.path, line: final.from.line, note: `multi-stage, but the runtime stage still has ${sdkBase ? "an SDK base image" : "toolchain packages: " + toolchain.join(", ")}` });
          best = Math.max(best, 0.5);
        }
        continue;
      }
      const compiles = finalRuns.some((r) => COMPILE_RE.test(r.args));
      if (!sdkBase && !toolchain.length && !compiles) {
        ctx.evidence({ path: df.path, line: final.from.line, note: "single stage on a runtime base without a compile step" });
        best = Math.max(best, 0.75);
      }
    }
    if (alt) best = Math.max(best, 1);
    return ctx.score(best, { confidence: best === 0 ? "medium" : "high", reason: best === 0 ? "single-stage image with the build toolchain" : undefined });
  },
});
