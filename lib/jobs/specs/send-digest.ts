// send-digest job spec: one digest email to one recipient. Handler: lib/jobs/send-digest.ts.
import { z } from "zod";
import { defineJobSpec } from "../../queue/define-job.ts";
import { orgDigestPayloadSchema } from "./org-digest.ts";

export const sendDigestPayloadSchema = orgDigestPayloadSchema.extend({ userId: z.string().min(1).max(64) });
export type SendDigestPayload = z.infer<typeof sendDigestPayloadSchema>;

export const sendDigestSpec = defineJobSpec({
  name: "send-digest",
  schema: sendDigestPayloadSchema,
  // Transient SMTP failures (4xx, dropped connections, timeouts): 5 retries, 30 s doubling to 30 min.
  retryLimit: 5,
  retryDelaySeconds: 30,
  retryBackoff: true,
  retryDelayMaxSeconds: 1800,
  expireInSeconds: 120,
  heartbeatSeconds: 15,
  policy: "stately",
  singletonKey: (p) => `${p.orgId}:${p.userId}:${p.week}`,
  concurrency: "worker",
});
