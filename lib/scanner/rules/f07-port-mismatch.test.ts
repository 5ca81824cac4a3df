import rule from "./f07-port-mismatch.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const server = (expr: string) => ({ "package.json": pkg, "src/server.js": `const app = require('express')();\napp.listen(${expr});\n` });
const deploy = (containerPort: number, env = "", probe = "") =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.0.0\n${env}          ports:\n            - name: http\n              containerPort: ${containerPort}\n${probe}`;
const service = (target: string | number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n      targetPort: ${target}\n`;

ruleTester(rule, {
  valid: [
    { name: "everything on 8080", files: { ...server("8080"), "k8s/deploy.yaml": deploy(8080), "k8s/service.yaml": service("http") } },
    {
      name: "PORT set in the container env overrides the code fallback",
      files: { ...server("process.env.PORT || 3000"), "k8s/deploy.yaml": deploy(8080, '          env:\n            - name: PORT\n              value: "8080"\n'), "k8s/service.yaml": service(8080) },
    },
    { name: "fly internal_port matches PORT in [env]", files: { ...server("Number(process.env.PORT)"), "fly.toml": 'app = "api"\n\n[env]\n  PORT = "8080"\n\n[http_service]\n  internal_port = 8080\n' } },
    { name: "app port unknown (config module): not judged", files: { ...server("config.port"), "k8s/deploy.yaml": deploy(8080), "k8s/service.yaml": service("http") } },
    {
      name: "metrics probe on an auxiliary listener",
      files: {
        "package.json": pkg,
        "src/server.js": "const app = require('express')();\nconst metrics = require('express')();\napp.listen(8080);\nmetrics.listen(9090);\n",
        "k8s/deploy.yaml": deploy(8080, "", "          livenessProbe:\n            httpGet:\n              path: /metrics\n              port: 9090\n"),
      },
    },
    {
      name: "compose port of another unit (nginx) is not the app's",
      files: {
        "app/requirements.txt": "django==5.0\ngunicorn==22.0\n", "app/manage.py": "import django\n", "app/Dockerfile": 'FROM python:3.12\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "p.wsgi"]\n',
        "nginx/Dockerfile": "FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\n", "nginx/nginx.conf": "server { listen 80; }\n",
        "docker-compose.prod.yml": "services:\n  web:\n    build: ./app\n    command: gunicorn p.wsgi --bind 0.0.0.0:8000\n    expose:\n      - 8000\n  nginx:\n    build: ./nginx\n    ports:\n      - 1337:80\n",
      },
      options: { units: [{ path: "app", kind: "service" }, { path: "nginx", kind: "static" }] },
      status: ["pass", "na"],
    },
    { name: "nothing to compare: na", files: server("process.env.PORT"), options: { kind: "service" }, status: "na" },
    { name: "v4 (session12b: squidex): a development-only Kestrel listen is not the app's port", files: { "Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n</Project>\n", "Program.cs": "var builder = WebApplication.CreateBuilder(args);\nbuilder.WebHost.ConfigureKestrel((context, o) =>\n{\n    if (context.HostingEnvironment.IsDevelopment())\n    {\n        o.ListenAnyIP(5000);\n    }\n});\nbuilder.Build().Run();\n", Dockerfile: "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\nEXPOSE 80\nENV ASPNETCORE_HTTP_PORTS=80\nENTRYPOINT [\"dotnet\", \"Api.dll\"]\n" } },
    {
      name: "v5 (session12b: squidex): a compose service running a ready-made image with `command: serve --port 1026` is not the app",
      files: { "requirements.txt": "flask==3.0\ngunicorn==22.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n", Dockerfile: 'FROM python:3.12\nEXPOSE 8000\n', "deploy/docker-compose.prod.yml": "services:\n  webhookcatcher:\n    image: tarampampam/webhook-tester:2\n    command: serve --port 1026\n" },
    },
  ],
  invalid: [
    { name: "Service targetPort 3000 but app listens on 8080", files: { ...server("8080"), "k8s/deploy.yaml": deploy(8080), "k8s/service.yaml": service(3000) }, findings: [{ path: "k8s/service.yaml", line: 10, severity: "medium" }] },
    { name: "named targetPort the pod does not declare", files: { ...server("process.env.PORT"), "k8s/deploy.yaml": deploy(8080), "k8s/service.yaml": service("web") }, findings: [{ path: "k8s/service.yaml", line: 10, severity: "medium" }] },
    { name: "fallback 3000 with containerPort 8080 and no PORT env", files: { ...server("process.env.PORT ?? 3000"), "k8s/deploy.yaml": deploy(8080) }, findings: [{ path: "k8s/deploy.yaml", line: 19, severity: "medium" }] },
    { name: "fly internal_port differs", files: { ...server("3000"), "fly.toml": 'app = "api"\n\n[http_service]\n  internal_port = 8080\n' }, findings: [{ path: "fly.toml", line: 4, severity: "medium" }] },
    { name: "EXPOSE alone disagrees: low", files: { ...server("3000"), Dockerfile: 'FROM node:22\nEXPOSE 8080\nCMD ["node", "src/server.js"]\n' }, findings: [{ path: "Dockerfile", line: 2, severity: "low" }] },
    {
      name: "gunicorn --bind port vs compose mapping",
      files: { "requirements.txt": "flask==3.0\ngunicorn==22.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n", Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n', "docker-compose.prod.yml": "services:\n  web:\n    build: .\n    ports:\n      - \"80:5000\"\n" },
      findings: [{ path: "docker-compose.prod.yml", line: 5, severity: "medium" }],
    },
    { name: "v4 control: the same listen outside the development block disagrees with EXPOSE", files: { "Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n</Project>\n", "Program.cs": "var builder = WebApplication.CreateBuilder(args);\nbuilder.WebHost.ConfigureKestrel((context, o) =>\n{\n    o.ListenAnyIP(5000);\n});\nbuilder.Build().Run();\n", Dockerfile: "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\nEXPOSE 80\nENV ASPNETCORE_HTTP_PORTS=80\nENTRYPOINT [\"dotnet\", \"Api.dll\"]\n" }, findings: [{ path: "Dockerfile", line: 3, severity: "low" }] },
    {
      name: "v5 control: the same command on a service built from the repository is judged",
      files: { "requirements.txt": "flask==3.0\ngunicorn==22.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n", Dockerfile: 'FROM python:3.12\nEXPOSE 8000\n', "docker-compose.prod.yml": "services:\n  web:\n    build: .\n    command: gunicorn --bind 0.0.0.0:5000 app:app\n" },
      findings: [{ path: "Dockerfile", line: 2, severity: "low" }],
    },
  ],
});
