// Small sample repositories for the zero-setup demo and for end-to-end tests. Each one shows a
// different mix of twelve-factor strengths and mistakes, so the demo dashboard has something to say.
// Secret-looking values are assembled at run time (never written as literals here), so this
// repository does not itself contain the credentials-shaped strings its own scanner looks for.
import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { processPath } from "../env.ts";

const execFileP = promisify(execFile);

export interface SampleRepo {
  name: string;
  description: string;
  /** Commits in order; each maps repo-relative paths to file contents (null deletes a file). */
  commits: { message: string; files: Record<string, string | null> }[];
}

// Fake credentials in provider formats, built from parts so no literal matches a secret pattern here.
const fakeStripeKey = ["sk", "live", "4eC39HqLyjWDarjtT1zdp7dc"].join("_");
const fakeAwsKeyId = ["AKIA", "QX7Z2M4N6P8R3T5V"].join("");
const fakeSessionSecret = ["keyboard", "cat", "s3cr3t", "9f8e7d"].join("-");
const fakeDbUrl = ["postgres:/", "/shop:", "hunter2", "@10.0.3.17:5432/shop"].join("");
const fakeDjangoKey = ["django-insecure", "k#9x!2v$7q@w3e&r5t*y8u(i0o)p-a1s"].join("-");

const GO_MAIN = `package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	port := os.Getenv("PORT")
	if port == "" {
		logger.Error("PORT is required")
		os.Exit(1)
	}
	dbURL := os.Getenv("DATABASE_URL")
	if dbURL == "" {
		logger.Error("DATABASE_URL is required")
		os.Exit(1)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	mux.HandleFunc("/orders", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode([]string{})
	})
	srv := &http.Server{Addr: ":" + port, Handler: mux, ReadHeaderTimeout: 5 * time.Second}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("listen failed", "err", err)
			os.Exit(1)
		}
	}()
	logger.Info("listening", "port", port)
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		logger.Error("shutdown failed", "err", err)
	}
	logger.Info("stopped")
}
`;

