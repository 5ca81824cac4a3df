// Every job the worker consumes. A job file not listed here is never run (registry.test.ts checks).
import type { AnyJob } from "../queue/enqueue.ts";
import { githubWebhook } from "./github-webhook.ts";
import { scanRepo } from "./scan-repo.ts";
import { syncAllSources } from "./sync-all-sources.ts";
import { syncSource } from "./sync-source.ts";

export const JOBS: readonly AnyJob[] = [syncAllSources, syncSource, scanRepo, githubWebhook];
