// SD-2 path roles, environment tags and language detection. Pure functions of the path (and, for
// generated-code markers, the first lines of the content).
import type { EnvTag, Language, PathRole } from "../types.ts";

const VENDOR_SEGMENTS = new Set([
  "node_modules", "vendor", "third_party", "third-party", "bower_components", ".venv", "venv",
  "site-packages", "dist", "build", "target", "out", ".next", ".nuxt", "coverage", "__pycache__",
  ".yarn", ".pnpm-store", ".gradle", ".terraform", ".svelte-kit", ".turbo", ".cache", ".output",
  "jspm_packages", "Pods", ".bundle", ".tox", ".mypy_cache", ".pytest_cache",
  // session 20 (trigger.dev internal-packages/webhook-sources/src/generated/hookdeck-samples.json, captured sample
  // payloads with card tokens): directories that hold generated output by name
  "generated", "__generated__",
]);
const VENDOR_FILE_RE =
  /(\.gen\.[cm]?[jt]sx?|_gen\.go|\.min\.(js|css|mjs)|\.bundle\.js|\.map|\.pb\.go|_pb2(_grpc)?\.py|\.g\.cs|\.Designer\.cs|\.generated\.\w+|\.pnp\.c?js|\.pnp\.loader\.mjs)$/i;
// session 12: the sbt launcher script a repository commits next to build.sbt (`./sbt`, sbt-extras / sbt.bat), like gradlew
const VENDOR_NAMES = new Set(["gradlew", "gradlew.bat", "mvnw", "mvnw.cmd", "sbt", "sbt.bat"]);

const TEST_SEGMENTS = new Set([
  "test", "tests", "__tests__", "spec", "specs", "testdata", "test-data", "test_data", "fixtures",
  "__fixtures__", "__mocks__", "e2e", "cypress", "playwright", "testing", "integration-tests",
  // test resource directories next to the code they test (Go `internal/configuration/test_resources/`: authelia)
  "test_resources", "test-resources", "testresources",
  // session 8: suite directories named for their kind of test (karakeep packages/e2e_tests/, authelia internal/suites/
  // — the docker-compose integration suites with their own PKI and example manifests)
  "e2e_tests", "e2e-tests", "integration_tests", "functional_tests", "functional-tests", "acceptance_tests", "acceptance-tests", "suites",
  // session 12 (django-DefectDojo `unittests/`, whose scans/ hold sample reports in many languages): unit-test roots
  "unittests", "unit_tests", "unit-tests",
  // session 25 (duplicati's `Duplicati/UnitTest/` NUnit project): the singular forms
  "unittest", "unit_test", "unit-test", "integrationtest", "integrationtests",
  // session 25 (supertokens-core's stress-tests/: a compose file, secrets and scripts of a load harness)
  "stress-tests", "stress_tests", "stresstests", "stress-test", "perf-tests", "performance-tests", "load-tests", "load_tests", "loadtests",
  // benchmark and profiling harnesses exercise the code like tests; they are not on the production path
  "bench", "benchmark", "benchmarks", "profiling",
  // session 10: Go test-helper packages (`testutil`, `testhelpers`, ory's `dockertest` wrappers that start databases for
  // tests) and test stub directories (kratos `driver/config/stub/` configs loaded only by its tests)
  "testutil", "testutils", "testhelper", "testhelpers", "test_helpers", "test-helpers", "dockertest", "stub", "stubs",
  // session 19 (gotosocial `testrig/`: test models with OAuth client secrets, a test server and workers started in tests)
  "testrig", "testkit", "testsupport", "test_support", "test-support",
]);
// session 21 (session27d: logto's connector `src/mock.ts` files hold sample private keys and API keys for the connector
// tests): JS/TS mock modules (mock.ts, mocks.ts, *.mock.ts) and Go mock files (mock_*.go, *_mock.go) are test support
const TEST_FILE_RE =
  /(^mocks?\.[cm]?[jt]sx?$|\.mocks?\.[cm]?[jt]sx?$|^mock_\w+\.go$|_mock\.go$|\.(test|spec|e2e-spec|cy)\.[cm]?[jt]sx?$|_test\.go$|^test_.*\.py$|_test\.py$|^tests?\.py$|^conftest\.py$|Tests?\.(java|kt|cs|scala)$|IT\.java$|_spec\.rb$|_test\.rb$|Test\.php$|\.test\.\w+$|^test_?helpers?\.go$)/;