export function sampleRepos(): SampleRepo[] {
  return [
    {
      name: "express-shop",
      description: "Express storefront with hard-coded secrets, in-memory sessions and file logs",
      commits: [
        {
          message: "Initial storefront",
          files: {
            "package.json": JSON.stringify(
              {
                name: "express-shop",
                version: "1.0.0",
                private: true,
                main: "src/server.js",
                scripts: { start: "node src/server.js" },
                dependencies: { express: "^4.19.2", "express-session": "*", winston: "^3.13.0", pg: "^8.11.0" },
              },
              null,
              2,
            ),
            "src/server.js": `const express = require("express");
const session = require("express-session");
const winston = require("winston");
const { Pool } = require("pg");

const logger = winston.createLogger({
  transports: [new winston.transports.File({ filename: "/var/log/shop/app.log" })],
});

const pool = new Pool({ connectionString: "${fakeDbUrl}" });
const stripeKey = "${fakeStripeKey}";

const app = express();
app.use(session({ secret: "${fakeSessionSecret}", resave: false, saveUninitialized: true }));

app.get("/products", async (req, res) => {
  const { rows } = await pool.query("select * from products");
  logger.info("listed products");
  res.json(rows);
});

app.post("/checkout", (req, res) => {
  res.json({ ok: true, key: stripeKey.slice(0, 4) });
});

app.listen(3000, () => console.log("shop listening on 3000"));
`,
            ".env": `DATABASE_URL=${fakeDbUrl}\nAWS_ACCESS_KEY_ID=${fakeAwsKeyId}\n`,
            "Dockerfile": `FROM node:latest
WORKDIR /app
COPY . .
RUN npm install
CMD npm start
`,
            "README.md": "# express-shop\n\nRun with `npm start`.\n",
          },
        },
      ],
    },
    {
      name: "django-blog",
      description: "Django blog running the development server with SQLite and DEBUG on",
      commits: [
        {
          message: "Blog skeleton",
          files: {
            "requirements.txt": "Django\ngunicorn\n",
            "manage.py": `#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blog.settings")
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
`,
            "blog/__init__.py": "",
            "blog/settings.py": `from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "${fakeDjangoKey}"
DEBUG = True
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.sessions", "posts"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

LOGGING = {
    "version": 1,
    "handlers": {"file": {"class": "logging.FileHandler", "filename": "/var/log/blog/debug.log"}},
    "root": {"handlers": ["file"], "level": "INFO"},
}
`,
            "blog/wsgi.py": `import os
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blog.settings")
application = get_wsgi_application()
`,
            "posts/__init__.py": "",
            "posts/views.py": `from django.http import JsonResponse

def index(request):
    return JsonResponse({"posts": []})
`,
            "Procfile": "web: python manage.py migrate && python manage.py runserver 0.0.0.0:8000\n",
          },
        },
      ],
    },
    {
      name: "go-orders",
      description: "Go orders service: config from env, graceful shutdown, pinned multi-stage image, probes",
      commits: [
        {
          message: "Orders service",
          files: {
            "go.mod": "module example.com/orders\n\ngo 1.23\n",
            "go.sum": "",
            "main.go": GO_MAIN,
            "migrations/0001_create_orders.sql": "CREATE TABLE orders (id bigserial primary key, total_cents bigint not null);\n",
            "Dockerfile": `FROM golang:1.23.4-bookworm@sha256:1f1ee8a2d4d6f9b3c1b0f0d7c8e9a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e3f5 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/orders .

FROM gcr.io/distroless/static-debian12:nonroot@sha256:6ec5aa99dc335666e79dc64e4a6c8b89c33a543a1967f20d360922a80dd21f02
COPY --from=build /out/orders /orders
USER nonroot
ENTRYPOINT ["/orders"]
`,
            "k8s/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  replicas: 3
  selector:
    matchLabels: { app: orders }
  template:
    metadata:
      labels: { app: orders }
    spec:
      terminationGracePeriodSeconds: 30
      containers:
        - name: orders
          image: ghcr.io/example/orders:1.4.2
          ports:
            - containerPort: 8080
          env:
            - name: PORT
              value: "8080"
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef: { name: orders-db, key: url }
          resources:
            requests: { cpu: 100m, memory: 64Mi }
          readinessProbe:
            httpGet: { path: /readyz, port: 8080 }
          livenessProbe:
            httpGet: { path: /healthz, port: 8080 }
---
apiVersion: batch/v1
kind: Job
metadata:
  name: orders-migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/example/orders:1.4.2
          args: ["migrate"]
`,
            ".github/workflows/ci.yml": `name: ci
on:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-24.04
    services:
      postgres:
        image: postgres:16
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
      - uses: actions/setup-go@3041bf56c941b39c61721a86cd11f3bb1338122a
        with: { go-version: "1.23.4" }
      - run: go test ./...
      - run: docker build -t ghcr.io/example/orders:\${{ github.sha }} .
`,
          },
        },
      ],
    },
    {
      name: "queue-worker",
      description: "Node.js queue worker: Redis from env, drains on SIGTERM, JSON logs, lockfile",
      commits: [
        {
          message: "Worker",
          files: {
            "package.json": JSON.stringify(
              {
                name: "queue-worker",
                version: "2.1.0",
                private: true,
                type: "module",
                scripts: { start: "node src/worker.js" },
                dependencies: { bullmq: "5.12.0", pino: "9.3.2" },
              },
              null,
              2,
            ),
            "package-lock.json": JSON.stringify({ name: "queue-worker", lockfileVersion: 3, requires: true, packages: {} }, null, 2),
            "src/worker.js": `import { Worker } from "bullmq";
import pino from "pino";

const logger = pino();
const connection = { url: process.env.REDIS_URL };
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 4);

const worker = new Worker("emails", async (job) => {
  logger.info({ jobId: job.id }, "sending email");
}, { connection, concurrency });

process.on("SIGTERM", async () => {
  logger.info("draining");
  await worker.close();
  process.exit(0);
});
`,
            "Procfile": "worker: node src/worker.js\n",
            "Dockerfile": `FROM node:22.11.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:22.11.0-bookworm-slim
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY src ./src
USER node
CMD ["node", "src/worker.js"]
`,
          },
        },
      ],
    },
    {
      name: "ui-kit",
      description: "A published React component library (most factors do not apply)",
      commits: [
        {
          message: "Button component",
          files: {
            "package.json": JSON.stringify(
              {
                name: "@example/ui-kit",
                version: "0.4.0",
                type: "module",
                exports: { ".": "./dist/index.js" },
                types: "./dist/index.d.ts",
                peerDependencies: { react: ">=18" },
                devDependencies: { typescript: "5.6.3" },
                scripts: { build: "tsc -p ." },
              },
              null,
              2,
            ),
            "package-lock.json": JSON.stringify({ name: "@example/ui-kit", lockfileVersion: 3, requires: true, packages: {} }, null, 2),
            "src/index.ts": `export function buttonClass(variant: "primary" | "secondary"): string {
  return variant === "primary" ? "btn btn-primary" : "btn";
}
`,
            "tsconfig.json": JSON.stringify({ compilerOptions: { outDir: "dist", declaration: true, strict: true } }, null, 2),
          },
        },
      ],
    },
    {
      name: "handbook",
      description: "Engineering handbook (documentation only)",
      commits: [
        {
          message: "Handbook",
          files: {
            "README.md": "# Handbook\n\nHow we build and run services.\n",
            "docs/deploying.md": "# Deploying\n\nEvery merge to main is deployed by CI.\n",
            "docs/oncall.md": "# On-call\n\nPage the owner of the failing service.\n",
          },
        },
      ],
    },
  ];
}

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Demo",
  GIT_AUTHOR_EMAIL: "demo@example.invalid",
  GIT_COMMITTER_NAME: "Demo",
  GIT_COMMITTER_EMAIL: "demo@example.invalid",
};

async function git(cwd: string, args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  const { stdout } = await execFileP("git", ["-c", "core.hooksPath=/dev/null", ...args], {
    cwd,
    env: { PATH: processPath(), ...GIT_ENV, ...extraEnv } as unknown as NodeJS.ProcessEnv,
  });
  return stdout.trim();
}

/**
 * Writes a sample repository as a git repository (branch main) under `dir`, replacing what was there.
 * Commit dates are fixed so the demo produces the same commit SHAs every time.
 */
export async function writeSampleRepo(dir: string, repo: SampleRepo): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await git(dir, ["init", "-q", "-b", "main", "--template="]);
  let day = 1;
  for (const commit of repo.commits) {
    for (const [rel, content] of Object.entries(commit.files)) {
      const file = path.join(dir, rel);
      if (content === null) {
        await rm(file, { force: true });
        continue;
      }
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    await git(dir, ["add", "-A"]);
    const date = `2026-01-${String(day++).padStart(2, "0")}T12:00:00Z`;
    await git(dir, ["commit", "-q", "-m", commit.message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  }
  return git(dir, ["rev-parse", "HEAD"]);
}

/** Writes every sample repository into `root` (one directory each). */
export async function writeSampleRepos(root: string): Promise<{ name: string; dir: string; head: string }[]> {
  const out = [];
  for (const repo of sampleRepos()) {
    const dir = path.join(root, repo.name);
    out.push({ name: repo.name, dir, head: await writeSampleRepo(dir, repo) });
  }
  return out;
}
