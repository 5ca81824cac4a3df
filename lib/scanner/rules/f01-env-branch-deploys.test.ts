import rule from "./f01-env-branch-deploys.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const base = { "package.json": pkg, "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    {
      name: "deploy from main with environments promoted by release",
      files: { ...base, ".github/workflows/deploy.yml": "on:\n  push:\n    branches: [main]\n  release:\n    types: [published]\njobs:\n  staging:\n    runs-on: ubuntu-latest\n    environment: staging\n    steps:\n      - run: flyctl deploy -c fly.staging.toml\n  production:\n    needs: staging\n    if: github.event_name == 'release'\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: flyctl deploy\n" },
    },
    {
      name: "CI on a staging branch without any deploy job",
      files: { ...base, ".github/workflows/ci.yml": "on:\n  push:\n    branches: [main, staging]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n" },
      status: ["na", "pass"],
    },
    {
      name: "develop branch deploying to a dev environment is not an env branch",
      files: { ...base, ".github/workflows/dev.yml": "on:\n  push:\n    branches: [develop]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: dev\n    steps:\n      - run: helm upgrade --install api ./chart\n" },
    },
  ],
  invalid: [
    {
      name: "push to production branch deploys",
      files: { ...base, ".github/workflows/deploy.yml": "on:\n  push:\n    branches:\n      - production\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: flyctl deploy --remote-only\n" },
      findings: [{ path: ".github/workflows/deploy.yml", line: 4, severity: "low" }],
    },
    {
      name: "deploy job gated on refs/heads/staging",
      files: { ...base, ".github/workflows/deploy.yml": "on: push\njobs:\n  deploy:\n    if: github.ref == 'refs/heads/staging'\n    runs-on: ubuntu-latest\n    environment: staging\n    steps:\n      - run: kubectl apply -f k8s/\n" },
      findings: [{ path: ".github/workflows/deploy.yml", line: 4 }],
    },
    {
      name: "GitLab deploy job only on production",
      files: { ...base, ".gitlab-ci.yml": "deploy_prod:\n  stage: deploy\n  environment: production\n  script:\n    - ./deploy.sh\n  only:\n    - production\n" },
      findings: [{ path: ".gitlab-ci.yml", line: 1 }],
    },
  ],
});
