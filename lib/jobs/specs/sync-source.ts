// sync-source job spec. Handler: lib/jobs/sync-source.ts.
import { z } from "zod";
import { defineJobSpec } from "../../queue/define-job.ts";

export const syncSourcePayloadSchema = z.union([
  z.object({ orgId: z.string().min(1).max(64) }).strict(),
  /** A local source declared in LOCAL_SOURCES: registers (or updates) its organization first. */
  z
    .object({
      local: z.object({
        name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "letters, digits, dot, dash, underscore"),
        path: z.string().startsWith("/", "must be an absolute path"),
      }),
    })
    .strict(),
]);
export type SyncSourcePayload = z.infer<typeof syncSourcePayloadSchema>;

export const syncSourceSpec = defineJobSpec({
  name: "sync-source",
  schema: syncSourcePayloadSchema,
  retryLimit: 3,
  retryDelaySeconds: 15,
  retryBackoff: true,
  retryDelayMaxSeconds: 600,
  expireInSeconds: 1800,
  heartbeatSeconds: 30,
  policy: "stately",
  singletonKey: (p) => ("orgId" in p ? `org:${p.orgId}` : `local:${p.local.name}`),
  concurrency: 1,
});
