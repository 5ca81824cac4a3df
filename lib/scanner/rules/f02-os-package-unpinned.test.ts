import rule from "./f02-os-package-unpinned.ts";
import { ruleTester } from "../testing.ts";

const config = "rules:\n  F02-OS-PACKAGE-UNPINNED:\n    enabled: true\n";
const py = { "requirements.txt": "flask==3.0.0\n", "app.py": "import flask\n", ".twelve-factor.yml": config };

ruleTester(rule, {
  valid: [
    {
      name: "pinned apt and apk packages",
      files: { ...py, Dockerfile: "FROM python:3.12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 -t bookworm-backports libpq5=15.6-0+deb12u1 && rm -rf /var/lib/apt/lists/*\nRUN apk add --no-cache --virtual .build-deps tini=0.19.0-r2\nCMD [\"python\",\"app.py\"]\n" },
    },
    {
      name: "apt-get update / upgrade only, variable package lists, local .deb",
      files: { ...py, Dockerfile: "FROM python:3.12\nRUN apt-get update && apt-get install -y $BUILD_DEPS ./vendor/tool_1.0_amd64.deb\nCMD [\"python\",\"app.py\"]\n" },
    },
    {
      name: "hadolint ignore=DL3008 honoured",
      files: { ...py, Dockerfile: "FROM python:3.12\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y curl\nCMD [\"python\",\"app.py\"]\n" },
    },
    {
      name: "dev Dockerfile skipped",
      files: { ...py, Dockerfile: "FROM python:3.12\nCMD [\"python\",\"app.py\"]\n", "Dockerfile.dev": "FROM python:3.12\nRUN apt-get install -y vim\n" },
    },
  ],
  invalid: [
    {
      name: "apt-get install curl in the final stage",
      files: { ...py, Dockerfile: "FROM python:3.12-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl libpq5 \\\n && rm -rf /var/lib/apt/lists/*\nCMD [\"python\",\"app.py\"]\n" },
      findings: [{ path: "Dockerfile", line: 2, severity: "low", snippet: "apt-get update" }],
    },
    {
      name: "apk add in build stage is info, yum install in final is low",
      files: { ...py, Dockerfile: "FROM alpine:3.20 AS build\nRUN apk add --no-cache build-base\nFROM rockylinux:9\nRUN dnf install -y python3 && dnf clean all\nCMD [\"python3\",\"app.py\"]\n" },
      findings: [
        { path: "Dockerfile", line: 2, severity: "info" },
        { path: "Dockerfile", line: 4, severity: "low" },
      ],
    },
  ],
});
