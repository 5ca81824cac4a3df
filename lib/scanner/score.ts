// Scoring (RULES.md §4), kept apart from detection: rule results → factor scores (caps, na,
// insufficient evidence, confidence) → unit overall + grade with gates G1–G3 → repository
// aggregation (monorepos: sqrt(LOC)-weighted mean of units, G1 across units).
import type {
  Confidence, FactorCode, FactorReport, FactorStatus, Finding, Grade, Notice, RuleResult, Unit, UnitReport,
} from "./types.ts";
import { FACTORS } from "./types.ts";
import type { ScannerConfig } from "./config.ts";
import { CONFIDENCE_MULT } from "./run-rules.ts";
import { displayedScore, gradeOf, statusOf } from "../grade.ts";

export const KAPPA: Record<Confidence, number> = { high: 1, medium: 0.85, low: 0.6 };

/**
 * Rule-specific caps (RULES.md §4.3): applied when the rule has an open finding with confidence ≥ medium
 * and at least `minSeverity`. F07-HARDCODED-LISTEN-PORT at medium means the platform injects $PORT and
 * the app ignores it: the service receives no traffic there, so the factor cannot be better than fail.
 */
const RULE_CAPS: Record<string, { cap: number; minSeverity: "critical" | "high" | "medium" | "low"; /** only high-confidence findings with this data flag */ dataFlag?: string; /** only high-confidence findings */ highConfidence?: boolean }> = {
  "F02-MANIFEST-MISSING": { cap: 20, minSeverity: "high" },
  "F07-HARDCODED-LISTEN-PORT": { cap: 45, minSeverity: "medium" },
  // a backing service pinned to a remote host literal: the app cannot be re-attached without a code change (scoring v17: a
  // local or compose-service default below high severity is advisory, see MATERIAL_WHEN)
  "F04-HARDCODED-RESOURCE-LOCATOR": { cap: 45, minSeverity: "high" },
  // the production datastore itself is an embedded file/in-memory store (Rails production sqlite, H2 as the
  // only JDBC database): nothing to attach, so the factor cannot be better than fail
  "F04-EMBEDDED-BACKING-SERVICE": { cap: 45, minSeverity: "medium", dataFlag: "productionDatastore" },
  // a framework signing key that is a literal, or falls back to one when the variable is unset: every
  // deploy without the variable signs with a publicly known key — at most partial (accuracy bench: microblog
  // and podinfo III were human partial / scanner pass with the medium finding weighing 0.25 of one rule)
  "F03-FRAMEWORK-SECRET-LITERAL": { cap: 75, minSeverity: "medium" },
  // install/compile/migration work in the start command: the run stage is not "start the release" — at
  // most partial
  "F05-RUNTIME-BUILD-STEP": { cap: 75, minSeverity: "medium" },
  // request data persisted on the instance's local disk (uploads, handler file writes): the next request may
  // land on another instance and a reschedule loses it — at most partial (accuracy bench: podinfo /store)
  "F06-LOCAL-FS-PERSISTENCE": { cap: 75, minSeverity: "low" },
  // scoring v9 (session 8): a socket.io server with its default in-memory adapter (F06-PROCESS-LOCAL-STATE `inMemoryAdapter`): room
  // membership and broadcasts live in one process, so not every process can serve every client — at most partial
  // (accuracy bench session7a: excalidraw-room VI human partial / scanner pass)
  "F06-PROCESS-LOCAL-STATE": { cap: 75, minSeverity: "medium", dataFlag: "inMemoryAdapter" },
  // scoring v5: server-side sessions kept in process memory or on the instance's local files (express-session
  // MemoryStore, Laravel SESSION_DRIVER=file): the next request may land on another instance — at most partial
  // (accuracy bench session 4b: cachet)
  "F06-IN-MEMORY-SESSION-STORE": { cap: 75, minSeverity: "medium" },
  // scoring v5: unpinned packages installed by name into the runtime image outside the manifest (medium:
  // final stage or a referenced script) — the dependency declaration is incomplete and inexact → at most
  // partial (accuracy bench: microblog II, umami II)
  "F02-ADHOC-PACKAGE-INSTALL": { cap: 75, minSeverity: "medium" },
  // scoring v10: a JS package manager's non-frozen install (`npm install`, plain `yarn`, `pnpm install` outside CI) in a
  // production image whose final stage runs on a JS runtime (F02-NON-FROZEN-INSTALL `runtimeModules`): the node_modules
  // the process loads may be resolved anew at every build, so the declaration is not exact — at most partial (accuracy
  // bench: ghostfolio, Flowise, etherpad-lite, excalidraw-room, wg-easy II human partial / scanner pass; an asset-only
  // `npm install` for a PHP/Python image — LinkAce, full-stack-fastapi-template — and bundler/dotnet/uv installs, which
  // the humans judged pass, do not cap)
  "F02-NON-FROZEN-INSTALL": { cap: 75, minSeverity: "medium", dataFlag: "runtimeModules" },
  // scoring v5: the app workload itself mounts a writable persistent volume / host data directory: state lives
  // on one instance's disk — at most partial (accuracy bench session 4c: uptime-kuma, maybe)
  "F06-APP-PERSISTENT-VOLUME": { cap: 75, minSeverity: "medium" },
  // scoring v14 (session 13): the app's runtime code wires an embedded file datastore (F06-EMBEDDED-DATASTORE: SQLite,
  // BoltDB, LiteDB, Hiqlite …): a deployment that uses it keeps its data on one instance's disk — at most partial
  // (accuracy bench: 19 of 25 repositories with an embedded driver and no VI finding were human VI partial or fail)
  "F06-EMBEDDED-DATASTORE": { cap: 75, minSeverity: "medium" },
  // scoring v5: recurring jobs scheduled inside the web process run once per replica — the process cannot be
  // scaled out as is (accuracy bench session 4c: uptime-kuma VIII)
  "F08-IN-PROCESS-SCHEDULER": { cap: 75, minSeverity: "medium" },
  // scoring v8: the app container itself starts several long-running processes (supervisord with its programs in
  // the repo, `concurrently`, several backgrounded commands, a Procfile runner): they cannot be scaled or restarted
  // independently — at most partial. High confidence only: a supervisord whose config is not in the repo may run
  // several workers of one process type (accuracy bench: linkwarden web+worker under concurrently and recipes
  // nginx+gunicorn were human partial; redash's supervisord worker.conf, medium confidence, human pass)
  "F08-MULTI-PROCESS-CONTAINER": { cap: 75, minSeverity: "medium", highConfidence: true },
  // scoring v5: the app ships its logs to an external destination itself (syslog, SMTP, a log service SDK) —
  // routing is the platform's job — at most partial (accuracy bench session 4e: flasky XI)
  "F11-IN-APP-LOG-SHIPPING": { cap: 75, minSeverity: "medium" },
  // a service with config sinks and not a single environment read: config is not in the environment at all
  "F03-ENV-CONFIG-READ": { cap: 45, minSeverity: "high", dataFlag: "noEnvReads" },
  // session 8: the app builds its mail transport / S3 client / OAuth or LDAP client from values no environment
  // variable of the repository names (settings table edited in an admin page or setup wizard, a file on the instance):
  // part of the deploy's config is outside the environment — at most partial (accuracy bench session 8: pingvin-share,
  // wiki, uptime-kuma, lobsters III human partial / scanner pass; the rule fired on no human-pass repository)
  "F03-INTEGRATION-CONFIG-OUTSIDE-ENV": { cap: 75, minSeverity: "medium" },
  // session 8: the app's settings are read from a config file on the instance (config.js in the app's home, an XML
  // properties file) and the environment sets at most one of them: config is kept out of the code but not in the
  // environment — at most partial (accuracy bench: thelounge, traccar III human partial / scanner pass)
  "F03-CONFIG-FILE-PRIMARY": { cap: 75, minSeverity: "medium" },
  // session 8: the process aborts when its .env file is missing — it cannot be configured by the environment alone;
  // every deploy needs the file (accuracy bench: go-clean-arch III human partial / scanner pass)
  "F03-ENV-FILE-REQUIRED": { cap: 75, minSeverity: "medium" },
  // scoring v4: the backing-service locator lives in a gitignored per-deploy config file (TypeORM
  // ormconfig.json with only the template committed): config, but not in the environment — at most partial
  "F04-LOCATOR-FROM-CONFIG": { cap: 75, minSeverity: "medium", dataFlag: "uncommittedConfigFile" },
};
/**
 * Evidence rules whose low score alone caps their factor (scoring v5). F05-BUILD-PIPELINE-DEFINED ≤ 0.5 with
 * a CI pipeline present: CI runs (tests) but no job and no platform builds a deployable artifact — the repository
 * has no release stage, so V is at most partial however clean its Dockerfile is. Not applied when no CI exists at
 * all (absence: the build may run in an external system) (accuracy bench session 4:
 * node-express-boilerplate, go-clean-arch; the humans' "no release artifact" partials on golang-gin, rails).
 */
