// GitHub App configuration: env first, else the manifest-created app stored encrypted; the manifest
// flow and the setup redirect against the local GitHub stand-in; partial env config fails at start.
import { randomBytes } from "node:crypto";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, parseEncryptionKey } from "../crypto/secret-box.ts";
import { parseEnv, type Env } from "../env.ts";
import { JOBS } from "../jobs/registry.ts";
import { syncSourceSpec } from "../jobs/specs/sync-source.ts";
import { createBoss, startBoss } from "../queue/boss.ts";
import { ensureQueues } from "../queue/enqueue.ts";
import { createTestDatabase, type TestDatabase } from "../queue/testing/test-database.ts";
import { resetGitHubClients } from "./client.ts";
import { invalidateGitHubConfig, loadGitHubConfig } from "./config.ts";
import { recordInstallation } from "./installations.ts";
import { buildManifest, completeManifestFlow, manifestPostUrl } from "./manifest.ts";
import { startFakeGitHub, type FakeGitHub } from "./testing/fake-github.ts";

const KEY = randomBytes(32).toString("base64");

describe("secret box", () => {
  it("round-trips, and a wrong key or tampering fails clearly", () => {
    const key = parseEncryptionKey(KEY);
    const boxed = encryptSecret("hello secret", key);
    expect(boxed.startsWith("v1.")).toBe(true);
    expect(boxed).not.toContain("hello");
    expect(decryptSecret(boxed, key)).toBe("hello secret");
    expect(() => decryptSecret(boxed, parseEncryptionKey(randomBytes(32).toString("hex")), "the key")).toThrow(/cannot decrypt the key: wrong APP_ENCRYPTION_KEY/);
    const parts = boxed.split(".");
    parts[2] = Buffer.from("tampered!!").toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow(/wrong APP_ENCRYPTION_KEY or corrupted/);
    expect(() => parseEncryptionKey("too-short")).toThrow(/32 bytes/);
  });
});

describe("GitHub env validation", () => {
  const base = { DATABASE_URL: "postgresql://u@h/db" };
  const pem = () => ["-----BEGIN", " RSA PRIVATE KEY-----\\nMIIB\\n-----END", " RSA PRIVATE KEY-----"].join("");
  it("names the missing variable of a partial GitHub App config", () => {
    expect(() => parseEnv({ ...base, GITHUB_APP_ID: "12" })).toThrow(/GITHUB_PRIVATE_KEY is required/);
    expect(() => parseEnv({ ...base, GITHUB_PRIVATE_KEY: pem() })).toThrow(/GITHUB_APP_ID is required/);
    expect(() => parseEnv({ ...base, GITHUB_WEBHOOK_SECRET: "abcdef" })).toThrow(/GITHUB_APP_ID is required/);
    expect(() => parseEnv({ ...base, GITHUB_APP_ID: "12", GITHUB_PRIVATE_KEY: pem(), GITHUB_CLIENT_ID: "Iv1.x" })).toThrow(/GITHUB_CLIENT_SECRET is required/);
    expect(() => parseEnv({ ...base, GITHUB_APP_ID: "12", GITHUB_PRIVATE_KEY: "not a key" })).toThrow(/GITHUB_PRIVATE_KEY is malformed/);
    expect(() => parseEnv({ ...base, APP_ENCRYPTION_KEY: "x".repeat(40) })).toThrow(/APP_ENCRYPTION_KEY is malformed/);
    expect(parseEnv({ ...base, GITHUB_APP_ID: "12", GITHUB_PRIVATE_KEY: pem(), APP_ENCRYPTION_KEY: KEY }).GITHUB_APP_ID).toBe(12);
  });
});

