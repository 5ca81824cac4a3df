import rule from "./f12-one-off-same-release.ts";
import { ruleTester } from "../testing.ts";

const app = { "requirements.txt": "django==5.0\ngunicorn==22.0\n", "manage.py": "import django\n" };
const deploy = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ${image}\n`;
const job = (image: string, cmd = '["python", "manage.py", "migrate"]') => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      containers:\n        - name: migrate\n          image: ${image}\n          command: ${cmd}\n`;

ruleTester(rule, {
  valid: [
    { name: "same image and tag", files: { ...app, "k8s/deploy.yaml": deploy("ghcr.io/acme/api:1.8.2"), "k8s/migrate.yaml": job("ghcr.io/acme/api:1.8.2") } },
    {
      name: "Helm job and deployment share image.tag",
      files: {
        ...app,
        "chart/Chart.yaml": "apiVersion: v2\nname: api\nversion: 0.1.0\n",
        "chart/templates/deploy.yaml": deploy('"{{ .Values.image.repository }}:{{ .Values.image.tag }}"'),
        "chart/templates/migrate.yaml": job('"{{ .Values.image.repository }}:{{ .Values.image.tag }}"'),
      },
    },
    { name: "backup job on a tools image (not an app command)", files: { ...app, "k8s/deploy.yaml": deploy("ghcr.io/acme/api:1.8.2"), "k8s/backup.yaml": job("postgres:16", '["pg_dump", "-h", "db"]') } },
    { name: "kustomize images: unifies tags", files: { ...app, "k8s/deploy.yaml": deploy("ghcr.io/acme/api:1.8.2"), "k8s/migrate.yaml": job("ghcr.io/acme/api:latest"), "k8s/kustomization.yaml": "resources:\n  - deploy.yaml\n  - migrate.yaml\nimages:\n  - name: ghcr.io/acme/api\n    newTag: 1.9.0\n" } },
    { name: "no jobs: na", files: { ...app, "k8s/deploy.yaml": deploy("ghcr.io/acme/api:1.8.2") }, status: "na" },
  ],
  invalid: [
    { name: "migration job pinned to latest", files: { ...app, "k8s/deploy.yaml": deploy("ghcr.io/acme/api:1.8.2"), "k8s/migrate.yaml": job("ghcr.io/acme/api:latest") }, findings: [{ path: "k8s/migrate.yaml", line: 9, severity: "low" }] },
    {
      name: "Helm job with a literal tag while the Deployment uses values",
      files: {
        ...app,
        "chart/Chart.yaml": "apiVersion: v2\nname: api\nversion: 0.1.0\n",
        "chart/templates/deploy.yaml": deploy('"{{ .Values.image.repository }}:{{ .Values.image.tag }}"'),
        "chart/templates/migrate.yaml": job('"{{ .Values.image.repository }}:latest"'),
      },
      findings: [{ path: "chart/templates/migrate.yaml", line: 9 }],
    },
    { name: "CronJob runs manage.py from a separate image", files: { ...app, "k8s/deploy.yaml": deploy("ghcr.io/acme/api:1.8.2"), "k8s/cron.yaml": "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: '0 3 * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: report\n              image: ghcr.io/acme/api-tools:2024.01\n              command: [\"python\", \"manage.py\", \"send_reports\"]\n" }, findings: [{ path: "k8s/cron.yaml", line: 12 }] },
  ],
});
