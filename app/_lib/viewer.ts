// The viewer of the current request (server components, route handlers). Placeholder until GitHub
// sign-in lands: every request is the local demo viewer. The sign-in work replaces the body of
// `currentViewer` (session cookie → user → memberships; demo only on localhost), keeping the signature.
import { notFound, redirect } from "next/navigation";
import { canSeeOrg, type Viewer } from "@/lib/auth/viewer";

export async function currentViewer(): Promise<Viewer> {
  return { kind: "demo" };
}

/** For pages: the viewer, or a redirect to sign-in when nobody is signed in. */
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
