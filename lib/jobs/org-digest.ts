// org-digest: resolves one org's recipients (members with an email whose effective choice is WEEKLY),
// records a PENDING send per recipient for the week (idempotent: unique (org, user, week)), and queues
// one send-digest per send still pending. Running it twice queues nothing new for sends already made.
import { createPendingSends, listPendingSendUserIds } from "../db/email-sends.ts";
import { listDigestRecipients } from "../db/subscriptions.ts";
import { implementJob, type JobContext } from "../queue/define-job.ts";
import { enqueue } from "../queue/enqueue.ts";
import type { OrgDigestPayload } from "./specs/org-digest.ts";
import { orgDigestSpec } from "./specs/org-digest.ts";
import { sendDigestSpec } from "./specs/send-digest.ts";

export const orgDigest = implementJob(orgDigestSpec, handleOrgDigest);

async function handleOrgDigest(p: OrgDigestPayload, ctx: JobContext) {
  const org = await ctx.db.org.findFirst({ where: { id: p.orgId, deletedAt: null, suspendedAt: null }, select: { id: true } });
  if (!org) return { skipped: "org not found or inactive" };
  const recipients = await listDigestRecipients(ctx.db, p.orgId);
  const created = await createPendingSends(ctx.db, p.orgId, p.week, recipients.map((r) => r.userId));
  const wanted = new Set(recipients.map((r) => r.userId));
  const pending = (await listPendingSendUserIds(ctx.db, p.orgId, p.week)).filter((id) => wanted.has(id));
  let queued = 0;
  for (const userId of pending) {
    if (await enqueue(ctx.boss, sendDigestSpec, { ...p, userId })) queued++;
  }
  ctx.log.info({ orgId: p.orgId, week: p.week, recipients: recipients.length, newSends: created, queued }, "org digest fanned out");
  return { recipients: recipients.length, newSends: created, queued };
}
