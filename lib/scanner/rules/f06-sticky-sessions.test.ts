import rule from "./f06-sticky-sessions.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const app = { "package.json": pkg, "src/server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n" };
const svc = (extra = "") => `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n${extra}  ports:\n    - port: 80\n      targetPort: 8080\n`;

ruleTester(rule, {
  valid: [
    { name: "plain ClusterIP service", files: { ...app, "k8s/service.yaml": svc() } },
    { name: "sessionAffinity: None", files: { ...app, "k8s/service.yaml": svc("  sessionAffinity: None\n") } },
    {
      name: "ingress without affinity annotation",
      files: { ...app, "k8s/ingress.yaml": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-body-size: 10m\nspec:\n  rules: []\n" },
    },
    {
      name: "terraform target group with stickiness disabled",
      files: { ...app, "infra/lb.tf": 'resource "aws_lb_target_group" "api" {\n  port = 8080\n  stickiness {\n    type    = "lb_cookie"\n    enabled = false\n  }\n}\n' },
    },
    { name: "nginx round-robin upstream", files: { ...app, "nginx/nginx.conf": "upstream api {\n  # ip_hash; disabled\n  server api1:8080;\n  server api2:8080;\n}\n" } },
    { name: "no routing configuration: na", files: app, options: { kind: "service" }, status: "na" },
  ],
  invalid: [
    { name: "Service sessionAffinity: ClientIP", files: { ...app, "k8s/service.yaml": svc("  sessionAffinity: ClientIP\n") }, findings: [{ path: "k8s/service.yaml", line: 8, severity: "high" }] },
    {
      name: "ingress-nginx cookie affinity",
      files: { ...app, "k8s/ingress.yaml": 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n    nginx.ingress.kubernetes.io/affinity: "cookie"\nspec:\n  rules: []\n' },
      findings: [{ path: "k8s/ingress.yaml", line: 6, severity: "high" }],
    },
    {
      name: "ALB stickiness via Helm values annotations",
      files: {
        ...app,
        "chart/Chart.yaml": "apiVersion: v2\nname: api\nversion: 0.1.0\n",
        "chart/values.yaml": "ingress:\n  enabled: true\n  annotations:\n    alb.ingress.kubernetes.io/target-group-attributes: stickiness.enabled=true,stickiness.lb_cookie.duration_seconds=3600\n",
      },
      findings: [{ path: "chart/values.yaml", line: 4 }],
    },
    {
      name: "terraform stickiness block (enabled by default)",
      files: { ...app, "infra/lb.tf": 'resource "aws_lb_target_group" "api" {\n  port = 8080\n  stickiness {\n    type = "lb_cookie"\n  }\n}\n' },
      findings: [{ path: "infra/lb.tf", line: 3, severity: "high" }],
    },
    { name: "nginx ip_hash upstream", files: { ...app, "nginx/default.conf": "upstream api {\n  ip_hash;\n  server api1:8080;\n}\n" }, findings: [{ path: "nginx/default.conf", line: 2 }] },
    {
      name: "Istio consistent hash on a cookie",
      files: { ...app, "mesh/dr.yaml": "apiVersion: networking.istio.io/v1beta1\nkind: DestinationRule\nmetadata:\n  name: api\nspec:\n  host: api\n  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n        httpCookie:\n          name: sid\n          ttl: 0s\n" },
      findings: [{ path: "mesh/dr.yaml", line: 9 }],
    },
    {
      name: "infra-only repo with an Azure web app affinity",
      files: { "main.tf": 'resource "azurerm_linux_web_app" "api" {\n  name = "api"\n  client_affinity_enabled = true\n}\n' },
      options: { kind: "infra" },
      findings: [{ path: "main.tf", line: 3 }],
    },
  ],
});
