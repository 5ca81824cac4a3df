import rule from "./f05-rebuild-per-environment.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, scripts: { build: "tsc" }, dependencies: { express: "^4.19.0" } });
const app = { "package.json": pkg, "src/server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    { name: "one build tagged with the SHA", files: { ...app, ".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t api:${{ github.sha }} .\n" } },
    { name: "NODE_ENV=production build arg is the same for every environment", files: { ...app, ".gitlab-ci.yml": "build:\n  script:\n    - docker build --build-arg NODE_ENV=production -t api:$CI_COMMIT_SHA .\n" } },
    { name: "multi-arch matrix", files: { ...app, ".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    strategy:\n      matrix:\n        platform: [linux/amd64, linux/arm64]\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker buildx build --platform ${{ matrix.platform }} -t api:${{ github.sha }} .\n" } },
    { name: "Dockerfile.dev for local development only", files: { ...app, Dockerfile: "FROM node:22\nCMD [\"node\",\"src/server.js\"]\n", "Dockerfile.dev": "FROM node:22\nCMD [\"npm\",\"run\",\"dev\"]\n" } },
    { name: "deploy jobs per environment reuse one build", files: { ...app, ".github/workflows/cd.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t api:${{ github.sha }} .\n  staging:\n    needs: build\n    environment: staging\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl set image deploy/api api=api:${{ github.sha }}\n  production:\n    needs: staging\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl set image deploy/api api=api:${{ github.sha }}\n" } },
    { name: "nothing built: na", files: { "README.md": "# x\n", "x.py": "print(1)\n" }, options: { kind: "service" }, status: "na" },
  ],
  invalid: [
    { name: "build-arg from a matrix env", files: { ...app, ".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    strategy:\n      matrix:\n        env: [staging, production]\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build --build-arg APP_ENV=${{ matrix.env }} -t api:${{ matrix.env }} .\n" }, findings: [{ path: ".github/workflows/ci.yml", line: 9, severity: "medium" }] },
    { name: "build-arg ENV=staging", files: { ...app, Makefile: "image-staging:\n\tdocker build --build-arg ENV=staging -t api:staging .\n" }, findings: [{ path: "Makefile", line: 2 }] },
    {
      name: "builds in staging and production jobs",
      files: { ...app, ".github/workflows/cd.yml": "on: push\njobs:\n  staging:\n    environment: staging\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run build\n  production:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run build\n" },
      findings: [{ path: ".github/workflows/cd.yml", line: 3 }],
    },
    { name: "divergent per-environment Dockerfiles", files: { ...app, "Dockerfile.prod": "FROM node:22\nENV API=https://api.example.com\nCMD [\"node\",\"src/server.js\"]\n", "Dockerfile.staging": "FROM node:22\nENV API=https://staging.example.com\nCMD [\"node\",\"src/server.js\"]\n" }, findings: 1 },
    { name: "env-named build scripts", files: { "package.json": JSON.stringify({ name: "web", private: true, scripts: { "build:staging": "vite build --mode staging", "build:prod": "vite build --mode production" }, devDependencies: { vite: "^5" } }, null, 2), "index.html": "<html></html>\n" }, options: { kind: "static" }, findings: [{ path: "package.json", line: 5 }] },
  ],
});
