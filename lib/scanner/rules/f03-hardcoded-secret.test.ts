import { describe, expect, it } from "vitest";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import rule from "./f03-hardcoded-secret.ts";
import { ruleTester, runRule } from "../testing.ts";
import { fakeAssignment, fakeCredentialUri, fakeGithubToken, fakePem } from "../testing/fake-secrets.ts";

// A JWT whose payload `exp` is in 2100, assembled at runtime so this file holds no token literal.
const LIVE_JWT = ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", "eyJzdWIiOiI1ZWJhYzUzNDk1NGI1NDEzOTgwNmMxMTIiLCJpYXQiOjE1ODkyOTg0ODQsImV4cCI6NDEwMjQ0NDgwMH0", "m1U63blB0MLej_WfB7yC2FTMnCziif9X8yzwDEfJXAg"].join(".");
const GH = fakeGithubToken("ghp", "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5"); // built at runtime: no literal token in this repo
const pkg = JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4" } });

const mixApp = { "mix.exs": "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, deps: [{:phoenix, \"~> 1.7\"}]]\nend\n", "mix.lock": "%{}\n", "lib/shop_web/endpoint.ex": "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n" };

ruleTester(rule, {
  valid: [
    { name: "session 20 (formbricks): a *.lock file of translation-key checksums holds no secrets", files: { "package.json": "{\"name\":\"web\",\"private\":true}", "apps/web/i18n.lock": "checksums:\n  common/api_keys: f961c3a5d0e24b7e9a1c8f3b2d6e4a90\n  auth/forgot-password/reset/new_password: c3e3b8a1d94f2e6c7a5b0d1f8e9c2a47\n" } },
    {
      name: "v21 controls: a character set for generated passwords (papra PASSWORD_ALPHABET), a password field name, a sample password",
      files: { "package.json": JSON.stringify({ name: "web", private: true }), "src/share.ts": "export const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';\nexport const password_field = 'Zk83hdPq2LmW';\nexport const demo = { password: 'Passw0rd123' };\n", "app/Http/Requests/RegisterUser.php": "<?php\nclass RegisterUser {\n  public function rules() {\n    return ['password' => 'required|string|min:8|confirmed', 'email' => 'required|email'];\n  }\n}\n" },
    },
    {
      name: "v19: Elixir config reading a key from the environment or the app env is not a literal (hexpm runtime.exs)",
      files: { ...mixApp, "config/runtime.exs": "import Config\n\nconfig :shop,\n  private_key: System.fetch_env!(\"SHOP_SIGNING_KEY\"),\n  secret_key_base: System.get_env(\"SECRET_KEY_BASE\")\n", "lib/shop/storage.ex": "defmodule Shop.Storage do\n  def sign(x) do\n    private_key = Application.get_env(:shop, :private_key)\n    {x, private_key}\n  end\nend\n" },
    },
    {
      name: "v16: a lookup table whose values are the keys' own names is not a secret",
      files: { "package.json": pkg, "src/services/secrets-service.js": "export const SecretName = {\n  gocardless_secretKey: 'gocardless_secretKey',\n  simplefin_accessKey: 'simplefin_accessKey',\n};\n" },
    },
    {
      name: "v16: a key naming a reference to a secret (its id suffix in a secrets manager) holds a name, not the secret",
      files: { "package.json": pkg, "src/auth/secrets.ts": "export const jwt = defineSecret({\n  envKey: 'JWT_AUTH_TOKEN_SECRET',\n  awsSecretIdSuffix: 'JWTAuthTokenSecret',\n});\n" },
    },
    { name: "v11: the Azurite emulator connection string (devstoreaccount1) is a public development key", files: { "package.json": pkg, "docs/storage.md": `az storage container create --connection-string "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw" + "=="};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"\n` } },
    {
      name: "a PEM header used as an input placeholder, followed by markup, is not a key (v7)",
      files: { "package.json": pkg, "src/components/SMTP.vue": '<template>\n  <textarea\n    class="form-control"\n    placeholder="' + "-".repeat(5) + 'BEGIN PRIVATE KEY' + "-".repeat(5) + '"\n  ></textarea>\n  <div class="mb-3"><label for="dkim-key-selector" class="form-label">{{ $t("dkimKeySelector") }}</label><input id="dkim-key-selector" v-model="$parent.notification.smtpDkimKeySelector" type="text" class="form-control" autocomplete="false"></div>\n</template>\n' },
    },
    {
      name: "UI strings in a translation catalog are not secrets (v5)",
      files: { "package.json": JSON.stringify({ name: "api", private: true }), "internal/locale/translations/de_DE.json": '{\n  "form.integration.googlereader_password": "Google-Reader-Passwort",\n  "form.integration.linktaco_api_token": "LinkTaco-API-Token"\n}\n' },
    },
    {
      name: "v24 (session31e: FerretDB): a token shown as an example in an OpenAPI document's description is documentation",
      files: { "go.mod": "module x\n\ngo 1.22\n", "api/openapi.json": '{\n  "openapi": "3.0.3",\n  "components": {\n    "securitySchemes": {\n      "CustomJwt": {\n        "type": "apiKey",\n        "description": "**Example:** `jwtTokenString: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJteWFwcC1hYmNkZSIsInN1YiI6IjY0MzZlMDZiZGU1YzQ2ZGQ5MTQwZWFlOSIsIm5hbWUiOiJKb2huIERvZSIsImlhdCI6MTUxNjIzOTAyMn0.Y_6JR4ocrqoCEY3yOZlEqhxtAsSpvlzrXc9uvTSJA0k`"\n      }\n    }\n  }\n}\n' },
    },
    {
      name: "the jwt.io sample token in a README is an example, not a credential (v4)",
      files: { "package.json": JSON.stringify({ name: "api", private: true }), "README.md": "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c' http://localhost:3000/me\n" },
    },
    { name: "AWS documentation key", files: { "package.json": pkg, "src/aws.ts": 'const id = "AKIAIOSFODNN7EXAMPLE";\n' } },
    { name: "placeholder and env reads", files: { "package.json": pkg, "src/cfg.ts": 'const password = "changeme";\nconst apiKey = process.env.API_KEY;\nconst token = "<your-token>";\n' } },
    { name: "public key and publishable key", files: { "package.json": pkg, "keys/pub.pem": "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n", "src/stripe.ts": 'const pk = "pk_live_51H8z0bKz8pYq0Zx9Qw";\n' } },
    { name: "v9: URI syntax notation with bracketed optional userinfo in a comment is not a credential", files: { "package.json": pkg, "src/validators.ts": "// Format: protocol://[user[:password]@]host1[:port1][,host2[:port2],...][/database][?params]\nexport const x = 1;\n" } },
    { name: "v9: enum members whose names qualify another noun with 'Password' (password managers) hold ids, not secrets", files: { "package.json": pkg, "src/passkeys.ts": 'export enum PasskeyBrand {\n  GooglePasswordManager = "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4",\n  KasperskyPasswordManager = "a10c8d7b-5e1f-4a2b-9c3d-7e6f5a4b3c2d",\n  // comment\n  ApplePasswords = "fbfc3007-154e-4ecc-8c0b-6e020557d7bd",\n  IPasswords = "bfc748bb-3429-4faa-b9f9-7cfa9f3b76d0",\n}\n' } },
    { name: "integrity hashes in lockfiles", files: { "package.json": pkg, "package-lock.json": '{"packages":{"node_modules/x":{"integrity":"sha512-Zk9hY2tlcnNBcmVOb3RTZWNyZXRzMTIzNDU2Nzg5MA=="}}}' } },
    { name: "low-entropy generic value and identifiers", files: { "package.json": pkg, "src/a.ts": 'const secretKeyName = "sessionSecretKey";\nconst api_key_header = "X-Api-Key";\nconst password = "password123";\n' } },
    { name: "weak local dev database URL", files: { "package.json": pkg, "src/db.ts": 'const url = process.env.DATABASE_URL ?? "postgres://postgres:postgres@localhost:5432/app";\n' } },
    { name: "build output under a third-party directory, minified bundles and source maps are not scanned", files: { "package.json": pkg, "node_modules/lib/dist/config.js": `exports.token = "${GH}";\n`, "dist/app.min.js": `var t="${GH}";\n`, "build/app.js.map": `{"sourcesContent":["const t = \\"${GH}\\""]}\n` } },
    { name: "documentation private key with ellipsis", files: { "docs/setup.md": "```\n" + fakePem("RSA PRIVATE KEY", "MIIE...\n") + "```\n", "package.json": pkg } },
    { name: "v9: base64 Secret data in a Kubernetes manifest is left to F03-SECRET-IN-DEPLOY-MANIFEST", files: { "package.json": pkg, "k8s/secret.yml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  quarkus.datasource.password: c3VwZXJtYW5QYXNzd29yZDIwMjQ=\n" } },
    { name: "an env-read argument with digits (SERVICE_API_KEY_V2) is a name, not a secret (v9)", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "app/Services/Client.php": "<?php\n$config = [\n    'api_key' => env('SERVICE_API_KEY_V2', ''),\n];\n" }, options: { kind: "service" } },
    { name: "the argument of an env read is a variable name, not a secret (v9)", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "app/Config/saml2.php": "<?php\nreturn [\n    'sp' => [\n        'privateKey' => env('SAML2_SP_x509_KEY', ''),\n    ],\n];\n" }, options: { kind: "service" } },
  ],
  invalid: [
    { name: "session 20 control: the same checksum-shaped value under a secret name in a YAML config is reported", files: { "package.json": "{\"name\":\"web\",\"private\":true}", "apps/web/keys.yaml": "checksums:\n  common/api_keys: f961c3a5d0e24b7e9a1c8f3b2d6e4a90\n" }, findings: [{ path: "apps/web/keys.yaml", line: 2 }] },
    {
      name: "v21 (session 16: LinkStack config/mail.php): a bare `password` key given a chosen password is a credential too, not only prefixed keys (db_password, api_key)",
      files: {
        "composer.json": JSON.stringify({ require: { "laravel/framework": "^9.0" } }),
        "config/mail.php": "<?php\nreturn [\n    'mailers' => [\n        'built-in' => [\n            'host' => 'mail.acme.io',\n            " + fakeAssignment("'password'", "Zk83hdPq2LmW", { sep: " => ", quote: "'" }) + ",\n        ],\n        'smtp' => ['password' => env('MAIL_PASSWORD')],\n    ],\n];\n",
      },
      options: { kind: "service" },
      findings: [{ path: "config/mail.php", line: 6 }],
    },
    { name: "v19: a quoted secret_key_base in Elixir production config is still a literal", files: { ...mixApp, "config/prod.exs": "import Config\n\nconfig :shop, ShopWeb.Endpoint,\n  " + fakeAssignment("secret_key_base", "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0", { sep: ": " }) + "\n" }, findings: [{ path: "config/prod.exs", line: 4 }] },
    {
      name: "v17: a key literal assigned to a TEST/FAKE-named constant is a fixture (low); the same key under a plain name is critical",
      files: {
        "Cargo.toml": "[package]\nname = \"sdk\"\nversion = \"0.1.0\"\n",
        "src/rsa_keys.rs": "const TEST_FAKE_RSA_KEY_0: &str = \"" + fakePem("PRIVATE KEY", "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDJCUSj4FfDQ3KCx7Yb2Qw9ZkP1mN3rT6vH8sL0aJ4cE2fG5hD7iB9oQ7uN\n") + "\";\n",
        "src/signing.rs": "const SIGNING_KEY: &str = \"" + fakePem("PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEfYyjiWA4R4dP6Hq3gW2sXz5YbN8vKpL1mQ9rT0uE\n") + "\";\n",
      },
      options: { kind: "service" },
      findings: [{ path: "src/rsa_keys.rs", severity: "low" }, { path: "src/signing.rs", severity: "critical" }],
    },
    { name: "v9: a provider-format token in a Kubernetes manifest is still reported", files: { "package.json": pkg, "k8s/deploy.yml": `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: acme/api:1.0.0\n          env:\n            - name: GH\n              value: ${GH}\n` }, findings: [{ path: "k8s/deploy.yml", line: 13 }] },
    { name: "the same key with a literal high-entropy value is still reported (v9 control)", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "app/Services/Client.php": "<?php\n$config = [\n    'api_key' => '9yMHsdioQosnyVK4iCVR',\n];\n" }, options: { kind: "service" }, findings: [{ path: "app/Services/Client.php", line: 3 }] },
    {
      name: "v12: a password for the E2E test user in .env.example is low/low; an app password next to it stays high",
      files: { "package.json": pkg, ".env.example": 'E2E_TEST_AUTHENTICATE_USER_PASSWORD="test_Password123"\nSMTP_PASSWORD="Zq8vR2mK9xL4pT7w"\n' },
      findings: [{ path: ".env.example", line: 1, severity: "low" }, { path: ".env.example", line: 2, severity: "high" }],
    },
    { name: "v11: the same key format for another account is still a credential", files: { "package.json": pkg, "src/storage.ts": `export const conn = "DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=${"Qz7vTn2LmX9pR4sK8wY1bH6cJ3dF5gA0eU7iO2kM9nB4vC1xZ8lP3qW6rT5yE0uI2oA7sD4fG9hJ1kL3zX6cV8bN" + "=="};EndpointSuffix=core.windows.net";\n` }, findings: [{ path: "src/storage.ts", line: 1, severity: "critical" }] },
    {
      name: "v15: a credential URL in a Python docstring is low/low; the same URL assigned in code stays reported",
      files: {
        "pyproject.toml": '[project]\nname = "fetchlib"\nversion = "1.0"\ndependencies = ["certifi"]\n',
        "fetchlib/urls.py": `class URL:\n    """\n    Example:\n\n    url = URL("${fakeCredentialUri("https", "jo", "Zq8vR2mK9xL4pT7w", "db.acme-corp.io:1234/path")}")\n    """\n\n    def __init__(self, raw):\n        self.raw = raw\n\n\nDEFAULT = "${fakeCredentialUri("https", "svc", "Hn4wQ7zL2vX9kR3p", "db.acme-corp.io:1234/path")}"\n`,
      },
      findings: [{ path: "fetchlib/urls.py", line: 5, severity: "low", confidence: "low" }, { path: "fetchlib/urls.py", line: 12, severity: "critical" }],
    },
    {
      name: "v9: a real password in a URI next to bracketed notation elsewhere, and a password-named constant, are still reported",
      files: { "package.json": pkg, "src/db.ts": `// Format: protocol://[user[:password]@]host\nexport const url = "${fakeCredentialUri("postgres", "app", "Zq8vR2mK9xL4pT7w", "db.acme-corp.io:5432/app")}";\nexport const adminPassword = "Zq8vR2mK9xL4pT7wB3nY";\n` },
      findings: [{ path: "src/db.ts", line: 2 }, { path: "src/db.ts", line: 3 }],
    },
    {
      name: "v10: a private key in localhost.pem (dev server HTTPS) is low/low; the same key in server.pem stays critical",
      files: { "package.json": pkg, "apps/client/localhost.pem": fakePem("PRIVATE KEY", "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDJCUSj4FfDQ3KCx7Yb2Qw9ZkP1mN3rT6vH8sL0aJ4cE2fG5hD7iB9oQ7uN\n"), "deploy/server.pem": fakePem("PRIVATE KEY", "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDJCUSj4FfDQ3KCx7Yb2Qw9ZkP1mN3rT6vH8sL0aJ4cE2fG5hD7iB9oQ7uN\n") },
      findings: [{ path: "apps/client/localhost.pem", severity: "low" }, { path: "deploy/server.pem", severity: "critical" }],
    },
    {
      name: "v22: a private key in prose documentation (a backup format's example lines) is low/low (info in a docs file); the same key in config and a provider token in a README keep their severity",
      files: { "package.json": pkg, "docs/admin/backup.md": "The backup file holds one JSON object per line:\n\n```json\n" + JSON.stringify({ type: "account", privateKey: fakePem("RSA PRIVATE KEY", "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDJCUSj4FfDQ3KCx7Yb2Qw9ZkP1mN3rT6vH8sL0aJ4cE2fG5hD7iB9oQ7uN\n") }) + "\n```\n", "config/signing.key": fakePem("RSA PRIVATE KEY", "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDJCUSj4FfDQ3KCx7Yb2Qw9ZkP1mN3rT6vH8sL0aJ4cE2fG5hD7iB9oQ7uN\n"), "README.md": `Run it with\n\n    GITHUB_TOKEN=${GH} ./svc\n` },
      findings: [{ path: "README.md", severity: "high" }, { path: "config/signing.key", severity: "critical" }, { path: "docs/admin/backup.md", severity: "info", confidence: "low" }],
    },
    {
      name: "v9: the same value assigned to a password-named class field (not an enum member) is still reported",
      files: { "package.json": pkg, "src/config.ts": 'export class Config {\n  static adminPassword = "fbfc3007-154e-4ecc-8c0b-6e020557d7bd";\n}\n' },
      findings: [{ path: "src/config.ts", line: 2 }],
    },
    {
      name: "credentials in a URI inside test code are low/low, not high/medium (v8)",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), "tests/Models/LinkTest.php": `<?php\n$link = ['url' => '${fakeCredentialUri("https", "", "snowden9", "files.nsa.gov")}'];\n` },
      options: { kind: "service" },
      findings: [{ path: "tests/Models/LinkTest.php", line: 2, severity: "info", confidence: "low" }], // low/low, then the engine reports test code one step lower
    },
    {
      name: "a demo user's api_key in a seeder command is low/low sample data (v6)",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), "app/Console/Commands/DemoSeederCommand.php": "<?php\n$users = [\n    ['username' => 'test', 'api_key'  => '9yMHsdioQosnyVK4iCVR'],\n];\n" },
      options: { kind: "service" },
      findings: [{ path: "app/Console/Commands/DemoSeederCommand.php", line: 3, severity: "low", confidence: "low" }],
    },
    {
      name: "the same api_key in an application config file stays a medium-confidence high finding (v6)",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), "app/Services/Client.php": "<?php\n$config = [\n    'api_key'  => '9yMHsdioQosnyVK4iCVR',\n];\n" },
      options: { kind: "service" },
      findings: [{ path: "app/Services/Client.php", line: 3, severity: "high", confidence: "medium" }],
    },
    {
      name: "v24 control: the same example in a plain JSON settings file is a finding",
      files: { "go.mod": "module x\n\ngo 1.22\n", "api/settings.json": '{\n  "components": {\n    "securitySchemes": {\n      "CustomJwt": {\n        "type": "apiKey",\n        "description": "**Example:** `jwtTokenString: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJteWFwcC1hYmNkZSIsInN1YiI6IjY0MzZlMDZiZGU1YzQ2ZGQ5MTQwZWFlOSIsIm5hbWUiOiJKb2huIERvZSIsImlhdCI6MTUxNjIzOTAyMn0.Y_6JR4ocrqoCEY3yOZlEqhxtAsSpvlzrXc9uvTSJA0k`"\n      }\n    }\n  }\n}\n' },
      findings: [{ path: "api/settings.json", line: 6 }],
    },
    {
      name: "a provider-format token inside a translation catalog still counts (v5)",
      files: { "package.json": JSON.stringify({ name: "api", private: true }), "locales/en.json": '{\n  "token": "' + GH + '"\n}\n' },
      findings: [{ path: "locales/en.json", line: 2, severity: "critical" }],
    },
    {
      name: "an expired JWT in an OpenAPI example is reported low/low (v4)",
      files: { "package.json": JSON.stringify({ name: "api", private: true }), "src/routes/auth.js": "/**\n * @swagger\n *   example:\n *     refreshToken: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1ZWJhYzUzNDk1NGI1NDEzOTgwNmMxMTIiLCJpYXQiOjE1ODkyOTg0ODQsImV4cCI6MTU4OTMwMDI4NH0.m1U63blB0MLej_WfB7yC2FTMnCziif9X8yzwDEfJXAg\n */\nmodule.exports = {};\n" },
      findings: [{ path: "src/routes/auth.js", line: 4, severity: "low", confidence: "low" }],
    },
    {
      name: "a JWT that has not expired is a high finding (v4)",
      files: { "package.json": JSON.stringify({ name: "api", private: true }), "src/client.js": "const token = '" + LIVE_JWT + "';\nmodule.exports = token;\n" },
      findings: [{ path: "src/client.js", line: 1, severity: "high" }],
    },
    { name: "commented-out generic secret (Devise template) is low/low", files: { "Gemfile": "gem 'rails'\n", "config/initializers/devise.rb": "Devise.setup do |config|\n  # " + fakeAssignment("config.secret_key", "9f8e7d6c5b4a39281706f5e4d3c2b1a0", { quote: "'" }) + "\nend\n" }, findings: [{ path: "config/initializers/devise.rb", line: 2, severity: "low" }] },
    { name: "commented-out provider token still counts in full", files: { "package.json": pkg, "src/gh.ts": `// export const token = "${GH}";\n` }, findings: [{ path: "src/gh.ts", line: 1, severity: "critical" }] },
    { name: "GitHub PAT in source", files: { "package.json": pkg, "src/gh.ts": `export const token = "${GH}";\n` }, findings: [{ path: "src/gh.ts", line: 1, severity: "critical" }] },
    { name: "credentials in a remote database URI", files: { "package.json": pkg, "src/db.ts": `export const url = "${fakeCredentialUri("postgres", "app", "S3cr3tPassw0rd9", "db.prod.acme-corp.io:5432/app")}";\n` }, findings: [{ path: "src/db.ts", severity: "critical", snippet: "S3cr…(len=15)" }] },
    { name: "generic high-entropy secret", files: { "package.json": pkg, "config/settings.py": fakeAssignment("API_KEY", "9f8e7d6c5b4a39281706f5e4d3c2b1a0") + "\n" }, findings: [{ path: "config/settings.py", line: 1, severity: "high" }] },
    { name: "secret in a test file is downgraded", files: { "package.json": pkg, "test/gh.test.ts": `const t = "${GH}";\n` }, findings: [{ path: "test/gh.test.ts", severity: "high" }] },
    { name: "Rails secrets.yml development key is low", files: { "Gemfile": "gem 'rails'\n", "config/secrets.yml": "development:\n  secret_key_base: 86bc88971370072b5c3fb0122870b37ce0750d2c883f0890165dc45a43bad83b\nproduction:\n  secret_key_base: <%= ENV[\"SECRET_KEY_BASE\"] %>\n" }, findings: [{ path: "config/secrets.yml", line: 2, severity: "low" }] },
    { name: "secret in committed build output (dist/ compiled from a gitignored source)", files: { "package.json": pkg, "src/config.ts.example": "export const SECRET = 'change-me';\n", "dist/config.js": '"use strict";\n' + fakeAssignment("exports.SECRET", "9f8e7d6c5b4a39281706f5e4d3c2b1a0", { quote: "'" }) + ";\n" }, findings: [{ path: "dist/config.js", line: 2, severity: "high" }] },
    { name: "a secret reported in source is not repeated from its build output", files: { "package.json": pkg, "src/gh.ts": `export const token = "${GH}";\n`, "build/gh.js": `exports.token = "${GH}";\n` }, findings: [{ path: "src/gh.ts", line: 1, severity: "critical" }] },
    { name: "private key in a tracked PEM", files: { "package.json": pkg, "certs/server.key": fakePem("PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n") }, findings: [{ path: "certs/server.key", line: 1, severity: "critical" }] },
  ],
});

