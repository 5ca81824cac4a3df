import { defineRule } from "./define-rule.ts";
import { ENV_BOUND_CONFIG_FRAMEWORKS, ENV_BOUND_CONFIG_RE, isToolingFile } from "../detectors/env-reads.ts";
import type { FileEntry, Language } from "../types.ts";

/**
 * An integration the app configures itself: a mail transport, object-storage credentials, an OAuth/OIDC client, an
 * LDAP bind. `sink` matches the comment-stripped code line where the client is built or its credential is set;
 * `names` matches the UPPER_SNAKE environment-variable names that would configure it (`SMTP_HOST`, `S3_SECRET_KEY`,
 * `GOOGLE_CLIENT_SECRET`, `LDAP_BIND_PASSWORD` …).
 */
interface Family {
  id: string;
  label: string;
  sinks: { langs: Language[] | null; re: RegExp }[];
  names: RegExp;
}

/** A value that is not a literal string, a type annotation or an env read (those are other rules' business). */
const NON_LITERAL_VALUE = String.raw`\s*(?:[:=]|=>)\s*(?!['"\x60]|\s*$|(?:string|String|str|bool|boolean|number|int|undefined|null|None|nil|Optional\b|z\.|t\.|\?)|[\w.]*(?:process\.env|import\.meta\.env|os\.environ|getenv|Getenv|ENV\[|ENV\.fetch|env\(|GetEnvironmentVariable))`;
const valueSink = (keys: string) => new RegExp(String.raw`(?:^|[\s{(,.])['"]?(?:${keys})['"]?${NON_LITERAL_VALUE}`);

