import rule from "./f07-port-from-env.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string> = { express: "^4" }) => JSON.stringify({ name: "svc", private: true, dependencies: deps });

ruleTester(rule, {
  valid: [
    { name: "process.env.PORT with fallback", files: { "package.json": pkg(), "server.js": "const app = require('express')();\napp.listen(process.env.PORT || 3000);\n" } },
    { name: "gunicorn binds $PORT in the Procfile", files: { "requirements.txt": "django==5.0\ngunicorn==22.0\n", "Procfile": "web: gunicorn app.wsgi --bind 0.0.0.0:$PORT\n", "manage.py": "import os\n" } },
    { name: "Python os.environ port", files: { "requirements.txt": "flask==3.0\n", "Dockerfile": "FROM python:3.12\nCMD [\"python\",\"app.py\"]\n", "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\napp.run(host='0.0.0.0', port=int(os.environ.get('PORT', 5000)))\n" } },
    { name: "next start honours PORT", files: { "package.json": JSON.stringify({ name: "web", private: true, scripts: { start: "next start" }, dependencies: { next: "15.0.0", react: "19.0.0" } }), "app/page.tsx": "export default function Page() { return null }\n" } },
  ],
  invalid: [
    { name: "literal port only", files: { "package.json": pkg(), "server.js": "const app = require('express')();\napp.listen(3000);\n" }, status: "fail" },
    { name: "Go literal address", files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n' }, status: "fail" },
  ],
});
