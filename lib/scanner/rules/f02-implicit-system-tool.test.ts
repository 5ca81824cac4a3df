import rule from "./f02-implicit-system-tool.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string> = {}) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ...deps } });
const thumb = "const { execFile } = require('node:child_process');\nexports.thumb = (src, dst) => execFile('convert', [src, '-resize', '200x200', dst]);\n";

ruleTester(rule, {
  valid: [
    {
      name: "ImageMagick installed in the final stage",
      files: { "package.json": pkg(), "src/thumb.js": thumb, Dockerfile: "FROM node:22-slim\nRUN apt-get update && apt-get install -y --no-install-recommends imagemagick && rm -rf /var/lib/apt/lists/*\nCMD [\"node\",\"src/thumb.js\"]\n" },
    },
    {
      name: "ffmpeg bundled by ffmpeg-static; core utilities ignored",
      files: {
        "package.json": pkg({ "ffmpeg-static": "^5.2.0" }),
        "src/video.js": "const cp = require('child_process');\ncp.spawn('ffmpeg', ['-i', 'a.mp4']);\ncp.execSync('mkdir -p /tmp/x && ls /tmp/x');\n",
        Dockerfile: "FROM node:22-alpine\nCMD [\"node\",\"src/video.js\"]\n",
      },
    },
    {
      name: "full official node image ships git and curl",
      files: { "package.json": pkg(), "src/rev.js": "const { execSync } = require('child_process');\nexports.rev = () => execSync('git rev-parse HEAD').toString();\n", Dockerfile: "FROM node:22\nCMD [\"node\",\"src/rev.js\"]\n" },
    },
    {
      name: "no shelling out at all is na",
      files: { "package.json": pkg(), "src/a.js": "module.exports = 1;\n" },
      status: "na",
    },
  ],
  invalid: [
    {
      name: "Ruby system() with env prefix and interpolation; bin/rails and declared gems are fine",
      files: {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'rake'\n", "Gemfile.lock": "GEM\n", "config.ru": "run Rails.application\n", "bin/rails": "#!/usr/bin/env ruby\n",
        "app/jobs/backup.rb": "class Backup\n  def run\n    system(\"bin/rails db:migrate\")\n    system(\"rake assets:precompile\")\n    system(\"PGPASSWORD='#{ENV[\"DB_PASSWORD\"]}' pg_dump -Fc #{db}\")\n  end\nend\n",
        Dockerfile: "FROM ruby:3.3-slim\nCMD [\"bin/rails\", \"server\"]\n",
      },
      findings: 1,
    },
    {
      name: "convert in a slim image that does not install it",
      files: { "package.json": pkg(), "src/thumb.js": thumb, Dockerfile: "FROM node:22-slim\nCMD [\"node\",\"src/thumb.js\"]\n" },
      findings: [{ path: "src/thumb.js", line: 2, severity: "medium" }],
    },
    {
      name: "Python subprocess pdftotext and Go exec.Command wkhtmltopdf on distroless",
      files: {
        "requirements.txt": "flask==3.0.0\n",
        "app/pdf.py": "import subprocess\n\ndef text(p):\n    return subprocess.check_output(['pdftotext', p, '-'])\n",
        Dockerfile: "FROM python:3.12-slim\nCMD [\"gunicorn\",\"app:app\"]\n",
      },
      findings: [{ path: "app/pdf.py", line: 4, severity: "medium" }],
    },
    {
      name: "no build definition at all: reported with low confidence",
      files: { "go.mod": "module example.com/x\n\ngo 1.22\n", "main.go": "package main\n\nimport \"os/exec\"\n\nfunc main() {\n\texec.Command(\"wkhtmltopdf\", \"in.html\", \"out.pdf\").Run()\n}\n", Procfile: "web: ./x\n" },
      findings: [{ path: "main.go", line: 6 }],
    },
  ],
});