describe("GitHub App config, manifest flow and setup", () => {
  let gh: FakeGitHub;
  let tdb: TestDatabase;
  let boss: PgBoss;
  let env: Env;

  beforeAll(async () => {
    gh = await startFakeGitHub({ app: false });
    tdb = await createTestDatabase("tf_ghcfg");
    boss = await startBoss(createBoss(tdb.url, "producer"));
    await ensureQueues(boss, JOBS);
    env = parseEnv({ DATABASE_URL: tdb.url, LOG_LEVEL: "silent", GITHUB_API_URL: gh.apiUrl, GITHUB_URL: gh.webUrl, APP_ENCRYPTION_KEY: KEY });
    invalidateGitHubConfig();
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await tdb?.drop();
    await gh?.close();
    resetGitHubClients();
  });

  it("creates the app from the manifest, stores it encrypted and loads it back (database source)", async () => {
    expect(await loadGitHubConfig(tdb.db, env)).toBeNull();
    const manifest = buildManifest("http://127.0.0.1:3999/", "twelvefactor test");
    expect(manifest.hook_attributes.url).toBe("http://127.0.0.1:3999/api/github/webhooks");
    const res = await fetch(manifestPostUrl(gh.webUrl, "st4te", "acme"), {
      method: "POST",
      body: new URLSearchParams({ manifest: JSON.stringify(manifest) }),
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get("location")!);
    expect(back.pathname).toBe("/api/github/manifest/callback");
    expect(back.searchParams.get("state")).toBe("st4te");

    const created = await completeManifestFlow(tdb.db, env, back.searchParams.get("code")!);
    const app = gh.state.apps.get(created.appId)!;
    expect(app.events).toEqual(["installation_repositories", "repository", "push", "organization"]);
    expect(app.permissions).toMatchObject({ contents: "read", checks: "write", members: "read", metadata: "read" });
    const row = await tdb.db.gitHubApp.findFirstOrThrow();
    expect(JSON.stringify({ ...row, appId: String(row.appId) })).not.toContain(app.clientSecret);
    expect(row.privateKeyEncrypted).not.toContain("PRIVATE");

    const config = await loadGitHubConfig(tdb.db, env);
    expect(config).toMatchObject({ appId: app.id, slug: app.slug, source: "database", webhookSecret: app.webhookSecret, clientSecret: app.clientSecret, apiUrl: gh.apiUrl });
    expect(config!.privateKey).toBe(app.privateKeyPem);
    // A code is single-use.
    await expect(completeManifestFlow(tdb.db, env, back.searchParams.get("code")!)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Wrong key → a clear error, not garbage.
    invalidateGitHubConfig();
    await expect(loadGitHubConfig(tdb.db, { ...env, APP_ENCRYPTION_KEY: randomBytes(32).toString("base64") })).rejects.toThrow(/wrong APP_ENCRYPTION_KEY/);
    invalidateGitHubConfig();
  });

  it("prefers the environment's app over the stored one", async () => {
    const envApp = gh.addApp({ slug: "from-env" });
    const config = await loadGitHubConfig(tdb.db, { ...env, GITHUB_APP_ID: envApp.id, GITHUB_PRIVATE_KEY: envApp.privateKeyPem.replace(/\n/g, "\\n") });
    expect(config).toMatchObject({ appId: envApp.id, source: "env", webhookSecret: null, slug: null });
    expect(config!.privateKey).toBe(envApp.privateKeyPem.trim());
  });

  it("records an installation confirmed with the app JWT and queues its sync; refuses unknown ids", async () => {
    invalidateGitHubConfig();
    const config = (await loadGitHubConfig(tdb.db, env))!;
    const app = gh.state.apps.get(config.appId)!;
    app.setupUrl = "http://127.0.0.1:3999/api/github/setup";
    gh.addOrg("acme");
    const { installation, setupRedirectUrl } = gh.installApp("acme", "all", app);
    expect(setupRedirectUrl).toBe(`http://127.0.0.1:3999/api/github/setup?installation_id=${installation.id}&setup_action=install`);
    const { org, syncQueued } = await recordInstallation(tdb.db, boss, config, installation.id);
    expect(org).toMatchObject({ login: "acme", githubAccountType: "Organization", githubInstallationId: BigInt(installation.id) });
    expect(syncQueued).toBe(true);
    expect((await boss.findJobs(syncSourceSpec.name)).length).toBe(1);
    await expect(recordInstallation(tdb.db, boss, config, 987654)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
