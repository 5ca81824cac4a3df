import rule from "./f05-promote-same-artifact.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const app = { "package.json": pkg, "src/server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    {
      name: "deploy uses needs.build.outputs.digest",
      files: { ...app, ".github/workflows/cd.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    outputs:\n      digest: ${{ steps.push.outputs.digest }}\n    steps:\n      - id: push\n        uses: docker/build-push-action@v6\n        with:\n          push: true\n  deploy:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl set image deploy/api api=ghcr.io/acme/api@${{ needs.build.outputs.digest }}\n" },
    },
    {
      name: "GitLab: same CI_COMMIT_SHA tag built and deployed",
      files: { ...app, ".gitlab-ci.yml": "build:\n  script:\n    - docker build -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA .\n    - docker push $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA\ndeploy:\n  script:\n    - helm upgrade --install api chart --set image.tag=$CI_COMMIT_SHA\n" },
    },
    {
      name: "Flux image automation",
      files: { ...app, "clusters/prod/image-automation.yaml": "apiVersion: image.toolkit.fluxcd.io/v1beta2\nkind: ImageUpdateAutomation\nmetadata:\n  name: api\nspec:\n  interval: 5m\n" },
    },
  ],
  invalid: [
    {
      name: "latest pushed then a restart: no hand-off (absence)",
      files: { ...app, ".github/workflows/cd.yml": "on: push\njobs:\n  all:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t acme/api:latest . && docker push acme/api:latest\n      - run: kubectl rollout restart deploy/api\n" },
      status: "fail",
    },
    {
      name: "release IDs only (release-please): 0.5",
      files: { ...app, ".github/workflows/release.yml": "on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: googleapis/release-please-action@v4\n" },
      status: "partial",
    },
    { name: "Argo CD Application without image automation: 0.75", files: { ...app, "argocd/app.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: api\nspec:\n  project: default\n" }, status: "partial" },
  ],
});
