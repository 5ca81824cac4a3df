import rule from "./f01-submodule-app-code.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const gitmodules = '[submodule "shared-lib"]\n\tpath = shared-lib\n\turl = git@github.com:acme/shared-lib.git\n[submodule "docs/theme"]\n\tpath = docs/theme\n\turl = https://github.com/acme/theme.git\n';

ruleTester(rule, {
  valid: [
    {
      name: "submodule exists but nothing references it",
      files: { "package.json": pkg, "server.js": "require('express')().listen(process.env.PORT);\n", ".gitmodules": gitmodules },
    },
    {
      name: "theme submodule used by docs only",
      files: { "package.json": pkg, "server.js": "require('express')().listen(process.env.PORT);\n", ".gitmodules": '[submodule "themes/hugo"]\n\tpath = themes/hugo\n\turl = https://github.com/x/y.git\n' },
      status: ["na", "pass"],
    },
    {
      name: "no .gitmodules",
      files: { "package.json": pkg, "server.js": "require('express')().listen(process.env.PORT);\n" },
      status: "na",
    },
  ],
  invalid: [
    {
      name: "relative import into the submodule",
      files: { "package.json": pkg, "src/app.js": "const express = require('express');\nconst { money } = require('../shared-lib/src/money');\n", ".gitmodules": gitmodules, "shared-lib/src/money.js": "exports.money = 1;\n" },
      findings: [{ path: ".gitmodules", line: 1, severity: "low" }],
    },
    {
      name: "go.mod replace into a protobuf submodule is info",
      files: { "go.mod": "module example.com/svc\n\ngo 1.22\n\nreplace example.com/protos => ./protos\n", "main.go": "package main\nfunc main() {}\n", ".gitmodules": '[submodule "protos"]\n\tpath = protos\n\turl = git@github.com:acme/protos.git\n' },
      findings: [{ path: ".gitmodules", line: 1, severity: "info" }],
    },
  ],
});
