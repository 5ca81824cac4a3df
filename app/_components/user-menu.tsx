// Header slot: the signed-in user (avatar, login, email preferences, sign out), the demo-mode notice, or
// a sign-in link.
import Link from "next/link";
import { currentViewer } from "@/app/_lib/viewer";
import { UserAvatar } from "./user-avatar";

export async function UserMenu() {
  // The header is part of the root layout: if the viewer cannot be resolved (database down), render
  // nothing here and let the page's own error boundary explain.
  const viewer = await currentViewer().catch(() => null);
  if (!viewer) return null;
  if (viewer.kind === "demo") {
    return (
      <span className="ml-auto rounded-full bg-amber-100 px-3 py-1 text-xs font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
        Demo mode · no sign-in (localhost only)
      </span>
    );
  }
  if (viewer.kind === "anonymous") {
    if (viewer.reason === "demo-not-local") return null;
    return (
      <Link href="/login" className="ml-auto rounded-md px-3 py-1.5 text-sm font-medium underline-offset-4 hover:underline">
        Sign in
      </Link>
    );
  }
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <UserAvatar src={viewer.avatarUrl} login={viewer.login} name={viewer.name} />
      <span className="font-medium" data-testid="signed-in-login">
        {viewer.login}
        {viewer.isAdmin && <span className="ml-1.5 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">admin</span>}
      </span>
      <Link href="/settings/notifications" className="rounded-md px-1.5 py-1 font-medium underline-offset-4 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500">
        Email preferences
      </Link>
      <form action="/api/auth/logout" method="post">
        <button type="submit" className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
          Sign out
        </button>
      </form>
    </div>
  );
}
