// weekly-digests job spec (REPORT_CRON). Handler: lib/jobs/weekly-digests.ts.
import { z } from "zod";
import { defineJobSpec } from "../../queue/define-job.ts";

export const weeklyDigestsSpec = defineJobSpec({
  name: "weekly-digests",
  /** asOf: the moment the digests describe (default: when the job runs); for manual or test runs. */
  schema: z.object({ asOf: z.iso.datetime().optional() }),
  retryLimit: 2,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 600,
  policy: "stately",
  singletonKey: () => "weekly",
  concurrency: 1,
});
