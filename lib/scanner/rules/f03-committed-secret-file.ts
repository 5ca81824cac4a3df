import { defineRule } from "./define-rule.ts";
import { isLikelyGenericSecretValue, isLocalhostKeyPath, isPlaceholderValue, isSecretKeyName, scanSecrets } from "../detectors/secrets.ts";
import { isEnvPlaceholder } from "../detectors/config-derived.ts";
import { basename } from "../snapshot/roles.ts";
import type { FileEntry } from "../types.ts";

// v5: a template with a further suffix (.env.example.complete, .env.sample.docker) is still a template
const ENV_TEMPLATE_RE = /^\.env\.(example|sample|template|dist|defaults|schema|tmpl|tpl)(\.[\w-]+)?$|\.env\.(example|sample|template)$|^example\.env$|^sample\.env$/i;
/** scheme://user:password@host — group 2 is the password, group 3 the host. */
const URL_PASSWORD_RE = /^[a-z][\w+.-]*:\/\/([^:@/\s]*):([^@/\s]+)@([^/:?\s]+)/i;
/** Template passwords in URLs (`<password>`, `your-password`, `xxx`); weak real ones (root/admin) still count. */
const URL_PASSWORD_PLACEHOLDER_RE = /^(<[^>]*>|\{\{.*\}\}|x+|\*+|\.+|your[-_]?\w*|changeme|change[-_]?me|placeholder|password|pass|secret)$/i;
const WEAK_LOCAL_RE = /^(postgres|password|root|admin|secret|mysql|guest|dev|development|test|local|changeme|app|docker|redis|mongo|rabbitmq|example)$/i;

