import { defineRule } from "./define-rule.ts";
import { imageFamily, usedFamilies, type ServiceFamily } from "../detectors/backing-services.ts";
import { categoryOf, serviceInventory } from "../detectors/service-inventory.ts";
import { shipsEmbeddedDatabase } from "../detectors/embedded-default.ts";

const ENV_FILE_RE = /(^|\/)(\.devcontainer\/devcontainer\.json|\.devcontainer\.json|Tiltfile|skaffold\.ya?ml|devbox\.json|flake\.nix|shell\.nix|Vagrantfile|devenv\.nix|\.gitpod\.yml)$/;
/** v4: a committed env template naming a backing-service locator: how development attaches the service is documented. */
const ENV_TEMPLATE_RE = /(^|\/)\.env(\.(example|sample|template|dist|local|development|dev))?$/;
const LOCAL_HOST_RE = /(@|\/\/|^)(localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)([:/]|$)/i;
const LOCATOR_KEY_RE = /(DATABASE|DB|POSTGRES|PG|MYSQL|MARIADB|MONGO|REDIS|KV|CACHE|BROKER|AMQP|RABBIT|KAFKA|ELASTIC)[A-Z0-9_]*(URL|URI|DSN|HOST)$/;
const PIN_RE = /(^|\/)(\.nvmrc|\.node-version|\.python-version|\.ruby-version|\.tool-versions|\.mise\.toml|mise\.toml|global\.json|\.java-version|\.sdkmanrc|rust-toolchain(\.toml)?|go\.mod)$/;

