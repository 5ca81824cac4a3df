import rule from "./f05-mutable-release-tag.ts";
import { ruleTester } from "../testing.ts";

const node = { "package.json": JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4" } }), "server.js": "require('express')().listen(process.env.PORT);\n" };
const deploy = (image: string, path = "k8s/deploy.yaml") => ({ [path]: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ${image}\n` });

ruleTester(rule, {
  valid: [
    { name: "semver tag", files: { ...node, ...deploy("ghcr.io/acme/api:1.4.2") } },
    { name: "skaffold substitutes the image", files: { ...node, ...deploy("api"), "skaffold.yaml": "apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: api\n      context: .\n" } },
    { name: "digest", files: { ...node, ...deploy("ghcr.io/acme/api@sha256:" + "c".repeat(64)) } },
    { name: "CI pushes the git SHA", files: { ...node, ".github/workflows/release.yml": "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/acme/api:latest,ghcr.io/acme/api:${{ github.sha }}\n" } },
    { name: "backing service latest in prod compose is not our release", files: { ...node, "docker-compose.prod.yml": "services:\n  api:\n    image: ghcr.io/acme/api:2.0.1\n  redis:\n    image: redis:latest\n" } },
  ],
  invalid: [
    { name: "latest in a prod overlay is high", files: { ...node, ...deploy("ghcr.io/acme/api:latest", "k8s/overlays/production/deploy.yaml") }, findings: [{ path: "k8s/overlays/production/deploy.yaml", line: 10, severity: "high" }] },
    { name: "untagged image is medium elsewhere", files: { ...node, ...deploy("ghcr.io/acme/api") }, findings: [{ path: "k8s/deploy.yaml", severity: "medium" }] },
    { name: "helm values with latest", files: { "chart/Chart.yaml": "name: api\nversion: 0.1.0\nappVersion: latest\n", "chart/values.yaml": "image:\n  repository: ghcr.io/acme/api\n  tag: \"\"\n", "chart/templates/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n" }, options: { kind: "infra" }, findings: [{ path: "chart/values.yaml", line: 3 }] },
    { name: "CI pushes only latest", files: { ...node, ".github/workflows/release.yml": "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t ghcr.io/acme/api:latest . && docker push ghcr.io/acme/api:latest\n" }, findings: [{ path: ".github/workflows/release.yml", line: 6, severity: "medium" }] },
  ],
});
