// Test-only: a local GitHub (Enterprise Server layout) for tests, benchmarks and e2e. node:http +
// node:crypto, no mocks of our code: the app talks to it over HTTP exactly as it talks to GitHub.
//
//   webUrl = http://127.0.0.1:<port>          OAuth web flow, App manifest flow, install pages, git
//   apiUrl = `${webUrl}/api/v3`               REST API (GITHUB_API_URL), like GHES
//
// State is a plain mutable model (apps, installations, repositories, users, org memberships) that
// tests change directly or through the helpers. App JWTs are verified (RS256 with the app's public
// key, iss, iat/exp), installation tokens (`ghs_…`) and user tokens (`ghu_…`) expire, git smart
// HTTP needs a valid installation token for an installation that includes the repository.
// Knobs: failNext() injects rate limits / 5xx, `requests` records every request (route counting).
import { createHmac, createPublicKey, generateKeyPairSync, randomBytes, verify, type KeyObject } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { startGitHttpServer, type GitHttpServer } from "../../git/testing/git-http-server.ts";
import { commitFiles, createWorkRepo, fixtureGit, makeTempDir, type FixtureFiles } from "../../git/testing/make-repo.ts";

// ---------------------------------------------------------------- state model

export interface FakeApp {
  id: number;
  slug: string;
  name: string;
  ownerLogin: string;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  /** PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"), as GitHub hands it out. */
  privateKeyPem: string;
  publicKey: KeyObject;
  /** From the manifest (or set by the test). */
  url?: string;
  hookUrl?: string;
  redirectUrl?: string;
  callbackUrls: string[];
  setupUrl?: string;
  permissions: Record<string, string>;
  events: string[];
}

export interface FakeAccount {
  login: string;
  id: number;
  type: "Organization" | "User";
}

export interface FakeInstallation {
  id: number;
  appId: number;
  account: FakeAccount;
  suspended: boolean;
  /** "all" = every repository of the account; otherwise the selected repository ids. */
  repositorySelection: "all" | "selected";
  repositoryIds: number[];
}

export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  description: string | null;
  defaultBranch: string;
  archived: boolean;
  fork: boolean;
  visibility: "public" | "private" | "internal";
  language: string | null;
  topics: string[];
  pushedAt: string;
  /** Work repository holding the content (null: metadata only, not clonable). */
  workDir: string | null;
}

export interface FakeUser {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  avatarUrl: string;
}

export interface FakeOrg {
  id: number;
  login: string;
  /** login → role */
  members: Map<string, "admin" | "member">;
}

interface TokenGrant {
  kind: "installation" | "user";
  installationId?: number;
  login?: string;
  appId: number;
  expiresAt: number;
}

export interface FakeState {
  apps: Map<number, FakeApp>;
  installations: Map<number, FakeInstallation>;
  repos: Map<number, FakeRepo>;
  users: Map<string, FakeUser>;
  orgs: Map<string, FakeOrg>;
  tokens: Map<string, TokenGrant>;
  oauthCodes: Map<string, { login: string; clientId: string; redirectUri: string }>;
  manifestCodes: Map<string, number>;
  /** Lifetime of issued installation and user tokens (GitHub: 1 h for installation tokens). */
  tokenTtlMs: number;
  /** x-ratelimit-remaining reported on every API response (default 4999). */
  rateLimitRemaining: number;
}

export interface RecordedApiRequest {
  method: string;
  /** Path without the /api/v3 prefix and without the query, e.g. /installation/repositories. */
  path: string;
  /** Route pattern, e.g. "GET /repos/:owner/:repo". */
  route: string;
  status: number;
  api: boolean;
  /** Which credential was presented: jwt, installation, user, basic, none. */
  auth: string;
  at: number;
}

export type InjectedFailure =
  /** 403 "secondary rate limit" with retry-after. */
  | { kind: "secondary"; retryAfterSeconds?: number }
  /** 403 with x-ratelimit-remaining: 0 and x-ratelimit-reset. */
  | { kind: "primary"; resetInSeconds?: number }
  | { kind: "429"; retryAfterSeconds?: number }
  | { kind: "5xx"; status?: number };

export interface FakeGitHubOptions {
  /** Port to bind (default: any free port). */
  port?: number;
  host?: string;
  /** Create one app up front (default true); `handle.app` is it. */
  app?: boolean | Partial<Pick<FakeApp, "slug" | "name" | "ownerLogin" | "setupUrl" | "callbackUrls" | "hookUrl">>;
  tokenTtlMs?: number;
}

