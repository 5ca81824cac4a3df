import { defineRule } from "./define-rule.ts";
import { isDeployJob, normaliseEnvName } from "../detectors/deploy-jobs.ts";

export default defineRule({
  meta: {
    id: "F01-MANY-DEPLOYS-ONE-CODEBASE",
    version: 1,
    factor: "F01",
    kind: "evidence",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker", "static"],
    reducedFor: ["infra"],
    technique: ["FILE", "PARSE"],
    title: "Same codebase deployed to several environments",
    rationale:
      "One codebase, many deploys: staging and production defined as configuration of the same build (Helm values per environment, kustomize overlays, CI environments, fly.<env>.toml) show that every environment runs the same code with different config — the core promise of the codebase factor.",
    remediation: "Define at least staging and production as configuration of the same build (overlays, values files or CI environments) so every deploy runs the same codebase.",
    docs: {
      bad: [{ file: "deploy/", code: "deploy/production/app.js   # a separate copy per environment" }],
      good: [{ file: "deploy/", code: "chart/values-staging.yaml\nchart/values-production.yaml\n.github/workflows/deploy.yml  # environment: staging → production" }],
    },
    sources: [{ title: "12factor.net — Codebase", url: "https://12factor.net/codebase" }],
    deviations:
      "Sources: Helm/values files named per environment (values-<env>.yaml), kustomize `overlays/<env>/`, Terraform/infra env directories (`envs|environments/<env>/`), `fly.<env>.toml`, `serverless --stage <env>` in CI, render.yaml `previews`/preview environments, GitHub Actions `environment:` on deploy jobs, and `.env.<env>` deploy templates are not counted (they are config files, not deploys). Names are normalised (production ≡ prod ≡ prd ≡ live; staging ≡ stage ≡ stg).",
  },
  check(ctx) {
    const envs = new Map<string, { path: string; line?: number; note: string }>();
    const add = (raw: string, path: string, note: string, line?: number) => {
      const n = normaliseEnvName(raw);
      if (n && !envs.has(n)) envs.set(n, { path, line, note });
    };
    const files = ctx.files({ roles: ["source", "dev", "example"] });
    for (const f of files) {
      const p = f.path;
      let m = /(?:^|\/)values[-_.]([\w]+)\.ya?ml$/.exec(p);
      if (m) add(m[1], p, "Helm values file");
      m = /(?:^|\/)overlays\/([\w-]+)\//.exec(p);
      if (m) add(m[1], p, "kustomize overlay");
      m = /(?:^|\/)(?:envs|environments|env|stages)\/([\w-]+)\/[^/]+\.(tf|tfvars|ya?ml|json|hcl)$/.exec(p);
      if (m && !/(^|\/)config\/environments\//.test(p)) add(m[1], p, "environment directory");
      m = /(?:^|\/)fly[._-]([\w]+)\.toml$/.exec(p);
      if (m) add(m[1], p, "fly.io app config");
      m = /(?:^|\/)([\w]+)\.tfvars$/.exec(p);
      if (m) add(m[1], p, "Terraform variables");
      if (/(^|\/)render\.ya?ml$/.test(p) && /^\s*previews(Enabled)?\s*:|^\s*previews:\s*\n\s*generation:/m.test(ctx.snapshot.text(p) ?? "")) add("preview", p, "render.yaml preview environments");
    }
    const inScope = new Set(files.map((f) => f.path));
    for (const wf of ctx.snapshot.workflows()) {
      if (!inScope.has(wf.path)) continue;
      for (const job of wf.jobs) {
        if (job.environment && isDeployJob(job)) add(job.environment.replace(/\$\{\{.*?\}\}/g, "").trim() || "x", wf.path, "CI deploy environment", job.line);
        for (const s of job.steps) {
          for (const mm of (s.run ?? "").matchAll(/--stage[=\s]+([\w-]+)/g)) add(mm[1], wf.path, "serverless stage", s.keyLine);
        }
      }
    }
    const list = [...envs.entries()];
    for (const [name, e] of list) ctx.evidence({ path: e.path, line: e.line, note: `${name}: ${e.note}` });
    if (list.length >= 2) return ctx.score(1, { reason: `${list.length} environments from one build: ${list.map((x) => x[0]).join(", ")}` });
    if (list.length === 1) return ctx.score(0.5, { reason: `one environment defined (${list[0][0]})` });
    return ctx.score(0, { absence: true, reason: "no per-environment deploy configuration found" });
  },
});
