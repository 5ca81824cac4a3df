import { defineRule } from "./define-rule.ts";
import { isLocalhostKeyPath, scanSecrets, type SecretMatch } from "../detectors/secrets.ts";
import { snapshotMemo } from "../detectors/memo.ts";
import { basename, PROSE_RE } from "../snapshot/roles.ts";

// session 20: any `*.lock` file (formbricks' apps/web/i18n.lock maps translation keys such as `common/api_keys` to
// content hashes) is a lock of checksums, like the package managers' lockfiles
const SKIP_NAME_RE = /^([\w.-]+\.lock|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|Pipfile\.lock|poetry\.lock|uv\.lock|pdm\.lock|composer\.lock|Gemfile\.lock|Cargo\.lock|go\.sum|go\.mod|deno\.lock|packages\.lock\.json|gradle\.lockfile|\.terraform\.lock\.hcl|gradlew(\.bat)?|mvnw(\.cmd)?)$/;
/** `.env` files are F03-COMMITTED-SECRET-FILE's job (it reports key names); templates are scanned here. */
const DOTENV_RE = /^\.env(\..+)?$/;
const DOTENV_TEMPLATE_RE = /^\.env\.(example|sample|template|dist|defaults|schema)(\.[\w-]+)?$/;
const MANIFEST_RE = /(^|\/)(\.github\/workflows\/[^/]+|(docker-)?compose[\w.-]*|render|serverless|app|fly|[\w.-]*values[\w.-]*)\.(ya?ml|json|toml)$|\.tf(vars)?$/;

/** The top-level YAML key whose block contains line `lineNo` (1-based). */
function topLevelKey(lines: readonly string[], lineNo: number): string | null {
  for (let i = lineNo - 1; i >= 0; i--) {
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i]);
    if (m) return m[1];
  }
  return null;
}

/**
 * 1-based line numbers inside Python docstrings: a triple-quoted string that is a statement of its own (it
 * opens a line, not after `=`, `(` or `,`), as PEP 257 docstrings and module/class/function doc blocks are.
 */