const FAMILIES: Family[] = [
  {
    id: "smtp",
    label: "the SMTP/mail server and its credentials",
    sinks: [
      { langs: ["javascript", "typescript"], re: /\b(?:nodemailer\.)?createTransport\s*\(/ },
      { langs: ["python"], re: /\bsmtplib\.SMTP(?:_SSL)?\s*\(/ },
      { langs: ["go"], re: /\b(?:gomail|mail)\.NewDialer\s*\(|\bsmtp\.(?:SendMail|PlainAuth)\s*\(/ },
      { langs: ["java", "kotlin", "scala"], re: /\bnew\s+JavaMailSenderImpl\s*\(|\.setProperty\s*\(\s*"mail\.smtp\.host"/ },
      { langs: ["csharp"], re: /\bnew\s+SmtpClient\s*\(/ },
      { langs: ["ruby"], re: /\bsmtp_settings\s*=/ },
    ],
    // the mail server's own settings (an admin e-mail address such as NODEBB_ADMIN_EMAIL is not mail-server config)
    names: /SMTP|MAILER|(?:^|_)E?MAIL_(?:HOST|SERVER|PORT|USER|USERNAME|PASS|PASSWORD|FROM|SENDER|URL|DRIVER|TRANSPORT|SECURE|TLS|SSL|BACKEND|ENABLED|PROVIDER|SERVICE)|SENDGRID|POSTMARK|MAILGUN|RESEND/,
  },
  {
    id: "object-storage",
    label: "the object-storage (S3) credentials",
    sinks: [
      { langs: ["javascript", "typescript"], re: valueSink("secretAccessKey") },
      { langs: ["python"], re: /\baws_secret_access_key\s*=\s*(?!['"]|None\b|os\.)/ },
      { langs: ["go"], re: /\bcredentials\.NewStaticV4(?:Provider)?\s*\((?!\s*os\.Getenv)|\bSecretAccessKey\s*:\s*(?!"|os\.Getenv)/ },
      { langs: ["csharp"], re: /\bnew\s+BasicAWSCredentials\s*\((?!\s*"|\s*Environment\.)/ },
    ],
    names: /S3|AWS|MINIO|BUCKET|STORAGE|SPACES|ACCESS_KEY|SECRET_KEY/,
  },
  {
    id: "oauth",
    label: "the OAuth/OIDC client secret",
    sinks: [
      { langs: ["javascript", "typescript", "python", "ruby", "php"], re: valueSink("clientSecret|client_secret") },
      { langs: ["go", "csharp", "java", "kotlin", "scala"], re: valueSink("ClientSecret|clientSecret") },
    ],
    names: /CLIENT_?SECRET|CLIENT_?ID|OAUTH|OIDC|SSO|CSEC|_CID\b|_SECRET\b/,
  },
  {
    id: "ldap",
    label: "the LDAP bind credentials",
    sinks: [{ langs: null, re: valueSink("bindCredentials|bindPassword|bind_password|BindPassword") }],
    names: /LDAP/,
  },
];


const ENV_NAME_RE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const CODE_LANGS = new Set<Language>(["javascript", "typescript", "python", "go", "java", "kotlin", "scala", "ruby", "php", "csharp", "rust"]);
/** Files where a deployer would name an environment variable: code, compose/k8s/Helm, env templates, docs, Dockerfiles. */
const NAME_LANGS = new Set<Language | null>([...CODE_LANGS, "yaml", "json", "toml", "ini", "properties", "dotenv", "dockerfile", "markdown", "shell", "text", "xml", "hcl", "html", null]);

export default defineRule({
  meta: {
    id: "F03-INTEGRATION-CONFIG-OUTSIDE-ENV",
    version: 2,
    factor: "F03",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["TOKEN"],
    title: "Integration credentials configured outside the environment",
    rationale:
      "Twelve-factor names credentials to external services — the SMTP server, Amazon S3, OAuth providers — as config that varies between deploys and belongs in environment variables. When an app builds its mail transport, object-storage client or OAuth client from values that no environment variable can set, those credentials live in the app's database (entered in an admin page or setup wizard) or in a file on the instance: a new deploy cannot be configured from the platform, and the values are not versioned or rotated with the rest of the deploy's config.",
    remediation:
      "Read the SMTP host and credentials, storage keys and OAuth client secrets from environment variables (optionally seeding the admin UI from them), so every deploy is configured by its environment.",
    docs: {
      bad: [{ file: "src/email/email.service.ts", code: "const transport = nodemailer.createTransport({\n  host: await this.settings.get(\"smtp.host\"), // entered in the admin UI, stored in the DB\n  auth: { user: await this.settings.get(\"smtp.username\"), pass: await this.settings.get(\"smtp.password\") },\n});" }],
      good: [{ file: "src/email/email.service.ts", code: "const transport = nodemailer.createTransport({\n  host: process.env.SMTP_HOST,\n  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASSWORD },\n});" }],
    },
    sources: [{ title: "12factor.net — Config", url: "https://12factor.net/config" }],
    deviations:
      "Not in RULES.md (session 8, accuracy bench: pingvin-share, wiki, uptime-kuma, NodeBB III were human partial / scanner pass because SMTP, S3, OAuth and LDAP settings live in the app's settings table, edited in an admin page or setup wizard). A heuristic over names rather than data flow: for each integration family (mail transport, S3 credentials, OAuth client secret, LDAP bind) the rule looks for a place where the app builds the client or sets the credential from a non-literal value, then for any UPPER_SNAKE name of that family (SMTP_*, MAIL_HOST/EMAIL_SERVER-style mail-server names, S3_*/AWS_*, *_CLIENT_SECRET, LDAP_* …; an admin address such as NODEBB_ADMIN_EMAIL is not mail-server config) anywhere in the repository — code, compose/Helm files, env templates, docs. A family with a sink and no such name is reported once (medium). Literal credentials are F03-HARDCODED-SECRET's; a value read from the environment on the sink line names its variable. Units whose config layer derives an env variable for every key (Spring/Quarkus/Micronaut relaxed binding — also recognised from @SpringBootApplication/@ConfigurationProperties in code when the build file does not reveal Spring Boot (halo, human pass), ASP.NET Core configuration, viper AutomaticEnv, koanf's env provider, pydantic BaseSettings, dynaconf, Konfig, anyway_config, ardanlabs/conf) are not judged: the names never appear literally but the environment can set them. Test, example and tooling files are ignored. v2 (session 12, sbt support): Scala code is read with the JVM sinks (JavaMailSenderImpl, mail.smtp.host, clientSecret) and counts as application code; sbt build definitions are tooling.",
  },
  check(ctx) {
    if (ctx.unit.frameworks.some((f) => ENV_BOUND_CONFIG_FRAMEWORKS.has(f.id))) return ctx.na("the config framework binds an environment variable to every setting");
    const code = ctx.files({ roles: ["source"] }).filter((f) => f.language !== null && CODE_LANGS.has(f.language) && !isToolingFile(f.path));
    if (!code.length) return ctx.na("no application source code");
    const sinks = new Map<string, { file: FileEntry; line: number; text: string }>();
    for (const f of code) {
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok) continue;
      if (ENV_BOUND_CONFIG_RE.test(tok.code)) return ctx.na("the config layer derives an environment variable for every setting");
      const lines = tok.codeLines();
      for (const fam of FAMILIES) {
        if (sinks.has(fam.id)) continue;
        for (const s of fam.sinks) {
          if (s.langs && !s.langs.includes(f.language!)) continue;
          const i = lines.findIndex((l) => s.re.test(l));
          if (i >= 0) {
            sinks.set(fam.id, { file: f, line: i + 1, text: lines[i].trim().slice(0, 120) });
            break;
          }
        }
      }
    }
    if (!sinks.size) return ctx.na("the app configures no mail, object-storage, OAuth or LDAP client itself");
    // every UPPER_SNAKE name a deployer could set, anywhere in the repository (vendored code excluded)
    const names = new Set<string>();
    for (const f of ctx.snapshot.files) {
      if (f.skipped || f.role === "vendor" || !NAME_LANGS.has(f.language)) continue;
      if (f.language === null && !/(^|\/)(\.env[\w.-]*|[\w.-]*\.env|[\w.-]*\.(?:example|sample|template|dist))$/i.test(f.path)) continue;
      const text = ctx.snapshot.text(f.path);
      if (!text) continue;
      for (const m of text.matchAll(ENV_NAME_RE)) names.add(m[0]);
    }
    for (const fam of FAMILIES) {
      const s = sinks.get(fam.id);
      if (!s) continue;
      const named = [...names].find((n) => fam.names.test(n));
      if (named) {
        ctx.evidence({ path: s.file.path, line: s.line, note: `${fam.label}: the environment variable ${named} is named in the repository` });
        continue;
      }
      ctx.report({
        path: s.file.path, line: s.line,
        message: `The app configures ${fam.label} from values no environment variable sets (admin UI, database or a file on the instance).`,
        match: `${fam.id}:${s.text}`,
        data: { family: fam.id },
      });
    }
  },
});
