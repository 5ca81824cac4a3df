import rule from "./f03-env-file-required.ts";
import { ruleTester } from "../testing.ts";

const gomod = "module example.com/app\n\ngo 1.22\n\nrequire github.com/joho/godotenv v1.5.1\n";
const serve = "\nfunc main() {\n\thttp.ListenAndServe(\":\"+os.Getenv(\"PORT\"), nil)\n}\n";
const head = "package main\n\nimport (\n\t\"log\"\n\t\"net/http\"\n\t\"os\"\n\n\t\"github.com/joho/godotenv\"\n)\n";

ruleTester(rule, {
  valid: [
    {
      name: "Go: the .env file is optional (error ignored)",
      files: { "go.mod": gomod, "main.go": head + "\nfunc init() {\n\t_ = godotenv.Load()\n\tlog.Println(\"starting\")\n}\n" + serve },
    },
    {
      name: "JS: a missing .env file only warns",
      files: {
        "package.json": JSON.stringify({ name: "api", dependencies: { express: "^4.19.0", dotenv: "^16.0.0" } }),
        "src/server.js": "const result = require('dotenv').config();\nif (result.error) console.warn('no .env file, using the environment');\nrequire('express')().listen(process.env.PORT);\n",
      },
    },
    {
      name: "no dotenv at all",
      files: { "go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n" + serve },
      status: "na",
    },
    {
      name: "v2: a load-and-abort example quoted in a string (a rule's docs, a template) is not a call",
      files: {
        "package.json": JSON.stringify({ name: "api", dependencies: { express: "^4.19.0", dotenv: "^16.0.0" } }),
        "src/server.js": "require('dotenv').config();\nrequire('express')().listen(process.env.PORT);\n",
        "src/docs.js": "export const bad = \"const r = dotenv.config();\\nif (r.error) { process.exit(1); }\";\nexport const also = `godotenv.Load()\\nif err != nil { log.Fatal(err) }`;\n",
      },
    },
  ],
  invalid: [
    {
      name: "Go: init() calls log.Fatal when godotenv.Load() fails",
      files: { "go.mod": gomod, "app/main.go": head + "\nfunc init() {\n\terr := godotenv.Load()\n\tif err != nil {\n\t\tlog.Fatal(\"Error loading .env file\")\n\t}\n}\n" + serve },
      findings: [{ path: "app/main.go", line: 12, severity: "medium" }],
    },
    {
      name: "JS: throws when dotenv.config() reports an error",
      files: {
        "package.json": JSON.stringify({ name: "api", dependencies: { express: "^4.19.0", dotenv: "^16.0.0" } }),
        "src/server.js": "const dotenv = require('dotenv');\nconst result = dotenv.config();\nif (result.error) {\n  throw result.error;\n}\nrequire('express')().listen(process.env.PORT);\n",
      },
      findings: [{ path: "src/server.js", line: 2 }],
    },
  ],
});
