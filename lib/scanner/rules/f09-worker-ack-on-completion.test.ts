import rule from "./f09-worker-ack-on-completion.ts";
import { ruleTester } from "../testing.ts";

const celeryReq = "celery==5.4.0\nredis==5.0.0\n";

ruleTester(rule, {
  valid: [
    {
      name: "Celery with task_acks_late",
      files: { "requirements.txt": celeryReq, Procfile: "worker: celery -A tasks worker\n", "tasks.py": "from celery import Celery\napp = Celery('tasks')\napp.conf.task_acks_late = True\napp.conf.task_reject_on_worker_lost = True\n\n@app.task\ndef add(x, y):\n    return x + y\n" },
    },
    {
      name: "amqplib with manual ack",
      files: {
        "package.json": JSON.stringify({ name: "w", private: true, dependencies: { amqplib: "^0.10.0" } }),
        Procfile: "worker: node worker.js\n",
        "worker.js": "const amqp = require('amqplib');\nasync function main() {\n  const ch = await (await amqp.connect(process.env.AMQP_URL)).createChannel();\n  ch.consume('jobs', async (msg) => { await handle(msg); ch.ack(msg); });\n}\nasync function handle() {}\nmain();\n",
      },
    },
    {
      name: "BullMQ default redelivers stalled jobs",
      files: { "package.json": JSON.stringify({ name: "w", private: true, dependencies: { bullmq: "^5.0.0" } }), Procfile: "worker: node worker.js\n", "worker.js": "const { Worker } = require('bullmq');\nnew Worker('q', async (job) => {});\n" },
      status: "pass",
    },
    {
      name: "no queue consumer",
      files: { "package.json": JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } }), "server.js": "require('express')().listen(process.env.PORT);\n" },
      status: "na",
    },
  ],
  invalid: [
    {
      name: "Celery default early ack",
      files: { "requirements.txt": celeryReq, Procfile: "worker: celery -A tasks worker\n", "tasks.py": "from celery import Celery\napp = Celery('tasks', broker='redis://')\n\n@app.task\ndef add(x, y):\n    return x + y\n" },
      findings: [{ path: "tasks.py", line: 2, severity: "low" }],
    },
    {
      name: "amqplib consume with noAck: true",
      files: {
        "package.json": JSON.stringify({ name: "w", private: true, dependencies: { amqplib: "^0.10.0" } }),
        Procfile: "worker: node worker.js\n",
        "worker.js": "const amqp = require('amqplib');\nasync function main() {\n  const ch = await (await amqp.connect(process.env.AMQP_URL)).createChannel();\n  ch.consume('jobs', handle, { noAck: true });\n}\nasync function handle() {}\nmain();\n",
      },
      findings: [{ path: "worker.js", line: 4, severity: "low" }],
    },
    {
      name: "pika basic_consume(auto_ack=True)",
      files: { "requirements.txt": "pika==1.3.2\n", Procfile: "worker: python consumer.py\n", "consumer.py": "import pika\nch = pika.BlockingConnection().channel()\nch.basic_consume(queue='jobs', on_message_callback=handle, auto_ack=True)\nch.start_consuming()\n" },
      findings: [{ path: "consumer.py", line: 3 }],
    },
  ],
});
