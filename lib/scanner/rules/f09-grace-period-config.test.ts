import rule from "./f09-grace-period-config.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const base = { "package.json": pkg, "server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n" };

const deploy = (podExtra: string, containerExtra: string, kind = "Deployment") => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
${podExtra}      containers:
        - name: web
          image: registry.example.com/web:1.2.3
${containerExtra}`;

const service = "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n";
const preStop = (n: number) => `          lifecycle:\n            preStop:\n              exec:\n                command: ["sleep", "${n}"]\n`;

ruleTester(rule, {
  valid: [
    {
      name: "default grace period with a short preStop sleep",
      files: { ...base, "k8s/app.yaml": deploy("", preStop(5)) + service },
      status: "pass",
    },
    {
      name: "worker Deployment without Service needs no preStop",
      files: { ...base, "k8s/worker.yaml": deploy("", "") },
      status: "pass",
    },
    {
      name: "grace covers preStop plus explicit Spring drain timeout",
      files: {
        ...base,
        "src/main/resources/application.yml": "server:\n  shutdown: graceful\nspring:\n  lifecycle:\n    timeout-per-shutdown-phase: 20s\n",
        "k8s/app.yaml": deploy("      terminationGracePeriodSeconds: 40\n", "          lifecycle:\n            preStop:\n              sleep:\n                seconds: 10\n") + service,
      },
      status: "pass",
    },
    {
      name: "gunicorn default timeout is not assumed",
      files: { ...base, "k8s/app.yaml": deploy("      terminationGracePeriodSeconds: 20\n", preStop(5) + "          command: [\"gunicorn\", \"app:app\"]\n") + service },
      status: "pass",
    },
    {
      name: "no Kubernetes manifests or fly.toml",
      files: { ...base, Procfile: "web: node server.js\n" },
      status: "na",
    },
    {
      name: "Fly kill_signal matches the SIGTERM handler",
      files: {
        ...base,
        "server.js": "const app = require('express')();\nconst server = app.listen(process.env.PORT);\nprocess.on('SIGTERM', () => server.close());\n",
        "fly.toml": "app = \"api\"\nkill_signal = \"SIGTERM\"\nkill_timeout = 30\n",
      },
      status: "pass",
    },
  ],
  invalid: [
    {
      name: "terminationGracePeriodSeconds: 0 is high",
      files: { ...base, "k8s/app.yaml": deploy("      terminationGracePeriodSeconds: 0\n", preStop(5)) + service },
      findings: [{ path: "k8s/app.yaml", line: 14, severity: "high" }],
    },
    {
      name: "preStop sleep longer than the grace period",
      files: { ...base, "k8s/app.yaml": deploy("      terminationGracePeriodSeconds: 10\n", preStop(15)) + service },
      findings: [{ path: "k8s/app.yaml", line: 19, severity: "medium" }],
    },
    {
      name: "grace shorter than preStop + gunicorn --graceful-timeout",
      files: {
        ...base,
        "k8s/app.yaml": deploy("      terminationGracePeriodSeconds: 30\n", preStop(5) + "          command: [\"gunicorn\", \"--graceful-timeout\", \"60\", \"app:app\"]\n") + service,
      },
      findings: [{ path: "k8s/app.yaml", line: 14, severity: "medium" }],
    },
    {
      name: "Fly default SIGINT while the app only handles SIGTERM",
      files: {
        ...base,
        "server.js": "const app = require('express')();\nconst server = app.listen(process.env.PORT);\nprocess.on('SIGTERM', () => server.close());\n",
        "fly.toml": "app = \"api\"\n\n[http_service]\n  internal_port = 8080\n",
      },
      findings: [{ path: "fly.toml", line: 1, severity: "medium" }],
    },
    {
      name: "gunicorn on Fly with the default SIGINT",
      files: { "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n", Procfile: "web: gunicorn app:app\n", "fly.toml": "app = \"api\"\n" },
      findings: [{ path: "fly.toml", severity: "medium" }],
    },
    {
      name: "Service-backed Deployment without preStop is low",
      files: { ...base, "k8s/app.yaml": deploy("", "") + service },
      findings: [{ path: "k8s/app.yaml", line: 15, severity: "low" }],
    },
  ],
});