/** push-examples/, code_samples/, examples-go/ … : directories of example snippets, not the app. */
// (several prefix words too: xxl-job-executor-samples/, spring-boot-samples/)
const EXAMPLE_SEGMENT_RE = /^([a-z0-9]+[-_]){0,4}(examples|samples)([-_][\w]+)?$/i;
const EXAMPLE_SEGMENTS = new Set([
  "example", "examples", "sample", "samples", "demo", "demos", "doc", "docs", "documentation",
  "website", "tutorial", "tutorials", "_examples",
]);
/** Prose documentation files (Markdown, MDX, reStructuredText, AsciiDoc). */
export const PROSE_RE = /\.(md|mdx|markdown|rst|adoc|asciidoc)$/i;
const NON_PROSE_TXT_RE = /^(requirements.*|constraints.*|runtime|Aptfile|robots|LICENSE|NOTICE|CMakeLists)\.txt$/i;

const DEV_FILE_RE = [
  /^docker-compose\.override\.ya?ml$/i,
  /^compose\.override\.ya?ml$/i,
  /^(docker-)?compose[._-](dev|development|local)[\w.-]*\.ya?ml$/i,
  /^Tiltfile$/,
  /^Vagrantfile$/,
  /^\.env\.(development|dev|local)(\.local)?$/i,
  /^settings[_/.-]?(dev|local|development)\w*\.py$/i,
  /^(dev|local|development)(_settings)?\.py$/i,
  /^application-(dev|local|development)[\w-]*\.(ya?ml|properties)$/i,
  /^appsettings\.Development\.json$/i,
  /^Dockerfile[._-](dev|development|local)$/i,
  /^(dev|development|local)\.Dockerfile$/i,
  /^skaffold\.ya?ml$/i,
  /^devbox\.json$/i,
];
const DEV_PATH_RE = [
  /(^|\/)\.devcontainer\//,
  /(^|\/)config\/environments\/development\.rb$/,
  /(^|\/)settings\/(dev|local|development)\w*\.py$/,
];

const ENV_TOKENS: [RegExp, EnvTag][] = [
  [/^(prod|production|prd|live)$/i, "prod"],
  [/^(stag|staging|stage|preprod|pre-prod|uat|qa)$/i, "staging"],
  [/^(dev|development|local)$/i, "dev"],
];
const TEST_ENV_TOKENS = /^(test|testing|ci)$/i;
const CONFIG_EXT_RE = /\.(ya?ml|json|toml|properties|env|ini|cfg|conf|tfvars|rb|py|exs|php|ts|js|xml)$/i;

export function basename(path: string): string {
  const i = path.lastIndexOf("/");
  return i === -1 ? path : path.slice(i + 1);
}
export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i === -1 ? "." : path.slice(0, i);
}
/** `p` resolved against the directory `base` (repository-relative, normalised, "." for the root). */
export function resolvePath(base: string, p: string): string {
  const out: string[] = [];
  for (const seg of `${base}/${p}`.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === ".." && out.length && out[out.length - 1] !== "..") out.pop();
    else out.push(seg);
  }
  return out.join("/") || ".";
}

function isComposeName(name: string): boolean {
  return /^(docker-)?compose([._-][\w.-]+)?\.ya?ml$/i.test(name);
}

const BUILD_OUTPUT_SEGMENTS = new Set(["dist", "build", "out", ".next", ".nuxt", ".output", ".svelte-kit"]);
const BUILD_OUTPUT_TEXT_RE = /\.([cm]?js|json|ya?ml|properties|env|ini|toml|conf|py|rb|php|xml)$/i;

/**
 * Committed build output (`dist/`, `build/` …) with no third-party segment above it: vendored for every
 * rule, but read for secrets only (a compiled `dist/config.js` keeps the literal its gitignored source had).
 * Text formats that carry config only; minified bundles and source maps are excluded by isVendorPath's file
 * patterns being checked here too.
 */
export function isBuildOutputPath(path: string): boolean {
  const segs = path.split("/");
  const name = segs[segs.length - 1];
  let build = false;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i];
    if (BUILD_OUTPUT_SEGMENTS.has(s)) build = true;
    else if (VENDOR_SEGMENTS.has(s) || s.endsWith(".dist-info") || s.endsWith(".egg-info")) return false;
  }
  return build && BUILD_OUTPUT_TEXT_RE.test(name) && !VENDOR_FILE_RE.test(name) && !VENDOR_NAMES.has(name);
}

