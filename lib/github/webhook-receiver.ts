// Receiving a GitHub webhook delivery (the route app/api/github/webhooks is a thin wrapper):
//   1. refuse (401) unless a webhook secret is configured and X-Hub-Signature-256 matches the RAW
//      body (HMAC-SHA256, constant-time compare) — checked before the body is parsed;
//   2. reduce the event to the few fields a job needs (events we do not act on → IGNORED);
//   3. record X-GitHub-Delivery and enqueue the github-webhook job in ONE transaction: a replayed
//      delivery id answers 200 {duplicate:true} and enqueues nothing; a failed enqueue leaves no
//      record, so GitHub's redelivery is processed;
//   4. answer 202 quickly (the work happens in the worker).
import { createHmac, timingSafeEqual } from "node:crypto";
import type { PgBoss } from "pg-boss";
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import { recordWebhookDelivery } from "../db/webhooks.ts";
import { enqueue } from "../queue/enqueue.ts";
import { githubWebhookSpec, type GitHubWebhookPayload } from "../jobs/specs/github-webhook.ts";

/** Largest body accepted (GitHub caps payloads at 25 MB). */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export function verifyWebhookSignature(secret: string, body: Uint8Array, header: string | null): boolean {
  if (!header || !header.startsWith("sha256=")) return false;
  const given = Buffer.from(header.slice(7), "hex");
  const expected = createHmac("sha256", secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Reduced =
  | { kind: "enqueue"; payload: GitHubWebhookPayload; action: string | null; installationId: number | null }
  | { kind: "ignore"; reason: string; action: string | null; installationId: number | null };

interface RawRepo {
  id?: number;
  name?: string;
  full_name?: string;
  default_branch?: string;
  archived?: boolean;
  fork?: boolean;
  private?: boolean;
  visibility?: string;
  html_url?: string;
  clone_url?: string;
  description?: string | null;
  owner?: { login?: string; name?: string };
}

function repoFields(r: RawRepo) {
  return {
    id: r.id!,
    name: r.name!,
    fullName: r.full_name!,
    defaultBranch: r.default_branch ?? "main",
    archived: r.archived ?? false,
    fork: r.fork ?? false,
    visibility: (r.visibility === "public" || r.visibility === "internal" ? r.visibility : r.private === false ? "public" : "private") as "public" | "private" | "internal",
    htmlUrl: r.html_url ?? null,
    cloneUrl: r.clone_url ?? null,
    description: r.description ? r.description.slice(0, 2000) : null,
    ownerLogin: r.owner?.login ?? r.owner?.name ?? r.full_name!.split("/")[0]!,
  };
}

/** The job payload for a delivery, or why it is ignored. Pure: no I/O. */
export function reduceWebhook(event: string, deliveryId: string, body: Record<string, unknown>): Reduced {
  const action = typeof body.action === "string" ? body.action : null;
  const installation = body.installation as { id?: number; account?: { login?: string; id?: number; type?: string; avatar_url?: string }; suspended_at?: string | null } | undefined;
  const installationId = typeof installation?.id === "number" ? installation.id : null;
  const ignore = (reason: string): Reduced => ({ kind: "ignore", reason, action, installationId });
  const account = installation?.account;
  const accountFields = account?.login && account.id
    ? { login: account.login, id: account.id, type: account.type ?? "Organization", avatarUrl: account.avatar_url ?? null }
    : null;

  switch (event) {
    case "installation":
      if (!installationId || !accountFields || !action) return ignore("installation event without installation account");
      return {
        kind: "enqueue",
        payload: { event, deliveryId, action, installationId, account: accountFields, suspended: Boolean(installation?.suspended_at) },
        action,
        installationId,
      };
    case "installation_repositories":
      if (!installationId || !accountFields || !action) return ignore("installation_repositories event without installation account");
      return { kind: "enqueue", payload: { event, deliveryId, action, installationId, account: accountFields }, action, installationId };
    case "repository": {
      const repo = body.repository as RawRepo | undefined;
      if (!installationId || !action || !repo?.id || !repo.full_name || !repo.name) return ignore("repository event without installation or repository");
      const handled = ["renamed", "archived", "unarchived", "transferred", "deleted", "edited", "privatized", "publicized", "created"];
      if (!handled.includes(action)) return ignore(`repository.${action} is not acted on`);
      return { kind: "enqueue", payload: { event, deliveryId, action, installationId, repository: repoFields(repo) }, action, installationId };
    }
    case "organization": {
      const org = body.organization as { login?: string; id?: number } | undefined;
      if (!installationId || !action || !org?.login || typeof org.id !== "number") return ignore("organization event without installation or organization");
      const account = { login: org.login, id: org.id };
      if (action === "renamed") {
        return { kind: "enqueue", payload: { event, deliveryId, action: "renamed", installationId, account, member: null }, action, installationId };
      }
      if (action === "member_added" || action === "member_removed") {
        const user = (body.membership as { user?: { login?: string; id?: number } | null } | undefined)?.user;
        if (!user?.login || typeof user.id !== "number") return ignore(`organization.${action} without a member`);
        return { kind: "enqueue", payload: { event, deliveryId, action: action as "member_added" | "member_removed", installationId, account, member: { login: user.login, id: user.id } }, action, installationId };
      }
      return ignore(`organization.${action} is not acted on`);
    }
    case "installation_target": {
      const target = body.account as { login?: string; id?: number } | undefined;
      if (action !== "renamed") return ignore(`installation_target.${action} is not acted on`);
      if (!installationId || !target?.login || typeof target.id !== "number") return ignore("installation_target event without installation or account");
      return { kind: "enqueue", payload: { event, deliveryId, action: "renamed", installationId, account: { login: target.login, id: target.id } }, action, installationId };
    }
    case "push": {
      const repo = body.repository as RawRepo | undefined;
      const ref = typeof body.ref === "string" ? body.ref : "";
      const after = typeof body.after === "string" ? body.after : "";
      if (!installationId || !repo?.id || !repo.full_name || !repo.name) return ignore("push without installation or repository");
      const defaultBranch = repo.default_branch ?? (repo as { master_branch?: string }).master_branch;
      if (!defaultBranch || ref !== `refs/heads/${defaultBranch}`) return ignore("push to a branch other than the default branch");
      if (body.deleted === true || /^0+$/.test(after)) return ignore("push deleted the branch");
      if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(after)) return ignore("push without a commit sha");
      return { kind: "enqueue", payload: { event, deliveryId, installationId, repository: repoFields({ ...repo, default_branch: defaultBranch }), ref, after }, action, installationId };
    }
    default:
      return ignore(`event ${event} is not acted on`);
  }
}

export interface WebhookDeps {
  db: PrismaClient;
  /** The queue, or a way to get it (only asked for once a delivery is verified). */
  boss: PgBoss | (() => Promise<PgBoss>);
  /** Null when no webhook secret is configured: every delivery is refused. */
  webhookSecret: string | null;
}

export interface WebhookOutcome {
  status: number;
  body: Record<string, unknown>;
  /** For the request log line (no payload content). */
  log: Record<string, unknown>;
}

const DUPLICATE = Symbol("duplicate delivery");

export async function receiveWebhook(req: Request, deps: WebhookDeps): Promise<WebhookOutcome> {
  const event = req.headers.get("x-github-event");
  const deliveryId = req.headers.get("x-github-delivery");
  const signature = req.headers.get("x-hub-signature-256");
  const base = { event, deliveryId };
  if (!deps.webhookSecret) return { status: 401, body: { error: "webhooks are not configured" }, log: { ...base, refused: "no secret configured" } };
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) return { status: 413, body: { error: "payload too large" }, log: { ...base, refused: "too large" } };
  const raw = new Uint8Array(await req.arrayBuffer());
  if (raw.byteLength > MAX_WEBHOOK_BYTES) return { status: 413, body: { error: "payload too large" }, log: { ...base, refused: "too large" } };
  if (!verifyWebhookSignature(deps.webhookSecret, raw, signature)) {
    return { status: 401, body: { error: "invalid signature" }, log: { ...base, refused: signature ? "signature mismatch" : "missing signature" } };
  }
  if (!event || !deliveryId || deliveryId.length > 128) {
    return { status: 400, body: { error: "missing X-GitHub-Event or X-GitHub-Delivery" }, log: { ...base, refused: "missing headers" } };
  }
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw).toString("utf8"));
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
    body = parsed as Record<string, unknown>;
  } catch {
    return { status: 400, body: { error: "body is not a JSON object" }, log: { ...base, refused: "invalid json" } };
  }

  const reduced = reduceWebhook(event, deliveryId, body);
  const record = {
    deliveryId,
    event,
    action: reduced.action,
    installationId: reduced.installationId === null ? null : BigInt(reduced.installationId),
  };
  const boss = typeof deps.boss === "function" ? await deps.boss() : deps.boss;
  try {
    const jobId = await deps.db.$transaction(async (tx) => {
      const recorded = await recordWebhookDelivery(tx, {
        ...record,
        status: reduced.kind === "ignore" ? "IGNORED" : "ENQUEUED",
        error: reduced.kind === "ignore" ? reduced.reason : null,
      });
      if (!recorded) throw DUPLICATE;
      if (reduced.kind === "ignore") return null;
      const id = await enqueue(boss, githubWebhookSpec, reduced.payload, { tx });
      await tx.webhookDelivery.update({ where: { deliveryId }, data: { jobId: id }, select: { id: true } });
      return id;
    });
    if (reduced.kind === "ignore") {
      return { status: 202, body: { ignored: true, reason: reduced.reason }, log: { ...base, action: reduced.action, ignored: reduced.reason } };
    }
    return { status: 202, body: { accepted: true, jobId }, log: { ...base, action: reduced.action, jobId } };
  } catch (err) {
    if (err === DUPLICATE) return { status: 200, body: { duplicate: true }, log: { ...base, duplicate: true } };
    throw err;
  }
}
