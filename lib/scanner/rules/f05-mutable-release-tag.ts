import { defineRule } from "./define-rule.ts";
import { isMutableTag, parseImageRef } from "../detectors/image-ref.ts";
import { HELM_PLACEHOLDER } from "../snapshot/index.ts";
import type { Severity } from "../types.ts";

const BACKING_IMAGE_RE = /(^|\/)(postgres|postgis|mysql|mariadb|mongo|redis|valkey|rabbitmq|kafka|zookeeper|elasticsearch|opensearch|minio|clickhouse|cassandra|etcd|nats|memcached|localstack|mailhog|mailpit|adminer|pgadmin4?)$/;
const IMMUTABLE_REF_RE = /github\.sha|GITHUB_SHA|CI_COMMIT_SHA|CI_COMMIT_SHORT_SHA|COMMIT_SHA|SHORT_SHA|GIT_COMMIT|BUILD_NUMBER|github\.run_number|type=sha|type=semver|steps\.meta\.outputs|github\.ref_name|\$\{?VERSION|\$\{?TAG|\$\{?IMAGE_TAG|\$\{?RELEASE/;

export default defineRule({
  meta: {
    id: "F05-MUTABLE-RELEASE-TAG",
    version: 1,
    factor: "F05",
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker", "static", "infra"],
    reducedFor: ["cli"],
    technique: ["PARSE"],
    upstream: ["kube-score:container-image-tag", "polaris:tagNotSpecified"],
    title: "Deploying mutable tags (`latest`, branch names, no tag)",
    rationale:
      "Every release needs a unique, immutable ID so the ledger of releases is append-only and rollbacks are possible. Deploying `:latest` or a branch tag means two deploys of 'the same' manifest can run different code, and the previous release cannot be restored.",
    remediation: "Tag every build with a unique, immutable release ID (git SHA or semver) and deploy that tag or digest so each release is an append-only record you can roll back to.",
    docs: {
      bad: [{ file: "k8s/deployment.yaml", code: "image: ghcr.io/acme/api:latest" }],
      good: [{ file: "k8s/deployment.yaml", code: "image: ghcr.io/acme/api:3f1a2b4  # set by CI from the git SHA" }],
    },
    sources: [
      { title: "kube-score container-image-tag", url: "https://github.com/zegl/kube-score/blob/master/README_CHECKS.md" },
      { title: "Polaris tagNotSpecified", url: "https://polaris.docs.fairwinds.com/checks/reliability/" },
      { title: "12factor.net — Build, release, run", url: "https://12factor.net/build-release-run" },
    ],
    deviations:
      "Backing-service images (postgres, redis …) in compose files are not this app's releases and are skipped; Helm image references are resolved from the chart's values files (an empty tag falls back to Chart appVersion). Images built and substituted by skaffold (build.artifacts) or Tilt (docker_build) are skipped — those tools deploy an immutable digest/tag. CI publishing is flagged (medium) only when every pushed tag is mutable (no git SHA, semver, run number or metadata-action tags).",
  },
  check(ctx) {
    const inScope = new Set(ctx.files({ roles: ["source", "dev"] }).map((f) => f.path));
    let judged = false;
    const sevFor = (path: string, dev: boolean): Severity => {
      const f = ctx.snapshot.file(path);
      if (dev || f?.role === "dev" || f?.env === "dev") return "low";
      return f?.env === "prod" ? "high" : "medium";
    };
    const flag = (path: string, line: number | undefined, image: string, where: string, dev = false) => {
      ctx.report({ path, line, message: "Workload image is referenced by a mutable tag.", match: `${where}:${image}`, severity: sevFor(path, dev), data: { image, where } });
    };
    // images that skaffold / Tilt build and substitute with an immutable tag at deploy time
    const substituted = new Set<string>();
    for (const f of ctx.snapshot.files) {
      if (/(^|\/)skaffold\.ya?ml$/.test(f.path)) {
        for (const doc of ctx.snapshot.yaml(f.path) ?? []) {
          const arts = ((doc.data as { build?: { artifacts?: { image?: string }[] } } | null)?.build?.artifacts ?? []);
          for (const a of arts) if (a.image) substituted.add(a.image);
        }
      } else if (/(^|\/)Tiltfile$/.test(f.path)) {
        for (const m of (ctx.snapshot.text(f.path) ?? "").matchAll(/docker_build\(\s*['"]([^'"]+)['"]/g)) substituted.add(m[1]);
      }
    }
    for (const o of ctx.snapshot.k8sObjects()) {
      if (!inScope.has(o.path) || !o.containers.length) continue;
      judged = true;
      for (const c of o.containers) {
        if (!c.image || c.image.includes(HELM_PLACEHOLDER)) continue;
        if (substituted.has(c.image.split("@")[0].replace(/:[^/:]+$/, "")) || substituted.has(c.image)) continue;
        const ref = parseImageRef(c.image);
        if (ref && !ref.unresolved && isMutableTag(ref)) flag(o.path, o.doc.line([...c.path, "image"]) ?? c.line, c.image, `${o.kind}/${o.name ?? "?"}`);
      }
    }
    for (const chart of ctx.snapshot.helmCharts()) {
      for (const vf of chart.valuesFiles) {
        if (!inScope.has(vf)) continue;
        const doc = ctx.snapshot.yaml(vf)?.[0];
        const image = (doc?.data as { image?: { repository?: string; tag?: unknown } } | undefined)?.image;
        if (!image?.repository) continue;
        judged = true;
        const tag = image.tag === undefined || image.tag === null || image.tag === "" ? String(chart.chart.appVersion ?? "") : String(image.tag);
        if (!tag || /^(latest|main|master|develop|dev|staging|prod|production|stable)$/i.test(tag)) {
          flag(vf, doc?.line(["image", "tag"]) ?? doc?.line(["image"]), `${image.repository}:${tag || "(none)"}`, `helm ${chart.dir}`);
        }
      }
    }
    for (const cf of ctx.snapshot.composeFiles()) {
      if (!inScope.has(cf.path) || cf.dev) continue;
      judged = true;
      for (const s of cf.services) {
        if (!s.image) continue;
        const ref = parseImageRef(s.image);
        if (!ref || ref.unresolved || BACKING_IMAGE_RE.test(ref.repository)) continue;
        if (isMutableTag(ref)) flag(cf.path, cf.doc.line(["services", s.name, "image"]), s.image, `service ${s.name}`);
      }
    }
    for (const f of ctx.files({ name: /^fly\.toml$/ })) {
      const img = (ctx.snapshot.toml(f.path)?.build as { image?: string } | undefined)?.image;
      if (!img) continue;
      judged = true;
      const ref = parseImageRef(img);
      if (ref && !ref.unresolved && isMutableTag(ref)) flag(f.path, ctx.snapshot.findLine(f.path, /^\s*image\s*=/), img, "fly [build]");
    }
    // CI publishing only mutable tags
    for (const wf of ctx.snapshot.workflows()) {
      for (const job of wf.jobs) for (const s of job.steps) {
        const tags = s.uses?.startsWith("docker/build-push-action") && s.with.push !== false && s.with.push !== "false" ? String(s.with.tags ?? "") : null;
        const pushes = s.run ? [...s.run.matchAll(/docker\s+(?:image\s+)?push\s+(\S+)/g)].map((m) => m[1]) : [];
        const candidates = tags !== null ? tags.split(/[\n,]/).map((t) => t.trim()).filter(Boolean) : pushes;
        if (!candidates.length) continue;
        judged = true;
        const immutable = candidates.some((t) => IMMUTABLE_REF_RE.test(t) || (!/\$/.test(t) && /:(v?\d+\.\d+(\.\d+)?|[0-9a-f]{7,40})$/.test(t)));
        if (!immutable && candidates.every((t) => /:(latest|main|master|develop|staging|prod|production)$|^[^:]+$/.test(t.replace(/\$\{\{[^}]*\}\}/g, "X")) || /\$\{\{\s*github\.ref\s*\}\}/.test(t))) {
          ctx.report({ path: wf.path, line: s.keyLine ?? s.line, message: "CI publishes images only under mutable tags (no commit SHA or version).", match: `${job.id}:${candidates.join(",")}`, severity: "medium", data: { tags: candidates.join(", ") } });
        }
      }
    }
    if (!judged) return ctx.na("no deploy manifests or image publishing found");
  },
});
