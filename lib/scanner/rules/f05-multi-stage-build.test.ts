import rule from "./f05-multi-stage-build.ts";
import { ruleTester } from "../testing.ts";

const go = { "go.mod": "module x\n\ngo 1.22\n", "main.go": 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n' };
const node = { "package.json": JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4" } }), "server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    { name: "multi-stage with distroless runtime", files: { ...go, "Dockerfile": 'FROM golang:1.22 AS build\nCOPY . .\nRUN go build -o /app\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nCMD ["/app"]\n' } },
    { name: "buildpacks project.toml", files: { ...node, "project.toml": "[_]\nschema-version = \"0.2\"\n" } },
  ],
  invalid: [
    { name: "single stage with the Go SDK", files: { ...go, "Dockerfile": 'FROM golang:1.22\nCOPY . .\nRUN go build -o app\nCMD ["./app"]\n' }, status: "fail" },
    { name: "multi-stage but gcc in the runtime stage", files: { ...node, "Dockerfile": 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim\nRUN apt-get update && apt-get install -y build-essential\nCOPY --from=build /app /app\nCMD ["node","server.js"]\n' }, status: "partial" },
    { name: "single-stage node with a build step", files: { ...node, "Dockerfile": 'FROM node:22\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node","dist/server.js"]\n' }, status: "fail" },
    { name: "single-stage slim runtime without compile is acceptable but not best", files: { ...node, "Dockerfile": 'FROM node:22-slim\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node","server.js"]\n' }, status: "partial" },
  ],
});
