import rule from "./f06-app-persistent-volume.ts";
import { describe, expect, it } from "vitest";
import { ruleTester, runRule } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const app = { "package.json": pkg, "src/server.js": "const app = require('express')();\napp.listen(process.env.PORT);\n" };
const deploy = (volumes: string, mounts: string, head = "  replicas: 3\n") =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n${head}  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.2.3\n          volumeMounts:\n${mounts}      volumes:\n${volumes}`;

ruleTester(rule, {
  valid: [
    {
      name: "session 26 (akhq): a backing-service image whose tag is a variable keeps its data volume out of the app's state",
      files: { ...app, "docker-compose.yml": "services:\n  akhq:\n    image: tchiotludo/akhq\n    ports:\n      - 8080:8080\n  zookeeper-0:\n    image: confluentinc/cp-zookeeper:${CONFLUENT_VERSION:-latest}\n    restart: unless-stopped\n    volumes:\n      - zookeeper-data-0:/var/lib/zookeeper/data:Z\n  kafka-0:\n    image: confluentinc/cp-kafka:${CONFLUENT_VERSION}\n    restart: unless-stopped\n    volumes:\n      - kafka-data-0:/var/lib/kafka:Z\nvolumes:\n  zookeeper-data-0: {}\n  kafka-data-0: {}\n" },
      options: { kind: "service" },
    },
    {
      name: "v8 (formbricks hub-embeddings): a persistent volume claim named as a model cache holds rebuildable files, not state",
      files: { ...app, "k8s/deploy.yaml": deploy("        - name: model-cache\n          persistentVolumeClaim:\n            claimName: hub-embeddings-model-cache\n", "            - name: model-cache\n              mountPath: /models\n") },
      options: { kind: "service" },
    },
    { name: "v4: a VOLUME for cache/tmp in the app image, and a datastore image's own data VOLUME, are not app state", files: { ...app, "Dockerfile": "FROM node:22-slim\nCOPY . .\nVOLUME /app/.cache /tmp\nCMD [\"node\", \"src/server.js\"]\n", "db/Dockerfile": "FROM postgres:16\nVOLUME /var/lib/postgresql/data\n" } },
    {
      name: "a named volume for generated keys is configuration, not state (v3)",
      files: { "package.json": JSON.stringify({ name: "kuma", private: true, dependencies: { express: "^4" } }), "server/server.js": "require('express')().listen(process.env.PORT);\n", "docker-compose.yml": "volumes:\n  web-keys:\nservices:\n  web:\n    image: writeas/writefreely:latest\n    volumes:\n      - \"web-keys:/go/keys\"\n      - \"./config.ini:/go/config.ini\"\n    restart: unless-stopped\n" },
      options: { kind: "service" },
    },
    {
      name: "session 11 control: build: with a local image name (no owner) stays a development compose",
      files: { "Cargo.toml": '[package]\nname = "paste"\nversion = "0.1.0"\n\n[dependencies]\nactix-web = "4"\n', "src/main.rs": "fn main() {\n    HttpServer::new(|| App::new()).bind((\"0.0.0.0\", 8000)).unwrap().run();\n}\n", Dockerfile: 'FROM rust:1.80\nEXPOSE 8000\nCMD ["./paste"]\n', "docker-compose.yml": "services:\n  server:\n    image: paste-dev\n    build: .\n    restart: always\n    volumes:\n      - ./upload/:/app/upload\n" },
      options: { kind: "service" },
    },
    {
      name: "a dev compose that builds the source and bind-mounts the code is not a deploy manifest (v2)",
      files: { "package.json": JSON.stringify({ name: "kuma", private: true, dependencies: { express: "^4" } }), "server/server.js": "require('express')().listen(process.env.PORT);\n", "docker-compose.yml": "services:\n  app:\n    build: .\n    volumes:\n      - .:/app\n      - ./data:/app/data\n" },
      options: { kind: "service" },
    },
    {
      name: "emptyDir and configMap volumes only",
      files: { ...app, "k8s/deploy.yaml": deploy("        - name: tmp\n          emptyDir: {}\n        - name: cfg\n          configMap:\n            name: api\n", "            - name: tmp\n              mountPath: /tmp\n            - name: cfg\n              mountPath: /etc/api\n") },
    },
    {
      name: "read-only PVC mount (shared static content)",
      files: { ...app, "k8s/deploy.yaml": deploy("        - name: assets\n          persistentVolumeClaim:\n            claimName: assets\n", "            - name: assets\n              mountPath: /srv/assets\n              readOnly: true\n") },
    },
    {
      name: "postgres StatefulSet in the same repo is a backing service",
      files: {
        ...app,
        "k8s/db.yaml": "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n          volumeMounts:\n            - name: data\n              mountPath: /var/lib/postgresql/data\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n",
      },
    },
    {
      name: "compose: named volume on postgres, none on the app",
      files: { ...app, "docker-compose.prod.yml": "services:\n  api:\n    build: .\n  db:\n    image: postgres:16\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata: {}\n" },
    },
    {
      name: "docker socket hostPath is not app state",
      files: { ...app, "k8s/deploy.yaml": deploy("        - name: sock\n          hostPath:\n            path: /var/run/docker.sock\n", "            - name: sock\n              mountPath: /var/run/docker.sock\n") },
    },
    { name: "no workload manifests: na", files: app, status: "na" },
    {
      name: "a production Dockerfile VOLUME on /tmp is scratch space, not state (v4)",
      files: { "pom.xml": "<project><artifactId>a</artifactId></project>", "src/main/java/App.java": "class App {}\n", Dockerfile: "FROM eclipse-temurin:21-jre\nVOLUME /tmp\nCOPY app.jar /app.jar\nEXPOSE 8080\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n" },
      options: { kind: "service" },
      status: "pass",
    },
  ],
  invalid: [
    {
      name: "v8 control: the same claim named for uploads is app state",
      files: { ...app, "k8s/deploy.yaml": deploy("        - name: uploads\n          persistentVolumeClaim:\n            claimName: api-uploads\n", "            - name: uploads\n              mountPath: /srv/uploads\n") },
      options: { kind: "service" },
      findings: [{ path: "k8s/deploy.yaml" }],
    },
    {
      name: "the app image declares a VOLUME for its data directory (v4)",
      files: { "requirements.txt": "fastapi==0.115.0\nuvicorn==0.30.0\n", "app/main.py": "from fastapi import FastAPI\napp = FastAPI()\n", Dockerfile: "FROM python:3.12-slim\nENV APP_HOME=/app\nCOPY . /app\nVOLUME [ \"$APP_HOME/data/\" ]\nEXPOSE 9000\nCMD [\"python\", \"/app/main.py\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "Dockerfile", line: 4, severity: "medium" }],
    },
    {
      name: "v10 (filegator): a VOLUME on the app's repository/ directory holds the users' files",
      files: { ...app, "Dockerfile": "FROM node:22-slim\nCOPY . /var/www/filegator\nVOLUME /var/www/filegator/repository\nCMD [\"node\", \"src/server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 3 }],
    },
    {
      name: "v4: the app image declares a VOLUME for its data directory (local file storage)",
      files: { ...app, "Dockerfile": "FROM node:22-slim\nCOPY . .\nRUN mkdir -p /app/data/storage\nVOLUME [\"/app/data/storage\"]\nCMD [\"node\", \"src/server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 4, severity: "medium" }],
    },
    {
      name: "a host data directory chosen by a variable with a default (v3)",
      files: { "package.json": JSON.stringify({ name: "kuma", private: true, dependencies: { express: "^4" } }), "server/server.js": "require('express')().listen(process.env.PORT);\n", "docker-compose.yml": "services:\n  linkding:\n    image: sissbruecker/linkding:latest\n    volumes:\n      - \"${LD_HOST_DATA_DIR:-./data}:/etc/linkding/data\"\n    restart: unless-stopped\n" },
      options: { kind: "service" },
      findings: [{ path: "docker-compose.yml", line: 5, severity: "medium", message: "bind-mounted" }],
    },
    {
      name: "session 11: a compose service that names its published image and can also build it (restart: always) is the self-hosting stack",
      files: { "Cargo.toml": '[package]\nname = "paste"\nversion = "0.1.0"\n\n[dependencies]\nactix-web = "4"\n', "src/main.rs": "fn main() {\n    HttpServer::new(|| App::new()).bind((\"0.0.0.0\", 8000)).unwrap().run();\n}\n", Dockerfile: 'FROM rust:1.80\nEXPOSE 8000\nCMD ["./paste"]\n', "docker-compose.yml": "services:\n  server:\n    image: acme/paste:${IMAGE_TAG:-latest}\n    build: .\n    restart: always\n    volumes:\n      - ./upload/:/app/upload\n" },
      options: { kind: "service" },
      findings: [{ path: "docker-compose.yml", line: 7, severity: "medium", message: "bind-mounted" }],
    },
    {
      name: "v9 (UpSnap): a host directory bind-mounted onto a prefixed data directory (/app/pb_data)",
      files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8090\", nil) }\n", "compose.yaml": "services:\n  app:\n    image: acme/upsnap:5\n    restart: unless-stopped\n    volumes:\n      - ./data:/app/pb_data\n" },
      options: { kind: "service" },
      findings: [{ path: "compose.yaml", line: 6, severity: "medium", message: "bind-mounted" }],
    },
    {
      name: "v9 (flower): the image's VOLUME named by a variable its ENV sets to a data directory",
      files: { "requirements.txt": "tornado==6.4\n", "app.py": "import tornado.web\n", Dockerfile: "FROM python:3.12-alpine\nENV FLOWER_DATA_DIR /data\nRUN mkdir -p $FLOWER_DATA_DIR\nVOLUME $FLOWER_DATA_DIR\nCMD [\"python\", \"app.py\"]\n" },
      options: { kind: "service" },
      findings: [{ path: "Dockerfile", line: 4, message: "VOLUME" }],
    },
    {
      name: "a self-hosting compose runs the published image with a host data directory (v2)",
      files: { "package.json": JSON.stringify({ name: "kuma", private: true, dependencies: { express: "^4" } }), "server/server.js": "require('express')().listen(process.env.PORT);\n", "compose.yaml": "services:\n  app:\n    image: acme/kuma:2\n    restart: unless-stopped\n    volumes:\n      - ./data:/app/data\n    ports:\n      - \"3001:3001\"\n" },
      options: { kind: "service" },
      findings: [{ path: "compose.yaml", line: 6, severity: "medium", message: "bind-mounted" }],
    },
    {
      name: "Deployment with a PVC for uploads",
      files: { ...app, "k8s/deploy.yaml": deploy("        - name: uploads\n          persistentVolumeClaim:\n            claimName: api-uploads\n", "            - name: uploads\n              mountPath: /app/uploads\n") },
      findings: [{ path: "k8s/deploy.yaml", line: 16, severity: "medium" }],
    },
    {
      name: "single replica + Recreate + PVC is high",
      files: { ...app, "k8s/deploy.yaml": deploy("        - name: data\n          persistentVolumeClaim:\n            claimName: api-data\n", "            - name: data\n              mountPath: /data\n", "  replicas: 1\n  strategy:\n    type: Recreate\n") },
      findings: [{ severity: "high" }],
    },
    {
      name: "app StatefulSet with volumeClaimTemplates",
      files: {
        ...app,
        "k8s/sts.yaml": "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.2.3\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n",
      },
      findings: [{ path: "k8s/sts.yaml", line: 11, severity: "medium" }],
    },
    {
      name: "fly.toml mounts",
      files: { ...app, "fly.toml": 'app = "api"\n\n[mounts]\n  source = "data"\n  destination = "/data"\n' },
      findings: [{ path: "fly.toml", line: 3 }],
    },
    {
      name: "prod compose: named volume on the app service",
      files: { ...app, "docker-compose.prod.yml": "services:\n  api:\n    build: .\n    volumes:\n      - uploads:/app/uploads\nvolumes:\n  uploads: {}\n" },
      findings: [{ path: "docker-compose.prod.yml", line: 5 }],
    },
  ],
});

// v6: a datastore server bundled into the app image, and Helm-templated backing-service images
const sts = (containerName: string, image: string, volume: string) =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ include "wiki.db.fullname" . }}\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: ${containerName}\n          image: ${image}\n          volumeMounts:\n            - name: ${volume}\n              mountPath: /var/lib/db\n      volumes:\n        - name: ${volume}\n          persistentVolumeClaim:\n            claimName: ${volume}\n`;

