// The digest as it would go out now (the dashboard's preview of next week's email). The unsubscribe
// link in a preview carries no real token: previews are not sent.
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import { getOrgDigest } from "../db/digest.ts";
import type { Env } from "../env.ts";
import { appBaseUrl, digestLinks } from "./links.ts";
import { renderDigest, type RenderedDigest } from "./render-digest.ts";

export async function renderDigestPreview(
  db: PrismaClient,
  env: Pick<Env, "APP_URL" | "PORT">,
  orgId: string,
  recipientName: string | null,
  asOf = new Date(),
): Promise<(RenderedDigest & { week: string }) | null> {
  const digest = await getOrgDigest(db, orgId, { asOf });
  if (!digest) return null;
  const rendered = await renderDigest(digest, digestLinks(appBaseUrl(env), orgId, "preview"), recipientName);
  return { ...rendered, week: digest.week };
}
