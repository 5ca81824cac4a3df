// Deploy detection in CI (used by the F01 codebase/deploy rules): which GitHub Actions jobs deploy,
// and environment-name normalisation (SD-2 tokens: production ≡ prod ≡ prd ≡ live …).
import type { WorkflowJob, WorkflowStep } from "../snapshot/index.ts";

const DEPLOY_RUN_RE =
  /\b(kubectl\s+(apply|set\s+image|rollout\s+restart|replace)|helm\s+(upgrade|install)|helmfile\s+(apply|sync)|fly(ctl)?\s+deploy|vercel\b[^\n]*(--prod|deploy)|netlify\s+deploy|heroku\s+(container:release|releases:|deploy)|git\s+push\s+\S*heroku|gcloud\s+(run\s+deploy|app\s+deploy|functions\s+deploy|run\s+services\s+update)|aws\s+(ecs\s+update-service|deploy\s+create-deployment|lambda\s+update-function-code|s3\s+sync|cloudformation\s+deploy|apprunner\s+start-deployment)|(serverless|sls)\s+deploy|cdk\s+deploy|terraform\s+apply|pulumi\s+up|firebase\s+deploy|eb\s+deploy|az\s+(webapp\s+(deploy|up)|containerapp\s+update|functionapp\s+deployment)|railway\s+up|wrangler\s+(deploy|publish|pages\s+deploy)|argocd\s+app\s+sync|kamal\s+deploy|cap\s+\w+\s+deploy|render\s+deploy|dokku|caprover\s+deploy)\b/i;
const DEPLOY_ACTION_RE =
  /^(aws-actions\/amazon-ecs-deploy-task-definition|google-github-actions\/deploy-(cloudrun|appengine|cloud-functions)|azure\/(webapps-deploy|k8s-deploy|functions-action|container-apps-deploy-action)|superfly\/flyctl-actions|amondnet\/vercel-action|akhileshns\/heroku-deploy|peaceiris\/actions-gh-pages|JamesIves\/github-pages-deploy-action|actions\/deploy-pages|cloudflare\/(wrangler-action|pages-action)|netlify\/actions|nwtgck\/actions-netlify|appleboy\/ssh-action|deliverybot\/helm|bitovi\/github-actions-deploy|serverless\/github-action|pulumi\/actions|hashicorp\/tfc-workflows|aws-actions\/aws-cloudformation-github-deploy|render-oss|johnbeynon\/render-deploy-action)(@|\/|$)/i;

export function isDeployStep(step: WorkflowStep): boolean {
  if (step.uses && DEPLOY_ACTION_RE.test(step.uses)) return true;
  return !!step.run && DEPLOY_RUN_RE.test(step.run);
}

/** A job deploys when it declares an environment or runs a deploy command/action. */
export function deployStep(job: WorkflowJob): WorkflowStep | null {
  return job.steps.find(isDeployStep) ?? null;
}
export function isDeployJob(job: WorkflowJob): boolean {
  return !!job.environment || !!deployStep(job);
}

/** Normalised environment name, or null when the token is not an environment name. */
export function normaliseEnvName(raw: string): string | null {
  const t = raw.toLowerCase().replace(/^refs\/heads\//, "").trim();
  if (/^(prod|production|prd|live)$/.test(t)) return "production";
  if (/^(staging|stage|stg)$/.test(t)) return "staging";
  if (/^(preprod|pre-prod|pre-production)$/.test(t)) return "preprod";
  if (/^(uat|qa|test|testing|sandbox|demo|preview|dev|development|integration|int)$/.test(t)) return t === "development" ? "dev" : t === "testing" ? "test" : t;
  return null;
}

/** Branch names that look like long-lived environment branches (main/master/develop are not). */
export function isEnvBranch(branch: string): boolean {
  const b = branch.toLowerCase().replace(/^refs\/heads\//, "");
  return /^(production|prod|prd|live|staging|stage|stg|qa|uat|preprod|pre-prod)$/.test(b) || /^(release|env|deploy)[-/](prod|production|staging|stage|qa|uat|live)$/.test(b);
}
