import rule from "./f03-committed-secret-file.ts";
import { ruleTester } from "../testing.ts";
import { fakeCredentialUri, fakeGithubToken, fakeNpmToken, fakePem, fakeStripeSecretKey } from "../testing/fake-secrets.ts";

const pkg = JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4" } });
const KEY = fakePem("OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACBz7Xk8mZ1nR9yPqV3kL0tW2aJ5cE8fH6gD4iB9oQ7uNwAAAJgH3s9QB97P\n");

ruleTester(rule, {
  valid: [

    { name: "a URL password placeholder in a committed .env.example is not a secret", files: { "package.json": pkg, ".env.example": `DATABASE_URL=${fakeCredentialUri("mysql", "user", "<password>", "localhost:3306/app")}\n` } },
    { name: ".env.example with empty values", files: { "package.json": pkg, ".env.example": "DATABASE_URL=\nSESSION_SECRET=\nPORT=3000\n" } },
    { name: "untracked .env ignored by .gitignore", files: { "package.json": pkg, ".gitignore": ".env\n", ".env": "SESSION_SECRET=a8f5f167f44f4964e6c998dee827110c\n" } },
    { name: "SOPS-encrypted secrets", files: { "package.json": pkg, "deploy/secrets.yaml": "apiKey: ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]\nsops:\n  version: 3.8.0\n" } },
    { name: "Rails encrypted credentials", files: { "Gemfile": "gem 'rails'\n", "config/credentials.yml.enc": "c2VjcmV0cw==--abcd--efgh\n" } },
    { name: ".npmrc using an env reference", files: { "package.json": pkg, ".npmrc": "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n" } },
    { name: "an env template with a further suffix (.env.example.complete) is a template (v5)", files: { "package.json": pkg, ".env.example.complete": "APP_KEY=SomeRandomString\nDB_PASSWORD=database_user_password\nMAIL_PASSWORD=null\n" } },
  ],
  invalid: [
    { name: "Symfony's committed .env defaults: a secret there is a medium literal default (v6)", files: { "composer.json": JSON.stringify({ require: { "symfony/framework-bundle": "^7.0", "symfony/dotenv": "^7.0" } }), ".env": "APP_ENV=prod\nAPP_SECRET=ch4n63m31fy0uc4n\n" }, options: { git: true }, findings: [{ path: ".env", line: 2, severity: "medium" }] },
    { name: "a test-environment env file with a secret is low (v6)", files: { "composer.json": JSON.stringify({ require: { "symfony/framework-bundle": "^7.0", "symfony/dotenv": "^7.0" } }), ".env.test": "KERNEL_CLASS='App\\Kernel'\nAPP_SECRET=a8f5f167f44f4964e6c9\n" }, options: { git: true }, findings: [{ path: ".env.test", line: 2, severity: "low" }] },
    { name: "a non-Symfony app's committed .env with a secret stays critical (v6 control)", files: { "package.json": pkg, ".env": "APP_ENV=prod\nAPP_SECRET=ch4n63m31fy0uc4n\n" }, options: { git: true }, findings: [{ path: ".env", line: 2, severity: "critical" }] },
    { name: "a non-template env file with a suffix is still committed config (v5 control)", files: { "package.json": pkg, ".env.docker.complete": "PORT=3000\nSESSION_SECRET=a8f5f167f44f4964e6c998dee827110c\n" }, options: { git: true }, findings: [{ path: ".env.docker.complete", line: 2, severity: "critical" }] },
    { name: "a committed docker env file whose values are instructions is only the low 'env file committed' finding, not a secret (v3)", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), ".env.docker": "APP_KEY=someRandomStringWith32Characters\nDB_HOST=db\nDB_PASSWORD=ChangeThisToASecurePassword!\nREDIS_PASSWORD=ChangeThisToASecurePassword!\n" }, options: { kind: "service" }, findings: 1 },
    {
      name: "committed .env whose only secret is a password inside a local database URL (medium, not 'no secret values')",
      options: { git: true },
      files: { "package.json": pkg, "prisma/.env": `# Prisma\nDATABASE_URL="${fakeCredentialUri("mysql", "root", "admin", "localhost:3306/app")}"\n` },
      findings: [{ path: "prisma/.env", line: 2, severity: "medium", message: "Environment file with a password in a connection URL is committed." }],
    },
    {
      name: "v4: a committed .env.test with fixture secrets (random-looking test keys) is low, not critical",
      options: { git: true },
      files: { "package.json": pkg, ".env.test": "NODE_ENV=test\nDATABASE_URL=postgres://user:pass@127.0.0.1:5432/app-test\nSECRET_KEY=F0E5AD933D7F6FD8F4DBB3E038C501C052DC0593C686D21ACB30AE205D2F634B\nGOOGLE_CLIENT_SECRET=123456\n" },
      findings: [{ path: ".env.test", severity: "low", message: "Test environment file with fixture secret values is committed." }],
    },
    {
      name: "v4: a real provider-format token in a committed .env.test stays critical",
      options: { git: true },
      files: { "package.json": pkg, "apps/web/.env.test": `NODE_ENV=test\nSECRET_KEY=abcdef1234567890abcdef1234567890\nGITHUB_TOKEN=${fakeGithubToken("ghp", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8")}\n` },
      findings: [{ path: "apps/web/.env.test", line: 3, severity: "critical" }],
    },
    { name: "tracked .env with a secret", files: { "package.json": pkg, ".gitignore": "node_modules\n", ".env": "PORT=3000\nSESSION_SECRET=a8f5f167f44f4964e6c998dee827110c\n" }, options: { git: true }, findings: [{ path: ".env", line: 2, severity: "critical" }] },
    { name: "v4: a short word-like password in a committed non-dev .env is high, not critical (xxl-job docker/.env)", files: { "package.json": pkg, "docker/.env": "APP_PORT=8080\nMYSQL_ROOT_PASSWORD=root_pwd\n" }, findings: [{ path: "docker/.env", line: 2, severity: "high" }] },
    { name: ".env tracked despite .gitignore (git)", files: { "package.json": pkg, ".gitignore": ".env\n", ".env": `STRIPE_SECRET_KEY=${fakeStripeSecretKey("live", "4eC39HqLyjWDarjtT1zdp7dc")}\n` }, options: { git: true }, findings: [{ path: ".env", severity: "critical" }] },
    { name: "tracked .env without secrets is low", files: { "package.json": pkg, ".env": "PORT=3000\nLOG_LEVEL=info\n" }, findings: [{ path: ".env", severity: "low" }] },
    { name: "terraform state", files: { "infra/main.tf": 'resource "aws_s3_bucket" "b" {}\n', "infra/terraform.tfstate": '{"version":4}\n' }, findings: [{ path: "infra/terraform.tfstate", severity: "critical" }] },
    { name: "private key file in a CI-only config directory is low, info after the test-role adjustment (v4)", files: { "package.json": pkg, "docker/ci-config/signing.key": KEY }, findings: [{ path: "docker/ci-config/signing.key", severity: "info" }] },
    { name: "the same key file in the app's config directory stays critical (v4 control)", files: { "package.json": pkg, "config/signing.key": KEY }, findings: [{ path: "config/signing.key", severity: "critical" }] },
    { name: "v9: a passphrase-encrypted signing key (cosign.key) is low; the same key unencrypted is critical", files: { "package.json": pkg, "backend/cosign.key": fakePem("ENCRYPTED SIGSTORE PRIVATE KEY", "eyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjozMjc2OCwiciI6OCwicCI6MX0sInNhbHQiOiJ4WjVnN2pLcVJ2\n"), "backend/plain.key": fakePem("PRIVATE KEY", "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDJCUSj4FfDQ3KCx7Yb2Qw9ZkP1mN3rT6vH8sL0aJ4cE2fG5hD7iB9oQ7uN\n") }, findings: [{ path: "backend/cosign.key", severity: "low" }, { path: "backend/plain.key", severity: "critical" }] },
    { name: "v5: a localhost TLS key for the dev server is low", files: { "package.json": pkg, "apps/client/localhost.pem": fakePem("PRIVATE KEY", "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDJCUSj4FfDQ3KCx7Yb2Qw9ZkP1mN3rT6vH8sL0aJ4cE2fG5hD7iB9oQ7uN\n"), "apps/client/localhost.cert": "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n" }, findings: [{ path: "apps/client/localhost.pem", severity: "low" }] },
    { name: "v5: the same key under a production name is critical", files: { "package.json": pkg, "deploy/server.pem": fakePem("PRIVATE KEY", "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDJCUSj4FfDQ3KCx7Yb2Qw9ZkP1mN3rT6vH8sL0aJ4cE2fG5hD7iB9oQ7uN\n") }, findings: [{ path: "deploy/server.pem", severity: "critical" }] },
    { name: "ssh private key", files: { "package.json": pkg, "deploy/id_ed25519": KEY }, findings: [{ path: "deploy/id_ed25519", severity: "critical" }] },
    { name: "npm token in .npmrc", files: { "package.json": pkg, ".npmrc": `//registry.npmjs.org/:_authToken=${fakeNpmToken("abcdEFGH1234ijklMNOP5678qrstUVWX90yz")}\n` }, findings: [{ path: ".npmrc", line: 1, severity: "high" }] },
    { name: "service account JSON", files: { "package.json": pkg, "gcp-key.json": `{\n  "type": "service_account",\n  "private_key": "${fakePem("PRIVATE KEY", "MIIE\n").replace(/\n/g, "\\n")}"\n}\n` }, findings: [{ path: "gcp-key.json", line: 3, severity: "critical" }] },
  ],
});
