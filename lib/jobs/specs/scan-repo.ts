// scan-repo job spec (queue name, payload schema, retry policy). The handler is lib/jobs/scan-repo.ts;
// producers (web rescan, webhooks, sync) import only this file.
import { z } from "zod";
import { defineJobSpec } from "../../queue/define-job.ts";

export const scanTriggers = ["SYNC", "SCHEDULE", "PUSH", "MANUAL", "INSTALL"] as const;
export type ScanTriggerName = (typeof scanTriggers)[number];

export const scanRepoPayloadSchema = z.object({
  repositoryId: z.string().min(1).max(64),
  /** The Scan row created with the job (enqueueScan); absent → the job creates one. */
  scanId: z.string().min(1).max(64).optional(),
  trigger: z.enum(scanTriggers).default("MANUAL"),
  /** GitHub App installation of the repository's org: the fairness group (set by enqueueScan). */
  installationId: z.string().regex(/^[0-9]{1,20}$/).optional(),
});
export type ScanRepoPayload = z.input<typeof scanRepoPayloadSchema>;

export const scanRepoSpec = defineJobSpec({
  name: "scan-repo",
  schema: scanRepoPayloadSchema,
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  retryDelayMaxSeconds: 600,
  expireInSeconds: 3600,
  heartbeatSeconds: 30,
  // One queued and one running scan per repository: a second enqueue while one waits is a no-op
  // (the waiting one will scan whatever HEAD is current when it runs).
  policy: "stately",
  singletonKey: (p) => `repo:${p.repositoryId}`,
  // One big GitHub org cannot take every worker: at most GITHUB_INSTALLATION_CONCURRENCY scans of
  // one installation run at once across all workers (local sources are not limited).
  group: (p) => (p.installationId ? `installation:${p.installationId}` : undefined),
  groupConcurrency: (env) => env.GITHUB_INSTALLATION_CONCURRENCY,
  concurrency: "worker",
});
