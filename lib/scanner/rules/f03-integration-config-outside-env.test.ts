import rule from "./f03-integration-config-outside-env.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", nodemailer: "^6.9.0", "@aws-sdk/client-s3": "^3.0.0" } });
const server = "import express from 'express';\nexpress().listen(process.env.PORT || 3000);\n";
const mailFromDb =
  "import nodemailer from 'nodemailer';\nimport { settings } from '../settings/settings.service';\nexport async function transport() {\n  return nodemailer.createTransport({\n    host: await settings.get('smtp.host'),\n    auth: { user: await settings.get('smtp.username'), pass: await settings.get('smtp.password') },\n  });\n}\n";
const s3FromDb =
  "import { S3Client } from '@aws-sdk/client-s3';\nexport function client(cfg: Settings) {\n  return new S3Client({\n    endpoint: cfg.get('s3.endpoint'),\n    credentials: {\n      accessKeyId: cfg.get('s3.key'),\n      secretAccessKey: cfg.get('s3.secret'),\n    },\n  });\n}\n";
const oauthFromDb = "import { Strategy } from 'passport-github2';\nexport const init = (conf) => new Strategy({ clientID: conf.clientId, clientSecret: conf.clientSecret, callbackURL: conf.callbackURL });\n";

ruleTester(rule, {
  valid: [
    {
      name: "mail transport and S3 credentials read from named environment variables",
      files: {
        "package.json": pkg,
        "src/server.ts": server,
        "src/mail.ts": "import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: process.env.SMTP_HOST, auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASSWORD } });\n",
        "src/s3.ts": "import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ credentials: { accessKeyId: process.env.S3_ACCESS_KEY!, secretAccessKey: process.env.S3_SECRET_KEY! } });\n",
      },
    },
    {
      name: "values passed through a config module whose env names appear in the env template",
      files: {
        "package.json": pkg,
        "src/server.ts": server,
        "src/config.ts": "import { env } from './env';\nexport const config = { mail: { host: env('MAIL_HOST') }, github: { clientSecret: env('GITHUB_CLIENT_SECRET') } };\n",
        "src/mail.ts": "import nodemailer from 'nodemailer';\nimport { config } from './config';\nexport const t = nodemailer.createTransport({ host: config.mail.host });\n",
        "src/auth.ts": oauthFromDb,
        ".env.example": "MAIL_HOST=\nGITHUB_CLIENT_SECRET=\n",
      },
    },
    {
      name: "a config layer that derives env variables for every key (viper AutomaticEnv) is not judged",
      files: {
        "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire github.com/spf13/viper v1.18.0\n",
        "main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"net/smtp\"\n\t\"github.com/spf13/viper\"\n)\n\nfunc main() {\n\tviper.SetEnvPrefix(\"APP\")\n\tviper.AutomaticEnv()\n\tauth := smtp.PlainAuth(\"\", viper.GetString(\"mail.user\"), viper.GetString(\"mail.password\"), viper.GetString(\"mail.host\"))\n\t_ = auth\n\thttp.ListenAndServe(\":\"+viper.GetString(\"port\"), nil)\n}\n",
      },
      status: ["na", "pass"],
    },
    {
      name: "Spring Boot recognised from the code (relaxed binding sets spring.mail.* from env) is not judged",
      files: {
        "build.gradle": "plugins { id 'java' }\ndependencies { implementation 'com.sun.mail:jakarta.mail:2.0.1' }\n",
        "src/main/java/run/acme/App.java": "package run.acme;\n\n@SpringBootApplication\npublic class App {}\n",
        "src/main/java/run/acme/Mail.java": "package run.acme;\n\npublic class Mail {\n    Object sender(Settings s) {\n        var sender = new JavaMailSenderImpl();\n        sender.setHost(s.getHost());\n        return sender;\n    }\n}\n",
      },
      status: ["na", "pass"],
    },
    {
      name: "no integration client at all",
      files: { "package.json": pkg, "src/server.ts": server },
      status: "na",
    },
  ],
  invalid: [
    {
      name: "SMTP and S3 credentials from a settings table edited in the admin UI, no env variable names them",
      files: { "package.json": pkg, "src/server.ts": server, "src/email/email.service.ts": mailFromDb, "src/file/s3.service.ts": s3FromDb, "docker-compose.yml": "services:\n  app:\n    image: acme/app:1.0\n    environment:\n      - DATABASE_URL=file:/data/app.db\n      - PORT=3000\n" },
      findings: [{ path: "src/email/email.service.ts", line: 4, severity: "medium" }, { path: "src/file/s3.service.ts", line: 7, severity: "medium" }],
    },
    {
      name: "an admin e-mail variable is not mail-server config: the transport built from stored settings is still reported",
      files: { "package.json": pkg, "src/server.ts": server, "src/emailer.ts": mailFromDb, ".env.example": "APP_ADMIN_EMAIL=admin@example.com\nDATABASE_URL=\n" },
      findings: [{ path: "src/emailer.ts", line: 4 }],
    },
    {
      name: "OAuth strategy secrets and LDAP bind password from the app's stored config",
      files: {
        "package.json": pkg,
        "src/server.ts": server,
        "server/modules/authentication/github/authentication.js": oauthFromDb,
        "server/modules/authentication/ldap/authentication.js": "const LdapStrategy = require('passport-ldapauth');\nmodule.exports = { init (passport, conf) { passport.use(new LdapStrategy({ server: { url: conf.url, bindDN: conf.bindDn, bindCredentials: conf.bindCredentials } })) } };\n",
        ".env.example": "DATABASE_URL=\nSESSION_KEY=\n",
      },
      findings: [{ path: "server/modules/authentication/github/authentication.js", line: 2 }, { path: "server/modules/authentication/ldap/authentication.js", line: 2 }],
    },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("Scala: an OAuth client secret set from stored settings with no env variable named anywhere is reported", async () => {
    const oidc = "package app\nclass Oidc(settings: Settings) {\n  val client = OidcClient(clientId = settings.oidcClientId, clientSecret = settings.oidcSecret)\n}\n";
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n", "src/main/scala/app/Oidc.scala": oidc }, { kind: "service" }).toTrigger([{ path: "src/main/scala/app/Oidc.scala", line: 3 }]);
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n", "src/main/scala/app/Oidc.scala": oidc, ".env.example": "OIDC_CLIENT_SECRET=\n" }, { kind: "service" }).notToTrigger();
  });
});
