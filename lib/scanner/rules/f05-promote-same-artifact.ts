import { defineRule } from "./define-rule.ts";
import { shellSnippets } from "../detectors/shell-snippets.ts";

const BUILD_RE = /\b(docker|podman)\s+(buildx\s+)?(build|push)\b|\bko\s+(build|publish)\b|\bpack\s+build\b|\bgcloud\s+builds\s+submit\b|\bjib\b|\bbuildah\s+(bud|build|push)\b|\/kaniko\/executor|\bexecutor\s+--/;
const BUILD_ACTION_RE = /^(docker\/build-push-action|docker\/bake-action|redhat-actions\/buildah-build|redhat-actions\/push-to-registry|ko-build\/setup-ko)@/;
const DEPLOY_RE = /\bkubectl\s+(set\s+image|apply|rollout|patch)\b|\bhelm(file)?\s+(upgrade|install|apply|sync)\b|\bkustomize\s+edit\s+set\s+image\b|\baws\s+ecs\s+(update-service|register-task-definition|deploy)\b|\bgcloud\s+run\s+(deploy|services\s+update)\b|\bfly(ctl)?\s+deploy\b|\bargocd\s+app\s+(set|sync)\b|\baz\s+(containerapp|webapp)\s+\w+|\bdocker\s+(stack\s+deploy|compose\s+.*\bup)\b|\bkamal\s+deploy\b|\b(sam|serverless|sls|cdk)\s+deploy\b|\bterraform\s+apply\b|\bnomad\s+job\s+run\b|\bskaffold\s+(run|deploy)\b|\bcopilot\s+(svc|job)\s+deploy\b/;
const DEPLOY_ACTION_RE = /^(azure\/k8s-deploy|aws-actions\/amazon-ecs-deploy-task-definition|google-github-actions\/deploy-cloudrun|google-github-actions\/deploy-appengine|azure\/webapps-deploy|azure\/container-apps-deploy-action|superfly\/flyctl-actions|appleboy\/ssh-action|deliverybot\/helm|WyriHaximus\/github-action-helm3|bitovi\/github-actions-deploy-\w+)@/;
const SHA_RE = /\$\{\{\s*(github\.sha|github\.event\.workflow_run\.head_sha|github\.event\.pull_request\.head\.sha)\s*\}\}|\$\{?GITHUB_SHA\}?|\$\{?CI_COMMIT_(SHA|SHORT_SHA|TAG)\}?|\$\{?(CIRCLE_SHA1|BUILDKITE_COMMIT|BITBUCKET_COMMIT|SHORT_SHA|COMMIT_SHA|GIT_COMMIT|DRONE_COMMIT_SHA)\}?|type=sha|\$\(git rev-parse/;
const RELEASE_ACTION_RE = /^(googleapis\/release-please-action|google-github-actions\/release-please-action|changesets\/action|softprops\/action-gh-release|ncipollo\/release-action|cycjimmy\/semantic-release-action|release-drafter\/release-drafter|goreleaser\/goreleaser-action)@/;

type Hit = { score: number; path: string; line: number | undefined; note: string };

export default defineRule({
  meta: {
    id: "F05-PROMOTE-SAME-ARTIFACT",
    version: 1,
    factor: "F05",
    kind: "evidence",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker", "static"],
    reducedFor: ["library", "cli", "infra"],
    technique: ["PARSE", "XREF"],
    title: "Deploys consume the artifact produced by the build",
    rationale:
      "A release is a build combined with a deploy's config, identified by a unique release ID. When deploy jobs take the exact tag/digest the build produced (and promote it between environments), what reaches production is what was tested, and rolling back means redeploying a previous ID — not rebuilding.",
    remediation: "Make deploy jobs consume the exact image digest/tag produced by the build job (job outputs, the commit SHA tag, GitOps image automation) and promote that artifact between environments.",
    docs: {
      bad: [{ file: ".github/workflows/deploy.yml", code: "- run: docker build -t api:latest . && docker push api:latest\n- run: kubectl rollout restart deploy/api" }],
      good: [{ file: ".github/workflows/deploy.yml", code: "deploy:\n  needs: build\n  steps:\n    - run: kubectl set image deploy/api api=ghcr.io/acme/api@${{ needs.build.outputs.digest }}" }],
    },
    sources: [
      { title: "12factor.net — Build, release, run", url: "https://12factor.net/build-release-run" },
      { title: "GitHub Actions — job outputs", url: "https://docs.github.com/en/actions/using-jobs/defining-outputs-for-jobs" },
    ],
    deviations:
      "Hand-off = 1.0 when a deploy step references `needs.<build>.outputs.*`, or deploys the commit-SHA tag that a build step in the same pipeline pushes (GitHub/GitLab/Circle/Buildkite SHA variables), or Flux ImageUpdateAutomation/ImagePolicy / Argo CD Image Updater drive the rollout. GitOps objects without image automation (Argo Application, Flux Kustomization/HelmRelease) = 0.75: the deployment is declarative but the promotion path is not visible. Release IDs only (release-please, semantic-release, changesets, gh-release, tag-triggered workflows, or a PaaS — Heroku/Render/Fly — whose releases are numbered and immutable) = 0.5. `skaffold run` (build and deploy of the same digests in one step) counts as a hand-off. Neither = 0 as absence.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source", "dev"] });
    const scope = new Set(files.map((f) => f.path));
    const hits: Hit[] = [];
    let shaBuild: { path: string; line: number | undefined } | null = null;

    // GitHub Actions job graph.
    const deploys: { path: string; line: number | undefined; text: string; job: string }[] = [];
    for (const wf of ctx.snapshot.workflows()) {
      if (!scope.has(wf.path)) continue;
      const buildJobs = new Set<string>();
      for (const job of wf.jobs) {
        for (const st of job.steps) {
          const text = `${st.run ?? ""} ${JSON.stringify(st.with)}`;
          const isBuild = (st.uses && BUILD_ACTION_RE.test(st.uses)) || BUILD_RE.test(st.run ?? "");
          if (isBuild) {
            buildJobs.add(job.id);
            if (SHA_RE.test(text) || /steps\.\w+\.outputs\.(tags|version)/.test(text)) shaBuild ??= { path: wf.path, line: st.keyLine ?? st.line };
          }
          if ((st.uses && DEPLOY_ACTION_RE.test(st.uses)) || DEPLOY_RE.test(st.run ?? "")) deploys.push({ path: wf.path, line: st.keyLine ?? st.line, text, job: job.id });
          if (st.uses && RELEASE_ACTION_RE.test(st.uses)) hits.push({ score: 0.5, path: wf.path, line: st.keyLine ?? st.line, note: `release IDs via ${st.uses.split("@")[0]}` });
          if (/\b(semantic-release|changeset\s+publish|gh\s+release\s+create)\b/.test(st.run ?? "")) hits.push({ score: 0.5, path: wf.path, line: st.keyLine ?? st.line, note: "release IDs via release tooling" });
        }
      }
      for (const d of deploys.filter((x) => x.path === wf.path)) {
        const m = /needs\.([\w-]+)\.outputs\.([\w-]+)/.exec(d.text);
        if (m && (buildJobs.has(m[1]) || /digest|tag|image|version/i.test(m[2]))) hits.push({ score: 1, path: d.path, line: d.line, note: `deploy job ${d.job} uses needs.${m[1]}.outputs.${m[2]} from the build` });
      }
      const pushTags = (wf.on.push as { tags?: unknown } | null | undefined)?.tags;
      if (pushTags || wf.on.release !== undefined) hits.push({ score: 0.5, path: wf.path, line: wf.doc.line(["on"]), note: "releases are cut from git tags / GitHub releases" });
    }

    // Other CI: same SHA tag built and deployed.
    for (const s of shellSnippets(ctx.snapshot, files)) {
      if (/\.github\/workflows\//.test(s.path)) continue;
      if (BUILD_RE.test(s.text) && SHA_RE.test(s.text)) shaBuild ??= { path: s.path, line: s.line };
      if (DEPLOY_RE.test(s.text)) deploys.push({ path: s.path, line: s.line, text: s.text, job: s.job ?? "" });
    }
    // skaffold run / deploy --build-artifacts: deploys exactly the images it built (by digest).
    for (const s of shellSnippets(ctx.snapshot, files)) {
      if (/\bskaffold\s+run\b|\bskaffold\s+deploy\b[^\n]*(--build-artifacts|\s-a\s)/.test(s.text)) hits.push({ score: 1, path: s.path, line: s.line, note: "skaffold deploys the artifacts it built" });
    }
    // PaaS release ledgers (Heroku/Render/Fly keep numbered, immutable releases with rollback).
    const paas = files.find((f) => /(^|\/)(Procfile|app\.json|render\.yaml|fly\.toml)$/.test(f.path));
    if (paas) hits.push({ score: 0.5, path: paas.path, line: 1, note: "the platform keeps numbered immutable releases (rollback by release ID)" });
    if (shaBuild) {
      for (const d of deploys) if (SHA_RE.test(d.text)) hits.push({ score: 1, path: d.path, line: d.line, note: `deploy uses the commit-SHA tag the build pushed (${shaBuild.path}:${shaBuild.line ?? "-"})` });
    }

    // GitOps.
    for (const o of ctx.snapshot.k8sObjects()) {
      if (!scope.has(o.path)) continue;
      const ann = ((o.data.metadata as Record<string, unknown> | undefined)?.annotations ?? {}) as Record<string, unknown>;
      if (/^(ImageUpdateAutomation|ImagePolicy)$/.test(o.kind) || Object.keys(ann).some((k) => k.startsWith("argocd-image-updater.argoproj.io/"))) hits.push({ score: 1, path: o.path, line: o.line, note: `GitOps image automation (${o.kind})` });
      else if ((o.kind === "Application" || o.kind === "ApplicationSet") && /argoproj\.io/.test(o.apiVersion)) hits.push({ score: 0.75, path: o.path, line: o.line, note: `Argo CD ${o.kind} ${o.name ?? ""}` });
      else if ((o.kind === "Kustomization" || o.kind === "HelmRelease") && /fluxcd\.io/.test(o.apiVersion)) hits.push({ score: 0.75, path: o.path, line: o.line, note: `Flux ${o.kind} ${o.name ?? ""}` });
    }

    // Release tooling config files.
    for (const f of files) {
      const n = f.path.split("/").pop()!;
      if (/^(\.releaserc(\.\w+)?|release\.config\.[cm]?js|release-please-config\.json|\.release-please-manifest\.json|\.goreleaser\.ya?ml)$/.test(n) || f.path.startsWith(".changeset/config.json")) hits.push({ score: 0.5, path: f.path, line: 1, note: `release tooling (${n})` });
    }

    const best = Math.max(0, ...hits.map((h) => h.score));
    if (!hits.length) return ctx.score(0, { absence: true, reason: deploys.length ? "deploy steps found but none consumes the build's tag/digest" : "no artifact hand-off or release IDs found" });
    const top = hits.filter((h) => h.score === best);
    const seen = new Set<string>();
    for (const h of top) {
      const k = `${h.path}:${h.line}`;
      if (seen.has(k)) continue;
      seen.add(k);
      ctx.evidence({ path: h.path, line: h.line, note: h.note });
    }
    return ctx.score(best, { reason: top[0].note });
  },
});
