// A source is where an organization's repositories come from: a forge (GitHub, later GitLab…) or
// a local directory of git repositories. Everything above this interface (sync and scan jobs, the
// database) is forge-neutral: it sees repository metadata and a way to clone.
import { z } from "zod";

export const visibilitySchema = z.enum(["public", "private", "internal"]);

/** Repository metadata as a source reports it; validated before it reaches the database. */
export const sourceRepositorySchema = z.object({
  /** Stable id within the source (GitHub repository id, local directory name). */
  externalId: z.string().min(1).max(255),
  name: z.string().min(1).max(255),
  /** `owner/name`. */
  fullName: z.string().min(1).max(511),
  description: z.string().max(2000).nullable().default(null),
  /** Where to clone from (https URL, or an absolute path for local sources). No credentials. */
  cloneUrl: z.string().min(1),
  htmlUrl: z.string().nullable().default(null),
  defaultBranch: z.string().min(1).max(255),
  /** HEAD of the default branch when the source knows it cheaply; null for an empty repository. */
  headSha: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/).nullable(),
  archived: z.boolean().default(false),
  fork: z.boolean().default(false),
  visibility: visibilitySchema.default("private"),
  language: z.string().nullable().default(null),
  topics: z.array(z.string()).default([]),
});

export type SourceRepository = z.infer<typeof sourceRepositorySchema>;

/** How to clone one repository: passed straight to safeClone. Tokens are short-lived; never store them. */
export interface CloneAccess {
  url: string;
  token?: string;
  /** True for local sources (file transport). */
  local: boolean;
}

export type SourceKind = "LOCAL" | "GITHUB";

export interface Source {
  readonly kind: SourceKind;
  /** Stable key of the organization within its kind (GitHub login, local source name). */
  readonly login: string;
  /** Display name of the organization. */
  readonly displayName: string;
  /** Every repository of the organization, including archived ones and forks (filtering is policy, not source). */
  listRepositories(signal?: AbortSignal): Promise<SourceRepository[]>;
  /** Clone URL and credentials for one repository, obtained at clone time. */
  cloneAccess(repo: { externalId: string; cloneUrl: string }): Promise<CloneAccess>;
}
