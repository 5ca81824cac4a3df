import rule from "./f10-continuous-deployment.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const base = { "package.json": pkg, "server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n", Dockerfile: "FROM node:22\nCMD [\"node\",\"server.js\"]\n" };
const wf = (on: string, steps: string) => `name: deploy\non:\n${on}jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}`;

ruleTester(rule, {
  valid: [
    {
      name: "flyctl deploy on push to main",
      files: { ...base, ".github/workflows/deploy.yml": wf("  push:\n    branches: [main]\n", "      - uses: superfly/flyctl-actions/setup-flyctl@master\n      - run: flyctl deploy --remote-only\n") },
      status: "pass",
    },
    {
      name: "reusable deploy workflow called on release",
      files: {
        ...base,
        ".github/workflows/release.yml": "name: release\non:\n  release:\n    types: [published]\njobs:\n  ship:\n    uses: ./.github/workflows/deploy-k8s.yml\n",
        ".github/workflows/deploy-k8s.yml": "name: deploy-k8s\non: workflow_call\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    steps:\n      - run: helm upgrade --install api ./chart --set image.tag=${{ github.sha }}\n",
      },
      status: "pass",
    },
    { name: "Render auto-deploy default", files: { ...base, "render.yaml": "services:\n  - type: web\n    name: api\n    runtime: docker\n" }, status: "pass" },
    {
      name: "Argo CD Application with automated sync",
      files: { ...base, "deploy/argocd/app.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: api\nspec:\n  source:\n    repoURL: https://example.com/api.git\n    path: k8s\n  syncPolicy:\n    automated:\n      prune: true\n" },
      status: "pass",
    },
  ],
  invalid: [
    {
      name: "manual workflow_dispatch deploy only",
      files: { ...base, ".github/workflows/deploy.yml": wf("  workflow_dispatch:\n", "      - run: kubectl set image deployment/api api=registry.example.com/api:${{ github.sha }}\n") },
      status: "partial",
    },
    {
      name: "CI without any deploy",
      files: { ...base, ".github/workflows/ci.yml": wf("  push:\n    branches: [main]\n", "      - run: npm ci && npm test\n") },
      status: "fail",
    },
    {
      name: "PR-only preview deploys are not continuous deployment",
      files: { ...base, ".github/workflows/preview.yml": wf("  pull_request:\n", "      - run: npx vercel deploy --prod --token ${{ secrets.VERCEL_TOKEN }}\n") },
      status: "fail",
    },
    {
      name: "deployment tests against a kind cluster are not a deploy",
      files: { ...base, ".github/workflows/ci.yml": "name: ci\non:\n  push:\n    branches: [main]\njobs:\n  deployment-tests:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kind create cluster\n      - run: kubectl apply -f k8s/\n" },
      status: "fail",
    },
    {
      name: "GitLab deploy job with when: manual",
      files: { ...base, ".gitlab-ci.yml": "stages: [test, deploy]\ntest:\n  stage: test\n  script: [npm test]\ndeploy:\n  stage: deploy\n  script:\n    - helm upgrade --install api ./chart\n  when: manual\n" },
      status: "partial",
    },
  ],
});