describe("F03-HARDCODED-SECRET committed build output", () => {
  it("a secret in src/ and its compiled copy in build/ is one finding", async () => {
    const run = await runRule(rule, { "package.json": pkg, "src/gh.ts": `export const token = "${GH}";\n`, "build/gh.js": `exports.token = "${GH}";\n` });
    expect(run.findings.map((f) => f.path)).toEqual(["src/gh.ts"]);
  });
});

describe("F03-HARDCODED-SECRET redaction", () => {
  it("never prints the secret in snippet, message or data", async () => {
    const run = await runRule(rule, { "package.json": pkg, "src/gh.ts": `export const token = "${GH}";\n` });
    const text = JSON.stringify(run.results);
    expect(run.findings).toHaveLength(1);
    expect(text).not.toContain(GH);
    expect(run.findings[0].snippet).toContain("ghp_…(len=40)");
    expect(run.findings[0].fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  it("fingerprint is stable when the line moves", async () => {
    const a = await runRule(rule, { "package.json": pkg, "src/gh.ts": `export const token = "${GH}";\n` });
    const b = await runRule(rule, { "package.json": pkg, "src/gh.ts": `// moved\n\nexport const token = "${GH}";\n` });
    expect(a.findings[0].line).toBe(1);
    expect(b.findings[0].line).toBe(3);
    expect(a.findings[0].fingerprint).toBe(b.findings[0].fingerprint);
  });
});

describe("v16: an AWS access key ID in a Python docstring (documented presigned POST fields) is documentation", () => {
  const keyId = ["AKIA", "SOZLZI5FJDJ6XTSZ"].join(""); // built at runtime: no key-shaped literal in this repo
  const files = (inDocstring: boolean) => ({
    "requirements.txt": "boto3==1.34.0\n",
    "app/aws.py": inDocstring
      ? `def upload():\n    """\n    It looks like this:\n    {'fields': {'x-amz-credential': '${keyId}/20220405/eu-central-1/s3/aws4_request'}}\n    """\n    return None\n`
      : `CREDENTIAL = '${keyId}/20220405/eu-central-1/s3/aws4_request'\n`,
  });
  const sev = async (inDocstring: boolean) => (await runRule(rule, files(inDocstring), { kind: "service" })).results.flatMap((r) => r.findings).map((f) => `${f.severity}/${f.confidence}`);
  it("inside the docstring: low/low", async () => {
    expect(await sev(true)).toEqual(["low/low"]);
  });
  it("in code: keeps its provider severity", async () => {
    expect(await sev(false)).toEqual(["high/high"]);
  });
});

describe("v18: stand-ins, lookup names, markers and declared non-secrets", () => {
  const hex = ["34ddeff2b558a23d", "38fba8a6de74f086ede1cc0b"].join(""); // built at runtime: no secret-shaped literal here
  const sev = async (path: string, text: string) => (await runRule(rule, { "package.json": pkg, [path]: text }, { kind: "service" })).results.flatMap((r) => r.findings).map((f) => `${f.severity}/${f.confidence}`);
  it("a client secret under a comment saying it is safe to embed is low/low; without the comment it is reported", async () => {
    expect(await sev("src/flow.ts", `// This value is safe to be embedded in version control\nconst oauthClientSecret = "${hex}";\n`)).toEqual(["low/low"]);
    expect(await sev("src/flow.ts", `// OAuth app\nconst oauthClientSecret = "${hex}";\n`)).toEqual(["high/medium"]);
  });
  it("a provider token under a comment saying it is not real is low/low", async () => {
    expect(await sev("src/validate.ts", `export function t() {\n  // token is randomly generated and not real\n  const token = '${GH}'\n  return token\n}\n`)).toEqual(["low/low"]);
    expect(await sev("src/validate.ts", `export function t() {\n  const token = '${GH}'\n  return token\n}\n`)).toEqual(["critical/high"]);
  });
  it("a value containing the key's own name (action type, feature-flag slug) is not reported; a random value is", async () => {
    expect(await sev("src/actions.js", "export const SET_COMPONENT_CREDENTIALS = '@canvas/SET_COMPONENT_CREDENTIALS9'\n")).toEqual([]);
    expect(await sev("src/Constants.cs", 'public const string DeviceAuthKey = "pm-27581-device-auth-key";\npublic const string PasswordRegistration = "pm-27278-v2-password-registration";\n')).toEqual([]);
    expect(await sev("src/actions.js", `export const SET_COMPONENT_CREDENTIALS = '${hex}'\n`)).toEqual(["high/medium"]);
  });
  it("a redaction marker key is not reported", async () => {
    expect(await sev("src/constant.js", `export const REDACTED_CREDENTIAL_VALUE = '_FLOWISE_BLANK_07167752-1a71-43b1-bf8f-4f32252165db'\n`)).toEqual([]);
    expect(await sev("src/constant.js", `export const API_CREDENTIAL_VALUE = '_FLOWISE_X_07167752-1a71-43b1-bf8f-4f32252165db'\n`)).toEqual(["high/medium"]);
  });
  it("values that call themselves stand-ins are placeholders", async () => {
    expect(await sev("Taskfile.yml", 'env:\n  HBOX_AUTH_API_KEY_PEPPER: "dev-only-pepper-not-for-production-use-32b+"\n')).toEqual([]);
    expect(await sev("src/code.js", 'const body = { "openAIApiKey": "sk-my-openai-1st-key" }\n')).toEqual([]);
    expect(await sev("Taskfile.yml", `env:\n  HBOX_AUTH_API_KEY_PEPPER: "${hex}"\n`)).toEqual(["high/medium"]);
  });
  it("a credential URI on a documentation domain (RFC 2606) is not reported; on a real host it is", async () => {
    const pw = ["pa", "ssw0rd"].join("");
    expect(await sev("docs/webdav.md", `Use \`https://TestUser:${pw}@cloud.example.com/remote.php/dav/files/TestUser/\`.\n`)).toEqual([]);
    expect(await sev("docs/webdav.md", `Use \`https://TestUser:${pw}@cloud.acme-corp.io/remote.php/dav/files/TestUser/\`.\n`)).toHaveLength(1);
  });
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("Scala source is code: a provider token literal is reported; one read from the environment is not", async () => {
    const token = ["sk_live", "51HqLyjWDarjtT1zdp7dc"].join("_") + "9fYzLvAqWn3RdD5gOBb";
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Billing.scala": `package app\nobject Billing {\n  val stripeKey = "${token}"\n}\n` }, { kind: "service" }).toTrigger([{ path: "src/main/scala/app/Billing.scala", line: 3 }]);
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Billing.scala": "package app\nobject Billing {\n  val stripeKey = sys.env(\"STRIPE_SECRET_KEY\")\n}\n" }, { kind: "service" }).notToTrigger();
  });
});
