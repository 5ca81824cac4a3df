// Who gets the weekly digest of an org. A user's choice is an EmailSubscription row; without one the
// default applies: on for the org's ADMIN members, off for everyone else.
import type { Prisma, PrismaClient } from "./generated/prisma/client.ts";
import type { OrgRole, ReportFrequency } from "./generated/prisma/enums.ts";

type Client = PrismaClient | Prisma.TransactionClient;

export type { ReportFrequency };

export function defaultFrequency(role: OrgRole): ReportFrequency {
  return role === "ADMIN" ? "WEEKLY" : "OFF";
}

export function effectiveFrequency(role: OrgRole, chosen: ReportFrequency | null | undefined): ReportFrequency {
  return chosen ?? defaultFrequency(role);
}

export type DigestRecipient = { userId: string; email: string; name: string | null; login: string };

/** Members of the org with an email address whose effective choice is WEEKLY, by user id. */
export async function listDigestRecipients(db: Client, orgId: string): Promise<DigestRecipient[]> {
  const members = await db.membership.findMany({
    where: { orgId, user: { email: { not: null } } },
    select: {
      role: true,
      user: { select: { id: true, email: true, name: true, login: true, subscriptions: { where: { orgId }, select: { frequency: true } } } },
    },
    orderBy: { userId: "asc" },
  });
  return members
    .filter((m) => m.user.email && effectiveFrequency(m.role, m.user.subscriptions[0]?.frequency) === "WEEKLY")
    .map((m) => ({ userId: m.user.id, email: m.user.email!, name: m.user.name, login: m.user.login }));
}

/** Whether the user should (still) get the org's digest: a member, with an email, subscribed. */
export async function findDigestRecipient(db: Client, orgId: string, userId: string): Promise<DigestRecipient | null> {
  const m = await db.membership.findUnique({
    where: { userId_orgId: { userId, orgId } },
    select: {
      role: true,
      user: { select: { id: true, email: true, name: true, login: true, subscriptions: { where: { orgId }, select: { frequency: true } } } },
    },
  });
  if (!m || !m.user.email || effectiveFrequency(m.role, m.user.subscriptions[0]?.frequency) !== "WEEKLY") return null;
  return { userId: m.user.id, email: m.user.email, name: m.user.name, login: m.user.login };
}

export type OrgEmailPreference = {
  orgId: string;
  orgName: string;
  role: OrgRole;
  /** The stored choice; null = the default applies. */
  chosen: ReportFrequency | null;
  effective: ReportFrequency;
  defaultFrequency: ReportFrequency;
  unsubscribedAt: Date | null;
};

/** The user's memberships (within `orgIds` when given) with their digest choice, by org name. */
export async function listEmailPreferences(db: Client, userId: string, orgIds: "all" | string[]): Promise<OrgEmailPreference[]> {
  const rows = await db.membership.findMany({
    where: { userId, org: { deletedAt: null }, ...(orgIds === "all" ? {} : { orgId: { in: orgIds } }) },
    select: { role: true, org: { select: { id: true, name: true } } },
  });
  const subs = await db.emailSubscription.findMany({ where: { userId }, select: { orgId: true, frequency: true, unsubscribedAt: true } });
  const byOrg = new Map(subs.map((s) => [s.orgId, s]));
  return rows
    .map((r) => {
      const sub = byOrg.get(r.org.id);
      return {
        orgId: r.org.id,
        orgName: r.org.name,
        role: r.role,
        chosen: sub?.frequency ?? null,
        effective: effectiveFrequency(r.role, sub?.frequency),
        defaultFrequency: defaultFrequency(r.role),
        unsubscribedAt: sub?.unsubscribedAt ?? null,
      };
    })
    .sort((a, b) => a.orgName.localeCompare(b.orgName));
}

/** Stores a user's choice for an org (only for orgs they are a member of). False when not a member. */
export async function setEmailPreference(db: Client, userId: string, orgId: string, frequency: ReportFrequency): Promise<boolean> {
  const member = await db.membership.findUnique({ where: { userId_orgId: { userId, orgId } }, select: { id: true } });
  if (!member) return false;
  await db.emailSubscription.upsert({
    where: { userId_orgId: { userId, orgId } },
    create: { userId, orgId, frequency },
    update: { frequency, unsubscribedAt: frequency === "WEEKLY" ? null : undefined },
    select: { id: true },
  });
  return true;
}

export type UnsubscribeOutcome = "unsubscribed" | "already-unsubscribed" | "unknown";

/** One-click unsubscribe: OFF with the time, idempotent (a second use reports "already-unsubscribed"). */
export async function unsubscribeFromDigest(db: PrismaClient, userId: string, orgId: string, at = new Date()): Promise<UnsubscribeOutcome> {
  const [user, org] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { id: true } }),
    db.org.findUnique({ where: { id: orgId }, select: { id: true } }),
  ]);
  if (!user || !org) return "unknown";
  // Only a row that is not yet OFF is changed, so of two concurrent uses exactly one "unsubscribes".
  const changed = await db.emailSubscription.updateMany({
    where: { userId, orgId, frequency: { not: "OFF" } },
    data: { frequency: "OFF", unsubscribedAt: at },
  });
  if (changed.count === 1) return "unsubscribed";
  const created = await db.emailSubscription.createMany({ data: [{ userId, orgId, frequency: "OFF", unsubscribedAt: at }], skipDuplicates: true });
  return created.count === 1 ? "unsubscribed" : "already-unsubscribed";
}

/** What an unsubscribe link points at, for the confirmation page. */
export async function describeUnsubscribe(db: Client, userId: string, orgId: string) {
  const [user, org, sub] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { email: true, login: true } }),
    db.org.findUnique({ where: { id: orgId }, select: { name: true } }),
    db.emailSubscription.findUnique({ where: { userId_orgId: { userId, orgId } }, select: { frequency: true } }),
  ]);
  if (!user || !org) return null;
  return { email: user.email, login: user.login, orgName: org.name, alreadyOff: sub?.frequency === "OFF" };
}
