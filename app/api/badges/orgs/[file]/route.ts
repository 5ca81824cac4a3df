import { apiRoute } from "@/app/api/_lib/api-route";
import { badgeResponse, idFromSvgFile, notFoundBadgeResponse } from "@/app/api/badges/_lib/badge-response";
import { db } from "@/lib/db/client";
import { loadEnv } from "@/lib/env";
import { viewerForHeaders } from "@/lib/auth/request-viewer";
import { visibleOrgIds } from "@/lib/auth/viewer";
import { getOrgBadge } from "@/lib/db/scorecard";
import { scoreBadge } from "@/lib/ui/badge";

export const dynamic = "force-dynamic";

/** GET /api/badges/orgs/:id.svg: grade and mean score of the org's repositories. */
export const GET = apiRoute<{ file: string }>(async (req, { file }) => {
  const id = idFromSvgFile(file);
  if (!id) return notFoundBadgeResponse();
  const badge = await getOrgBadge(visibleOrgIds(await viewerForHeaders(db(), loadEnv(), req.headers)), id);
  if (!badge) return notFoundBadgeResponse();
  return badgeResponse(req, scoreBadge(badge.grade, badge.score));
});
