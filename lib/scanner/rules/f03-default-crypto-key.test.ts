import rule from "./f03-default-crypto-key.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const gomod = "module example.com/app\n\ngo 1.22\n";
const main = "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc main() { http.ListenAndServe(\":\"+os.Getenv(\"PORT\"), nil) }\n";

ruleTester(rule, {
  valid: [
    {
      name: "key required from the environment; header and file names that mention a default secret",
      files: {
        "go.mod": gomod,
        "main.go": main,
        "consts/consts.go": "package consts\n\nconst (\n\tdefaultSecretHeader = \"X-App-Webhook-Secret\"\n\tDefaultJWTHeaderKey = \"X-JWT\"\n\tDefaultKeyFile = \"/data/key\"\n)\n",
        "conf/conf.go": "package conf\n\nimport \"os\"\n\nfunc Key() string { return os.Getenv(\"PASSWORD_ENCRYPTION_KEY\") }\n",
      },
    },
    {
      name: "a default key in a test file is not judged",
      files: { "go.mod": gomod, "main.go": main, "auth/auth_test.go": "package auth\n\nconst DefaultEncryptionKey = \"test key only\"\n" },
    },
    {
      name: "JS: a default secret read from the environment is not a literal",
      files: { "package.json": JSON.stringify({ name: "api", dependencies: { express: "^4.19.0" } }), "src/server.js": "const DEFAULT_SECRET = process.env.APP_SECRET;\nrequire('express')().listen(process.env.PORT);\n" },
    },
  ],
  invalid: [
    {
      name: "Go: a built-in encryption key used when none is configured",
      files: { "go.mod": gomod, "main.go": main, "consts/consts.go": "package consts\n\nconst (\n\t// used if none is specified in the PasswordEncryptionKey option\n\tDefaultEncryptionKey  = \"just for obfuscation\"\n)\n" },
      findings: [{ path: "consts/consts.go", line: 5, severity: "high" }],
    },
    {
      name: "Python and JS default secrets",
      files: {
        "package.json": JSON.stringify({ name: "api", dependencies: { express: "^4.19.0" } }),
        "src/server.js": "const DEFAULT_SESSION_SECRET = 'keyboard cat';\nrequire('express')().listen(process.env.PORT);\n",
      },
      findings: [{ path: "src/server.js", line: 1 }],
    },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("Scala: a default encryption key constant is reported; a key required from the environment is not", async () => {
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Crypto.scala": "package app\nobject Crypto {\n  val DefaultEncryptionKey: String = \"just for obfuscation\"\n}\n" }, { kind: "service" }).toTrigger([{ path: "src/main/scala/app/Crypto.scala", line: 3 }]);
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Crypto.scala": "package app\nobject Crypto {\n  val encryptionKey: String = sys.env(\"ENCRYPTION_KEY\")\n}\n" }, { kind: "service" }).notToTrigger();
  });
});
