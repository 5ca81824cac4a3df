// sync-all-sources job spec. Handler: lib/jobs/sync-all-sources.ts.
import { z } from "zod";
import { defineJobSpec } from "../../queue/define-job.ts";

export const syncAllSourcesSpec = defineJobSpec({
  name: "sync-all-sources",
  schema: z.object({}),
  retryLimit: 2,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 600,
  policy: "stately",
  singletonKey: () => "all",
  concurrency: 1,
});
