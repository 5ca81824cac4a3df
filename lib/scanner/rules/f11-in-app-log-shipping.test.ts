import rule from "./f11-in-app-log-shipping.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ...deps } });
const py = "django==5.0\ngunicorn==22.0.0\n";

// v5 (gotosocial): a syslog writer built by a wrapper whose call site decides whether it is an opt-in
const syslogWrapper = { "go.mod": "module x\n\ngo 1.22\n", "internal/log/init.go": "package log\n\nimport \"log/syslog\"\n\nvar sysout *syslog.Writer\n\n// EnableSyslog will enable logging to the syslog at given address.\nfunc EnableSyslog(proto, addr string) (err error) {\n\tsysout, err = syslog.Dial(proto, addr, 0, \"app\")\n\treturn err\n}\n" };

ruleTester(rule, {
  valid: [
    {
      name: "pino to stdout, Sentry for errors, OTel traces",
      files: {
        "package.json": pkg({ pino: "^9.0.0", "@sentry/node": "^8.0.0", "@opentelemetry/sdk-node": "^0.52.0" }),
        "src/logger.ts": "import pino from 'pino';\nimport * as Sentry from '@sentry/node';\nimport { NodeSDK } from '@opentelemetry/sdk-node';\nSentry.init({ dsn: process.env.SENTRY_DSN });\nnew NodeSDK().start();\nexport const logger = pino();\n",
      },
    },
    {
      name: "Python StreamHandler and Django AdminEmailHandler",
      files: {
        "requirements.txt": py,
        "mysite/settings.py": "LOGGING = {\n  'version': 1,\n  'handlers': {\n    'console': {'class': 'logging.StreamHandler'},\n    'mail_admins': {'class': 'django.utils.log.AdminEmailHandler', 'level': 'ERROR'},\n  },\n}\n",
      },
    },
    {
      name: "Laravel stock papertrail channel definition",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }), "config/logging.php": "<?php\nreturn ['channels' => ['papertrail' => ['driver' => 'monolog', 'handler' => SyslogUdpHandler::class, 'handler_with' => ['host' => env('PAPERTRAIL_URL')]]]];\n", "artisan": "#!/usr/bin/env php\n" },
    },
    {
      name: "shipping transport only in a test file",
      files: { "package.json": pkg({ winston: "^3.0.0" }), "src/app.js": "const winston = require('winston');\nmodule.exports = winston.createLogger({ transports: [new winston.transports.Console()] });\n", "test/log.test.js": "const WinstonCloudWatch = require('winston-cloudwatch');\nnew WinstonCloudWatch({ logGroupName: 'x' });\n" },
    },
    {
      name: "Python: the app's own class named SocketHandler (a socket.io handler) is not logging.handlers.SocketHandler",
      files: {
        "pyproject.toml": "[project]\nname = \"api\"\ndependencies = [\"fastapi\", \"uvicorn\"]\n",
        "backend/handler/socket_handler.py": "import socketio\n\nclass SocketHandler:\n    def __init__(self):\n        self.sio = socketio.AsyncServer()\n\nsocket_handler = SocketHandler()\n",
        "backend/main.py": "import logging, sys\nlogging.basicConfig(stream=sys.stdout)\nfrom fastapi import FastAPI\napp = FastAPI()\n",
      },
    },
  ],
  invalid: [
    {
      name: "Python: SocketHandler imported from logging.handlers (multi-line import) and used bare",
      files: {
        "pyproject.toml": "[project]\nname = \"api\"\ndependencies = [\"fastapi\", \"uvicorn\"]\n",
        "app/log.py": "import logging\nfrom logging.handlers import (\n    RotatingFileHandler,\n    SocketHandler,\n)\nlog = logging.getLogger()\nlog.addHandler(SocketHandler('logs.internal', 9020))\n",
      },
      findings: [{ path: "app/log.py", line: 4 }],
    },
    {
      name: "winston-cloudwatch transport constructed",
      files: {
        "package.json": pkg({ winston: "^3.0.0", "winston-cloudwatch": "^6.0.0" }),
        "src/logger.js": "const winston = require('winston');\nconst WinstonCloudWatch = require('winston-cloudwatch');\nconst logger = winston.createLogger();\nlogger.add(new WinstonCloudWatch({ logGroupName: 'app', awsRegion: 'eu-west-1' }));\nmodule.exports = logger;\n",
      },
      findings: [{ path: "src/logger.js", line: 4, severity: "medium" }],
    },
    {
      name: "pino.transport to pino-elasticsearch",
      files: { "package.json": pkg({ pino: "^9.0.0", "pino-elasticsearch": "^8.0.0" }), "src/logger.ts": "import pino from 'pino';\nconst transport = pino.transport({ target: 'pino-elasticsearch', options: { node: process.env.ES_URL } });\nexport const logger = pino(transport);\n" },
      findings: [{ path: "src/logger.ts", line: 2 }],
    },
    {
      name: "Python watchtower and SysLogHandler in dictConfig",
      files: {
        "requirements.txt": py + "watchtower==3.0.0\n",
        "mysite/settings.py": "LOGGING = {\n  'version': 1,\n  'handlers': {\n    'cw': {'class': 'watchtower.CloudWatchLogHandler', 'log_group': 'app'},\n    'syslog': {'class': 'logging.handlers.SysLogHandler', 'address': ('logs.example.com', 514)},\n  },\n}\n",
      },
      findings: [
        { path: "mysite/settings.py", line: 4, severity: "medium" },
        { path: "mysite/settings.py", line: 5, severity: "medium" },
      ],
    },
    {
      name: "logback LogstashTcpSocketAppender and Serilog Seq sink",
      files: {
        "pom.xml": "<project><artifactId>x</artifactId></project>",
        "src/main/resources/logback-spring.xml": "<configuration>\n  <appender name=\"LS\" class=\"net.logstash.logback.appender.LogstashTcpSocketAppender\">\n    <destination>logstash:5000</destination>\n  </appender>\n</configuration>\n",
        "Api/Program.cs": "var log = new LoggerConfiguration()\n    .WriteTo.Seq(\"http://seq:5341\")\n    .CreateLogger();\n",
        "Api/Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>",
      },
      findings: [
        { path: "src/main/resources/logback-spring.xml", line: 2 },
        { path: "Api/Program.cs", line: 2 },
      ],
    },
    {
      name: "v4 (session12a: maddy): syslog built by a wrapper that is only called on the `case \"syslog\":` branch next to `case \"stderr\":` is an opt-in (low)",
      files: { "go.mod": "module x\n\ngo 1.22\n", "log/syslog.go": "package log\n\nimport \"log/syslog\"\n\n// SyslogOutput sends messages to the system syslog daemon.\nfunc SyslogOutput() (*syslog.Writer, error) {\n\treturn syslog.New(syslog.LOG_MAIL|syslog.LOG_INFO, \"app\")\n}\n", "config.go": "package main\n\nimport (\n\t\"io\"\n\t\"os\"\n\n\t\"x/log\"\n)\n\nfunc logOutput(arg string) (io.Writer, error) {\n\tswitch arg {\n\tcase \"stderr\":\n\t\treturn os.Stderr, nil\n\tcase \"syslog\":\n\t\treturn log.SyslogOutput()\n\t}\n\treturn os.OpenFile(arg, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)\n}\n", "main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc main() {\n\tlogOutput(os.Getenv(\"LOG\"))\n\thttp.ListenAndServe(\":\"+os.Getenv(\"PORT\"), nil)\n}\n" },
      options: { kind: "service" },
      findings: [{ path: "log/syslog.go", line: 7, severity: "low" }],
    },
    {
      name: "v4 control: the same wrapper called unconditionally from main ships the logs (medium)",
      files: { "go.mod": "module x\n\ngo 1.22\n", "log/syslog.go": "package log\n\nimport \"log/syslog\"\n\n// SyslogOutput sends messages to the system syslog daemon.\nfunc SyslogOutput() (*syslog.Writer, error) {\n\treturn syslog.New(syslog.LOG_MAIL|syslog.LOG_INFO, \"app\")\n}\n", "main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n\n\t\"x/log\"\n)\n\nfunc main() {\n\tw, _ := log.SyslogOutput()\n\t_ = w\n\thttp.ListenAndServe(\":\"+os.Getenv(\"PORT\"), nil)\n}\n" },
      options: { kind: "service" },
      findings: [{ path: "log/syslog.go", line: 7, severity: "medium" }],
    },
    {
      name: "v5 (session23a: gotosocial): syslog enabled by a wrapper called only under `if config.GetSyslogEnabled() {` is an opt-in (low)",
      files: { ...syslogWrapper, "cmd/app/common.go": "package main\n\nimport (\n\t\"x/internal/config\"\n\t\"x/internal/log\"\n)\n\nfunc setup() error {\n\tif config.GetSyslogEnabled() {\n\t\tif err := log.EnableSyslog(\n\t\t\tconfig.GetSyslogProtocol(),\n\t\t\tconfig.GetSyslogAddress(),\n\t\t); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n" },
      options: { kind: "service" },
      findings: [{ path: "internal/log/init.go", line: 9, severity: "low" }],
    },
    {
      name: "v5 control: the same wrapper under a negated flag (`if !config.GetSyslogEnabled() {`) is not an opt-in (medium)",
      files: { ...syslogWrapper, "cmd/app/common.go": "package main\n\nimport (\n\t\"x/internal/config\"\n\t\"x/internal/log\"\n)\n\nfunc setup() error {\n\tif !config.GetSyslogEnabled() {\n\t\tif err := log.EnableSyslog(\"udp\", \"localhost:514\"); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n" },
      options: { kind: "service" },
      findings: [{ path: "internal/log/init.go", line: 9, severity: "medium" }],
    },
  ],
});