function encrypted(text: string): boolean {
  return /^sops:\s*$/m.test(text) || /"sops"\s*:\s*\{/.test(text) || /ENC\[AES256_GCM/.test(text) || /^\$ANSIBLE_VAULT;/.test(text) || /kind:\s*SealedSecret/.test(text);
}

export default defineRule({
  meta: {
    id: "F03-COMMITTED-SECRET-FILE",
    version: 9,
    factor: "F03",
    kind: "violation",
    severity: "critical",
    confidence: "high",
    appliesTo: ["service", "worker", "library", "cli", "static", "infra", "docs"],
    scope: "repo",
    secret: true,
    technique: ["FILE", "GIT", "PARSE"],
    title: "Secret-bearing files tracked in git",
    rationale:
      "Files whose purpose is to hold secrets (.env, Terraform state, private keys, keystores, service-account JSON, Rails master.key) must never be tracked: everyone with read access — and Git history forever — gets the credentials. Config files are 'easy to mistakenly check in', which is why twelve-factor keeps config in the environment.",
    remediation: "Remove the file from the repository, add it to .gitignore, rotate every credential it contained, and provide a .env.example with empty values instead.",
    docs: {
      bad: [{ file: ".env", code: "PORT=3000\nDATABASE_PASSWORD=<the production password>\nSTRIPE_SECRET_KEY=sk_live_<the live key>" }],
      good: [{ file: ".env.example", code: "DATABASE_URL=\nSTRIPE_SECRET_KEY=" }],
    },
    sources: [
      { title: "dockle CIS-DI-0010 credential files", url: "https://github.com/goodwithtech/dockle/blob/master/pkg/assessor/credential/credential.go" },
      { title: "12factor.net — Config", url: "https://12factor.net/config" },
    ],
    deviations:
      "Only files tracked by git are considered (an untracked local .env is not 'committed'). A tracked .env whose secret-named keys are all empty or placeholders is low (still add it to .gitignore); local-only weak credentials (postgres/postgres) in a dev .env do not count as secrets. SOPS/ansible-vault/sealed-secret encrypted files and git-crypt paths pass. v2 (accuracy bench, nestjs-realworld-example-app: prisma/.env `DATABASE_URL=\"mysql://root:<pw>@localhost…\"` was reported as \"no secret values\"): a committed, non-dev .env whose only secret is a password inside a connection URL to a local host is medium (\"password in a connection URL\"), not low. v3 (accuracy bench session 4d: LinkAce `.env.docker` with DB_PASSWORD=ChangeThisToASecurePassword! was critical): values written as instructions (ChangeThis…, replace-me…, someRandomString…, a-secure-password) are placeholders (shared SD-9 placeholder detector). v4 (accuracy bench session 5a: outline `.env.test` and rallly `apps/web/.env.test` were critical and failed III): an env file tagged for the test environment (`.env.test`, `.env.testing`, `.env.ci`, or under a test directory) holds the fixtures the test suite runs with, not deploy credentials: its secret values are low (\"test environment file\"), unless a value has a real provider format (AWS, Stripe live, GitHub tokens …) or is a real private key, which stays critical. v5 (accuracy bench session 5a2: ghostfolio apps/client/localhost.pem, the Angular dev server\u2019s self-signed HTTPS key generated per DEVELOPMENT.md, was critical): a key file named for localhost (localhost*.pem/.key, 127.0.0.1*.pem, snakeoil) is a local development TLS key and low. v6 (accuracy bench session5b: postal's docker/ci-config/signing.key, the CI compose's key, failed III): a private key file in test code or a test/CI environment directory (tests/, ci-config/, test-env/ …) is low, like F03-HARDCODED-SECRET v8's private-key matches there. v7 (accuracy bench session5b: BookStack `.env.example.complete` was a committed env file with secrets): an env template with a further suffix (`.env.example.complete`, `.env.sample.docker`) is a template. v7 (accuracy bench session5b2: wallabag `.env` APP_SECRET default): in a Symfony app (symfony/framework-bundle or symfony/dotenv) the committed `.env` is the defaults file, so its secrets are medium literal defaults (overridden by .env.local / real env), not critical. v8 (accuracy bench session 5c: xxl-job `docker/.env` MYSQL_ROOT_PASSWORD=root_pwd capped III at 30): a committed .env is critical when a secret value looks like a real credential (provider format or high entropy, the F03-SECRET-IN-DEPLOY-MANIFEST test); short word-like passwords are high. v9 (accuracy bench session7b: homebox `backend/cosign.key`, an `ENCRYPTED SIGSTORE PRIVATE KEY`, made III fail, human pass): a key file whose keys are all passphrase-encrypted (`ENCRYPTED … PRIVATE KEY`, PEM `Proc-Type: 4,ENCRYPTED`) is low — unusable without the passphrase, which is the secret (the shared secret detector marks such keys low, so F03-HARDCODED-SECRET agrees).",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source", "dev", "test", "example"], includeSkipped: true });
    const gitattributes = ctx.snapshot.text(".gitattributes") ?? "";
    const cryptPatterns = [...gitattributes.matchAll(/^(\S+)\s+.*filter=(git-crypt|transcrypt)/gm)].map((m) => m[1]);
    const isCrypt = (p: string) => cryptPatterns.some((pat) => p === pat || (pat.endsWith("/**") && p.startsWith(pat.slice(0, -2))) || (pat.startsWith("*") && p.endsWith(pat.slice(1))) || basename(p) === pat);
    const report = (f: FileEntry, message: string, severity: "critical" | "high" | "medium" | "low", line?: number, data?: Record<string, string>, secret?: string[]) =>
      ctx.report({ path: f.path, line: line ?? 1, message, snippet: f.path, match: `${f.path}:${message}`, severity, data, secret });

    const composer = ctx.snapshot.json(ctx.unit.path === "." ? "composer.json" : `${ctx.unit.path}/composer.json`) as { require?: Record<string, unknown> } | undefined;
    const symfony = !!composer?.require && Object.keys(composer.require).some((d) => /^symfony\/(framework-bundle|dotenv)$/.test(d));
    for (const f of files) {
      const name = basename(f.path);
      if (isCrypt(f.path)) continue;
      const text = ctx.snapshot.text(f.path);
      if (text && encrypted(text)) continue;

      if (/^\.env(\..+)?$|^[\w.-]+\.env$/.test(name) && !ENV_TEMPLATE_RE.test(name)) {
        const entries = ctx.snapshot.dotenv(f.path) ?? [];
        const secretKeys = entries.filter((e) => {
          if (!isSecretKeyName(e.key) && !/_URL$|_URI$|_DSN$/.test(e.key)) return false;
          if (isPlaceholderValue(e.value, e.key) || isEnvPlaceholder(e.value)) return false;
          if (/_URL$|_URI$|_DSN$/.test(e.key)) return scanSecrets(`${e.key}=${e.value}`).some((m) => m.kind === "uri" && m.severity !== "low");
          if (WEAK_LOCAL_RE.test(e.value) && (f.env === "dev" || f.role === "dev" || f.env === "test")) return false;
          return e.value.length >= 6;
        });
        // A password inside a connection URL is a secret value too, even for a local host: report it
        // (medium for local hosts, where it is usually a dev credential) instead of "no secret values".
        const urlPasswords = secretKeys.length ? [] : entries.filter((e) => {
          const m = URL_PASSWORD_RE.exec(e.value);
          return !!m && !URL_PASSWORD_PLACEHOLDER_RE.test(m[2]) && !isEnvPlaceholder(m[2]) && !(f.env === "dev" || f.role === "dev" || f.env === "test");
        });
        // v4/v7: a test-environment env file holds test fixtures; only provider-format credentials or real
        // private keys in it are treated as leaked secrets. v7: a Symfony app's committed `.env` is its documented
        // defaults file (real values go in .env.local or the environment), so its secrets are literal fallbacks —
        // like `env('APP_KEY', '…')` — not the deploy's secret
        const testEnv = f.env === "test" || f.role === "test" || /^\.env\.(test|testing|ci)(\.|$)/.test(name);
        const symfonyDefaults = name === ".env" && symfony;
        const realInTest = testEnv ? secretKeys.filter((e) => scanSecrets(`${e.key}=${e.value}`, { generic: false }).some((m) => m.kind === "provider" || m.kind === "private-key")) : [];
        if (testEnv && secretKeys.length && !realInTest.length) {
          report(f, "Test environment file with fixture secret values is committed.", "low", secretKeys[0].line, { keys: secretKeys.map((e) => e.key).join(", ") }, secretKeys.map((e) => e.value));
        } else if (symfonyDefaults && secretKeys.length) {
          report(f, "Symfony's committed .env defaults contain secret values that apply whenever the environment does not override them.", "medium", secretKeys[0].line, { keys: secretKeys.map((e) => e.key).join(", ") }, secretKeys.map((e) => e.value));
        } else if (secretKeys.length) {
          const shown = testEnv ? realInTest : secretKeys;
          // v8 (accuracy bench session 5c: xxl-job docker/.env MYSQL_ROOT_PASSWORD=root_pwd was critical): critical
          // when a value looks like a real credential (provider format or high entropy, as in
          // F03-SECRET-IN-DEPLOY-MANIFEST); a short word-like password is high
          const real = shown.some((e) => isLikelyGenericSecretValue(e.value) || scanSecrets(`${e.key}=${e.value}`, { generic: false }).some((m) => m.kind !== "uri" || m.severity === "critical"));
          report(f, "Environment file with secret values is committed.", real ? "critical" : "high", shown[0].line, { keys: shown.map((e) => e.key).join(", "), looksReal: String(real) }, shown.map((e) => e.value));
        } else if (urlPasswords.length) {
          report(f, "Environment file with a password in a connection URL is committed.", "medium", urlPasswords[0].line, { keys: urlPasswords.map((e) => e.key).join(", ") }, urlPasswords.map((e) => URL_PASSWORD_RE.exec(e.value)![2]));
        } else if (entries.length) {
          report(f, "Environment file is committed (no secret values found).", "low", 1, { keys: String(entries.length) });
        }
        continue;
      }
      if (/\.tfstate(\.backup)?$/.test(name)) {
        report(f, "Terraform state (contains secrets in plaintext) is committed.", "critical");
        continue;
      }
      if (/(^|\/)config\/master\.key$/.test(f.path) || /(^|\/)config\/credentials\/[\w.-]+\.key$/.test(f.path)) {
        report(f, "Rails master key is committed.", "critical");
        continue;
      }
      if (/^(id_rsa|id_dsa|id_ecdsa|id_ed25519)$/.test(name) || /\.(pem|key|private_key)$/.test(name)) {
        // v5: a TLS key for localhost (the dev server's HTTPS) is a local development key: low. v6: a key file in
        // test code or a test/CI environment (docker/ci-config/signing.key, tests/fixtures/tls.key) is a throwaway
        // key for the test run, as F03-HARDCODED-SECRET v8 treats keys there: low
        const keys = text ? scanSecrets(text, { generic: false }).filter((m) => m.kind === "private-key") : [];
        const hasKey = keys.length > 0;
        // a key file whose keys are all passphrase-encrypted (cosign.key) is not a usable credential by itself
        const encryptedOnly = hasKey && keys.every((k) => k.severity === "low");
        if (isLocalhostKeyPath(f.path)) report(f, "Local development TLS key (localhost) is committed.", "low");
        else if (f.role === "test" || f.env === "test") {
          if (hasKey) report(f, "Private key file is committed in test code (a throwaway test key?).", "low");
        } else if (encryptedOnly) report(f, "Passphrase-encrypted private key file is committed (the passphrase must stay secret).", "low");
        else if (hasKey) report(f, "Private key file is committed.", "critical");
        else if (/\.private_key$/.test(name) || /^id_/.test(name)) report(f, "Private key file is committed.", "high");
        continue;
      }
      if (/\.(p12|pfx|jks|keystore)$/i.test(name)) {
        report(f, "Keystore / PKCS#12 bundle is committed.", "high");
        continue;
      }
      if (/^(credentials\.(json|xml)|password\.txt|secret_token\.rb)$/.test(name) || /\.(ovpn|secret)$/.test(name)) {
        if (name === "credentials.json" && text && !/(client_secret|private_key|"password"|refresh_token|secret)/i.test(text)) continue;
        report(f, "Credentials file is committed.", "high");
        continue;
      }
      if (!text) continue;
      if (name === ".npmrc" && /_authToken\s*=\s*(?!\$\{)[^\s$]{8,}/.test(text)) {
        report(f, "Registry auth token committed in .npmrc.", "high", ctx.snapshot.findLine(f.path, /_authToken/));
        continue;
      }
      if (name === ".pypirc" && /^\s*password\s*[=:]\s*(?!\$)\S{6,}/m.test(text)) {
        report(f, "PyPI password committed in .pypirc.", "high", ctx.snapshot.findLine(f.path, /password/));
        continue;
      }
      if (/(^|\/)\.docker\/config\.json$/.test(f.path) && /"auth"\s*:\s*"[A-Za-z0-9+/=]{8,}"/.test(text)) {
        report(f, "Docker registry credentials committed.", "high", ctx.snapshot.findLine(f.path, /"auth"/));
        continue;
      }
      if (/\.json$/.test(name) && /"type"\s*:\s*"service_account"/.test(text) && /"private_key"\s*:\s*"-----BEGIN/.test(text)) {
        report(f, "Cloud service-account key file is committed.", "critical", ctx.snapshot.findLine(f.path, /"private_key"/));
        continue;
      }
      if (/^(terraform\.tfvars|[\w.-]+\.auto\.tfvars)$/.test(name)) {
        const hit = (ctx.snapshot.hcl(f.path) ?? []).length >= 0 ? text.split("\n").findIndex((l) => {
          const m = /^\s*([\w-]+)\s*=\s*"([^"]*)"/.exec(l);
          return !!m && isSecretKeyName(m[1]) && !isPlaceholderValue(m[2], m[1]);
        }) : -1;
        if (hit >= 0) report(f, "Terraform variables file with secret values is committed.", "high", hit + 1);
        continue;
      }
      if (/^secrets\.(ya?ml|json)$/.test(name) && !/<%=\s*ENV/.test(text)) {
        const lines = text.split("\n");
        const hit = lines.findIndex((l) => {
          const m = /^\s*"?([\w.-]+)"?\s*[:=]\s*"?([^"\s#]+)"?/.exec(l);
          return !!m && isSecretKeyName(m[1]) && !isPlaceholderValue(m[2], m[1]) && !isEnvPlaceholder(m[2]) && m[2].length >= 6;
        });
        if (hit >= 0) report(f, "Secrets file with literal values is committed.", "high", hit + 1);
      }
    }
  },
});