export default defineRule({
  meta: {
    id: "F10-LOCAL-ENV-AS-CODE",
    version: 5,
    factor: "F10",
    kind: "evidence",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker"],
    technique: ["FILE", "PARSE"],
    title: "Reproducible local environment close to production",
    rationale:
      "Declarative local environments (compose, devcontainers, Nix/devbox) let every developer start the same backing services and runtime as production with one command, which is what keeps the tools gap small. Without them each laptop improvises, usually with lighter substitutes.",
    remediation: "Provide a compose/devcontainer setup that starts the same backing services as production with one command, and pin the runtime version (.nvmrc, .python-version, .tool-versions).",
    docs: {
      bad: [{ file: "README.md", code: "Install Postgres 16 and Redis locally, then run npm start." }],
      good: [{ file: "docker-compose.yml", code: "services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7" }, { file: ".nvmrc", code: "22" }],
    },
    sources: [
      { title: "12factor.net — Dev/prod parity", url: "https://12factor.net/dev-prod-parity" },
      { title: "Development Containers specification", url: "https://containers.dev/implementors/spec/" },
    ],
    deviations:
      "The services a local environment must start are those the code uses (runtime drivers, Prisma datasource; SQLite excluded) plus, in single-unit repos, those production manifests describe (in a monorepo a shared datastore belongs to the unit whose code uses it). Score: every needed family started locally and a runtime pin (or a devcontainer/Nix/devbox that pins it) → 1.0; all services but no runtime pin → 0.9 (v4; was 0.75); some services, or an environment file that starts none of the needed ones → 0.5; nothing → 0 with low confidence. A unit that needs no backing service scores 1.0 with a runtime pin or environment file. Nix/devbox/Tilt/Skaffold contents are not parsed: they count as present, not as starting specific services. A compose image written as a variable with a default (`${POSTGRES_IMAGE:-postgres:18}`) is classified by its default, which is what the stack runs when nothing overrides it; a bare variable is not classified. Runtime pins also include package.json's `volta.node`, npm `devEngines.runtime` (node, exact version) and an exact `node` devDependency (the npm `node` package supplies the Node binary npm scripts run with) — F10-RUNTIME-VERSION-DRIFT already reads volta.node as a pin. v3 (accuracy bench session 4e: spring-boot-realworld-example-app X, an app whose only datastore is SQLite needs no local services): the language version declared in the build file is a runtime pin — Gradle `sourceCompatibility`/toolchain `languageVersion`, Maven `java.version`/`maven.compiler.release`, a Gemfile `ruby \"x.y\"` line. v4 (accuracy bench sessions 5c2/5z/6z: Suwayomi-Server, opengist, wiki, redash human X pass / scanner partial — optional database drivers counted as needed; old: nestjs-realworld-example-app, node-express-realworld-example-app human partial — no local backing service at all): networked databases are not needed when the code also ships an embedded one (SQLite driver, H2/HSQLDB/Derby dependency, or a configuration default selecting SQLite) or when the local environment already starts another networked database (multi-engine apps); a unit whose code needs a networked service that nothing in the repository starts locally scores 0 at medium confidence (observed), no longer as low-confidence absence, unless a committed env template (.env.example …) names a locator for it that is empty or remote (papermark: hosted services configured by .env, human pass; a `localhost` locator — nestjs-realworld prisma/.env — is a server each developer installs by hand, human partial); every needed service started without a runtime pin scores 0.9 instead of 0.75 (LinkAce, fastapi-realworld, node-express-boilerplate, spring-petclinic-rest, docmost, kutt: human X pass — the services, not the interpreter pin, make the tools gap; F10-RUNTIME-VERSION-DRIFT judges declared runtime versions). v5 (session 12, sbt support; accuracy bench session12b: gitbucket X, human pass): build.sbt's `scalaVersion := \"…\"` or a JVM release/target in its compiler options declares the language version like Gradle's sourceCompatibility and Maven's java.version.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source", "dev"] });
    const envFiles = files.filter((f) => ENV_FILE_RE.test(f.path));
    const pins = files.filter((f) => PIN_RE.test(f.path));
    const composeFiles = ctx.snapshot.composeFiles().filter((c) => files.some((f) => f.path === c.path));
    const local = new Map<ServiceFamily, string>();
    for (const cf of composeFiles) for (const s of cf.services) {
      const fam = s.image ? imageFamily(s.image) : null;
      if (fam && !local.has(fam)) local.set(fam, `${cf.path}: ${s.name} (${s.image})`);
    }
    const need = new Set<ServiceFamily>(usedFamilies(ctx.snapshot, ctx.unit).map((u) => u.family).filter((f) => f !== "sqlite"));
    // production manifests add services only in single-unit repos: in a monorepo a shared redis belongs to the unit whose code uses it
    if (ctx.units.length <= 1) for (const e of serviceInventory(ctx.snapshot, files)) if (e.env === "prod" && e.family !== "h2" && e.family !== "in-memory" && e.family !== "sqlite") need.add(e.family);
    for (const f of envFiles) ctx.evidence({ path: f.path, note: `local environment definition ${f.path}` });
    for (const cf of composeFiles) ctx.evidence({ path: cf.path, note: `compose file ${cf.path}` });
    for (const p of pins) ctx.evidence({ path: p.path, note: `runtime pin ${p.path}` });
    // package.json pins of the Node binary itself: Volta's `volta.node`, npm's `devEngines.runtime`,
    // or an exact `node` devDependency (the npm `node` package puts that Node first on npm scripts' PATH).
    const pjPath = (ctx.unit.path === "." ? "" : ctx.unit.path + "/") + "package.json";
    const pj = files.some((f) => f.path === pjPath) ? ctx.snapshot.packageJson(pjPath) : undefined;
    const pjRaw = (pj ?? {}) as { volta?: { node?: unknown }; devEngines?: { runtime?: unknown }; devDependencies?: Record<string, string> };
    const devRuntime = [pjRaw.devEngines?.runtime].flat().find((r) => (r as { name?: unknown } | undefined)?.name === "node") as { version?: unknown } | undefined;
    const pjPin =
      typeof pjRaw.volta?.node === "string" ? `volta.node ${pjRaw.volta.node}`
      : typeof devRuntime?.version === "string" && /^\d+(\.\d+){0,2}$/.test(devRuntime.version) ? `devEngines.runtime node ${devRuntime.version}`
      : /^\d+\.\d+\.\d+$/.test(pjRaw.devDependencies?.node ?? "") ? `devDependency node@${pjRaw.devDependencies!.node}`
      : null;
    if (pjPin) ctx.evidence({ path: pjPath, line: ctx.snapshot.findLine(pjPath, /"(volta|devEngines|node)"\s*:/), note: `runtime pin in package.json: ${pjPin}` });
    // v3: the language version declared in the build file pins the runtime too: Gradle sourceCompatibility /
    // toolchain languageVersion, Maven java.version / maven.compiler.release, a Gemfile `ruby "x.y"` line
    const buildPin = files.find((f) => {
      const n = f.path.split("/").pop() ?? "";
      if (!/^(build\.gradle(\.kts)?|pom\.xml|Gemfile|build\.sbt)$/.test(n)) return false;
      const t = ctx.snapshot.text(f.path) ?? "";
      return n === "Gemfile" ? /^\s*ruby\s+['"]\d/m.test(t)
        : n === "pom.xml" ? /<(java\.version|maven\.compiler\.(release|source))>\s*\d+/.test(t)
        // v5 (session 12, sbt support): build.sbt's `scalaVersion := "2.13.x"` (the Scala compiler and library the build
        // resolves; project/build.properties pins sbt itself) or a JVM release/target in scalacOptions/javacOptions
        : n === "build.sbt" ? /\bscalaVersion\s*:=\s*"\d|"-release:?\d|"-release"\s*,\s*"\d|"-target"\s*,\s*"\d/.test(t)
        : /\bsourceCompatibility\s*=\s*(['"]?\d|JavaVersion\.VERSION_\d)|languageVersion(\.set)?\s*[(=]\s*JavaLanguageVersion\.of\(\s*\d/.test(t);
    });
    if (buildPin) ctx.evidence({ path: buildPin.path, note: `runtime version declared in ${buildPin.path}` });
    // v4: a database the app can run without. When the code also ships an embedded database (SQLite/H2 driver, or a
    // configuration default selecting one) the networked engines are opt-in alternatives: development on the
    // embedded default is the default stack, not a missing service (F10-BACKING-SERVICE-TYPE-DRIFT judges an
    // embedded dev default against a networked production). When the local environment starts one networked
    // database of a multi-engine app, the other engines are alternatives too (wiki: Postgres locally, MySQL/MSSQL
    // supported; redash: MSSQL is a query-runner data source).
    const embeddedAlt = shipsEmbeddedDatabase(ctx.snapshot, ctx.unit, ctx.files({ roles: ["source"] }));
    const localDb = [...local.keys()].some((f) => categoryOf(f) === "database" && f !== "sqlite");
    if (embeddedAlt || localDb) for (const f of [...need]) if (categoryOf(f) === "database" && !local.has(f)) need.delete(f);
    const hasEnv = envFiles.length > 0 || composeFiles.length > 0;
    const pinned = pins.length > 0 || !!pjPin || !!buildPin || envFiles.some((f) => /devcontainer|flake\.nix|shell\.nix|devbox|devenv/.test(f.path));
    if (!need.size) {
      if (hasEnv || pinned) return ctx.score(1, { reason: "no backing service needed; runtime/environment declared" });
      return ctx.score(0, { absence: true, reason: "no runtime pin or local environment definition" });
    }
    // v4: the code needs a networked service and nothing in the repository starts one locally: observed (medium), not
    // a mere absence — each developer has to provide the service by hand, usually a different version or a substitute
    if (!hasEnv) {
      // an env template naming the service's locator documents how development attaches it (a local install or a
      // hosted instance of the same kind): not observed missing, a low-confidence absence as before
      // (a locator left empty or pointing at a remote host; `localhost` means a server each developer installs by hand)
      const template = files.find((f) => ENV_TEMPLATE_RE.test(f.path) && (ctx.snapshot.dotenv(f.path) ?? []).some((e) => LOCATOR_KEY_RE.test(e.key) && !LOCAL_HOST_RE.test(e.value)));
      if (template) return ctx.score(0, { absence: true, reason: `no compose/devcontainer starts ${[...need].join(", ")} (${template.path} names the locator)` });
      return ctx.score(0, { confidence: "medium", reason: `the code needs ${[...need].join(", ")} but no compose/devcontainer starts it, and no env template names its locator` });
    }
    const missing = [...need].filter((f) => !local.has(f));
    if (!missing.length) return ctx.score(pinned ? 1 : 0.9, { reason: pinned ? `local environment starts ${[...need].join(", ")}` : `local environment starts ${[...need].join(", ")} but the runtime version is not pinned` });
    return ctx.score(0.5, { reason: `local environment does not start ${missing.join(", ")}` });
  },
});
