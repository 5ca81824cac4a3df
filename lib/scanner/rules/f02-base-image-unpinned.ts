import { defineRule } from "./define-rule.ts";
import { parseImageRef } from "../detectors/image-ref.ts";

export default defineRule({
  meta: {
    id: "F02-BASE-IMAGE-UNPINNED",
    version: 1,
    factor: "F02",
    kind: "violation",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker", "cli", "static", "infra"],
    reducedFor: ["library"],
    technique: ["PARSE"],
    upstream: ["hadolint:DL3006", "hadolint:DL3007"],
    title: "Base image without tag, `latest`, or without digest",
    rationale:
      "The base image is the bottom of the dependency tree: `FROM node` or `FROM node:latest` changes under you between builds (new major versions included), so the same commit builds a different runtime.",
    remediation: "Pin the base image to an explicit version tag (and ideally a digest maintained by Renovate/Dependabot) so builds are reproducible.",
    docs: {
      bad: [{ file: "Dockerfile", code: "FROM node:latest" }],
      good: [{ file: "Dockerfile", code: "FROM node:22.11-slim@sha256:4b7e…" }],
    },
    sources: [
      { title: "hadolint DL3006 / DL3007", url: "https://github.com/hadolint/hadolint/wiki/DL3007" },
      { title: "OpenSSF Scorecard Pinned-Dependencies (containerImage)", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
    ],
    deviations:
      "Tag-without-digest is low in the final stage and info in build stages, as in RULES.md; references with unresolved ARGs are skipped (unknown, never a finding); dev-only Dockerfiles get info for tag-without-digest.",
  },
  check(ctx) {
    const files = new Set(ctx.files().map((f) => f.path));
    const dfs = ctx.snapshot.dockerfiles().filter((d) => files.has(d.path));
    if (!dfs.length) return ctx.na("no Dockerfile");
    for (const df of dfs) {
      const f = ctx.snapshot.file(df.path)!;
      const dev = f.role === "dev" || f.env === "dev";
      for (const st of df.model.stages) {
        if (st.fromStage) continue;
        const image = st.from.resolved;
        if (!image || /^scratch$/i.test(image)) continue;
        const ref = parseImageRef(image);
        if (!ref || ref.unresolved) continue;
        const snippet = `FROM ${st.from.raw}${st.name ? ` AS ${st.name}` : ""}`;
        if (ref.digest) continue;
        if (ref.tag === null || ref.tag === "latest") {
          ctx.report({ path: df.path, line: st.from.line, message: ref.tag === null ? "Base image has no tag (implicitly latest)." : "Base image uses the mutable latest tag.", snippet, match: `FROM ${image}`, severity: dev ? "low" : "medium" });
        } else {
          ctx.report({ path: df.path, line: st.from.line, message: "Base image is pinned to a tag but not a digest.", snippet, match: `FROM ${image}`, severity: st.isFinal && !dev ? "low" : "info" });
        }
      }
    }
  },
});
