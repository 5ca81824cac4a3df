import { defineRule, type RuleContext } from "./define-rule.ts";
import type { Workflow, WorkflowJob } from "../snapshot/index.ts";

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** Shell commands that release to a running environment. */
const DEPLOY_RUN_RE = new RegExp(
  [
    /\bkubectl\s+(apply|set\s+image|rollout\s+restart|replace)\b/,
    /\bhelm\s+(upgrade|install)\b/,
    /\b(flyctl|fly)\s+deploy\b/,
    /\bheroku\s+(container:release|releases:promote|builds:create)\b/,
    /\bgit\s+push\b[^\n]*\bheroku\b/,
    /\baws\s+ecs\s+(update-service|deploy)\b|\becs-deploy\b|\baws\s+lambda\s+update-function-code\b|\bsam\s+deploy\b|\bcdk\s+deploy\b|\baws\s+deploy\s+create-deployment\b|\beb\s+deploy\b/,
    /\b(serverless|sls)\s+deploy\b/,
    /\bgcloud\s+(run\s+deploy|app\s+deploy|functions\s+deploy|run\s+services\s+update)\b/,
    /\baz\s+(webapp|containerapp|functionapp)\b[^\n]*\b(deploy|up|update)\b/,
    /\bvercel\b[^\n]*--prod\b|\bnetlify\s+deploy\b[^\n]*--prod\b/,
    /\brailway\s+up\b|\bkamal\s+deploy\b|\bcap\s+\w+\s+deploy\b|\bfirebase\s+deploy\b|\bwrangler\s+(deploy|publish)\b|\bdokku\b/,
    /\bapi\.render\.com\/deploy\b|\bdeploy[-_]?hook\b/,
    /\bterraform\s+apply\b|\bpulumi\s+up\b/,
    /\bdocker\s+stack\s+deploy\b|\bargocd\s+app\s+sync\b|\bskaffold\s+(run|deploy)\b/,
    /\bkustomize\s+edit\s+set\s+image\b/,
  ].map((r) => r.source).join("|"),
);
const DEPLOY_ACTION_RE =
  /^(akhileshns\/heroku-deploy|superfly\/flyctl-actions|aws-actions\/amazon-ecs-deploy-task-definition|aws-actions\/aws-cloudformation-github-deploy|google-github-actions\/deploy-(cloudrun|appengine|cloud-functions)|azure\/(webapps-deploy|k8s-deploy|container-apps-deploy-action|functions-action|aks-set-context)|amondnet\/vercel-action|nwtgck\/actions-netlify|netlify\/actions\/cli|cloudflare\/(wrangler-action|pages-action)|FirebaseExtended\/action-hosting-deploy|JamesIves\/github-pages-deploy-action|actions\/deploy-pages|peaceiris\/actions-gh-pages|serverless\/github-action|pulumi\/actions|dokku\/github-action|appleboy\/ssh-action|easingthemes\/ssh-deploy|burnett01\/rsync-deployments|digitalocean\/app_action|bervProject\/railway-deploy|deliverybot\/helm|wahyd4\/kubectl-helm-action|Azure\/k8s-deploy)@/i;

/** Jobs that deploy to a throw-away cluster to test manifests, not to an environment. */
const TEST_JOB_RE = /(^|[-_ ])(tests?|smoke|e2e|integration|verify|validate|check|lint|preview|pr|ci)([-_ ]|$)/i;
const EPHEMERAL_CLUSTER_RE = /\b(kind\s+create\s+cluster|minikube\s+start|k3d\s+cluster\s+create|ctlptl\s+create)\b|--dry-run\b/;