export interface FakeGitHub {
  webUrl: string;
  apiUrl: string;
  state: FakeState;
  /** The app created at start (when opts.app is not false). */
  app: FakeApp;
  requests: RecordedApiRequest[];
  /** Requests whose route equals `route` ("GET /installation/repositories"), or all API requests. */
  countRequests(route?: string): number;
  /** The next `count` API requests (optionally only those matching routePrefix) fail this way. */
  failNext(count: number, failure: InjectedFailure, routePrefix?: string): void;
  /** Drops injected failures not consumed yet. */
  clearFailures(): void;
  addApp(input?: Partial<Pick<FakeApp, "slug" | "name" | "ownerLogin" | "setupUrl" | "callbackUrls" | "hookUrl" | "redirectUrl" | "url">>): FakeApp;
  addUser(input: { login: string; name?: string | null; email?: string | null }): FakeUser;
  /** An organization account; members: login → role (users are created when missing). */
  addOrg(login: string, members?: Record<string, "admin" | "member">): FakeOrg;
  /**
   * A repository of `owner` (org or user login). `files` (default a README) become a real git
   * repository served over smart HTTP; `files: null` makes a metadata-only repository.
   */
  addRepo(
    owner: string,
    name: string,
    opts?: Partial<Omit<FakeRepo, "id" | "owner" | "name" | "workDir">> & { files?: FixtureFiles | null },
  ): FakeRepo;
  /** Commits files to a repository's default branch; returns the new HEAD sha. */
  pushCommit(owner: string, name: string, files: FixtureFiles, message?: string): string;
  /** HEAD sha of the default branch (null when metadata only). */
  headSha(repo: FakeRepo): string | null;
  findRepo(owner: string, name: string): FakeRepo | undefined;
  /**
   * Installs `app` (default: the first app) on an account. repos: names to select, or "all".
   * Returns the installation and the setup redirect GitHub would send the browser to.
   */
  installApp(account: string, repos?: string[] | "all", app?: FakeApp): { installation: FakeInstallation; setupRedirectUrl: string | null };
  /** Repositories an installation can see. */
  installationRepos(installation: FakeInstallation): FakeRepo[];
  /** An installation token for tests (as POST /app/installations/:id/access_tokens would issue). */
  issueInstallationToken(installationId: number, ttlMs?: number): { token: string; expiresAt: string };
  /** A user token (as the OAuth flow would issue). */
  issueUserToken(login: string, app?: FakeApp): string;
  /** A `push` webhook payload as GitHub sends it (for sendWebhook). */
  pushPayload(repo: FakeRepo, before: string, after: string, ref?: string): Record<string, unknown>;
  /** Installation of `app` covering the repository, if any. */
  installationFor(repo: FakeRepo, app?: FakeApp): FakeInstallation | undefined;
  /** JSON shapes as the REST API returns them (for webhook payloads). */
  repoJson(repo: FakeRepo): Record<string, unknown>;
  installationJson(installation: FakeInstallation): Record<string, unknown>;
  accountJson(login: string): Record<string, unknown>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- helpers

const TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomToken(prefix: string): string {
  const bytes = randomBytes(36);
  let out = prefix;
  for (const b of bytes) out += TOKEN_ALPHABET[b % TOKEN_ALPHABET.length];
  return out;
}

function b64urlJson(part: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function linkHeader(link: string | null): Record<string, string> {
  return link ? { link } : {};
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseForm(req: IncomingMessage, body: Buffer): Record<string, string> {
  const type = String(req.headers["content-type"] ?? "");
  if (type.includes("application/json")) {
    try {
      const parsed = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(body.toString("utf8")));
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function withoutAuthorization(headers: IncomingMessage["headers"], host: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && k !== "authorization") out[k] = v;
  out.host = host;
  return out;
}

// ---------------------------------------------------------------- server

export async function startFakeGitHub(opts: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const gitRoot = makeTempDir("tf-fake-github-git-");
  const workRoot = makeTempDir("tf-fake-github-work-");
  const git: GitHttpServer = await startGitHttpServer({ projectRoot: gitRoot });
  const gitOrigin = new URL(git.url);

  const state: FakeState = {
    apps: new Map(),
    installations: new Map(),
    repos: new Map(),
    users: new Map(),
    orgs: new Map(),
    tokens: new Map(),
    oauthCodes: new Map(),
    manifestCodes: new Map(),
    tokenTtlMs: opts.tokenTtlMs ?? 60 * 60 * 1000,
    rateLimitRemaining: 4999,
  };
  const requests: RecordedApiRequest[] = [];
  const failures: { failure: InjectedFailure; routePrefix?: string }[] = [];
  let nextId = 1000;
  const newId = () => ++nextId;
  let webUrl = "";

  // ---- accounts

  function accountOf(login: string): FakeAccount | null {
    const org = state.orgs.get(login.toLowerCase());
    if (org) return { login: org.login, id: org.id, type: "Organization" };
    const user = state.users.get(login.toLowerCase());
    if (user) return { login: user.login, id: user.id, type: "User" };
    return null;
  }

  function accountJson(login: string): Record<string, unknown> {
    const a = accountOf(login);
    if (!a) throw new Error(`fake github: no account ${login}`);
    return {
      login: a.login,
      id: a.id,
      node_id: `N_${a.id}`,
      type: a.type,
      avatar_url: `${webUrl}/avatars/${a.login}`,
      html_url: `${webUrl}/${a.login}`,
      url: `${webUrl}/api/v3/${a.type === "Organization" ? "orgs" : "users"}/${a.login}`,
      site_admin: false,
    };
  }

  function addUser(input: { login: string; name?: string | null; email?: string | null }): FakeUser {
    const existing = state.users.get(input.login.toLowerCase());
    if (existing) return existing;
    const user: FakeUser = {
      id: newId(),
      login: input.login,
      name: input.name === undefined ? input.login : input.name,
      email: input.email === undefined ? `${input.login}@users.example.test` : input.email,
      avatarUrl: "",
    };
    user.avatarUrl = `${webUrl}/avatars/${user.login}`;
    state.users.set(user.login.toLowerCase(), user);
    return user;
  }

  function addOrg(login: string, members: Record<string, "admin" | "member"> = {}): FakeOrg {
    let org = state.orgs.get(login.toLowerCase());
    if (!org) {
      org = { id: newId(), login, members: new Map() };
      state.orgs.set(login.toLowerCase(), org);
    }
    for (const [member, role] of Object.entries(members)) {
      addUser({ login: member });
      org.members.set(member.toLowerCase(), role);
    }
    return org;
  }

  // ---- apps

  function addApp(input: Parameters<FakeGitHub["addApp"]>[0] = {}): FakeApp {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const id = newId();
    const slug = input.slug ?? `twelvefactor-test-${id}`;
    const app: FakeApp = {
      id,
      slug,
      name: input.name ?? slug,
      ownerLogin: input.ownerLogin ?? "fake-owner",
      clientId: `Iv1.${randomBytes(8).toString("hex")}`,
      clientSecret: randomBytes(20).toString("hex"),
      webhookSecret: randomBytes(20).toString("hex"),
      privateKeyPem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      publicKey,
      url: input.url,
      hookUrl: input.hookUrl,
      redirectUrl: input.redirectUrl,
      callbackUrls: input.callbackUrls ?? [],
      setupUrl: input.setupUrl,
      permissions: { metadata: "read", contents: "read", checks: "write", members: "read" },
      events: ["installation_repositories", "repository", "push"],
    };
    state.apps.set(id, app);
    return app;
  }

  function appJson(app: FakeApp): Record<string, unknown> {
    return {
      id: app.id,
      slug: app.slug,
      node_id: `A_${app.id}`,
      client_id: app.clientId,
      name: app.name,
      description: null,
      external_url: app.url ?? webUrl,
      html_url: `${webUrl}/apps/${app.slug}`,
      owner: state.orgs.has(app.ownerLogin.toLowerCase()) || state.users.has(app.ownerLogin.toLowerCase())
        ? accountJson(app.ownerLogin)
        : { login: app.ownerLogin, id: 1, type: "User" },
      permissions: app.permissions,
      events: app.events,
      installations_count: [...state.installations.values()].filter((i) => i.appId === app.id).length,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
    };
  }

  // ---- repositories

  function repoDir(repo: { owner: string; name: string }): string {
    return path.join(gitRoot, repo.owner, `${repo.name}.git`);
  }

  function addRepo(owner: string, name: string, o: Parameters<FakeGitHub["addRepo"]>[2] = {}): FakeRepo {
    if (!accountOf(owner)) addOrg(owner);
    const files = o.files === undefined ? { "README.md": `# ${name}\n` } : o.files;
    let workDir: string | null = null;
    if (files) {
      workDir = path.join(workRoot, owner, name);
      createWorkRepo(workDir, files);
      const branch = o.defaultBranch ?? "main";
      if (branch !== "main") fixtureGit(workDir, ["branch", "-m", "main", branch]);
      mkdirSync(path.join(gitRoot, owner), { recursive: true });
      fixtureGit(gitRoot, ["clone", "--quiet", "--bare", "--template=", workDir, repoDir({ owner, name })]);
      fixtureGit(repoDir({ owner, name }), ["config", "uploadpack.allowFilter", "true"]);
    }
    const repo: FakeRepo = {
      id: newId(),
      owner,
      name,
      description: o.description ?? null,
      defaultBranch: o.defaultBranch ?? "main",
      archived: o.archived ?? false,
      fork: o.fork ?? false,
      visibility: o.visibility ?? "private",
      language: o.language ?? null,
      topics: o.topics ?? [],
      pushedAt: o.pushedAt ?? new Date().toISOString(),
      workDir,
    };
    state.repos.set(repo.id, repo);
    return repo;
  }

  function findRepo(owner: string, name: string): FakeRepo | undefined {
    for (const r of state.repos.values()) {
      if (r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === name.toLowerCase()) return r;
    }
    return undefined;
  }

  function headSha(repo: FakeRepo): string | null {
    if (!repo.workDir) return null;
    try {
      return fixtureGit(repoDir(repo), ["rev-parse", "--verify", "--quiet", `refs/heads/${repo.defaultBranch}`]);
    } catch {
      return null;
    }
  }

  function pushCommit(owner: string, name: string, files: FixtureFiles, message = "update"): string {
    const repo = findRepo(owner, name);
    if (!repo?.workDir) throw new Error(`fake github: ${owner}/${name} has no git content`);
    const sha = commitFiles(repo.workDir, files, message);
    fixtureGit(repo.workDir, ["push", "--quiet", "--force", repoDir(repo), `HEAD:refs/heads/${repo.defaultBranch}`]);
    repo.pushedAt = new Date().toISOString();
    return sha;
  }

  function repoJson(repo: FakeRepo): Record<string, unknown> {
    const fullName = `${repo.owner}/${repo.name}`;
    return {
      id: repo.id,
      node_id: `R_${repo.id}`,
      name: repo.name,
      full_name: fullName,
      owner: accountJson(repo.owner),
      private: repo.visibility !== "public",
      visibility: repo.visibility,
      description: repo.description,
      fork: repo.fork,
      archived: repo.archived,
      disabled: false,
      default_branch: repo.defaultBranch,
      language: repo.language,
      topics: repo.topics,
      pushed_at: repo.pushedAt,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: repo.pushedAt,
      html_url: `${webUrl}/${fullName}`,
      clone_url: `${webUrl}/${fullName}.git`,
      git_url: `git://127.0.0.1/${fullName}.git`,
      url: `${webUrl}/api/v3/repos/${fullName}`,
      size: repo.workDir ? 1 : 0,
    };
  }

  // ---- installations and tokens

  function installationRepos(inst: FakeInstallation): FakeRepo[] {
    const all = [...state.repos.values()].filter((r) => r.owner.toLowerCase() === inst.account.login.toLowerCase());
    const list = inst.repositorySelection === "all" ? all : all.filter((r) => inst.repositoryIds.includes(r.id));
    return list.sort((a, b) => a.id - b.id);
  }

  function installationJson(inst: FakeInstallation): Record<string, unknown> {
    const app = state.apps.get(inst.appId)!;
    return {
      id: inst.id,
      account: accountJson(inst.account.login),
      app_id: app.id,
      app_slug: app.slug,
      client_id: app.clientId,
      target_id: inst.account.id,
      target_type: inst.account.type,
      repository_selection: inst.repositorySelection,
      permissions: app.permissions,
      events: app.events,
      single_file_name: null,
      has_multiple_single_files: false,
      single_file_paths: [],
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
      suspended_at: inst.suspended ? "2026-01-02T00:00:00Z" : null,
      suspended_by: null,
      html_url: `${webUrl}/organizations/${inst.account.login}/settings/installations/${inst.id}`,
      access_tokens_url: `${webUrl}/api/v3/app/installations/${inst.id}/access_tokens`,
      repositories_url: `${webUrl}/api/v3/installation/repositories`,
    };
  }

  function installApp(account: string, repos: string[] | "all" = "all", app?: FakeApp) {
    const theApp = app ?? [...state.apps.values()][0];
    if (!theApp) throw new Error("fake github: no app to install");
    const acct = accountOf(account) ?? (addOrg(account), accountOf(account)!);
    const existing = [...state.installations.values()].find((i) => i.appId === theApp.id && i.account.id === acct.id);
    const inst: FakeInstallation = existing ?? {
      id: newId(),
      appId: theApp.id,
      account: acct,
      suspended: false,
      repositorySelection: "all",
      repositoryIds: [],
    };
    if (repos === "all") {
      inst.repositorySelection = "all";
      inst.repositoryIds = [];
    } else {
      inst.repositorySelection = "selected";
      inst.repositoryIds = repos.map((n) => {
        const r = findRepo(acct.login, n);
        if (!r) throw new Error(`fake github: no repository ${acct.login}/${n}`);
        return r.id;
      });
    }
    state.installations.set(inst.id, inst);
    const setupRedirectUrl = theApp.setupUrl
      ? `${theApp.setupUrl}${theApp.setupUrl.includes("?") ? "&" : "?"}installation_id=${inst.id}&setup_action=${existing ? "update" : "install"}`
      : null;
    return { installation: inst, setupRedirectUrl };
  }

  function issueInstallationToken(installationId: number, ttlMs = state.tokenTtlMs) {
    const inst = state.installations.get(installationId);
    if (!inst) throw new Error(`fake github: no installation ${installationId}`);
    const token = randomToken("ghs_");
    const expiresAt = Date.now() + ttlMs;
    state.tokens.set(token, { kind: "installation", installationId, appId: inst.appId, expiresAt });
    return { token, expiresAt: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z") };
  }

  function issueUserToken(login: string, app?: FakeApp): string {
    const theApp = app ?? [...state.apps.values()][0]!;
    const token = randomToken("ghu_");
    state.tokens.set(token, { kind: "user", login, appId: theApp.id, expiresAt: Date.now() + 8 * 3600 * 1000 });
    return token;
  }

  function installationFor(repo: FakeRepo, app?: FakeApp): FakeInstallation | undefined {
    return [...state.installations.values()].find(
      (i) => (!app || i.appId === app.id) && installationRepos(i).some((r) => r.id === repo.id),
    );
  }

  function pushPayload(repo: FakeRepo, before: string, after: string, ref = `refs/heads/${repo.defaultBranch}`): Record<string, unknown> {
    const inst = installationFor(repo);
    const fullName = `${repo.owner}/${repo.name}`;
    return {
      ref,
      before,
      after,
      created: false,
      deleted: false,
      forced: false,
      base_ref: null,
      compare: `${webUrl}/${fullName}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
      commits: [{ id: after, message: "update", timestamp: new Date().toISOString(), url: `${webUrl}/${fullName}/commit/${after}`, distinct: true }],
      head_commit: { id: after, message: "update", timestamp: new Date().toISOString(), url: `${webUrl}/${fullName}/commit/${after}` },
      repository: { ...repoJson(repo), master_branch: repo.defaultBranch },
      pusher: { name: "fixture", email: "fixture@example.test" },
      sender: accountJson(repo.owner),
      ...(inst ? { installation: { id: inst.id, node_id: `I_${inst.id}` } } : {}),
    };
  }

  /** Test control endpoints (`/_fake/...`) for processes that drive the fake from outside (e2e). */
  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
      return status;
    };
    const body = req.method === "POST" ? (JSON.parse((await readBody(req)).toString("utf8") || "{}") as Record<string, unknown>) : {};
    if (req.method === "POST" && url.pathname === "/_fake/push") {
      // { owner, repo, files, webhookUrl? } → commits to the default branch and, when the app has a
      // webhook URL (or webhookUrl is given), delivers a signed push webhook like GitHub.
      const repo = findRepo(String(body.owner), String(body.repo));
      if (!repo) return json(404, { error: "no such repository" });
      const before = headSha(repo) ?? "0".repeat(40);
      const after = pushCommit(repo.owner, repo.name, (body.files as FixtureFiles | undefined) ?? { "CHANGELOG.md": `change ${Date.now()}\n` });
      const inst = installationFor(repo);
      const app = inst ? state.apps.get(inst.appId) : undefined;
      const hook = (body.webhookUrl as string | undefined) ?? app?.hookUrl;
      let delivery: { status: number; deliveryId: string; body?: string; error?: string } | null = null;
      if (hook && app) {
        delivery = await sendWebhook({ url: hook, secret: app.webhookSecret, event: "push", payload: pushPayload(repo, before, after) }).catch(
          (err: unknown) => ({ status: 0, deliveryId: "", error: err instanceof Error ? err.message : String(err) }),
        );
      }
      return json(200, { before, after, delivery });
    }
    if (req.method === "POST" && url.pathname === "/_fake/install") {
      // { account, repos?: string[] | "all" } → { installationId, setupRedirectUrl }
      const { installation, setupRedirectUrl } = installApp(String(body.account), (body.repos as string[] | "all" | undefined) ?? "all");
      return json(200, { installationId: installation.id, setupRedirectUrl });
    }
    if (req.method === "GET" && url.pathname === "/_fake/state") {
      return json(200, {
        apps: [...state.apps.values()].map((a) => ({ id: a.id, slug: a.slug, clientId: a.clientId, hookUrl: a.hookUrl ?? null, setupUrl: a.setupUrl ?? null })),
        installations: [...state.installations.values()].map((i) => ({ id: i.id, appId: i.appId, account: i.account.login, suspended: i.suspended })),
        repos: [...state.repos.values()].map((r) => ({ id: r.id, fullName: `${r.owner}/${r.name}`, headSha: headSha(r) })),
        users: [...state.users.values()].map((u) => u.login),
      });
    }
    return json(404, { error: "unknown control route" });
  }

  // ---- authentication of API requests

  function verifyJwt(token: string): FakeApp {
    const parts = token.split(".");
    if (parts.length !== 3) throw new HttpError(401, "A JSON web token could not be decoded");
    const header = b64urlJson(parts[0]!);
    const payload = b64urlJson(parts[1]!);
    if (!header || !payload || header.alg !== "RS256") throw new HttpError(401, "A JSON web token could not be decoded");
    const iss = String(payload.iss ?? "");
    const app = [...state.apps.values()].find((a) => String(a.id) === iss || a.clientId === iss);
    if (!app) throw new HttpError(401, "Integration not found");
    const ok = verify("RSA-SHA256", Buffer.from(`${parts[0]}.${parts[1]}`), app.publicKey, Buffer.from(parts[2]!, "base64url"));
    if (!ok) throw new HttpError(401, "A JSON web token could not be decoded");
    const now = Math.floor(Date.now() / 1000);
    const iat = Number(payload.iat);
    const exp = Number(payload.exp);
    if (!Number.isFinite(iat) || !Number.isFinite(exp)) throw new HttpError(401, "'Issued at' and 'Expiration time' claims are required");
    if (exp <= now) throw new HttpError(401, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
    if (iat > now + 60) throw new HttpError(401, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued");
    if (exp - iat > 11 * 60) throw new HttpError(401, "'Expiration time' claim ('exp') is too far in the future");
    return app;
  }

  type Credential =
    | { kind: "jwt"; app: FakeApp }
    | { kind: "installation"; installation: FakeInstallation }
    | { kind: "user"; user: FakeUser; app: FakeApp }
    | { kind: "none" };

  function credentialOf(req: IncomingMessage): Credential {
    const header = String(req.headers.authorization ?? "");
    const m = /^(?:bearer|token)\s+(\S+)$/i.exec(header);
    if (!m) return { kind: "none" };
    const raw = m[1]!;
    if (raw.split(".").length === 3 && !raw.startsWith("gh")) return { kind: "jwt", app: verifyJwt(raw) };
    const grant = state.tokens.get(raw);
    if (!grant || grant.expiresAt <= Date.now()) throw new HttpError(401, "Bad credentials");
    if (grant.kind === "installation") {
      const installation = state.installations.get(grant.installationId!);
      if (!installation) throw new HttpError(401, "Bad credentials");
      if (installation.suspended) throw new HttpError(403, "This installation has been suspended");
      return { kind: "installation", installation };
    }
    const user = state.users.get(grant.login!.toLowerCase());
    if (!user) throw new HttpError(401, "Bad credentials");
    return { kind: "user", user, app: state.apps.get(grant.appId)! };
  }

  function requireJwt(c: Credential): FakeApp {
    if (c.kind !== "jwt") throw new HttpError(401, "A JSON web token could not be decoded");
    return c.app;
  }
  function requireInstallation(c: Credential): FakeInstallation {
    if (c.kind !== "installation") throw new HttpError(c.kind === "none" ? 401 : 403, c.kind === "none" ? "Requires authentication" : "Resource not accessible by integration");
    return c.installation;
  }
  function requireUser(c: Credential): { user: FakeUser; app: FakeApp } {
    if (c.kind !== "user") throw new HttpError(c.kind === "none" ? 401 : 403, c.kind === "none" ? "Requires authentication" : "Resource not accessible by integration");
    return c;
  }

  // ---- pagination

  function paginate<T>(req: URL, items: T[], pathForLinks: string): { page: T[]; link: string | null } {
    const perPage = Math.min(Math.max(Number(req.searchParams.get("per_page") ?? 30) || 30, 1), 100);
    const page = Math.max(Number(req.searchParams.get("page") ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const links: string[] = [];
    const url = (p: number) => {
      const u = new URL(`${webUrl}/api/v3${pathForLinks}`);
      for (const [k, v] of req.searchParams) if (k !== "page") u.searchParams.set(k, v);
      u.searchParams.set("per_page", String(perPage));
      u.searchParams.set("page", String(p));
      return u.href;
    };
    if (page < last) links.push(`<${url(page + 1)}>; rel="next"`, `<${url(last)}>; rel="last"`);
    if (page > 1) links.push(`<${url(1)}>; rel="first"`, `<${url(page - 1)}>; rel="prev"`);
    return { page: slice, link: links.length ? links.join(", ") : null };
  }

  // ---- API routes

  type Route = {
    method: string;
    pattern: string;
    regex: RegExp;
    keys: string[];
    handle: (ctx: { req: IncomingMessage; url: URL; params: Record<string, string>; body: Buffer; cred: () => Credential }) =>
      | { status?: number; json?: unknown; headers?: Record<string, string> }
      | Promise<{ status?: number; json?: unknown; headers?: Record<string, string> }>;
  };
  const apiRoutes: Route[] = [];
  function api(method: string, pattern: string, handle: Route["handle"]) {
    const keys: string[] = [];
    const regex = new RegExp(
      "^" + pattern.replace(/:([a-z_]+)/g, (_m, k: string) => (keys.push(k), "([^/]+)")) + "/?$",
    );
    apiRoutes.push({ method, pattern, regex, keys, handle });
  }

  function repoForRead(c: Credential, owner: string, name: string): FakeRepo {
    const repo = findRepo(owner, name);
    if (!repo) throw new HttpError(404, "Not Found");
    if (c.kind === "installation" && !installationRepos(c.installation).some((r) => r.id === repo.id)) throw new HttpError(404, "Not Found");
    if (c.kind === "none" && repo.visibility !== "public") throw new HttpError(404, "Not Found");
    return repo;
  }

  api("GET", "/app", ({ cred }) => ({ json: appJson(requireJwt(cred())) }));
  api("GET", "/app/installations", ({ cred, url }) => {
    const app = requireJwt(cred());
    const all = [...state.installations.values()].filter((i) => i.appId === app.id).sort((a, b) => a.id - b.id);
    const { page, link } = paginate(url, all, "/app/installations");
    return { json: page.map(installationJson), headers: linkHeader(link) };
  });
  api("GET", "/app/installations/:id", ({ cred, params }) => {
    const app = requireJwt(cred());
    const inst = state.installations.get(Number(params.id));
    if (!inst || inst.appId !== app.id) throw new HttpError(404, "Not Found");
    return { json: installationJson(inst) };
  });
  api("POST", "/app/installations/:id/access_tokens", ({ cred, params }) => {
    const app = requireJwt(cred());
    const inst = state.installations.get(Number(params.id));
    if (!inst || inst.appId !== app.id) throw new HttpError(404, "Not Found");
    if (inst.suspended) throw new HttpError(403, "This installation has been suspended");
    const { token, expiresAt } = issueInstallationToken(inst.id);
    return {
      status: 201,
      json: { token, expires_at: expiresAt, permissions: app.permissions, repository_selection: inst.repositorySelection },
    };
  });
  api("GET", "/installation/repositories", ({ cred, url }) => {
    const inst = requireInstallation(cred());
    const repos = installationRepos(inst);
    const { page, link } = paginate(url, repos, "/installation/repositories");
    return {
      json: { total_count: repos.length, repository_selection: inst.repositorySelection, repositories: page.map(repoJson) },
      headers: linkHeader(link),
    };
  });
  api("GET", "/repos/:owner/:repo", ({ cred, params }) => ({ json: repoJson(repoForRead(cred(), params.owner!, params.repo!)) }));
  api("GET", "/repos/:owner/:repo/branches/:branch", ({ cred, params }) => {
    const repo = repoForRead(cred(), params.owner!, params.repo!);
    const sha = params.branch === repo.defaultBranch ? headSha(repo) : null;
    if (!sha) throw new HttpError(404, "Branch not found");
    return { json: { name: params.branch, commit: { sha, url: `${webUrl}/api/v3/repos/${repo.owner}/${repo.name}/commits/${sha}` }, protected: false } };
  });
  api("GET", "/repos/:owner/:repo/commits/:ref", ({ req, cred, params }) => {
    const repo = repoForRead(cred(), params.owner!, params.repo!);
    if (!repo.workDir) throw new HttpError(409, "Git Repository is empty.");
    let sha: string | null = null;
    try {
      sha = fixtureGit(repoDir(repo), ["rev-parse", "--verify", "--quiet", `${params.ref}^{commit}`]);
    } catch {
      sha = null;
    }
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${params.ref}`);
    if (String(req.headers.accept ?? "").includes("application/vnd.github.sha")) return { json: sha };
    return { json: { sha, url: `${webUrl}/api/v3/repos/${repo.owner}/${repo.name}/commits/${sha}` } };
  });
  api("GET", "/orgs/:org", ({ cred, params }) => {
    cred();
    if (!state.orgs.has(params.org!.toLowerCase())) throw new HttpError(404, "Not Found");
    return { json: accountJson(params.org!) };
  });
  function membershipFor(c: Credential, orgLogin: string, username: string) {
    const inst = requireInstallation(c);
    if (inst.account.login.toLowerCase() !== orgLogin.toLowerCase()) throw new HttpError(403, "Resource not accessible by integration");
    const org = state.orgs.get(orgLogin.toLowerCase());
    if (!org) throw new HttpError(404, "Not Found");
    return { org, role: org.members.get(username.toLowerCase()) };
  }
  api("GET", "/orgs/:org/memberships/:username", ({ cred, params }) => {
    const { org, role } = membershipFor(cred(), params.org!, params.username!);
    const user = state.users.get(params.username!.toLowerCase());
    if (!role || !user) throw new HttpError(404, "Not Found");
    return {
      json: {
        state: "active",
        role,
        url: `${webUrl}/api/v3/orgs/${org.login}/memberships/${user.login}`,
        organization: accountJson(org.login),
        user: accountJson(user.login),
      },
    };
  });
  api("GET", "/orgs/:org/members/:username", ({ cred, params }) => {
    const { role } = membershipFor(cred(), params.org!, params.username!);
    if (!role) throw new HttpError(404, "Not Found");
    return { status: 204 };
  });
  api("GET", "/user", ({ cred }) => {
    const { user } = requireUser(cred());
    return { json: { ...accountJson(user.login), name: user.name, email: user.email } };
  });
  api("GET", "/user/emails", ({ cred }) => {
    const { user } = requireUser(cred());
    return { json: user.email ? [{ email: user.email, primary: true, verified: true, visibility: "private" }] : [] };
  });
  api("GET", "/user/installations", ({ cred, url }) => {
    const { user, app } = requireUser(cred());
    const mine = [...state.installations.values()]
      .filter((i) => i.appId === app.id)
      .filter((i) =>
        i.account.type === "User"
          ? i.account.login.toLowerCase() === user.login.toLowerCase()
          : state.orgs.get(i.account.login.toLowerCase())?.members.has(user.login.toLowerCase()),
      )
      .sort((a, b) => a.id - b.id);
    const { page, link } = paginate(url, mine, "/user/installations");
    return { json: { total_count: mine.length, installations: page.map(installationJson) }, headers: linkHeader(link) };
  });
  api("GET", "/user/memberships/orgs", ({ cred, url }) => {
    const { user } = requireUser(cred());
    const orgs = [...state.orgs.values()].filter((o) => o.members.has(user.login.toLowerCase()));
    const { page, link } = paginate(url, orgs, "/user/memberships/orgs");
    return {
      json: page.map((o) => ({
        state: "active",
        role: o.members.get(user.login.toLowerCase()),
        organization: accountJson(o.login),
        user: accountJson(user.login),
      })),
      headers: linkHeader(link),
    };
  });
  api("POST", "/app-manifests/:code/conversions", ({ params }) => {
    const appId = state.manifestCodes.get(params.code!);
    if (appId === undefined) throw new HttpError(404, "Not Found");
    state.manifestCodes.delete(params.code!); // one use, like GitHub (codes expire after an hour)
    const app = state.apps.get(appId)!;
    return {
      status: 201,
      json: {
        ...appJson(app),
        pem: app.privateKeyPem,
        webhook_secret: app.webhookSecret,
        client_id: app.clientId,
        client_secret: app.clientSecret,
      },
    };
  });

  // ---- web routes (OAuth, manifest, install pages)

  function html(res: ServerResponse, status: number, title: string, body: string) {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
  }

  function redirect(res: ServerResponse, location: string) {
    res.writeHead(302, { location });
    res.end();
  }

  async function handleWeb(req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
    const p = url.pathname;
    if (req.method === "GET" && p === "/login/oauth/authorize") {
      const clientId = url.searchParams.get("client_id") ?? "";
      const redirectUri = url.searchParams.get("redirect_uri") ?? "";
      const stateParam = url.searchParams.get("state") ?? "";
      const app = [...state.apps.values()].find((a) => a.clientId === clientId);
      if (!app) {
        html(res, 404, "Unknown OAuth application", `<p>No application with client_id ${escapeHtml(clientId)}.</p>`);
        return 404;
      }
      const target = redirectUri || app.callbackUrls[0];
      if (!target) {
        html(res, 400, "Missing redirect_uri", "<p>The application has no callback URL.</p>");
        return 400;
      }
      if (app.callbackUrls.length > 0 && redirectUri && !app.callbackUrls.some((cb) => redirectUri.startsWith(cb))) {
        html(res, 400, "Redirect URI mismatch", `<p>${escapeHtml(redirectUri)} is not a callback URL of ${escapeHtml(app.name)}.</p>`);
        return 400;
      }
      const login = url.searchParams.get("login");
      if (login) {
        if (!state.users.has(login.toLowerCase())) {
          html(res, 404, "Unknown user", `<p>No user ${escapeHtml(login)}.</p>`);
          return 404;
        }
        const code = randomBytes(10).toString("hex");
        state.oauthCodes.set(code, { login, clientId, redirectUri: target });
        const back = new URL(target);
        back.searchParams.set("code", code);
        if (stateParam) back.searchParams.set("state", stateParam);
        redirect(res, back.href);
        return 302;
      }
      const hidden = [
        ["client_id", clientId],
        ["redirect_uri", redirectUri],
        ["state", stateParam],
      ]
        .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v!)}">`)
        .join("");
      const buttons = [...state.users.values()]
        .map((u) => `<li><button type="submit" name="login" value="${escapeHtml(u.login)}">Sign in as ${escapeHtml(u.login)}</button></li>`)
        .join("");
      html(res, 200, `Authorize ${app.name}`, `<form method="get" action="/login/oauth/authorize">${hidden}<ul>${buttons}</ul></form>`);
      return 200;
    }
    if (req.method === "POST" && p === "/login/oauth/access_token") {
      const form = parseForm(req, await readBody(req));
      const wantsJson = String(req.headers.accept ?? "").includes("application/json");
      const reply = (body: Record<string, string | number>) => {
        res.writeHead(200, { "content-type": wantsJson ? "application/json" : "application/x-www-form-urlencoded" });
        res.end(wantsJson ? JSON.stringify(body) : new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])).toString());
      };
      const app = [...state.apps.values()].find((a) => a.clientId === form.client_id);
      if (!app || app.clientSecret !== form.client_secret) {
        reply({ error: "incorrect_client_credentials", error_description: "The client_id and/or client_secret passed are incorrect." });
        return 200;
      }
      const grant = state.oauthCodes.get(form.code ?? "");
      if (!grant || grant.clientId !== app.clientId || (form.redirect_uri && form.redirect_uri !== grant.redirectUri)) {
        reply({ error: "bad_verification_code", error_description: "The code passed is incorrect or expired." });
        return 200;
      }
      state.oauthCodes.delete(form.code!);
      reply({ access_token: issueUserToken(grant.login, app), token_type: "bearer", scope: "" });
      return 200;
    }
    const manifestMatch = /^\/(?:organizations\/([^/]+)\/)?settings\/apps\/new$/.exec(p);
    if (req.method === "POST" && manifestMatch) {
      const form = parseForm(req, await readBody(req));
      let manifest: Record<string, unknown>;
      try {
        manifest = JSON.parse(form.manifest ?? "") as Record<string, unknown>;
      } catch {
        html(res, 422, "Invalid manifest", "<p>The manifest is not valid JSON.</p>");
        return 422;
      }
      const errors = validateManifest(manifest);
      if (errors.length) {
        html(res, 422, "Invalid manifest", `<ul>${errors.map((e) => `<li>${escapeHtml(e)}</li>`).join("")}</ul>`);
        return 422;
      }
      const owner = manifestMatch[1] ?? "fake-owner";
      const hook = manifest.hook_attributes as { url?: string } | undefined;
      const app = addApp({
        name: String(manifest.name),
        slug: String(manifest.name).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
        ownerLogin: owner,
        url: String(manifest.url),
        hookUrl: hook?.url,
        redirectUrl: String(manifest.redirect_url),
        callbackUrls: (manifest.callback_urls as string[] | undefined) ?? [],
        setupUrl: manifest.setup_url as string | undefined,
      });
      app.permissions = (manifest.default_permissions as Record<string, string> | undefined) ?? {};
      app.events = (manifest.default_events as string[] | undefined) ?? [];
      const code = randomBytes(10).toString("hex");
      state.manifestCodes.set(code, app.id);
      const back = new URL(String(manifest.redirect_url));
      back.searchParams.set("code", code);
      const st = url.searchParams.get("state");
      if (st) back.searchParams.set("state", st);
      redirect(res, back.href);
      return 302;
    }
    const installMatch = /^\/apps\/([^/]+)\/installations\/new$/.exec(p);
    if (installMatch) {
      const app = [...state.apps.values()].find((a) => a.slug === installMatch[1]);
      if (!app) {
        html(res, 404, "Not Found", "<p>No such app.</p>");
        return 404;
      }
      if (req.method === "POST") {
        const form = parseForm(req, await readBody(req));
        if (!form.account || !accountOf(form.account)) {
          html(res, 422, "Unknown account", "<p>Pick an account.</p>");
          return 422;
        }
        const { setupRedirectUrl } = installApp(form.account, "all", app);
        if (setupRedirectUrl) redirect(res, setupRedirectUrl);
        else html(res, 200, "Installed", `<p>${escapeHtml(app.name)} is installed on ${escapeHtml(form.account)}.</p>`);
        return setupRedirectUrl ? 302 : 200;
      }
      const accounts = [...state.orgs.values()].map((o) => o.login).concat([...state.users.values()].map((u) => u.login));
      const buttons = accounts
        .map((a) => `<li><button type="submit" name="account" value="${escapeHtml(a)}">Install on ${escapeHtml(a)}</button></li>`)
        .join("");
      html(res, 200, `Install ${app.name}`, `<form method="post"><ul>${buttons}</ul></form>`);
      return 200;
    }
    if (req.method === "GET" && /^\/apps\/[^/]+$/.test(p)) {
      html(res, 200, p.slice(6), "<p>A GitHub App.</p>");
      return 200;
    }
    html(res, 404, "Not Found", "");
    return 404;
  }

  function validateManifest(m: Record<string, unknown>): string[] {
    const errors: string[] = [];
    const isUrl = (v: unknown) => {
      try {
        return typeof v === "string" && /^https?:$/.test(new URL(v).protocol);
      } catch {
        return false;
      }
    };
    if (typeof m.name !== "string" || !m.name.trim() || m.name.length > 34) errors.push("name is required (at most 34 characters)");
    if (!isUrl(m.url)) errors.push("url must be a URL");
    if (!isUrl(m.redirect_url)) errors.push("redirect_url must be a URL");
    const hook = m.hook_attributes as { url?: unknown } | undefined;
    if (hook !== undefined && !isUrl(hook.url)) errors.push("hook_attributes.url must be a URL");
    if (m.setup_url !== undefined && !isUrl(m.setup_url)) errors.push("setup_url must be a URL");
    if (m.callback_urls !== undefined && (!Array.isArray(m.callback_urls) || !m.callback_urls.every(isUrl) || m.callback_urls.length > 10)) {
      errors.push("callback_urls must be a list of at most 10 URLs");
    }
    if (m.default_events !== undefined && !Array.isArray(m.default_events)) errors.push("default_events must be a list");
    if (m.default_permissions !== undefined) {
      const perms = m.default_permissions as Record<string, unknown>;
      for (const [k, v] of Object.entries(perms)) if (!["read", "write", "admin"].includes(String(v))) errors.push(`default_permissions.${k} must be read, write or admin`);
    }
    return errors;
  }

  // ---- git smart HTTP (proxied to git http-backend after the token check)

  function gitAllowed(req: IncomingMessage, owner: string, name: string): boolean {
    const header = String(req.headers.authorization ?? "");
    if (!header.toLowerCase().startsWith("basic ")) return false;
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const token = decoded.slice(colon + 1);
    const grant = state.tokens.get(token);
    if (!grant || grant.kind !== "installation" || grant.expiresAt <= Date.now()) return false;
    const inst = state.installations.get(grant.installationId!);
    if (!inst || inst.suspended) return false;
    const repo = findRepo(owner, name);
    return Boolean(repo && installationRepos(inst).some((r) => r.id === repo.id));
  }

  function proxyGit(req: IncomingMessage, res: ServerResponse): Promise<number> {
    return new Promise((resolve) => {
      const upstream = httpRequest(
        {
          host: gitOrigin.hostname,
          port: gitOrigin.port,
          method: req.method,
          path: req.url,
          headers: withoutAuthorization(req.headers, gitOrigin.host),
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          up.on("end", () => resolve(up.statusCode ?? 502));
        },
      );
      upstream.on("error", () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
        resolve(502);
      });
      req.pipe(upstream);
    });
  }

  // ---- dispatcher

  function injected(pathname: string): InjectedFailure | null {
    const i = failures.findIndex((f) => !f.routePrefix || pathname.startsWith(f.routePrefix));
    if (i < 0) return null;
    return failures.splice(i, 1)[0]!.failure;
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const record: RecordedApiRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      route: `${req.method} ${url.pathname}`,
      status: 0,
      api: false,
      auth: req.headers.authorization ? String(req.headers.authorization).split(" ")[0]!.toLowerCase() : "none",
      at: Date.now(),
    };
    requests.push(record);
    try {
      const gitMatch = /^\/([^/]+)\/([^/]+)\.git(\/.*)?$/.exec(url.pathname);
      if (gitMatch) {
        record.route = `${req.method} /:owner/:repo.git${gitMatch[3]?.startsWith("/info/refs") ? "/info/refs" : (gitMatch[3] ?? "")}`;
        if (!gitAllowed(req, decodeURIComponent(gitMatch[1]!), decodeURIComponent(gitMatch[2]!))) {
          record.status = 401;
          res.writeHead(401, { "www-authenticate": 'Basic realm="GitHub"', "content-type": "text/plain" });
          res.end("Invalid username or token.\n");
          return;
        }
        record.status = await proxyGit(req, res);
        return;
      }
      if (url.pathname.startsWith("/_fake/")) {
        record.status = await handleControl(req, res, url);
        return;
      }
      if (!url.pathname.startsWith("/api/v3/")) {
        record.status = await handleWeb(req, res, url);
        return;
      }
      record.api = true;
      const apiPath = url.pathname.slice("/api/v3".length);
      record.path = apiPath;
      const route = apiRoutes.find((r) => r.method === req.method && r.regex.test(apiPath));
      record.route = route ? `${route.method} ${route.pattern}` : `${req.method} ${apiPath}`;
      const rate = { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": String(state.rateLimitRemaining), "x-ratelimit-used": String(5000 - state.rateLimitRemaining), "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600), "x-ratelimit-resource": "core" };
      const failure = injected(apiPath);
      if (failure) {
        const f = failureResponse(failure);
        record.status = f.status;
        res.writeHead(f.status, { "content-type": "application/json", ...rate, ...f.headers });
        res.end(JSON.stringify({ message: f.message, documentation_url: "https://docs.github.com/rest" }));
        return;
      }
      if (!route) throw new HttpError(404, "Not Found");
      const m = route.regex.exec(apiPath)!;
      const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1]!)]));
      const body = req.method === "GET" ? Buffer.alloc(0) : await readBody(req);
      let cached: Credential | undefined;
      const out = await route.handle({ req, url, params, body, cred: () => (cached ??= credentialOf(req)) });
      record.auth = cached?.kind ?? record.auth;
      const status = out.status ?? 200;
      record.status = status;
      res.writeHead(status, { ...(out.json !== undefined ? { "content-type": "application/json; charset=utf-8" } : {}), ...rate, ...out.headers });
      res.end(out.json !== undefined ? JSON.stringify(out.json) : undefined);
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      record.status = status;
      if (!res.headersSent) {
        res.writeHead(status, { "content-type": "application/json", ...(err instanceof HttpError ? err.headers : {}) });
        res.end(JSON.stringify({ message: err instanceof Error ? err.message : "error", documentation_url: "https://docs.github.com/rest" }));
      } else res.end();
    }
  });

  function failureResponse(f: InjectedFailure): { status: number; message: string; headers: Record<string, string> } {
    switch (f.kind) {
      case "secondary":
        return {
          status: 403,
          message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          headers: { "retry-after": String(f.retryAfterSeconds ?? 1) },
        };
      case "primary": {
        const reset = Math.floor(Date.now() / 1000) + (f.resetInSeconds ?? 1);
        return {
          status: 403,
          message: "API rate limit exceeded for installation.",
          headers: { "x-ratelimit-remaining": "0", "x-ratelimit-used": "5000", "x-ratelimit-reset": String(reset) },
        };
      }
      case "429":
        return { status: 429, message: "Too many requests", headers: { "retry-after": String(f.retryAfterSeconds ?? 1) } };
      case "5xx":
        return { status: f.status ?? 502, message: "Server Error", headers: {} };
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  webUrl = `http://127.0.0.1:${port}`;

  const first = opts.app === false ? null : addApp(typeof opts.app === "object" ? opts.app : {});

  return {
    webUrl,
    apiUrl: `${webUrl}/api/v3`,
    state,
    get app(): FakeApp {
      const app = first ?? [...state.apps.values()][0];
      if (!app) throw new Error("fake github: no app (started with app: false)");
      return app;
    },
    requests,
    countRequests(route?: string) {
      return requests.filter((r) => r.api && (route === undefined || r.route === route)).length;
    },
    failNext(count, failure, routePrefix) {
      for (let i = 0; i < count; i++) failures.push({ failure, routePrefix });
    },
    clearFailures() {
      failures.length = 0;
    },
    addApp,
    addUser,
    addOrg,
    addRepo,
    pushCommit,
    headSha,
    findRepo,
    installApp,
    installationRepos,
    issueInstallationToken,
    issueUserToken,
    pushPayload,
    installationFor,
    repoJson,
    installationJson,
    accountJson,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await git.close();
      rmSync(gitRoot, { recursive: true, force: true });
      rmSync(workRoot, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- webhooks

export interface SendWebhookInput {
  url: string;
  /** Signing secret; null sends no signature header. */
  secret: string | null;
  event: string;
  payload: unknown;
  deliveryId?: string;
  /** Send this exact body (e.g. tampered after signing with `payload`). */
  rawBodyOverride?: string;
  /** Extra headers (override the computed ones). */
  headers?: Record<string, string>;
}

/** X-Hub-Signature-256 value for a body, as GitHub computes it. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Delivers a webhook like GitHub does (JSON body, X-GitHub-Event/-Delivery/-Hook-*, X-Hub-Signature-256). */
export async function sendWebhook(input: SendWebhookInput): Promise<{ status: number; body: string; deliveryId: string }> {
  const body = JSON.stringify(input.payload);
  const deliveryId = input.deliveryId ?? crypto.randomUUID();
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/fake",
    "x-github-event": input.event,
    "x-github-delivery": deliveryId,
    "x-github-hook-id": "1",
  };
  if (input.secret !== null) headers["x-hub-signature-256"] = signWebhookBody(input.secret, body);
  const res = await fetch(input.url, { method: "POST", headers: { ...headers, ...input.headers }, body: input.rawBodyOverride ?? body });
  return { status: res.status, body: await res.text(), deliveryId };
}

/** Helper for the JWT check: the app's public key as a KeyObject from a PEM (tests of config). */
export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey(pem);
}