const EVIDENCE_CAPS: Record<string, { maxScore: number; cap: number; /** only when scored at medium confidence or above */ observed?: boolean }> = {
  "F05-BUILD-PIPELINE-DEFINED": { maxScore: 0.5, cap: 75 },
  // scoring v8: no embedded HTTP server and an observed injection signal (PHP-FPM / Apache mod_php image, WAR
  // packaging, a PHP framework; medium confidence): the app does not bind a port itself, it is served by a
  // container injected into the runtime — the main production path violates VII → fail. Human VII verdict in
  // every such repo of the accuracy bench: fail (cachet, wallabag, laravel-realworld, BookStack, LinkAce); the
  // low-confidence absence ("nothing found either way": wger, changedetection.io pass) does not cap.
  "F07-EMBEDDED-SERVER-DEPENDENCY": { maxScore: 0, cap: 45, observed: true },
  // scoring v9: the app's shutdown was read and it does not drain on SIGTERM (medium/high confidence: a Node/Go
  // service with no handler, a handler that exits without stopping the server, SIGINT only, an old Spring Boot
  // without graceful shutdown) — in-flight work is cut on every deploy, so IX is at most partial whatever the
  // probes and entrypoint look like. Human IX verdict in every such repo of the accuracy bench is partial (or fail),
  // never pass once the detection gaps in F09-SIGTERM-HANDLING v7 were fixed (writefreely: the handler closes the DB
  // and exits, human partial / scanner pass; linkwarden's worker unit handles SIGINT only). Absence at low confidence
  // (no runtime knowledge) does not cap.
  "F09-SIGTERM-HANDLING": { maxScore: 0.5, cap: 75, observed: true },
};
/**
 * Further caps keyed by a finding's data flag (high-confidence findings at or above `minSeverity`), for rules that
 * already have a RULE_CAPS entry. Scoring v9: F03-FRAMEWORK-SECRET-LITERAL `literalInCode` — the signing key is a
 * literal in the source code itself (a Java/Go/C# constant, a settings-module assignment, a session/JWT call
 * argument), not a fallback and not a config-file value the platform can override (Spring relaxed binding,
 * appsettings): every deploy signs with the published key and changing it needs a code change → fail (accuracy
 * bench old: realworld-springboot-java, golang-gin-realworld-example-app; session5z: eShopOnWeb — human III fail /
 * scanner partial; the application.properties `jwt.secret` literals of spring-boot-realworld-example-app and
 * xxl-job stay partial, as the humans judged them).
 */
const FLAG_CAPS: { rule: string; flag: string; cap: number; minSeverity: "critical" | "high" | "medium" | "low" }[] = [
  { rule: "F03-FRAMEWORK-SECRET-LITERAL", flag: "literalInCode", cap: 45, minSeverity: "high" },
  // scoring v18 (session 24): a PHP app whose database credentials, salts and URLs exist only in a config file copied from a
  // template on the instance (F03-CONFIG-FILE-PRIMARY `instanceFileOnly`: no env read reaches those settings, no Docker
  // variant) → III fail (accuracy bench: osTicket, YOURLS, easyappointments, ampache, phpMyFAQ human III fail)
  { rule: "F03-CONFIG-FILE-PRIMARY", flag: "instanceFileOnly", cap: 45, minSeverity: "high" },
  // scoring v9 (session 8): an app data volume when the app uses no networked datastore at all (F06-APP-PERSISTENT-VOLUME
  // `noNetworkedStore`): every piece of its state lives on that one instance's disk → VI fail (accuracy bench session5b:
  // changedetection.io, human VI fail / scanner partial; actual-server, dockge, wg-easy, ArchiveBox are human fail too)
  { rule: "F06-APP-PERSISTENT-VOLUME", flag: "noNetworkedStore", cap: 45, minSeverity: "medium" },
];
const SEV_RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as const;
/**
 * Rules whose findings are not material to their factor on their own (scoring v8): their high-severity findings do
 * not trigger the generic high-severity cap (70), and the rule weighs half in the factor's mean (like absence
 * evidence), so image-build hygiene alone cannot pull a factor whose dependencies are declared and locked below
 * pass. Materiality calibration over the accuracy bench (sessions 2–5z, every repo with human verdicts), counting
 * the repos where the rule had an open finding: F02-DOWNLOAD-THEN-RUN (a tool fetched and run by the image build:
 * curl | sh, an installer script) human II pass 13 of 14; F02-UNDECLARED-IMPORT (an import the manifest does not
 * list, most often optional, transitive or build-time) 24 of 30; F02-IMPLICIT-SYSTEM-TOOL 8 of 10;
 * F02-BASE-IMAGE-UNPINNED 35 of 39 — and every human partial/fail among them is explained by another finding
 * (no lockfile for version ranges, unpinned packages added to the runtime image, a lockfile bypassed, no
 * manifest). Those keep their weight and caps.
 */
const NOT_MATERIAL_ALONE = new Set(["F02-DOWNLOAD-THEN-RUN", "F02-UNDECLARED-IMPORT", "F02-IMPLICIT-SYSTEM-TOOL", "F02-BASE-IMAGE-UNPINNED"]);


// Grade/status thresholds apply to the displayed (rounded) score: lib/grade.ts (scoring v5).
export { gradeOf, statusOf };
const GRADE_ORDER: Grade[] = ["A", "B", "C", "D", "F"];
function atMost(g: Grade, limit: Grade): Grade {
  return GRADE_ORDER.indexOf(g) < GRADE_ORDER.indexOf(limit) ? limit : g;
}