export function pythonDocstringLines(lines: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*[rRuU]?("""|\'\'\')/.exec(lines[i]);
    if (!m) continue;
    const q = m[1];
    const rest = lines[i].slice(m[0].length);
    out.add(i + 1);
    if (rest.includes(q)) continue; // one-line docstring
    let j = i + 1;
    while (j < lines.length && !lines[j].includes(q)) {
      out.add(j + 1);
      j++;
    }
    if (j < lines.length) out.add(j + 1);
    i = j;
  }
  return out;
}

/** A line that is entirely a comment (#, //, /*, *, --, ;, <!--). */
const COMMENT_LINE_RE = /^\s*(#|\/\/|\/\*|\*|--|;|<!--)/;

const SAMPLE_DATA_RE = /(^|\/)(seeds?|seeders?|fixtures?|demo|sample[-_]?data)\/|(^|\/)[\w-]*(seeds?|seeders?|Seeder|Demo|Fixtures?)[\w-]*\.(rb|php|py|js|ts|go|java|kt|cs|exs?)$/;
/** v24: an OpenAPI 3 / Swagger 2 document (JSON or YAML), recognised by its version key near the top. */
const API_SPEC_RE = /^\s*\{?\s*["']?(openapi|swagger)["']?\s*:\s*["']?[23]\./m;
const TRANSLATION_FILE_RE = /(^|\/)(locales?|i18n|l10n|translations?|lang|langs|languages)\/([\w.-]+\/)*[\w.@-]+\.(json|ya?ml|po|pot|properties|xliff|xlf|strings|arb|toml|php|js|ts)$/i;

/** v12: a setting named for the test suite (`E2E_TEST_AUTHENTICATE_USER_PASSWORD`, `TEST_DB_PASSWORD`, `ci_token`). */
/** v16: keys naming a reference to a secret (its id, name, ARN, path, header, affix), not the secret itself. */
const SECRET_REF_KEY_RE = /(secret|token|key|password|passwd|credential)s?[_.-]?(id|ids|name|names|arn|ref|path|file|header|field|label|suffix|prefix|id[_.-]?suffix|id[_.-]?prefix)$/i;
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
const TEST_KEY_RE = /(^|[_.-])(e2e|test|testing)([_.-]|$)/i;
/** v18: keys naming a redaction / placeholder marker rather than a secret. */
const MARKER_KEY_RE = /(^|[_.-]|[a-z](?=[A-Z]))(redacted|masked?|placeholder|sentinel|blank|dummy|obfuscated)([_.-]|[A-Z]|$)/i;
/** v18: a comment stating that the value on the line (or the next line) is not a secret. */
const DECLARED_NOT_SECRET_RE = /(#|\/\/|\/\*|--)\s*.*\b(safe to (be )?(embed|commit|publish|share|expose)\w*|not (a )?(real|secret|sensitive|confidential)\b|is public\b|(intentionally|deliberately) public|randomly generated and not real|fake (token|key|secret|credential)s?\b)/i;
/** v9: `Member = "value",` — the shape of a string enum member (object literals use `:`). */
const ENUM_MEMBER_RE = /^\s*[A-Za-z_]\w*\s*=\s*(["'`])[^"'`]*\1\s*,?\s*(\/\/.*)?$/;
const ENUM_OPEN_RE = /^\s*(export\s+)?(declare\s+)?(const\s+)?(public\s+|internal\s+|private\s+)?enum\s+\w+[^{]*\{\s*$/;

/** Is 1-based line `n` a member of an enum block (walking up to the opening `enum X {`)? */
function insideEnum(lines: readonly string[], n: number): boolean {
  for (let i = n - 2; i >= 0 && i >= n - 400; i--) {
    const l = lines[i];
    if (ENUM_OPEN_RE.test(l)) return true;
    if (/[{}]/.test(l) || !(ENUM_MEMBER_RE.test(l) || /^\s*(\/\/.*|\/?\*.*|[A-Za-z_]\w*\s*,?\s*)?$/.test(l))) return false;
  }
  return false;
}

/**
 * Secret matches of one file, once per scan (session 14): the rule runs once per unit over the unit's files plus its
 * linked libraries, so a shared library was scanned again from every unit that links it (bitwarden-server: 42 units).
 * The options depend on the file alone (its path, language and whether it is committed build output).
 */
const fileSecrets = snapshotMemo<readonly SecretMatch[]>();

export default defineRule({
  meta: {
    id: "F03-HARDCODED-SECRET",
    version: 24,
    factor: "F03",
    alsoAffects: ["F04"],
    kind: "violation",
    severity: "critical",
    confidence: "high",
    appliesTo: ["service", "worker", "library", "cli", "static", "infra", "docs"],
    scope: "repo",
    secret: true,
    technique: ["TOKEN"],
    title: "Provider-format or high-entropy secret in a tracked file",
    rationale:
      "Credentials committed to the repository leak to everyone with read access and live on in Git history. Twelve-factor's litmus test: could the codebase be made open source right now without compromising any credentials?",
    remediation:
      "Revoke and rotate the credential, remove it from the code, and load it at runtime from an environment variable populated by your secret manager (deleting the line does not remove it from Git history).",
    docs: {
      bad: [{ file: "src/github.ts", code: 'const token = "ghp_…"; // a real 40-character GitHub personal access token' }],
      good: [{ file: "src/github.ts", code: "const token = process.env.GITHUB_TOKEN;" }],
    },
    sources: [
      { title: "gitleaks default rules", url: "https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml" },
      { title: "trufflehog false-positive filters", url: "https://github.com/trufflesecurity/trufflehog/blob/main/pkg/detectors/falsepositives.go" },
      { title: "12factor.net — Config", url: "https://12factor.net/config" },
    ],
    deviations:
      "Provider formats are a hand-ported subset of gitleaks (AWS, GitHub, GitLab, Slack, Stripe live/test, Google API, npm, SendGrid, OpenAI, Anthropic, Shopify, DigitalOcean, PyPI, Azure storage, Vault, JWT …) evaluated with linear JS regexes instead of re2js. AWS access key IDs are high, not critical (the ID alone cannot authenticate). Generic keyword matches additionally require a digit or a 16+ char mixed-case value and entropy ≥ 3.5, and skip camelCase identifiers and dotted names. Credentials for local hosts (localhost, compose service names) are low; trivially weak local credentials (postgres:postgres@localhost) are not reported. `.env` files are left to F03-COMMITTED-SECRET-FILE (templates such as .env.example are scanned here), and deploy manifests only get provider-format detection (their key=value literals are F03-SECRET-IN-DEPLOY-MANIFEST). gitleaks:allow pragmas are recorded as acknowledged but still count. Values under a top-level development:/test: section of a YAML file (Rails secrets.yml) are low: they are local-only keys, while production reads ENV. Keyword/entropy (generic) matches on a commented-out line are low severity and low confidence (accuracy bench: rails-realworld-example-app III, Devise's generated `# config.secret_key = '…'` was high); provider-format tokens and private keys are reported at full severity even when commented out. Committed build output (`dist/`, `build/`, `out/`, `.next/` … text files outside third-party directories, ≤ 256 KB each, 16 MB in all, minified bundles and source maps excluded) is vendored for every other rule but scanned here (v3): a compiled `dist/config.js` keeps the secret its gitignored source had; a secret already reported in a source file is not repeated. v4 (accuracy bench session 4: node-express-boilerplate III, an expired refresh token in a Swagger example capped III at 70): a JWT whose payload `exp` lies in the past authenticates nothing and is low/low; the jwt.io sample token (`sub` 1234567890, John Doe) is not reported. v5 (accuracy bench session 4b: miniflux, 14 “secrets” in translations/de_DE.json): translation catalogs (files under locale(s)/, i18n/, l10n/, translations/, lang/ …) get provider-format detection only, no keyword/entropy matching. v6 (accuracy bench session 4b: cachet, a demo user's api_key in DemoSeederCommand.php capped III at 70): keyword/entropy matches in seed, demo and fixture data (seeds/, seeders/, fixtures/, demo/, *Seeder*, *Demo* files) are low/low; provider formats and private keys there still count in full. v7 (accuracy bench session 4c: uptime-kuma, a Vue form whose placeholder attribute is just the PEM private-key header was a critical key): a private key needs a base64 body directly after the header (PEM Proc-Type/DEK-Info headers allowed), not just any high-entropy text that follows. v8 (accuracy bench session 4d: linkding, LinkAce): in test code and test environments (tests/, scripts/test-environments/ …) generic, URI and private-key matches are low/low (throwaway credentials, test TLS keys); provider-format tokens keep their severity. v9 (accuracy bench session 5a, outline): a URI whose userinfo contains brackets is the `proto://[user[:password]@]host` syntax notation of a comment, not a credential (brackets are not valid in userinfo); names where the secret word qualifies another noun (GooglePasswordManager, passwordField, tokenInput, secretLabel) name a thing, not a secret value; and a keyword/entropy match on a string enum member (`ApplePasswords = \"<uuid>\",` inside `enum PasskeyBrand {`) is a named constant of the code, not configuration. v10 (accuracy bench session 5a2, ghostfolio): a private key in a file named for localhost (localhost.pem, 127.0.0.1-key.pem, snakeoil) is the dev server\u2019s self-signed HTTPS key: low/low. v11 (accuracy bench session 5a2: documenso\u2019s storage docs show the Azurite connection string): the Azure Storage emulator\u2019s documented development account (`AccountName=devstoreaccount1` with its published key) is not a credential. v12 (accuracy bench session 5a2: documenso .env.example `E2E_TEST_AUTHENTICATE_USER_PASSWORD=\"test_…\"` was high): a keyword/entropy match on a key named for the test suite (E2E_/TEST_/_TEST_ …) is a test account\u2019s value: low/low. v13 (accuracy bench session5b: BookStack `'privateKey' => env('SAML2_SP_x509_KEY', '')` was a high-entropy secret): the string argument of an env read (env(), getenv(), environ(), ENV.fetch()) is the variable's name, not a value; env templates with a further suffix (.env.example.complete) are scanned as templates. v13b (accuracy bench session5b2: huginn's `https://hooks.slack.com/services/some/random/characters` in an agent description): a Slack webhook URL needs gitleaks' 43–56 character path (T…/B…/token), not any 20 characters. v14 (accuracy bench session 5c: quarkus-super-heroes, base64 Secret data in Helm templates and src/main/kubernetes/*.yml matched as high-entropy secrets): files holding Kubernetes objects (plain manifests and Helm templates) are deploy manifests — provider formats only here, their literals belong to F03-SECRET-IN-DEPLOY-MANIFEST. v15 (accuracy bench session5z, httpx: a credential URL in the `URL` class docstring failed a library's III): keyword/entropy and URI matches inside a Python docstring (a triple-quoted string standing as a statement) are documentation: low/low, like a commented-out line; provider formats and private keys keep their severity. v16 (accuracy bench old: Django-Styleguide-Example, actual-server; session6y: Flowise — human III pass / scanner partial): an AWS access key ID inside a Python docstring (the `x-amz-credential` field of a documented presigned POST) is low/low like other documentation matches (the ID cannot authenticate alone; the secret key keeps its severity); a keyword/entropy match whose value is the key's own name (`simpleFileSecret: 'simpleFileSecret'`) or whose key names a reference to a secret rather than the secret (`awsSecretIdSuffix`, `secretName`, `tokenHeader`, `…KeyPath`) is not reported. v17 (accuracy bench session7a/7b: bitwarden-server `const TEST_FAKE_RSA_KEY_0: &str = \"-----BEGIN PRIVATE KEY-----…` in a Rust SDK, homebox `cosign.key`; human III pass / scanner fail): a private key assigned to a name containing TEST/FAKE/DUMMY/EXAMPLE/SAMPLE/MOCK is a fixture, and a passphrase-encrypted key (`ENCRYPTED … PRIVATE KEY`, `Proc-Type: 4,ENCRYPTED`) is unusable without its passphrase: both low (shared secret detector). v18 (accuracy bench session 8, human III pass / scanner partial: gh-cli, hedgedoc, Flowise, homebox, bitwarden-server): a keyword/entropy match whose value contains the key's own name (a Redux action type, a feature-flag name such as `pm-12241-private-key-regeneration`) or whose key names a redaction/placeholder marker (`REDACTED_CREDENTIAL_VALUE`) is not reported; a match whose line, or the comment line above it, states that the value is not a secret (`// This value is safe to be embedded in version control` — RFC 8252 §8.5: a native app's client secret is not confidential —, `// token is randomly generated and not real`) is low/low; and, in the shared secret detector, lowercase identifier slugs with short numeric segments are not secret-shaped, values that call themselves stand-ins (`not-a-real-secret`, `not-for-production`, `dev-only`, `sk-my-openai-1st-key`) are placeholders, and a credential URI whose host is under a domain reserved for documentation (RFC 2606/6761: example.com/.net/.org, *.example, *.test, *.invalid) is an example of the syntax. (The second of the two former v13 entries is now v13b.) v19 (session 11: hexpm, Elixir now detected as a language): Elixir code (.ex/.exs, Mix config included) is code — a generic keyword/entropy match needs a quoted value, so `private_key: System.fetch_env!(\"HEXPM_SIGNING_KEY\")` and `private_key = Application.get_env(:hexpm, :private_key)` are reads, not literals; `secret_key_base: \"…\"` still counts. v20 (session 12, sbt support): Scala sources and sbt build files are code (assignment context for generic secrets), like Java/Kotlin. v21 (session 16: LinkStack's SMTP password `'password' => 'qWrf<S7sP5'` in config/mail.php): the generic keyword detector takes a key only when some character comes before the keyword (`db_password`, `api_key`), so a bare `password` key was never looked at. A narrower detector now reads bare `password`/`passwd` keys given a quoted literal that looks chosen (8+ characters, letters and digits, mixed case or a symbol, entropy ≥ 3 bits, no sample wording such as Passw0rd/test/admin/1234); bare `secret`/`token`/`key` stay unread (lexer token names, ARN `:secret:` segments, template samples: measured on the corpus). Values that are alphabets (8+ ascending characters) and keys naming an alphabet, pattern, format, label, placeholder, field or prefix are not credentials. v22 (session 19, after looking at session23a: gotosocial's docs/admin/backup_and_restore.md and docs/admin/cli.md show a backup file's JSON lines, example accounts' private keys included; human III pass / scanner partial): private-key, keyword/entropy and URI matches in prose documentation (Markdown, MDX, reStructuredText, AsciiDoc) illustrate a format and are low/low; provider-format tokens there keep their severity (a real token pasted into a README is still live). v23 (session 20, after looking at session26d/26e: formbricks' apps/web/i18n.lock maps translation keys such as `common/api_keys` to content hashes, its Helm secret builds `printf \"redis://:%s@%s:6379\" $redisPassword …` and its _helpers.tpl reads `.Values.…serviceTokenKey`; trigger.dev's src/generated/hookdeck-samples.json holds captured sample payloads; humans III pass): every `*.lock` file is a lock of checksums and is skipped like the package managers' lockfiles; a format-string placeholder (%s, %(name)s, {} / {0}) in a URI's password is filled in at run time; a Go-template expression on chart values (`.Values.…`) is not a literal; files under `generated/` or `__generated__/` directories and OpenAPI Generator / Swagger Codegen output are generated code (path roles). v24 (session 25, fresh set session31e: FerretDB, human III pass / scanner partial — a JWT shown as an example in a description of its OpenAPI document, internal/dataapi/api/openapi.json): keyword and entropy matches in an OpenAPI 3 or Swagger 2 document (JSON or YAML with an `openapi`/`swagger` version key at the top) are API documentation, like a translation catalog's strings; provider-format credentials there still count.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source", "dev", "test", "example"] });
    // Committed build output (dist/config.js compiled from a gitignored src/config.ts) is vendored for
    // every other rule but scanned here; a secret already reported in a source file is not repeated.
    const buildOutput = ctx.files({ roles: ["vendor"], includeSkipped: true }).filter((f) => ctx.snapshot.buildOutputText(f.path) !== undefined);
    const seen = new Set<string>();
    // v9: files holding Kubernetes objects (plain manifests, Helm templates) are deploy manifests: their
    // key=value literals are F03-SECRET-IN-DEPLOY-MANIFEST's (which decodes Secret data); provider formats only here
    const k8sFiles = new Set(ctx.snapshot.k8sObjects().map((o) => o.path));
    for (const f of [...files, ...buildOutput]) {
      const name = basename(f.path);
      if (SKIP_NAME_RE.test(name)) continue;
      if (DOTENV_RE.test(name) && !DOTENV_TEMPLATE_RE.test(name)) continue;
      const built = f.skipped === "vendor";
      const text = built ? ctx.snapshot.buildOutputText(f.path) : ctx.snapshot.text(f.path);
      if (!text) continue;
      // v5: translation catalogs (locale/, i18n/, translations/, lang/ …) hold UI strings such as
      // "password": "Passwort vergessen?" — keyword/entropy matching there is noise; provider formats still count
      // v24: an OpenAPI/Swagger document's examples and descriptions are API documentation (FerretDB's openapi.json
      // describes `jwtTokenString: eyJhbGciOi…` as an example header), like a translation catalog's strings
      const generic = !MANIFEST_RE.test(f.path) && !TRANSLATION_FILE_RE.test(f.path) && !k8sFiles.has(f.path) && !API_SPEC_RE.test(text.slice(0, 2000));
      const yamlLike = /\.ya?ml$/i.test(f.path);
      const code = !!f.language && ["javascript", "typescript", "python", "go", "java", "kotlin", "ruby", "php", "csharp", "rust", "groovy", "elixir", "scala"].includes(f.language);
      const matches = fileSecrets(ctx.snapshot, `${built ? "built" : "src"}\0${f.path}`, () => scanSecrets(text, { generic, requireQuotes: code }));
      // lines (and Python docstring lines) only for files with a match: most files have none
      if (!matches.length) continue;
      const lines = built ? text.split(/\r?\n/) : ctx.snapshot.lines(f.path);
      const docLines = f.language === "python" ? pythonDocstringLines(lines) : null;
      for (const m of matches) {
        const line = lines[m.line - 1] ?? "";
        // Rails-style per-environment YAML (secrets.yml, database.yml): a value under a top-level
        // development:/test: section is a local-only value, not a production credential.
        const section = yamlLike ? topLevelKey(lines, m.line) : null;
        const devSection = !!section && /^(development|dev|test|testing|local)$/i.test(section);
        const acknowledged = /gitleaks:allow|trufflehog:ignore|nosec|nosemgrep/.test(line);
        // A keyword/entropy match on a commented-out line (Devise's generated `# config.secret_key = '…'`)
        // is not config the code uses: low/low. Provider formats and private keys stay as they are — a real
        // credential is exposed whether or not the line is commented out.
        // v15: a keyword/entropy or URI match inside a Python docstring is documentation (httpx's
        // example of a URL with userinfo in the `URL` class docstring), treated like a comment
        // v16: an AWS access key ID (not the secret key; it cannot authenticate alone) inside a docstring is an example
        // of a signed request's fields (`'x-amz-credential': 'AKIA…/20220405/eu-central-1/s3/aws4_request'`)
        const commented = (m.kind === "generic" && COMMENT_LINE_RE.test(line)) || ((m.kind === "generic" || m.kind === "uri" || m.detector === "aws-access-token") && !!docLines?.has(m.line));
        // v6: a keyword/entropy match in seed / demo / fixture data (DemoSeederCommand, db/seeds.rb,
        // database/seeders/, fixtures/) is a sample account's value, not the app's configuration: low/low
        const sample = (m.kind === "generic" && SAMPLE_DATA_RE.test(f.path)) ||
          // v8: test code and test environments use throwaway credentials and keys (TLS test certs, dummy URIs);
          // a provider-format token there is still a real, revocable credential and keeps its severity
          (f.role === "test" && m.kind !== "provider") ||
          // v10: a localhost TLS key file (dev server HTTPS) is a local development key
          (m.kind === "private-key" && isLocalhostKeyPath(f.path)) ||
          // v12: a keyword match on a setting named for the test suite (E2E_TEST_USER_PASSWORD) is a test account's value
          (m.kind === "generic" && !!m.key && TEST_KEY_RE.test(m.key)) ||
          // v22: a key or keyword match in prose documentation (gotosocial's docs/admin/backup_and_restore.md shows a
          // backup's JSON lines with example accounts' private keys) illustrates a format; provider tokens keep severity
          (m.kind !== "provider" && PROSE_RE.test(f.path));
        // v9: a keyword/entropy match on a string enum member (`GooglePasswordManager = "<uuid>",` inside
        // `enum PasskeyBrand {`) is a named constant of the code — ids, not configuration
        if (m.kind === "generic" && code && ENUM_MEMBER_RE.test(line) && insideEnum(lines, m.line)) continue;
        // v16: a keyword match whose value is the key's own name (`simpleFileSecret: 'simpleFileSecret'`, a lookup
        // name), or whose key names the secret rather than holding it (`awsSecretIdSuffix`, `secretName`,
        // `tokenHeader`: an id, name, path or affix of a secret kept elsewhere), is not a credential
        if (m.kind === "generic" && !!m.key && (norm(m.key) === norm(m.secret) || SECRET_REF_KEY_RE.test(m.key))) continue;
        // v18: a value that contains the key's own name (`SET_COMPONENT_CREDENTIALS = '@canvas/SET_COMPONENT_CREDENTIALS'`,
        // a Redux action type; `DeviceAuthKey = "pm-27581-device-auth-key"`, a feature-flag name) is a lookup name, and a
        // key naming a redaction/placeholder marker (`REDACTED_CREDENTIAL_VALUE = '_FLOWISE_BLANK_<uuid>'`) holds the
        // sentinel that replaces secrets in API responses — neither is a credential
        if (m.kind === "generic" && !!m.key && ((norm(m.key).length >= 8 && norm(m.secret).includes(norm(m.key))) || MARKER_KEY_RE.test(m.key))) continue;
        // v18: the author states on the line or the line above that the value is not a secret (`// This value is safe
        // to be embedded in version control` above gh's OAuth app secret, RFC 8252 §8.5 — a native app's client secret is
        // not confidential; `// token is randomly generated and not real` above a test token): low/low, like a comment
        const declared = DECLARED_NOT_SECRET_RE.test(line) || DECLARED_NOT_SECRET_RE.test(COMMENT_LINE_RE.test(lines[m.line - 2] ?? "") ? lines[m.line - 2] : "");
        if (built && seen.has(m.secret)) continue;
        seen.add(m.secret);
        ctx.report({
          path: f.path,
          line: m.line,
          column: m.column,
          message: m.kind === "uri" ? "Credentials embedded in a connection URI." : m.kind === "private-key" ? "Private key committed in a tracked file." : m.kind === "generic" ? "High-entropy secret assigned to a secret-like name." : "Provider credential committed in a tracked file.",
          snippet: line.trim(),
          match: `${m.detector}:${m.secret}`,
          secret: m.secret,
          severity: (devSection && m.kind !== "private-key") || commented || sample || declared ? "low" : m.severity,
          confidence: commented || sample || declared ? "low" : m.confidence,
          data: { ...(commented ? { commentedOut: "true" } : {}), ...(declared ? { declaredNotSecret: "true" } : {}), ...(sample ? { sampleData: f.role === "test" ? "test code / test environment" : m.kind === "generic" && !!m.key && TEST_KEY_RE.test(m.key) ? "test-suite setting" : m.kind === "private-key" && isLocalhostKeyPath(f.path) ? "local development TLS key (localhost)" : PROSE_RE.test(f.path) ? "documentation example" : "seed/demo/fixture data" } : {}), detector: m.detector, entropy: Math.round(m.entropy * 100) / 100, ...(m.key ? { key: m.key } : {}), ...(acknowledged ? { acknowledged: "upstream pragma (still counts)" } : {}), ...(m.note ? { note: m.note } : {}), ...(devSection ? { section: section! } : {}), ...(built ? { buildOutput: "committed build output" } : {}) },
        });
      }
    }
  },
});
