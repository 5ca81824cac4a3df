import rule from "./f08-resource-requests.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const base = { "package.json": pkg, "server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n" };

const deploy = (containerExtra: string, init = "") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
${init}      containers:
        - name: web
          image: registry.example.com/web:1.2.3
${containerExtra}`;

const chart = (values: string) => ({
  ...base,
  "chart/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
  "chart/values.yaml": values,
  "chart/templates/deployment.yaml":
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n          resources:\n            {{- toYaml .Values.resources | nindent 12 }}\n",
});

ruleTester(rule, {
  valid: [
    {
      name: "requests for cpu and memory",
      files: { ...base, "k8s/app.yaml": deploy("          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n") },
      status: "pass",
    },
    {
      name: "limits only (request defaults to the limit)",
      files: { ...base, "k8s/app.yaml": deploy("          resources:\n            limits:\n              cpu: 500m\n              memory: 256Mi\n") },
      status: "pass",
    },
    {
      name: "init container without requests is ignored",
      files: { ...base, "k8s/app.yaml": deploy("          resources:\n            requests: { cpu: 100m, memory: 128Mi }\n", "      initContainers:\n        - name: migrate\n          image: registry.example.com/web:1.2.3\n") },
      status: "pass",
    },
    {
      name: "LimitRange in the repo supplies defaults",
      files: { ...base, "k8s/app.yaml": deploy(""), "k8s/limits.yaml": "apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: defaults\nspec:\n  limits:\n    - type: Container\n      defaultRequest: { cpu: 100m, memory: 128Mi }\n" },
      status: "pass",
    },
    { name: "Helm values set requests", files: chart("resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n"), status: "pass" },
    { name: "no Kubernetes manifests", files: { ...base, Dockerfile: "FROM node:22\nCMD [\"node\",\"server.js\"]\n" }, status: "na" },
  ],
  invalid: [
    {
      name: "container without resources",
      files: { ...base, "k8s/app.yaml": deploy("") },
      findings: [{ path: "k8s/app.yaml", line: 9, severity: "low", message: "no CPU or memory" }],
    },
    {
      name: "memory request missing",
      files: { ...base, "k8s/app.yaml": deploy("          resources:\n            requests:\n              cpu: 100m\n") },
      findings: [{ path: "k8s/app.yaml", line: 9, message: "no memory request" }],
    },
    {
      name: "helm create default resources: {}",
      files: chart("resources: {}\n  # limits:\n  #   cpu: 100m\n"),
      findings: [{ path: "chart/templates/deployment.yaml", line: 9 }],
    },
  ],
});
