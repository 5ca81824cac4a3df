import rule from "./f08-concurrency-from-env.ts";
import { ruleTester } from "../testing.ts";

const py = { "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n" };

ruleTester(rule, {
  valid: [
    { name: "gunicorn default reads WEB_CONCURRENCY", files: { ...py, Procfile: "web: gunicorn app:app\n" }, status: "pass" },
    { name: "gunicorn -w from env", files: { ...py, Procfile: "web: gunicorn -w ${WEB_CONCURRENCY:-2} app:app\n" }, status: "pass" },
    {
      name: "Rails puma.rb from env",
      files: { Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'puma'\n", Procfile: "web: bundle exec puma -C config/puma.rb\n", "config/puma.rb": "workers ENV.fetch(\"WEB_CONCURRENCY\") { 2 }\nthreads_count = ENV.fetch(\"RAILS_MAX_THREADS\") { 5 }\nthreads threads_count, threads_count\n" },
      status: "pass",
    },
    {
      name: "puma threads via a local variable read from env",
      files: { Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'puma'\n", Procfile: "web: bundle exec puma -C config/puma.rb\n", "config/puma.rb": "max_threads_count = ENV.fetch(\"RAILS_MAX_THREADS\") { 5 }\nthreads max_threads_count, max_threads_count\n" },
      status: "pass",
    },
    { name: "plain Node service needs no worker setting", files: { "package.json": JSON.stringify({ name: "a", private: true, dependencies: { express: "^4" } }), "server.js": "require('express')().listen(process.env.PORT);\n" }, status: "na" },
  ],
  invalid: [
    { name: "gunicorn.conf.py with cpu_count", files: { ...py, Procfile: "web: gunicorn -c gunicorn.conf.py app:app\n", "gunicorn.conf.py": "import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\n" }, status: "partial" },
    {
      name: "puma workers via a hard-coded local variable",
      files: { Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'puma'\n", Procfile: "web: bundle exec puma -C config/puma.rb\n", "config/puma.rb": "n = 4\nworkers n\n" },
      status: "partial",
    },
    { name: "hard-coded uvicorn workers", files: { "requirements.txt": "fastapi\nuvicorn\n", "main.py": "from fastapi import FastAPI\napp = FastAPI()\n", Dockerfile: "FROM python:3.12\nCMD [\"uvicorn\", \"main:app\", \"--workers\", \"4\"]\n" }, status: "partial" },
    {
      name: "cluster.fork per os.cpus()",
      files: {
        "package.json": JSON.stringify({ name: "a", private: true, dependencies: { express: "^4" } }),
        Dockerfile: "FROM node:22\nCMD [\"node\", \"server.js\"]\n",
        "server.js": "const cluster = require('cluster');\nconst os = require('os');\nif (cluster.isPrimary) {\n  for (let i = 0; i < os.cpus().length; i++) cluster.fork();\n} else {\n  require('express')().listen(process.env.PORT);\n}\n",
      },
      status: "partial",
    },
  ],
});
