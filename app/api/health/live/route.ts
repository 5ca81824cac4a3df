import { apiRoute, noStoreJson } from "@/app/api/_lib/api-route";

export const dynamic = "force-dynamic";

/** Liveness: 200 whenever the process can serve a request. Checks nothing else on purpose. */
export const GET = apiRoute<Record<string, never>>(async () => noStoreJson({ status: "ok" }));
