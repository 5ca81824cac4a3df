import { defineRule } from "./define-rule.ts";
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
/** …plus config layers that read the whole environment or interpolate it into the file. */
const DERIVED_ENV_EXTRA_RE = /\bnconf\.(?:argv\(\)\.)?env\s*\(|\bEnvVars\s*:|\bos\.Environ\s*\(\)|\bos\.environ\.items\s*\(|Object\.(?:keys|entries)\s*\(\s*process\.env\s*\)|EnvInterpolation|\benviron_name\s*=|\$\{ENV:/;
const derivesEnv = (code: string) => ENV_BOUND_CONFIG_RE.test(code) || DERIVED_ENV_EXTRA_RE.test(code);

export default defineRule({
  meta: {
    id: "F03-CONFIG-FILE-PRIMARY",
    version: 3,
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
      "Not in RULES.md (session 8, accuracy bench: thelounge and traccar III human partial / scanner pass — config.js in THELOUNGE_HOME, conf/traccar.xml with environment variables honoured only behind a switch). Reported when a service unit loads a structured config file at runtime (yaml.load(readFileSync(…)), require(<config path>), Properties.loadFromXML, configparser, YAML.load_file, toml.DecodeFile …) while (1) its code reads at most one environment variable that is app configuration — names of the config location (…_HOME/_DIR/_PATH/_FILE, CONFIG…), logging, build metadata, test switches, proxies, editors and systemd socket variables are not counted, nor platform-provided names — and (2) no compose service or Dockerfile of the repository sets more than one such variable either, and (3) no config layer binds environment variables to every key (viper AutomaticEnv, koanf, nconf.env(), urfave/cli EnvVars, Spring/Quarkus/Micronaut/ASP.NET Core/Rails/Laravel/Symfony/Django settings, @SpringBootApplication/@ConfigurationProperties in code, pydantic BaseSettings, a parser over os.Environ/process.env, `${ENV:…}` interpolation). Many apps read an optional config file with an env override for every key: those are not reported (authelia, ntfy, searxng, actual-server, paperless-ngx, memos in the bench). v2 (session 12, sbt support): Scala code is read with the Java patterns (Properties.loadFromXML). v3 (session 20; accuracy bench blocky, glances, homebridge, archivy III human partial / scanner pass): the generic decoders count inside a configuration module (a path naming config/settings/conf): Go yaml/toml Unmarshal/NewDecoder, Python yaml.safe_load/load, JS/TS JSON.parse(readFileSync(…)); Python's ConfigParser() counts anywhere; terminal, locale and runtime-tooling variables (TZ, NO_COLOR, TERM, LANG, LC_*, GOCOVERDIR, PYTHONUNBUFFERED) are not app configuration (blocky reads only TZ and NO_COLOR besides its config-file path), and only the final stage's ENV of a Dockerfile configures the running app (blocky's build stage sets GO_SKIP_GENERATE, GOOS, CGO_ENABLED …).",
  },
  check(ctx) {
    if (ctx.unit.frameworks.some((f) => DERIVED_ENV_FRAMEWORKS.has(f.id))) return ctx.na("the config framework binds an environment variable to every setting");
    const code = ctx.files({ roles: ["source"] }).filter((f) => f.language !== null && !isToolingFile(f.path) && LOADERS.some((l) => l.langs.includes(f.language!)));
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
