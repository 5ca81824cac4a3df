// Who is looking, and what they may see. Pure: no Next.js, no cookies (app/_lib/viewer.ts resolves
// the viewer of a request). Every page and API route that shows org data asks `visibleOrgIds` /
// `canSeeOrg` and passes the scope into its lib/db query, so authorization is enforced in the query,
// not only in the UI.

export type Viewer =
  /** No GitHub configured and the request came to localhost: the demo sees every org, no login. */
  | { kind: "demo" }
  /** A signed-in GitHub user. `orgIds`: orgs of installations whose account they belong to, plus
   *  local orgs when they are an admin. */
  | { kind: "user"; userId: string; login: string; name: string | null; avatarUrl: string | null; isAdmin: boolean; orgIds: string[] }
  /** Nobody signed in (or a demo reached from a non-local address). */
  | { kind: "anonymous"; reason: "signed-out" | "demo-not-local" };

/** Org ids the viewer may see: "all" for the local demo, [] for anonymous. */
export function visibleOrgIds(viewer: Viewer): "all" | string[] {
  if (viewer.kind === "demo") return "all";
  if (viewer.kind === "user") return viewer.orgIds;
  return [];
}

export function canSeeOrg(viewer: Viewer, orgId: string): boolean {
  const scope = visibleOrgIds(viewer);
  return scope === "all" || scope.includes(orgId);
}

export function isAdmin(viewer: Viewer): boolean {
  return viewer.kind === "demo" || (viewer.kind === "user" && viewer.isAdmin);
}
