// Header slot for the signed-in user (avatar, sign out) or the demo-mode notice. Owned by the
// sign-in work; a placeholder that shows the demo notice until then.
import { currentViewer } from "@/app/_lib/viewer";

export async function UserMenu() {
  const viewer = await currentViewer();
  if (viewer.kind !== "demo") return null;
  return (
    <span className="ml-auto rounded-full bg-amber-100 px-3 py-1 text-xs font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
      Demo mode · no sign-in (localhost only)
    </span>
  );
}
