// Every job's spec, for producers and for creating queues (scheduler, web). The worker's runnable
// list is lib/jobs/registry.ts; registry.test.ts checks the two name the same jobs.
import type { AnyJobSpec } from "../../queue/enqueue.ts";
import { githubWebhookSpec } from "./github-webhook.ts";
import { scanRepoSpec } from "./scan-repo.ts";
import { syncAllSourcesSpec } from "./sync-all-sources.ts";
import { syncSourceSpec } from "./sync-source.ts";

export const JOB_SPECS: readonly AnyJobSpec[] = [syncAllSourcesSpec, syncSourceSpec, scanRepoSpec, githubWebhookSpec];
