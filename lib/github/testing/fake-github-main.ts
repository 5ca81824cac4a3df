// Test-only entry point: starts the local GitHub stand-in in its own process for e2e and
// benchmarks, seeded from a JSON scenario, and prints one JSON line with its URLs and app
// credentials on stdout (then keeps running until SIGTERM/SIGINT).
//
//   tsx lib/github/testing/fake-github-main.ts --port 3311 --scenario e2e/github-scenario.json [--write-env /tmp/gh.env]
//
// Scenario (every key optional):
//   { "app": { "slug": "twelvefactor-e2e", "name": "…", "setupUrl": "http://127.0.0.1:3310/api/github/setup",
//              "callbackUrls": ["http://127.0.0.1:3310/api/auth/github/callback"],
//              "hookUrl": "http://127.0.0.1:3310/api/github/webhooks" },
//     "users": [{ "login": "alice", "name": "Alice", "email": "alice@example.test" }],
//     "orgs": [{ "login": "acme", "members": { "alice": "admin", "bob": "member" } }],
//     "repos": [{ "owner": "acme", "name": "api", "files": { "server.js": "…" }, "archived": false, "fork": false }],
//     "installations": [{ "account": "acme", "repos": "all" }] }
//
// --write-env writes GITHUB_* variables (GITHUB_APP_ID, GITHUB_PRIVATE_KEY with \n escapes,
// GITHUB_WEBHOOK_SECRET, GITHUB_CLIENT_ID/SECRET, GITHUB_APP_SLUG, GITHUB_API_URL, GITHUB_URL) for
// the web and worker processes. Control endpoints for a running fake: see `/_fake/*` in fake-github.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startFakeGitHub, type FakeRepo } from "./fake-github.ts";

interface Scenario {
  app?: { slug?: string; name?: string; setupUrl?: string; callbackUrls?: string[]; hookUrl?: string; ownerLogin?: string };
  users?: { login: string; name?: string; email?: string }[];
  orgs?: { login: string; members?: Record<string, "admin" | "member"> }[];
  repos?: ({ owner: string; name: string; files?: Record<string, string> | null } & Partial<Pick<FakeRepo, "archived" | "fork" | "defaultBranch" | "language" | "topics" | "description">>)[];
  installations?: { account: string; repos?: string[] | "all" }[];
}

const { values } = parseArgs({ options: { port: { type: "string" }, scenario: { type: "string" }, "write-env": { type: "string" } } });
const scenario: Scenario = values.scenario ? (JSON.parse(readFileSync(values.scenario, "utf8")) as Scenario) : {};

const gh = await startFakeGitHub({ port: values.port ? Number(values.port) : 0, app: scenario.app ?? {} });
for (const u of scenario.users ?? []) gh.addUser(u);
for (const o of scenario.orgs ?? []) gh.addOrg(o.login, o.members ?? {});
for (const r of scenario.repos ?? []) {
  const { owner, name, ...rest } = r;
  gh.addRepo(owner, name, rest);
}
const installations = (scenario.installations ?? []).map((i) => {
  const { installation, setupRedirectUrl } = gh.installApp(i.account, i.repos ?? "all");
  return { id: installation.id, account: installation.account.login, setupRedirectUrl };
});

const app = gh.app;
const info = {
  webUrl: gh.webUrl,
  apiUrl: gh.apiUrl,
  app: { id: app.id, slug: app.slug, clientId: app.clientId, clientSecret: app.clientSecret, webhookSecret: app.webhookSecret, privateKey: app.privateKeyPem },
  installations,
};
if (values["write-env"]) {
  const lines = {
    GITHUB_APP_ID: String(app.id),
    GITHUB_APP_SLUG: app.slug,
    GITHUB_PRIVATE_KEY: app.privateKeyPem.trim().replace(/\n/g, "\\n"),
    GITHUB_WEBHOOK_SECRET: app.webhookSecret,
    GITHUB_CLIENT_ID: app.clientId,
    GITHUB_CLIENT_SECRET: app.clientSecret,
    GITHUB_API_URL: gh.apiUrl,
    GITHUB_URL: gh.webUrl,
  };
  // Double-quoted: valid for `set -a; . file` in a shell and for dotenv / node --env-file.
  writeFileSync(values["write-env"], Object.entries(lines).map(([k, v]) => `${k}="${v}"`).join("\n") + "\n", { mode: 0o600 });
}
process.stdout.write(JSON.stringify(info) + "\n");

const stop = async () => {
  await gh.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
