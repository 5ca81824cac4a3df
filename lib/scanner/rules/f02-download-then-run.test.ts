import rule from "./f02-download-then-run.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const base = { "package.json": pkg, "package-lock.json": "{}", "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    {
      name: "download verified with sha256sum -c before extraction",
      files: { ...base, Dockerfile: "FROM node:22\nRUN curl -fsSLo tool.sh https://example.com/tool-1.2.3.sh \\\n && echo \"abc123  tool.sh\" | sha256sum -c - \\\n && sh tool.sh\nCMD [\"node\",\"server.js\"]\n" },
    },
    {
      name: "curl piped into tar / gpg is not execution",
      files: { ...base, Dockerfile: "FROM node:22\nRUN curl -fsSL https://example.com/x.tgz | tar xz -C /opt\nRUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\nCMD [\"node\",\"server.js\"]\n" },
    },
    {
      name: "downloaded binary installed but not executed as a script",
      files: { ...base, Dockerfile: "FROM node:22\nRUN curl -fsSLo /usr/local/bin/tini https://github.com/krallin/tini/releases/download/v0.19.0/tini && chmod +x /usr/local/bin/tini\nCMD [\"node\",\"server.js\"]\n" },
    },
    {
      name: "ADD with --checksum",
      files: { ...base, Dockerfile: "FROM node:22\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2015d0549b8a0f2a https://example.com/install.sh /tmp/install.sh\nRUN sh /tmp/install.sh\nCMD [\"node\",\"server.js\"]\n" },
    },
    {
      name: "curl used to call an API in CI",
      files: { ...base, ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -fsS -X POST https://api.example.com/hook | jq .\n" },
    },
  ],
  invalid: [
    { name: "v5: an installer run in a dev container image (.devcontainer/) is info", files: { ...base, ".devcontainer/Dockerfile": "FROM mcr.microsoft.com/vscode/devcontainers/typescript-node:22\nRUN sh -c \"$(curl --location https://taskfile.dev/install.sh)\" -- -d -b ~/.local/bin\n" }, findings: [{ path: ".devcontainer/Dockerfile", line: 2, severity: "info" }], status: "pass" },
    { name: "v5 control: the same installer in a Dockerfile.dev stays one level lower (medium)", files: { ...base, "Dockerfile.dev": "FROM node:22\nRUN sh -c \"$(curl --location https://taskfile.dev/install.sh)\" -- -d -b ~/.local/bin\n" }, findings: [{ path: "Dockerfile.dev", line: 2, severity: "medium" }] },
    { name: "v2: an installer pinned to a full commit SHA is low (no score impact)", files: { "go.mod": "module x\n\ngo 1.22\n", "scripts/devtools.sh": "#!/bin/sh\ncurl -sSfL https://raw.githubusercontent.com/golangci/golangci-lint/6008b81b81c690c046ffc3fd5bce896da715d5fd/install.sh | sh -s -- -b /usr/local/bin v2.11.3\n" }, findings: [{ path: "scripts/devtools.sh", line: 2, severity: "low" }] },
    { name: "v2: the same installer from a branch URL stays high", files: { "go.mod": "module x\n\ngo 1.22\n", "scripts/devtools.sh": "#!/bin/sh\ncurl -sSfL https://raw.githubusercontent.com/golangci/golangci-lint/master/install.sh | sh -s -- -b /usr/local/bin v2.11.3\n" }, findings: [{ path: "scripts/devtools.sh", line: 2, severity: "high" }] },
    {
      name: "curl | bash in a Dockerfile is high",
      files: { ...base, Dockerfile: "FROM node:22\nRUN apt-get update && \\\n    curl -fsSL https://deb.nodesource.com/setup_20.x | bash -\nCMD [\"node\",\"server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 2, severity: "high" }],
    },
    {
      name: "wget -qO- | sudo sh in CI is medium",
      files: { ...base, ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          echo start\n          wget -qO- https://get.example.com | sudo sh\n" },
      findings: [{ path: ".github/workflows/ci.yml", line: 9, severity: "medium" }],
    },
    {
      name: "download in one RUN, execute in a later RUN of the same stage",
      files: { ...base, Dockerfile: "FROM python:3.12\nRUN curl -sSL -o /tmp/install-poetry.py https://install.python-poetry.org\nRUN python3 /tmp/install-poetry.py\nCMD [\"python\",\"app.py\"]\n" },
      findings: [{ path: "Dockerfile", line: 3, severity: "high" }],
    },
    {
      name: "bash <(curl …) in an entrypoint script",
      files: { ...base, Dockerfile: "FROM node:22\nCOPY docker-entrypoint.sh /\nENTRYPOINT [\"/docker-entrypoint.sh\"]\n", "docker-entrypoint.sh": "#!/bin/sh\nset -e\nbash <(curl -s https://example.com/bootstrap.sh)\nexec node server.js\n" },
      findings: [{ path: "docker-entrypoint.sh", line: 3, severity: "high" }],
    },
    {
      name: "ADD remote script then RUN it",
      files: { ...base, Dockerfile: "FROM node:22\nADD https://example.com/install.sh /tmp/\nRUN sh /tmp/install.sh\nCMD [\"node\",\"server.js\"]\n" },
      findings: [{ path: "Dockerfile", line: 3, severity: "high" }],
    },
    {
      name: "dev Dockerfile is one level lower",
      files: { ...base, Dockerfile: "FROM node:22\nCMD [\"node\",\"server.js\"]\n", "Dockerfile.dev": "FROM node:22\nRUN curl -fsSL https://get.example.com | sh\n" },
      findings: [{ path: "Dockerfile.dev", line: 2, severity: "medium" }],
    },
  ],
});
