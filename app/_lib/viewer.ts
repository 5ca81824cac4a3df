// The viewer of the current request (server components, route handlers), memoised per request.
// Demo mode (no GitHub configured) answers only on localhost; with GitHub configured the signed
// session cookie names the user, whose memberships decide the orgs they see (lib/auth).
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { viewerForHeaders } from "@/lib/auth/request-viewer";
import { canSeeOrg, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { findRepositoryOrgId } from "@/lib/db/memberships";
import { loadEnv } from "@/lib/env";

export const currentViewer: () => Promise<Viewer> = cache(async (): Promise<Viewer> => {
  return viewerForHeaders(db(), loadEnv(), await headers());
});

/** For pages: the viewer, or a redirect to sign-in (which explains demo-not-local) when nobody is signed in. */
export async function requirePageViewer(): Promise<Viewer> {
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") redirect("/login");
  return viewer;
}

/** For pages showing one org: 404 (not 403) when the viewer may not see it, so ids do not leak. */
export async function requireOrgPage(orgId: string): Promise<Viewer> {
  const viewer = await requirePageViewer();
  if (!canSeeOrg(viewer, orgId)) notFound();
  return viewer;
}

/** Whether the viewer may see a repository (its org is visible); false when it does not exist. */
export async function canSeeRepository(viewer: Viewer, repositoryId: string): Promise<boolean> {
  if (viewer.kind === "anonymous") return false;
  const orgId = await findRepositoryOrgId(db(), repositoryId);
  return orgId !== null && canSeeOrg(viewer, orgId);
}

/** For pages showing one repository: like requireOrgPage, for the repository's org. */
export async function requireRepositoryPage(repositoryId: string): Promise<Viewer> {
  const viewer = await requirePageViewer();
  if (!(await canSeeRepository(viewer, repositoryId))) notFound();
  return viewer;
}
