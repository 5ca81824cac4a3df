// send-digest: one digest email to one recipient, at most once per (org, recipient, week).
//
// 1. Claim the EmailSend row (conditional UPDATE; a lease). SENT or FAILED → nothing to do. Claimed by
//    a live attempt → retry later (by then it is SENT, or its lease has run out).
// 2. Still a recipient? (They may have unsubscribed since the fan-out.) If not, drop the pending row.
// 3. Render and send with a deterministic Message-ID; on the server's 250, mark SENT in one statement.
// 4. 5xx reply → FAILED with the reply, not retried. 4xx / dropped connection / timeout → the claim is
//    released and the job retried with backoff; the last attempt records FAILED with the error.
//
// Guarantee: a retried or duplicated job never sends twice, and a worker killed before the server
// accepted the message (or after it was marked SENT) leads to exactly one email. The one window that
// cannot be closed from the client side is a crash between the server's 250 and the SENT update
// (milliseconds): the next attempt, after the lease, re-sends the same message with the same
// Message-ID (at-least-once in that window; clients that de-duplicate by Message-ID show one).
import { getOrgDigest } from "../db/digest.ts";
import { claimSend, createPendingSends, dropPendingSend, markFailed, markSent, releaseSend, type SendKey } from "../db/email-sends.ts";
import { findDigestRecipient } from "../db/subscriptions.ts";
import { composeDigestMessage, digestMessageId, requireSessionSecret } from "../email/compose-digest.ts";
import { classifySmtpError, createMailTransport } from "../email/transport.ts";
import { AppError } from "../errors.ts";
import { implementJob, type JobContext } from "../queue/define-job.ts";
import { sendDigestSpec, type SendDigestPayload } from "./specs/send-digest.ts";

/** Longer than one attempt can run (expireInSeconds), so a live attempt's claim is never taken over. */
export const SEND_LEASE_SECONDS = sendDigestSpec.expireInSeconds + 60;

export function createSendDigestJob(options: { leaseSeconds: number }) {
  return implementJob(sendDigestSpec, (p: SendDigestPayload, ctx: JobContext) => handleSendDigest(p, ctx, options.leaseSeconds));
}

export const sendDigest = createSendDigestJob({ leaseSeconds: SEND_LEASE_SECONDS });

async function handleSendDigest(p: SendDigestPayload, ctx: JobContext, leaseSeconds: number) {
  requireSessionSecret(ctx.env);
  const transport = createMailTransport(ctx.env.SMTP_URL);
  const key: SendKey = { orgId: p.orgId, userId: p.userId, week: p.week };
  const messageId = digestMessageId(key, ctx.env.EMAIL_FROM);
  const log = ctx.log.child({ orgId: p.orgId, userId: p.userId, week: p.week });

  let claim = await claimSend(ctx.db, key, messageId, leaseSeconds);
  if (!claim.claimed && claim.status === "MISSING") {
    await createPendingSends(ctx.db, p.orgId, p.week, [p.userId]);
    claim = await claimSend(ctx.db, key, messageId, leaseSeconds);
  }
  if (!claim.claimed) {
    if (claim.status === "CLAIMED") throw new AppError("ABORTED", "another attempt is sending this digest; retrying after it");
    log.info({ status: claim.status }, "digest already handled: nothing sent");
    return { sent: false, status: claim.status };
  }
  if (claim.takeover) log.warn("taking over a digest send whose worker died mid-send; re-sending with the same Message-ID");

  const recipient = await findDigestRecipient(ctx.db, p.orgId, p.userId);
  const digest = recipient ? await getOrgDigest(ctx.db, p.orgId, { asOf: new Date(p.asOf) }) : null;
  if (!recipient || !digest) {
    await dropPendingSend(ctx.db, key);
    log.info("recipient no longer subscribed (or org gone): nothing sent");
    return { sent: false, status: "SKIPPED" };
  }

  const message = await composeDigestMessage({ env: ctx.env, digest, recipient, week: p.week });
  try {
    const info = await transport.sendMail({ ...message, messageId: message.messageId, disableFileAccess: true, disableUrlAccess: true });
    if (!(await markSent(ctx.db, key, messageId))) log.warn("digest sent but its claim was taken over meanwhile");
    log.info({ messageId, response: info.response }, "digest sent");
    return { sent: true, messageId };
  } catch (err) {
    const failure = classifySmtpError(err);
    if (failure.permanent) {
      await markFailed(ctx.db, key, failure.message);
      log.warn({ err: failure.message }, "digest refused by the SMTP server: recorded as failed, not retried");
      return { sent: false, status: "FAILED", error: failure.message };
    }
    if (ctx.isLastAttempt) {
      await markFailed(ctx.db, key, `gave up after ${claim.attempts} attempts: ${failure.message}`);
      log.error({ err: failure.message, attempts: claim.attempts }, "digest send failed on its last attempt: recorded as failed");
    } else {
      await releaseSend(ctx.db, key, messageId, failure.message);
    }
    throw new AppError("UPSTREAM", `SMTP send failed: ${failure.message}`, { cause: err });
  } finally {
    transport.close();
  }
}
