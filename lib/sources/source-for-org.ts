// The Source behind an organization row.
import { db } from "../db/client.ts";
import { loadEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { requireGitHubConfig, type GitHubConfig } from "../github/config.ts";
import { GitHubSource } from "./github-source.ts";
import { LocalSource } from "./local-source.ts";
import type { Source } from "./source.ts";

export interface OrgSourceFields {
  sourceKind: "LOCAL" | "GITHUB";
  login: string;
  name: string;
  localPath: string | null;
  /** GitHub App installation (GITHUB orgs). */
  githubInstallationId?: bigint | number | null;
}

/**
 * Production wiring: local orgs read their directory; GitHub orgs use the deployment's GitHub App
 * (environment or the database-stored app, see lib/github/config.ts).
 */
export function sourceForOrg(org: OrgSourceFields): Source {
  return sourceForOrgWith(() => requireGitHubConfig(db(), loadEnv()))(org);
}

/** A sourceFor with an explicit GitHub configuration (tests, benchmarks, other wiring). */
export function sourceForOrgWith(config: GitHubConfig | (() => Promise<GitHubConfig>)) {
  return (org: OrgSourceFields): Source => {
    if (org.sourceKind === "LOCAL") {
      if (!org.localPath) throw new AppError("VALIDATION", `local organization "${org.login}" has no path`);
      return new LocalSource({ login: org.login, path: org.localPath, displayName: org.name });
    }
    if (org.githubInstallationId === undefined || org.githubInstallationId === null) {
      throw new AppError("VALIDATION", `GitHub organization "${org.login}" has no App installation`);
    }
    return new GitHubSource({ login: org.login, displayName: org.name, installationId: Number(org.githubInstallationId), config });
  };
}
