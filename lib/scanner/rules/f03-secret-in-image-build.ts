import { defineRule } from "./define-rule.ts";
import { isPlaceholderValue, isSecretKeyName } from "../detectors/secrets.ts";
import { isEnvPlaceholder } from "../detectors/config-derived.ts";
import type { DockerInstruction } from "../snapshot/index.ts";

const refRe = (name: string) => new RegExp(`\\$\\{?${name}\\b`);
const isSecretMount = (ins: DockerInstruction) => Object.entries(ins.flags).some(([k, v]) => k === "mount" && /type=secret/.test(v ?? ""));

export default defineRule({
  meta: {
    id: "F03-SECRET-IN-IMAGE-BUILD",
    version: 2,
    factor: "F03",
    alsoAffects: ["F05"],
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker", "cli", "static", "infra"],
    reducedFor: ["library"],
    technique: ["PARSE"],
    secret: true,
    title: "Secrets passed via Dockerfile ENV/ARG",
    rationale:
      "Values of ENV instructions are stored in the image configuration and build arguments are recorded in the image history: anyone who can pull the image can read them with `docker inspect` / `docker history`. A secret baked into the image also ties the build artifact to one environment, so it cannot be promoted unchanged.",
    remediation:
      "Use BuildKit secret mounts (`RUN --mount=type=secret,id=…`) for build-time secrets and inject runtime secrets through the environment at deploy time; rotate any value that was committed.",
    docs: {
      bad: [{ file: "Dockerfile", code: "ARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci" }],
      good: [{ file: "Dockerfile", code: "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci" }],
    },
    sources: [
      { title: "Docker build check SecretsUsedInArgOrEnv", url: "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/" },
      { title: "dockle CIS-DI-0010", url: "https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md" },
    ],
    deviations:
      "Severity follows where the value ends up: a literal secret value in ENV/ARG is high anywhere (it is committed in the Dockerfile); ENV set from a variable or an ARG without default is medium in the final stage but low in earlier build stages, whose config and history are discarded by a multi-stage build. Placeholder values (`changeme`, `${X}`) and empty ENV values are skipped. An ARG referenced only by RUN instructions that also use `--mount=type=secret` is skipped (the gitleaks allowlist for that line), and a global ARG without default (only usable in FROM) is skipped. CI `--build-arg`s carrying `secrets.*` into a secret-named build arg are reported at the CI line as medium. v2 (accuracy bench session 5a2: documenso `ARG NEXT_PRIVATE_ENCRYPTION_KEY=\"CAFEBABE\"` in a build stage was high): classic hex magic words (CAFEBABE, DEADBEEF, FEEDFACE …) are dummy values (shared SD-9 placeholder detector).",
  },
  check(ctx) {
    const dockerfiles = ctx.files({ languages: ["dockerfile"] });
    let seen = false;
    for (const f of dockerfiles) {
      const model = ctx.snapshot.dockerfile(f.path);
      if (!model) continue;
      seen = true;
      for (const stage of model.stages) {
        const ins = stage.instructions;
        ins.forEach((i, idx) => {
          if (i.keyword !== "ENV" && i.keyword !== "ARG") return;
          for (const p of i.properties) {
            if (!isSecretKeyName(p.name)) continue;
            const value = p.value ?? "";
            const literal = value !== "" && !isEnvPlaceholder(value) && !/\$/.test(value);
            if (literal) {
              if (isPlaceholderValue(value, p.name)) continue;
              ctx.report({
                path: f.path,
                line: i.line,
                message: i.keyword === "ENV" ? "Secret-named ENV with a literal value is baked into the image." : "Secret-named build argument has a literal default.",
                match: `${i.keyword} ${p.name}`,
                secret: value,
                severity: "high",
                data: { key: p.name, instruction: i.keyword, stage: stage.name ?? stage.index },
              });
              continue;
            }
            if (i.keyword === "ENV" && value === "") continue;
            if (i.keyword === "ARG") {
              // Consumed only with a secret mount → accepted pattern.
              const users = ins.slice(idx + 1).filter((x) => x.keyword === "RUN" && refRe(p.name).test(x.args));
              if (users.length && users.every(isSecretMount)) continue;
            }
            ctx.report({
              path: f.path,
              line: i.line,
              message: i.keyword === "ENV" ? "Secret-named ENV is persisted in the image configuration." : "Secret passed as a build argument is recorded in the image history.",
              match: `${i.keyword} ${p.name}`,
              severity: stage.isFinal ? "medium" : "low",
              data: { key: p.name, instruction: i.keyword, stage: stage.name ?? stage.index, finalStage: stage.isFinal },
            });
          }
        });
      }
    }
    // CI: secrets handed to `docker build` as build arguments.
    const inScope = new Set(ctx.files().map((f) => f.path));
    for (const wf of ctx.snapshot.workflows()) {
      if (!inScope.has(wf.path)) continue;
      for (const job of wf.jobs) {
        for (const step of job.steps) {
          const texts: string[] = [];
          if (step.run && /\bdocker\b.*\bbuild\b|\bbuildx\b/.test(step.run)) {
            for (const m of step.run.matchAll(/--build-arg[=\s]+["']?([A-Za-z_][A-Za-z0-9_]*)=((?:\$\{\{[^}]*\}\}|[^\s"'])*)/g)) if (/secrets\.|\$\{?[A-Z_]/.test(m[2])) texts.push(m[1]);
          }
          if (step.uses && /docker\/build-push-action/.test(step.uses) && typeof step.with["build-args"] === "string") {
            for (const l of (step.with["build-args"] as string).split(/\r?\n/)) {
              const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(l);
              if (m && /secrets\./.test(m[2])) texts.push(m[1]);
            }
          }
          for (const name of texts) {
            if (!isSecretKeyName(name)) continue;
            seen = true;
            ctx.report({
              path: wf.path,
              line: step.keyLine ?? step.line,
              message: "A secret is passed to docker build as a build argument (extractable via docker history).",
              match: `build-arg ${name}`,
              severity: "medium",
              data: { key: name },
            });
          }
        }
      }
    }
    if (!seen) return ctx.na("no Dockerfile");
  },
});