function jobDeploys(job: WorkflowJob, reusable: Map<string, boolean>): { line: number | undefined; what: string } | null {
  if (!job.environment && TEST_JOB_RE.test(job.id)) return null;
  if (job.steps.some((s) => s.run && EPHEMERAL_CLUSTER_RE.test(s.run))) return null;
  if (job.uses) {
    const target = job.uses.replace(/^\.\//, "").replace(/@.*$/, "");
    if (reusable.get(target)) return { line: job.line, what: `calls ${target}` };
  }
  for (const s of job.steps) {
    if (s.uses && DEPLOY_ACTION_RE.test(s.uses)) return { line: s.keyLine ?? s.line, what: s.uses.replace(/@.*$/, "") };
    const m = s.run ? DEPLOY_RUN_RE.exec(s.run) : null;
    if (m) return { line: s.keyLine ?? s.line, what: m[0].trim() };
  }
  return null;
}

/** "auto" (push/tag/release/workflow_run), "scheduled", "manual" (workflow_dispatch only) or null (PR-only…). */
function triggerKind(wf: Workflow): "auto" | "scheduled" | "manual" | null {
  const on = wf.on;
  if ("push" in on) {
    const push = obj(on.push);
    const branches = arr(push.branches).map(String);
    const tags = arr(push.tags);
    // a push filter that lists only feature-style branches is not a merge trigger
    if (!branches.length || tags.length || branches.some((b) => /^(main|master|trunk|develop|dev|staging|production|prod|release.*|\*\*?|v\d.*)$/.test(b))) return "auto";
  }
  if ("release" in on || "workflow_run" in on || "deployment" in on || "repository_dispatch" in on) return "auto";
  if ("schedule" in on) return "scheduled";
  if ("workflow_dispatch" in on) return "manual";
  return null;
}

interface Hit { score: number; path: string; line: number | undefined; note: string }

function githubHits(ctx: RuleContext, inScope: Set<string>): Hit[] {
  const hits: Hit[] = [];
  const wfs = ctx.snapshot.workflows();
  const reusable = new Map<string, boolean>();
  for (const wf of wfs) if ("workflow_call" in wf.on) reusable.set(wf.path, wf.jobs.some((j) => jobDeploys(j, new Map()) !== null));
  for (const wf of wfs) {
    if (!inScope.has(wf.path)) continue;
    const kind = triggerKind(wf);
    if (!kind) continue;
    // workflow_run chained after a pull-request workflow = preview deploys, not continuous deployment
    const upstream = arr(obj(wf.on.workflow_run).workflows).map(String).join(" ");
    const prChained = !("push" in wf.on) && !("release" in wf.on) && /pull.?request|\bPR\b/i.test(upstream);
    for (const job of wf.jobs) {
      if (prChained || (job.if && /pull_request/.test(job.if) && !/push/.test(job.if))) continue;
      const d = jobDeploys(job, reusable);
      if (!d) continue;
      const manualGate = job.if && /workflow_dispatch/.test(job.if) && kind !== "manual";
      const score = manualGate ? 0.5 : kind === "auto" ? 1 : kind === "scheduled" ? 0.75 : 0.5;
      hits.push({ score, path: wf.path, line: d.line, note: `${kind === "manual" || manualGate ? "manual" : kind} deploy in job ${job.id}: ${d.what}` });
    }
  }
  return hits;
}

function gitlabHits(ctx: RuleContext, path: string): Hit[] {
  const doc = ctx.snapshot.yaml(path)?.[0];
  const root = obj(doc?.data);
  const hits: Hit[] = [];
  for (const [id, raw] of Object.entries(root)) {
    const job = obj(raw);
    if (!("script" in job) || id.startsWith(".")) continue;
    const script = arr(job.script).map(String).join("\n");
    const m = DEPLOY_RUN_RE.exec(script);
    if (!m && !(job.stage === "deploy" && job.environment)) continue;
    const rules = arr(job.rules).map(obj);
    const manual = job.when === "manual" || (rules.length > 0 && rules.every((r) => r.when === "manual"));
    hits.push({ score: manual ? 0.5 : 1, path, line: doc?.line([id]), note: `${manual ? "manual" : "automatic"} GitLab deploy job ${id}${m ? `: ${m[0].trim()}` : ""}` });
  }
  return hits;
}

export default defineRule({
  meta: {
    id: "F10-CONTINUOUS-DEPLOYMENT",
    version: 1,
    factor: "F10",
    kind: "evidence",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker", "static"],
    reducedFor: ["infra"],
    technique: ["PARSE"],
    title: "Merges deploy automatically (small time gap)",
    rationale:
      "The time gap is the first dev/prod gap twelve-factor names: code that waits weeks between merge and deploy accumulates risk and drifts from what developers last saw running. A pipeline that deploys on merge (to staging at least) keeps the gap at hours.",
    remediation: "Deploy automatically on merge to the main branch (to staging at least) so code reaches production in hours, not weeks.",
    docs: {
      bad: [{ file: ".github/workflows/deploy.yml", code: "on: workflow_dispatch\njobs:\n  deploy:\n    steps:\n      - run: flyctl deploy" }],
      good: [{ file: ".github/workflows/deploy.yml", code: "on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    steps:\n      - run: flyctl deploy --remote-only" }],
    },
    sources: [
      { title: "12factor.net — Dev/prod parity", url: "https://12factor.net/dev-prod-parity" },
      { title: "GitHub Actions — deploying", url: "https://docs.github.com/en/actions/use-cases-and-examples/deploying/deploying-with-github-actions" },
    ],
    deviations:
      "Beyond RULES.md: deploy jobs reached through reusable workflows (`uses: ./.github/workflows/deploy.yml`) count for their caller's triggers; a push trigger limited to feature branches, PR-only workflows and workflow_run chains after a pull-request workflow (preview deploys) and deploy jobs gated on `workflow_dispatch` are not automatic; jobs that deploy to a throw-away cluster to test manifests (job id like deployment-tests/smoke/e2e without an `environment:`, or kind/minikube/k3d clusters, `--dry-run`) are not deploys; scheduled deploys score 0.75; GitLab CI jobs (`when: manual` → 0.5) and Argo CD Applications (automated sync → 1.0, otherwise 0.5) / Flux ImageUpdateAutomation are read; render.yaml scores 1.0 unless `autoDeploy: false`. netlify.toml/vercel.json alone score 0.75 (their Git integration deploys on push by default, but the repo cannot prove it is connected).",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source", "dev"] });
    const inScope = new Set(files.map((f) => f.path));
    const hits: Hit[] = [...githubHits(ctx, inScope)];
    for (const f of files) {
      const name = f.path.split("/").pop()!;
      if (name === ".gitlab-ci.yml") hits.push(...gitlabHits(ctx, f.path));
      else if (name === "render.yaml") {
        const doc = ctx.snapshot.yaml(f.path)?.[0];
        const services = arr(obj(doc?.data).services).map(obj);
        if (services.length) {
          const off = services.findIndex((s) => s.autoDeploy === false || s.autoDeploy === "false");
          hits.push(off === -1 ? { score: 1, path: f.path, line: doc?.line(["services"]), note: "Render auto-deploys on push (autoDeploy default)" } : { score: 0.5, path: f.path, line: doc?.line(["services", off, "autoDeploy"]), note: "render.yaml sets autoDeploy: false" });
        }
      } else if (name === "netlify.toml" || name === "vercel.json") {
        hits.push({ score: 0.75, path: f.path, line: 1, note: `${name}: platform Git integration deploys on push by default` });
      }
    }
    for (const o of ctx.snapshot.k8sObjects()) {
      if (!inScope.has(o.path)) continue;
      if (o.kind === "Application" && o.apiVersion.startsWith("argoproj.io")) {
        const automated = obj(obj(o.data.spec).syncPolicy).automated !== undefined;
        hits.push({ score: automated ? 1 : 0.5, path: o.path, line: o.line, note: `Argo CD Application ${o.name ?? ""} ${automated ? "with automated sync" : "(manual sync)"}` });
      } else if (o.kind === "ImageUpdateAutomation" && o.apiVersion.includes("fluxcd.io")) {
        hits.push({ score: 1, path: o.path, line: o.line, note: "Flux ImageUpdateAutomation" });
      }
    }
    if (!hits.length) return ctx.score(0, { absence: true, reason: "no deploy step in CI/GitOps config (deployment may live in another repository)" });
    const best = Math.max(...hits.map((h) => h.score));
    for (const h of hits.filter((x) => x.score === best)) ctx.evidence({ path: h.path, line: h.line, note: h.note });
    return ctx.score(best, { reason: hits.filter((x) => x.score === best).map((h) => h.note).join("; ") });
  },
});
