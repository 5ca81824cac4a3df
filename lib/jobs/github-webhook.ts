// github-webhook: applies one verified GitHub delivery (already reduced by the route to the fields
// below) to the database, and queues the follow-up work:
//   installation created/new_permissions_accepted/unsuspend → org recorded + sync queued
//   installation deleted → org marked deleted; suspend → org marked suspended
//   installation_repositories added/removed → sync of the org queued (it adds and removes rows)
//   repository renamed/edited/archived/unarchived/privatized/publicized → row updated;
//     deleted/transferred away → row marked removed; created → sync queued
//   push to the default branch → Repository.headSha updated + a PUSH scan of that repository only
//   organization renamed / installation_target renamed → Org.login (and name, when it was the login)
//     follow the new login, and the org's sync is queued (repository full names, clone URLs);
//     organization member_removed → that user's membership of the org deleted at once;
//     member_added → that user's memberships re-read from GitHub at their next request
// Idempotent: replaying a delivery ends in the same state (scans are de-duplicated per repository).
import { findInstallationRepository, findOrgByInstallation, markInstallationDeleted, markMembershipsStale, removeMemberFromInstallationOrg, renameInstallationOrg, markRepositoryRemoved, setInstallationSuspended, setRepositoryHead, updateRepositoryFromWebhook, upsertInstallationOrg } from "../db/github.ts";
import { markWebhookDelivery } from "../db/webhooks.ts";
import { implementJob, type JobContext } from "../queue/define-job.ts";
import { enqueue } from "../queue/enqueue.ts";
import { enqueueScan } from "./enqueue-scan.ts";
import { githubWebhookSpec, type GitHubWebhookPayload } from "./specs/github-webhook.ts";
import { syncSourceSpec } from "./specs/sync-source.ts";

export const githubWebhook = implementJob(githubWebhookSpec, handleGitHubWebhook);

type Outcome = { outcome: string; [k: string]: unknown };

async function handleGitHubWebhook(payload: GitHubWebhookPayload, ctx: JobContext): Promise<Outcome> {
  const log = ctx.log.child({ event: payload.event, deliveryId: payload.deliveryId, installationId: payload.installationId });
  const result = await apply(payload, ctx);
  if (result.outcome === "ignored") {
    await markWebhookDelivery(ctx.db, payload.deliveryId, { status: "IGNORED", error: String(result.reason ?? "") }).catch(() => undefined);
  }
  log.info(result, "webhook applied");
  return result;
}

async function queueSync(ctx: JobContext, orgId: string): Promise<boolean> {
  return (await enqueue(ctx.boss, syncSourceSpec, { orgId })) !== null;
}

async function apply(p: GitHubWebhookPayload, ctx: JobContext): Promise<Outcome> {
  const { db } = ctx;
  const installationId = BigInt(p.installationId);
  switch (p.event) {
    case "installation": {
      if (p.action === "deleted") {
        return { outcome: "org deleted", changed: await markInstallationDeleted(db, installationId) };
      }
      if (p.action === "suspend") {
        return { outcome: "org suspended", changed: await setInstallationSuspended(db, installationId, true) };
      }
      if (["created", "unsuspend", "new_permissions_accepted"].includes(p.action)) {
        const org = await upsertInstallationOrg(db, {
          installationId,
          accountId: BigInt(p.account.id),
          login: p.account.login,
          avatarUrl: p.account.avatarUrl,
          accountType: p.account.type,
          suspended: p.action === "unsuspend" ? false : p.suspended,
        });
        return { outcome: "org recorded", orgId: org.id, syncQueued: await queueSync(ctx, org.id) };
      }
      return { outcome: "ignored", reason: `installation.${p.action}` };
    }
    case "installation_repositories": {
      let org = await findOrgByInstallation(db, installationId);
      if (!org) {
        org = await upsertInstallationOrg(db, {
          installationId,
          accountId: BigInt(p.account.id),
          login: p.account.login,
          avatarUrl: p.account.avatarUrl,
          accountType: p.account.type,
          suspended: false,
        });
      }
      if (org.deletedAt || org.suspendedAt) return { outcome: "ignored", reason: "organization deleted or suspended" };
      return { outcome: "sync queued", orgId: org.id, syncQueued: await queueSync(ctx, org.id) };
    }
    case "repository": {
      const org = await findOrgByInstallation(db, installationId);
      if (!org || org.deletedAt) return { outcome: "ignored", reason: "installation has no organization" };
      const repo = await findInstallationRepository(db, org.id, p.repository.id);
      const movedAway = p.action === "transferred" && p.repository.ownerLogin.toLowerCase() !== org.login.toLowerCase();
      if (p.action === "deleted" || movedAway) {
        if (repo && !repo.removedAt) await markRepositoryRemoved(db, repo.id);
        return { outcome: "repository removed", repositoryId: repo?.id ?? null };
      }
      if (!repo || p.action === "created" || p.action === "transferred") {
        return { outcome: "sync queued", orgId: org.id, syncQueued: await queueSync(ctx, org.id) };
      }
      await updateRepositoryFromWebhook(db, repo.id, {
        name: p.repository.name,
        fullName: p.repository.fullName,
        defaultBranch: p.repository.defaultBranch,
        archived: p.repository.archived,
        fork: p.repository.fork,
        visibility: p.repository.visibility,
        htmlUrl: p.repository.htmlUrl,
        cloneUrl: p.repository.cloneUrl,
        description: p.repository.description,
      });
      // A new default branch (or an unarchived repository) may need a scan: the org sync finds out.
      const needsSync = (p.action === "edited" && repo.defaultBranch !== p.repository.defaultBranch) || p.action === "unarchived";
      return { outcome: "repository updated", repositoryId: repo.id, syncQueued: needsSync ? await queueSync(ctx, org.id) : false };
    }
    case "installation_target":
    case "organization": {
      if (p.event === "organization" && p.action !== "renamed") {
        const org = await findOrgByInstallation(db, installationId);
        if (!org) return { outcome: "ignored", reason: "installation has no organization" };
        const member = BigInt(p.member!.id);
        if (p.action === "member_removed") {
          return { outcome: "member removed", orgId: org.id, changed: await removeMemberFromInstallationOrg(db, org.id, member) };
        }
        return { outcome: "memberships marked stale", orgId: org.id, changed: await markMembershipsStale(db, member) };
      }
      const org = await renameInstallationOrg(db, installationId, { login: p.account.login, id: BigInt(p.account.id) });
      if (!org) return { outcome: "ignored", reason: "installation has no organization for that account" };
      // Repository full names and clone URLs carry the login too: the org's sync rewrites them.
      const syncQueued = !org.deletedAt && !org.suspendedAt ? await queueSync(ctx, org.id) : false;
      return { outcome: "org renamed", orgId: org.id, login: org.login, syncQueued };
    }
    case "push": {
      const org = await findOrgByInstallation(db, installationId);
      if (!org || org.deletedAt || org.suspendedAt) return { outcome: "ignored", reason: "installation has no active organization" };
      if (p.ref !== `refs/heads/${p.repository.defaultBranch}`) return { outcome: "ignored", reason: "not the default branch" };
      const repo = await findInstallationRepository(db, org.id, p.repository.id);
      if (!repo) return { outcome: "sync queued", orgId: org.id, syncQueued: await queueSync(ctx, org.id) };
      await setRepositoryHead(db, repo.id, p.after);
      const queued = await enqueueScan(db, ctx.boss, { repositoryId: repo.id, trigger: "PUSH" });
      return { outcome: "scan queued", repositoryId: repo.id, scanId: queued?.scanId ?? null, alreadyQueued: queued === null };
    }
  }
}
