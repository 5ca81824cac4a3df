// org-digest job spec: one org's weekly digest → one send-digest per recipient. Handler: lib/jobs/org-digest.ts.
import { z } from "zod";
import { defineJobSpec } from "../../queue/define-job.ts";
import { WEEK_PATTERN } from "../../email/week.ts";

export const orgDigestPayloadSchema = z.object({
  orgId: z.string().min(1).max(64),
  /** ISO week the digest is sent in ("2026-W48"): the send log's key. */
  week: z.string().regex(WEEK_PATTERN),
  /** The moment the digest describes (fixed by the fan-out, so retries render the same numbers). */
  asOf: z.iso.datetime(),
});
export type OrgDigestPayload = z.infer<typeof orgDigestPayloadSchema>;

export const orgDigestSpec = defineJobSpec({
  name: "org-digest",
  schema: orgDigestPayloadSchema,
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  retryDelayMaxSeconds: 600,
  expireInSeconds: 600,
  policy: "stately",
  singletonKey: (p) => `org:${p.orgId}:${p.week}`,
  concurrency: 1,
});