/** True when the path is vendored or build output by path alone (never read, except isBuildOutputPath for secrets). */
export function isVendorPath(path: string): boolean {
  const segs = path.split("/");
  const name = segs[segs.length - 1];
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i];
    if (VENDOR_SEGMENTS.has(s) || s.endsWith(".dist-info") || s.endsWith(".egg-info")) return true;
  }
  if (VENDOR_NAMES.has(name)) return true;
  if (/(^|\/)\.mvn\/wrapper\//.test(path)) return true;
  return VENDOR_FILE_RE.test(name);
}

// The bare marker is upper-case only (`// DO NOT EDIT`): a prose warning such as "Do not edit this file unless
// you're happy to maintain any changes yourself" (BookStack's app/Config/*.php) marks hand-written config, not
// generated code.
// session 20 (hatchet's sdks/python REST client): OpenAPI Generator / Swagger Codegen output ("Generated by OpenAPI
// Generator (https://openapi-generator.tech)", "auto generated by the swagger code generator program")
const GENERATED_RE = /(Code generated .{0,120}DO NOT EDIT|@generated|<auto-generated|this file (was|is|has been) (automatically |auto-?)generated|automatically generated by|generated by (the )?openapi[- ]generator|auto[- ]?generated by (the )?swagger code ?gen)/i;
const GENERATED_BARE_RE = /\bDO NOT EDIT\b/;
const LOCKFILE_NAMES = new Set([
  "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb",
  "Pipfile.lock", "poetry.lock", "uv.lock", "pdm.lock", "pylock.toml", "Cargo.lock", "Gemfile.lock",
  "composer.lock", "go.sum", "packages.lock.json", "gradle.lockfile", ".terraform.lock.hcl", "deno.lock",
  "conda-lock.yml", "mix.lock",
]);
export function isLockfileName(name: string): boolean {
  return LOCKFILE_NAMES.has(name);
}

/** Dependency manifest file names (SD-7; snapshot/manifests.ts parses them). */
export const MANIFEST_NAME_RE =
  /^(package\.json|pyproject\.toml|setup\.py|setup\.cfg|requirements[\w.-]*\.(txt|in)|Pipfile|environment\.ya?ml|go\.mod|pom\.xml|build\.gradle(\.kts)?|Gemfile|[\w.-]+\.gemspec|composer\.json|[\w.-]+\.(csproj|fsproj|vbproj)|packages\.config|Cargo\.toml|deno\.jsonc?|mix\.exs|[\w.-]+\.sbt)$/;
/** pip requirement files kept in a requirements/ directory (requirements/base.txt, requirements/production.txt). */
export const REQUIREMENTS_DIR_RE = /(^|\/)requirements\/[\w.-]+\.(txt|in)$/;
export function isManifestPath(path: string): boolean {
  return MANIFEST_NAME_RE.test(basename(path)) || REQUIREMENTS_DIR_RE.test(path);
}

/**
 * SD-2 generated-code marker in the first five lines. Lockfiles and dependency manifests are excluded: Cargo/Poetry mark
 * lockfiles @generated, and pip-compile / pigar write "This file is autogenerated by …" into the requirements.txt that
 * is the app's manifest (session 16: archivy, taiga-back, indico, etesync-server, CTFd and Spoolman had their
 * requirements skipped as generated code, so their runtime dependencies and web framework went unseen).
 */
export function hasGeneratedMarker(path: string, head: string): boolean {
  if (LOCKFILE_NAMES.has(basename(path)) || isManifestPath(path)) return false;
  const firstLines = head.split("\n", 10).join("\n");
  return GENERATED_RE.test(firstLines) || GENERATED_BARE_RE.test(firstLines);
}

/**
 * Session 10: a Go file outside `_test.go` that imports the standard `testing` package is test support (helpers that
 * start httptest servers or databases for the tests: kratos `pkg/driver.go`); production code never imports it.
 */
export function isGoTestSupport(path: string, head: string): boolean {
  if (!path.endsWith(".go") || path.endsWith("_test.go")) return false;
  // linear scans only (the file head is untrusted input): import blocks, then single-line imports
  for (const m of head.matchAll(/^import\s*\(([^)]*)\)/gm)) if (/^\s*(?:\w+\s+)?"testing"\s*$/m.test(m[1])) return true;
  return /^import\s+(?:\w+\s+)?"testing"\s*$/m.test(head);
}

