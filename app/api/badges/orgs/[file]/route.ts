import { badgeRoute } from "@/app/api/badges/_lib/badge-route";
import { getOrgBadge } from "@/lib/db/scorecard";

export const dynamic = "force-dynamic";

/** GET /api/badges/orgs/:id.svg[?token=]: grade and mean score of the org's repositories. */
export const GET = badgeRoute("org", getOrgBadge);