function confidenceOf(coverage: number): Confidence {
  return coverage >= 0.7 ? "high" : coverage >= 0.4 ? "medium" : "low";
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Scoring v10: III with a validated, central config module (F03-CONFIG-VALIDATED scored 1 from observed evidence: a
 * schema or typed parser reads the settings from the environment at startup and the rest of the code reads through
 * it). A high-severity *medium-confidence* finding — a keyword/entropy heuristic or a provider-shaped token outside the
 * config path — does not trigger the generic high cap there: the app demonstrably takes its settings from the
 * environment, so the heuristic match is evidence to weigh in the mean, not proof that a deploy runs on a committed
 * secret (accuracy bench session 8: remark42, every option parsed from env by go-flags, a dev JWT in a REST-client
 * scratch file capped III at 70 — human pass). High-confidence findings (literal secrets in deploy manifests, committed
 * key stores) and critical findings still cap.
 */
function validatedConfig(results: readonly RuleResult[]): boolean {
  return results.some((r) => r.rule === "F03-CONFIG-VALIDATED" && r.kind === "evidence" && !r.absence && r.score !== null && r.score >= 1 && r.confidence !== "low" && r.status === "pass");
}

function capFor(results: readonly RuleResult[], includeWaived: boolean): number | null {
  let cap: number | null = null;
  const lower = (c: number) => (cap = cap === null ? c : Math.min(cap, c));
  const validated = validatedConfig(results);
  for (const r of results) {
    if (r.status === "na" || r.status === "unknown" || r.status === "errored") continue;
    for (const f of r.findings) {
      if ((f.waived && !includeWaived) || f.confidence === "low") continue;
      if (f.severity === "critical") lower(30);
      else if (f.severity === "high" && validated && r.factor === "F03" && f.confidence === "medium") { /* scoring v10: weighed, not capped */ }
      // scoring v9: a mutable image tag in a production compose file (F05-MUTABLE-RELEASE-TAG high) does not trigger the
      // generic high cap on its own: when CI publishes versioned images the humans judged V on how releases are built and
      // started (accuracy bench: writefreely V human pass / scanner partial from docker-compose.prod.yml
      // `writeas/writefreely:latest`; documenso and LinkAce, human partial, stay partial for their start-time migrations
      // and app-directory volume); with CI that publishes nothing it still caps (see the pipeline + mutable tag cap below)
      else if (f.severity === "high" && !NOT_MATERIAL_ALONE.has(f.rule) && f.rule !== "F05-MUTABLE-RELEASE-TAG") lower(70);
      const rc = RULE_CAPS[f.rule];
      if (rc !== undefined && SEV_RANK[f.severity] >= SEV_RANK[rc.minSeverity] && (!rc.dataFlag || (f.confidence === "high" && f.data?.[rc.dataFlag] === true)) && (!rc.highConfidence || f.confidence === "high")) lower(rc.cap);
      for (const fc of FLAG_CAPS) if (fc.rule === f.rule && f.confidence === "high" && SEV_RANK[f.severity] >= SEV_RANK[fc.minSeverity] && f.data?.[fc.flag] === true) lower(fc.cap);
    }
  }
  for (const r of results) {
    const ec = EVIDENCE_CAPS[r.rule];
    // observed, not inferred from absence: "CI runs tests but builds nothing" caps, "no CI found" (the build may
    // run elsewhere) does not — absence stays a weak negative (RULES.md §0.1)
    if (ec && r.kind === "evidence" && !r.absence && (!ec.observed || r.confidence !== "low") && r.score !== null && r.score <= ec.maxScore && r.status !== "na" && r.status !== "unknown" && r.status !== "errored") lower(ec.cap);
  }
  // scoring v9: CI builds but publishes no artifact (F05-BUILD-PIPELINE-DEFINED observed below 1: build without a
  // publish step) and a deploy manifest runs a mutable image tag (F05-MUTABLE-RELEASE-TAG, a compose/k8s/Helm finding,
  // not a CI push): what is deployed is not a versioned release of what CI built → at most partial (accuracy bench:
  // spring-petclinic V human partial / scanner pass, k8s/petclinic.yml runs dsyer/petclinic; a mutable tag alone does
  // not cap — full-stack-fastapi-template, piggymetrics, postal and saleor publish versioned images and are human pass)
  const pipeline = results.find((r) => r.rule === "F05-BUILD-PIPELINE-DEFINED");
  const mutable = results.find((r) => r.rule === "F05-MUTABLE-RELEASE-TAG");
  if (pipeline && mutable && pipeline.kind === "evidence" && !pipeline.absence && pipeline.score !== null && pipeline.score < 1 && pipeline.status !== "na" && pipeline.status !== "unknown" && pipeline.status !== "errored" &&
    mutable.findings.some((f) => (includeWaived || !f.waived) && f.confidence !== "low" && SEV_RANK[f.severity] >= SEV_RANK.medium && !/(^|\/)\.github\/workflows\//.test(f.path) && !/(^|\/)\.(gitlab-ci|travis)\.ya?ml$/.test(f.path))) lower(75);
  // scoring v9: dependencies installed unconditionally when the process starts (F05-RUNTIME-BUILD-STEP high severity, high
  // confidence, `installsAtStart`: `npm install` / `pip install` in the container's entrypoint outside any condition):
  // the code that runs is assembled at start, not the built image → fail (accuracy bench session 5a2: NodeBB V human
  // fail, its entrypoint installs dependencies and builds at every start; an install only when an optional variable is
  // set — changedetection.io EXTRA_PACKAGES, human partial — is guarded, medium confidence, and does not cap here)
  // And with no build stage anywhere — no CI pipeline (F05-BUILD-PIPELINE-DEFINED absence) and no Dockerfile
  // (F05-MULTI-STAGE-BUILD not applicable) — a high-severity compile or install in the start command is the only way the
  // code becomes runnable: the build happens at run time → fail (accuracy bench: nestjs-realworld-example-app V human
  // fail, `prestart:prod` runs tsc and `start` runs ts-node; no image, no CI)
  const noBuildStage = results.some((r) => r.rule === "F05-BUILD-PIPELINE-DEFINED" && r.absence === true) && !results.some((r) => r.rule === "F05-MULTI-STAGE-BUILD" && r.status !== "na");
  for (const r of results) {
    if (r.rule !== "F05-RUNTIME-BUILD-STEP" || r.status === "na") continue;
    if (r.findings.some((f) => (includeWaived || !f.waived) && f.severity === "high" && f.confidence === "high" && f.data?.installsAtStart === true)) lower(45);
    if (noBuildStage && r.findings.some((f) => (includeWaived || !f.waived) && f.severity === "high" && f.confidence !== "low" && (f.data?.step === "compile" || f.data?.step === "dependency install"))) lower(45);
  }
  // F11: file sinks and no stdout sink at all → ≤ 40
  const fileSink = results.find((r) => r.rule === "F11-FILE-LOG-SINK");
  const stdout = results.find((r) => r.rule === "F11-STDOUT-LOG-SINK");
  if (fileSink && fileSink.findings.some((f) => (includeWaived || !f.waived) && f.confidence !== "low") && stdout && stdout.status === "fail") lower(40);
  return cap;
}

/** Rules whose findings are committed credentials: Config applies to any code that has them. */
const SECRET_RULES = new Set([
  "F03-HARDCODED-SECRET",
  "F03-COMMITTED-SECRET-FILE",
  "F03-FRAMEWORK-SECRET-LITERAL",
  "F03-SECRET-IN-DEPLOY-MANIFEST",
  "F03-SECRET-IN-IMAGE-BUILD",
]);

/**
 * Verdict semantics (issue 3), stricter than RULES.md §2.4: a library is judged on I Codebase and
 * II Dependencies only, and on III Config only when it reads configuration itself (or commits a
 * credential, which is a Config violation wherever it sits). Everything else is a property of the
 * application that uses the library, so it is `na` here: never 0, never a free pass. Findings of those
 * factors are still reported, just not scored.
 */
function notApplicableForKind(code: FactorCode, unit: Unit, results: RuleResult[]): string | null {
  // A CLI (cobra/click/commander tool shipped as binaries or a package) is treated like a library: it is
  // not a deployed process, so IV–XII (backing services, release pipeline, port binding, processes,
  // disposability, dev/prod parity, log streams, admin processes) describe whoever runs it, not the tool.
  // Stricter than RULES.md §8 (which keeps some V/IX/XI rules at reduced severity for CLIs): the human
  // verdicts of the accuracy benchmark judge a CLI on I–III only.
  if ((unit.kind !== "library" && unit.kind !== "cli") || code === "F01" || code === "F02") return null;
  if (code === "F03") {
    const readsConfig = results.some((r) => r.rule === "F03-ENV-CONFIG-READ" && r.status !== "na");
    // a low-confidence match (test fixtures are downgraded to low by the path role) is not enough to
    // make Config applicable to a library/CLI: ky's `newToken: 'refresh-…'` in test/hooks.ts did
    const committedSecret = results.some((r) => SECRET_RULES.has(r.rule) && r.findings.some((f) => !f.waived && f.confidence !== "low"));
    return readsConfig || committedSecret ? null : `not applicable to a ${unit.kind} that reads no configuration itself`;
  }
  return unit.kind === "cli"
    ? "not applicable to a CLI: it is not a deployed process; whoever runs it is judged on this factor"
    : "not applicable to a library: the application that uses it is judged on this factor";
}

interface FactorCalc {
  report: FactorReport;
  /** Used by the overall score. */
  counted: boolean;
  kappa: number;
}

/**
 * Scoring v11: factors whose static evidence can say "partial" but not "fail". "Fail" means the main
 * production path clearly violates the factor (RULES.md §3). For II, VIII, IX, X and XII the rules see
 * symptoms (a non-frozen install, no process types declared, no SIGTERM handler found, dev/prod drift, no
 * one-off runner) that careful judges weigh as limited violations. Of 1,872 human verdicts on 156
 * repositories, under 2 % per factor are "fail" there (II 1, IX 2, I/VIII/X/XII none; III 6, V 8, VII 7,
 * XI 9, IV 19, VI 45). On its first runs over 144 then-unseen repositories the scanner said "fail" for
 * II/VIII/IX/XII 13 times; the judges said "partial" 11 times, "fail" once. The
 * score is unchanged (it still ranks repositories); only the status is held at "partial".
 */
/** Source files of an application's own code (not Dockerfiles, shell scripts, unit files or configuration). */
const SOURCE_CODE_RE = /\.(m?[jt]sx?|c[jt]s|py|go|rb|php|java|kt|scala|cs|rs|exs?)$/;

const CAN_FAIL: ReadonlySet<FactorCode> = new Set(["F04", "F05", "F06", "F07", "F11"] as FactorCode[]);
/**
 * ...except where one finding is the whole violation: source code with no dependency manifest at all (the one human II
 * "fail"), and (scoring v12) a framework signing key that is a literal in the source code itself (F03-FRAMEWORK-SECRET-LITERAL
 * `literalInCode`, high severity): every deploy signs with the published key. Scoring v12 moved III out of CAN_FAIL: on
 * the 24 first runs (sessions 4–10, each set scanned before any change looked at it) the scanner said III "fail" 30
 * times and the judges said "fail" once (14 partial, 15 pass); the judges' III fails are a literal signing key in code
 * (golang-gin, realworld-springboot, eShopOnWeb) or settings kept only in files/the database, which no rule reads.
 */
const DECISIVE_FAIL_RULES: ReadonlySet<string> = new Set(["F02-MANIFEST-MISSING"]);
function decisiveFinding(f: Finding): boolean {
  if (f.waived || f.confidence !== "high") return false;
  if (DECISIVE_FAIL_RULES.has(f.rule)) return true;
  if (f.rule === "F03-CONFIG-FILE-PRIMARY" && f.data?.instanceFileOnly === true && SEV_RANK[f.severity] >= SEV_RANK.high) return true;
  return f.rule === "F03-FRAMEWORK-SECRET-LITERAL" && f.data?.literalInCode === true && SEV_RANK[f.severity] >= SEV_RANK.high;
}
/**
 * Scoring v12: advisory rules. Their findings are real and reported (with remediation), and they lower the factor's
 * score, but on their own they do not make the factor "partial" or "fail": when every rule that does not pass for a
 * factor is advisory, the factor passes and its score is floored at the pass line (PASS_LINE). Any other (material)
 * rule not passing, or a cross-factor cap (an embedded datastore …), keeps the ordinary verdict. A rule not listed here
 * is material.
 *
 * Why: a rule is advisory when careful judges, on repositories the scanner had not seen, judged the factor "pass" in
 * clearly most repositories where the rule did not pass (at most 40 % not-pass, at least 8 repositories). Counted over
 * the 24 first runs of the accuracy bench (sessions 4–10: 2,196 verdicts on 183 repositories, each set scanned before
 * any change had looked at it), as "judged not-pass / rule not passing":
 * II ADHOC-PACKAGE-INSTALL 22/77, BASE-IMAGE-UNPINNED 18/102, DOWNLOAD-THEN-RUN 3/37, IMPLICIT-SYSTEM-TOOL 9/36,
 * LOOSE-VERSION-SPEC 9/41, NON-FROZEN-INSTALL 10/40, UNDECLARED-IMPORT 18/77; IV ATTACHED-IN-MANIFESTS 25/73,
 * HARDCODED-INTERNAL-ENDPOINT 7/30, LOCATOR-FROM-CONFIG 7/23; VII EMBEDDED-SERVER-DEPENDENCY 15/57, PORT-FROM-ENV 0/39,
 * PORT-MISMATCH 0/12; IX GRACE-PERIOD-CONFIG 3/11, READINESS-PROBE 3/10; X CONTINUOUS-DEPLOYMENT 24/136, LOCAL-ENV-AS-CODE
 * 17/52, TEST-WITH-REAL-SERVICES 11/42, RUNTIME-VERSION-DRIFT 3/15, BACKING-SERVICE-VERSION-DRIFT 3/8; XI STRUCTURED-LOGS
 * 45/124; XII RELEASE-PHASE-TASK 17/103, ONE-OFF-RUNNER 10/67,
 * MIGRATIONS-VERSIONED 14/45, SCHEMA-MUTATION-ON-BOOT 6/22, ADMIN-CODE-SHIPPED 6/71.
 * Kept material although under half: near the line (II LOCKFILE-MISSING 8/17, IX SIGTERM-HANDLING 54/123, FORCED-EXIT 18/39,
 * HEALTHCHECK-DECLARED 32/73, X DEV-SERVER-IN-PROD 4/9), or too rarely seen to count (X BACKING-SERVICE-TYPE-DRIFT 2/3,
 * XI UNBUFFERED-STDOUT 1/6), or a textbook violation on the platform the rule knows
 * (VII HARDCODED-LISTEN-PORT 0/7 — fatal on a platform that assigns $PORT — and IV HARDCODED-RESOURCE-LOCATOR 6/25, a
 * literal production host). Material by the count: IV EMBEDDED-BACKING-SERVICE 32/51; every V rule (70–86 %); every VI
 * rule (78–95 %); VIII (64–83 %, its base rate); IX SIGNAL-SAFE-ENTRYPOINT 19/24; XI FILE-LOG-SINK 22/28, LOG-FILE-INFRA 6/7.
 * III is left out on purpose: no III rule separates the judges' verdicts (every one sits at their 50 % base rate).
 * Replayed on those first runs, the floor agrees with the judges on 1,432 verdicts against the scanner's 1,370 (pass↔fail inversions 77 → 74); the
 * measurement on sets judged after it was written is in `bench/accuracy/DISAGREEMENTS.md` (session 11).
 *
 * Scoring v17 (session 22) recounted the same ratio over every first run so far (81 sets, sessions 4–27: 4,836 verdicts on
 * 403 repositories, each scanned before any change had looked at it). Newly under the line: IV HARDCODED-RESOURCE-LOCATOR
 * 9/59, VII HARDCODED-LISTEN-PORT 1/21, X DEV-SERVER-IN-PROD 6/19, XI UNBUFFERED-STDOUT 6/18, and VII LOOPBACK-BIND 0/7 (under
 * the 8-repository minimum, taken because not one judge marked VII down for it). Their findings on real repositories were
 * mostly local defaults (`redis://localhost`), example hosts, side images and overlays; the textbook case each rule was
 * written for stays material (MATERIAL_WHEN). Under the line but left material: II MANIFEST-MISSING 8/30 (it also finds
 * source with no manifest at all, the one decisive II fault; its helper-directory findings need telling apart first).
 * GRACE-PERIOD-CONFIG is now 11/27 (40.7 %), just over the line; it stays advisory.
 */
export const ADVISORY_RULES: ReadonlySet<string> = new Set([
  "F02-ADHOC-PACKAGE-INSTALL", "F02-BASE-IMAGE-UNPINNED", "F02-DOWNLOAD-THEN-RUN", "F02-IMPLICIT-SYSTEM-TOOL", "F02-LOOSE-VERSION-SPEC",
  "F02-NON-FROZEN-INSTALL", "F02-UNDECLARED-IMPORT",
  "F04-ATTACHED-IN-MANIFESTS", "F04-HARDCODED-INTERNAL-ENDPOINT", "F04-LOCATOR-FROM-CONFIG",
  "F04-HARDCODED-RESOURCE-LOCATOR",
  "F07-EMBEDDED-SERVER-DEPENDENCY", "F07-HARDCODED-LISTEN-PORT", "F07-LOOPBACK-BIND", "F07-PORT-FROM-ENV", "F07-PORT-MISMATCH",
  "F09-GRACE-PERIOD-CONFIG", "F09-READINESS-PROBE",
  "F10-BACKING-SERVICE-VERSION-DRIFT", "F10-CONTINUOUS-DEPLOYMENT", "F10-DEV-SERVER-IN-PROD",
  "F10-LOCAL-ENV-AS-CODE", "F10-RUNTIME-VERSION-DRIFT", "F10-TEST-WITH-REAL-SERVICES",
  "F11-STRUCTURED-LOGS", "F11-UNBUFFERED-STDOUT",
  "F12-ADMIN-CODE-SHIPPED", "F12-MIGRATIONS-VERSIONED", "F12-ONE-OFF-RUNNER", "F12-RELEASE-PHASE-TASK", "F12-SCHEMA-MUTATION-ON-BOOT",
]);
/**
 * Scoring v17: findings that make an advisory rule material again — the textbook case the rule was written for, as opposed to
 * the defaults, example hosts and side images that most of its findings on real repositories turned out to be (see
 * ADVISORY_RULES for the counts):
 * - F07-HARDCODED-LISTEN-PORT at medium: a platform descriptor (Procfile, app.json, render.yaml, fly.toml …) assigns $PORT
 *   and the app listens elsewhere, so the platform routes no traffic to it (its cap, 45, stands);
 * - F04-HARDCODED-RESOURCE-LOCATOR at high: a remote production host literal, not a local or compose-service default;
 * - F10-DEV-SERVER-IN-PROD in a process a platform descriptor declares (Procfile, fly.toml, render.yaml, app.yaml, or the
 *   npm start script such a process runs; the rule's `platform` flag): the development server is the declared production
 *   process, not a side image, an overlay or a debug settings module.
 */
const MATERIAL_WHEN: Readonly<Record<string, (f: Finding) => boolean>> = {
  "F07-HARDCODED-LISTEN-PORT": (f) => SEV_RANK[f.severity] >= SEV_RANK.medium,
  "F04-HARDCODED-RESOURCE-LOCATOR": (f) => SEV_RANK[f.severity] >= SEV_RANK.high,
  "F10-DEV-SERVER-IN-PROD": (f) => f.data?.platform === true,
};
function advisory(r: RuleResult): boolean {
  if (!ADVISORY_RULES.has(r.rule)) return false;
  const material = MATERIAL_WHEN[r.rule];
  return material === undefined || !r.findings.some((f) => !f.waived && f.confidence !== "low" && material(f));
}
/** The pass line (lib/grade.ts statusOf): advisory findings lower a factor's score down to it, never below it (scoring v12). */
const PASS_LINE = 80;
/** XII evidence rules that only corroborate versioned migrations (scoring v8, see computeFactor). */
const XII_CORROBORATING = new Set(["F12-RELEASE-PHASE-TASK", "F12-ONE-OFF-RUNNER", "F12-ADMIN-CODE-SHIPPED"]);
/**
 * X evidence rules that only corroborate (scoring v9): continuous deployment (the time gap) counts when it passes
 * and is left out of the score otherwise. Whether merges reach production within hours cannot be read from a
 * repository whose deploys run elsewhere (another repo, a platform's Git integration, a release manager), and the
 * human X verdicts judge the tools gap — do development and CI run the same kinds of backing services as the
 * production path — in every repo of the accuracy bench: none of the 15 human X partials mentions deployment
 * cadence, and 10 human passes were scanner partial with the CD absence among the rules pulling them down
 * (podinfo, spring-petclinic-rest, rails-realworld, kutt, Suwayomi-Server, wiki, papermark, Flowise, shiori, LinkAce).
 */
const X_CORROBORATING = new Set(["F10-CONTINUOUS-DEPLOYMENT"]);
/** Cap of VI when the production datastore is embedded in the process. */
const STATEFUL_DATASTORE_CAP = 45;
/** Cap of VIII when the production datastore is embedded in the process (one instance only). */
const EMBEDDED_DATASTORE_SCALE_CAP = 75;
/**
 * Scoring v8: cap of IV, VI and VIII when the *default* datastore is embedded (F04-EMBEDDED-BACKING-SERVICE
 * `defaultDatastore`: SQLite/H2 selected by the env default, image ENV or config default, a networked database
 * only opt-in, and nothing in the shipped deploy attaching one). Out of the box the data lives in a local file:
 * IV is at most partial (attachable, but not attached by default), VI at most partial (the state is on the
 * instance's disk) and VIII at most partial (it cannot scale out as shipped). Accuracy bench: kutt, jellyseerr,
 * mealie, linkding, gotify, BaGetter, babybuddy, spring-petclinic-rest (human IV partial, scanner pass).
 */
const DEFAULT_EMBEDDED_DATASTORE_CAP = 75;
/** Scoring v13: cap of XII when the unit has a database but no versioned migrations and no admin commands. */
const UNMANAGED_SCHEMA_CAP = 75;

/**
 * Scoring v9: an embedded file/in-memory store the app's code or config wires (F04-EMBEDDED-BACKING-SERVICE at medium
 * confidence: SQLite/H2/LevelDB … configured, neither certainly the production datastore nor only a default selection).
 * The engine label tells these apart from datastore *servers* installed in the image (redis-server …).
 */
const EMBEDDED_ENGINE_RE = /sqlite|\bh2\b|jdbc|hsqldb|derby|nedb|lowdb|leveldb|lokijs|tingodb|pglite|json file|bbolt|badger|pebble|embedded kv|in-memory|litedb/i;

/** The VI rules observed process-local state other than the datastore (a data volume, local files, local sessions …). */
function otherLocalStateIn(results: readonly RuleResult[]): boolean {
  // scoring v14: F06-EMBEDDED-DATASTORE is the embedded store itself seen from VI, not other local state
  return results.some((r) => r.factor === "F06" && r.rule !== "F06-STICKY-SESSIONS" && r.rule !== "F06-EMBEDDED-DATASTORE" && r.status !== "na" && r.status !== "unknown" && r.status !== "errored" && r.score !== null && r.weight > 0 && r.score < 1);
}

function computeFactor(code: FactorCode, results: RuleResult[], unit: Unit, config: ScannerConfig, notices: Notice[], crossFindings: readonly Finding[] = [], stateResults: readonly RuleResult[] = []): FactorCalc {
  const info = FACTORS.find((f) => f.code === code)!;
  const declaredNa = config.factors.find((d) => d.factor === code && (d.units === null || d.units.includes(unit.path)));
  const findings = dedupFindings(results.flatMap((r) => r.findings));
  const evidence = results.filter((r) => r.kind === "evidence" && (r.evidence.length || r.score !== null)).map((r) => ({ rule: r.rule, score: r.score, items: r.evidence }));
  const rules = results.map((r) => ({ id: r.rule, status: r.status, score: r.score === null ? null : round1(r.score * 100) / 100, weight: r.weight, confidence: r.confidence, findings: r.findings.length, ...(r.reason ? { reason: r.reason } : {}) }));
  const base = { id: info.id, code, name: info.name, findings, evidence, rules };

  if (declaredNa) {
    const contradicted = results.some((r) => r.findings.some((f) => !f.waived) || (r.kind === "evidence" && r.evidence.length > 0));
    if (contradicted) notices.push({ code: "NA-CONTRADICTED", severity: "info", message: `factor ${code} is declared not applicable but rules found evidence for it`, unit: unit.path });
    return { report: { ...base, score: null, rawScore: null, status: "na", confidence: contradicted ? "low" : "high", coverage: 0, cap: null, insufficient: false, reason: `declared not applicable: ${declaredNa.reason}` }, counted: false, kappa: 0 };
  }

  const kindNa = notApplicableForKind(code, unit, results);
  if (kindNa) {
    return { report: { ...base, score: null, rawScore: null, status: "na", confidence: "high", coverage: 0, cap: null, insufficient: false, reason: kindNa }, counted: false, kappa: 0 };
  }

  // XII Admin processes without a datastore (scoring v16): a service or worker with no database and no migrations is
  // judged like any other — nothing observed wrong passes. Scoring v5–v15 returned na here unless admin commands shipped
  // with a one-off runner (podinfo, searxng: human na), but on units the scanner had not been tuned on the judges said
  // pass far more often than na (sessions 10–17 first runs: 29 pass, 9 partial, about 12 na; rest-server's user scripts,
  // grav's bin/grav, diun's and dashy's own commands), and a fitted na line did not carry over.
  // XII Admin processes (scoring v8): with versioned migrations observed, the release-phase task, one-off runner
  // and admin-code-shipped evidence rules only corroborate — a missing platform release phase or documented
  // `kubectl run` is not a material fault when migrations and admin commands are versioned code of the same
  // release (the human verdicts judge when migrations run under V, not XII). Such a rule counts when it passes
  // and is left out of the score when it does not (unless it has open findings of its own). Calibration over
  // the accuracy bench (sessions 2–5z): every human XII partial had unversioned migrations; with versioned
  // migrations the human verdict was pass in all repos (cachet, laravel-realworld, spring-boot-realworld were
  // scanner partial from those absences alone).
  const migrationsVersioned = code === "F12" && results.some((r) => r.rule === "F12-MIGRATIONS-VERSIONED" && r.status === "pass");
  const corroborating = migrationsVersioned ? XII_CORROBORATING : code === "F10" ? X_CORROBORATING : null;
  const scored = corroborating ? results.filter((r) => !(corroborating.has(r.rule) && r.status !== "pass" && !r.findings.some((f) => !f.waived && f.severity !== "info"))) : results;
  // IX (scoring v9): an entrypoint that does not forward SIGTERM (F09-SIGNAL-SAFE-ENTRYPOINT) matters because the
  // app's drain never runs. When the app has no SIGTERM handling at all (F09-SIGTERM-HANDLING scored 0: nothing
  // to run), the two findings describe one fault — the process is killed instead of drained — and the entrypoint
  // finding is not counted a second time (accuracy bench: go-clean-arch `CMD /app/engine`, listmonk `su-exec` without
  // exec, both Go services without a handler: human IX partial, scanner fail). The missing drain still caps IX at 75.
  const noDrainAtAll = code === "F09" && scored.some((r) => r.rule === "F09-SIGTERM-HANDLING" && r.kind === "evidence" && r.score === 0 && !r.absence && r.confidence !== "low" && r.status !== "na" && r.status !== "unknown" && r.status !== "errored");
  const scored9 = noDrainAtAll ? scored.filter((r) => !(r.rule === "F09-SIGNAL-SAFE-ENTRYPOINT" && r.findings.some((f) => !f.waived))) : scored;
  const applicable = scored9.filter((r) => r.status !== "na" && r.weight > 0);
  const evaluated = applicable.filter((r) => r.status !== "unknown" && r.status !== "errored" && r.score !== null);
  // VI Processes: the production datastore embedded in the process (SQLite file, in-memory H2) is
  // process-local state: data lives on one instance's disk or heap, is not shared between replicas and is
  // lost on reschedule. F04-EMBEDDED-BACKING-SERVICE flags it (`productionDatastore`); it caps VI as well.
  const embeddedFlag = (flag: string) => (unit.kind === "service" || unit.kind === "worker") ? crossFindings.filter((f) => f.rule === "F04-EMBEDDED-BACKING-SERVICE" && !f.waived && f.confidence === "high" && f.data?.[flag] === true) : [];
  const prodLocal = code === "F06" ? embeddedFlag("productionDatastore") : [];
  // scoring v8: the default datastore embedded (a networked one opt-in) caps VI at partial the same way
  const defaultLocal = code === "F06" && !prodLocal.length ? embeddedFlag("defaultDatastore") : [];
  // scoring v9: an embedded store the code wires (medium confidence, see EMBEDDED_ENGINE_RE) together with other local
  // state observed by the VI rules (an app data volume, uploads on local disk, local sessions) and no scale-out path:
  // the app is built around its local data directory → fail, like the default-datastore case below. Object storage
  // for uploads does not change that: the database itself stays a local file (accuracy bench: dockge, pingvin-share,
  // paperless-ngx VI human fail / scanner partial; karakeep's web unit). Alone (no other local state) it is not judged here:
  // healthchecks, eShopOnWeb and redash configure SQLite/in-memory stores next to their real database (VI pass).
  const wiredEmbedded = code === "F06" && !prodLocal.length ? wiredEmbeddedStores(crossFindings, unit) : [];
  // scoring v14: not when the shipped deploy attaches a networked database (F04 v16 `networkedDeploy`): the embedded store is
  // an option beside the deployed datastore (accuracy bench session9a: atuin, human VI pass)
  const embeddedWithLocalState = wiredEmbedded.some((f) => f.data?.networkedDeploy !== true) && otherLocalStateIn(evaluated) && !defaultLocal.some((f) => f.data?.scaleOut === true);
  const localDatastore = prodLocal.length ? prodLocal : defaultLocal.length ? defaultLocal : embeddedWithLocalState ? wiredEmbedded : [];
  let viDefaultLocal: Finding[] = [];
  if (localDatastore.length) {
    const own = evaluated.length ? evaluated.reduce((a, r) => a + r.weight * (r.score ?? 0), 0) / evaluated.reduce((a, r) => a + r.weight, 0) * 100 : 100;
    // scoring v8: with the embedded default datastore, other process-local state observed by the VI rules (an app
    // data volume, local file sessions, no external state store) means the app is built around its local data
    // directory → fail, unless its files can move to object storage by config or the repo ships a scale-out path
    // (accuracy bench: gotify, FreshRSS, mealie, linkding, jellyseerr, wallabag VI human fail; kutt, BaGetter,
    // babybuddy, opengist partial)
    const otherLocalState = evaluated.some((r) => r.rule !== "F06-STICKY-SESSIONS" && r.rule !== "F06-EMBEDDED-DATASTORE" && r.score !== null && r.score < 1);
    const builtAroundDataDir = !prodLocal.length && ((otherLocalState && defaultLocal.some((f) => f.data?.objectStorage !== true && f.data?.scaleOut !== true)) || embeddedWithLocalState);
    const localCap = prodLocal.length || builtAroundDataDir ? STATEFUL_DATASTORE_CAP : DEFAULT_EMBEDDED_DATASTORE_CAP;
    // scoring (session 8): the default datastore embedded but files movable to object storage or a scale-out path shipped (cap
    // 75, not "built around a local data directory"): VI is the VI rules' own verdict, capped at partial — computed like
    // any factor (confidence weights, absence at half weight) rather than the plain weighted mean used for the fail
    // cases (accuracy bench session7b: homebox VI human partial — SQLite and attachments in /data by default, gocloud
    // blob storage attachable — was scored fail by the plain mean of its two failing VI rules)
    if (localCap === DEFAULT_EMBEDDED_DATASTORE_CAP && evaluated.length) viDefaultLocal = localDatastore;
    else {
    const score = round1(Math.min(own, localCap));
    return {
      report: { ...base, findings: dedupFindings([...findings, ...localDatastore]), score, rawScore: score, status: statusOf(score), confidence: "high", coverage: 1, cap: localCap, insufficient: false, reason: prodLocal.length ? "the production datastore is embedded in the process (process-local state)" : builtAroundDataDir ? `${defaultLocal.length ? "the default datastore is embedded" : "the app wires an embedded datastore"} and the app keeps its other state on the instance's disk too (built around a local data directory)` : "the default datastore is embedded in the process (state on the instance's disk unless a networked database is configured)" },
      counted: true, kappa: KAPPA.high,
    };
    }
  }
  if (!applicable.length && code === "F06" && (unit.kind === "service" || unit.kind === "worker") && !unit.ambiguous) {
    // VI of a service is never `na`: every service has a process model. With nothing process-local found
    // (no sessions, uploads, local writes or workload manifests to judge) the verdict is a low-confidence
    // pass that is not counted in the overall score (no free pass: RULES.md §0.1).
    return { report: { ...base, score: 80, rawScore: 80, status: "pass", confidence: "low", coverage: 0, cap: null, insufficient: true, reason: "no process-local state found (stateless by default; low confidence: nothing stateful to inspect)" }, counted: false, kappa: 0 };
  }
  if (!applicable.length) {
    const reason = results.find((r) => r.status === "na")?.reason ?? "no rule applies";
    return { report: { ...base, score: null, rawScore: null, status: "na", confidence: "high", coverage: 0, cap: null, insufficient: false, reason: results.length ? `not applicable (${reason})` : "no rules for this factor yet" }, counted: false, kappa: 0 };
  }
  // Absence of evidence is a weak negative (RULES.md §0.1): besides its low confidence it carries half
  // weight, so a clean repo without, say, CD wiring is not dragged to "partial" by missing evidence alone.
  // Rules not material on their own (scoring v8, NOT_MATERIAL_ALONE) weigh half as well.
  const wc = (r: RuleResult) => r.weight * CONFIDENCE_MULT[r.confidence] * (r.absence ? 0.5 : 1) * (NOT_MATERIAL_ALONE.has(r.rule) ? 0.5 : 1);
  const denom = evaluated.reduce((a, r) => a + wc(r), 0);
  const coverageDen = applicable.reduce((a, r) => a + r.weight, 0);
  const coverage = coverageDen ? Math.min(1, denom / coverageDen) : 0;
  const confidence = confidenceOf(coverage);
  if (!evaluated.length || denom === 0) {
    return { report: { ...base, score: null, rawScore: null, status: "na", confidence: "low", coverage: 0, cap: null, insufficient: true, reason: "insufficient evidence: no applicable rule could be evaluated" }, counted: false, kappa: 0 };
  }
  const raw = (100 * evaluated.reduce((a, r) => a + wc(r) * (r.rawScore ?? r.score ?? 0), 0)) / denom;
  const withW = (100 * evaluated.reduce((a, r) => a + wc(r) * (r.score ?? 0), 0)) / denom;
  let cap = capFor(evaluated, false);
  let rawCap = capFor(evaluated, true);
  // VIII Concurrency (scoring v5): a production datastore embedded in the process (SQLite file, in-memory
  // H2) ties the app to one instance — it cannot scale out by adding processes, whatever the process
  // model says → at most partial (accuracy bench: lobsters, rails-realworld, golang-gin, realworld-springboot
  // VIII are human partial for this reason).
  // scoring v8: an embedded *default* datastore (defaultDatastore) ties the shipped app to one instance too
  // scoring v9: so does an embedded store the code wires when the VI rules see the app's other state on local disk
  // too (the VI "built around a local data directory" case): paperless-ngx VIII human partial (local media/index stop
  // scale-out), scanner pass
  const wiredLocal = code === "F08" && otherLocalStateIn(stateResults) && !embeddedFlag("defaultDatastore").some((f) => f.data?.scaleOut === true) ? wiredEmbeddedStores(crossFindings, unit).filter((f) => f.data?.networkedDeploy !== true) : [];
  // scoring v9 (session 8): a socket.io server with its default in-memory adapter (F06-PROCESS-LOCAL-STATE `inMemoryAdapter`) cannot
  // add a second instance without splitting its rooms: the process type does not scale out as shipped → VIII at most
  // partial (accuracy bench: excalidraw-room, etherpad-lite VIII human partial / scanner pass; uptime-kuma, thelounge and
  // dockge, the other socket.io servers without an adapter, are human VIII partial too)
  const inMemoryFanOut = code === "F08" && (unit.kind === "service" || unit.kind === "worker") ? stateResults.filter((r) => r.rule === "F06-PROCESS-LOCAL-STATE" && r.status !== "na").flatMap((r) => r.findings).filter((f) => !f.waived && f.confidence === "high" && f.data?.inMemoryAdapter === true) : [];
  // and so does an app data volume when the app uses no networked datastore (F06-APP-PERSISTENT-VOLUME `noNetworkedStore`):
  // a second replica would have its own, empty state (changedetection.io VIII human partial / scanner pass)
  const localOnly = (code === "F08" || code === "F04") && (unit.kind === "service" || unit.kind === "worker") ? stateResults.filter((r) => r.rule === "F06-APP-PERSISTENT-VOLUME" && r.status !== "na").flatMap((r) => r.findings).filter((f) => !f.waived && f.confidence === "high" && SEV_RANK[f.severity] >= SEV_RANK.medium && f.data?.noNetworkedStore === true) : [];
  const oneHost = code === "F08" ? [...embeddedFlag("productionDatastore"), ...embeddedFlag("defaultDatastore").filter((f) => f.data?.scaleOut !== true), ...wiredLocal, ...inMemoryFanOut, ...localOnly.slice(0, 1)] : [];
  if (oneHost.length) {
    cap = cap === null ? EMBEDDED_DATASTORE_SCALE_CAP : Math.min(cap, EMBEDDED_DATASTORE_SCALE_CAP);
    rawCap = rawCap === null ? EMBEDDED_DATASTORE_SCALE_CAP : Math.min(rawCap, EMBEDDED_DATASTORE_SCALE_CAP);
  }
  // scoring v19 (session 26): IV when the app's data volume holds all of its state (F06-APP-PERSISTENT-VOLUME
  // `noNetworkedStore`, the VIII `localOnly` case) and no embedded database was found either: the app's datastore is its
  // local data directory — files nothing else can be attached in place of → at most partial (accuracy bench: enclosed,
  // reposilite, pypiserver, UpSnap human IV partial; rustypaste, psitransfer human fail — all scanner pass: "no backing
  // services" read as nothing wrong)
  const localFilesStore = code === "F04" && localOnly.length > 0 && !embeddedFlag("productionDatastore").length && !embeddedFlag("defaultDatastore").length;
  // scoring v8: IV with an embedded default datastore (networked database attachable, but not by default) → ≤ partial
  // (session 8: VI too, when it was not judged above — see viDefaultLocal)
  if ((code === "F04" && embeddedFlag("defaultDatastore").length) || viDefaultLocal.length || localFilesStore) {
    cap = cap === null ? DEFAULT_EMBEDDED_DATASTORE_CAP : Math.min(cap, DEFAULT_EMBEDDED_DATASTORE_CAP);
    rawCap = rawCap === null ? DEFAULT_EMBEDDED_DATASTORE_CAP : Math.min(rawCap, DEFAULT_EMBEDDED_DATASTORE_CAP);
  }
  // scoring v13: XII with a database but neither versioned migrations (F12-MIGRATIONS-VERSIONED scored 0: an ORM or driver
  // is used and no migration files or tool were found) nor any admin command in the codebase (F12-ADMIN-CODE-SHIPPED na:
  // no management command, rake/artisan task, admin script or subcommand) → at most partial: the schema is changed by
  // the app at boot (AutoMigrate, Sync2, schema.sql init) or by hand, and there is no one-off admin process to run
  // against a release. Every rule involved is advisory on its own (scoring v12), so this is the one XII combination that
  // is material. Accuracy bench, all sets at 2c2260f: 13 of 14 repos with this combination are human XII partial (mall,
  // casdoor, reposilite, spring-petclinic, go-clean-arch, xxl-job, halo, traccar, gotify-server, gatus …); the other,
  // Gokapi, keeps its own numbered upgrade steps, which the migrations detector does not recognise.
  const unmanagedSchema = code === "F12" && results.some((r) => r.rule === "F12-MIGRATIONS-VERSIONED" && r.status === "fail") && results.some((r) => r.rule === "F12-ADMIN-CODE-SHIPPED" && r.status === "na");
  if (unmanagedSchema) {
    cap = cap === null ? UNMANAGED_SCHEMA_CAP : Math.min(cap, UNMANAGED_SCHEMA_CAP);
    rawCap = rawCap === null ? UNMANAGED_SCHEMA_CAP : Math.min(rawCap, UNMANAGED_SCHEMA_CAP);
  }
  const score = round1(cap === null ? withW : Math.min(withW, cap));
  const rawScore = round1(rawCap === null ? raw : Math.min(raw, rawCap));
  const insufficient = denom < 7.5;
  // Absence of evidence is a weak negative (RULES.md §0.1): when every rule that does not pass is an
  // evidence rule scored only from *missing* evidence (no finding of its own), nothing was observed to be
  // wrong, so the factor is at most "partial" — never "fail". The score itself is unchanged.
  const notPassing = evaluated.filter((r) => r.status !== "pass");
  // Scoring v3 widens this to evidence rules below high confidence without a finding of their own: "no
  // SIGTERM handler found", "no versioned migrations found" (medium) are missing good practice, not an
  // observed fault — accuracy bench: nestjs IX/XII, spring XII were human partial / scanner fail on missing
  // evidence alone. A high-confidence evidence score (e.g. artifact rebuilt per environment) still fails.
  const absenceOnly = notPassing.length > 0 && notPassing.every((r) => r.kind === "evidence" && (r.absence === true || r.confidence !== "high") && !r.findings.some((f) => !f.waived));
  const decisive = evaluated.some((r) => r.findings.some(decisiveFinding));
  // scoring v12: only advisory rules stand against the factor, and nothing from another factor caps it → pass, the score
  // floored at the pass line (ADVISORY_RULES). The score without waivers gets the same floor when its own deficits are
  // advisory too.
  // Judged over `scored`, before the IX entrypoint finding is folded into a missing drain (scoring v9): a non-forwarding
  // entrypoint (material) still stands against IX. A rule whose findings are all waived ("waived") does not.
  const crossCap = oneHost.length > 0 || viDefaultLocal.length > 0 || (code === "F04" && embeddedFlag("defaultDatastore").length > 0) || localFilesStore || unmanagedSchema;
  const judgedRules = scored.filter((r) => r.weight > 0 && r.score !== null && r.status !== "na" && r.status !== "unknown" && r.status !== "errored");
  const deficits = judgedRules.filter((r) => r.status !== "pass" && r.status !== "waived");
  const advisoryOnly = !crossCap && deficits.length > 0 && deficits.every(advisory);
  const rawAdvisoryOnly = !crossCap && judgedRules.filter((r) => (r.rawScore ?? r.score ?? 0) < 1).every(advisory);
  const floored = advisoryOnly && statusOf(score) !== "pass";
  const finalScore = floored ? Math.max(score, PASS_LINE) : score;
  const finalRaw = floored && rawAdvisoryOnly ? Math.max(rawScore, PASS_LINE) : rawScore;
  const status = floored ? "pass" : (absenceOnly || (!CAN_FAIL.has(code) && !decisive)) && statusOf(score) === "fail" ? "partial" : statusOf(score);
  return {
    report: {
      ...base, ...(oneHost.length || viDefaultLocal.length || localFilesStore ? { findings: dedupFindings([...findings, ...oneHost, ...viDefaultLocal, ...(localFilesStore ? localOnly.slice(0, 1) : [])]) } : {}),
      score: finalScore, rawScore: finalRaw, status, confidence, coverage: round1(coverage * 100) / 100, cap: floored ? null : cap, insufficient,
      ...(insufficient ? { reason: "insufficient evidence: little could be evaluated for this factor" }
        : floored ? { reason: `only advisory findings (${[...new Set(deficits.map((r) => r.rule))].join(", ")}): reported and scored, but not a material violation on their own; the score stops at the pass line` }
        : unmanagedSchema ? { reason: "the app uses a database but has no versioned migrations and no admin commands: schema changes happen at boot or by hand, not as one-off admin processes (at most partial)" }
        : localFilesStore && cap === DEFAULT_EMBEDDED_DATASTORE_CAP ? { reason: "the app keeps all of its data in files on its own data volume and uses no database or object store: no backing service can be attached in its place (at most partial)" } : {}),
    },
    counted: !insufficient || config.scoring.includeInsufficient,
    kappa: KAPPA[confidence],
  };
}

/** Scoring v9: F04 findings of an embedded store wired by the app's code/config (medium confidence or above, not a flag). */
function wiredEmbeddedStores(crossFindings: readonly Finding[], unit: Unit): Finding[] {
  if (unit.kind !== "service" && unit.kind !== "worker") return [];
  return crossFindings.filter((f) => f.rule === "F04-EMBEDDED-BACKING-SERVICE" && !f.waived && f.confidence !== "low" && f.data?.defaultDatastore !== true && f.data?.productionDatastore !== true && EMBEDDED_ENGINE_RE.test(String(f.data?.engine ?? "")));
}

export function dedupFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const k = f.fingerprint;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out.sort((a, b) => severityOrder(a) - severityOrder(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}
function severityOrder(f: Finding): number {
  return ["critical", "high", "medium", "low", "info"].indexOf(f.severity) + (f.waived ? 10 : 0);
}

export interface OverallScore {
  score: number | null;
  rawScore: number | null;
  grade: Grade | null;
  gradeLabel: string;
  gatesApplied: string[];
  confidence: Confidence;
}

function overallOf(calcs: FactorCalc[], config: ScannerConfig, kind: string): OverallScore {
  if (kind === "docs") return { score: null, rawScore: null, grade: null, gradeLabel: "N/A (docs)", gatesApplied: [], confidence: "low" };
  const weights = (code: FactorCode) => config.scoring.factorWeights[code] ?? FACTORS.find((f) => f.code === code)!.weight;
  const counted = calcs.filter((c) => c.counted && c.report.score !== null);
  if (!counted.length) return { score: null, rawScore: null, grade: null, gradeLabel: "N/A (insufficient evidence)", gatesApplied: [], confidence: "low" };
  let num = 0, rawNum = 0, den = 0, covNum = 0, covDen = 0;
  for (const c of counted) {
    const w = weights(c.report.code) * c.kappa;
    num += w * c.report.score!;
    rawNum += w * (c.report.rawScore ?? c.report.score!);
    den += w;
  }
  for (const c of calcs) {
    if (c.report.status === "na" && !c.report.insufficient) continue;
    covNum += weights(c.report.code) * c.report.coverage;
    covDen += weights(c.report.code);
  }
  const score = round1(num / den);
  const rawScore = round1(rawNum / den);
  const confidence = confidenceOf(covDen ? covNum / covDen : 0);
  const gates: string[] = [];
  let grade = gradeOf(score);
  const allFindings = calcs.flatMap((c) => c.report.findings);
  if (allFindings.some((f) => !f.waived && f.severity === "critical" && f.confidence !== "low")) {
    gates.push("G1");
    grade = atMost(grade, "C");
  }
  if (counted.some((c) => displayedScore(c.report.score!) < 50)) {
    gates.push("G2");
    grade = atMost(grade, "B");
  }
  let label: string = grade;
  if (confidence === "low") {
    gates.push("G3");
    label = `${grade} (provisional)`;
  }
  return { score, rawScore, grade, gradeLabel: label, gatesApplied: gates, confidence };
}

export interface ScoreInput {
  units: readonly Unit[];
  results: readonly RuleResult[];
  config: ScannerConfig;
  repoKind: string;
}

export interface ScoreOutput {
  units: UnitReport[];
  factors: FactorReport[];
  overall: OverallScore;
  notices: Notice[];
}

export function scoreRepository(input: ScoreInput): ScoreOutput {
  const notices: Notice[] = [];
  const unitReports: UnitReport[] = [];
  const unitCalcs: FactorCalc[][] = [];
  for (const unit of input.units) {
    const own = input.results.filter((r) => r.unit === unit.path);
    const crossFindings = own.filter((r) => r.rule === "F04-EMBEDDED-BACKING-SERVICE" && r.status !== "na").flatMap((r) => r.findings);
    const stateResults = own.filter((r) => r.factor === "F06");
    const calcs = FACTORS.map((f) => computeFactor(f.code, own.filter((r) => r.factor === f.code), unit, input.config, notices, crossFindings, stateResults));
    unitCalcs.push(calcs);
    const overall = overallOf(calcs, input.config, unit.kind);
    unitReports.push({
      path: unit.path, kind: unit.kind, kindConfidence: unit.kindConfidence, ambiguous: unit.ambiguous, languages: [...unit.languages],
      frameworks: [...new Set(unit.frameworks.map((f) => f.id))], ...overall, loc: unit.loc,
      factors: calcs.map((c) => c.report), signals: [...unit.signals],
    });
  }
  if (unitReports.length === 1) {
    const u = unitReports[0];
    return { units: unitReports, factors: u.factors, overall: { score: u.score, rawScore: u.rawScore, grade: u.grade, gradeLabel: u.gradeLabel, gatesApplied: u.gatesApplied, confidence: u.confidence }, notices };
  }
  // Monorepo / multi-unit aggregation
  // scoring v7: a unit with no code of its own (a docker/ directory or a workspace root holding the Dockerfile and
  // compose file that deploy the product) describes how the product's services run; it weighs as much as the
  // largest service/worker unit instead of sqrt(1) (accuracy bench sessions 5a/5a2: docmost's root unit and
  // documenso's docker/ unit carried the VOLUME and the migrate-at-start findings and counted for nothing)
  const largestService = Math.max(1, ...unitReports.filter((u) => u.kind === "service" || u.kind === "worker").map((u) => u.loc));
  const weightOf = (u: UnitReport) => Math.sqrt(Math.max(1, u.loc === 0 && (u.kind === "service" || u.kind === "worker") ? largestService : u.loc));
  // scoring v8: the product, not the average of its parts. Humans judge what gets deployed: a deployable's
  // violation must not be averaged away by units that are never deployed by themselves (accuracy bench session
  // 5a: rallly II, the web app's undeclared imports diluted by ten passing workspace packages).
  // - an internal library (classification v2: built into a deployable, no publish signal of its own) is judged as
  //   part of the deployables that build it in: it is not a part of the average, and each such deployable's
  //   factor score is at most the library's (III–XII rules already see the library's files; I/II judge its
  //   manifest separately);
  // - when at least one deployable was judged on a factor, only deployables, published libraries and units that
  //   deploy themselves (a static site with its own Dockerfile or platform descriptor) make the repository's
  //   verdict; workspace tooling packages (tsconfig, test helpers) and frontends bundled into a server do not.
  const unitOfReport = new Map(input.units.map((u) => [u.path, u]));
  const isDeployable = (u: UnitReport) => u.kind === "service" || u.kind === "worker";
  const published = (u: UnitReport) => u.signals.some((x) => x.kind === "library" && x.points >= 3);
  const selfDeployed = (u: UnitReport) => u.signals.some((x) => x.kind !== "library" && x.kind !== "cli" && x.points >= 3 && x.deploy === "descriptor");
  const internalLib = (u: UnitReport) => u.kind === "library" && !published(u) && (unitOfReport.get(u.path)?.linkedBy?.length ?? 0) > 0;
  const reportByPath = new Map(unitReports.map((u) => [u.path, u]));
  /** A deployable's factor report with its internal libraries' verdicts folded in (the lowest judged score). */
  const withLibraries = (u: UnitReport, i: number): FactorReport => {
    const fr = u.factors[i];
    if (fr.score === null || !isDeployable(u)) return fr;
    const libs = (unitOfReport.get(u.path)?.links ?? []).map((p) => reportByPath.get(p)).filter((l): l is UnitReport => !!l && internalLib(l));
    const worst = libs.map((l) => l.factors[i]).filter((x) => x.score !== null && !x.insufficient).sort((a, b) => a.score! - b.score!)[0];
    if (!worst || worst.score! >= fr.score) return fr;
    // the library's verdict comes with its score: its status too, so a failing library makes the deployable fail
    // (the repository status rule below reads the part's status; keeping the deployable's own "partial" there
    // turned a failing internal library into a partial repository verdict)
    return { ...fr, score: worst.score, rawScore: Math.min(fr.rawScore ?? fr.score, worst.rawScore ?? worst.score!), cap: worst.cap ?? fr.cap, status: worst.status };
  };
  const factors: FactorReport[] = FACTORS.map((f, i) => {
    const candidates = unitReports.filter((u) => !internalLib(u)).map((u) => ({ u, fr: withLibraries(u, i) })).filter((p) => p.fr.score !== null);
    const productJudged = candidates.some((p) => isDeployable(p.u) && !p.fr.insufficient);
    const scoredParts = productJudged ? candidates.filter((p) => isDeployable(p.u) || published(p.u) || selfDeployed(p.u)) : candidates;
    // scoring v6: a unit with too little evidence for this factor (insufficient, RULES.md §4.4) does not pull
    // the repository's factor score when other units were judged on it (accuracy bench session 5a: docmost X,
    // a frontend unit judged on one absent CI deploy step scored 0 and turned the monorepo's X into fail)
    const judged = scoredParts.filter((p) => !p.fr.insufficient);
    const parts = judged.length ? judged : scoredParts;
    const all = unitReports.map((u) => u.factors[i]);
    const findings = dedupFindings(all.flatMap((fr) => fr.findings));
    const evidence = all.flatMap((fr) => fr.evidence);
    const rules = all.flatMap((fr, idx) => fr.rules.map((r) => ({ ...r, reason: r.reason ? `${unitReports[idx].path}: ${r.reason}` : unitReports[idx].path })));
    if (!parts.length) {
      return { id: f.id, code: f.code, name: f.name, score: null, rawScore: null, status: "na", confidence: "high", coverage: 0, cap: null, insufficient: all.some((x) => x.insufficient), reason: all[0]?.reason ?? "not applicable", findings, evidence, rules };
    }
    const wsum = parts.reduce((a, p) => a + weightOf(p.u), 0);
    const mean = round1(parts.reduce((a, p) => a + weightOf(p.u) * p.fr.score!, 0) / wsum);
    // scoring v9: V is a property of how the product is released and started: a rule cap on a deployable (migrations run
    // by the container's init at every start, a build at start) holds for the product however many other units pass —
    // not averaged away (accuracy bench session 6z: karakeep, the docker/ unit's s6 init-db-migration service starts
    // before web and workers; human V partial / scanner pass)
    // scoring v9 (session 8): IX likewise — a deployable that was read and does not drain on SIGTERM (the
    // F09-SIGTERM-HANDLING evidence cap: no handler, SIGINT only) drops its in-flight work on every deploy however well
    // the other deployables stop (accuracy bench session5z: linkwarden, the worker handles SIGINT only; human IX partial)
    // Only deployables with a start command of their own (an entrypoint or start command was judged): a unit with none
    // (Lavalink's plugin-api, a library classified as a service) is not started by itself
    const noDrain = (fr: FactorReport) => fr.cap !== null && fr.rules.some((r) => r.id === "F09-SIGTERM-HANDLING" && r.score !== null && r.score <= 0.5 && r.confidence !== "low" && r.status !== "na") &&
      fr.rules.some((r) => (r.id === "F09-SIGNAL-SAFE-ENTRYPOINT" || r.id === "F09-SLOW-STARTUP-WORK") && r.status !== "na");
    // scoring v14: VI likewise — a deployable that keeps state on its instance (a VI cap: an embedded datastore, local
    // uploads or sessions, an app data volume) makes the product stateful however stateless its other parts are; a
    // code-less deploy unit (docker/) or a second service must not average it away (accuracy bench: kellnr, rauthy,
    // SQLPage, pocket-id, bitwarden-server — human VI partial or fail, scanner pass on the mean)
    // scoring v15 (session 16: peppermint, whose API writes its log to ./logs.log while the web front end and a landing
    // page log to the console; human XI fail): XI likewise — a deployable whose own code logs to files (the F11 cap, a
    // file sink in a source file: not a packaging recipe or a dev tool's script, homarr) keeps the product's event
    // stream off stdout however the other units log
    const codeFileSink = (fr: FactorReport) => fr.findings.some((x) => x.rule === "F11-FILE-LOG-SINK" && !x.waived && x.confidence !== "low" && SOURCE_CODE_RE.test(x.path ?? ""));
    const deployCaps = f.code === "F05" || f.code === "F06" || f.code === "F11" ? parts.filter((p) => isDeployable(p.u) && !p.fr.insufficient && p.fr.cap !== null && (f.code !== "F11" || codeFileSink(p.fr))).map((p) => p.fr.cap!)
      : f.code === "F09" ? parts.filter((p) => isDeployable(p.u) && !p.fr.insufficient && noDrain(p.fr)).map((p) => Math.min(p.fr.cap!, EVIDENCE_CAPS["F09-SIGTERM-HANDLING"].cap)) : [];
    // scoring v10: II — when every judged deployable is capped (each image installs its runtime dependencies outside an
    // exact lock), the product is capped too: published libraries of the workspace do not lift how the deployed
    // processes get their dependencies (accuracy bench session6y: Flowise, docker/server/ui/api-documentation all capped
    // at 75 by a non-frozen `pnpm install`, averaged to 84.9 with three published packages; human II partial)
    const deployedII = f.code === "F02" ? parts.filter((p) => isDeployable(p.u) && !p.fr.insufficient) : [];
    if (deployedII.length && deployedII.every((p) => p.fr.cap !== null)) deployCaps.push(Math.max(...deployedII.map((p) => p.fr.cap!)));
    const score = deployCaps.length ? Math.min(mean, ...deployCaps) : mean;
    const rawScore = round1(parts.reduce((a, p) => a + weightOf(p.u) * (p.fr.rawScore ?? p.fr.score!), 0) / wsum);
    const coverage = round1((parts.reduce((a, p) => a + weightOf(p.u) * p.fr.coverage, 0) / wsum) * 100) / 100;
    const caps = parts.map((p) => p.fr.cap).filter((c): c is number => c !== null);
    // scoring v9: IV — when a deployable service's default datastore is embedded (F04-EMBEDDED-BACKING-SERVICE
    // `defaultDatastore`, capped at partial in its unit), the product keeps its data in a local file out of the box,
    // whatever its other parts score: a code-less deploy unit (docker/ with the compose file, weighing as much as the
    // largest service) must not average that cap away (accuracy bench session6z: karakeep IV human partial, scanner
    // pass at 79.8 — apps/web and apps/workers 75, the docker/ unit 88)
    const defaultEmbedded = f.code === "F04" && parts.some((p) => isDeployable(p.u) && p.fr.cap !== null && p.fr.cap <= DEFAULT_EMBEDDED_DATASTORE_CAP &&
      p.fr.findings.some((x) => x.rule === "F04-EMBEDDED-BACKING-SERVICE" && !x.waived && x.confidence === "high" && x.data?.defaultDatastore === true));
    if (defaultEmbedded && score > DEFAULT_EMBEDDED_DATASTORE_CAP) {
      return {
        id: f.id, code: f.code, name: f.name, score: DEFAULT_EMBEDDED_DATASTORE_CAP, rawScore: Math.min(rawScore, DEFAULT_EMBEDDED_DATASTORE_CAP), status: statusOf(DEFAULT_EMBEDDED_DATASTORE_CAP), confidence: confidenceOf(coverage), coverage,
        cap: DEFAULT_EMBEDDED_DATASTORE_CAP, insufficient: parts.every((p) => p.fr.insufficient), findings, evidence, rules,
      };
    }
    return {
      // scoring v8: the repository status follows the score, except that it is never "fail" when no unit that
      // decides it fails — a unit only "partial" on missing evidence (absence-only, RULES.md §0.1) keeps that
      // softening in the repository verdict (session6y: Lavalink VII was partial in its only service unit, fail
      // for the repository)
      id: f.id, code: f.code, name: f.name, score, rawScore, status: statusOf(score) === "fail" && !parts.some((p) => p.fr.status === "fail") ? "partial" : statusOf(score), confidence: confidenceOf(coverage), coverage,
      cap: caps.length ? Math.min(...caps) : null, insufficient: parts.every((p) => p.fr.insufficient), findings, evidence, rules,
    };
  });
  const scored = unitReports.filter((u) => u.score !== null);
  let overall: OverallScore;
  if (!scored.length) {
    overall = { score: null, rawScore: null, grade: null, gradeLabel: "N/A", gatesApplied: [], confidence: "low" };
  } else {
    const wsum = scored.reduce((a, u) => a + weightOf(u), 0);
    const score = round1(scored.reduce((a, u) => a + weightOf(u) * u.score!, 0) / wsum);
    const rawScore = round1(scored.reduce((a, u) => a + weightOf(u) * (u.rawScore ?? u.score!), 0) / wsum);
    let grade = gradeOf(score);
    const gates: string[] = [];
    if (unitReports.some((u) => u.factors.some((fr) => fr.findings.some((x) => !x.waived && x.severity === "critical" && x.confidence !== "low")))) {
      gates.push("G1");
      grade = atMost(grade, "C");
    }
    if (scored.some((u) => u.gatesApplied.includes("G2") || u.factors.some((fr) => fr.score !== null && !fr.insufficient && displayedScore(fr.score) < 50))) {
      gates.push("G2");
      grade = atMost(grade, "B");
    }
    const confRank = scored.reduce((a, u) => a + weightOf(u) * (u.confidence === "high" ? 1 : u.confidence === "medium" ? 0.55 : 0.2), 0) / wsum;
    const confidence: Confidence = confRank >= 0.7 ? "high" : confRank >= 0.4 ? "medium" : "low";
    if (confidence === "low") gates.push("G3");
    overall = { score, rawScore, grade, gradeLabel: confidence === "low" ? `${grade} (provisional)` : grade, gatesApplied: gates, confidence };
  }
  void unitCalcs;
  return { units: unitReports, factors, overall, notices };
}