const chart = { "helm/Chart.yaml": "apiVersion: v2\nname: wiki\nversion: 1.0.0\n", "helm/values.yaml": "image:\n  repository: ghcr.io/acme/api\n  tag: 1.2.3\npostgresql:\n  image:\n    repository: postgres\n    tag: \"16\"\n" };

ruleTester(rule, {
  valid: [
    { name: "v6: an all-in-one image's VOLUME on the bundled MySQL's data directory is not the app's state", files: { ...app, "docker/multi-process/Dockerfile": "FROM ruby:3.2\nRUN apt-get install -y mysql-server\nCOPY . /app\nVOLUME /var/lib/mysql\nCMD [\"/scripts/init\"]\n" } },
    { name: "v6: a Helm StatefulSet whose templated image is the chart's postgresql", files: { ...app, ...chart, "helm/templates/postgresql-statefulset.yaml": sts("postgresql", "{{ .Values.postgresql.image.repository }}:{{ .Values.postgresql.image.tag }}", "postgresql-data") } },
  ],
  invalid: [
    { name: "v6: the app image's own data VOLUME still counts", files: { ...app, Dockerfile: "FROM node:22-slim\nCOPY . .\nVOLUME /app/data\nCMD [\"node\", \"src/server.js\"]\n" }, findings: [{ path: "Dockerfile", line: 3, severity: "medium" }] },
    { name: "v6: a Helm StatefulSet whose templated image is the app's own", files: { ...app, ...chart, "helm/templates/app-statefulset.yaml": sts("api", "{{ .Values.image.repository }}:{{ .Values.image.tag }}", "uploads") }, findings: [{ path: "helm/templates/app-statefulset.yaml" }] },
  ],
});

