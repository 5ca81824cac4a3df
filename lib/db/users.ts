// Users signed in with GitHub. The GitHub user id is the identity (logins can be renamed).
import type { PrismaClient } from "./generated/prisma/client.ts";

export type UserProfileInput = { githubId: number; login: string; name: string | null; avatarUrl: string | null; email: string | null };
export type SignedInUser = { id: string; login: string; name: string | null; avatarUrl: string | null; isAdmin: boolean; githubId: bigint };

const userSelect = { id: true, login: true, name: true, avatarUrl: true, isAdmin: true, githubId: true } as const;

/**
 * Creates or updates the user from their GitHub profile and recomputes admin: the first user ever to
 * sign in (the oldest row), or a login listed in ADMIN_GITHUB_LOGINS (case-insensitive). Removing a
 * login from the list takes admin away at that user's next sign-in.
 */
export async function upsertGitHubUser(db: PrismaClient, profile: UserProfileInput, adminLogins: readonly string[]): Promise<SignedInUser> {
  const listed = adminLogins.some((l) => l.toLowerCase() === profile.login.toLowerCase());
  return db.$transaction(async (tx) => {
    // Serialize first-user decisions between concurrent sign-ins.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(7243001)::text`;
    const data = { login: profile.login, name: profile.name, avatarUrl: profile.avatarUrl, email: profile.email };
    const user = await tx.user.upsert({
      where: { githubId: BigInt(profile.githubId) },
      create: { githubId: BigInt(profile.githubId), ...data },
      update: data,
      select: { id: true },
    });
    const first = await tx.user.findFirst({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
    return tx.user.update({ where: { id: user.id }, data: { isAdmin: listed || first?.id === user.id }, select: userSelect });
  });
}

export async function findUserById(db: PrismaClient, id: string) {
  return db.user.findUnique({ where: { id }, select: { ...userSelect, membershipsRefreshedAt: true } });
}

/** ADMIN_GITHUB_LOGINS → list of logins. */
export function parseAdminLogins(value: string): string[] {
  return value.split(",").map((s) => s.trim()).filter(Boolean);
}
