import rule from "./f11-unbuffered-stdout.ts";
import { ruleTester } from "../testing.ts";

const worker = "import time\n\ndef run():\n    print('start')\n    while True:\n        print('tick')\n        time.sleep(1)\n        print('done')\n";
const base = { "requirements.txt": "redis==5.0\n", "app/worker.py": worker };

ruleTester(rule, {
  valid: [
    {
      name: "ENV PYTHONUNBUFFERED=1",
      files: { ...base, Dockerfile: "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD [\"python\",\"-m\",\"app.worker\"]\n" },
    },
    {
      name: "python -u in the start command",
      files: { ...base, Dockerfile: "FROM python:3.12-slim\nCMD [\"python\",\"-u\",\"-m\",\"app.worker\"]\n" },
    },
    {
      name: "logging module only (prints with flush=True)",
      files: { "requirements.txt": "redis==5.0\n", "app/worker.py": "import logging\nlog = logging.getLogger(__name__)\nlog.info('a')\nprint('b', flush=True)\n", Dockerfile: "FROM python:3.12-slim\nCMD [\"python\",\"-m\",\"app.worker\"]\n" },
    },
    {
      name: "Procfile-only app on a buildpack is na",
      files: { ...base, Procfile: "worker: python -m app.worker\n" },
      status: "na",
    },
  ],
  invalid: [
    {
      name: "print-based logging in a container without PYTHONUNBUFFERED",
      files: { ...base, Dockerfile: "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\",\"-m\",\"app.worker\"]\n" },
      findings: [{ path: "Dockerfile", line: 1, severity: "low" }],
    },
    {
      name: "PYTHONUNBUFFERED=0 does not count; multi-stage reports the final FROM",
      files: { ...base, Dockerfile: "FROM python:3.12 AS build\nRUN pip wheel -r requirements.txt -w /w\nFROM python:3.12-slim\nENV PYTHONUNBUFFERED=0\nCMD [\"python\",\"-m\",\"app.worker\"]\n" },
      findings: [{ path: "Dockerfile", line: 3 }],
    },
  ],
});
