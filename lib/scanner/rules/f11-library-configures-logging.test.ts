import rule from "./f11-library-configures-logging.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const pyLib = { "pyproject.toml": "[build-system]\nrequires = ['hatchling']\n[project]\nname = 'mylib'\nversion = '1.0.0'\n" };
const jsLib = { "package.json": JSON.stringify({ name: "mylib", version: "1.0.0", main: "index.js" }) };

ruleTester(rule, {
  valid: [
    {
      name: "Python library with NullHandler",
      files: { ...pyLib, "mylib/__init__.py": "import logging\nlogging.getLogger(__name__).addHandler(logging.NullHandler())\n" },
      options: { kind: "library" },
    },
    {
      name: "CLI configures logging inside main() and in __main__.py",
      files: { ...pyLib, "mytool/cli.py": "import logging\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n", "mytool/__main__.py": "import logging\nlogging.basicConfig()\n" },
      options: { kind: "cli" },
    },
    {
      name: "JS library that only creates a logger instance",
      files: { ...jsLib, "index.js": "const debug = require('debug')('mylib');\nmodule.exports = () => debug('hi');\n" },
      options: { kind: "library" },
    },
  ],
  invalid: [
    {
      name: "basicConfig at import time in a library",
      files: { ...pyLib, "mylib/__init__.py": "import logging\nlogging.basicConfig(level=logging.DEBUG)\nlog = logging.getLogger(__name__)\n" },
      options: { kind: "library" },
      findings: [{ path: "mylib/__init__.py", line: 2, severity: "low" }],
    },
    {
      name: "JS library patches console.log and a Java library ships logback.xml",
      files: { ...jsLib, "index.js": "const orig = console.log;\nconsole.log = (...a) => orig('[mylib]', ...a);\n", "src/main/resources/logback.xml": "<configuration/>\n" },
      options: { kind: "library" },
      findings: [
        { path: "index.js", line: 2 },
        { path: "src/main/resources/logback.xml" },
      ],
    },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("a Scala library is judged: clean library code passes, a bundled logback.xml is reported", async () => {
    const lib = { "build.sbt": "name := \"utils\"\npublishTo := sonatypePublishToBundle.value\nlibraryDependencies += \"org.slf4j\" % \"slf4j-api\" % \"2.0.13\"\n", "src/main/scala/utils/Retry.scala": "package utils\nobject Retry { def apply[A](n: Int)(f: => A): A = f }\n" };
    await expectScala(rule, lib, { kind: "library" }).notToTrigger(["pass"]);
    await expectScala(rule, { ...lib, "src/main/resources/logback.xml": "<configuration><root level=\"DEBUG\"/></configuration>\n" }, { kind: "library" }).toTrigger([{ path: "src/main/resources/logback.xml" }]);
  });
});