// v6: a root compose running the product's own published image deploys every deployable unit of a monorepo
describe("v6: the product image in a root compose file of a monorepo", () => {
  const mono = (image: string) => ({
    "package.json": JSON.stringify({ name: "linkwarden", private: true, workspaces: ["apps/*"] }),
    "apps/web/package.json": JSON.stringify({ name: "@linkwarden/web", private: true, scripts: { start: "next start" }, dependencies: { next: "^14", react: "^18" } }),
    "apps/web/pages/index.tsx": "export default function Home() { return null; }\n",
    "apps/worker/package.json": JSON.stringify({ name: "@linkwarden/worker", private: true, scripts: { start: "node worker.js" }, dependencies: { express: "^4" } }),
    "apps/worker/worker.js": "require('express')().listen(process.env.PORT);\n",
    "docker-compose.yml": `services:\n  postgres:\n    image: postgres:16-alpine\n    volumes:\n      - ./pgdata:/var/lib/postgresql/data\n  app:\n    image: ${image}\n    restart: always\n    volumes:\n      - ./data:/data/data\n`,
  });
  it("its data volume is reported for the deployable units", async () => {
    const run = await runRule(rule, mono("ghcr.io/linkwarden/linkwarden:latest"));
    const units = run.results.filter((r) => r.findings.some((f) => f.path === "docker-compose.yml")).map((r) => r.unit).sort();
    expect(units).toEqual(["apps/web", "apps/worker"]);
  });
  it("another image in the same file (a proxy, a third-party app) is not the product's", async () => {
    const run = await runRule(rule, mono("ghcr.io/acme/other:latest"));
    expect(run.findings.filter((f) => f.path === "docker-compose.yml")).toHaveLength(0);
  });
});

