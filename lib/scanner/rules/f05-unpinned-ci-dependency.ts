import picomatch from "picomatch";
import { defineRule } from "./define-rule.ts";
import { parseImageRef } from "../detectors/image-ref.ts";

const SHA_RE = /^[0-9a-f]{40}$/;
const BRANCH_RE = /^(main|master|latest|head|develop|dev|trunk|stable|nightly|edge|release)$/i;
const FIRST_PARTY_RE = /^(actions|github)\//;

export default defineRule({
  meta: {
    id: "F05-UNPINNED-CI-DEPENDENCY",
    version: 1,
    factor: "F05",
    kind: "violation",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker", "library", "cli", "static", "infra"],
    scope: "repo",
    technique: ["PARSE"],
    title: "Build pipeline depends on mutable CI actions/images",
    rationale:
      "The build stage is only reproducible (and safe) if what runs it is fixed: `uses: owner/action@main` or a moving tag can change the build — or inject code into it — without any change in this repository.",
    remediation: "Pin third-party actions and CI images to full commit SHAs/digests (with a version comment) and let Dependabot/Renovate update them, so the build stage is reproducible.",
    docs: {
      bad: [{ file: ".github/workflows/ci.yml", code: "- uses: some-org/setup-tool@main" }],
      good: [{ file: ".github/workflows/ci.yml", code: "- uses: some-org/setup-tool@3f1a2b4c5d6e7f8091a2b3c4d5e6f708192a3b4c # v2.1.0" }],
    },
    sources: [
      { title: "OpenSSF Scorecard Pinned-Dependencies", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
      { title: "zizmor unpinned-uses", url: "https://docs.zizmor.sh/audits/#unpinned-uses" },
    ],
    deviations:
      "Version tags of GitHub-owned actions (actions/*, github/*) are info rather than low (zizmor's former default; GitHub controls those tags); third-party version tags are low; branch refs and unversioned refs are medium. Option `allowTagsFor: [globs]` accepts tags for more owners. Service/container images: latest or untagged is low, tagged without digest is not reported (they are test infrastructure, not the artifact). Only GitHub Actions workflows are parsed so far.",
  },
  check(ctx) {
    const wfs = ctx.snapshot.workflows();
    if (!wfs.length) return ctx.na("no CI workflows");
    const allow = Array.isArray(ctx.options.allowTagsFor) ? picomatch((ctx.options.allowTagsFor as unknown[]).map(String)) : null;
    for (const wf of wfs) {
      const check = (uses: string, line: number | undefined, where: string) => {
        if (uses.startsWith("./") || uses.startsWith(".\\")) return;
        if (uses.startsWith("docker://")) {
          const ref = parseImageRef(uses.slice(9));
          if (ref && !ref.digest && !ref.unresolved) ctx.report({ path: wf.path, line, message: ref.tag === null || ref.tag === "latest" ? "CI step runs a container image by a mutable tag." : "CI step runs a container image without a digest.", match: uses, severity: ref.tag === null || ref.tag === "latest" ? "medium" : "low", data: { where } });
          return;
        }
        const at = uses.lastIndexOf("@");
        const action = at === -1 ? uses : uses.slice(0, at);
        const ref = at === -1 ? "" : uses.slice(at + 1);
        if (SHA_RE.test(ref)) return;
        if (!ref || BRANCH_RE.test(ref)) {
          ctx.report({ path: wf.path, line, message: "Action is referenced by a branch or without a ref.", match: uses, severity: "medium", data: { action, ref: ref || null } });
          return;
        }
        if (allow?.(action)) return;
        ctx.report({ path: wf.path, line, message: "Action is pinned to a mutable version tag, not a commit SHA.", match: uses, severity: FIRST_PARTY_RE.test(action) ? "info" : "low", data: { action, ref } });
      };
      for (const job of wf.jobs) {
        if (job.uses) check(job.uses, wf.doc.line(["jobs", job.id, "uses"]), `job ${job.id}`);
        for (const s of job.steps) if (s.uses) check(s.uses, s.keyLine ?? s.line, `job ${job.id}`);
        const imgs = [...(job.container ? [{ image: job.container.image, line: job.container.line }] : []), ...job.services.map((x) => ({ image: x.image, line: x.line }))];
        for (const { image, line } of imgs) {
          const ref = parseImageRef(image);
          if (ref && !ref.unresolved && !ref.digest && (ref.tag === null || ref.tag === "latest")) ctx.report({ path: wf.path, line, message: "CI job container/service image uses a mutable tag.", match: image, severity: "low" });
        }
      }
    }
  },
});
