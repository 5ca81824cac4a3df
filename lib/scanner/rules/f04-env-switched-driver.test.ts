import rule from "./f04-env-switched-driver.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ioredis: "^5", "@aws-sdk/client-s3": "^3" } });

ruleTester(rule, {
  valid: [
    {
      name: "one implementation selected by URL",
      files: { "package.json": pkg, "src/cache.ts": "import Redis from 'ioredis';\nconst level = process.env.NODE_ENV === 'production' ? 'warn' : 'debug';\nexport const redis = new Redis(process.env.REDIS_URL!);\nexport const fallback = new Map();\n" },
    },
    {
      name: "env branch changing options of one client",
      files: { "package.json": pkg, "src/cache.ts": "import Redis from 'ioredis';\nexport const redis = process.env.NODE_ENV === 'production' ? new Redis(process.env.REDIS_URL!, { tls: {} }) : new Redis(process.env.REDIS_URL!);\nconst m = new Map();\n" },
    },
    {
      name: "Django DEBUG toggling only logging",
      files: { "requirements.txt": "django==5.0\n", "mysite/settings.py": "import os\nDEBUG = os.environ.get('DEBUG') == '1'\nif DEBUG:\n    LOGGING_LEVEL = 'DEBUG'\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql'}}\n" },
      options: { kind: "service" },
    },
    { name: "no env branches: na", files: { "package.json": pkg, "src/s.ts": "export const x = 1;\n" }, status: "na" },
  ],
  invalid: [
    {
      name: "S3 in production, local disk otherwise (ternary)",
      files: { "package.json": pkg, "src/storage.ts": "import { S3Client } from '@aws-sdk/client-s3';\nimport fs from 'fs';\nexport const save = process.env.NODE_ENV === 'production'\n  ? (k: string, b: Buffer) => new S3Client({}).send(k as any)\n  : (k: string, b: Buffer) => fs.writeFileSync(`uploads/${k}`, b);\n" },
      findings: [{ path: "src/storage.ts", line: 3, severity: "medium" }],
    },
    {
      name: "Redis vs Map by if/else",
      files: { "package.json": pkg, "src/cache.js": "const Redis = require('ioredis');\nlet cache;\nif (process.env.NODE_ENV === 'production') {\n  cache = new Redis(process.env.REDIS_URL);\n} else {\n  cache = new Map();\n}\nmodule.exports = cache;\n" },
      findings: [{ path: "src/cache.js", line: 3, severity: "medium" }],
    },
    {
      name: "Django sqlite under DEBUG, postgres otherwise",
      files: { "requirements.txt": "django==5.0\n", "mysite/settings.py": "import os\nDEBUG = os.environ.get('DEBUG') == '1'\nif DEBUG:\n    DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nelse:\n    DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': os.environ['DB_HOST']}}\n" },
      options: { kind: "service" },
      findings: [{ path: "mysite/settings.py", line: 3, severity: "medium" }],
    },
    {
      name: "Heroku-template style: DATABASE_URL on the platform, sqlite locally",
      files: { "requirements.txt": "django==5.0\ndj-database-url==2.1\n", "mysite/settings.py": "import os\nimport dj_database_url\nIS_HEROKU_APP = 'DYNO' in os.environ\nif IS_HEROKU_APP:\n    DATABASES = {'default': dj_database_url.config(env='DATABASE_URL')}\nelse:\n    DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n" },
      options: { kind: "service" },
      findings: [{ path: "mysite/settings.py", line: 4, severity: "medium" }],
    },
    {
      name: "console email backend in DEBUG is low",
      files: { "requirements.txt": "django==5.0\n", "mysite/settings.py": "EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\nif DEBUG:\n    EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'\n" },
      options: { kind: "service" },
      findings: [{ path: "mysite/settings.py", line: 2, severity: "low" }],
    },
    {
      name: "C# UseSqlite in development, UseNpgsql otherwise",
      files: { "Api.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n', "Program.cs": "var builder = WebApplication.CreateBuilder(args);\nif (builder.Environment.IsDevelopment())\n{\n    builder.Services.AddDbContext<Db>(o => o.UseSqlite(\"Data Source=app.db\"));\n}\nelse\n{\n    builder.Services.AddDbContext<Db>(o => o.UseNpgsql(builder.Configuration.GetConnectionString(\"Db\")));\n}\n" },
      options: { kind: "service" },
      findings: [{ path: "Program.cs", line: 2, severity: "medium" }],
    },
  ],
});