describe("v7: noNetworkedStore — the volume holds all of the app's state", () => {
  const compose = "services:\n  api:\n    image: acme/api:1.2.3\n    volumes:\n      - \"./data:/app/data\"\n    restart: unless-stopped\n";
  it("an app with no database/cache client flags its data volume", async () => {
    const run = await runRule(rule, { ...app, "docker-compose.yml": compose });
    expect(run.result.findings.length).toBeGreaterThan(0);
    expect(run.result.findings.every((f) => f.data?.noNetworkedStore === true)).toBe(true);
  });
  it("an embedded SQLite client still counts as no networked store", async () => {
    const run = await runRule(rule, { ...app, "package.json": JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", "better-sqlite3": "^11.0.0" } }), "docker-compose.yml": compose });
    expect(run.result.findings.every((f) => f.data?.noNetworkedStore === true)).toBe(true);
  });
  it("a networked database image in a compose file (the driver not among the dependencies) keeps the flag off", async () => {
    const run = await runRule(rule, { ...app, "docker-compose.yml": compose + "  db:\n    image: mariadb:11\n" });
    expect(run.result.findings.length).toBeGreaterThan(0);
    expect(run.result.findings.some((f) => f.data?.noNetworkedStore === true)).toBe(false);
  });
  it("v10 (Radicale): a message-broker client (RabbitMQ, Kafka) holds no state and keeps the flag on", async () => {
    const run = await runRule(rule, { ...app, "package.json": JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", amqplib: "^0.10.0", kafkajs: "^2.2.0" } }), "docker-compose.yml": compose });
    expect(run.result.findings.length).toBeGreaterThan(0);
    expect(run.result.findings.every((f) => f.data?.noNetworkedStore === true)).toBe(true);
  });
  it("an app with a Postgres client does not", async () => {
    const run = await runRule(rule, { ...app, "package.json": JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", pg: "^8.11.0" } }), "docker-compose.yml": compose });
    expect(run.result.findings.length).toBeGreaterThan(0);
    expect(run.result.findings.some((f) => f.data?.noNetworkedStore === true)).toBe(false);
  });
});
