import { defineRule, type RuleContext } from "./define-rule.ts";
import { ENV_BOUND_CONFIG_FRAMEWORKS, ENV_BOUND_CONFIG_RE, envReads, isToolingFile, PLATFORM_ENV_RE } from "../detectors/env-reads.ts";
import type { Language } from "../types.ts";

/** v3: a module whose path names it the app's configuration (config.go, settings.py, lib/config/index.ts). */
const CONFIG_MODULE_RE = /(^|\/|_)(config|configs|configuration|settings|conf)(\/|[._-]|$)/i;

/** Runtime loaders of a structured configuration file (YAML/JSON/XML/TOML/INI/JS module) by language. */
const LOADERS: { langs: Language[]; re: RegExp; what: string; /** v3: only in a configuration module (the path names config/settings) */ pathRe?: RegExp }[] = [
  { langs: ["javascript", "typescript"], re: /\b(?:yaml|YAML|jsYaml|yml)\.(?:load|parse|safeLoad)\s*\(\s*(?:await\s+)?(?:fs\.)?(?:readFileSync|readFile)\s*\(/, what: "YAML config file" },
  { langs: ["javascript", "typescript"], re: /\brequire\s*\(\s*(?:path\.(?:resolve|join)\s*\()?\s*\w*(?:config|Config|settings|Settings)\w*(?:Path|File|Dir|Home)\b/, what: "JS config module from a config path" },
  { langs: ["java", "kotlin", "scala"], re: /\.loadFromXML\s*\(/, what: "XML properties config file" },
  { langs: ["python"], re: /\bconfigparser\.(?:ConfigParser|RawConfigParser)\s*\(/, what: "INI config file" },
  { langs: ["python"], re: /\byaml\.safe_load\s*\(\s*open\s*\(|\btoml(?:lib)?\.load\s*\(\s*open\s*\(/, what: "YAML/TOML config file" },
  { langs: ["go"], re: /\btoml\.DecodeFile\s*\(|\bini\.Load\s*\(/, what: "TOML/INI config file" },
  { langs: ["ruby"], re: /\bYAML\.load_file\s*\(/, what: "YAML config file" },
  // v3 (session 20): the generic decoders, inside a configuration module (blocky's config.LoadConfig reading the
  // YAML file with os.ReadFile + yaml.Unmarshal, glances' `ConfigParser()`, homebridge's JSON.parse(readFileSync))
  { langs: ["go"], re: /\b(?:yaml|toml)\.(?:Unmarshal|UnmarshalStrict|NewDecoder)\s*\(/, what: "YAML/TOML config file", pathRe: CONFIG_MODULE_RE },
  { langs: ["python"], re: /(?<![.\w])(?:Raw|Safe)?ConfigParser\s*\(/, what: "INI config file" },
  { langs: ["python"], re: /\byaml\.(?:safe_load|load|full_load)\s*\(/, what: "YAML config file", pathRe: CONFIG_MODULE_RE },
  { langs: ["javascript", "typescript"], re: /\bJSON\.parse\s*\(\s*(?:await\s+)?(?:fs\.|fse\.)?(?:readFileSync|readFile)\s*\(/, what: "JSON config file", pathRe: CONFIG_MODULE_RE },
];

/**
 * Env names that are not the app's own deploy configuration: the config file's location, logging, build metadata,
 * test switches, proxies, editors, systemd socket activation.
 */
const NOT_APP_CONFIG_RE = /(^|_)(HOME|DIR|DIRECTORY|PATH|FILE|ROOT|FOLDER)$|CONFIG|^LOG_|_LOG_LEVEL$|_DEBUG|^(EDITOR|VISUAL|PAGER|NOTIFY_SOCKET|WATCHDOG_\w+|LISTEN_PID|LISTEN_FDS|http_proxy|https_proxy|no_proxy|HTTP_PROXY|HTTPS_PROXY|NO_PROXY)$|VERSION|REVISION|BUILD|COMMIT|^NEXT_PUBLIC_|TEST|^(TZ|NO_COLOR|FORCE_COLOR|TERM|COLUMNS|LINES|LANG|LANGUAGE|LC_\w+|GOCOVERDIR|PYTHONUNBUFFERED|PYTHONDONTWRITEBYTECODE)$/i;

/** Config layers that bind an environment variable to every key (shared list in detectors/env-reads.ts), plus framework settings modules. */
const DERIVED_ENV_FRAMEWORKS: ReadonlySet<string> = new Set([...ENV_BOUND_CONFIG_FRAMEWORKS, "rails", "laravel", "symfony", "django"]);
/**
 * …plus config layers that read the whole environment or interpolate it into the file. v5: Go's `os.Environ()` only when
 * it is iterated or parsed (`range os.Environ()`, `parseEnv(os.Environ())`), not handed to a child process
 * (AdGuardHome's self-update `syscall.Exec(execPath, os.Args, os.Environ())`).
 */
const DERIVED_ENV_EXTRA_RE = /\bnconf\.(?:argv\(\)\.)?env\s*\(|\bEnvVars\s*:|\brange\s+os\.Environ\s*\(\)|\b\w*(?:[Pp]arse|[Ll]oad|[Ff]rom)\w*\s*\(\s*os\.Environ\s*\(\)|\bos\.environ\.items\s*\(|Object\.(?:keys|entries)\s*\(\s*process\.env\s*\)|EnvInterpolation|\benviron_name\s*=|\$\{ENV:/;
const derivesEnv = (code: string) => ENV_BOUND_CONFIG_RE.test(code) || DERIVED_ENV_EXTRA_RE.test(code);

/**
 * v4 (session 24; accuracy bench osTicket, YOURLS, easyappointments, filegator, ampache, phpMyFAQ III human fail / scanner
 * pass, phpipam partial / pass): PHP apps without an env-bound framework ship a config *template* — `config-sample.php`,
 * `config.dist.php`, `ost-sampleconfig.php`, `database.php.original`, `config.inc.php.sample`, `configuration_sample.php`
 * — that the installer (or the operator) copies to an untracked `config.php` the code includes. The database
 * credentials, salts and URLs then live in a PHP file on the instance, not in the environment.
 */
const PHP_TEMPLATE_RES: { re: RegExp; target: (m: RegExpExecArray) => string }[] = [
  { re: /^(.+\.php)\.(?:dist|sample|example|original|orig|template|tpl|default)$/i, target: (m) => m[1] },
  { re: /^(.+?)[-_.](?:sample|dist|example|default|template)\.php$/i, target: (m) => `${m[1]}.php` },
  { re: /^(.*?)sample(.+\.php)$/i, target: (m) => m[1] + m[2] },
];
/** The template names the app's own configuration (not a plugin's, a dev tool's or a test's). */
const PHP_CONFIG_NAME_RE = /(config|conf|cfg|settings|database)/i;
const PHP_TEMPLATE_SKIP_RE = /(^|\/)(vendor|node_modules|tests?|spec|plugins?|modules|extensions|docs?|examples?|\.[\w-]+)\//i;
const PHP_NON_DEPLOY_NAME_RE = /(^|[-_.])(dev|development|test|testing|local|ci|e2e|docker)([-_.]|$)/i;
/** Request and CGI variables of `$_SERVER`, not configuration. */
const PHP_REQUEST_VAR_RE = /^(HTTP_|REQUEST_|SERVER_|SCRIPT_|REMOTE_|DOCUMENT_|PHP_|CONTENT_|QUERY_STRING$|PATH_INFO$|HTTPS$|ORIG_|REDIRECT_|argv$|argc$)/;
/**
 * `getenv('GROCY_' . $name)`, `$_ENV['APP_' . $key]`: a prefixed lookup that binds an environment variable to every key.
 * A bare `getenv($key)` is a helper (CodeIgniter's env(), phpipam's file_env()) whose callers name the variables.
 */
const PHP_DYNAMIC_ENV_RE = /\bgetenv\s*\(\s*['"]\w+['"]\s*\.\s*\$|\$_ENV\s*\[\s*['"]\w+['"]\s*\.\s*\$/;
/** The installer reads the environment to write the config file (phpMyFAQ's InstallCommand): that binds nothing at runtime. */
const PHP_INSTALLER_PATH_RE = /(install|setup)/i;
/** A Docker variant of the config file shipped beside the template (phpipam's config.docker.php). */
const PHP_DOCKER_VARIANT_RE = /^(?=.*(config|conf|settings))(?=.*docker).*\.php$/i;

/** The setting names a PHP config template defines: constants, `$config['key'] =`, `'key' =>`, INI `key =`. */
function phpTemplateKeys(text: string): Set<string> {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*(?:\/\/|#|;).*$/gm, "");
  const keys = new Set<string>();
  const norm = (k: string) => k.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  for (const re of [/\bdefine\s*\(\s*['"]([A-Za-z0-9_]+)['"]/g, /\bconst\s+([A-Z][A-Z0-9_]*)\s*=/g, /\$\w+\s*\[\s*['"]([\w-]+)['"]\s*\]\s*=(?!=)/g, /['"]([\w-]+)['"]\s*=>/g, /^\s*([A-Za-z_][\w.]*)\s*=(?!=)/gm])
    for (const m of code.matchAll(re)) if (m[1].length > 1) keys.add(norm(m[1]));
  return keys;
}

interface PhpTemplateFinding { template: string; target: string; keys: number; boundKeys: number; variant?: string }

/** v4: a PHP config template copied to an untracked config file the code includes, and how much of it the environment can set. */
function phpConfigTemplate(ctx: RuleContext): PhpTemplateFinding | null | "env-bound" {
  const php = ctx.files({ roles: ["source"] }).filter((f) => f.language === "php" && !isToolingFile(f.path));
  if (!php.length) return null;
  const all = ctx.files({ roles: ["source", "dev", "example"] });
  const tracked = new Set(all.map((f) => f.path));
  let found: { template: string; target: string; keys: Set<string> } | null = null;
  for (const f of all) {
    if (PHP_TEMPLATE_SKIP_RE.test(f.path)) continue;
    const slash = f.path.lastIndexOf("/");
    const dir = f.path.slice(0, slash + 1);
    const base = f.path.slice(slash + 1);
    for (const t of PHP_TEMPLATE_RES) {
      const m = t.re.exec(base);
      if (!m) continue;
      const target = t.target(m);
      if (!PHP_CONFIG_NAME_RE.test(target) || PHP_NON_DEPLOY_NAME_RE.test(target) || tracked.has(dir + target)) break;
      // the app's code includes the file the template becomes
      const needle = new RegExp(`['"/]${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}['"]`);
      if (!php.some((p) => needle.test(ctx.snapshot.tokens(p.path)?.code ?? ""))) break;
      const keys = phpTemplateKeys(ctx.snapshot.text(f.path) ?? "");
      if (keys.size >= 2) found = { template: f.path, target: dir + target, keys };
      break;
    }
    if (found) break;
  }
  if (!found) return null;
  const bindingFiles = new Set<string>();
  let bound = 0;
  const names = envReads(ctx.snapshot, php).filter((r) => !PHP_REQUEST_VAR_RE.test(r.name) && !PHP_INSTALLER_PATH_RE.test(r.path));
  for (const k of found.keys) {
    const hits = names.filter((r) => { const n = r.name.toUpperCase(); return n === k || n.endsWith(`_${k}`); });
    if (hits.length) bound++;
    for (const h of hits) bindingFiles.add(h.path);
  }
  if (bound < 2) bindingFiles.clear();
  const baseName = (p: string) => p.slice(p.lastIndexOf("/") + 1);
  for (const p of php) {
    if (!PHP_DYNAMIC_ENV_RE.test(ctx.snapshot.tokens(p.path)?.code ?? "")) continue;
    // a prefixed lookup binds every key wherever it sits, unless it is the Docker variant's own helper
    if (!PHP_DOCKER_VARIANT_RE.test(baseName(p.path))) return "env-bound";
    bindingFiles.add(p.path);
  }
  if (!bindingFiles.size) {
    const docker = all.find((f) => PHP_DOCKER_VARIANT_RE.test(baseName(f.path)));
    return { template: found.template, target: found.target, keys: found.keys.size, boundKeys: bound, ...(docker ? { variant: docker.path } : {}) };
  }
  // the environment reaches those settings only through an alternative config file (phpipam's config.docker.php, a
  // Docker variant of the template): the default install still keeps them in the file
  const isVariant = (p: string) => p !== found!.template && p !== found!.target && PHP_CONFIG_NAME_RE.test(baseName(p));
  if (![...bindingFiles].every(isVariant)) return "env-bound";
  return { template: found.template, target: found.target, keys: found.keys.size, boundKeys: bound, variant: [...bindingFiles][0] };
}

/**
 * v5 (session 25; fresh set session31c: Piwigo and Flarum III human fail / scanner pass): PHP apps whose web or CLI
 * installer *writes* the config file the app includes, with no template in the repository — Piwigo's install.php
 * `fopen($config_file, 'w')` of `local/config/database.inc.php`, which include/common.inc.php includes; Flarum's
 * Install/Steps/StoreConfig `file_put_contents` of the `config.php` that Foundation/Site.php includes. The database
 * credentials and URLs then exist only in a file on the instance, exactly as with a copied template.
 */
const PHP_INCLUDE_RE = /\b(?:include|require)(?:_once)?\b\s*\(?([^;]{0,200});/g;
const PHP_CONFIG_LITERAL_RE = /['"]([^'"\n]*?([\w.-]*(?:config|conf|settings|database)[\w.-]*\.php))['"]/i;
/** Installer code: install.php, setup.php, an install/ or Install/ directory, an Installer class. */
const PHP_INSTALLER_FILE_RE = /(^|\/)(install|installer|setup)(\/|[._-][^/]*$|\.php$)|(^|\/)\w*Install(er)?\w*\.php$/i;
const PHP_FILE_WRITE_RE = /\bfile_put_contents\s*\(|\bfopen\s*\([^;]*?,\s*['"][wxc]b?\+?['"]\s*\)|\bfwrite\s*\(/;
/** Variables a vendored library or its tests read, not the app's settings (Smarty's SMARTY_PHPUNIT_*). */
const PHP_NON_APP_ENV_RE = /PHPUNIT|(^|_)TESTS?(_|$)/;

interface PhpInstallerConfig { includer: string; line: number; target: string; writer: string; envNames: string[] }

/** v5: the untracked config file the installer writes and the app includes, with the environment reading (almost) nothing. */
function phpInstallerConfig(ctx: RuleContext): PhpInstallerConfig | null {
  const php = ctx.files({ roles: ["source"] }).filter((f) => f.language === "php" && !isToolingFile(f.path) && !PHP_TEMPLATE_SKIP_RE.test(f.path));
  if (!php.length) return null;
  const installers = php.filter((f) => PHP_INSTALLER_FILE_RE.test(f.path));
  if (!installers.length) return null;
  const code = (p: string) => ctx.snapshot.tokens(p)?.code ?? "";
  const writers = installers.filter((f) => PHP_FILE_WRITE_RE.test(code(f.path)));
  if (!writers.length) return null;
  const trackedPaths = ctx.snapshot.files.map((f) => f.path);
  const tracked = new Set(trackedPaths);
  // a path with a directory (`config/database.inc.php`) may sit under any prefix (PWG_LOCAL_DIR); a bare name
  // (`"$basePath/config.php"`) only at the root or beside the file that includes it
  const isTracked = (tail: string, includerDir: string) =>
    tail.includes("/") ? trackedPaths.some((t) => t === tail || t.endsWith("/" + tail)) : tracked.has(tail) || tracked.has(`${includerDir}/${tail}`);
  const found: PhpInstallerConfig[] = [];
  for (const f of php) {
    if (PHP_INSTALLER_FILE_RE.test(f.path)) continue;
    const tok = ctx.snapshot.tokens(f.path);
    if (!tok) continue;
    for (const m of tok.code.matchAll(PHP_INCLUDE_RE)) {
      const lit = PHP_CONFIG_LITERAL_RE.exec(m[1]);
      if (!lit) continue;
      // the literal's path tail (`config/database.inc.php`, `/config.php`) names no tracked file
      const tail = lit[1].replace(/^.*?\$\{?\w+\}?/, "").replace(/^\.?\//, "");
      const base = lit[2];
      if (PHP_NON_DEPLOY_NAME_RE.test(base) || found.some((c) => c.target === tail) || isTracked(tail, f.path.slice(0, f.path.lastIndexOf("/")))) continue;
      const needle = new RegExp(`['"/]${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}['"]`);
      if (!installers.some((i) => needle.test(code(i.path)))) continue;
      found.push({ includer: f.path, line: tok.lineAt(m.index ?? 0), target: tail, writer: writers[0].path, envNames: [] });
    }
  }
  if (!found.length) return null;
  // the app's own code (the installer's excluded) reads at most one setting from the environment
  const names = [...new Set(envReads(ctx.snapshot, php.filter((p) => !PHP_INSTALLER_FILE_RE.test(p.path))).map((r) => r.name).filter((n) => !PHP_REQUEST_VAR_RE.test(n) && !PLATFORM_ENV_RE.test(n) && !NOT_APP_CONFIG_RE.test(n) && !PHP_NON_APP_ENV_RE.test(n)))];
  if (names.length > 1) return null;
  for (const c of found) c.envNames = names;
  // the database settings' file when the installer writes several (Piwigo's database.inc.php next to config.inc.php)
  return found.find((c) => /database|(^|[\/_.-])db([_.-]|$)/i.test(c.target)) ?? found[0] ?? null;
}

export default defineRule({
  meta: {
    id: "F03-CONFIG-FILE-PRIMARY",
    version: 5,
    factor: "F03",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["TOKEN", "PARSE"],
    title: "Config lives in a file on the instance, not in the environment",
    rationale:
      "Twelve-factor stores config in environment variables rather than in config files that must be written to each instance. An app whose settings — ports, database, credentials, public URL — are only read from a YAML/XML/INI/JS file in its data or config directory (with the environment naming at most that directory) cannot be configured by the platform: each deploy needs the file created, mounted and edited by hand, and the file is easily checked in or shared between deploys.",
    remediation: "Let every setting of the config file be overridden by an environment variable (APP_SECTION_KEY), or read deploy-specific settings from the environment directly; keep the file for defaults only.",
    docs: {
      bad: [{ file: "server/config.ts", code: "const home = process.env.APP_HOME || defaultHome();\nexport const values = require(path.join(home, 'config.js')); // port, LDAP, storage …" }],
      good: [{ file: "server/config.ts", code: "export const values = { port: Number(process.env.PORT ?? 9000), ldapUrl: process.env.LDAP_URL, ...fileDefaults };" }],
    },
    sources: [{ title: "12factor.net — Config", url: "https://12factor.net/config" }],
    deviations:
      "Not in RULES.md (session 8, accuracy bench: thelounge and traccar III human partial / scanner pass — config.js in THELOUNGE_HOME, conf/traccar.xml with environment variables honoured only behind a switch). Reported when a service unit loads a structured config file at runtime (yaml.load(readFileSync(…)), require(<config path>), Properties.loadFromXML, configparser, YAML.load_file, toml.DecodeFile …) while (1) its code reads at most one environment variable that is app configuration — names of the config location (…_HOME/_DIR/_PATH/_FILE, CONFIG…), logging, build metadata, test switches, proxies, editors and systemd socket variables are not counted, nor platform-provided names — and (2) no compose service or Dockerfile of the repository sets more than one such variable either, and (3) no config layer binds environment variables to every key (viper AutomaticEnv, koanf, nconf.env(), urfave/cli EnvVars, Spring/Quarkus/Micronaut/ASP.NET Core/Rails/Laravel/Symfony/Django settings, @SpringBootApplication/@ConfigurationProperties in code, pydantic BaseSettings, a parser over os.Environ/process.env, `${ENV:…}` interpolation). Many apps read an optional config file with an env override for every key: those are not reported (authelia, ntfy, searxng, actual-server, paperless-ngx, memos in the bench). v2 (session 12, sbt support): Scala code is read with the Java patterns (Properties.loadFromXML). v3 (session 20; accuracy bench blocky, glances, homebridge, archivy III human partial / scanner pass): the generic decoders count inside a configuration module (a path naming config/settings/conf): Go yaml/toml Unmarshal/NewDecoder, Python yaml.safe_load/load, JS/TS JSON.parse(readFileSync(…)); Python's ConfigParser() counts anywhere; terminal, locale and runtime-tooling variables (TZ, NO_COLOR, TERM, LANG, LC_*, GOCOVERDIR, PYTHONUNBUFFERED) are not app configuration (blocky reads only TZ and NO_COLOR besides its config-file path), and only the final stage's ENV of a Dockerfile configures the running app (blocky's build stage sets GO_SKIP_GENERATE, GOOS, CGO_ENABLED …). v4 (session 24; accuracy bench osTicket, YOURLS, easyappointments, ampache and (fresh) phpMyFAQ III human fail / scanner pass or partial, phpipam and roundcubemail partial / pass): PHP apps without an env-bound framework (Laravel and Symfony are) ship a config template — config-sample.php, config.dist.php, ost-sampleconfig.php, database.php.original, config.inc.php.sample, configuration_sample.php — that the installer or the operator copies to an untracked file the code includes. Reported when the template names the app's configuration (not a plugin's, a test's or a dev/docker variant), the file it becomes is not tracked and is named in the app's PHP code, and the template defines at least two settings. When no environment read reaches those settings (a read of the same name or `<PREFIX>_<NAME>`, outside the installer's own install/setup code, which reads the environment to write the file) the finding is high and `instanceFileOnly`, which caps III at fail (scoring v18); when only a Docker variant of the file (config.docker.php) reads them, medium (partial). Code that binds a variable to each setting (kanboard's `define('DB_HOST', getenv('DB_HOST') ?: …)`, grocy's `getenv('GROCY_' . $name)`) is not reported. v5 (session 25; fresh set session31c: Piwigo and Flarum III human fail / scanner pass): with no template at all, the installer itself writes the file — a PHP installer (install.php, setup.php, an install/ or Install/ directory, an *Install* class) names the config file the app's other code includes (`@include(… 'config/database.inc.php')`, `include \"$basePath/config.php\"`), some installer file writes files (file_put_contents, fopen for writing, fwrite), the file is not tracked, and the app's code (installer excluded) reads at most one environment variable that is app configuration: high and `instanceFileOnly` like a template nobody binds. Settings an installer writes as JSON or INI and the app parses rather than includes (Shaarli, matomo) are not recognised yet. Also v5 (session 25, corpus check: AdGuardHome, human III fail — AdGuardHome.yaml is written by the setup wizard and the UI, and only ADGUARD_HOME_DEFAULT_WEB_PORT is read from the environment): Go's `os.Environ()` counts as a config layer over the whole environment only when iterated or parsed, not when handed to a child process (`syscall.Exec(execPath, os.Args, os.Environ())` of its self-updater).",
  },
  check(ctx) {
    if (ctx.unit.frameworks.some((f) => DERIVED_ENV_FRAMEWORKS.has(f.id))) return ctx.na("the config framework binds an environment variable to every setting");
    const tpl = phpConfigTemplate(ctx);
    if (tpl === "env-bound") return ctx.na("the PHP code binds an environment variable to the config template's settings");
    if (tpl) {
      ctx.evidence({ path: tpl.template, note: `config template for ${tpl.target}; ${tpl.boundKeys} of ${tpl.keys} setting(s) read from the environment` });
      ctx.report({
        path: tpl.template,
        line: 1,
        severity: tpl.variant ? "medium" : "high",
        confidence: tpl.variant ? "medium" : "high",
        message: tpl.variant
          ? `Settings live in ${tpl.target}, copied from this template on the instance; only the alternative config file ${tpl.variant} reads them from the environment.`
          : `Settings (database credentials, salts, URLs) live in ${tpl.target}, copied from this template on the instance or written by the installer; the environment sets ${tpl.boundKeys === 0 ? "none" : "almost none"} of them.`,
        match: `php-config-template:${tpl.target}`,
        data: { target: tpl.target, templateKeys: tpl.keys, envBoundKeys: tpl.boundKeys, ...(tpl.variant ? { envVariant: tpl.variant } : { instanceFileOnly: true }) },
      });
      return;
    }
    const written = phpInstallerConfig(ctx);
    if (written) {
      ctx.evidence({ path: written.writer, note: `the installer writes ${written.target}` });
      ctx.report({
        path: written.includer,
        line: written.line,
        severity: "high",
        confidence: "high",
        message: `Settings (database credentials, URLs) live in ${written.target}, which the installer (${written.writer}) writes on the instance; the environment sets ${written.envNames.length ? "almost none" : "none"} of them.`,
        match: `php-installer-config:${written.target}`,
        data: { target: written.target, writer: written.writer, envNames: written.envNames.join(","), instanceFileOnly: true },
      });
      return;
    }
    // v5: development-only files (webpack.dev.js, a dev server config) configure no deployed process
    const code = ctx.files({ roles: ["source"] }).filter((f) => f.language !== null && f.env !== "dev" && f.env !== "test" && !isToolingFile(f.path) && LOADERS.some((l) => l.langs.includes(f.language!)));
    if (!code.length) return ctx.na("no application source code");
    let loader: { path: string; line: number; what: string } | null = null;
    for (const f of code) {
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok) continue;
      if (derivesEnv(tok.code)) return ctx.na("the config layer binds environment variables to every setting");
      if (loader) continue;
      const lines = tok.codeLines();
      for (const l of LOADERS) {
        if (!l.langs.includes(f.language!) || (l.pathRe && !l.pathRe.test(f.path))) continue;
        const i = lines.findIndex((x) => l.re.test(x));
        if (i >= 0) {
          loader = { path: f.path, line: i + 1, what: l.what };
          break;
        }
      }
    }
    if (!loader) return ctx.na("the app loads no configuration file at runtime");
    const appNames = new Set(envReads(ctx.snapshot, code).map((r) => r.name).filter((n) => !PLATFORM_ENV_RE.test(n) && !NOT_APP_CONFIG_RE.test(n)));
    const deployNames = new Set<string>();
    for (const c of ctx.snapshot.composeFiles()) for (const s of c.services) for (const e of s.environment) if (!PLATFORM_ENV_RE.test(e.name) && !NOT_APP_CONFIG_RE.test(e.name)) deployNames.add(e.name);
    // v3: only the runtime (final) stage's ENV configures the running app; a build stage's GOOS/CGO_ENABLED/… do not
    for (const d of ctx.snapshot.dockerfiles()) for (const st of d.model.stages.slice(-1)) for (const ins of st.instructions) {
      if (ins.keyword !== "ENV") continue;
      for (const m of ins.args.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)(?==)/g)) if (!PLATFORM_ENV_RE.test(m[1]) && !NOT_APP_CONFIG_RE.test(m[1])) deployNames.add(m[1]);
    }
    ctx.evidence({ path: loader.path, line: loader.line, note: `loads a ${loader.what}; ${appNames.size} app setting(s) read from the environment` });
    if (appNames.size > 1 || deployNames.size > 1) return;
    ctx.report({
      path: loader.path, line: loader.line,
      message: `Configuration is read from a ${loader.what} on the instance; the environment sets ${appNames.size + deployNames.size === 0 ? "none of it" : "almost none of it"}.`,
      match: `config-file:${loader.what}`,
      data: { appEnvNames: [...appNames].join(","), deployEnvNames: [...deployNames].join(",") },
    });
  },
});
