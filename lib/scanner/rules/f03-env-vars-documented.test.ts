import rule from "./f03-env-vars-documented.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const server = "const express = require('express');\nconst db = process.env.DATABASE_URL;\nconst key = process.env.STRIPE_KEY;\nexpress().listen(process.env.PORT);\n";

ruleTester(rule, {
  valid: [
    {
      name: ".env.example lists every variable (PORT is platform-provided)",
      files: { "package.json": pkg, "server.js": server, ".env.example": "DATABASE_URL=\nSTRIPE_KEY=\n" },
    },
    {
      name: "k8s Deployment env + README table",
      files: {
        "package.json": pkg, "server.js": server,
        "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1.0\n          env:\n            - name: DATABASE_URL\n              valueFrom:\n                secretKeyRef: { name: db, key: url }\n",
        "README.md": "# API\n\n| Variable | Meaning |\n|---|---|\n| `STRIPE_KEY` | Stripe secret key |\n",
      },
    },
    {
      name: "optional variables with in-code defaults need not be documented",
      files: { "package.json": pkg, "server.js": "const express = require('express');\nconst db = process.env.DATABASE_URL;\nconst level = process.env.LOG_LEVEL || 'info';\nexpress().listen(process.env.PORT);\n", ".env.example": "DATABASE_URL=\n" },
    },
    {
      name: "no env reads at all is na",
      files: { "package.json": pkg, "server.js": "require('express')().listen(8080);\n" },
      status: "na",
    },
    {
      name: "reads only in a dev settings file do not count",
      files: { "requirements.txt": "django==5.0\n", "mysite/settings/dev.py": "import os\nX = os.environ['LOCAL_ONLY']\n", "mysite/settings/base.py": "import os\nDB = os.environ['DATABASE_URL']\n", "app.json": "{\"env\": {\"DATABASE_URL\": {\"required\": true}}}\n" },
    },
  ],
  invalid: [
    {
      name: "no contract at all → absence score",
      files: { "package.json": pkg, "server.js": server },
      findings: [{ path: "server.js", severity: "info" }],
    },
    {
      name: "one of two variables documented → partial with the missing one listed",
      files: { "package.json": pkg, "server.js": server, ".env.example": "DATABASE_URL=postgres://localhost/dev\n" },
      findings: [{ path: "server.js", line: 3, severity: "info", message: "not documented" }],
    },
  ],
});
