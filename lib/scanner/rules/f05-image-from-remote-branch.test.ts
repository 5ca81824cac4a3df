import rule from "./f05-image-from-remote-branch.ts";
import { ruleTester } from "../testing.ts";

const goMod = "module github.com/acme/files\n\ngo 1.23\n";
const main = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8334", nil) }\n';
const svc = { kind: "service" as const };
const branchClone = (ref: string) =>
  `FROM alpine/git AS src\nWORKDIR /home\nARG GIT_REPO=https://github.com/acme/files\nARG GIT_BRANCH=${ref}\nRUN git clone --depth 1 --single-branch --branch \${GIT_BRANCH} \${GIT_REPO}\nFROM golang:1.23 AS build\nCOPY --from=src /home/files .\nRUN make build\nFROM debian:stable-slim\nCOPY --from=build /src/dist/ /app/\nCMD ["/app/files"]\nEXPOSE 8334\n`;

ruleTester(rule, {
  valid: [
    { name: "the image builds the build context: nothing to judge", files: { "go.mod": goMod, "main.go": main, Dockerfile: "FROM golang:1.23 AS build\nCOPY . .\nRUN go build -o /files\nFROM debian:stable-slim\nCOPY --from=build /files /files\nCMD [\"/files\"]\n" }, options: svc, status: "na" },
    { name: "a release tag of its own repository is an immutable ref (bagisto's --branch ${VERSION})", files: { "go.mod": goMod, "main.go": main, "docker/Dockerfile": branchClone("v2.3.0") }, options: svc },
    { name: "a ref argument with no default is supplied by the build (CI passes the tag or SHA)", files: { "go.mod": goMod, "main.go": main, Dockerfile: "FROM alpine/git AS src\nARG GIT_REF\nRUN git clone --branch ${GIT_REF} https://github.com/acme/files /src\nFROM golang:1.23\nCOPY --from=src /src .\nRUN make build\nCMD [\"./files\"]\n" }, options: svc },
    { name: "cloning another project's repository (a tool built from source) is not this rule's concern", files: { "go.mod": goMod, "main.go": main, Dockerfile: "FROM debian:12 AS tools\nRUN git clone --depth 1 --branch master https://github.com/vishnubob/wait-for-it.git\nFROM golang:1.23\nCOPY . .\nRUN go build -o /files\nCMD [\"/files\"]\n" }, options: svc },
    {
      name: "a stage the final image is not built from (uptime-kuma's pr-test target clones the repository to test a pull request)",
      files: { "go.mod": goMod, "main.go": main, Dockerfile: "FROM golang:1.23 AS pr-test\nRUN git clone https://github.com/acme/files.git .\nFROM golang:1.23 AS build\nCOPY . .\nRUN go build -o /files\nFROM debian:stable-slim AS release\nCOPY --from=build /files /files\nCMD [\"/files\"]\n" },
      options: svc,
      status: ["pass", "na"],
    },
    { name: "a development Dockerfile", files: { "go.mod": goMod, "main.go": main, "Dockerfile.dev": branchClone("master") }, options: svc, status: ["pass", "na"] },
  ],
  invalid: [
    { name: "filestash: a GIT_BRANCH argument defaulting to master, repository named by go.mod (the clone stage is copied into the build stage the final image copies from)", files: { "go.mod": goMod, "main.go": main, "docker/Dockerfile": branchClone("master") }, options: svc, findings: [{ path: "docker/Dockerfile", line: 5, message: "branch master" }] },
    {
      name: "filegator: the default branch of the project's own repository (composer name), no ref at all",
      files: {
        "composer.json": JSON.stringify({ name: "filegator/filegator", require: { php: ">=8.0" } }),
        "index.php": "<?php\necho 'files';\n",
        Dockerfile: "FROM php:8.3-apache\nRUN apt-get update && apt-get install -y git\nRUN git clone https://github.com/filegator/filegator.git /var/www/filegator/\nWORKDIR /var/www/filegator/\nRUN composer install --no-dev\nEXPOSE 80\n",
      },
      options: svc,
      findings: [{ path: "Dockerfile", line: 3, message: "default branch" }],
    },
  ],
});
