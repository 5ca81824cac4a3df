import rule from "./f08-horizontal-scale-declared.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const base = { "package.json": pkg, "server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n" };
const deploy = (name: string, replicas: string, image = "registry.example.com/web:1.2.3") =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n${replicas}  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ${image}\n`;
const hpa = "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 10\n";

ruleTester(rule, {
  valid: [
    { name: "replicas: 3", files: { ...base, "k8s/web.yaml": deploy("web", "  replicas: 3\n") }, status: "pass" },
    { name: "HPA targets the Deployment", files: { ...base, "k8s/web.yaml": deploy("web", "") + hpa }, status: "pass" },
    {
      name: "single-replica postgres StatefulSet next to a scaled app is not an app process",
      files: {
        ...base,
        "k8s/web.yaml": deploy("web", "  replicas: 2\n"),
        "k8s/db.yaml": "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n",
      },
      status: "pass",
    },
    {
      name: "Helm replicaCount from values",
      files: {
        ...base,
        "chart/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
        "chart/values.yaml": "replicaCount: 2\n",
        "chart/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {{ .Values.replicaCount }}\n  template:\n    spec:\n      containers:\n        - name: web\n          image: app:1\n",
      },
      status: "pass",
    },
    { name: "render numInstances: 2", files: { ...base, "render.yaml": "services:\n  - type: web\n    name: api\n    numInstances: 2\n" }, status: "pass" },
    { name: "Procfile only: process counts live on the platform", files: { ...base, Procfile: "web: node server.js\n" }, status: "na" },
  ],
  invalid: [
    {
      name: "Deployment without replicas (default 1)",
      files: { ...base, "k8s/web.yaml": deploy("web", "") },
      status: "partial",
    },
    {
      name: "Helm HPA disabled in values, replicaCount 1",
      files: {
        ...base,
        "chart/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
        "chart/values.yaml": "replicaCount: 1\nautoscaling:\n  enabled: false\n",
        "chart/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"web.fullname\" . }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n  template:\n    spec:\n      containers:\n        - name: web\n          image: app:1\n",
        "chart/templates/hpa.yaml": "{{- if .Values.autoscaling.enabled }}\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {{ include \"web.fullname\" . }}\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: {{ include \"web.fullname\" . }}\n{{- end }}\n",
      },
      status: "partial",
    },
    {
      name: "ECS service with desired_count = 1",
      files: { ...base, "infra/ecs.tf": 'resource "aws_ecs_service" "api" {\n  name          = "api"\n  desired_count = 1\n}\n' },
      status: "partial",
    },
  ],
});
