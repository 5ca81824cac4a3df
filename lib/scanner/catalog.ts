// Scanner / rule-set versions and catalog metadata for docs and the dashboard.
import { createHash } from "node:crypto";
import type { RuleMeta } from "./types.ts";
import { RULES } from "./rules/registry.ts";

/** Version of the scanner engine (snapshot, classification, scoring, report format). 0.2.0: classification v6 (README quick-start signals). 0.3.0: classification v7 (a workspace root image that runs a unit's binary; Elixir Mix units and umbrellas), the Elixir ecosystem. 0.3.1: a compose service that names its published image and can also build it is a self-hosting stack, not a dev setup. 0.3.2: classification v8 (a `.wsgi` application script says the package is served; chat-bot frameworks are workers; unit-test roots `unittests/`). 0.4.0: the sbt ecosystem and Scala (build.sbt/project/*.sbt manifests, Scala sources tokenized), classification v8 (build.sbt units, the sbt meta-build is not a unit, a JVM main class starting Jetty/Undertow/embedded Tomcat is a server entrypoint, a published sbt library). 0.5.0: classification v9 (a crate links the Cargo workspace members it depends on as internal libraries, so the rules of III–XII see their files; a unit's image may be built from docker/Dockerfile; a goreleaser config that builds container images or packages a systemd unit is not a CLI signal; Go `package main` files under .github/ are repository tooling). 0.5.1: a lowercase `dockerfile` is a Dockerfile (Docker's builder falls back to it when a context has none named `Dockerfile`): snapshot.dockerfiles() lists it and unit classification reads it (hortusfox-web was a library without it); classification v10: npm init's default `"main": "index.js"` naming a missing file, with no other module API, is no library evidence. */
export const SCANNER_VERSION = "0.5.1";
/** Version of the scoring model (RULES.md §4). */
export const SCORING_VERSION = 15;

/**
 * Rule-set version: "<count>.<hash>" over sorted rule ids and versions, so any added/removed rule
 * or behaviour change (version bump) changes it and explains score changes between scans.
 */
export const RULES_VERSION = (() => {
  const h = createHash("sha256");
  for (const r of [...RULES].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) h.update(`${r.meta.id}@${r.meta.version};`);
  return `${RULES.length}.${h.digest("hex").slice(0, 12)}`;
})();

export type RuleCatalogEntry = Omit<RuleMeta, never>;

/** Rule catalog metadata (ids, factor, severity, docs …) for documentation and the dashboard. */
export function listRules(): RuleCatalogEntry[] {
  return RULES.map((r) => JSON.parse(JSON.stringify(r.meta)) as RuleMeta);
}
