import { defineRule } from "./define-rule.ts";
import { imageFamily, usedFamilies, type ServiceFamily } from "../detectors/backing-services.ts";
import { serviceInventory } from "../detectors/service-inventory.ts";

const ENV_FILE_RE = /(^|\/)(\.devcontainer\/devcontainer\.json|\.devcontainer\.json|Tiltfile|skaffold\.ya?ml|devbox\.json|flake\.nix|shell\.nix|Vagrantfile|devenv\.nix|\.gitpod\.yml)$/;
const PIN_RE = /(^|\/)(\.nvmrc|\.node-version|\.python-version|\.ruby-version|\.tool-versions|\.mise\.toml|mise\.toml|global\.json|\.java-version|\.sdkmanrc|rust-toolchain(\.toml)?|go\.mod)$/;

export default defineRule({
  meta: {
    id: "F10-LOCAL-ENV-AS-CODE",
    version: 3,
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
      "The services a local environment must start are those the code uses (runtime drivers, Prisma datasource; SQLite excluded) plus, in single-unit repos, those production manifests describe (in a monorepo a shared datastore belongs to the unit whose code uses it). Score: every needed family started locally and a runtime pin (or a devcontainer/Nix/devbox that pins it) → 1.0; all services but no runtime pin → 0.75; some services, or an environment file that starts none of the needed ones → 0.5; nothing → 0 with low confidence. A unit that needs no backing service scores 1.0 with a runtime pin or environment file. Nix/devbox/Tilt/Skaffold contents are not parsed: they count as present, not as starting specific services. A compose image written as a variable with a default (`${POSTGRES_IMAGE:-postgres:18}`) is classified by its default, which is what the stack runs when nothing overrides it; a bare variable is not classified. Runtime pins also include package.json's `volta.node`, npm `devEngines.runtime` (node, exact version) and an exact `node` devDependency (the npm `node` package supplies the Node binary npm scripts run with) — F10-RUNTIME-VERSION-DRIFT already reads volta.node as a pin. v3 (accuracy bench session 4e: spring-boot-realworld-example-app X, an app whose only datastore is SQLite needs no local services): the language version declared in the build file is a runtime pin — Gradle `sourceCompatibility`/toolchain `languageVersion`, Maven `java.version`/`maven.compiler.release`, a Gemfile `ruby \"x.y\"` line.",
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
      if (!/^(build\.gradle(\.kts)?|pom\.xml|Gemfile)$/.test(n)) return false;
      const t = ctx.snapshot.text(f.path) ?? "";
      return n === "Gemfile" ? /^\s*ruby\s+['"]\d/m.test(t)
        : n === "pom.xml" ? /<(java\.version|maven\.compiler\.(release|source))>\s*\d+/.test(t)
        : /\bsourceCompatibility\s*=\s*(['"]?\d|JavaVersion\.VERSION_\d)|languageVersion(\.set)?\s*[(=]\s*JavaLanguageVersion\.of\(\s*\d/.test(t);
    });
    if (buildPin) ctx.evidence({ path: buildPin.path, note: `runtime version declared in ${buildPin.path}` });
    const hasEnv = envFiles.length > 0 || composeFiles.length > 0;
    const pinned = pins.length > 0 || !!pjPin || !!buildPin || envFiles.some((f) => /devcontainer|flake\.nix|shell\.nix|devbox|devenv/.test(f.path));
    if (!need.size) {
      if (hasEnv || pinned) return ctx.score(1, { reason: "no backing service needed; runtime/environment declared" });
      return ctx.score(0, { absence: true, reason: "no runtime pin or local environment definition" });
    }
    if (!hasEnv) return ctx.score(0, { absence: true, reason: `no compose/devcontainer starts ${[...need].join(", ")}` });
    const missing = [...need].filter((f) => !local.has(f));
    if (!missing.length) return ctx.score(pinned ? 1 : 0.75, { reason: pinned ? `local environment starts ${[...need].join(", ")}` : `local environment starts ${[...need].join(", ")} but the runtime version is not pinned` });
    return ctx.score(0.5, { reason: `local environment does not start ${missing.join(", ")}` });
  },
});
