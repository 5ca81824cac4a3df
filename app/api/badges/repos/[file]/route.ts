import { badgeRoute } from "@/app/api/badges/_lib/badge-route";
import { getRepoBadge } from "@/lib/db/scorecard";

export const dynamic = "force-dynamic";

/** GET /api/badges/repos/:id.svg[?token=]: grade and score of the repository's latest results. */
export const GET = badgeRoute("repo", getRepoBadge);
