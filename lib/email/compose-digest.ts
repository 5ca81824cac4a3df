// One recipient's digest message: the rendered parts plus the headers that make it a well-behaved
// bulk email (RFC 8058 one-click unsubscribe, RFC 2369 List-Unsubscribe, a deterministic Message-ID).
import { createHash } from "node:crypto";
import type { OrgDigest } from "../db/digest.ts";
import type { Env } from "../env.ts";
import { AppError } from "../errors.ts";
import { appBaseUrl, digestLinks, oneClickUnsubscribeUrl } from "./links.ts";
import { renderDigest } from "./render-digest.ts";
import { fromDomain } from "./transport.ts";
import { signUnsubscribeToken } from "./unsubscribe-token.ts";

export type DigestMessage = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
};

/**
 * Message-ID of the (org, recipient, week) digest: the same on every attempt, so a message re-sent
 * after an ambiguous crash is recognisably the same message (and de-duplicated by clients that do so).
 */
export function digestMessageId(key: { orgId: string; userId: string; week: string }, emailFrom: string): string {
  const h = createHash("sha256").update(`${key.orgId}\0${key.userId}\0${key.week}`).digest("hex").slice(0, 32);
  return `<digest-${key.week.toLowerCase()}-${h}@${fromDomain(emailFrom)}>`;
}

/** The SESSION_SECRET unsubscribe links are signed with; without it no digest may go out. */
export function requireSessionSecret(env: Pick<Env, "SESSION_SECRET">): string {
  if (!env.SESSION_SECRET) {
    throw new AppError("FORBIDDEN", "SESSION_SECRET is not set: weekly digests need it to sign unsubscribe links, so no email is sent");
  }
  return env.SESSION_SECRET;
}

export async function composeDigestMessage(input: {
  env: Pick<Env, "APP_URL" | "PORT" | "EMAIL_FROM" | "SESSION_SECRET">;
  digest: OrgDigest;
  recipient: { userId: string; email: string; name: string | null; login: string };
  week: string;
}): Promise<DigestMessage> {
  const { env, digest, recipient, week } = input;
  const secret = requireSessionSecret(env);
  const token = signUnsubscribeToken(secret, { userId: recipient.userId, orgId: digest.org.id, week });
  const base = appBaseUrl(env);
  const links = digestLinks(base, digest.org.id, token);
  const parts = await renderDigest(digest, links, recipient.name ?? recipient.login);
  return {
    from: env.EMAIL_FROM,
    to: recipient.email,
    ...parts,
    messageId: digestMessageId({ orgId: digest.org.id, userId: recipient.userId, week }, env.EMAIL_FROM),
    headers: {
      "List-Unsubscribe": `<${oneClickUnsubscribeUrl(base, token)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Id": `${digest.org.name.replace(/[<>"\r\n]/g, "")} weekly report <${digest.org.id}.digest.${fromDomain(env.EMAIL_FROM)}>`,
      "Auto-Submitted": "auto-generated",
      "X-Auto-Response-Suppress": "All",
    },
  };
}
