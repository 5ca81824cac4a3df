import { defineRule } from "./define-rule.ts";
import type { K8sObject } from "../snapshot/index.ts";
import { k8sObjectForUnit } from "../detectors/unit-scope.ts";

const APP_CMD_RE = /\bmanage\.py\b|\b(rails|rake)\s+\S|\bartisan\b|\bbundle\s+exec\b|\b(node|bun|deno)\s+(\.\/)?(dist|build|src|lib|server|app|scripts?)\/|\b(npm|yarn|pnpm)\s+(run\s+)?\S|\bnpx\s+\S|\bpython[0-9.]*\s+(-m\s+)?[\w./-]+|\bflask\s+\w|\bcelery\b|\bjava\s+-jar\b|\bdotnet\s+\S+\.dll\b|\bmigrate\b|^\.\/(app|cmd)\/\w|\bmix\s+\w|\bphp\s+\S|\bdjango-admin\b|\balembic\b|\bprisma\b/;

function splitImage(raw: string): { repo: string; tag: string } {
  const s = raw.trim().replace(/^["']|["']$/g, "").replace(/@sha256:[0-9a-f]+$/i, "");
  const i = s.lastIndexOf(":");
  if (i === -1 || s.slice(i + 1).includes("/")) return { repo: s, tag: "latest" };
  return { repo: s.slice(0, i), tag: s.slice(i + 1) };
}
const dirOf = (p: string) => p.split("/").slice(0, -1).join("/");
/** Root of the chart / kustomize base / manifest directory an object belongs to. */
function groupOf(path: string): string {
  const m = /^(.*?)\/?templates\//.exec(path);
  if (m) return m[1];
  return dirOf(path).replace(/\/(base|overlays\/[^/]+|environments\/[^/]+)$/, "");
}

export default defineRule({
  meta: {
    id: "F12-ONE-OFF-SAME-RELEASE",
    version: 1,
    factor: "F12",
    kind: "violation",
    severity: "low",
    confidence: "high",
    appliesTo: ["service", "worker", "infra"],
    technique: ["PARSE", "XREF"],
    title: "Jobs and CronJobs run a different release than the app",
    rationale:
      "One-off admin processes \"run against a release, using the same codebase and config as any process run against that release\". A migration Job or CronJob pinned to another image or an independently edited tag runs code that does not match the deployed app — a migration from last month's image, or a report job that predates the schema.",
    remediation: "Template one-off Jobs/CronJobs and initContainers with the same image and tag value as the Deployment (one `image.tag` value, one kustomize `images:` entry) so admin tasks run against the current release.",
    docs: {
      bad: [{ file: "k8s/migrate-job.yaml", code: "image: ghcr.io/acme/api:latest   # Deployment runs ghcr.io/acme/api:1.8.2" }],
      good: [{ file: "chart/templates/migrate-job.yaml", code: 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"' }],
    },
    sources: [{ title: "12factor.net — Admin processes", url: "https://12factor.net/admin-processes" }],
    deviations:
      "Jobs/CronJobs/initContainers are compared with the Deployments/StatefulSets of the same chart or manifest directory (base/overlays grouped). Only containers running an app command (manage.py, rails/rake, artisan, node dist/…, python -m …, npm run …, java -jar, migrate…) count: tools images running pg_dump/aws-cli are skipped. A kustomization.yaml with an `images:` entry for the repository unifies tags and suppresses tag findings. Tag expressions are compared as written (Helm `{{ .Values.image.tag }}` vs a literal is a finding).",
  },
  check(ctx) {
    const scope = new Set(ctx.files({ roles: ["source"] }).map((f) => f.path));
    const objs = ctx.snapshot.k8sObjects().filter((o) => scope.has(o.path) && o.podSpec);
    const apps = objs.filter((o) => /^(Deployment|StatefulSet|DaemonSet|Rollout|DeploymentConfig)$/.test(o.kind));
    const kustomizeImages = new Set<string>();
    for (const f of ctx.files({ roles: ["source"], name: /^kustomization\.ya?ml$/ })) {
      for (const d of ctx.snapshot.yaml(f.path) ?? []) {
        const imgs = (d.data as { images?: { name?: string }[] } | null)?.images;
        for (const i of Array.isArray(imgs) ? imgs : []) if (i?.name) kustomizeImages.add(i.name);
      }
    }
    let judged = 0;
    const check = (o: K8sObject, c: K8sObject["containers"][number], label: string) => {
      const cmd = [...(c.command ?? []), ...(c.args ?? [])].join(" ");
      if (!c.image) return;
      const { repo, tag } = splitImage(c.image);
      const siblings = apps.filter((a) => groupOf(a.path) === groupOf(o.path));
      const appImages = siblings.flatMap((a) => a.containers.filter((x) => !x.init && x.image).map((x) => ({ obj: a, c: x, ...splitImage(x.image!) })));
      if (!appImages.length) return;
      const sameRepo = appImages.filter((a) => a.repo === repo);
      const runsApp = APP_CMD_RE.test(cmd) || (!cmd && sameRepo.length > 0);
      if (!runsApp) return;
      judged++;
      if (!sameRepo.length) {
        // A different repository running an app command: probably a separately built tools/migration image.
        ctx.report({
          path: o.path, line: c.line, message: `${label} runs an app command from an image other than the app's release image.`,
          match: `${o.kind}/${o.name ?? "?"} ${c.name} ${repo}`, data: { image: c.image, appImage: appImages[0].c.image ?? null },
          related: [{ path: appImages[0].obj.path, line: appImages[0].c.line, note: `app image ${appImages[0].c.image}` }],
        });
        return;
      }
      if (kustomizeImages.has(repo) || kustomizeImages.has(repo.split("/").pop()!)) return;
      if (!sameRepo.some((a) => a.tag === tag)) {
        ctx.report({
          path: o.path, line: c.line, message: `${label} pins a different tag of the app image than the Deployment.`,
          match: `${o.kind}/${o.name ?? "?"} ${c.name} ${repo}:${tag}`, data: { tag, appTag: sameRepo[0].tag },
          related: [{ path: sameRepo[0].obj.path, line: sameRepo[0].c.line, note: `Deployment uses ${sameRepo[0].c.image}` }],
        });
      }
    };
    for (const o of objs) {
      if (!k8sObjectForUnit(ctx.snapshot, ctx.unit, o)) continue;
      if (o.kind === "Job" || o.kind === "CronJob") for (const c of o.containers) check(o, c, o.kind);
      else if (apps.includes(o)) for (const c of o.containers.filter((x) => x.init)) check(o, c, "initContainer");
    }
    if (!judged) return ctx.na("no Job, CronJob or initContainer runs an app command next to an app workload");
  },
});
