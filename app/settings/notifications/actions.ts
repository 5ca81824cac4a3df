"use server";
// Saves one email preference of the signed-in user. The viewer is resolved again here (a server
// action is a public endpoint), and only orgs the user is a member of and may see can be changed.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { currentViewer } from "@/app/_lib/viewer";
import { canSeeOrg } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { setEmailPreference } from "@/lib/db/subscriptions";

const inputSchema = z.object({ orgId: z.string().min(1).max(64), frequency: z.enum(["WEEKLY", "OFF"]) });

export async function saveEmailPreference(formData: FormData): Promise<void> {
  const viewer = await currentViewer();
  if (viewer.kind !== "user") return;
  const parsed = inputSchema.safeParse({ orgId: formData.get("orgId"), frequency: formData.get("frequency") });
  if (!parsed.success || !canSeeOrg(viewer, parsed.data.orgId)) return;
  await setEmailPreference(db(), viewer.userId, parsed.data.orgId, parsed.data.frequency);
  revalidatePath("/settings/notifications");
}
