import { defineRule } from "./define-rule.ts";
import { deployStep, isDeployJob, isEnvBranch } from "../detectors/deploy-jobs.ts";

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}
function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export default defineRule({
  meta: {
    id: "F01-ENV-BRANCH-DEPLOYS",
    version: 1,
    factor: "F01",
    alsoAffects: ["F05", "F10"],
    kind: "violation",
    severity: "low",
    confidence: "high",
    appliesTo: ["service", "worker", "static", "infra"],
    scope: "repo",
    technique: ["PARSE"],
    title: "Deploys driven by long-lived environment branches",
    rationale:
      "When pushing to a `production` or `staging` branch is what deploys, each environment runs whatever was merged into its branch: the branches drift, hotfixes land in one and not the other, and the code in production is not the code that was tested. Twelve-factor deploys are the same codebase at different commits, promoted by tag or artifact.",
    remediation: "Deploy the same commit/artifact to every environment and promote by tag, release or digest rather than merging into per-environment branches that can drift.",
    docs: {
      bad: [{ file: ".github/workflows/deploy.yml", code: "on:\n  push:\n    branches: [production]\njobs:\n  deploy:\n    steps:\n      - run: flyctl deploy" }],
      good: [{ file: ".github/workflows/deploy.yml", code: "on:\n  push:\n    branches: [main]\n  release:\n    types: [published]\njobs:\n  staging: { environment: staging }\n  production: { environment: production, needs: staging }" }],
    },
    sources: [
      { title: "12factor.net — Codebase", url: "https://12factor.net/codebase" },
      { title: "12factor.net — Dev/prod parity", url: "https://12factor.net/dev-prod-parity" },
    ],
    deviations:
      "Environment branches are production/prod/prd/live/staging/stage/stg/qa/uat/preprod (and release-prod style names); `main`, `master`, `develop` and `release/*` version branches are not. A workflow counts only when one of its jobs deploys (declares `environment:` or runs a known deploy command/action). Job-level `if: github.ref == 'refs/heads/<env>'` guards are flagged too. GitLab CI: deploy jobs (with `environment:`) restricted by `only:` or `rules: if: $CI_COMMIT_BRANCH == \"<env>\"` to an env branch.",
  },
  check(ctx) {
    const inScope = new Set(ctx.files().map((f) => f.path));
    let deployJobs = 0;
    for (const wf of ctx.snapshot.workflows()) {
      if (!inScope.has(wf.path)) continue;
      const jobs = wf.jobs.filter(isDeployJob);
      if (!jobs.length) continue;
      deployJobs += jobs.length;
      const step = jobs.map(deployStep).find(Boolean);
      const related = step ? [{ path: wf.path, line: step.keyLine ?? step.line, note: "deploy step" }] : jobs[0].line ? [{ path: wf.path, line: jobs[0].line, note: `deploy job ${jobs[0].id}` }] : undefined;
      const onKey = wf.doc.data && typeof wf.doc.data === "object" && "on" in (wf.doc.data as object) ? "on" : "true";
      for (const event of ["push", "workflow_run"]) {
        const branches = arr(obj(wf.on[event]).branches);
        branches.forEach((b, i) => {
          if (typeof b !== "string" || !isEnvBranch(b)) return;
          ctx.report({
            path: wf.path,
            line: wf.doc.line([onKey, event, "branches", i]) ?? wf.doc.line([onKey, event, "branches"]) ?? wf.doc.line([onKey]),
            message: "A push to an environment branch triggers a deploy.",
            match: `${event}:branches:${b}`,
            related,
            data: { branch: b },
          });
        });
      }
      for (const job of jobs) {
        const m = job.if ? /refs\/heads\/([\w./-]+)/.exec(job.if) ?? /github\.ref_name\s*==\s*'([\w./-]+)'/.exec(job.if) : null;
        if (m && isEnvBranch(m[1])) {
          ctx.report({ path: wf.path, line: wf.doc.line(["jobs", job.id, "if"]) ?? job.line, message: "A deploy job is gated on an environment branch.", match: `job:${job.id}:if:${m[1]}`, related, data: { branch: m[1], job: job.id } });
        }
      }
    }
    for (const f of ctx.files()) {
      if (!/(^|\/)\.gitlab-ci\.ya?ml$/.test(f.path)) continue;
      for (const doc of ctx.snapshot.yaml(f.path) ?? []) {
        for (const [name, raw] of Object.entries(obj(doc.data))) {
          const job = obj(raw);
          if (!job.environment && !job.script) continue;
          if (!job.environment) continue;
          deployJobs++;
          const only = arr(job.only ?? obj(job.only).refs);
          const fromOnly = only.find((b) => typeof b === "string" && isEnvBranch(b)) as string | undefined;
          const fromRules = arr(job.rules).map((r) => String(obj(r).if ?? "")).map((s) => /\$CI_COMMIT_(?:BRANCH|REF_NAME)\s*==\s*["']([\w./-]+)["']/.exec(s)?.[1]).find((b) => b && isEnvBranch(b));
          const branch = fromOnly ?? fromRules;
          if (branch) ctx.report({ path: f.path, line: doc.line([name]), message: "A deploy job is gated on an environment branch.", match: `gitlab:${name}:${branch}`, data: { branch, job: name } });
        }
      }
    }
    if (!deployJobs) return ctx.na("no deploy job in CI");
  },
});
