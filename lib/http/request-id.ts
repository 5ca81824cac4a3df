// The id of one HTTP request: the caller's `x-request-id` when it is short and plain (it ends up in logs
// and headers), else a fresh UUID. Used by every API route (app/api/_lib/api-route.ts) and by the
// response cache for the answers it replays (lib/http/web-front.ts).
import { randomUUID } from "node:crypto";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
