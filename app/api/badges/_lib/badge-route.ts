// The two badge routes (repository, org). Who may see a badge:
// - `?token=` present: only the token decides. The token of this kind and id (lib/auth/badge-token.ts,
//   keyed from SESSION_SECRET) shows the badge to anyone, cookies or not (GitHub's camo proxy has none),
//   publicly cacheable. Any other token, or a token while no SESSION_SECRET is set, is the same 404
//   "not found" badge as a missing id, so a token cannot be used to probe which ids exist.
// - no token: the pages' authorization. Anonymous → 401 (before any lookup); an org the viewer may not
//   see → 404 like a missing one; otherwise the badge, cached by the browser only.
import { apiRoute } from "@/app/api/_lib/api-route";
import { guardRead } from "@/app/api/_lib/guard";
import { badgeResponse, idFromSvgFile, notFoundBadgeResponse, signInBadgeResponse } from "@/app/api/badges/_lib/badge-response";
import { verifyBadgeToken, type BadgeKind } from "@/lib/auth/badge-token";
import type { BadgeData, OrgScope } from "@/lib/db/scorecard";
import { loadEnv } from "@/lib/env";
import { scoreBadge } from "@/lib/ui/badge";

export function badgeRoute(kind: BadgeKind, load: (scope: OrgScope, id: string) => Promise<BadgeData | null>) {
  return apiRoute<{ file: string }>(async (req, { file }, ctx) => {
    const id = idFromSvgFile(file);
    if (!id) return notFoundBadgeResponse();
    const token = new URL(req.url).searchParams.get("token");
    if (token !== null) {
      const secret = loadEnv().SESSION_SECRET;
      if (!secret || !verifyBadgeToken(secret, kind, id, token)) {
        ctx.logFields.refused = secret ? "bad-badge-token" : "badge-tokens-disabled";
        return notFoundBadgeResponse();
      }
      const badge = await load("all", id);
      return badge ? badgeResponse(req, scoreBadge(badge.grade, badge.score), "public") : notFoundBadgeResponse();
    }
    const guard = await guardRead(req, ctx, signInBadgeResponse);
    if ("refuse" in guard) return guard.refuse;
    const badge = await load(guard.scope, id);
    return badge ? badgeResponse(req, scoreBadge(badge.grade, badge.score), "viewer") : notFoundBadgeResponse();
  });
}
