// The e2e suite's local GitHub (a Playwright webServer, see playwright.config.ts): prepares the
// GitHub-mode database (fresh, migrated), then runs the stand-in (lib/github/testing/fake-github.ts)
// on GITHUB_URL's port with the app of the GitHub-mode web server (same id, key, OAuth client and
// webhook secret) and this world:
//   users alice and bob; org acme (alice member) with storefront + inventory, org globex (bob member)
//   with ledger; the app installed on both orgs (all repositories), served over git smart HTTP.
// A small control endpoint (controlPort) lets the spec act as GitHub: POST /push/:owner/:repo commits
// to a repository and answers the push webhook payload; GET /installations answers installation
// payloads. Stops (and drops the database) on SIGTERM.
import { createPublicKey } from "node:crypto";
import { createServer } from "node:http";
import { deployMigrations } from "../../lib/db/migrate/deploy-migrations.ts";
import { defaultMigrationPaths } from "../../lib/db/migrate/migrations-folder.ts";
import { githubPrivateKeyFromEnv, loadEnvOrExit } from "../../lib/env.ts";
import { startFakeGitHub } from "../../lib/github/testing/fake-github.ts";
import { installQueueSchema } from "../../lib/queue/boss.ts";
import { adminQuery, withDatabase } from "../../test/support/scratch-db.ts";

const env = loadEnvOrExit("github-stand-in");
const say = (msg: string, extra: Record<string, unknown> = {}) => process.stdout.write(JSON.stringify({ process: "github-stand-in", msg, ...extra }) + "\n");

// ---- database of the GitHub-mode processes
const dbName = decodeURIComponent(new URL(env.DATABASE_URL).pathname.slice(1));
const serverUrl = withDatabase(env.DATABASE_URL, "postgres");
await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
await adminQuery(serverUrl, `CREATE DATABASE "${dbName}"`);
await deployMigrations({ ...defaultMigrationPaths(process.cwd()), databaseUrl: env.DATABASE_URL });
await installQueueSchema(env.DATABASE_URL);

// ---- the stand-in, with the web server's app
const fakePort = Number(new URL(env.GITHUB_URL).port);
const gh = await startFakeGitHub({ port: fakePort, host: "127.0.0.1" });
const app = gh.app;
if (app.id !== env.GITHUB_APP_ID) throw new Error(`stand-in app id ${app.id} != GITHUB_APP_ID ${env.GITHUB_APP_ID}`);
const pem = githubPrivateKeyFromEnv(env)!;
app.privateKeyPem = pem;
app.publicKey = createPublicKey(pem);
app.clientId = env.GITHUB_CLIENT_ID!;
app.clientSecret = env.GITHUB_CLIENT_SECRET!;
app.webhookSecret = env.GITHUB_WEBHOOK_SECRET!;
app.callbackUrls = [`${env.APP_URL}/api/auth/github/callback`];
app.hookUrl = `${env.APP_URL}/api/github/webhooks`;

gh.addUser({ login: "alice", name: "Alice Example" });
gh.addUser({ login: "bob", name: "Bob Example" });
gh.addOrg("acme", { alice: "member" });
gh.addOrg("globex", { bob: "member" });
const service = (name: string) => ({
  "package.json": JSON.stringify({ name, version: "1.0.0", private: true, scripts: { start: "node server.js" } }, null, 2) + "\n",
  "server.js": 'const http = require("node:http");\nhttp.createServer((req, res) => res.end("ok")).listen(Number(process.env.PORT));\n',
  "README.md": `# ${name}\n`,
});
gh.addRepo("acme", "storefront", { files: service("storefront"), language: "JavaScript" });
gh.addRepo("acme", "inventory", { files: service("inventory"), language: "JavaScript" });
gh.addRepo("globex", "ledger", { files: service("ledger"), language: "JavaScript" });
const installations = [gh.installApp("acme", "all").installation, gh.installApp("globex", "all").installation];

// ---- control endpoint for the spec
const control = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://control");
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  try {
    const push = /^\/push\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (req.method === "POST" && push) {
      const [owner, name] = [push[1]!, push[2]!];
      const repo = gh.findRepo(owner, name);
      if (!repo) return send(404, { error: "no such repository" });
      const before = gh.headSha(repo);
      const after = gh.pushCommit(owner, name, { "CHANGELOG.md": `# Changes\n\n- ${new Date().toISOString()}\n` }, "e2e: new commit");
      const installation = installations.find((i) => i.account.login === owner)!;
      const payload = {
        ref: `refs/heads/${repo.defaultBranch}`,
        before,
        after,
        created: false,
        deleted: false,
        forced: false,
        repository: gh.repoJson(repo),
        pusher: { name: "alice", email: "alice@users.example.test" },
        sender: gh.accountJson("alice"),
        installation: { id: installation.id, node_id: `I_${installation.id}` },
        head_commit: { id: after, message: "e2e: new commit", timestamp: new Date().toISOString() },
        commits: [{ id: after, message: "e2e: new commit", timestamp: new Date().toISOString() }],
      };
      return send(200, { sha: after, payload });
    }
    if (req.method === "GET" && url.pathname === "/installations") {
      return send(
        200,
        installations.map((i) => ({
          event: "installation",
          payload: {
            action: "created",
            installation: gh.installationJson(i),
            repositories: gh.installationRepos(i).map((r) => ({ id: r.id, name: r.name, full_name: `${r.owner}/${r.name}`, private: r.visibility !== "public" })),
            sender: gh.accountJson(i.account.login === "acme" ? "alice" : "bob"),
          },
        })),
      );
    }
    send(404, { error: "not found" });
  } catch (err) {
    send(500, { error: (err as Error).message });
  }
});
const controlPort = fakePort + 1;
await new Promise<void>((resolve) => control.listen(controlPort, "127.0.0.1", resolve));

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  control.close();
  await gh.close();
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
say("github stand-in ready", { webUrl: gh.webUrl, controlPort, installations: installations.map((i) => i.id) });
