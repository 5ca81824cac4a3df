// The GitHub source: one GitHub App installation is one organization. Listing uses the
// installation's repository list (100 per page) plus one cheap call per repository for the HEAD of
// its default branch (Accept: application/vnd.github.sha), so a full listing costs about
// 1 + N/100 + N REST calls; file contents come from the clone, never from the API. Clones use a
// short-lived installation token that safeClone sends as an http.extraHeader (never in the URL,
// .git/config, logs, the database or error messages).
import { AppError, isAppError } from "../errors.ts";
import { githubCall, installationClient, installationToken, type GitHubClient } from "../github/client.ts";
import type { GitHubConfig } from "../github/config.ts";
import { sourceRepositorySchema, type CloneAccess, type Source, type SourceRepository } from "./source.ts";

/** HEAD lookups in flight at once for one listing. */
const HEAD_CONCURRENCY = 8;

export interface GitHubSourceOptions {
  login: string;
  displayName?: string;
  installationId: number;
  /** The app configuration (resolved lazily: the database-stored app needs a query). */
  config: GitHubConfig | (() => Promise<GitHubConfig>);
}

interface ListedRepo {
  id: number;
  name: string;
  full_name: string;
  description?: string | null;
  clone_url?: string;
  html_url: string;
  default_branch?: string;
  archived?: boolean;
  fork: boolean;
  private: boolean;
  visibility?: string;
  language?: string | null;
  topics?: string[];
  size?: number;
}

/** Marks an AppError as "the installation is gone" (sync marks the org deleted). */
export function isInstallationGone(err: unknown): boolean {
  return isAppError(err, "NOT_FOUND") && err.details?.installationGone === true;
}

/** Marks an AppError as "the installation is suspended" (sync marks the org suspended). */
export function isInstallationSuspended(err: unknown): boolean {
  return isAppError(err, "FORBIDDEN") && err.details?.installationSuspended === true;
}

export class GitHubSource implements Source {
  readonly kind = "GITHUB" as const;
  readonly login: string;
  readonly displayName: string;
  readonly installationId: number;
  private readonly configInput: GitHubSourceOptions["config"];

  constructor(options: GitHubSourceOptions) {
    if (!Number.isSafeInteger(options.installationId) || options.installationId <= 0) {
      throw new AppError("VALIDATION", `GitHub organization "${options.login}" has no valid installation id`);
    }
    this.login = options.login;
    this.displayName = options.displayName ?? options.login;
    this.installationId = options.installationId;
    this.configInput = options.config;
  }

  private async config(): Promise<GitHubConfig> {
    return typeof this.configInput === "function" ? this.configInput() : this.configInput;
  }

  private async client(): Promise<{ client: GitHubClient; config: GitHubConfig }> {
    const config = await this.config();
    // Create (or reuse) the token first, so a gone or suspended installation is reported as such.
    await this.token(config);
    return { client: installationClient(config, this.installationId), config };
  }

  private async token(config: GitHubConfig): Promise<string> {
    try {
      return (await installationToken(config, this.installationId)).token;
    } catch (err) {
      if (isAppError(err, "NOT_FOUND")) {
        throw new AppError("NOT_FOUND", `GitHub App installation ${this.installationId} (${this.login}) no longer exists`, {
          details: { installationId: this.installationId, installationGone: true },
        });
      }
      if (isAppError(err, "FORBIDDEN") && /suspended/i.test(err.message)) {
        throw new AppError("FORBIDDEN", `GitHub App installation ${this.installationId} (${this.login}) is suspended`, {
          details: { installationId: this.installationId, installationSuspended: true },
        });
      }
      throw err;
    }
  }

  async listRepositories(signal?: AbortSignal): Promise<SourceRepository[]> {
    const { client, config } = await this.client();
    const listed = (await githubCall(`list the repositories of installation ${this.installationId}`, () =>
      client.paginate(client.rest.apps.listReposAccessibleToInstallation, { per_page: 100 }),
    )) as unknown as ListedRepo[];

    const out: SourceRepository[] = new Array(listed.length);
    let next = 0;
    const worker = async () => {
      while (next < listed.length) {
        if (signal?.aborted) throw new AppError("ABORTED", "repository listing aborted");
        const i = next++;
        const r = listed[i]!;
        const headSha = r.size === 0 ? null : await this.headSha(client, r);
        out[i] = sourceRepositorySchema.parse({
          externalId: String(r.id),
          name: r.name,
          fullName: r.full_name,
          description: r.description ? r.description.slice(0, 2000) : null,
          cloneUrl: r.clone_url ?? `${config.webUrl}/${r.full_name}.git`,
          htmlUrl: r.html_url,
          defaultBranch: r.default_branch ?? "main",
          headSha,
          archived: r.archived ?? false,
          fork: r.fork,
          visibility: r.visibility === "public" || r.visibility === "internal" ? r.visibility : r.private ? "private" : "public",
          language: r.language ?? null,
          topics: r.topics ?? [],
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(HEAD_CONCURRENCY, listed.length) }, worker));
    return out.sort((a, b) => a.fullName.localeCompare(b.fullName));
  }

  /** HEAD sha of the default branch; null for an empty repository. */
  private async headSha(client: GitHubClient, r: ListedRepo): Promise<string | null> {
    const [owner, repo] = r.full_name.split("/") as [string, string];
    try {
      const res = await client.request("GET /repos/{owner}/{repo}/commits/{ref}", {
        owner,
        repo,
        ref: `heads/${r.default_branch ?? "main"}`,
        headers: { accept: "application/vnd.github.sha" },
      });
      const sha = String(res.data as unknown).trim();
      return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha) ? sha : null;
    } catch (err) {
      const status = (err as { status?: number }).status;
      // 409: empty repository; 404/422: no such branch (yet).
      if (status === 409 || status === 404 || status === 422) return null;
      return githubCall(`read the HEAD of ${r.full_name}`, () => Promise.reject(err));
    }
  }

  async cloneAccess(repo: { externalId: string; cloneUrl: string }): Promise<CloneAccess> {
    const config = await this.config();
    // The token only ever goes to the configured GitHub host, whatever the stored URL says.
    let url: URL;
    try {
      url = new URL(repo.cloneUrl);
    } catch {
      throw new AppError("VALIDATION", `repository ${repo.externalId} has an invalid clone URL`);
    }
    if (url.origin !== new URL(config.webUrl).origin || url.username || url.password) {
      throw new AppError("FORBIDDEN", `repository ${repo.externalId}: clone URL is not on ${new URL(config.webUrl).origin}; refusing to send a token there`);
    }
    return { url: url.href, token: await this.token(config), local: false };
  }
}
