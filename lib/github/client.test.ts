import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { appClient, githubCall, installationClient, installationToken, resetGitHubClients, resetRestCallStats, restCallStats, tuneGitHubClient } from "./client.ts";
import type { GitHubConfig } from "./config.ts";
import { sendWebhook, signWebhookBody, startFakeGitHub, type FakeGitHub } from "./testing/fake-github.ts";

function configFor(gh: FakeGitHub, overrides: Partial<GitHubConfig> = {}): GitHubConfig {
  return {
    appId: gh.app.id,
    slug: gh.app.slug,
    privateKey: gh.app.privateKeyPem,
    webhookSecret: gh.app.webhookSecret,
    clientId: gh.app.clientId,
    clientSecret: gh.app.clientSecret,
    apiUrl: gh.apiUrl,
    webUrl: gh.webUrl,
    source: "env",
    ...overrides,
  };
}

describe("fake GitHub + Octokit clients", () => {
  let gh: FakeGitHub;
  let installationId: number;

  beforeAll(async () => {
    gh = await startFakeGitHub();
    gh.addOrg("acme", { alice: "admin", bob: "member" });
    for (let i = 0; i < 7; i++) gh.addRepo("acme", `svc-${i}`, { files: null });
    gh.addRepo("acme", "api", { files: { "server.js": "listen(process.env.PORT)\n" } });
    gh.addRepo("other", "secret", { files: { "a.txt": "a\n" } });
    installationId = gh.installApp("acme").installation.id;
  });
  afterAll(async () => gh.close());
  beforeEach(() => {
    resetGitHubClients();
    tuneGitHubClient({ retryBaseMs: 5 });
    gh.clearFailures();
  });

  it("authenticates as the app with a verified JWT and lists installations", async () => {
    const app = appClient(configFor(gh));
    const me = await app.rest.apps.getAuthenticated();
    expect(me.data?.slug).toBe(gh.app.slug);
    const installs = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
    expect(installs.map((i) => i.id)).toEqual([installationId]);
    expect(installs[0]!.account).toMatchObject({ login: "acme", type: "Organization" });
  });

  it("rejects a JWT signed with another key", async () => {
    const other = await startFakeGitHub();
    try {
      const forged = appClient(configFor(gh, { privateKey: other.app.privateKeyPem }));
      await expect(githubCall("get the app", () => forged.rest.apps.getAuthenticated())).rejects.toMatchObject({ code: "FORBIDDEN" });
    } finally {
      await other.close();
    }
  });

  it("lists installation repositories across pages with the Link header and caches the token", async () => {
    resetRestCallStats();
    const before = gh.countRequests("POST /app/installations/:id/access_tokens");
    const client = installationClient(configFor(gh), installationId);
    const repos = await client.paginate(client.rest.apps.listReposAccessibleToInstallation, { per_page: 3 });
    expect(repos.map((r) => r.name).sort()).toEqual(["api", ...Array.from({ length: 7 }, (_, i) => `svc-${i}`)].sort());
    expect(gh.countRequests("GET /installation/repositories")).toBeGreaterThanOrEqual(3);
    await client.rest.repos.get({ owner: "acme", repo: "api" });
    expect(gh.countRequests("POST /app/installations/:id/access_tokens") - before).toBe(1);
    expect(restCallStats().byInstallation[String(installationId)]).toBe(4);
    // A repository outside the installation is invisible.
    await expect(githubCall("get repo", () => client.rest.repos.get({ owner: "other", repo: "secret" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("retries secondary rate limits, 429 and 5xx; gives up with a retryable error", async () => {
    const client = installationClient(configFor(gh), installationId);
    await installationToken(configFor(gh), installationId);
    const before = gh.countRequests("GET /repos/:owner/:repo");
    gh.failNext(1, { kind: "secondary", retryAfterSeconds: 1 }, "/repos/");
    gh.failNext(1, { kind: "429", retryAfterSeconds: 1 }, "/repos/");
    gh.failNext(1, { kind: "5xx", status: 502 }, "/repos/");
    const res = await client.rest.repos.get({ owner: "acme", repo: "api" });
    expect(res.data.name).toBe("api");
    expect(gh.countRequests("GET /repos/:owner/:repo") - before).toBe(4);

    gh.failNext(10, { kind: "5xx", status: 503 }, "/repos/");
    const err = await githubCall("get repo", () => client.rest.repos.get({ owner: "acme", repo: "api" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("UPSTREAM");
    expect((err as AppError).retryable).toBe(true);
    gh.state.tokens.clear();
  });

  it("refuses a rate limit longer than the wait cap with a retryable error", async () => {
    tuneGitHubClient({ retryBaseMs: 5, maxRateLimitWaitSeconds: 10 });
    const client = installationClient(configFor(gh), installationId);
    gh.failNext(1, { kind: "primary", resetInSeconds: 600 }, "/repos/");
    const err = (await githubCall("get repo", () => client.rest.repos.get({ owner: "acme", repo: "api" })).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe("UPSTREAM");
    expect(err.details).toMatchObject({ rateLimited: true });
  });

  it("keeps a reserve of each installation's REST budget: refuses with a retryable error until the reset", async () => {
    const client = installationClient(configFor(gh), installationId);
    gh.state.rateLimitRemaining = 10;
    try {
      await client.rest.repos.get({ owner: "acme", repo: "api" });
      const before = gh.countRequests("GET /repos/:owner/:repo");
      const err = (await githubCall("get repo", () => client.rest.repos.get({ owner: "acme", repo: "api" })).catch((e: unknown) => e)) as AppError;
      expect(err.code).toBe("UPSTREAM");
      expect(err.message).toMatch(/budget of installation \d+ is nearly spent/);
      expect(gh.countRequests("GET /repos/:owner/:repo")).toBe(before);
    } finally {
      gh.state.rateLimitRemaining = 4999;
      resetGitHubClients();
    }
  });

  it("maps a deleted installation to NOT_FOUND and never puts the token in errors", async () => {
    const { installation } = gh.installApp("gone-org");
    const config = configFor(gh);
    const { token } = await installationToken(config, installation.id);
    expect(token.startsWith("ghs_")).toBe(true);
    gh.state.installations.delete(installation.id);
    gh.state.tokens.clear();
    resetGitHubClients();
    const err = (await installationToken(config, installation.id).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe("NOT_FOUND");
    expect(err.message).not.toContain(token);
  });

  it("serves git only with a valid installation token that covers the repository", async () => {
    const { token } = await installationToken(configFor(gh), installationId);
    const url = `${gh.webUrl}/acme/api.git`;
    const lsRemote = async (auth: string | null, target = url) =>
      (await promisify(execFile)("git", [...(auth ? ["-c", `http.extraHeader=Authorization: Basic ${Buffer.from(`x-access-token:${auth}`).toString("base64")}`] : []), "ls-remote", target, "HEAD"], {
        env: { PATH: "/usr/bin:/bin", HOME: "/nonexistent", GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0" } as unknown as NodeJS.ProcessEnv,
        encoding: "utf8",
      })).stdout;
    expect((await lsRemote(token)).split("\t")[0]).toBe(gh.headSha(gh.findRepo("acme", "api")!));
    await expect(lsRemote(null)).rejects.toThrow();
    await expect(lsRemote("ghs_" + "x".repeat(36))).rejects.toThrow();
    await expect(lsRemote(token, `${gh.webUrl}/other/secret.git`)).rejects.toThrow();
    const expired = gh.issueInstallationToken(installationId, -1000).token;
    await expect(lsRemote(expired)).rejects.toThrow();
  });

  it("runs the OAuth web flow and answers user endpoints", async () => {
    const redirect = "http://127.0.0.1:9/api/auth/github/callback";
    gh.app.callbackUrls = [redirect];
    const page = await fetch(`${gh.webUrl}/login/oauth/authorize?client_id=${gh.app.clientId}&redirect_uri=${encodeURIComponent(redirect)}&state=s1`);
    expect(await page.text()).toContain("Sign in as alice");
    const auto = await fetch(`${gh.webUrl}/login/oauth/authorize?client_id=${gh.app.clientId}&redirect_uri=${encodeURIComponent(redirect)}&state=s1&login=alice`, { redirect: "manual" });
    const back = new URL(auto.headers.get("location")!);
    expect(back.searchParams.get("state")).toBe("s1");
    const tokenRes = await fetch(`${gh.webUrl}/login/oauth/access_token`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({ client_id: gh.app.clientId, client_secret: gh.app.clientSecret, code: back.searchParams.get("code") }),
    });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    expect(access_token.startsWith("ghu_")).toBe(true);
    const user = await fetch(`${gh.apiUrl}/user`, { headers: { authorization: `token ${access_token}` } });
    expect(await user.json()).toMatchObject({ login: "alice" });
    const inst = await fetch(`${gh.apiUrl}/user/installations`, { headers: { authorization: `token ${access_token}` } });
    expect(((await inst.json()) as { installations: { id: number }[] }).installations.map((i) => i.id)).toContain(installationId);
    // A code works once.
    const again = await fetch(`${gh.webUrl}/login/oauth/access_token`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({ client_id: gh.app.clientId, client_secret: gh.app.clientSecret, code: back.searchParams.get("code") }),
    });
    expect(await again.json()).toMatchObject({ error: "bad_verification_code" });
  });

  it("answers org membership for the installation's org only", async () => {
    const client = installationClient(configFor(gh), installationId);
    const m = await client.rest.orgs.getMembershipForUser({ org: "acme", username: "alice" });
    expect(m.data.role).toBe("admin");
    await expect(githubCall("membership", () => client.rest.orgs.getMembershipForUser({ org: "acme", username: "nobody" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("signs webhooks like GitHub", async () => {
    const { createServer } = await import("node:http");
    let seen: { sig?: string; body?: string; event?: string } = {};
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen = { sig: String(req.headers["x-hub-signature-256"]), body, event: String(req.headers["x-github-event"]) };
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    await sendWebhook({ url: `http://127.0.0.1:${port}/`, secret: "s3cr3t-value", event: "push", payload: { a: 1 } });
    server.close();
    expect(seen.event).toBe("push");
    expect(seen.sig).toBe(signWebhookBody("s3cr3t-value", seen.body!));
  });
});

describe("log redaction of GitHub secrets", () => {
  it("redacts tokens, keys and secrets by path and by value", async () => {
    const { Writable } = await import("node:stream");
    const { createLogger } = await import("../log.ts");
    const lines: string[] = [];
    const token = ["ghs", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"].join("_");
    const log = createLogger("info", "test", new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    log.info({ token, data: { access_token: token, pem: "key-material", webhookSecret: "hook-secret" }, headers: { authorization: `token ${token}` } }, `cloning with ${token}`);
    const out = lines.join("");
    expect(out).toContain("cloning with");
    for (const secret of ["A1b2C3d4", "key-material", "hook-secret"]) expect(out).not.toContain(secret);
  });
});