/**
 * Session 26 (fresh set session32d: simple-login's root `oauth_tester.py` opens with the docstring "This is an example on
 * how to integrate SimpleLogin with Requests-OAuthlib" and signs its demo Flask session with a literal key; human III
 * pass / scanner fail): a source file whose leading docstring or comment says that the file is an example, demo or sample
 * is example code, wherever it sits. Only the first sentence of the first comment or docstring counts (after a shebang or
 * an encoding line), and only when it describes the file itself ("This is an example …", "An example of …", "Demo of …").
 */
const EXAMPLE_HEADER_RE = /^(?:#![^\n]*\n)?(?:#[^\n]*coding[:=][^\n]*\n)?\s*(?:"{3}|'{3}|\/\*\*?|\/\/+|#+)\s*(?:\*\s*)?(?:this (?:file |script |module )?is an? (?:simple |small |minimal |basic )?(?:example|demo|sample)\b|an? (?:simple |small |minimal |basic )?(?:example|demo|sample) (?:of|on|showing|for|that|to)\b|(?:example|demo|sample) (?:of|on|showing)\b)/i;
const EXAMPLE_HEADER_EXT_RE = /\.(py|[cm]?[jt]sx?|go|rb|php|java|kt|cs|rs|ex|exs)$/i;
export function isExampleByHeader(path: string, head: string): boolean {
  return EXAMPLE_HEADER_EXT_RE.test(path) && EXAMPLE_HEADER_RE.test(head);
}

/** SD-2 role of a path. `generated` comes from hasGeneratedMarker on the content. */
export function pathRole(path: string, generated = false): PathRole {
  if (generated || isVendorPath(path)) return "vendor";
  const segs = path.split("/");
  const name = segs[segs.length - 1];
  let dirs = segs.slice(0, -1);
  // JVM source trees: directories below src/main/<lang>/ are package names (org/example/samples/…), not roles
  const jvm = dirs.findIndex((d, i) => d === "main" && dirs[i - 1] === "src" && /^(java|kotlin|scala|groovy|resources)$/.test(dirs[i + 1] ?? ""));
  if (jvm !== -1) dirs = dirs.slice(0, jvm + 2);
  for (const d of dirs) {
    const l = d.toLowerCase();
    // benchmark projects (API.Benchmark, benchmarks/) are measurement harnesses, not production code (session 5c2)
    if (TEST_SEGMENTS.has(l) || /\.(Tests?|Benchmarks?)$/.test(d) || l === "benchmark" || l === "benchmarks" || /^(tests?|e2e|ci)[-_](env|envs|environments?|setup|harness|fixtures?|data|utils?|support|config|configs)$/.test(l)) return "test";
  }
  if (/(^|\/)src\/test\//.test(path)) return "test";
  if (TEST_FILE_RE.test(name)) return "test";
  for (const d of dirs) if (EXAMPLE_SEGMENTS.has(d.toLowerCase()) || EXAMPLE_SEGMENT_RE.test(d)) return "example";
  if (PROSE_RE.test(name)) return "example";
  if (/\.txt$/i.test(name) && !NON_PROSE_TXT_RE.test(name) && !/(^|\/)requirements\/[\w.-]+\.txt$/.test(path)) return "example";
  if (DEV_FILE_RE.some((re) => re.test(name)) || DEV_PATH_RE.some((re) => re.test(path))) return "dev";
  return "source";
}

/**
 * SD-2 environment tag from name tokens. Directory tokens count for any file; file-name tokens
 * only for configuration-like files (so `src/stage.ts` is not "staging").
 */
export function envTag(path: string): EnvTag | null {
  const segs = path.split("/");
  const name = segs[segs.length - 1];
  const role = pathRole(path);
  if (role === "dev") return "dev";
  const nameTokens = name.split(/[._\-]+/);
  const configLike = CONFIG_EXT_RE.test(name) || /^Dockerfile/i.test(name) || /^\.env/.test(name) || isComposeName(name);
  const check = (tokens: string[], allowTest: boolean): EnvTag | null => {
    for (const t of tokens) {
      for (const [re, tag] of ENV_TOKENS) if (re.test(t)) return tag;
      if (allowTest && TEST_ENV_TOKENS.test(t)) return "test";
    }
    return null;
  };
  const codeExt = /\.(rb|py|exs|php|ts|js)$/i.test(name);
  const inConfigDir = /(^|\/)(config|configs|settings|environments?|envs?)\//i.test(path);
  if (configLike && !(codeExt && nameTokens.length <= 2 && !inConfigDir)) {
    const t = check(nameTokens.slice(0, -1).length ? nameTokens.slice(0, -1) : nameTokens, true);
    if (t) return t;
    // `.env.production`: the last token is the env
    if (/^\.env\./.test(name)) {
      const last = check([nameTokens[nameTokens.length - 1]], true);
      if (last) return last;
    }
  }
  for (let i = segs.length - 2; i >= 0; i--) {
    const t = check(segs[i].split(/[._\-]+/), false);
    if (t) return t;
  }
  return null;
}

const EXT_LANG: Record<string, Language> = {
  js: "javascript", mjs: "javascript", cjs: "javascript", jsx: "javascript",
  ts: "typescript", mts: "typescript", cts: "typescript", tsx: "typescript",
  py: "python", pyw: "python", pyi: "python",
  go: "go", java: "java", kt: "kotlin", kts: "kotlin", rb: "ruby", rake: "ruby", gemspec: "ruby",
  php: "php", cs: "csharp", rs: "rust", sh: "shell", bash: "shell", zsh: "shell",
  yml: "yaml", yaml: "yaml", json: "json", jsonc: "json", json5: "json", toml: "toml",
  xml: "xml", csproj: "xml", fsproj: "xml", vbproj: "xml", props: "xml", targets: "xml", config: "xml",
  tf: "hcl", tfvars: "hcl", hcl: "hcl", properties: "properties", ini: "ini", cfg: "ini",
  md: "markdown", mdx: "markdown", markdown: "markdown", rst: "text", adoc: "text", txt: "text",
  html: "html", htm: "html", css: "css", scss: "css", sass: "css", less: "css", sql: "sql",
  groovy: "groovy", gradle: "groovy", dockerfile: "dockerfile", mk: "makefile", erb: "ruby",
  vue: "javascript", svelte: "javascript",
  // session 11 (hexpm): Elixir sources and scripts (mix.exs, config/*.exs, priv/repo/migrations/*.exs, test/*_test.exs)
  ex: "elixir", exs: "elixir",
  // session 12 (sbt support): Scala sources, Scala scripts and sbt build definitions (build.sbt, project/*.sbt)
  scala: "scala", sc: "scala", sbt: "scala",
};

export function detectLanguage(path: string, head?: string): Language | null {
  const name = basename(path);
  if (/^(Dockerfile|Containerfile)([._-].*)?$/i.test(name)) return "dockerfile";
  if (/^(Gemfile|Rakefile|Guardfile|Podfile|Vagrantfile|config\.ru)$/.test(name)) return "ruby";
  if (/^(Makefile|GNUmakefile|makefile)$/.test(name)) return "makefile";
  if (name === "Jenkinsfile") return "groovy";
  if (/^\.env(\..+)?$/.test(name) || name.endsWith(".env")) return "dotenv";
  if (name === "Procfile" || /^Procfile\./.test(name)) return "text";
  if (name === "Pipfile") return "toml";
  if (name === "go.mod" || name === "go.sum" || name === "go.work") return "text";
  const dot = name.lastIndexOf(".");
  if (dot > 0) {
    const lang = EXT_LANG[name.slice(dot + 1).toLowerCase()];
    if (lang) return lang;
  }
  if (head && head.startsWith("#!")) {
    const first = head.slice(0, head.indexOf("\n") === -1 ? head.length : head.indexOf("\n"));
    if (/\b(node|deno|bun|tsx|ts-node)\b/.test(first)) return "javascript";
    if (/\bpython[0-9.]*\b/.test(first)) return "python";
    if (/\bruby\b/.test(first)) return "ruby";
    if (/\bphp\b/.test(first)) return "php";
    if (/\b(ba|z|da|k)?sh\b/.test(first)) return "shell";
  }
  return null;
}

/** Extensions never worth reading (binary formats). */
export const BINARY_EXT_RE =
  /\.(png|jpe?g|gif|bmp|ico|icns|webp|avif|tiff?|psd|pdf|docx?|xlsx?|pptx?|odt|ods|zip|gz|tgz|bz2|xz|7z|rar|tar|jar|war|ear|class|so|dylib|dll|exe|bin|o|a|lib|wasm|woff2?|ttf|otf|eot|mp3|mp4|m4a|mov|avi|mkv|webm|ogg|wav|flac|sqlite3?|db|pyc|pyo|dat|pack|idx|keystore|jks|p12|pfx|der|lockb)$/i;

export const SOURCE_LANGUAGES: ReadonlySet<Language> = new Set([
  "javascript", "typescript", "python", "go", "java", "kotlin", "ruby", "php", "csharp", "rust", "elixir", "scala",
]);
