// github-webhook job spec: one verified GitHub webhook delivery, reduced to the fields the handler
// needs (no secrets, not the whole payload). Handler: lib/jobs/github-webhook.ts. Producer: the
// webhook route (app/api/github/webhooks) through lib/github/webhook-receiver.ts.
import { z } from "zod";
import { defineJobSpec } from "../../queue/define-job.ts";

const id = z.number().int().positive();
const account = z.object({
  login: z.string().min(1).max(255),
  id,
  type: z.string().min(1).max(32),
  avatarUrl: z.string().max(2000).nullable().default(null),
});
const repository = z.object({
  id,
  name: z.string().min(1).max(255),
  fullName: z.string().min(1).max(511),
  defaultBranch: z.string().min(1).max(255),
  archived: z.boolean().default(false),
  fork: z.boolean().default(false),
  visibility: z.enum(["public", "private", "internal"]).default("private"),
  htmlUrl: z.string().max(2000).nullable().default(null),
  cloneUrl: z.string().max(2000).nullable().default(null),
  description: z.string().max(2000).nullable().default(null),
  /** Login of the owner: differs from the installation account after a transfer. */
  ownerLogin: z.string().min(1).max(255),
});

export const githubWebhookPayloadSchema = z.discriminatedUnion("event", [
  z.object({
    event: z.literal("installation"),
    deliveryId: z.string().min(1).max(128),
    action: z.string().min(1).max(64),
    installationId: id,
    account,
    suspended: z.boolean().default(false),
  }),
  z.object({
    event: z.literal("installation_repositories"),
    deliveryId: z.string().min(1).max(128),
    action: z.string().min(1).max(64),
    installationId: id,
    account,
  }),
  z.object({
    event: z.literal("repository"),
    deliveryId: z.string().min(1).max(128),
    action: z.string().min(1).max(64),
    installationId: id,
    repository,
  }),
  z.object({
    // organization renamed / member_added / member_removed (installation of that organization)
    event: z.literal("organization"),
    deliveryId: z.string().min(1).max(128),
    action: z.enum(["renamed", "member_added", "member_removed"]),
    installationId: id,
    account: z.object({ login: z.string().min(1).max(255), id }),
    /** The member added or removed (GitHub user id and login); null for renamed. */
    member: z.object({ login: z.string().min(1).max(255), id }).nullable().default(null),
  }),
  z.object({
    // installation_target renamed: the account (user or organization) the app is installed on was renamed
    event: z.literal("installation_target"),
    deliveryId: z.string().min(1).max(128),
    action: z.literal("renamed"),
    installationId: id,
    account: z.object({ login: z.string().min(1).max(255), id }),
  }),
  z.object({
    event: z.literal("push"),
    deliveryId: z.string().min(1).max(128),
    installationId: id,
    repository,
    ref: z.string().min(1).max(1024),
    after: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/),
  }),
]);
export type GitHubWebhookPayload = z.output<typeof githubWebhookPayloadSchema>;

export const githubWebhookSpec = defineJobSpec({
  name: "github-webhook",
  schema: githubWebhookPayloadSchema,
  retryLimit: 5,
  retryDelaySeconds: 10,
  retryBackoff: true,
  retryDelayMaxSeconds: 600,
  expireInSeconds: 300,
  policy: "stately",
  // A redelivered id is already refused by the route; this also keeps one job per delivery in the queue.
  singletonKey: (p) => `delivery:${p.deliveryId}`,
  concurrency: "worker",
});
