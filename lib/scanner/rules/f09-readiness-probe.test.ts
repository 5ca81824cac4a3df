import rule from "./f09-readiness-probe.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const server = "const app = require('express')();\napp.listen(process.env.PORT);\n";

const deployment = (probes: string, labels = "app: web") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      ${labels}
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.2.3
          ports:
            - name: http
              containerPort: 8080
${probes}`;

const service = `---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
`;

const base = { "package.json": pkg, "server.js": server };

ruleTester(rule, {
  valid: [
    {
      name: "distinct readiness and liveness probes",
      files: {
        ...base,
        "k8s/app.yaml":
          deployment("          readinessProbe:\n            httpGet: { path: /readyz, port: http }\n          livenessProbe:\n            httpGet: { path: /livez, port: http }\n") + service,
      },
      status: "pass",
    },
    {
      name: "readiness only (liveness is optional)",
      files: { ...base, "k8s/app.yaml": deployment("          readinessProbe:\n            tcpSocket: { port: 8080 }\n") + service },
    },
    {
      name: "worker Deployment without a Service needs no readiness probe",
      files: { ...base, "k8s/worker.yaml": deployment("", "app: worker") + service },
      status: "na",
    },
    {
      name: "kube-score ignore annotation",
      files: {
        ...base,
        "k8s/app.yaml": deployment("").replace("  name: web\nspec:", "  name: web\n  annotations:\n    kube-score/ignore: pod-probes\nspec:") + service,
      },
      status: "na",
    },
    {
      name: "no Kubernetes manifests",
      files: { ...base, Dockerfile: "FROM node:22\nCMD [\"node\",\"server.js\"]\n" },
      status: "na",
    },
    {
      name: "Helm chart with probes from values.yaml",
      files: {
        ...base,
        "chart/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
        "chart/values.yaml": "readinessProbe:\n  httpGet:\n    path: /readyz\n    port: http\n",
        "chart/templates/deployment.yaml":
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "web.fullname" . }}\nspec:\n  selector:\n    matchLabels:\n      {{- include "web.selectorLabels" . | nindent 6 }}\n  template:\n    metadata:\n      labels:\n        {{- include "web.selectorLabels" . | nindent 8 }}\n    spec:\n      containers:\n        - name: web\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n          readinessProbe:\n            {{- toYaml .Values.readinessProbe | nindent 12 }}\n',
        "chart/templates/service.yaml":
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "web.fullname" . }}\nspec:\n  selector:\n    {{- include "web.selectorLabels" . | nindent 4 }}\n  ports:\n    - port: 80\n',
      },
      status: "pass",
    },
  ],
  invalid: [
    {
      name: "Service-targeted Deployment without readiness probe",
      files: { ...base, "k8s/app.yaml": deployment("") + service },
      findings: [{ path: "k8s/app.yaml", line: 16, severity: "medium" }],
    },
    {
      name: "identical liveness and readiness (named vs numeric port)",
      files: {
        ...base,
        "k8s/app.yaml":
          deployment("          readinessProbe:\n            httpGet: { path: /healthz, port: http }\n          livenessProbe:\n            httpGet: { path: /healthz, port: 8080 }\n            periodSeconds: 20\n") + service,
      },
      findings: [{ path: "k8s/app.yaml", line: 23, severity: "medium" }],
    },
    {
      name: "Helm chart whose values.yaml leaves readinessProbe empty",
      files: {
        ...base,
        "chart/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
        "chart/values.yaml": "readinessProbe: {}\n",
        "chart/templates/deployment.yaml":
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      {{- include "web.selectorLabels" . | nindent 6 }}\n  template:\n    metadata:\n      labels:\n        {{- include "web.selectorLabels" . | nindent 8 }}\n    spec:\n      containers:\n        - name: web\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n          readinessProbe:\n            {{- toYaml .Values.readinessProbe | nindent 12 }}\n',
        "chart/templates/service.yaml":
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    {{- include "web.selectorLabels" . | nindent 4 }}\n  ports:\n    - port: 80\n',
      },
      findings: [{ path: "chart/templates/deployment.yaml", line: 15, severity: "medium" }],
    },
    {
      name: "same workload copied into plain and kustomize manifests is reported once",
      files: { ...base, "k8s/app.yaml": deployment("") + service, "kustomize/base/app.yaml": deployment("") + service },
      findings: 1,
    },
  ],
});
